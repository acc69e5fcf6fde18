//! LSP positions ⇄ byte offsets, in the negotiated encoding (UTF-8 when the client offers
//! it, else UTF-16), always through a line index: never a scan of the text per finding.

use plainly_text::LineIndex;
use plainly_text::lines::ColumnUnit;
use tower_lsp_server::ls_types::{Position, Range};

/// The position encoding agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf8 => ColumnUnit::Utf8,
            Encoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A text with its line index.
#[derive(Debug, Clone)]
pub struct Indexed {
    pub text: String,
    pub index: LineIndex,
}

impl Indexed {
    pub fn new(text: String) -> Self {
        let index = LineIndex::new(&text);
        Indexed { text, index }
    }

    /// Byte offset of an LSP position; positions past a line's end or the text's end
    /// clamp to it (clients do send those).
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        self.index
            .offset(&self.text, pos.line, pos.character, enc.unit())
    }

    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let lc = self.index.line_col(&self.text, offset);
        Position {
            line: lc.line,
            character: match enc {
                Encoding::Utf8 => lc.col_utf8,
                Encoding::Utf16 => lc.col_utf16,
            },
        }
    }

    pub fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        Range {
            start: self.position(start, enc),
            end: self.position(end, enc),
        }
    }

    /// Apply one content change (a range edit, or the whole text when `range` is None).
    pub fn apply(&mut self, range: Option<Range>, new_text: &str, enc: Encoding) {
        match range {
            None => *self = Indexed::new(new_text.to_string()),
            Some(r) => {
                let start = self.offset(r.start, enc);
                let end = self.offset(r.end, enc).max(start);
                let mut text = std::mem::take(&mut self.text);
                text.replace_range(start..end, new_text);
                *self = Indexed::new(text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_agree_on_emoji_and_accents() {
        let t = Indexed::new("é😀x\nsuite".to_string());
        let x = t.text.find('x').unwrap_or(0);
        assert_eq!(
            t.position(x, Encoding::Utf16),
            Position {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            t.position(x, Encoding::Utf8),
            Position {
                line: 0,
                character: 6
            }
        );
        assert_eq!(
            t.offset(
                Position {
                    line: 0,
                    character: 3
                },
                Encoding::Utf16
            ),
            x
        );
        // Out of range: clamps.
        assert_eq!(
            t.offset(
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            t.text.len()
        );
        assert_eq!(
            t.offset(
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            x + 1
        );
    }

    #[test]
    fn incremental_edits_apply_in_order() {
        let mut t = Indexed::new("Bonjour le monde".to_string());
        let r = |a, b| Range {
            start: Position {
                line: 0,
                character: a,
            },
            end: Position {
                line: 0,
                character: b,
            },
        };
        t.apply(Some(r(8, 10)), "à tout", Encoding::Utf16);
        t.apply(Some(r(0, 7)), "Salut", Encoding::Utf16);
        assert_eq!(t.text, "Salut à tout monde");
    }
}
