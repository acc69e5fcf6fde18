//! English (READABILITY.md §6.6): CMUdict lookup, hyphenation-based fallback.

use super::is_vowel;
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// CMUdict word → syllables, front-coded; format and provenance in the file header and in
/// `lexicons/tools/cmudict_syllables.py`.
const CMUDICT: &str = include_str!("../../../lexicons/en/syllables-cmudict.txt");

/// The decoded dictionary: all words concatenated, and one sorted entry per word.
struct Dict {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
}

#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u8,
    syllables: u8,
}

impl Dict {
    fn word(&self, e: Entry) -> &[u8] {
        let start = e.start as usize;
        self.bytes
            .get(start..start + usize::from(e.len))
            .unwrap_or_default()
    }

    fn get(&self, word: &str) -> Option<u32> {
        let i = self
            .entries
            .binary_search_by(|&e| self.word(e).cmp(word.as_bytes()))
            .ok()?;
        self.entries.get(i).map(|e| u32::from(e.syllables))
    }
}

/// Decodes the front-coded data: each line is `<count><shared prefix length><suffix>`, the two
/// numbers being base-36 digits. Malformed lines are skipped.
fn decode(data: &str) -> Dict {
    let mut dict = Dict {
        bytes: Vec::with_capacity(data.len() * 2),
        entries: Vec::with_capacity(data.len() / 5),
    };
    let mut prev = (0usize, 0usize);
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        let mut chars = line.chars();
        let digits = (chars.next(), chars.next());
        let (Some(count), Some(shared)) = (
            digits.0.and_then(|c| c.to_digit(36)),
            digits.1.and_then(|c| c.to_digit(36)),
        ) else {
            continue;
        };
        let (shared, suffix) = (shared as usize, chars.as_str());
        let start = dict.bytes.len();
        let (Ok(start32), Ok(len), Ok(syllables)) = (
            u32::try_from(start),
            u8::try_from(shared + suffix.len()),
            u8::try_from(count),
        ) else {
            continue;
        };
        if shared > prev.1 {
            continue;
        }
        dict.bytes.extend_from_within(prev.0..prev.0 + shared);
        dict.bytes.extend_from_slice(suffix.as_bytes());
        dict.entries.push(Entry {
            start: start32,
            len,
            syllables,
        });
        prev = (start, usize::from(len));
    }
    dict
}

fn lookup(word: &str) -> Option<u32> {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(|| decode(CMUDICT)).get(word)
}

/// `word` without apostrophes and diacritics (`naïve` → `naive`), borrowed when already plain.
fn fold(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .filter(|&c| c != '\'')
            .nfd()
            .filter(|&c| !is_combining_mark(c))
            .nfc()
            .collect(),
    )
}

/// Syllables of a lowercase NFC word part (apostrophes kept): CMUdict as written
/// (`don't`, `o'clock`), then without apostrophes and diacritics, then [`fallback`].
pub(super) fn count(word: &str) -> u32 {
    if let Some(n) = lookup(word) {
        return n;
    }
    let plain = fold(word);
    lookup(&plain).unwrap_or_else(|| fallback(&plain))
}

/// Syllables of a part without a vowel: CMUdict's count (`x` 1, `tv` 2), otherwise 0.
pub(super) fn count_vowelless(part: &str) -> u32 {
    lookup(part).or_else(|| lookup(&fold(part))).unwrap_or(0)
}

/// §6.6 step 2: hyphenate with `hypher` at minima (1,1); each segment with a vowel counts its
/// vowel groups (`a e i o u y`), at least 1, the last one minus a silent final `e`.
pub(super) fn fallback(word: &str) -> u32 {
    let word = fold(word);
    let total: u32 = if word.len() <= hypher::MAX_INLINE_SIZE {
        let segments = hypher::hyphenate_bounded(&word, hypher::Lang::English, 1, 1);
        let last = segments.len().saturating_sub(1);
        segments
            .enumerate()
            .map(|(i, seg)| segment(seg, i == last && silent_final_e(&word)))
            .sum()
    } else {
        // Longer than `hypher` accepts without allocating: vowel groups of the whole word.
        segment(&word, silent_final_e(&word))
    };
    total.max(1)
}

/// A final `e` after a consonant, except in consonant + `-le` (*make*, *whale*; not *table*).
fn silent_final_e(word: &str) -> bool {
    let mut rev = word.chars().rev();
    let (last, before, third) = (rev.next(), rev.next(), rev.next());
    let consonant = |c: Option<char>| c.is_some_and(|c| !is_vowel(c));
    last == Some('e') && consonant(before) && !(before == Some('l') && consonant(third))
}

/// Syllables of one hyphenation segment: vowel groups, minus one if `silent_e`, at least 1;
/// 0 without a vowel.
fn segment(seg: &str, silent_e: bool) -> u32 {
    let mut groups = 0;
    let mut prev_vowel = false;
    for c in seg.chars() {
        let v = is_vowel(c);
        if v && !prev_vowel {
            groups += 1;
        }
        prev_vowel = v;
    }
    match groups {
        0 => 0,
        _ => (groups - u32::from(silent_e)).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary() {
        for (word, n) in [
            ("the", 1),
            ("our", 2),
            ("application", 4),
            ("don't", 1),
            ("o'clock", 2),
            ("hmm", 1),
            ("zucchini", 3),
        ] {
            assert_eq!(lookup(word), Some(n), "{word}");
        }
        assert_eq!(lookup("plainlyx"), None);
        assert_eq!(count("naïve"), 2);
        assert_eq!(count("students'"), 2);
        assert_eq!(count_vowelless("x"), 1);
        assert_eq!(count_vowelless("bcdfg"), 0);
    }

    #[test]
    fn data_is_sorted_and_complete() {
        let dict = decode(CMUDICT);
        assert!(dict.entries.len() > 120_000);
        assert!(
            dict.entries
                .windows(2)
                .all(|p| dict.word(p[0]) < dict.word(p[1]))
        );
        assert!(dict.entries.iter().all(|e| e.syllables >= 1));
    }

    #[test]
    fn fallback_examples() {
        for (word, n) in [
            ("table", 2),
            ("make", 1),
            ("the", 1),
            ("plainly", 2),
            ("readability", 5),
        ] {
            assert_eq!(fallback(word), n, "{word}");
        }
        // Longer than hypher's inline limit: no panic, vowel groups.
        assert!(fallback(&"supercalifragilisticexpialidocious".repeat(2)) > 20);
    }
}
