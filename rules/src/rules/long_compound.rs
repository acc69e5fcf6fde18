//! `long-compound`: very long compound words (Dutch and German; French and English long
//! words are `long-word`'s business).
//!
//! Letters of each part of a word, parts already split by a hyphen or a Mediopunkt not
//! counted together (`Arbeitslosen·geld` is two parts): info from 20 letters (easy-to-read:
//! warning from 13). Under 20 letters a word must be recognisably a compound (a known last
//! part from `lexicons/<lang>/compound-heads.txt` or a linking *s* at a hyphenation point
//! found by `hypher`), and in German a noun (capitalised). Skipped: the allowlists (`lexicons/<lang>/compound-allow.txt`: official
//! names such as *Rijksregisternummer*, common words such as *verantwoordelijkheid*),
//! Dutch words with a capital inside a sentence (names), URLs and e-mail addresses (no
//! words for the word engine).
//!
//! German in easy-to-read gets a fix as Leichte Sprache writes it: the compound split with
//! a Mediopunkt (`Arbeitslosen·unterstützung`). The split falls at a hyphenation point found
//! by `hypher`, before the longest known last part (`lexicons/de/compound-heads.txt`), or
//! after a linking *s* that follows *-ung*, *-heit*, *-keit*, *-schaft*, *-tion*, *-tät*.
//! Dutch spelling does not allow such splits: Dutch gets a message only.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::rules::numeric_date::{data_lines, lang_index};
use crate::settings::Audience;
use plainly_text::{Lang, WordKind};
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct LongCompound;

const ID: &str = "long-compound";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Info,
    langs: &[Lang::Nl, Lang::De],
    what: "Compound words of 20 letters or more (easy-to-read: 13), not counting parts \
           already split by a hyphen or a Mediopunkt. In German easy-to-read, the fix splits \
           the word with a Mediopunkt.",
    why: "Readers have to take a long compound apart before they can understand it.",
    examples: &[
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Uw werkloosheidsuitkering wordt herberekend.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::EasyToRead,
            text: "U krijgt kinderbijslag.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "We berekenen uw uitkering opnieuw.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Dat is uw verantwoordelijkheid. Meer info op www.werkloosheidsuitkeringen-aanvragen.be.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Ihre Arbeitslosenunterstützung wird neu berechnet.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Bitte legen Sie die Einkommensbescheinigung bei.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir berechnen Ihr Arbeitslosengeld neu.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::EasyToRead,
            text: "Wir berechnen Ihr Arbeitslosengeld neu.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::EasyToRead,
            text: "De wijkagent heeft uw adres gecontroleerd. U woont samen met uw vriend.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::EasyToRead,
            text: "Unterschreiben Sie bitte das Blatt. Wir widersprechen nicht.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Das regelt das Bundes-Gleichstellungs-Gesetz. Geben Sie Ihre Nationalregisternummer an.",
            triggers: false,
        },
    ],
};

fn allow_list(lang: Lang) -> &'static HashSet<String> {
    static CELLS: [OnceLock<HashSet<String>>; 4] = [const { OnceLock::new() }; 4];
    static EMPTY: OnceLock<HashSet<String>> = OnceLock::new();
    let src = match lang {
        Lang::Nl => include_str!("../../../lexicons/nl/compound-allow.txt"),
        Lang::De => include_str!("../../../lexicons/de/compound-allow.txt"),
        Lang::Fr | Lang::En => "",
    };
    CELLS.get(lang_index(lang)).map_or_else(
        || EMPTY.get_or_init(HashSet::new),
        |c| c.get_or_init(|| data_lines(src).map(str::to_lowercase).collect()),
    )
}

fn heads(lang: Lang) -> &'static HashSet<&'static str> {
    static CELLS: [OnceLock<HashSet<&'static str>>; 4] = [const { OnceLock::new() }; 4];
    static EMPTY: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let src = match lang {
        Lang::Nl => include_str!("../../../lexicons/nl/compound-heads.txt"),
        Lang::De => include_str!("../../../lexicons/de/compound-heads.txt"),
        Lang::Fr | Lang::En => "",
    };
    CELLS.get(lang_index(lang)).map_or_else(
        || EMPTY.get_or_init(HashSet::new),
        |c| c.get_or_init(|| data_lines(src).collect()),
    )
}

/// Characters that already split a compound.
fn is_part_separator(c: char) -> bool {
    matches!(c, '-' | '·' | '‧' | '\u{2010}' | '\u{2011}' | '/')
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Byte offsets inside `word` where `hypher` allows a break.
fn break_points(word: &str, lang: Lang) -> Vec<usize> {
    let hl = match lang {
        Lang::Nl => hypher::Lang::Dutch,
        Lang::De => hypher::Lang::German,
        Lang::Fr => hypher::Lang::French,
        Lang::En => hypher::Lang::English,
    };
    // Without its `alloc` feature, hypher panics on words longer than this.
    if word.len() > hypher::MAX_INLINE_SIZE || word.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for syllable in hypher::hyphenate(word, hl) {
        at += syllable.len();
        if at < word.len() {
            out.push(at);
        }
    }
    out
}

/// A known last part, possibly with a linking element when more follows.
fn is_head(part: &str, final_part: bool, lang: Lang) -> bool {
    let lower = part.to_lowercase();
    let heads = heads(lang);
    if heads.contains(lower.as_str()) {
        return true;
    }
    !final_part
        && ["s", "es", "n", "en", "e"].iter().any(|link| {
            lower
                .strip_suffix(link)
                .is_some_and(|stem| heads.contains(stem))
        })
}

/// Suffixes after which a linking `s` ends a part (`Bescheinigungs|pflicht`,
/// `werkloosheids|uitkering`).
fn linked_suffixes(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::De => &["ungs", "heits", "keits", "schafts", "tions", "täts"],
        Lang::Nl => &["ings", "heids", "teits", "schaps", "ties"],
        Lang::Fr | Lang::En => &[],
    }
}

/// Where to cut `word` (byte offset): before the longest known last part, else after a
/// linking `s`; both parts at least 4 letters.
fn cut(word: &str, final_part: bool, lang: Lang) -> Option<usize> {
    let points = break_points(word, lang);
    let ok = |b: usize| {
        word.get(..b).is_some_and(|l| letters(l) >= 4)
            && word.get(b..).is_some_and(|r| letters(r) >= 4)
    };
    if let Some(b) = points
        .iter()
        .copied()
        .filter(|b| ok(*b))
        .find(|b| word.get(*b..).is_some_and(|r| is_head(r, final_part, lang)))
    {
        return Some(b);
    }
    let middle = word.len() / 2;
    points
        .iter()
        .copied()
        .filter(|b| ok(*b))
        .filter(|b| {
            word.get(..*b).is_some_and(|l| {
                let l = l.to_lowercase();
                linked_suffixes(lang).iter().any(|s| l.ends_with(s))
            })
        })
        .min_by_key(|b| b.abs_diff(middle))
}

/// A German compound split with Mediopunkte into parts shorter than `max` letters where
/// known cut points allow; `None` when no cut is found.
pub(crate) fn mediopunkt_split(word: &str, max: usize) -> Option<String> {
    let mut rest = word;
    let mut final_part = true;
    // Cut from the end: the head first, then what remains before it.
    let mut tail: Vec<&str> = Vec::new();
    while letters(rest) >= max {
        let Some(b) = cut(rest, final_part, Lang::De) else {
            break;
        };
        let (left, right) = (rest.get(..b)?, rest.get(b..)?);
        tail.push(right);
        rest = left;
        final_part = false;
    }
    if tail.is_empty() {
        return None;
    }
    let mut parts = vec![rest];
    parts.extend(tail.iter().rev());
    Some(parts.join("·"))
}

/// Whether a word is recognisably a compound: a known last part or a linking `s` at a
/// hyphenation point.
fn is_compound(word: &str, lang: Lang) -> bool {
    cut(word, true, lang).is_some()
}

impl Rule for LongCompound {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        let lang = cx.lang();
        if !DOC.langs.contains(&lang) || !cx.block.kind.is_prose() {
            return;
        }
        let (min, severity) = match cx.settings.audience {
            Audience::Standard => (20.0, Severity::Info),
            Audience::EasyToRead => (13.0, Severity::Warning),
        };
        let min = cx.settings.threshold(ID, "letters", min);
        let easy = cx.settings.audience == Audience::EasyToRead;
        let text = cx.text();
        for u in cx.analysis.units.iter().filter(|u| u.unit.kind.counts()) {
            for (i, w) in u.words.iter().enumerate() {
                if w.kind != WordKind::Word || (w.letters as f64) < min {
                    continue;
                }
                let word = w.span.slice(text);
                // Dutch nouns take no capital: one inside a sentence marks a name.
                if lang == Lang::Nl && i > 0 && word.chars().next().is_some_and(char::is_uppercase)
                {
                    continue;
                }
                // A street with its number (`Bahnhofstraße 12`) is a name.
                if u.words
                    .get(i + 1)
                    .is_some_and(|n| n.kind == WordKind::Number)
                {
                    continue;
                }
                // German compounds worth splitting are nouns: capitalised; a capital at the
                // start of a sentence may be a verb (`Unterschreiben Sie`).
                if lang == Lang::De
                    && (!word.chars().next().is_some_and(char::is_uppercase)
                        || (i == 0 && word.ends_with("en")))
                    && easy
                {
                    continue;
                }
                let longest = word
                    .split(is_part_separator)
                    .max_by_key(|p| letters(p))
                    .unwrap_or(word);
                let n = letters(longest);
                if (n as f64) < min
                    || allow_list(lang).contains(&word.to_lowercase())
                    || allow_list(lang).contains(&longest.to_lowercase())
                    || cx.settings.is_allowed(word)
                    // Under 20 letters, only what is recognisably a compound (not
                    // `gecontroleerd`, `widersprechen`).
                    || (n < 20 && !is_compound(longest, lang))
                {
                    continue;
                }
                let split = (easy && lang == Lang::De)
                    .then(|| mediopunkt_split(longest, min as usize))
                    .flatten()
                    .filter(|_| longest.len() == word.len());
                let (message, fixes) = match split {
                    Some(s) => (
                        msg(
                            lang,
                            "long-compound.long-split",
                            &[("word", &word), ("letters", &n), ("split", &s)],
                        ),
                        vec![Fix {
                            label: msg(lang, "long-compound.fix", &[("split", &s)]),
                            edits: vec![Edit {
                                span: w.span,
                                replacement: s.clone(),
                            }],
                        }],
                    ),
                    None => (
                        msg(
                            lang,
                            "long-compound.long",
                            &[("word", &word), ("letters", &n)],
                        ),
                        Vec::new(),
                    ),
                };
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(cx.index),
                    span: w.span,
                    message,
                    fixes,
                });
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn mediopunkt_splits() {
        assert_eq!(
            mediopunkt_split("Arbeitslosengeld", 13).as_deref(),
            Some("Arbeitslosen·geld")
        );
        assert_eq!(
            mediopunkt_split("Arbeitslosenunterstützung", 13).as_deref(),
            Some("Arbeitslosen·unterstützung")
        );
        assert_eq!(
            mediopunkt_split("Einkommensbescheinigung", 13).as_deref(),
            Some("Einkommens·bescheinigung")
        );
        assert!(mediopunkt_split("Bescheinigung", 13).is_none());
        // Never panics on long words, whatever hypher accepts.
        let long = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung";
        let _ = mediopunkt_split(long, 13);
        let _ = is_compound(long, Lang::Nl);
    }

    #[test]
    fn compounds_only_under_twenty_letters() {
        assert!(is_compound("kinderbijslag", Lang::Nl));
        assert!(is_compound("arbeidsrechtbank", Lang::Nl));
        assert!(!is_compound("gecontroleerd", Lang::Nl));
        assert!(!is_compound("samenwonenden", Lang::Nl));
        assert!(is_compound("Lohnabrechnung", Lang::De));
        assert!(!is_compound("Bescheinigung", Lang::De));
    }
}
