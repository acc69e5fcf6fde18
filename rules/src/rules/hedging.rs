//! `hedging`: indirect polite requests (*nous vous saurions gré de*, *wij zouden u willen
//! vragen*, *wir wären Ihnen dankbar, wenn*, *we would be grateful if you could*) and
//! stacks of conditional or modal forms that blur what the reader must do.
//!
//! Formulas come from `lexicons/<lang>/hedging.txt` (`formula => direct request` gives a
//! one-click fix). Conditional forms are a closed list: French conditionals of *devoir,
//! pouvoir, vouloir, savoir, être, avoir, falloir*, Dutch *zou/zouden* (with a modal in
//! the sentence), German Konjunktiv II, English *would, could, might, should*, plus
//! hedging adverbs (*éventuellement, possibly*). Two or more in a sentence give an Info; in
//! easy-to-read any conditional is a warning. The usual polite condition (*Sollten Sie
//! Fragen haben*, *Should you have any questions*) is left to easy-to-read.

use super::util::{Lexicon, Tok, capitalise, lexicon_text, per_lang};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, Span};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Hedging;

const ID: &str = "hedging";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Verbs,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Indirect polite requests (nous vous saurions gré de, wij zouden u willen vragen, \
           wir wären Ihnen dankbar, wenn, we would be grateful if you could), and two or more \
           conditional or modal forms in one sentence. Easy-to-read: any conditional.",
    why: "The reader must understand that something is asked, and what; a request wrapped \
          in conditionals sounds optional.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous vous saurions gré de bien vouloir nous faire parvenir les documents.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Pourriez-vous éventuellement nous envoyer votre fiche de paie ?",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Envoyez-nous les documents avant le 15 mars.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Si vous déménagez, vous serez payé plus tard et nous pourrions vous appeler.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij zouden u willen vragen de documenten op te sturen.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur ons de documenten voor 15 maart.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir wären Ihnen dankbar, wenn Sie uns die Unterlagen zusenden könnten.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Bitte schicken Sie uns die Unterlagen bis zum 15. März.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sollten Sie Fragen haben, rufen Sie uns an.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::EasyToRead,
            text: "Sollten Sie Fragen haben, rufen Sie uns an.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We would be grateful if you could send us the documents.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please send us the documents by 15 March.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Should you have any questions, you can call us.",
            triggers: false,
        },
    ],
};

/// A formula: its words (`None` is a gap of up to six words in the same clause), and the
/// direct request that may replace it.
#[derive(Debug)]
struct Formula {
    words: Vec<Option<HashSet<String>>>,
    replacement: Option<String>,
}

#[derive(Debug)]
struct Data {
    formulas: Vec<Formula>,
    by_first: HashMap<String, Vec<usize>>,
    /// Conditional forms.
    conditional: HashSet<String>,
    /// Modal verbs that stack with a conditional (Dutch *zou … willen*).
    modal: HashSet<String>,
    /// Hedging adverbs (*éventuellement, possibly*).
    hedge: HashSet<String>,
    /// Conditionals that open a polite condition at the clause start when a pronoun
    /// follows (*Sollten Sie…*, *Should you…*).
    polite: HashSet<String>,
}

const GAP: usize = 6;

impl Data {
    fn load(lang: Lang) -> Data {
        let src = lexicon_text!(lang, "hedging.txt");
        let lex = Lexicon::parse(src);
        let mut formulas = Vec::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for e in lex.entries("formula") {
            let (pat, replacement) = match e.key.split_once("=>") {
                Some((p, r)) => (p.trim(), Some(r.trim().to_string())),
                None => (e.key.as_str(), None),
            };
            let words: Vec<Option<HashSet<String>>> = pat
                .split_whitespace()
                .map(|w| match w {
                    "…" | "..." => None,
                    alts => Some(alts.split('/').map(str::to_string).collect()),
                })
                .collect();
            let Some(Some(first)) = words.first() else {
                continue;
            };
            for w in first {
                by_first.entry(w.clone()).or_default().push(formulas.len());
            }
            formulas.push(Formula { words, replacement });
        }
        Data {
            formulas,
            by_first,
            conditional: lex.set("conditional"),
            modal: lex.set("modal"),
            hedge: lex.set("hedge"),
            polite: lex.set("polite"),
        }
    }
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(D.get_or_init(|| Lang::ALL.map(Data::load)), lang)
}

/// Where formula `words` matches from token `at`: the index after the match.
fn match_formula(toks: &[Tok<'_>], words: &[Option<HashSet<String>>], at: usize) -> Option<usize> {
    let Some((w, rest)) = words.split_first() else {
        return Some(at);
    };
    match w {
        Some(alts) => {
            let t = toks.get(at)?;
            if !alts.contains(&t.lower) {
                return None;
            }
            match_formula(toks, rest, at + 1)
        }
        None => {
            for skip in 0..=GAP {
                let k = at + skip;
                // The gap and the word after it stay in the clause.
                if (at..=k).any(|j| toks.get(j).is_some_and(|t| t.breaks_before())) {
                    break;
                }
                if let Some(end) = match_formula(toks, rest, k) {
                    return Some(end);
                }
            }
            None
        }
    }
}

/// Formulas found in a unit: (first token, end, formula index).
fn formulas(toks: &[Tok<'_>], lang: Lang) -> Vec<(usize, usize, usize)> {
    let d = data(lang);
    let mut out = Vec::new();
    let mut covered = 0;
    for (i, t) in toks.iter().enumerate() {
        if i < covered {
            continue;
        }
        let Some(cands) = d.by_first.get(&t.lower) else {
            continue;
        };
        // The longest match wins.
        let best = cands
            .iter()
            .filter_map(|&f| {
                let words = &d.formulas.get(f)?.words;
                match_formula(toks, words, i).map(|end| (end, f))
            })
            .max_by_key(|(end, _)| *end);
        if let Some((end, f)) = best {
            out.push((i, end, f));
            covered = end;
        }
    }
    out
}

/// A polite condition at a clause start: *Sollten Sie…*, *Should you…*.
fn polite_condition(toks: &[Tok<'_>], k: usize, d: &Data) -> bool {
    let Some(t) = toks.get(k) else { return false };
    d.polite.contains(&t.lower)
        && (k == 0 || t.breaks_before())
        && toks
            .get(k + 1)
            .is_some_and(|n| matches!(n.lower.as_str(), "sie" | "you" | "u" | "vous"))
}

impl Rule for Hedging {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let lang = cx.lang();
        let d = data(lang);
        let easy = cx.settings.audience == Audience::EasyToRead;
        let severity = if easy {
            Severity::Warning
        } else {
            Severity::Info
        };
        let limit = cx
            .settings
            .threshold(ID, "forms", if easy { 1.0 } else { 2.0 });
        let text = cx.text();
        for (_, toks) in cx.unit_tokens() {
            let found = formulas(toks, lang);
            let mut inside: HashSet<usize> = HashSet::new();
            for &(start, end, f) in &found {
                inside.extend(start..end);
                let (Some(a), Some(b)) = (toks.get(start), toks.get(end.saturating_sub(1))) else {
                    continue;
                };
                let span = a.span.cover(b.span);
                let phrase = span.slice(text);
                if cx.settings.is_allowed(phrase) {
                    continue;
                }
                let formula = d.formulas.get(f);
                let mut fixes = Vec::new();
                let message = match formula.and_then(|x| x.replacement.as_ref()) {
                    Some(r) => {
                        let r = if start == 0 { capitalise(r) } else { r.clone() };
                        let message = msg(
                            lang,
                            "hedging.formula-plain",
                            &[("phrase", &phrase), ("plain", &r)],
                        );
                        fixes.push(Fix {
                            label: msg(lang, "hedging.fix", &[("plain", &r)]),
                            edits: vec![Edit {
                                span,
                                replacement: r,
                            }],
                        });
                        message
                    }
                    None => msg(lang, "hedging.formula", &[("phrase", &phrase)]),
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
            // Conditional and modal forms outside the formulas.
            let has_conditional = toks
                .iter()
                .enumerate()
                .any(|(k, t)| !inside.contains(&k) && d.conditional.contains(&t.lower));
            let forms: Vec<usize> = toks
                .iter()
                .enumerate()
                .filter(|(k, t)| {
                    !inside.contains(k)
                        && (d.conditional.contains(&t.lower)
                            || d.hedge.contains(&t.lower)
                            || (has_conditional && d.modal.contains(&t.lower)))
                        && (easy || !polite_condition(toks, *k, d))
                })
                .map(|(k, _)| k)
                .collect();
            let conditionals = forms
                .iter()
                .filter(|k| {
                    toks.get(**k)
                        .is_some_and(|t| d.conditional.contains(&t.lower))
                })
                .count();
            let enough = if easy {
                conditionals as f64 >= limit
            } else {
                forms.len() as f64 >= limit
            };
            if !enough || !found.is_empty() && !easy {
                continue;
            }
            let (Some(a), Some(b)) = (
                forms.first().and_then(|k| toks.get(*k)),
                forms.last().and_then(|k| toks.get(*k)),
            ) else {
                continue;
            };
            let words: Vec<&str> = forms
                .iter()
                .filter_map(|k| toks.get(*k).map(|t| t.text))
                .collect();
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: Some(cx.index),
                span: Span::new(a.span.start as usize, b.span.end as usize),
                message: msg(
                    lang,
                    if easy {
                        "hedging.conditional"
                    } else {
                        "hedging.stack"
                    },
                    &[("count", &forms.len()), ("words", &words.join(", "))],
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
    use crate::rules::test_util::{assert_examples, first_unit_tokens};

    #[test]
    fn examples() {
        assert_examples(ID);
    }

    fn found(text: &str, lang: Lang) -> Vec<String> {
        let toks = first_unit_tokens(text, lang);
        formulas(&toks, lang)
            .into_iter()
            .map(|(s, e, _)| toks[s].span.cover(toks[e - 1].span).slice(text).to_string())
            .collect()
    }

    #[test]
    fn formulas_with_gaps_and_commas() {
        assert_eq!(
            found(
                "Nous vous saurions gré de bien vouloir nous écrire.",
                Lang::Fr
            ),
            vec!["Nous vous saurions gré de bien vouloir"]
        );
        assert_eq!(
            found("Zou u ons het formulier willen sturen?", Lang::Nl),
            vec!["Zou u ons het formulier willen"]
        );
        assert_eq!(
            found("Wir wären Ihnen dankbar, wenn Sie schreiben.", Lang::De),
            vec!["Wir wären Ihnen dankbar, wenn"]
        );
        assert_eq!(
            found("Pourriez-vous écrire ?", Lang::Fr),
            vec!["Pourriez-vous"]
        );
    }
}
