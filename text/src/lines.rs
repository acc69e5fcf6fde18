//! Line index: byte offsets ⇄ line/column in UTF-8 bytes, chars and UTF-16 units.
//!
//! Built once per source text; every conversion is a binary search over line starts plus
//! a scan of one line at most, never a scan of the whole text.

use serde::Serialize;

/// A 0-based position with the column in three encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 0-based line.
    pub line: u32,
    /// 0-based column in UTF-8 bytes.
    pub col_utf8: u32,
    /// 0-based column in Unicode scalar values.
    pub col_char: u32,
    /// 0-based column in UTF-16 code units.
    pub col_utf16: u32,
}

/// Which unit a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Char,
    Utf16,
}

/// Line starts of a text. Lines end at `\n`; a `\r` before it belongs to the line's end.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex {
            starts,
            len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts (clamped to the text's end).
    pub fn line_start(&self, line: u32) -> usize {
        self.starts.get(line as usize).copied().unwrap_or(self.len) as usize
    }

    /// Byte offset just after the line's content (before `\r\n` / `\n`).
    pub fn line_end(&self, text: &str, line: u32) -> usize {
        let start = self.line_start(line);
        let next = self
            .starts
            .get(line as usize + 1)
            .map(|s| *s as usize - 1)
            .unwrap_or(self.len as usize);
        let mut end = next.max(start);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let off = u32::try_from(offset).unwrap_or(u32::MAX).min(self.len);
        let idx = self.starts.partition_point(|s| *s <= off);
        u32::try_from(idx.saturating_sub(1)).unwrap_or(0)
    }

    /// Line and columns of byte `offset` in `text` (the text this index was built on).
    /// Offsets inside a character are moved back to the character's start.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col_utf8 = offset - start;
        let (col_char, col_utf16) = if self.ascii {
            (col_utf8, col_utf8)
        } else {
            let seg = &text[start..offset];
            (seg.chars().count(), seg.chars().map(char::len_utf16).sum())
        };
        LineCol {
            line,
            col_utf8: to_u32(col_utf8),
            col_char: to_u32(col_char),
            col_utf16: to_u32(col_utf16),
        }
    }

    /// Byte offset of a 0-based line and a column in `unit`. Columns past the line's end
    /// clamp to it; lines past the end clamp to the text's end. A column inside a
    /// character (e.g. between the two UTF-16 units of an emoji) moves to its start.
    pub fn offset(&self, text: &str, line: u32, col: u32, unit: ColumnUnit) -> usize {
        if line as usize >= self.starts.len() {
            return text.len();
        }
        let start = self.line_start(line);
        // Clamp to the line's raw end (before `\n`, after any `\r`).
        let end = self
            .starts
            .get(line as usize + 1)
            .map(|s| *s as usize - 1)
            .unwrap_or(text.len())
            .clamp(start, text.len());
        let seg = &text[start..end];
        let col = col as usize;
        match unit {
            ColumnUnit::Utf8 => {
                let mut o = col.min(seg.len());
                while o > 0 && !seg.is_char_boundary(o) {
                    o -= 1;
                }
                start + o
            }
            ColumnUnit::Char => {
                if self.ascii {
                    return start + col.min(seg.len());
                }
                start
                    + seg
                        .char_indices()
                        .nth(col)
                        .map(|(i, _)| i)
                        .unwrap_or(seg.len())
            }
            ColumnUnit::Utf16 => {
                if self.ascii {
                    return start + col.min(seg.len());
                }
                let mut units = 0usize;
                for (i, c) in seg.char_indices() {
                    let next = units + c.len_utf16();
                    if next > col {
                        return start + i;
                    }
                    units = next;
                }
                end
            }
        }
    }
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emoji_and_accents() {
        let text = "ab\ncé😀x\r\nz";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap_or(0);
        let lc = idx.line_col(text, x);
        assert_eq!(
            (lc.line, lc.col_utf8, lc.col_char, lc.col_utf16),
            (1, 7, 3, 4)
        );
        assert_eq!(idx.offset(text, 1, 4, ColumnUnit::Utf16), x);
        assert_eq!(
            idx.offset(text, 1, 3, ColumnUnit::Utf16),
            text.find('😀').unwrap_or(0)
        );
        assert_eq!(idx.line_end(text, 1), x + 1);
        assert_eq!(idx.line_col(text, text.len()).line, 2);
    }

    proptest! {
        #[test]
        fn round_trip_every_boundary(s in "(\\PC|\n|\r\n|😀|e\u{301}){0,60}") {
            let idx = LineIndex::new(&s);
            for (o, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                let lc = idx.line_col(&s, o);
                prop_assert_eq!(idx.offset(&s, lc.line, lc.col_utf8, ColumnUnit::Utf8), o);
                prop_assert_eq!(idx.offset(&s, lc.line, lc.col_char, ColumnUnit::Char), o);
                prop_assert_eq!(idx.offset(&s, lc.line, lc.col_utf16, ColumnUnit::Utf16), o);
            }
        }
    }
}
