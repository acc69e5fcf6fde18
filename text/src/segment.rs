//! Sentence segmentation (READABILITY.md §7). PLACEHOLDER: replaced by the segmentation work.

use crate::{BlockKind, Lang, Span};
use serde::{Deserialize, Serialize};

/// What a unit of text is. Only `Sentence` and `ListItem` count in readability formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    Sentence,
    ListItem,
    Heading,
    Salutation,
    Closing,
    Signature,
    Fragment,
}

impl UnitKind {
    /// Counts in `St` and `W` (READABILITY.md §5.1).
    pub fn counts(self) -> bool {
        matches!(self, UnitKind::Sentence | UnitKind::ListItem)
    }

    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Sentence => "sentence",
            UnitKind::ListItem => "list-item",
            UnitKind::Heading => "heading",
            UnitKind::Salutation => "salutation",
            UnitKind::Closing => "closing",
            UnitKind::Signature => "signature",
            UnitKind::Fragment => "fragment",
        }
    }
}

/// A sentence-level unit: its kind and its byte span in the block text (trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    pub span: Span,
}

/// Cut a block's text into units.
pub fn segment(text: &str, lang: Lang, block: BlockKind) -> Vec<Unit> {
    let _ = (lang, block);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            push_trimmed(text, start, i + c.len_utf8(), UnitKind::Sentence, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), UnitKind::Sentence, &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, kind: UnitKind, out: &mut Vec<Unit>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push(Unit {
            kind,
            span: Span::new(start + lead, end - trail),
        });
    }
}
