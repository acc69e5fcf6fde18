//! French rule counter (READABILITY.md §6.3): spoken syllables, mute final *e* not counted.

use super::{is_vowel, vowel_groups};
use std::sync::OnceLock;

/// Words in `-ent` whose ending is pronounced (nouns, adjectives: *compétent*, *client*).
const PRONOUNCED_ENT: &str = include_str!("../../../lexicons/fr/syllables-ent-pronounced.txt");
/// Verb forms in `-ment` whose ending is mute (*ils aiment*, *ils ferment*).
const MENT_VERBS: &str = include_str!("../../../lexicons/fr/syllables-ment-verbs.txt");

/// Sorted word list of an embedded data file (`#` comments and blank lines skipped).
fn word_list(text: &'static str) -> Vec<&'static str> {
    let mut words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    words.sort_unstable();
    words
}

fn is_listed(list: &OnceLock<Vec<&'static str>>, text: &'static str, word: &str) -> bool {
    list.get_or_init(|| word_list(text))
        .binary_search(&word)
        .is_ok()
}

fn pronounced_ent(word: &str) -> bool {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    is_listed(&LIST, PRONOUNCED_ENT, word)
}

fn ment_verb(word: &str) -> bool {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    is_listed(&LIST, MENT_VERBS, word)
}

/// Syllables of a lowercase NFC word without apostrophes or hyphens.
pub(super) fn count(word: &str) -> u32 {
    let original: Vec<char> = word.chars().collect();
    // Step 1: `u` after `q`/`g` before a vowel is not a vowel (quelque, longue, guide).
    let w: Vec<char> = original
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == 'u'
                && i > 0
                && matches!(original[i - 1], 'q' | 'g')
                && original.get(i + 1).is_some_and(|&n| is_vowel(n)))
        })
        .map(|(_, &c)| c)
        .collect();
    let vowel = |i: usize| w.get(i).is_some_and(|&c| is_vowel(c));
    let at = |i: usize| w.get(i).copied().unwrap_or(' ');
    let ends_with = |s: &str| word.ends_with(s);
    // Is w[i..] a mute ending: `e`, `es`, or a verb `-ent`?
    let mute_ending = |i: usize| match w.get(i..).unwrap_or_default() {
        ['e'] | ['e', 's'] => true,
        ['e', 'n', 't'] => !pronounced_ent(word),
        _ => false,
    };

    // Step 2: vowel groups.
    let mut n = vowel_groups(&w, vowel);
    for i in 0..w.len() {
        let (c, next) = (w[i], at(i + 1));
        // Step 3: `y` between vowels (ro-yal, vo-yage, mo-yen).
        if c == 'y' && i > 0 && vowel(i - 1) && vowel(i + 1) {
            n += 1;
        }
        // Step 4: hiatus inside a vowel group.
        if is_vowel(c)
            && is_vowel(next)
            && hiatus(c, next, w.get(i + 2..).unwrap_or_default(), || {
                mute_ending(i + 1)
            })
        {
            n += 1;
        }
        // Step 5: consonant + r/l + i/u/ou + vowel (cri-er, ou-bli-er, cli-ent, pri-ons).
        if "bcdfgptv".contains(c) && matches!(next, 'r' | 'l') {
            let (glide, k) = match (at(i + 2), at(i + 3)) {
                ('o', 'u') => ('o', i + 4),
                (g @ ('i' | 'u'), _) => (g, i + 3),
                _ => (' ', 0),
            };
            let v = at(k);
            // Not `ui` (fruit, pluie), not `ouill` (brouillard), not `y` (bruyant: step 3).
            let glide_vowel = match glide {
                'u' => v != 'i',
                'o' => !(v == 'i' && at(k + 1) == 'l'),
                _ => true,
            };
            if glide != ' ' && vowel(k) && v != 'y' && glide_vowel && !mute_ending(k) {
                n += 1;
            }
        }
    }
    // *pays*, *paysan*, *paysage*: `ay` is two vowels there.
    if word.contains("pays") {
        n += 1;
    }
    // *souhait*: `ou` before a mute `h` and a vowel is the glide /w/.
    if w.windows(4)
        .any(|t| matches!(t, ['o', 'u', 'h', v] if is_vowel(*v)))
    {
        n = n.saturating_sub(1);
    }
    // *coopérer*, *coordonner*: the first `o` is a syllable of its own.
    if word.starts_with("coo") {
        n += 1;
    }

    let len = w.len();
    let consonant_at = |i: usize| i < len && !is_vowel(w[i]);
    // Step 6: final mute `e`/`es` after a consonant (ta-ble, de-mande).
    if n > 1
        && ((ends_with("e") && len >= 2 && consonant_at(len - 2))
            || (ends_with("es") && len >= 3 && consonant_at(len - 3)))
    {
        n -= 1;
    }
    // Step 7: verb ending `-ent` after a consonant (par-lent), except the listed pronounced
    // words and words in `-ment` other than the listed verb forms (mo-ment, ils ai-ment).
    if n > 1 && ends_with("ent") && len >= 4 && consonant_at(len - 4) {
        let mute = if ends_with("ment") {
            ment_verb(word)
        } else {
            !pronounced_ent(word)
        };
        if mute {
            n -= 1;
        }
    }
    n.max(1)
}

/// Step 4: is the vowel pair `a b` (followed by `rest`) a hiatus, i.e. two syllables?
/// `b_mute` tells whether `b` starts a mute ending (`-e`, `-es`, `-ent`).
fn hiatus(a: char, b: char, rest: &[char], b_mute: impl Fn() -> bool) -> bool {
    match (a, b) {
        // ré-u-nion, ré-a-gir, ré-el; but i-dée, ré-ser-vées, a-gréent.
        ('é', 'a' | 'i' | 'o' | 'u' | 'à' | 'â' | 'è' | 'é' | 'ê' | 'ô') => true,
        ('é', 'e') => !b_mute(),
        // a-é-ro-port, po-é-sie, po-ème, na-ïf, No-ël.
        ('a' | 'o' | 'e', 'é') | ('o', 'è') | ('a' | 'e' | 'o', 'ï' | 'ü') | ('a' | 'o', 'ë') => {
            true
        }
        // cha-os, ca-ca-o; not a-oût, not final `-aon(s)` (paon, taon).
        ('a', 'o') => !matches!(rest, ['û', ..] | ['n'] | ['n', 's']),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn data_lists() {
        let pronounced = word_list(PRONOUNCED_ENT);
        let verbs = word_list(MENT_VERBS);
        assert!(pronounced.len() > 100 && verbs.len() > 80);
        for w in pronounced.iter().chain(&verbs) {
            assert!(w.ends_with("ent") && w.nfc().eq(w.chars()), "{w}");
            assert!(w.chars().all(|c| c.is_lowercase()), "{w}");
        }
        assert!(verbs.iter().all(|w| w.ends_with("ment")));
        assert!(!pronounced.iter().any(|w| w.ends_with("ment")));
    }

    #[test]
    fn readability_examples() {
        for (word, n) in [
            ("bureau", 2),
            ("oiseau", 2),
            ("quelque", 1),
            ("longue", 1),
            ("guide", 1),
            ("royal", 2),
            ("voyage", 2),
            ("moyen", 2),
            ("réunion", 3),
            ("réel", 2),
            ("poésie", 3),
            ("aéroport", 4),
            ("poème", 2),
            ("naïf", 2),
            ("chaos", 2),
            ("août", 1),
            ("idée", 2),
            ("créée", 2),
            ("agréent", 2),
            ("crier", 2),
            ("oublier", 3),
            ("client", 2),
            ("prions", 2),
            ("prie", 1),
            ("oublie", 2),
            ("table", 1),
            ("demande", 2),
            ("parlent", 1),
            ("doivent", 1),
            ("compétent", 3),
            ("moment", 2),
            ("aiment", 1),
            ("ferment", 1),
            ("expriment", 2),
            ("pays", 2),
            ("paysage", 3),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }

    #[test]
    fn more_words() {
        for (word, n) in [
            ("fruit", 1),
            ("pluie", 1),
            ("cruel", 2),
            ("brouillard", 2),
            ("bruyant", 2),
            ("crient", 1),
            ("étudient", 3),
            ("parlaient", 2),
            ("essaient", 2),
            ("éloquent", 3),
            ("expliquent", 2),
            ("abbaye", 3),
            ("coopération", 5),
            ("paon", 1),
            ("aujourdhui", 3),
            ("monsieur", 2),
            ("récemment", 3),
            ("nomment", 1),
            ("souhaite", 1),
            ("souhaiter", 2),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }
}
