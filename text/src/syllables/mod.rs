//! Syllable counting per language (READABILITY.md §5.4 and §6).
//!
//! [`count`] gives the spoken syllables of an ordinary word token. Numbers, codes, abbreviations
//! and acronyms count 1 and are recognised by the caller, not here.
//!
//! Every token goes through the same normalisation before a language counter sees it: typographic
//! ligatures are expanded (`ﬁ` → `fi`; `œ` and `æ` are letters and stay), soft hyphens and
//! zero-width characters are removed, the text is put in NFC and lowercased, and apostrophes
//! (elisions: `l'été` = `lété`) are removed. The result is split at hyphens (`-`, U+2010,
//! U+2011); the parts are counted separately and added up, a part without a vowel adding nothing
//! (`a-t-il` = 2). Every word has at least 1 syllable.
//!
//! - French, Dutch, German: rule-based counters (`fr`, `nl`, `de`).
//! - English: CMUdict lookup with a hyphenation-based fallback (`en`, [`count_en_fallback`]).

use crate::Lang;
use unicode_normalization::UnicodeNormalization;

mod de;
mod en;
mod fr;
mod nl;

/// Spoken syllables of an ordinary word token in `lang` (at least 1).
pub fn count(word: &str, lang: Lang) -> u32 {
    match lang {
        Lang::Fr => count_parts(word, false, fr::count),
        Lang::Nl => count_parts(word, false, nl::count),
        Lang::De => count_parts(word, false, de::count),
        Lang::En => count_parts(word, true, en::count),
    }
}

/// English syllables without the dictionary: the hyphenation-based fallback alone (§6.6 step 2).
/// Used for words CMUdict does not know; public so that its accuracy can be measured.
pub fn count_en_fallback(word: &str) -> u32 {
    count_parts(word, false, en::fallback)
}

/// Normalises `word`, splits it at hyphens and adds up `counter` over the parts with a vowel.
/// `counter` receives a lowercase NFC part without hyphens. With `english_dictionary`,
/// apostrophes are kept for the lookup (`don't`, `o'clock`) and a part without a vowel counts
/// what CMUdict says, if it knows it (`x-ray`, `t-shirt`).
fn count_parts(word: &str, english_dictionary: bool, counter: fn(&str) -> u32) -> u32 {
    let norm = normalize(word, english_dictionary);
    let total: u32 = norm
        .split('-')
        .map(|part| match part.chars().any(is_vowel) {
            true => counter(part),
            false if english_dictionary => en::count_vowelless(part),
            false => 0,
        })
        .sum();
    total.max(1)
}

/// Lowercase NFC form of `word`: ligatures expanded, invisible characters and (unless
/// `keep_apostrophes`) apostrophes removed, every hyphen written `-`.
fn normalize(word: &str, keep_apostrophes: bool) -> String {
    word.chars()
        .flat_map(move |c| {
            let expanded = match c {
                '\u{FB00}' => "ff",
                '\u{FB01}' => "fi",
                '\u{FB02}' => "fl",
                '\u{FB03}' => "ffi",
                '\u{FB04}' => "ffl",
                '\u{FB05}' | '\u{FB06}' => "st",
                _ => "",
            };
            let single = match c {
                _ if !expanded.is_empty() => None,
                '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
                '\'' | '\u{2019}' | '\u{2018}' | '\u{2BC}' | '\u{FF07}' => {
                    keep_apostrophes.then_some('\'')
                }
                '\u{2010}' | '\u{2011}' => Some('-'),
                _ => Some(c),
            };
            expanded.chars().chain(single)
        })
        .nfc()
        .flat_map(char::to_lowercase)
        .collect()
}

/// A vowel letter of any of the four languages, with or without a diacritic (lowercase).
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'..='æ'
            | 'è'..='ï'
            | 'ò'..='ö'
            | 'ø'..='ü'
            | 'ý'
            | 'ÿ'
            | 'œ'
    )
}

/// Number of maximal runs of characters satisfying `vowel`.
fn vowel_groups(chars: &[char], vowel: impl Fn(usize) -> bool) -> u32 {
    let mut groups = 0;
    for i in 0..chars.len() {
        if vowel(i) && (i == 0 || !vowel(i - 1)) {
            groups += 1;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        assert_eq!(normalize("Ré\u{AD}u\u{FB01}e’s", false), "réufies");
        assert_eq!(normalize("don’t", true), "don't");
        assert_eq!(normalize("e\u{301}te\u{301}", false), "été");
        assert_eq!(normalize("ci\u{2011}joint", false), "ci-joint");
        assert_eq!(normalize("Œuvre", false), "œuvre");
    }

    #[test]
    fn elisions_hyphens_and_forms() {
        assert_eq!(count("l'été", Lang::Fr), 2);
        assert_eq!(count("l’été", Lang::Fr), 2);
        assert_eq!(count("jusqu'à", Lang::Fr), 2);
        assert_eq!(count("d'agréer", Lang::Fr), 3);
        assert_eq!(count("a-t-il", Lang::Fr), 2);
        assert_eq!(count("A\u{2010}T\u{2010}IL", Lang::Fr), 2);
        assert_eq!(count("ci-joint", Lang::Fr), 2);
        assert_eq!(count("renvoyez-le-nous", Lang::Fr), 5);
        assert_eq!(count("e\u{301}te\u{301}", Lang::Fr), 2);
        assert_eq!(count("ÉTÉ", Lang::Fr), 2);
        assert_eq!(count("réu\u{AD}nion", Lang::Fr), 3);
        assert_eq!(count("ofﬁce", Lang::En), 2);
        assert_eq!(count("-", Lang::Fr), 1);
        assert_eq!(count("", Lang::De), 1);
        assert_eq!(count("Bundes-Gleichstellungs-Gesetz", Lang::De), 7);
        assert_eq!(count("z'n", Lang::Nl), 1);
    }

    #[test]
    fn vowels() {
        for c in "aeiouyàâäéèêëîïôöùûüÿœæáíóúøå".chars() {
            assert!(is_vowel(c), "{c}");
        }
        for c in "bcdfghjklmnpqrstvwxzßç'-ñ÷×".chars() {
            assert!(!is_vowel(c), "{c}");
        }
    }
}
