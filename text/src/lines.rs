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
    /// Non-ASCII text only: every [`CHECKPOINT`] bytes (at the next character boundary),
    /// the byte offset and the number of chars and UTF-16 units before it. Columns are
    /// counted from the nearest checkpoint, not from the line's start: a document on one
    /// long line (a pasted or fuzzed text) made every finding scan its whole line.
    checkpoints: Vec<(u32, u32, u32)>,
}

/// Bytes between two checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 256;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let (mut chars, mut units, mut next) = (0u32, 0u32, 0usize);
            for (i, c) in text.char_indices() {
                if i >= next {
                    checkpoints.push((to_u32(i), chars, units));
                    next = i + CHECKPOINT;
                }
                chars = chars.saturating_add(1);
                units = units.saturating_add(to_u32(c.len_utf16()));
            }
        }
        LineIndex {
            starts,
            len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            ascii,
            checkpoints,
        }
    }

    /// Chars and UTF-16 units in `text[..offset]` (`offset` on a character boundary).
    fn counts_before(&self, text: &str, offset: usize) -> (usize, usize) {
        let off = to_u32(offset);
        let i = self
            .checkpoints
            .partition_point(|c| c.0 <= off)
            .saturating_sub(1);
        let (at, chars, units) = self.checkpoints.get(i).copied().unwrap_or((0, 0, 0));
        let seg = text.get(at as usize..offset).unwrap_or("");
        (
            chars as usize + seg.chars().count(),
            units as usize + seg.chars().map(char::len_utf16).sum::<usize>(),
        )
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
            let (c0, u0) = self.counts_before(text, start);
            let (c1, u1) = self.counts_before(text, offset);
            (c1.saturating_sub(c0), u1.saturating_sub(u0))
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

    /// Regression (issue #9): a document on one long line (pasted or fuzzed) made every
    /// finding's column scan the whole line, quadratic in the line's length. 200,000
    /// positions on a 2 MB line would take about 10^11 steps that way.
    #[test]
    fn columns_on_one_long_line_do_not_scan_the_line() {
        let text = "é mot ".repeat(300_000);
        let idx = LineIndex::new(&text);
        let mut last = 0;
        for (k, (o, _)) in text.char_indices().step_by(9).enumerate().take(200_000) {
            let lc = idx.line_col(&text, o);
            assert_eq!(lc.line, 0);
            assert!(k == 0 || lc.col_char > last);
            last = lc.col_char;
        }
        let end = idx.line_col(&text, text.len());
        assert_eq!(end.col_char as usize, text.chars().count());
        assert_eq!(end.col_utf16 as usize, text.chars().count());
    }

    proptest! {
        /// Columns counted from the checkpoints equal columns counted from the line's
        /// start, on texts long enough to hold several checkpoints.
        #[test]
        fn columns_equal_a_scan_of_the_line(s in "(\\PC|\n|😀|é|a{1,40}){0,700}") {
            let idx = LineIndex::new(&s);
            for (o, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                let lc = idx.line_col(&s, o);
                let start = idx.line_start(lc.line);
                let seg = &s[start..o];
                prop_assert_eq!(lc.col_char as usize, seg.chars().count());
                prop_assert_eq!(lc.col_utf16 as usize, seg.chars().map(char::len_utf16).sum::<usize>());
            }
        }

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
