//! German rule counter (READABILITY.md §6.5). A non-syllabic *i* before a vowel (Duden *i̯*) is
//! not a syllable: *Na-tion* 2, *Fa-mi-lie* 3.

use super::{is_vowel, vowel_groups};

/// Syllables of a lowercase NFC word without apostrophes or hyphens.
pub(super) fn count(word: &str) -> u32 {
    let w: Vec<char> = word.chars().collect();
    // Step 1: prefix `be-`/`ge-` before a vowel that makes no diphthong with its `e`
    // (be-an-tra-gen, ge-ehrt, be-ur-tei-len; not Bei-spiel, beu-gen; not Beet, Bee-re).
    if let ['b' | 'g', 'e', v, rest @ ..] = w.as_slice() {
        let diphthong = match v {
            'i' | 'y' => true,
            'u' => !matches!(rest.first(), Some('r' | 'n')),
            _ => false,
        };
        let berry = word.starts_with("beet") || word.starts_with("beere");
        if is_vowel(*v) && !diphthong && !berry {
            return 1 + core(&w[2..]);
        }
    }
    core(&w).max(1)
}

/// Steps 2–7 on a word or on what follows a `be-`/`ge-` prefix.
fn core(w: &[char]) -> u32 {
    let at = |i: usize| w.get(i).copied().unwrap_or(' ');
    let vowel = |i: usize| match at(i) {
        // `y` at the start before a vowel or between vowels is a consonant (Yacht, Bay-ern).
        'y' => !(is_vowel(at(i + 1)) && (i == 0 || is_vowel(at(i - 1)))),
        c => is_vowel(c),
    };
    let rest_is = |i: usize, endings: &[&str]| {
        let rest = w.get(i..).unwrap_or_default();
        endings.iter().any(|e| rest.iter().copied().eq(e.chars()))
    };

    // Step 2: vowel groups (`ai au äu ei eu ey ie aa ee oo` count once: Frau, Schnee).
    let mut n = vowel_groups(w, vowel);
    for i in 0..w.len() {
        let after_vowel = i > 0 && vowel(i - 1);
        let (next, next2) = (at(i + 1), at(i + 2));
        let split = match (w[i], next) {
            // Step 3: diphthong + `e` (Bau-er, neu-e, Feu-er, Ei-er). Step 5: `eum` not after a
            // vowel (Mu-se-um).
            ('e', 'u') if next2 == 'm' => !after_vowel,
            ('a' | 'e' | 'ä', 'u') | ('a' | 'e', 'i') => next2 == 'e',
            // Step 4: `ee` before a final `n`/`ns` (I-de-en, Se-en), or before `i`/`u`
            // (See-ufer, un-ge-eig-net).
            ('e', 'e') => rest_is(i + 2, &["n", "ns"]) || matches!(next2, 'i' | 'u'),
            // Step 5: `ea`, `eo`, `oa` (The-a-ter, Ko-a-la); `ua`, `uo`, `ue` not after `q` or a
            // vowel (Si-tu-a-tion, Du-o, ak-tu-ell); `oe` + `s t l` (Po-e-sie).
            ('e', 'a' | 'o') | ('o', 'a') => true,
            ('u', 'a' | 'o' | 'e') => !after_vowel && (i == 0 || w[i - 1] != 'q'),
            ('o', 'e') => matches!(next2, 's' | 't' | 'l'),
            // Step 6: `i` + `a`/`o`/`u`/`ä` (Ra-di-o, Pi-a-no, Di-ät) unless the `i` is a glide: `-ion`
            // (Na-tion, In-for-ma-tions-blatt), `-ium` (Mi-nis-te-rium), `-ial` not before a
            // vowel other than an ending (so-zial, Ma-te-ria-le).
            ('i', 'a' | 'o' | 'u' | 'ä') => {
                let glide = (i > 0 && next == 'o' && next2 == 'n')
                    || (next == 'u' && next2 == 'm')
                    || (next == 'a'
                        && next2 == 'l'
                        && (!is_vowel(at(i + 3))
                            || rest_is(i + 3, &["e", "en", "em", "es", "er"])));
                !glide
            }
            _ => false,
        };
        if split {
            n += 1;
        }
    }
    // Step 7: Ko-or-di-na-tion, Ko-ope-ra-tion.
    if w.starts_with(&['k', 'o', 'o']) {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn readability_examples() {
        for (word, n) in [
            ("beantragen", 4),
            ("beamter", 3),
            ("geehrt", 2),
            ("beurteilen", 4),
            ("beispiel", 2),
            ("beugen", 2),
            ("frau", 1),
            ("schnee", 1),
            ("bauer", 2),
            ("neue", 2),
            ("feuer", 2),
            ("ideen", 3),
            ("seen", 2),
            ("theater", 3),
            ("situation", 4),
            ("museum", 3),
            ("poesie", 3),
            ("nation", 2),
            ("region", 2),
            ("ministerium", 4),
            ("familie", 3),
            ("aktie", 2),
            ("koordination", 5),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }

    #[test]
    fn more_words() {
        for (word, n) in [
            ("beeinträchtigt", 4),
            ("beet", 1),
            ("beerdigung", 4),
            ("ungeeignet", 4),
            ("informationsblatt", 5),
            ("aktuell", 3),
            ("zuerst", 2),
            ("quadrat", 2),
            ("bayern", 2),
            ("yacht", 1),
            ("sozial", 2),
            ("arbeitslosenunterstützung", 8),
            ("eier", 2),
            ("diät", 2),
        ] {
            assert_eq!(count(word), n, "{word}");
        }
    }
}
