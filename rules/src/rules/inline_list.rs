//! `inline-list`: an enumeration packed into one sentence — three or more items separated
//! by semicolons or numbered inline (`1°`, `a)`, `(1)`, `(a)`, `(i)`); in easy-to-read also
//! three or more comma-separated items after a colon.
//!
//! Markers count only as a run in sequence (`1°, 2°, 3°`), each followed by an item of at
//! least two words, so legal references (*art. 12, § 2, 3°*, *1° et 2° de l'article 5*) are
//! no list. Semicolon segments that are references (*art. 12; art. 14*) do not count. List
//! items are skipped: they are a list already. The fix turns the sentence into its lead-in
//! and a bulleted list.

use super::util::{Lexicon, lexicon_text, norm, per_lang};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span, UnitKind};
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct InlineList;

const ID: &str = "inline-list";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Sentences,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Enumerations inside a sentence: three or more items separated by semicolons or \
           numbered inline (1°, a), (1), (a), (i)). Easy-to-read: also three or more \
           comma-separated items after a colon.",
    why: "Items in a list are easier to find, to tick off and to remember than items in a \
          long sentence.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Joignez les documents suivants : 1° une copie de votre carte d'identité ; 2° votre dernière fiche de paie ; 3° une attestation de votre employeur.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Joignez les documents suivants :\n- une copie de votre carte d'identité ;\n- votre dernière fiche de paie ;\n- une attestation de votre employeur.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Cette règle figure à l'article 12, § 2, 3°, et aux 1°, 2° et 3° de l'article 14 ; voyez aussi l'art. 15 ; art. 16.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Voeg de volgende documenten toe: 1° een kopie van uw identiteitskaart; 2° uw laatste loonfiche; 3° een attest van uw werkgever.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Voeg de volgende documenten toe:\n- een kopie van uw identiteitskaart;\n- uw laatste loonfiche;\n- een attest van uw werkgever.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Legen Sie bei: a) eine Kopie Ihres Ausweises; b) Ihre letzte Lohnabrechnung; c) eine Bescheinigung Ihres Arbeitgebers.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Legen Sie bei:\n- eine Kopie Ihres Ausweises;\n- Ihre letzte Lohnabrechnung;\n- eine Bescheinigung Ihres Arbeitgebers.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Enclose the following: (a) a copy of your identity card; (b) your last payslip; (c) a certificate from your employer.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Enclose the following:\n- a copy of your identity card;\n- your last payslip;\n- a certificate from your employer.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We need three documents: a copy of your identity card, your last payslip and a certificate from your employer.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "We need three documents: a copy of your identity card, your last payslip and a certificate from your employer.",
            triggers: true,
        },
    ],
};

/// Words of a language for this rule (`lexicons/<lang>/inline-list.txt`).
#[derive(Debug)]
struct Data {
    /// A segment starting with one of these is a legal reference (*art.*, *§*).
    reference: HashSet<String>,
    /// Conjunctions before the last item (*et, en, und, and*).
    last: HashSet<String>,
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(
        D.get_or_init(|| {
            Lang::ALL.map(|l| {
                let src = lexicon_text!(l, "inline-list.txt");
                let lex = Lexicon::parse(src);
                Data {
                    reference: lex.set("reference"),
                    last: lex.set("last-item"),
                }
            })
        }),
        lang,
    )
}

/// Styles of inline markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `1°`
    Degree,
    /// `a)`
    Letter,
    /// `(1)`
    ParenNumber,
    /// `(a)`
    ParenLetter,
    /// `(i)`
    ParenRoman,
}

/// A marker: style, value (1-based), byte range in the unit text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    style: Style,
    value: u32,
    start: usize,
    end: usize,
}

fn roman(s: &str) -> Option<u32> {
    const TABLE: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    TABLE
        .iter()
        .position(|r| *r == s)
        .and_then(|p| u32::try_from(p + 1).ok())
}

fn letter(s: &str) -> Option<u32> {
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(l @ 'a'..='z'), None) => Some(u32::from(l) - u32::from('a') + 1),
        _ => None,
    }
}

/// Every marker of `s` (the text of one unit).
fn marks(s: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let boundary = |i: usize| {
        i == 0
            || s.get(..i)
                .and_then(|b| b.chars().next_back())
                .is_some_and(|c| !c.is_alphanumeric())
    };
    for (i, c) in s.char_indices() {
        if c == '(' {
            let Some(close) = s.get(i + 1..).and_then(|r| r.find(')')) else {
                continue;
            };
            let inner = s.get(i + 1..i + 1 + close).unwrap_or("");
            if inner.is_empty() || inner.len() > 4 {
                continue;
            }
            let end = i + 2 + close;
            let mut push = |style, value| {
                out.push(Mark {
                    style,
                    value,
                    start: i,
                    end,
                })
            };
            if inner.bytes().all(|b| b.is_ascii_digit()) && inner.len() <= 2 {
                if let Ok(v) = inner.parse::<u32>() {
                    push(Style::ParenNumber, v);
                }
            } else {
                if let Some(v) = roman(inner) {
                    push(Style::ParenRoman, v);
                }
                if let Some(v) = letter(inner) {
                    push(Style::ParenLetter, v);
                }
            }
            continue;
        }
        if !boundary(i) || s.get(..i).is_some_and(|b| b.ends_with('(')) {
            continue;
        }
        if c.is_ascii_digit() {
            let digits: String = s
                .get(i..)
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = i + digits.len();
            if digits.len() <= 2
                && s.get(after..)
                    .is_some_and(|r| r.starts_with('°') || r.starts_with('º'))
                && let Ok(v) = digits.parse::<u32>()
            {
                out.push(Mark {
                    style: Style::Degree,
                    value: v,
                    start: i,
                    end: after + '°'.len_utf8(),
                });
            }
        } else if c.is_ascii_lowercase() && bytes.get(i + 1) == Some(&b')') {
            out.push(Mark {
                style: Style::Letter,
                value: u32::from(c) - u32::from('a') + 1,
                start: i,
                end: i + 2,
            });
        }
    }
    out
}

/// Words (runs of letters or digits) in `s`.
fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// The longest run of markers of one style in sequence, each followed by at least two
/// words before the next marker.
fn best_run(s: &str, all: &[Mark]) -> Vec<Mark> {
    let styles = [
        Style::Degree,
        Style::Letter,
        Style::ParenNumber,
        Style::ParenLetter,
        Style::ParenRoman,
    ];
    let mut best: Vec<Mark> = Vec::new();
    for style in styles {
        let ms: Vec<Mark> = all.iter().copied().filter(|m| m.style == style).collect();
        let mut run: Vec<Mark> = Vec::new();
        for m in ms {
            let continues = run.last().is_some_and(|p| {
                m.value == p.value + 1 && word_count(s.get(p.end..m.start).unwrap_or("")) >= 2
            });
            if !continues {
                if run.len() > best.len() {
                    best = run.clone();
                }
                run.clear();
            }
            run.push(m);
        }
        // The last item needs two words too.
        if run
            .last()
            .is_some_and(|l| word_count(s.get(l.end..).unwrap_or("")) < 2)
        {
            run.pop();
        }
        if run.len() > best.len() {
            best = run;
        }
    }
    best
}

/// Items found in a unit: where the list starts (byte in the unit text), the lead-in and
/// the items.
#[derive(Debug)]
struct Enumeration {
    list_start: usize,
    lead: String,
    items: Vec<String>,
}

fn clean_item(s: &str, d: &Data) -> String {
    let t = s
        .trim()
        .trim_end_matches([';', ',', '.', ' ', '\u{a0}'])
        .trim();
    // Drop a conjunction that joined the last item (`…, et`).
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && d.last.contains(&norm(last)) => {
            rest.join(" ").trim_end_matches([',', ';']).to_string()
        }
        _ => t.to_string(),
    }
}

fn is_reference(seg: &str, d: &Data) -> bool {
    let first = seg
        .split(|c: char| c.is_whitespace() || c == '.')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    seg.trim_start().starts_with('§')
        || d.reference.contains(&norm(first))
        || first.chars().all(|c| c.is_ascii_digit() || c == '°')
}

fn find(s: &str, d: &Data, commas: bool) -> Option<Enumeration> {
    // Inline markers.
    let run = best_run(s, &marks(s));
    let mut best: Option<Enumeration> = None;
    if run.len() >= 2 {
        let mut items = Vec::new();
        for (k, m) in run.iter().enumerate() {
            let end = run.get(k + 1).map_or(s.len(), |n| n.start);
            items.push(clean_item(s.get(m.end..end).unwrap_or(""), d));
        }
        let first = run.first()?;
        best = Some(Enumeration {
            list_start: first.start,
            lead: s.get(..first.start).unwrap_or("").trim().to_string(),
            items,
        });
    }
    // Semicolons.
    let colon = s
        .char_indices()
        .find(|&(i, c)| {
            c == ':'
                && s.get(i + 1..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
        .map(|(i, _)| i);
    let body_start = colon.map_or(0, |c| c + 1);
    let body = s.get(body_start..).unwrap_or("");
    if body.contains(';') {
        let segs: Vec<&str> = body.split(';').collect();
        let items: Vec<String> = segs
            .iter()
            .filter(|seg| word_count(seg) >= 1 && !is_reference(seg, d))
            .map(|seg| clean_item(seg, d))
            .collect();
        if items.len() > best.as_ref().map_or(0, |b| b.items.len()) {
            best = Some(Enumeration {
                list_start: body_start + body.len() - body.trim_start().len(),
                lead: s.get(..body_start).unwrap_or("").trim().to_string(),
                items,
            });
        }
    }
    // Easy-to-read: comma-separated items after a colon.
    if commas && let Some(c) = colon {
        let mut items: Vec<String> = Vec::new();
        for part in body.split(", ") {
            // The last part may hold two items joined by a conjunction.
            let words: Vec<&str> = part.split_whitespace().collect();
            match words.iter().position(|w| d.last.contains(&norm(w))) {
                Some(p) if p > 0 && p + 1 < words.len() => {
                    items.push(words.get(..p).unwrap_or(&[]).join(" "));
                    items.push(clean_item(&words.get(p + 1..).unwrap_or(&[]).join(" "), d));
                }
                _ => items.push(clean_item(part, d)),
            }
        }
        let ok = items
            .iter()
            .all(|i| word_count(i) >= 1 && !is_reference(i, d));
        if ok && items.len() > best.as_ref().map_or(0, |b| b.items.len()) {
            best = Some(Enumeration {
                list_start: body_start + body.len() - body.trim_start().len(),
                lead: s.get(..=c).unwrap_or("").trim().to_string(),
                items,
            });
        }
    }
    best
}

impl Rule for InlineList {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() || cx.block.kind == BlockKind::ListItem {
            return;
        }
        let lang = cx.lang();
        let d = data(lang);
        let (limit, severity, commas) = match cx.settings.audience {
            Audience::Standard => (3.0, Severity::Info, false),
            Audience::EasyToRead => (3.0, Severity::Warning, true),
        };
        let limit = cx.settings.threshold(ID, "items", limit);
        let text = cx.text();
        for u in cx
            .analysis
            .units
            .iter()
            .filter(|u| u.unit.kind == UnitKind::Sentence)
        {
            let s = u.unit.span.slice(text);
            let Some(e) = find(s, d, commas) else {
                continue;
            };
            if (e.items.len() as f64) < limit {
                continue;
            }
            let base = u.unit.span.start as usize;
            let span = Span::new(base + e.list_start, u.unit.span.end as usize);
            let mut fixes = Vec::new();
            if e.lead.ends_with(':') && e.items.iter().all(|i| !i.is_empty()) {
                let end_punct = s
                    .trim_end()
                    .chars()
                    .next_back()
                    .filter(|c| matches!(c, '.' | '!'));
                let mut list = format!("{}\n", e.lead);
                let n = e.items.len();
                for (k, item) in e.items.iter().enumerate() {
                    list.push_str("\n- ");
                    list.push_str(item);
                    if k + 1 == n
                        && let Some(p) = end_punct
                    {
                        list.push(p);
                    }
                }
                if (u.unit.span.end as usize) < text.trim_end().len() {
                    list.push_str("\n\n");
                }
                let mut end = u.unit.span.end as usize;
                // Swallow the space before the next sentence.
                while text.get(end..).is_some_and(|r| r.starts_with(' ')) {
                    end += 1;
                }
                fixes.push(Fix {
                    label: msg(lang, "inline-list.fix", &[]),
                    edits: vec![Edit {
                        span: Span::new(base, end),
                        replacement: list,
                    }],
                });
            }
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: Some(cx.index),
                span,
                message: msg(lang, "inline-list.items", &[("count", &e.items.len())]),
                fixes,
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::rules::test_util::assert_examples;

    #[test]
    fn examples() {
        assert_examples(ID);
    }

    fn items(s: &str, lang: Lang, commas: bool) -> Vec<String> {
        find(s, data(lang), commas)
            .map(|e| e.items)
            .unwrap_or_default()
    }

    #[test]
    fn markers_in_sequence() {
        assert_eq!(
            items(
                "Joignez : 1° une copie de la carte ; 2° votre fiche de paie ; 3° une attestation.",
                Lang::Fr,
                false
            ),
            vec![
                "une copie de la carte",
                "votre fiche de paie",
                "une attestation"
            ]
        );
        assert_eq!(
            items("Legen Sie bei: a) eine Kopie; b) Ihre letzte Lohnabrechnung und c) eine Bescheinigung.", Lang::De, false).len(),
            3
        );
        // References, not items.
        assert!(items("Voir les 1°, 2° et 3° de l'article 12.", Lang::Fr, false).len() < 3);
        assert!(items("Selon l'art. 12; art. 14; art. 15.", Lang::Fr, false).len() < 3);
    }

    #[test]
    fn commas_after_a_colon() {
        assert_eq!(
            items(
                "We need: a copy of your card, your payslip and a certificate.",
                Lang::En,
                true
            ),
            vec!["a copy of your card", "your payslip", "a certificate"]
        );
        assert!(
            items(
                "We need: a copy of your card, your payslip and a certificate.",
                Lang::En,
                false
            )
            .is_empty()
        );
    }

    #[test]
    fn fix_builds_a_list() {
        use crate::{Engine, Settings};
        use plainly_text::Document;
        let text = "Joignez : 1° une copie de la carte ; 2° votre fiche de paie ; 3° une attestation. Merci.";
        let doc = Document::paragraph(text, Lang::Fr);
        let report = Engine::default().check(&doc, &Settings::default(), Lang::Fr);
        let f = report.findings.iter().find(|f| f.rule == ID).unwrap();
        assert_eq!(
            f.fixes[0].edits[0].replacement,
            "Joignez :\n\n- une copie de la carte\n- votre fiche de paie\n- une attestation.\n\n"
        );
        assert!(f.span.slice(text).starts_with("1°"));
    }
}
