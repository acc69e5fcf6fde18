//! `numeric-date`: dates written only in digits (`15/03/2025`, `15.03.2025`, `15-03-2025`,
//! `2025-03-15`), with the date in words as fix (`15 mars 2025`, `15. März 2025`).
//!
//! Works on whole tokens of the word engine, so a date inside a national register number
//! (`85.07.30-033.61`), an enterprise number or a phone number never matches. Numbers after
//! a reference word (`réf.`, `Az.`, `n°`) and publication dates in legal citations
//! (`M.B.`, `B.S.`) are identifiers, not dates for the reader. Table cells are skipped.
//!
//! Also home of the month names and reference words the other number rules share.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span, Word, WordKind};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct NumericDate;

const ID: &str = "numeric-date";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Numbers,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Dates written only in digits (15/03/2025, 15.03.2025, 2025-03-15), with the date \
           in words as fix (info; easy-to-read: warning). Register, enterprise and phone \
           numbers, references and table cells are left alone.",
    why: "A date in digits is easy to misread (day and month swap between countries) and \
          harder for readers who struggle with numbers.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Renvoyez le formulaire avant le 15/03/2025.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre droit commence le 01.04.2025.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Renvoyez le formulaire avant le 15 mars 2025.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre numéro de registre national est le 85.07.30-033.61.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Notre référence : 15.03.2025. Appelez-nous au 02/515.44.44.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur het formulier terug voor 15/03/2025.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::EasyToRead,
            text: "Uw recht start op 01-04-2025.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur het formulier terug voor 15 maart 2025.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Bel ons op 02/515.44.44.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Senden Sie das Formular bis zum 15.03.2025 zurück.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Senden Sie das Formular bis zum 15. März 2025 zurück.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Unsere Unternehmensnummer ist 0123.456.789.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Return the form by 15/03/2025.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Return the form by 15 March 2025.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Version 1.2.3 of the form is attached. We are open from 9.30 to 15.30.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We cannot pay you on 31/02/2025 or 2025-13-01.",
            triggers: false,
        },
    ],
};

// ---------------------------------------------------------------------------------------
// Shared data: month names and reference words (also used by too-many-numbers,
// number-format and all-caps).
// ---------------------------------------------------------------------------------------

/// Non-comment lines of a word list, trimmed.
pub(crate) fn data_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Position of `lang` in `Lang::ALL`, for per-language caches.
pub(crate) fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Month names of `lang`, January first, as written in `lexicons/<lang>/months.txt`.
pub(crate) fn months(lang: Lang) -> &'static [&'static str] {
    static CELLS: [OnceLock<Vec<&'static str>>; 4] = [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/months.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/months.txt"),
        Lang::De => include_str!("../../../lexicons/de/months.txt"),
        Lang::En => include_str!("../../../lexicons/en/months.txt"),
    };
    CELLS
        .get(lang_index(lang))
        .map(|c| c.get_or_init(|| data_lines(src).collect()).as_slice())
        .unwrap_or(&[])
}

/// The month (1–12) named by `word` in `lang`, in any case.
pub(crate) fn month_number(lang: Lang, word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    months(lang)
        .iter()
        .position(|m| m.to_lowercase() == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Words after which a number is an identifier (`lexicons/<lang>/reference-words.txt`).
fn reference_words(lang: Lang) -> &'static [&'static str] {
    static CELLS: [OnceLock<Vec<&'static str>>; 4] = [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/reference-words.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/reference-words.txt"),
        Lang::De => include_str!("../../../lexicons/de/reference-words.txt"),
        Lang::En => include_str!("../../../lexicons/en/reference-words.txt"),
    };
    CELLS
        .get(lang_index(lang))
        .map(|c| c.get_or_init(|| data_lines(src).collect()).as_slice())
        .unwrap_or(&[])
}

/// Lowercase, without a final dot, a French elision (`l'`, `d'`) or a slash prefix (`N/Réf`).
pub(crate) fn bare_word(word: &str) -> String {
    let lower = word.to_lowercase();
    let w = lower.trim_end_matches('.');
    let w = w
        .rsplit(['\'', '’', '/'])
        .next()
        .unwrap_or(w)
        .trim_end_matches('.');
    w.to_string()
}

/// Whether `word` introduces an identifier (`réf.`, `n°`, `Az.`, `dossier`, `IBAN`).
pub(crate) fn is_reference_word(lang: Lang, word: &str) -> bool {
    let bare = bare_word(word);
    !bare.is_empty()
        && (reference_words(lang).contains(&bare.as_str())
            || reference_words(Lang::En).contains(&bare.as_str()) && bare.len() > 3)
}

/// Whether the number at `words[i]` is an identifier: a reference word stands among the
/// three words before it, with no other number in between (`Votre numéro de dossier :
/// 12345`, `Az. 2025/123`, but not the date in `dossier 2025/04871 du 15/03/2025`).
pub(crate) fn follows_reference_word(lang: Lang, text: &str, words: &[Word], i: usize) -> bool {
    let from = i.saturating_sub(3);
    for w in words.get(from..i).unwrap_or(&[]).iter().rev() {
        if matches!(w.kind, WordKind::Number | WordKind::Code) {
            return false;
        }
        if is_reference_word(lang, w.span.slice(text)) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// A date read from digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumDate {
    pub day: u32,
    pub month: u32,
    /// The full year; `None` when written with two digits (`15/03/25`).
    pub year: Option<u32>,
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(month: u32, year: Option<u32>) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y)
                if !(y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400))) =>
            {
                28
            }
            _ => 29,
        },
        _ => 0,
    }
}

/// `t` as one numeric date: `D.M.YYYY`, `D/M/YYYY`, `D-M-YYYY` (same separator twice; a
/// two-digit year only with two-digit day and month), or ISO `YYYY-MM-DD`. The date must
/// exist.
pub(crate) fn parse_date(t: &str) -> Option<NumDate> {
    let sep = t.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '.' | '/' | '-') {
        return None;
    }
    let parts: Vec<&str> = t.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (day, month, year, day_len, month_len, year_len) = if a.len() == 4 && sep == '-' {
        (digits(c)?, digits(b)?, digits(a)?, c.len(), b.len(), 4)
    } else {
        (
            digits(a)?,
            digits(b)?,
            digits(c)?,
            a.len(),
            b.len(),
            c.len(),
        )
    };
    let year = match year_len {
        4 if (1900..=2099).contains(&year) => Some(year),
        2 if day_len == 2 && month_len == 2 => None,
        _ => return None,
    };
    if a.len() == 4 && (day_len != 2 || month_len != 2) {
        return None;
    }
    if day_len > 2 || month_len > 2 || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days_in_month(month, year) {
        return None;
    }
    Some(NumDate { day, month, year })
}

/// Dates in a number token, with their byte ranges in the token: the token itself, or each
/// side of a range joined by a hyphen (`01.04.2025-30.06.2025`), when every side is a date.
pub(crate) fn dates_in_token(t: &str) -> Vec<(usize, usize, NumDate)> {
    if let Some(d) = parse_date(t) {
        return vec![(0, t.len(), d)];
    }
    if !t.contains('-') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for piece in t.split('-') {
        match parse_date(piece) {
            Some(d) if !piece.contains('-') => out.push((start, start + piece.len(), d)),
            _ => return Vec::new(),
        }
        start += piece.len() + 1;
    }
    out
}

/// The date in words, in the language's usual form.
pub(crate) fn date_in_words(lang: Lang, d: NumDate) -> Option<String> {
    let year = d.year?;
    let month = *months(lang).get(usize::try_from(d.month).ok()?.checked_sub(1)?)?;
    Some(match lang {
        Lang::Fr if d.day == 1 => format!("1er {month} {year}"),
        Lang::De => format!("{}. {month} {year}", d.day),
        _ => format!("{} {month} {year}", d.day),
    })
}

/// Whether the text just before `pos` cites a publication (`M.B.`, `B.S.`, `Moniteur
/// belge`, `Staatsblad`): its date is part of a legal citation.
fn in_publication_reference(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(32);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..pos).unwrap_or("").to_lowercase();
    ["m.b.", "b.s.", "moniteur belge", "staatsbla", "gazette"]
        .iter()
        .any(|p| before.contains(p))
}

impl Rule for NumericDate {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if cx.block.kind == BlockKind::TableCell {
            return;
        }
        let severity = match cx.settings.audience {
            Audience::Standard => Severity::Info,
            Audience::EasyToRead => Severity::Warning,
        };
        let lang = cx.lang();
        let text = cx.text();
        for u in &cx.analysis.units {
            for (i, w) in u.words.iter().enumerate() {
                if w.kind != WordKind::Number {
                    continue;
                }
                let token = w.span.slice(text);
                let dates = dates_in_token(token);
                if dates.is_empty()
                    || follows_reference_word(lang, text, &u.words, i)
                    || in_publication_reference(text, w.span.start as usize)
                {
                    continue;
                }
                for (a, b, d) in dates {
                    let start = w.span.start as usize + a;
                    let span = Span::new(start, w.span.start as usize + b);
                    let written = span.slice(text);
                    let (message, fixes) = match date_in_words(lang, d) {
                        Some(words) => (
                            msg(
                                lang,
                                "numeric-date.numeric",
                                &[("date", &written), ("words", &words)],
                            ),
                            vec![Fix {
                                label: msg(lang, "numeric-date.fix", &[("words", &words)]),
                                edits: vec![Edit {
                                    span,
                                    replacement: words.clone(),
                                }],
                            }],
                        ),
                        None => (
                            msg(lang, "numeric-date.short-year", &[("date", &written)]),
                            Vec::new(),
                        ),
                    };
                    out.push(Finding {
                        rule: ID.into(),
                        severity,
                        block: Some(cx.index),
                        span,
                        message,
                        fixes,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use plainly_text::{Block, analyze_block};

    fn findings(text: &str, lang: Lang) -> Vec<Finding> {
        let block = Block::new(BlockKind::Paragraph, text, Default::default());
        let analysis = analyze_block(text, BlockKind::Paragraph, lang);
        let settings = Settings::default();
        let lexicon = crate::lexicon::Compiled::builtin();
        let cx = BlockContext::new(0, &block, &analysis, &settings, &lexicon);
        let mut out = Vec::new();
        NumericDate.check_block(&cx, &mut out);
        out
    }

    #[test]
    fn parses_dates() {
        assert_eq!(
            parse_date("15/03/2025"),
            Some(NumDate {
                day: 15,
                month: 3,
                year: Some(2025)
            })
        );
        assert_eq!(parse_date("2025-03-15").map(|d| d.day), Some(15));
        assert_eq!(parse_date("1.4.2025").map(|d| d.month), Some(4));
        assert_eq!(parse_date("15.03.25").map(|d| d.year), Some(None));
        assert!(parse_date("1.2.25").is_none());
        assert!(parse_date("31/02/2025").is_none());
        assert!(parse_date("29/02/2024").is_some());
        assert!(parse_date("29/02/2025").is_none());
        assert!(parse_date("15/03-2025").is_none());
        assert!(parse_date("1.2.3").is_none());
        assert!(parse_date("0123.456.789").is_none());
        assert!(parse_date("2025/03/15").is_none());
        assert!(dates_in_token("85.07.30-033.61").is_empty());
        assert_eq!(dates_in_token("01.04.2025-30.06.2025").len(), 2);
    }

    #[test]
    fn writes_dates_in_words() {
        let d = parse_date("01/03/2025").unwrap();
        assert_eq!(date_in_words(Lang::Fr, d).unwrap(), "1er mars 2025");
        assert_eq!(date_in_words(Lang::De, d).unwrap(), "1. März 2025");
        assert_eq!(date_in_words(Lang::Nl, d).unwrap(), "1 maart 2025");
        assert_eq!(date_in_words(Lang::En, d).unwrap(), "1 March 2025");
        assert!(date_in_words(Lang::En, parse_date("01/03/25").unwrap()).is_none());
    }

    #[test]
    fn fix_replaces_the_date() {
        let text = "Renvoyez le formulaire avant le 15/03/2025.";
        let f = findings(text, Lang::Fr);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(text), "15/03/2025");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "15 mars 2025");
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn identifiers_and_citations_are_not_dates() {
        assert!(findings("Az. 15.03.2025", Lang::De).is_empty());
        assert!(findings("N/Réf. : 15/03/2025", Lang::Fr).is_empty());
        assert!(findings("Loi du 3 juillet 1978 (M.B. 22.08.1978).", Lang::Fr).is_empty());
        assert!(findings("Bel 02/515.44.44 of 0475/12.34.56.", Lang::Nl).is_empty());
        assert_eq!(findings("Charleroi, le 03/02/2025", Lang::Fr).len(), 1);
    }
}
