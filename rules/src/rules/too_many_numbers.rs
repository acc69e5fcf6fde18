//! `too-many-numbers`: sentences that carry many figures.
//!
//! Counts numeric expressions, not digits: a date (`1er janvier 2025`, `15/03/2025`), an
//! amount, a phone number, a percentage or a legal reference (`art. 12, § 2`) counts once;
//! so does a time range (`de 9 h à 12 h`). Numbers after a reference word (`réf.`, `n°`,
//! `dossier`) are identifiers and do not count. Table cells and letterhead blocks (sender,
//! address, reference lines) are skipped.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::rules::all_caps::is_letterhead;
use crate::rules::legal_reference::references;
use crate::rules::numeric_date::{bare_word, follows_reference_word, month_number};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Word, WordKind};

#[derive(Debug)]
pub struct TooManyNumbers;

const ID: &str = "too-many-numbers";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Numbers,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Sentences with more than 3 numeric expressions (easy-to-read: 2). A date, an \
           amount, a phone number, a percentage or a legal reference counts once; file \
           numbers, tables and letterheads are left out.",
    why: "Each figure must be read, understood and remembered; several in one sentence \
          overload the reader.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Du 1er janvier au 31 mars 2025, vous avez reçu 3 paiements de 412,50 EUR, soit 1.237,50 EUR.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous avez reçu 1.237,50 EUR en trop.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Appelez-nous au 071 00 12 34, du lundi au vendredi, de 9 h à 12 h, en donnant votre numéro de dossier 2025/04871.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Van 1 januari tot 31 maart 2025 kreeg u 3 betalingen van 412,50 euro, samen 1.237,50 euro.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U kreeg 1.237,50 euro te veel.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Vom 1. Januar bis 31. März 2025 erhielten Sie 3 Zahlungen von 412,50 Euro, insgesamt 1.237,50 Euro.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie haben 1.237,50 Euro zu viel erhalten.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Gemäß Art. 5 Abs. 2 des Gesetzes vom 3. Juli 1978 erhalten Sie ab dem 1. Mai 2025 monatlich 900 Euro.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "From 1 January to 31 March 2025 you received 3 payments of EUR 412.50, a total of EUR 1,237.50.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You received EUR 1,237.50 too much.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "You get EUR 150 every month from 1 May 2025 to 31 December 2025.",
            triggers: true,
        },
    ],
};

/// Words that continue a legal reference's numbers (`art. 12, al. 2`, `Abs. 3`, `lid 2`).
const SUBDIVISIONS: &[&str] = &[
    "al",
    "alinéa",
    "alinéas",
    "lid",
    "leden",
    "abs",
    "absatz",
    "satz",
    "para",
    "paragraph",
    "subsection",
    "section",
    "par",
    "paragraaf",
    "§",
];

/// Words that mark a time of day after a number.
const TIME_WORDS: &[&str] = &["h", "u", "uur", "uhr", "am", "pm", "heures", "hours"];

/// Words that join the two ends of a range.
const RANGE_WORDS: &[&str] = &["à", "a", "tot", "bis", "to", "till", "until", "-", "–"];

/// Ordinal or legal suffixes after digits that still make a figure (`1er`, `2e`, `3rd`,
/// `7bis`).
const FIGURE_SUFFIXES: &[&str] = &[
    "er", "re", "ère", "e", "è", "ème", "eme", "de", "ste", "st", "nd", "rd", "th", "bis", "ter",
    "quater",
];

/// Whether a token is a figure: a number, or digits with an ordinal suffix.
fn is_figure(w: &Word, token: &str) -> bool {
    match w.kind {
        WordKind::Number => true,
        WordKind::Code => {
            let rest = token.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.len() < token.len() && FIGURE_SUFFIXES.contains(&rest.to_lowercase().as_str())
        }
        _ => false,
    }
}

/// Numeric expressions in one unit's words.
pub(crate) fn count_expressions(text: &str, words: &[Word], lang: Lang) -> usize {
    let mut count = 0;
    let mut last: Option<usize> = None;
    // A legal reference with its numbers and dates counts once.
    let refs = references(text, words, lang);
    let mut counted_ref: Option<usize> = None;
    for (i, w) in words.iter().enumerate() {
        let token = w.span.slice(text);
        if !is_figure(w, token) || follows_reference_word(lang, text, words, i) {
            continue;
        }
        if let Some(r) = refs.iter().position(|(s, e)| (*s..*e).contains(&i)) {
            if counted_ref != Some(r) {
                count += 1;
                counted_ref = Some(r);
            }
            last = None;
            continue;
        }
        let continues = last.is_some_and(|j| continues_expression(text, words, j, i, lang));
        if !continues {
            count += 1;
        }
        last = Some(i);
    }
    count
}

/// Whether the figure at `i` belongs to the same expression as the figure at `j`.
fn continues_expression(text: &str, words: &[Word], j: usize, i: usize, lang: Lang) -> bool {
    let between: Vec<String> = words
        .get(j + 1..i)
        .unwrap_or(&[])
        .iter()
        .map(|w| bare_word(w.span.slice(text)))
        .collect();
    // Adjacent figures, or a date in words: `1er janvier 2025`, `15. März 2025`.
    if between.iter().all(|b| month_number(lang, b).is_some()) && between.len() <= 1 {
        return true;
    }
    // A legal reference's subdivisions: `art. 12, § 2`, `Art. 5 Abs. 2`, `12, 2°`.
    let prev_end = words
        .get(i.wrapping_sub(1))
        .map_or(0, |w| w.span.end as usize);
    let start = words.get(i).map_or(0, |w| w.span.start as usize);
    let gap = text.get(prev_end..start).unwrap_or("");
    let token = words.get(i).map_or("", |w| w.span.slice(text));
    if i - j <= 3
        && (gap.contains('§')
            || token.ends_with('°')
            || between
                .last()
                .is_some_and(|b| SUBDIVISIONS.contains(&b.as_str())))
    {
        return true;
    }
    // A time with its minutes: `13 h 30`.
    if between.len() == 1 && between.iter().all(|b| b == "h" || b == "u") {
        return true;
    }
    // A time range: `de 9 h à 12 h`, `van 9 tot 12 uur`, `from 9 am to 12 pm`.
    let after = words
        .get(i + 1)
        .map(|w| bare_word(w.span.slice(text)))
        .unwrap_or_default();
    let timeish = between.iter().any(|b| TIME_WORDS.contains(&b.as_str()))
        || TIME_WORDS.contains(&after.as_str());
    !between.is_empty()
        && between.len() <= 3
        && timeish
        && between.iter().any(|b| RANGE_WORDS.contains(&b.as_str()))
        && between
            .iter()
            .all(|b| RANGE_WORDS.contains(&b.as_str()) || TIME_WORDS.contains(&b.as_str()))
}

impl Rule for TooManyNumbers {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if cx.block.kind == BlockKind::TableCell || is_letterhead(cx.block.kind, cx.text()) {
            return;
        }
        let max = match cx.settings.audience {
            Audience::Standard => 3.0,
            Audience::EasyToRead => 2.0,
        };
        let max = cx.settings.threshold(ID, "max", max);
        let lang = cx.lang();
        let text = cx.text();
        for u in cx.analysis.units.iter().filter(|u| u.unit.kind.counts()) {
            let n = count_expressions(text, &u.words, lang);
            if (n as f64) <= max {
                continue;
            }
            let limit = max as usize;
            out.push(Finding {
                rule: ID.into(),
                severity: Severity::Warning,
                block: Some(cx.index),
                span: u.unit.span,
                message: msg(
                    lang,
                    "too-many-numbers.many",
                    &[("count", &n), ("max", &limit)],
                ),
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use plainly_text::{Span, words};

    fn count(text: &str, lang: Lang) -> usize {
        let ws = words::words(text, Span::new(0, text.len()), lang);
        count_expressions(text, &ws, lang)
    }

    #[test]
    fn counts_expressions_not_digits() {
        assert_eq!(
            count(
                "Du 1er janvier au 31 mars 2025, vous avez reçu 3 paiements de 412,50 EUR, soit 1.237,50 EUR.",
                Lang::Fr
            ),
            5
        );
        assert_eq!(count("Selon l'art. 5, § 2, de la loi.", Lang::Fr), 1);
        assert_eq!(count("Gemäß Art. 5 Abs. 2 des Gesetzes", Lang::De), 1);
        assert_eq!(count("de 9 h à 12 h et de 13 h à 16 h", Lang::Fr), 2);
        assert_eq!(count("van 9 tot 12 uur", Lang::Nl), 1);
        assert_eq!(count("de 9 h à 12 h et de 13 h 30 à 16 h", Lang::Fr), 2);
        assert_eq!(count("Bel 02 515 44 44.", Lang::Nl), 1);
        assert_eq!(count("Votre dossier 2025/04871 du 15/03/2025", Lang::Fr), 1);
        assert_eq!(count("le formulaire C4", Lang::Fr), 0);
        assert_eq!(
            count(
                "Gemäß Art. 5 Abs. 2 des Gesetzes vom 3. Juli 1978 erhalten Sie ab dem 1. Mai 2025 monatlich 900 Euro.",
                Lang::De
            ),
            3
        );
    }
}
