//! Dutch rule counter (READABILITY.md §6.4).

use super::{is_vowel, vowel_groups};

/// Syllables of a lowercase NFC word without apostrophes or hyphens.
pub(super) fn count(word: &str) -> u32 {
    let w: Vec<char> = word.chars().collect();
    let at = |i: usize| w.get(i).copied().unwrap_or(' ');
    // `j` after `i` is part of the vowel `ij`; `y` before a vowel at the start is a consonant.
    let vowel = |i: usize| match at(i) {
        'j' => i > 0 && at(i - 1) == 'i',
        'y' => !(i == 0 && is_vowel(at(1))),
        c => is_vowel(c),
    };
    let after_vowel = |i: usize| i > 0 && vowel(i - 1);
    let ends_from = |i: usize, endings: &[&str]| {
        let rest = w.get(i..).unwrap_or_default();
        endings.iter().any(|e| rest.iter().copied().eq(e.chars()))
    };

    // Step 1: vowel groups, `ij` being one vowel (leeuw, nieuw, bureau, huwelijk).
    let mut n = vowel_groups(&w, vowel);
    for (i, &c) in w.iter().enumerate() {
        let next = at(i + 1);
        let hiatus = match c {
            // Step 2: diaeresis after a vowel (Bel-gi-ë, i-de-eën, ru-ï-ne, co-ör-di-na-tie);
            // an accent after a plain vowel (emphasis accents on both letters: vóór, één).
            'ä' | 'ë' | 'ï' | 'ö' | 'ü' => after_vowel(i),
            'á' | 'é' | 'í' | 'ó' | 'ú' | 'à' | 'è' | 'â' | 'ê' | 'ô' => {
                after_vowel(i) && matches!(at(i - 1), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            }
            // Step 3: `ie` after `aa`, `oo`, `oe` (mooi-e, koei-en).
            'i' if next == 'e' && i >= 2 => {
                matches!((at(i - 2), at(i - 1)), ('a', 'a') | ('o', 'o') | ('o', 'e'))
            }
            // Steps 4 and 5: `e` + `a`/`o` not in `eau` (the-a-ter, vi-de-o); `eum` (mu-se-um);
            // both not after another vowel.
            'e' => {
                !after_vowel(i)
                    && ((next == 'o' || (next == 'a' && at(i + 2) != 'u'))
                        || (next == 'u' && at(i + 2) == 'm'))
            }
            // Step 6: `ua`, `uo`, `ue` not after `q`/`g` (si-tu-a-tie, du-o, du-el).
            'u' => matches!(next, 'a' | 'o' | 'e') && i > 0 && !matches!(at(i - 1), 'q' | 'g'),
            // `ij` before a vowel (bij-een, vrij-er).
            'j' => vowel(i) && is_vowel(next),
            _ => false,
        };
        // Step 7: `i` + `a`/`o` (pe-ri-o-de, ra-di-o), but not `ioe` (pen-sioen) and not the
        // endings `-ion`, `-ions`, `-ionen` (sta-tion).
        let glide_i = c == 'i'
            && matches!(next, 'a' | 'o')
            && !(next == 'o' && at(i + 2) == 'e')
            && !ends_from(i, &["ion", "ions", "ionen"]);
        if hiatus || glide_i {
            n += 1;
        }
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn readability_examples() {
        for (word, n) in [
            ("leeuw", 1),
            ("nieuw", 1),
            ("bureau", 2),
            ("huwelijk", 3),
            ("belgië", 3),
            ("ideeën", 3),
            ("ruïne", 3),
            ("coördinatie", 5),
            ("mooie", 2),
            ("koeien", 2),
            ("theater", 3),
            ("ideaal", 3),
            ("video", 3),
            ("museum", 3),
            ("situatie", 4),
            ("duo", 2),
            ("duel", 2),
            ("periode", 4),
            ("radio", 3),
            ("idioot", 3),
            ("pensioen", 2),
            ("station", 2),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }

    #[test]
    fn more_words() {
        for (word, n) in [
            ("vóór", 1),
            ("één", 1),
            ("bijeenkomst", 3),
            ("rijen", 2),
            ("jij", 1),
            ("yoghurt", 2),
            ("baby", 2),
            ("kwestie", 2),
            ("geïnteresseerd", 5),
            ("overeenstemming", 5),
            ("werkloosheidsbureau", 5),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }
}
