//! Documents, blocks and their origins.

use crate::{Lang, Span};
use serde::{Deserialize, Serialize};

/// What a block is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "level")]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell,
    Header,
    Footer,
    Footnote,
    Quote,
    Sender,
    Address,
}

impl BlockKind {
    /// Blocks whose sentences count in readability formulas (READABILITY.md §5.1).
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Footnote
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::Header => "header",
            BlockKind::Footer => "footer",
            BlockKind::Footnote => "footnote",
            BlockKind::Quote => "quote",
            BlockKind::Sender => "sender",
            BlockKind::Address => "address",
        }
    }
}

/// One piece of a [`SourceMap`]: `text_len` bytes of block text starting at `text_start`
/// come from `src_len` bytes of the source starting at `src_start`. When the lengths are
/// equal the mapping is byte for byte; otherwise (a decoded entity, a replaced line break)
/// the piece maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text_start: u32,
    pub text_len: u32,
    pub src_start: u32,
    pub src_len: u32,
}

/// Maps byte offsets of a block's text back to byte offsets of its source text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    pieces: Vec<Piece>,
}

impl SourceMap {
    /// A map where block text equals `len` bytes of the source starting at `src_start`.
    pub fn identity(src_start: usize, len: usize) -> Self {
        let mut m = SourceMap::default();
        m.push(0, len, src_start, len);
        m
    }

    /// Append a piece. Pieces must be pushed in increasing `text_start` order.
    pub fn push(&mut self, text_start: usize, text_len: usize, src_start: usize, src_len: usize) {
        let p = Piece {
            text_start: to_u32(text_start),
            text_len: to_u32(text_len),
            src_start: to_u32(src_start),
            src_len: to_u32(src_len),
        };
        // Merge with the previous piece when both are byte-for-byte and contiguous.
        if let Some(last) = self.pieces.last_mut()
            && last.text_len == last.src_len
            && p.text_len == p.src_len
            && last.text_start + last.text_len == p.text_start
            && last.src_start + last.src_len == p.src_start
        {
            last.text_len += p.text_len;
            last.src_len += p.src_len;
            return;
        }
        self.pieces.push(p);
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Source offset of block-text offset `pos`, as the start of something: at a boundary
    /// between two pieces, the later piece. An offset inside a piece whose lengths differ
    /// maps to the piece's start.
    pub fn to_source(&self, pos: usize) -> usize {
        self.lookup(pos, false)
    }

    /// Source offset of block-text offset `pos`, as the end of something: at a boundary
    /// between two pieces, the earlier piece's end.
    pub fn to_source_end(&self, pos: usize) -> usize {
        self.lookup(pos, true)
    }

    fn lookup(&self, pos: usize, end_bias: bool) -> usize {
        let pos = to_u32(pos);
        if self.pieces.is_empty() {
            return pos as usize;
        }
        let idx = if end_bias {
            self.pieces
                .partition_point(|p| p.text_start + p.text_len < pos)
        } else {
            self.pieces
                .partition_point(|p| p.text_start + p.text_len <= pos)
        }
        .min(self.pieces.len() - 1);
        let p = self.pieces[idx];
        if pos < p.text_start {
            return p.src_start as usize;
        }
        let rel = pos - p.text_start;
        if p.text_len == p.src_len {
            (p.src_start + rel.min(p.src_len)) as usize
        } else if rel >= p.text_len || (end_bias && rel > 0) {
            (p.src_start + p.src_len) as usize
        } else {
            p.src_start as usize
        }
    }

    /// Source span of a block-text span.
    pub fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start as usize);
        let end = if span.is_empty() {
            start
        } else {
            self.to_source_end(span.end as usize).max(start)
        };
        Span::new(start, end)
    }
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Where a block sits in the file a person holds, beyond its source offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Part of a package (e.g. `word/document.xml`, `header1.xml`) or `None` for the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// 1-based page (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based paragraph number within the part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// 1-based table, row and cell, for table cells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<(u32, u32, u32)>,
    /// 1-based footnote or endnote number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<u32>,
}

/// The origin of a block: which source text it comes from and how its offsets map there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Index into [`Document::sources`].
    pub source: u32,
    pub map: SourceMap,
    pub place: Place,
}

/// A unit of analysis and caching: one paragraph, heading, list item, table cell…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// The block's language once decided (reader hint, detection or override).
    pub lang: Option<Lang>,
    pub origin: Origin,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, origin: Origin) -> Self {
        Block {
            kind,
            text: text.into(),
            lang: None,
            origin,
        }
    }
}

/// A text a document's blocks point into: the file itself for text formats, a part of a
/// package for DOCX/ODT, a page's text for PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Empty for the file itself, else the part or page name.
    pub name: String,
    pub text: String,
}

/// A document as the readers deliver it and the engine analyses it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Format name: `txt`, `md`, `html`, `docx`, `odt`, `pdf`.
    pub format: String,
    pub blocks: Vec<Block>,
    pub sources: Vec<Source>,
    /// Language declared by the file (e.g. `<html lang>`, DOCX `w:lang`), if any.
    pub declared_lang: Option<Lang>,
}

impl Document {
    /// A plain-text document of one paragraph in `lang` that is its own source: how a
    /// rule's examples and tests are checked.
    pub fn paragraph(text: &str, lang: Lang) -> Document {
        let mut block = Block::new(
            BlockKind::Paragraph,
            text,
            Origin {
                source: 0,
                map: SourceMap::identity(0, text.len()),
                place: Place::default(),
            },
        );
        block.lang = Some(lang);
        Document {
            format: "txt".into(),
            blocks: vec![block],
            sources: vec![Source {
                name: String::new(),
                text: text.into(),
            }],
            declared_lang: Some(lang),
        }
    }

    /// Document language: the language of most words among blocks with a language.
    pub fn main_lang(&self) -> Option<Lang> {
        let mut weight = [0usize; 4];
        for b in &self.blocks {
            if let Some(l) = b.lang {
                let i = Lang::ALL.iter().position(|x| *x == l).unwrap_or(0);
                weight[i] += b.text.split_whitespace().count();
            }
        }
        let (i, w) = weight
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .unwrap_or((0, &0));
        if *w == 0 {
            self.declared_lang
        } else {
            Some(Lang::ALL[i])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_map_maps_pieces() {
        let mut m = SourceMap::default();
        m.push(0, 5, 10, 5); // "hello" at 10
        m.push(5, 1, 15, 5); // "&" from "&amp;"
        m.push(6, 3, 20, 3);
        assert_eq!(m.to_source(0), 10);
        assert_eq!(m.to_source(4), 14);
        assert_eq!(m.to_source(5), 15);
        assert_eq!(m.to_source_end(5), 15);
        assert_eq!(m.to_source(6), 20);
        assert_eq!(m.to_source_end(6), 20);
        assert_eq!(m.to_source(8), 22);
        assert_eq!(m.to_source(9), 23);
        assert_eq!(m.span_to_source(Span::new(5, 6)), Span::new(15, 20));
    }
}
