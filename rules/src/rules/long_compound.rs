//! `long-compound`: very long compound words (Dutch and German; French and English long
//! words are `long-word`'s business).
//!
//! Letters of each part of a word, parts already split by a hyphen or a Mediopunkt not
//! counted together (`Arbeitslosen·geld` is two parts): info from 20 letters (easy-to-read:
//! warning from 13). Skipped: the allowlists (`lexicons/<lang>/compound-allow.txt`: official
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

fn heads() -> &'static HashSet<&'static str> {
    static HEADS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    HEADS.get_or_init(|| {
        data_lines(include_str!("../../../lexicons/de/compound-heads.txt")).collect()
    })
}

/// Characters that already split a compound.
fn is_part_separator(c: char) -> bool {
    matches!(c, '-' | '·' | '‧' | '\u{2010}' | '\u{2011}' | '/')
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Byte offsets inside `word` where `hypher` allows a break.
fn break_points(word: &str) -> Vec<usize> {
    if word.len() > hypher::MAX_INLINE_SIZE || word.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    for syllable in hypher::hyphenate(word, hypher::Lang::German) {
        at += syllable.len();
        if at < word.len() {
            out.push(at);
        }
    }
    out
}

/// A known last part, possibly with a linking element when more follows.
fn is_head(part: &str, final_part: bool) -> bool {
    let lower = part.to_lowercase();
    if heads().contains(lower.as_str()) {
        return true;
    }
    !final_part
        && ["s", "es", "n", "en"].iter().any(|link| {
            lower
                .strip_suffix(link)
                .is_some_and(|stem| heads().contains(stem))
        })
}

/// Suffixes after which a linking `s` ends a part (`Bescheinigungs|pflicht`).
const LINKED_SUFFIXES: &[&str] = &["ungs", "heits", "keits", "schafts", "tions", "täts"];

/// Where to cut `word` (byte offset): before the longest known last part, else after a
/// linking `s`; both parts at least 4 letters.
fn cut(word: &str, final_part: bool) -> Option<usize> {
    let points = break_points(word);
    let ok = |b: usize| {
        word.get(..b).is_some_and(|l| letters(l) >= 4)
            && word.get(b..).is_some_and(|r| letters(r) >= 4)
    };
    if let Some(b) = points
        .iter()
        .copied()
        .filter(|b| ok(*b))
        .find(|b| word.get(*b..).is_some_and(|r| is_head(r, final_part)))
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
                LINKED_SUFFIXES
                    .iter()
                    .any(|s| l.to_lowercase().ends_with(s))
            })
        })
        .min_by_key(|b| b.abs_diff(middle))
}

/// A German compound split with Mediopunkte into parts shorter than `max` letters where
/// known cut points allow; `None` when no cut is found.
pub(crate) fn mediopunkt_split(word: &str, max: usize) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = word;
    let mut final_part = true;
    // Cut from the end: the head first, then what remains before it.
    let mut tail: Vec<&str> = Vec::new();
    while letters(rest) >= max {
        let Some(b) = cut(rest, final_part) else {
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
    parts.push(rest);
    parts.extend(tail.iter().rev());
    Some(parts.join("·"))
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
                let longest = word
                    .split(is_part_separator)
                    .max_by_key(|p| letters(p))
                    .unwrap_or(word);
                let n = letters(longest);
                if (n as f64) < min
                    || allow_list(lang).contains(&word.to_lowercase())
                    || allow_list(lang).contains(&longest.to_lowercase())
                    || cx.settings.is_allowed(word)
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
        // Never panics on long words, whatever hypher accepts.
        let long = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung";
        let _ = mediopunkt_split(long, 13);
    }
}
