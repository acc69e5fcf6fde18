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
pub fn fold(text: &str, keep_accents: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len() + text.len() / 3),
        map: Vec::with_capacity(text.len() + text.len() / 3),
    };
    let mut prev_alnum = false;
    let mut in_word = false;
    let mut buf = String::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        // ASCII fast path for letters and digits.
        if c.is_ascii_alphanumeric() {
            if !in_word {
                out.edge(i);
                in_word = true;
            }
            out.text.push(c.to_ascii_lowercase());
            out.map.push((to_u32(i), to_u32(i + len)));
            prev_alnum = true;
            i += len;
            continue;
        }
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
                out.edge(i);
                in_word = false;
            }
            out.text.push(' ');
            out.map.push((to_u32(start), to_u32(j)));
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
                out.edge(i);
                in_word = false;
            }
            // A hyphen inside a compound separates words, like a space.
            out.text.push(if joined.is_some() { ' ' } else { '-' });
            out.map.push((to_u32(i), to_u32(i + len)));
            prev_alnum = false;
            i += len;
            continue;
        }
        buf.clear();
        push_folded(c, keep_accents, &mut buf);
        for d in buf.chars() {
            let w = is_word_char(d);
            if w != in_word {
                out.edge(i);
                in_word = w;
            }
            for _ in 0..d.len_utf8() {
                out.map.push((to_u32(i), to_u32(i + len)));
            }
            out.text.push(d);
        }
        // A combining mark that folds away belongs to the character before it.
        if buf.is_empty()
            && is_combining_mark(c)
            && let Some(last) = out.map.last_mut()
            && last.1 as usize == i
        {
            last.1 = to_u32(i + len);
        }
        prev_alnum = is_word_char(c);
        i += len;
    }
    if in_word {
        out.edge(text.len());
    }
    debug_assert_eq!(out.text.len(), out.map.len());
    out
}

impl Folded {
    /// A zero-width space at a word's edge (original offset `at`).
    fn edge(&mut self, at: usize) {
        self.text.push(' ');
        self.map.push((to_u32(at), to_u32(at)));
    }
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

/// Push the folded form of one non-ASCII-alphanumeric, non-space character.
fn push_folded(c: char, keep_accents: bool, out: &mut String) {
    match c {
        'ß' | 'ẞ' => return out.push_str("ss"),
        'œ' | 'Œ' => return out.push_str("oe"),
        'æ' | 'Æ' => return out.push_str("ae"),
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{b4}' => {
            return out.push('\'');
        }
        _ => {}
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if !keep_accents {
        match c {
            'ø' | 'Ø' => return out.push('o'),
            'ł' | 'Ł' => return out.push('l'),
            'đ' | 'Đ' => return out.push('d'),
            'ı' => return out.push('i'),
            _ => {}
        }
    }
    let mut emit = |d: char| {
        for l in d.to_lowercase() {
            if !keep_accents && is_combining_mark(l) {
                continue;
            }
            out.push(l);
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
        assert_eq!(f.text, " el   a   du   payer ");
        assert_eq!(f.original_range(1, 3), Some(0..3));
        assert_eq!(f.original_range(4, 5), Some(3..5));
        assert_eq!(f.original_range(0, 4), Some(0..3));
        let du = f.text.find("du").unwrap();
        assert_eq!(&t[f.original_range(du, du + 2).unwrap()], "dû");
    }
}
