//! Where a finding is, in terms a person can use: line and column for text formats, plus
//! part/page/paragraph for packaged formats, and the quoted words.

use plainly_rules::Finding;
use plainly_text::document::Place;
use plainly_text::{Document, LineIndex, Span};
use serde::Serialize;

/// 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A finding's location.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    /// Index into the document's sources.
    #[serde(skip)]
    pub source: usize,
    /// Byte span in that source text.
    pub span: Span,
    pub start: Pos,
    pub end: Pos,
    #[serde(skip_serializing_if = "is_empty_place")]
    pub place: Place,
    /// The words the finding is about (shortened when long).
    pub excerpt: String,
}

fn is_empty_place(p: &Place) -> bool {
    *p == Place::default()
}

/// Line indexes of a document's sources, built once per document.
#[derive(Debug)]
pub struct Locator<'a> {
    doc: &'a Document,
    indexes: Vec<LineIndex>,
}

impl<'a> Locator<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Locator {
            doc,
            indexes: doc
                .sources
                .iter()
                .map(|s| LineIndex::new(&s.text))
                .collect(),
        }
    }

    pub fn source_text(&self, source: usize) -> &str {
        self.doc
            .sources
            .get(source)
            .map(|s| s.text.as_str())
            .unwrap_or("")
    }

    pub fn source_name(&self, source: usize) -> &str {
        self.doc
            .sources
            .get(source)
            .map(|s| s.name.as_str())
            .unwrap_or("")
    }

    pub fn block(&self, index: usize) -> Option<&'a plainly_text::Block> {
        self.doc.blocks.get(index)
    }

    pub fn index(&self, source: usize) -> Option<&LineIndex> {
        self.indexes.get(source)
    }

    /// Source span and positions of a block-relative span (for fix edits).
    pub fn locate_span(&self, block: usize, span: Span) -> Option<(Span, Pos, Pos)> {
        let b = self.doc.blocks.get(block)?;
        let source = b.origin.source as usize;
        let src = b.origin.map.span_to_source(span);
        let text = self.source_text(source);
        let idx = self.indexes.get(source)?;
        let pos = |o: usize| {
            let lc = idx.line_col(text, o);
            Pos {
                line: lc.line + 1,
                column: lc.col_char + 1,
            }
        };
        Some((src, pos(src.start as usize), pos(src.end as usize)))
    }

    pub fn locate(&self, f: &Finding) -> Location {
        let (source, span, place, excerpt) = match f.block.and_then(|i| self.doc.blocks.get(i)) {
            Some(b) => (
                b.origin.source as usize,
                b.origin.map.span_to_source(f.span),
                b.origin.place.clone(),
                excerpt(f.span.slice(&b.text)),
            ),
            None => (0, Span::default(), Place::default(), String::new()),
        };
        let text = self.source_text(source);
        let pos = |o: usize| match self.indexes.get(source) {
            Some(idx) => {
                let lc = idx.line_col(text, o);
                Pos {
                    line: lc.line + 1,
                    column: lc.col_char + 1,
                }
            }
            None => Pos { line: 1, column: 1 },
        };
        Location {
            source,
            span,
            start: pos(span.start as usize),
            end: pos(span.end as usize),
            place,
            excerpt,
        }
    }
}

/// Quote at most about 12 words of `s`, on one line.
pub fn excerpt(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!(
            "{} … {}",
            words[..8].join(" "),
            words[words.len() - 3..].join(" ")
        )
    }
}

/// A place as a person would say it: "header1.xml, paragraph 3", "page 2".
pub fn describe_place(place: &Place, source_name: &str) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(part) = &place.part {
        parts.push(part.clone());
    } else if !source_name.is_empty() && place.page.is_none() {
        parts.push(source_name.to_string());
    }
    if let Some(p) = place.page {
        parts.push(format!("page {p}"));
    }
    if let Some((t, r, c)) = place.table {
        parts.push(format!("table {t}, row {r}, cell {c}"));
    }
    if let Some(n) = place.note {
        parts.push(format!("note {n}"));
    }
    if let Some(p) = place.paragraph {
        parts.push(format!("paragraph {p}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}
