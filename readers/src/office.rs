//! What the DOCX and ODT readers share: the time budget, paragraph text building and the
//! assembly of blocks into a [`Document`] with one [`Source`] per package part.

use crate::{Limits, ReadError};
use plainly_text::document::{Origin, Place, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The time budget of one file, checked between parts and every few thousand XML events.
#[derive(Debug)]
pub(crate) struct Clock {
    start: Instant,
    max: Duration,
    secs: u64,
}

impl Clock {
    pub(crate) fn new(limits: &Limits) -> Self {
        Clock {
            start: Instant::now(),
            max: Duration::from_secs(limits.max_seconds),
            secs: limits.max_seconds,
        }
    }

    pub(crate) fn check(&self) -> Result<(), ReadError> {
        if self.start.elapsed() > self.max {
            Err(ReadError::Timeout(self.secs))
        } else {
            Ok(())
        }
    }
}

/// A block before assembly: its place lacks the part name, which [`assemble`] adds.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: BlockKind,
    pub text: String,
    pub place: Place,
}

/// Blocks of one package part, in reading order.
#[derive(Debug, Clone)]
pub(crate) struct PartBlocks {
    pub part: String,
    pub drafts: Vec<Draft>,
}

impl PartBlocks {
    pub(crate) fn new(part: &str, drafts: Vec<Draft>) -> Self {
        PartBlocks {
            part: part.to_string(),
            drafts,
        }
    }

    /// All block texts joined, to compare headers and footers.
    pub(crate) fn joined(&self) -> String {
        let texts: Vec<&str> = self.drafts.iter().map(|d| d.text.as_str()).collect();
        texts.join("\n\n")
    }
}

const SOFT_HYPHEN: char = '\u{AD}';

/// Builds the text of one paragraph.
#[derive(Debug, Default)]
pub(crate) struct TextBuf {
    pub text: String,
    /// True after a collapsible space (ODF white-space rules) or at the paragraph start.
    collapsed: bool,
}

impl TextBuf {
    pub(crate) fn new() -> Self {
        TextBuf {
            text: String::new(),
            collapsed: true,
        }
    }

    /// Literal text (DOCX `w:t`, ODF `text:s`, tabs and line breaks). Soft hyphens
    /// (U+00AD) are dropped: they only mark where a word may break.
    pub(crate) fn push_str(&mut self, s: &str) {
        if s.contains(SOFT_HYPHEN) {
            self.text.extend(s.chars().filter(|c| *c != SOFT_HYPHEN));
        } else {
            self.text.push_str(s);
        }
        self.collapsed = false;
    }

    /// ODF character data: runs of XML white space become one space.
    pub(crate) fn push_collapsing(&mut self, s: &str) {
        for c in s.chars() {
            if c == SOFT_HYPHEN {
                continue;
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.collapsed {
                    self.text.push(' ');
                    self.collapsed = true;
                }
            } else {
                self.text.push(c);
                self.collapsed = false;
            }
        }
    }
}

/// Assemble parts into a document. `parts` is in reading order; a part may appear more than
/// once (ODT notes live in `content.xml` with the body): its blocks share one source.
pub(crate) fn assemble(
    format: &str,
    parts: Vec<PartBlocks>,
    declared_lang: Option<Lang>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let chars: usize = parts
        .iter()
        .flat_map(|p| p.drafts.iter())
        .map(|d| d.text.chars().count())
        .sum();
    if chars > limits.max_text_chars {
        return Err(ReadError::text_chars(chars, limits.max_text_chars));
    }
    let mut doc = Document {
        format: format.to_string(),
        declared_lang,
        ..Document::default()
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for part in parts {
        for draft in part.drafts {
            if draft.text.is_empty() {
                continue;
            }
            let si = match index.get(&part.part) {
                Some(i) => *i,
                None => {
                    doc.sources.push(Source {
                        name: part.part.clone(),
                        text: String::new(),
                    });
                    let i = doc.sources.len() - 1;
                    index.insert(part.part.clone(), i);
                    i
                }
            };
            let Some(source) = doc.sources.get_mut(si) else {
                continue;
            };
            if !source.text.is_empty() {
                source.text.push_str("\n\n");
            }
            let offset = source.text.len();
            source.text.push_str(&draft.text);
            let place = Place {
                part: Some(part.part.clone()),
                ..draft.place
            };
            let origin = Origin {
                source: u32::try_from(si).unwrap_or(u32::MAX),
                map: SourceMap::identity(offset, draft.text.len()),
                place,
            };
            doc.blocks.push(Block::new(draft.kind, draft.text, origin));
        }
    }
    Ok(doc)
}

/// Trimmed block text, or `None` when nothing visible is left.
pub(crate) fn finish_text(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}
