//! Syllable counting per language (READABILITY.md §6). PLACEHOLDER: replaced by the syllables work.

use crate::Lang;

/// Spoken syllables of an ordinary word (at least 1).
pub fn count(word: &str, lang: Lang) -> u32 {
    let _ = lang;
    let mut n = 0;
    let mut prev = false;
    for c in word.chars().flat_map(char::to_lowercase) {
        let v = "aeiouyàâäéèêëîïôöùûüÿœæ".contains(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n.max(1)
}
