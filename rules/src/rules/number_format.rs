//! `number-format`: numbers written in words, and number formats that are hard to read.
//!
//! - Number words (`lexicons/<lang>/number-words.txt`, with compounds: *vingt-cinq*,
//!   *vijfentwintig*, *fünfundzwanzig*, *twenty-five*, *deux cents*): hint above twelve
//!   (easy-to-read: info from two), with the digits as fix. Articles (*un, een, ein, one*)
//!   are never reported; neither are idioms and ambiguous words
//!   (`lexicons/<lang>/number-idioms.txt`: *à deux pas*, *in acht nemen*, *neuf*) or number
//!   words with a capital inside a sentence (names, nouns: *außer Acht*).
//! - Long numbers without grouping (5 digits or more, not starting with 0, not after a
//!   reference word, not in a letterhead): hint (easy-to-read: info), with the grouped
//!   number as fix.
//! - Separators foreign to the language (`1,234.56` in fr/nl/de, `1.234,56` in en): info,
//!   with the separators swapped as fix.
//! - Easy-to-read only: percentages and Roman numerals (not in names such as *Albert II*
//!   nor in legal titles such as *Titre II*), info.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::rules::all_caps::is_letterhead;
use crate::rules::numeric_date::{bare_word, data_lines, follows_reference_word, lang_index};
use crate::settings::Audience;
use plainly_text::{Lang, Span, Word, WordKind, lexdata};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct NumberFormat;

const ID: &str = "number-format";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Numbers,
    default_severity: Severity::Hint,
    langs: &Lang::ALL,
    what: "Numbers written in words above twelve (easy-to-read: from two), long numbers \
           without grouping, and separators foreign to the language (1,234.56 in a French \
           text). In easy-to-read also percentages and Roman numerals.",
    why: "Digits are found and understood faster than number words; percentages and Roman \
          numerals trouble readers who struggle with numbers.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous avez quinze jours pour répondre.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Le montant augmente de 2 %.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous avez 15 jours pour répondre.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous pouvez nous appeler une fois par semaine.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Le bureau est à deux pas de la gare. Le roi Albert II l'a inauguré.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre numéro de dossier est 123456. Le montant est de 1.237,50 EUR.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U hebt vijftien dagen om te antwoorden.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::EasyToRead,
            text: "Zie hoofdstuk IV.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U hebt 15 dagen om te antwoorden.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U kunt ons één keer per week bellen.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie haben fünfzehn Tage Zeit.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::EasyToRead,
            text: "Der Betrag steigt um 2 %.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie haben 15 Tage Zeit.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie können uns einmal pro Woche anrufen.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::EasyToRead,
            text: "Bitte lassen Sie diese Frist nicht außer Acht.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You have fifteen days to reply.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "See chapter IV.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You have 15 days to reply.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You can call us once a week.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "One of our advisers will call you. Your account number is 12345678.",
            triggers: false,
        },
    ],
};

// ---------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------

fn number_words(lang: Lang) -> &'static HashMap<String, u64> {
    static CELLS: [OnceLock<HashMap<String, u64>>; 4] = [const { OnceLock::new() }; 4];
    static EMPTY: OnceLock<HashMap<String, u64>> = OnceLock::new();
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/number-words.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/number-words.txt"),
        Lang::De => include_str!("../../../lexicons/de/number-words.txt"),
        Lang::En => include_str!("../../../lexicons/en/number-words.txt"),
    };
    CELLS.get(lang_index(lang)).map_or_else(
        || EMPTY.get_or_init(HashMap::new),
        |c| {
            c.get_or_init(|| {
                data_lines(src)
                    .filter_map(|l| {
                        let (w, v) = l.split_once('|')?;
                        Some((w.trim().to_lowercase(), v.trim().parse().ok()?))
                    })
                    .collect()
            })
        },
    )
}

fn idioms(lang: Lang) -> &'static [&'static str] {
    static CELLS: [OnceLock<Vec<&'static str>>; 4] = [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/number-idioms.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/number-idioms.txt"),
        Lang::De => include_str!("../../../lexicons/de/number-idioms.txt"),
        Lang::En => include_str!("../../../lexicons/en/number-idioms.txt"),
    };
    CELLS
        .get(lang_index(lang))
        .map(|c| c.get_or_init(|| data_lines(src).collect()).as_slice())
        .unwrap_or(&[])
}

/// Words joining the parts of a compound number.
fn connectors(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &["et"],
        Lang::Nl => &["en", "ën"],
        Lang::De => &["und"],
        Lang::En => &["and"],
    }
}

// ---------------------------------------------------------------------------------------
// Number words
// ---------------------------------------------------------------------------------------

/// The atomic values of one number-word token (`vingt-cinq` → [20, 5], `vijfentwintig` →
/// [5, 20], `zweihundert` → [2, 100]); `None` when it is not a number word.
fn parts(token: &str, lang: Lang) -> Option<Vec<u64>> {
    let lower = token.to_lowercase();
    let words = number_words(lang);
    let mut out = Vec::new();
    for piece in lower.split(['-', '\u{2011}']) {
        if piece.is_empty() {
            return None;
        }
        if connectors(lang).contains(&piece) && !out.is_empty() {
            continue;
        }
        out.extend(split_compound(
            piece,
            words,
            connectors(lang),
            longest_number_word(lang),
            0,
        )?);
    }
    (!out.is_empty()).then_some(out)
}

/// Byte length of the longest number word of `lang`.
fn longest_number_word(lang: Lang) -> usize {
    static CELLS: [OnceLock<usize>; 4] = [const { OnceLock::new() }; 4];
    CELLS.get(lang_index(lang)).map_or(usize::MAX, |c| {
        *c.get_or_init(|| {
            number_words(lang)
                .keys()
                .map(String::len)
                .max()
                .unwrap_or(0)
        })
    })
}

/// `piece` cut into number words (and connectors between them), longest first.
///
/// Only heads up to `longest` bytes (the longest number word) are looked up: looking up
/// every prefix of the piece made a long word (`aaaa…`, pasted or fuzzed) cost
/// quadratic time in its length.
fn split_compound(
    piece: &str,
    words: &HashMap<String, u64>,
    conn: &[&str],
    longest: usize,
    depth: usize,
) -> Option<Vec<u64>> {
    if piece.len() <= longest
        && let Some(v) = words.get(piece)
    {
        return Some(vec![*v]);
    }
    if depth > 6 {
        return None;
    }
    let mut cuts: Vec<usize> = piece
        .char_indices()
        .map(|(i, _)| i)
        .filter(|i| *i > 0)
        .take_while(|i| *i <= longest)
        .collect();
    cuts.reverse();
    for cut in cuts {
        let (head, tail) = (piece.get(..cut)?, piece.get(cut..)?);
        let Some(v) = words.get(head) else {
            continue;
        };
        // A connector must be followed by another number word.
        let tail = conn
            .iter()
            .find_map(|c| tail.strip_prefix(c).filter(|t| !t.is_empty()))
            .unwrap_or(tail);
        if let Some(mut rest) = split_compound(tail, words, conn, longest, depth + 1) {
            let mut out = vec![*v];
            out.append(&mut rest);
            return Some(out);
        }
    }
    None
}

/// The value of a sequence of atomic number values.
fn combine(parts: &[u64], lang: Lang) -> u64 {
    let (mut total, mut current) = (0u64, 0u64);
    for &v in parts {
        match v {
            100 => current = current.max(1).saturating_mul(100),
            1000 | 1_000_000 => {
                total = total.saturating_add(current.max(1).saturating_mul(v));
                current = 0;
            }
            // French `quatre-vingt(s)`.
            20 if lang == Lang::Fr && current % 100 == 4 => current = current - 4 + 80,
            _ => current = current.saturating_add(v),
        }
    }
    total.saturating_add(current)
}

/// Whether byte `pos` of the unit lies inside an idiom, or the word is an ambiguous one.
fn in_idiom(unit_lower: &str, unit_start: usize, span: Span, token: &str, lang: Lang) -> bool {
    let token = token.to_lowercase();
    let (s, e) = (
        (span.start as usize).saturating_sub(unit_start),
        (span.end as usize).saturating_sub(unit_start),
    );
    idioms(lang).iter().any(|idiom| {
        if !idiom.contains(' ') {
            return *idiom == token;
        }
        unit_lower.match_indices(idiom).any(|(i, m)| {
            let boundary_before = unit_lower
                .get(..i)
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            let boundary_after = unit_lower
                .get(i + m.len()..)
                .and_then(|a| a.chars().next())
                .is_none_or(|c| !c.is_alphanumeric());
            boundary_before && boundary_after && i <= s && e <= i + m.len()
        })
    })
}

// ---------------------------------------------------------------------------------------
// Roman numerals and separators
// ---------------------------------------------------------------------------------------

/// Value of a Roman numeral written with I, V, X, L, C in canonical form (`II`, `IV`,
/// `XIV`), at least two letters.
pub(crate) fn roman_value(t: &str) -> Option<u32> {
    if t.len() < 2 || !t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return None;
    }
    let val = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let chars: Vec<i64> = t.chars().map(val).collect();
    let mut total = 0i64;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == t).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= *v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Whether `t` is a Roman numeral (`II`, `IV`, `XIV`).
pub(crate) fn is_roman_numeral(t: &str) -> bool {
    roman_value(t).is_some()
}

/// Words before a Roman numeral of a legal text's structure (left to `legal-reference`).
const LEGAL_TITLES: &[&str] = &[
    "titre", "livre", "tome", "titel", "boek", "buch", "title", "book", "partie", "deel", "teil",
    "part",
];

/// `1,234.56` in a text whose decimal comma is `,` (fr, nl, de), or `1.234,56` in English:
/// the number with its separators swapped.
fn foreign_separators(t: &str, lang: Lang) -> Option<String> {
    let (group, decimal) = match lang {
        Lang::En => ('.', ','),
        _ => (',', '.'),
    };
    let (int, dec) = match t.split_once(decimal) {
        Some((i, d)) => (i, Some(d)),
        None => (t, None),
    };
    let groups: Vec<&str> = int.split(group).collect();
    let grouped = groups.len() >= 2
        && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let decimals_ok = dec.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    // Unambiguous only with both separators, or with several groups (`1,234,567`).
    if !(grouped && (decimals_ok || (dec.is_none() && groups.len() >= 3 && lang != Lang::En))) {
        return None;
    }
    Some(
        t.chars()
            .map(|c| {
                if c == group {
                    decimal
                } else if c == decimal {
                    group
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A long integer part without grouping, grouped the local way (`12345` → `12.345`).
fn grouped(int: &str, lang: Lang) -> String {
    let sep = if lang == Lang::En { ',' } else { '.' };
    let n = int.len();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Whether a word is capitalised inside a sentence (a name or, in German, a noun).
fn capital_inside(w: &Word, text: &str, first: bool) -> bool {
    !first
        && w.span
            .slice(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

struct Report {
    span: Span,
    severity: Severity,
    key: &'static str,
    args: Vec<(&'static str, String)>,
    fix: Option<String>,
}

impl Rule for NumberFormat {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let easy = cx.settings.audience == Audience::EasyToRead;
        let lang = cx.lang();
        let text = cx.text();
        let letterhead = is_letterhead(cx.block.kind, text);
        let word_min = cx
            .settings
            .threshold(ID, "words-from", if easy { 2.0 } else { 13.0 });
        let digits_min = cx.settings.threshold(ID, "digits", 5.0);
        let mild = if easy { Severity::Info } else { Severity::Hint };
        let mut reports: Vec<Report> = Vec::new();
        for u in cx.analysis.units.iter().filter(|u| u.unit.kind.counts()) {
            let unit_lower = u.unit.span.slice(text).to_lowercase();
            let unit_start = u.unit.span.start as usize;
            let ws = &u.words;
            let mut i = 0;
            while i < ws.len() {
                let Some(w) = ws.get(i) else { break };
                let token = w.span.slice(text);
                // Number words, possibly over several tokens (`deux cents`, `one hundred`).
                if w.kind == WordKind::Word
                    && !capital_inside(w, text, i == 0)
                    && let Some(mut vals) = parts(token, lang)
                {
                    let mut j = i + 1;
                    while let Some(n) = ws.get(j) {
                        let nt = n.span.slice(text);
                        if n.kind != WordKind::Word || capital_inside(n, text, false) {
                            break;
                        }
                        if let Some(more) = parts(nt, lang) {
                            vals.extend(more);
                            j += 1;
                        } else if connectors(lang).contains(&nt.to_lowercase().as_str())
                            && ws
                                .get(j + 1)
                                .is_some_and(|m| parts(m.span.slice(text), lang).is_some())
                        {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    // An article before a word that is no multiplier: `une quinzaine` is
                    // not `1`, `een tiental` neither; `un million` is.
                    let article_start =
                        vals.first() == Some(&1) && vals.get(1).is_none_or(|v| *v < 100);
                    let last = ws.get(j - 1).unwrap_or(w);
                    // English `a hundred`, `a thousand`: the article is part of the number.
                    let start = match i.checked_sub(1).and_then(|p| ws.get(p)) {
                        Some(p)
                            if lang == Lang::En
                                && vals.first().is_some_and(|v| *v >= 100)
                                && matches!(p.span.slice(text), "a" | "A" | "an") =>
                        {
                            p.span.start as usize
                        }
                        _ => w.span.start as usize,
                    };
                    let span = Span::new(start, last.span.end as usize);
                    let value = combine(&vals, lang);
                    if !article_start
                        && (value as f64) >= word_min
                        && !in_idiom(&unit_lower, unit_start, span, token, lang)
                        && !cx.settings.is_allowed(span.slice(text))
                    {
                        reports.push(Report {
                            span,
                            severity: mild,
                            key: "number-format.in-words",
                            args: vec![
                                ("words", span.slice(text).to_string()),
                                ("digits", value.to_string()),
                            ],
                            fix: Some(value.to_string()),
                        });
                    }
                    i = j;
                    continue;
                }
                if w.kind == WordKind::Number {
                    // Percentages (easy-to-read).
                    let rest = text.get(w.span.end as usize..).unwrap_or("");
                    let ws_len =
                        rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']).len();
                    if easy && rest.get(ws_len..).is_some_and(|r| r.starts_with('%')) {
                        reports.push(Report {
                            span: Span::new(
                                w.span.start as usize,
                                w.span.end as usize + ws_len + 1,
                            ),
                            severity: Severity::Info,
                            key: "number-format.percent",
                            args: vec![],
                            fix: None,
                        });
                    } else if let Some(swapped) = foreign_separators(token, lang) {
                        reports.push(Report {
                            span: w.span,
                            severity: Severity::Info,
                            key: "number-format.separators",
                            args: vec![("number", token.to_string()), ("local", swapped.clone())],
                            fix: Some(swapped),
                        });
                    } else if !letterhead && !follows_reference_word(lang, text, ws, i) {
                        let decimal = if lang == Lang::En { '.' } else { ',' };
                        let int = token.split(decimal).next().unwrap_or(token);
                        let plus = text
                            .get(..w.span.start as usize)
                            .is_some_and(|b| b.trim_end().ends_with('+'));
                        if (int.len() as f64) >= digits_min
                            && int.bytes().all(|b| b.is_ascii_digit())
                            && !int.starts_with('0')
                            && !plus
                        {
                            let g = grouped(int, lang);
                            let fixed = format!("{g}{}", token.get(int.len()..).unwrap_or(""));
                            reports.push(Report {
                                span: w.span,
                                severity: mild,
                                key: "number-format.grouping",
                                args: vec![
                                    ("number", token.to_string()),
                                    ("grouped", fixed.clone()),
                                ],
                                fix: Some(fixed),
                            });
                        }
                    }
                }
                // Percentages in words (easy-to-read): `5 pour cent`, `5 procent`.
                if easy && w.kind == WordKind::Word {
                    let b = bare_word(token);
                    let prev = i.checked_sub(1).and_then(|p| ws.get(p));
                    let after_number = prev.is_some_and(|p| p.kind == WordKind::Number);
                    let percent_word = matches!(b.as_str(), "procent" | "prozent" | "percent")
                        || (b == "cent"
                            && prev.is_some_and(|p| {
                                matches!(bare_word(p.span.slice(text)).as_str(), "pour" | "per")
                            }));
                    if percent_word && (after_number || b == "cent") {
                        reports.push(Report {
                            span: w.span,
                            severity: Severity::Info,
                            key: "number-format.percent",
                            args: vec![],
                            fix: None,
                        });
                    }
                }
                // Roman numerals (easy-to-read).
                if easy
                    && matches!(w.kind, WordKind::Acronym | WordKind::Word)
                    && let Some(v) = roman_value(token)
                    && lexdata::lang_data(lang).acronym(token).is_none()
                {
                    let prev = i.checked_sub(1).and_then(|p| ws.get(p));
                    let name = prev.is_some_and(|p| {
                        capital_inside(p, text, i == 1)
                            || LEGAL_TITLES.contains(&bare_word(p.span.slice(text)).as_str())
                    });
                    if !name {
                        reports.push(Report {
                            span: w.span,
                            severity: Severity::Info,
                            key: "number-format.roman",
                            args: vec![("roman", token.to_string()), ("digits", v.to_string())],
                            fix: Some(v.to_string()),
                        });
                    }
                }
                i += 1;
            }
        }
        for r in reports {
            let args: Vec<(&str, &dyn std::fmt::Display)> = r
                .args
                .iter()
                .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
                .collect();
            let fixes = r
                .fix
                .map(|replacement| Fix {
                    label: msg(lang, "number-format.fix", &[("text", &replacement)]),
                    edits: vec![Edit {
                        span: r.span,
                        replacement,
                    }],
                })
                .into_iter()
                .collect();
            out.push(Finding {
                rule: ID.into(),
                severity: r.severity,
                block: Some(cx.index),
                span: r.span,
                message: msg(lang, r.key, &args),
                fixes,
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use plainly_text::{Block, BlockKind, analyze_block};

    fn value(t: &str, lang: Lang) -> Option<u64> {
        parts(t, lang).map(|p| combine(&p, lang))
    }

    fn check(text: &str, lang: Lang, audience: Audience) -> Vec<Finding> {
        let block = Block::new(BlockKind::Paragraph, text, Default::default());
        let analysis = analyze_block(text, BlockKind::Paragraph, lang);
        let settings = Settings::with_audience(audience);
        let lexicon = crate::lexicon::Compiled::builtin();
        let cx = BlockContext::new(0, &block, &analysis, &settings, &lexicon);
        let mut out = Vec::new();
        NumberFormat.check_block(&cx, &mut out);
        out
    }

    #[test]
    fn number_words() {
        assert_eq!(value("vingt-cinq", Lang::Fr), Some(25));
        assert_eq!(value("quatre-vingt-dix", Lang::Fr), Some(90));
        assert_eq!(value("vingt-et-un", Lang::Fr), Some(21));
        assert_eq!(value("vijfentwintig", Lang::Nl), Some(25));
        assert_eq!(value("tweeëntwintig", Lang::Nl), Some(22));
        assert_eq!(value("tweehonderdvijftig", Lang::Nl), Some(250));
        assert_eq!(value("fünfundzwanzig", Lang::De), Some(25));
        assert_eq!(value("dreitausend", Lang::De), Some(3000));
        assert_eq!(value("twenty-five", Lang::En), Some(25));
        assert_eq!(value("tienen", Lang::Nl), None);
        assert_eq!(value("achten", Lang::Nl), None);
        assert_eq!(value("einen", Lang::De), None);
        assert_eq!(value("achtung", Lang::De), None);
        assert_eq!(value("often", Lang::En), None);
    }

    #[test]
    fn multi_word_numbers_and_fixes() {
        let f = check("Il reste deux cents places.", Lang::Fr, Audience::Standard);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "200");
        let f = check(
            "We have one hundred and ten places.",
            Lang::En,
            Audience::Standard,
        );
        assert_eq!(f[0].fixes[0].edits[0].replacement, "110");
        let text = "It costs a hundred euros.";
        let f = check(text, Lang::En, Audience::Standard);
        assert_eq!(f[0].span.slice(text), "a hundred");
        assert!(
            check(
                "Vous avez une quinzaine de jours.",
                Lang::Fr,
                Audience::Standard
            )
            .is_empty()
        );
        assert!(check("Vous avez trois mois.", Lang::Fr, Audience::Standard).is_empty());
        assert_eq!(
            check("Vous avez trois mois.", Lang::Fr, Audience::EasyToRead).len(),
            1
        );
    }

    #[test]
    fn formats() {
        let f = check(
            "Le montant est de 1,234.56 EUR.",
            Lang::Fr,
            Audience::Standard,
        );
        assert_eq!(f[0].fixes[0].edits[0].replacement, "1.234,56");
        let f = check("The amount is EUR 1.234,56.", Lang::En, Audience::Standard);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "1,234.56");
        let f = check(
            "Le total est de 125000 euros.",
            Lang::Fr,
            Audience::Standard,
        );
        assert_eq!(f[0].fixes[0].edits[0].replacement, "125.000");
        assert!(
            check(
                "Le total est de 1.250 euros, au 02 515 44 44.",
                Lang::Fr,
                Audience::Standard
            )
            .is_empty()
        );
        assert!(
            check(
                "Votre numéro de client : 4567891.",
                Lang::Fr,
                Audience::Standard
            )
            .is_empty()
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("LC"), None);
        assert_eq!(roman_value("I"), None);
        assert!(
            check(
                "Voir le titre II de la loi.",
                Lang::Fr,
                Audience::EasyToRead
            )
            .is_empty()
        );
        assert_eq!(
            check("Voir le chapitre II.", Lang::Fr, Audience::EasyToRead).len(),
            1
        );
    }
}

#[cfg(test)]
mod long_word_tests {
    use super::*;

    /// Regression (fuzzing, issue #9): every prefix of a word was looked up as a number
    /// word, at every recursion level: a 100 KB word took seconds, a 1 MB one would take
    /// hours. Only prefixes up to the longest number word are looked up now.
    #[test]
    fn a_very_long_word_is_cut_in_linear_time() {
        for lang in Lang::ALL {
            assert_eq!(parts(&"a".repeat(2_000_000), lang), None);
            assert_eq!(parts(&"é".repeat(1_000_000), lang), None);
        }
        // Number words repeated: every level finds a head, the depth bound stops it.
        assert_eq!(parts(&"un".repeat(500_000), Lang::Fr), None);
        assert_eq!(parts("vingt-cinq", Lang::Fr), Some(vec![20, 5]));
    }
}
