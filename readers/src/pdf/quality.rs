//! The text-quality gate: is the extracted text worth linting?
//!
//! A scanned PDF has (almost) no text; a PDF whose fonts lack a usable encoding gives
//! glyphs plainly cannot map, control characters, or letters that spell nothing
//! (`FRQGLWLRQV`). Such text is refused rather than linted. The measures: the number of
//! characters; the share of unmapped glyphs; the share of letters among the characters that
//! are not white space or leader dots; the share of words found among the frequent words of
//! French, Dutch, German and English (`lexicons/<lang>/detect-words.txt`); and the share of
//! long words with no vowel.

use std::collections::HashSet;
use std::sync::OnceLock;

const WORD_LISTS: [&str; 4] = [
    include_str!("../../../lexicons/fr/detect-words.txt"),
    include_str!("../../../lexicons/nl/detect-words.txt"),
    include_str!("../../../lexicons/de/detect-words.txt"),
    include_str!("../../../lexicons/en/detect-words.txt"),
];

fn frequent() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        WORD_LISTS
            .iter()
            .flat_map(|l| l.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .map(|w| w.trim_end_matches(['\'', '’']))
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// What the gate measured, for the error message and for tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Measures {
    pub chars: usize,
    pub unmapped: usize,
    pub letters: usize,
    pub counted: usize,
    pub bad: usize,
    pub words: usize,
    pub frequent: usize,
    pub latin_words: usize,
    pub no_vowel: usize,
}

fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'á'
            | 'â'
            | 'ä'
            | 'ã'
            | 'å'
            | 'è'
            | 'é'
            | 'ê'
            | 'ë'
            | 'ì'
            | 'í'
            | 'î'
            | 'ï'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'ö'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'û'
            | 'ü'
            | 'ÿ'
            | 'æ'
            | 'œ'
            | 'ø'
            | '\u{133}'
    )
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c)
}

pub(crate) fn measure<'a>(texts: impl Iterator<Item = &'a str>, unmapped: usize) -> Measures {
    let words = frequent();
    let mut m = Measures {
        unmapped,
        ..Measures::default()
    };
    for text in texts {
        for c in text.chars() {
            if c.is_whitespace() {
                continue;
            }
            m.chars += 1;
            if matches!(c, '.' | '…' | '_' | '-' | '–' | '—' | '·') {
                continue;
            }
            m.counted += 1;
            if c.is_alphabetic() {
                m.letters += 1;
            } else if c.is_control() || c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
                m.bad += 1;
            }
        }
        for w in text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’') {
            let w = w.trim_matches(['\'', '’']);
            if w.chars().count() < 2 {
                continue;
            }
            m.words += 1;
            let lower = w.to_lowercase();
            // "l'article": the elided article counts.
            let head = lower.split(['\'', '’']).next().unwrap_or(&lower);
            if words.contains(lower.as_str()) || words.contains(head) {
                m.frequent += 1;
            }
            if w.chars().all(is_latin) {
                m.latin_words += 1;
                if w.chars().count() >= 4 && !w.chars().any(is_vowel) {
                    m.no_vowel += 1;
                }
            }
        }
    }
    m
}

/// `Ok` when the text is usable, else the reason.
pub(crate) fn gate(m: &Measures, pages: usize) -> Result<(), &'static str> {
    let pages = pages.max(1);
    // Almost no text: a scan (a stray page number or stamp does not count).
    if m.chars < 15 * pages {
        return Err("scanned");
    }
    let glyphs = m.chars + m.unmapped;
    if m.unmapped * 10 > glyphs * 3 {
        return Err("unmapped");
    }
    if m.bad * 10 > m.counted.max(1) * 2 || m.letters * 2 < m.counted {
        return Err("unmapped");
    }
    // Latin-script text that spells nothing.
    if m.latin_words >= 20 && m.latin_words * 2 > m.words {
        if m.no_vowel * 10 > m.latin_words * 3 {
            return Err("unmapped");
        }
        if m.frequent * 100 < m.words * 3 {
            return Err("unmapped");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), &'static str> {
        gate(&measure(std::iter::once(text), 0), 1)
    }

    #[test]
    fn real_text_passes() {
        let fr = "Nous avons bien reçu votre demande d'allocations et nous la traitons dans les meilleurs délais. Vous recevrez une réponse par courrier.";
        assert_eq!(check(fr), Ok(()));
        let en = "We have received your claim for a State Pension and we will write to you when we have made a decision about it.";
        assert_eq!(check(en), Ok(()));
    }

    #[test]
    fn shifted_letters_fail() {
        let garbage = "FRQGLWLRQV SHUPHWWDQW HQEpQpILFLHU GHPDQGH WRXW FKDQJHPHQW GDQV VLWXDWLRQ H[SRVpH FLGHVVXV DXFXQ FKDQJHPHQW LQWHUYLHQW GDQV GLWH SUpVHQWH IRUPXODLUH DWWHVWDWLRQ TXDOLWp D\\DQW GURLW PHPEUH IDPLOOH";
        assert_eq!(check(garbage), Err("unmapped"));
    }

    #[test]
    fn nearly_empty_fails() {
        assert_eq!(check("12"), Err("scanned"));
        assert_eq!(
            check(
                "\u{FFFD}\u{1}\u{2}\u{3}\u{4} \u{5}\u{6}\u{7}\u{8}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"
            ),
            Err("unmapped")
        );
    }
}
