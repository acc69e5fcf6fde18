//! Case and accent folding with an offset map back to the original text.
//!
//! Folding lowercases, decomposes (NFKD, or NFD when accents are kept) and drops combining
//! marks, maps `ß`→`ss`, `œ`→`oe`, `æ`→`ae`, typographic apostrophes to `'` and hyphen
//! variants to `-`; collapses every run of white space (line breaks and no-break spaces
//! included) to one space; drops soft hyphens and zero-width characters; reads a hyphen
//! inside a compound as a space (`ci-joint` folds to `ci joint`, so `Pro-Deo-Anwalt`
//! holds `pro deo`), and undoes end-of-line hyphenation (`adminis-\ntration` folds to
//! `administration`; the matcher also compiles hyphenated forms without their hyphens, for
//! `ci-\njoint`). Forms and text are folded the same way, so they meet.
//!
//! Every folded byte records the byte range of the original character (or white-space run)
//! it comes from, so a match in folded text maps back to whole characters of the original:
//! folding never splits a character.

use std::ops::Range;
use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};

/// Folded text and, for each of its bytes, the original byte range it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    map: Vec<(u32, u32)>,
    tail: Tail,
}

impl Folded {
    /// Original byte range of folded bytes `start..end` (`start < end`): from the start of
    /// the first one's source to the end of the last one's. Both ends are char boundaries
    /// of the original text (a word edge's space maps to an empty range at the edge).
    pub fn original_range(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start >= end {
            return None;
        }
        let (s, _) = *self.map.get(start)?;
        let (_, e) = *self.map.get(end - 1)?;
        Some(s as usize..e as usize)
    }

    /// Original byte range of the single folded byte `i`.
    pub fn source_of(&self, i: usize) -> Option<Range<usize>> {
        self.map.get(i).map(|&(s, e)| s as usize..e as usize)
    }
}

/// Fold `text` for matching: case and accents (or case only with `keep_accents`).
///
/// Every word gets a space of its own on each side (zero-width in the map), so a folded
/// form (` indu `) only ever meets whole words: word boundaries are part of the pattern.
/// Between two words, white space folds to the second word's opening space (`pro  rata` →
/// ` pro  rata `); next to other signs it stays apart from the words' own spaces (`m. E.`
/// is not `m.E.`).
pub fn fold(text: &str, keep_accents: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len() + text.len() / 4),
        map: Vec::with_capacity(text.len() + text.len() / 4),
        tail: Tail::Other,
    };
    let bytes = text.as_bytes();
    let mut prev_alnum = false;
    let mut in_word = false;
    let mut buf = String::new();
    let mut i = 0;
    while i < text.len() {
        // ASCII fast paths: letters and digits, a single space, punctuation.
        if let Some(&b) = bytes.get(i)
            && b.is_ascii()
        {
            if b.is_ascii_alphanumeric() {
                if !in_word {
                    out.enter_word(i);
                    in_word = true;
                }
                out.put(char::from(b.to_ascii_lowercase()), i, i + 1);
                prev_alnum = true;
                i += 1;
                continue;
            }
            if b == b' ' && bytes.get(i + 1).is_none_or(u8::is_ascii_alphanumeric) {
                if in_word {
                    out.leave_word(i);
                    in_word = false;
                }
                out.space(i, i + 1);
                prev_alnum = false;
                i += 1;
                continue;
            }
            if b.is_ascii_punctuation() && b != b'-' && b != b'`' {
                if in_word {
                    out.leave_word(i);
                    in_word = false;
                }
                out.put(char::from(b), i, i + 1);
                prev_alnum = false;
                i += 1;
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if c.is_whitespace() || (is_invisible(c) && next_is_space(text, i + len)) {
            let start = i;
            let mut j = i;
            while let Some(d) = text.get(j..).and_then(|s| s.chars().next()) {
                if d.is_whitespace() || is_invisible(d) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            if in_word {
                out.leave_word(i);
                in_word = false;
            }
            out.space(start, j);
            prev_alnum = false;
            i = j;
            continue;
        }
        if is_invisible(c) {
            i += len;
            continue;
        }
        if is_hyphen(c) || c == '\u{ad}' {
            let joined = joining_hyphen(text, i + len, prev_alnum, c == '\u{ad}');
            match joined {
                // End-of-line hyphenation or a soft hyphen: the word goes on.
                Some((next, true)) => {
                    i = next;
                    continue;
                }
                Some((next, false)) if c == '\u{ad}' => {
                    i = next;
                    continue;
                }
                _ => {}
            }
            if c == '\u{ad}' {
                i += len;
                continue;
            }
            if in_word {
                out.leave_word(i);
                in_word = false;
            }
            if joined.is_some() {
                // A hyphen inside a compound separates words, like a space.
                out.space(i, i + len);
            } else {
                out.put('-', i, i + len);
            }
            prev_alnum = false;
            i += len;
            continue;
        }
        let (folded, word) = match latin_folded(c, keep_accents) {
            Some(hit) => hit,
            None => {
                buf.clear();
                push_folded(c, keep_accents, &mut buf);
                (buf.as_str(), is_word_char(c))
            }
        };
        for d in folded.chars() {
            let w = is_word_char(d);
            if w != in_word {
                if w {
                    out.enter_word(i);
                } else {
                    out.leave_word(i);
                }
                in_word = w;
            }
            out.put(d, i, i + len);
        }
        // A combining mark that folds away belongs to the character before it.
        if folded.is_empty()
            && is_combining_mark(c)
            && let Some(last) = out.map.last_mut()
            && last.1 as usize == i
        {
            last.1 = to_u32(i + len);
        }
        prev_alnum = word;
        i += len;
    }
    if in_word {
        out.leave_word(text.len());
    }
    debug_assert_eq!(out.text.len(), out.map.len());
    out
}

/// What the folded text ends with, to fold the white space between two words to one space.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Tail {
    #[default]
    Other,
    /// A word and its closing edge space.
    WordEdge,
    /// A word, its closing edge space and one space of white space (which opens the next
    /// word, if a word comes next).
    WordEdgeSpace,
}

impl Folded {
    /// A folded character from original bytes `start..end`.
    #[inline]
    fn put(&mut self, c: char, start: usize, end: usize) {
        if c.is_ascii() {
            self.map.push((to_u32(start), to_u32(end)));
        } else {
            for _ in 0..c.len_utf8() {
                self.map.push((to_u32(start), to_u32(end)));
            }
        }
        self.text.push(c);
        self.tail = Tail::Other;
    }

    /// The zero-width space that opens a word (original offset `at`). After a word and
    /// white space, the white space is the new word's opening space: two words keep one
    /// space each (two matches side by side each need their own), ` a  b `, not ` a   b `.
    fn enter_word(&mut self, at: usize) {
        if self.tail != Tail::WordEdgeSpace {
            self.text.push(' ');
            self.map.push((to_u32(at), to_u32(at)));
        }
        self.tail = Tail::Other;
    }

    /// The zero-width space that closes a word (original offset `at`).
    fn leave_word(&mut self, at: usize) {
        self.text.push(' ');
        self.map.push((to_u32(at), to_u32(at)));
        self.tail = Tail::WordEdge;
    }

    /// White space (original bytes `start..end`), or a hyphen between two words.
    fn space(&mut self, start: usize, end: usize) {
        self.text.push(' ');
        self.map.push((to_u32(start), to_u32(end)));
        self.tail = if self.tail == Tail::WordEdge {
            Tail::WordEdgeSpace
        } else {
            Tail::Other
        };
    }
}

/// First character of the Latin table (`À`) and its length (to `ɏ`, Latin Extended-B).
const LATIN_START: u32 = 0xc0;
const LATIN_LEN: usize = 0x250 - 0xc0;

/// The folding (accents dropped) of the Latin letters that French, Dutch, German and
/// English texts use, and whether the letter belongs to a word, computed once: the common
/// non-ASCII letters skip the Unicode tables.
fn latin_folded(c: char, keep_accents: bool) -> Option<(&'static str, bool)> {
    static TABLE: std::sync::OnceLock<Vec<(String, bool)>> = std::sync::OnceLock::new();
    if keep_accents {
        return None;
    }
    let k = usize::try_from(u32::from(c).checked_sub(LATIN_START)?).ok()?;
    if k >= LATIN_LEN {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        (0..LATIN_LEN)
            .map(|k| {
                let mut s = String::new();
                let c = u32::try_from(k)
                    .ok()
                    .and_then(|k| char::from_u32(LATIN_START + k));
                if let Some(c) = c {
                    push_folded(c, false, &mut s);
                }
                (s, c.is_some_and(is_word_char))
            })
            .collect()
    });
    table.get(k).map(|(s, w)| (s.as_str(), *w))
}

/// Fold a form, an allowed term or a phrase to compare: like [`fold`], trimmed.
pub fn fold_str(text: &str, keep_accents: bool) -> String {
    fold(text.trim(), keep_accents).text.trim().to_string()
}

/// The pattern a form compiles to: its fold with the word-edge spaces kept.
pub fn fold_pattern(form: &str, keep_accents: bool) -> String {
    fold(form.trim(), keep_accents).text
}

/// A character that belongs to a word: letters, digits and combining marks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Zero-width characters: no trace in the folded text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn next_is_space(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_whitespace)
}

/// A hyphen (ending at `after`) between two words: directly followed by a letter or digit
/// after one (`ci-joint`: returns `(after, false)`), or followed by a line break (spaces
/// around it allowed) and a letter (`adminis-\ntration`: returns where the word goes on,
/// `true`). A soft hyphen joins whatever comes before it.
fn joining_hyphen(text: &str, after: usize, prev_alnum: bool, soft: bool) -> Option<(usize, bool)> {
    if !prev_alnum && !soft {
        return None;
    }
    let rest = text.get(after..)?;
    let mut newline = false;
    for (k, d) in rest.char_indices() {
        match d {
            '\n' | '\r' => newline = true,
            ' ' | '\t' => {}
            d if is_invisible(d) => {}
            d => {
                return ((k == 0 || newline) && d.is_alphanumeric())
                    .then_some((after + k, newline || soft));
            }
        }
    }
    None
}

/// Characters folded to a fixed text whatever their source: typed directly or given by a
/// decomposition (`ŉ` decomposes to `ʼn`, whose `ʼ` must fold like a typed one). `None`
/// for the others.
fn special(c: char, keep_accents: bool) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{b4}' => "'",
        'ø' | 'Ø' if !keep_accents => "o",
        'ł' | 'Ł' if !keep_accents => "l",
        'đ' | 'Đ' if !keep_accents => "d",
        'ı' if !keep_accents => "i",
        _ => return None,
    })
}

/// Push the folded form of one non-ASCII-alphanumeric, non-space character.
fn push_folded(c: char, keep_accents: bool, out: &mut String) {
    if let Some(s) = special(c, keep_accents) {
        return out.push_str(s);
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The characters a decomposition gives fold like typed ones (`ŉ` → `ʼn` → `'n`).
    let mut emit = |d: char| {
        for l in d.to_lowercase() {
            if !keep_accents && is_combining_mark(l) {
                continue;
            }
            match special(l, keep_accents) {
                Some(s) => out.push_str(s),
                None => out.push(l),
            }
        }
    };
    if keep_accents {
        decompose_canonical(c, &mut emit);
    } else {
        decompose_compatible(c, &mut emit);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn folds_case_accents_and_space() {
        // Word edges get their own spaces; compare with spaces normalised.
        let n = |s: &str, keep: bool| {
            fold_str(s, keep)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            n("Veuillez  trouver\nCI-JOINT", false),
            "veuillez trouver ci joint"
        );
        assert_eq!(
            fold_str("Veuillez  trouver\nCI-JOINT", false),
            fold_str("veuillez trouver ci joint", false)
        );
        assert_eq!(n("Gemäß", false), "gemass");
        assert_eq!(n("Côte", true), "co\u{302}te");
        assert_eq!(n("l’œuvre", false), "l ' oeuvre");
        assert_eq!(n("adminis-\ntration", false), "administration");
        assert_eq!(n("adminis- \r\n  tration", false), "administration");
        assert_eq!(n("a - b", false), "a - b");
        assert_eq!(n("2025-2026", false), "2025 2026");
        assert_eq!(n("ci-\njoint", false), "cijoint");
        assert_eq!(fold_str("in\u{a0}casu", false), fold_str("in casu", false));
        assert_eq!(n("ex\u{ad}tunc", false), "extunc");
        assert_eq!(fold_pattern("indu", false), " indu ");
    }

    #[test]
    fn maps_back_to_whole_characters() {
        let t = "Él  a dû\npayer";
        let f = fold(t, false);
        // Two spaces between words (each word's own), however much white space is there.
        assert_eq!(f.text, " el  a  du  payer ");
        assert_eq!(f.original_range(1, 3), Some(0..3));
        assert_eq!(f.original_range(4, 5), Some(3..5));
        assert_eq!(f.original_range(5, 6), Some(5..6));
        assert_eq!(f.original_range(0, 4), Some(0..3));
        // Next to other signs, white space stays apart from the words' own spaces.
        assert_ne!(fold_str("m. E.", false), fold_str("m.E.", false));
        assert_eq!(fold_str("m.  E.", false), fold_str("m. E.", false));
        let du = f.text.find("du").unwrap();
        assert_eq!(&t[f.original_range(du, du + 2).unwrap()], "dû");
    }
}
