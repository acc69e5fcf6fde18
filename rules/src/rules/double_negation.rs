//! `double-negation`: two negations in one clause that cancel out (*pas impossible*, *niet
//! onbelangrijk*, *nicht unwahrscheinlich*, *not uncommon*, *not without*); in
//! easy-to-read, any negation (Info).
//!
//! A negator (*pas, non / niet, geen / nicht, kein- / not, no, never*), then — with at most
//! a few words like *si, tout à fait, zo, ganz, entirely* between — a word from the
//! lexicon of negative words (`lexicons/<lang>/negation.txt`: a list, not a prefix rule:
//! *inclus, onder, unter, interest* are not negative), or right after it *sans, zonder,
//! ohne, without*. French negative concord (*nous n'avons plus rien reçu*) and *ne … que*
//! are one negation or none.

use super::util::{Lexicon, Tok, lexicon_text, per_lang};
use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::Lang;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct DoubleNegation;

const ID: &str = "double-negation";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Verbs,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Two negations in one clause that cancel out (pas impossible, niet onbelangrijk, \
           nicht unwahrscheinlich, not uncommon, not without). Easy-to-read: any negation \
           (Info).",
    why: "The reader has to work out that \"not impossible\" means \"possible\", and many get \
          it wrong.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Il n'est pas impossible que votre demande soit refusée.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Ce document n'est pas sans importance.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre demande risque d'être refusée.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous n'avons plus rien reçu.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous ne pouvons pas traiter les dossiers incomplets, non seulement pour vous mais pour tous.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Vous n'avez pas besoin d'un avocat.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Het is niet onmogelijk dat u moet terugbetalen.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Dit is niet zonder gevolgen.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Misschien moet u terugbetalen.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij hebben niets ontvangen.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij kunnen geen onvolledig dossier aanvaarden.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Es ist nicht unwahrscheinlich, dass Sie zurückzahlen müssen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Das bleibt nicht ohne Folgen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wahrscheinlich müssen Sie zurückzahlen.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben nichts erhalten.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir können keine unvollständige Akte annehmen und das ist nicht unbedingt schlimm.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Das ist keine unwichtige Frage.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "It is not unlikely that you will have to repay.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "This is not without consequences.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You will probably have to repay.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We have not received anything.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We do not only pay your benefit; it isn't included in the interest either.",
            triggers: false,
        },
    ],
};

#[derive(Debug)]
struct Data {
    /// Negators that may start a double negation.
    negator: HashSet<String>,
    /// Negators that are one only after *ne* (French *plus*: otherwise "more").
    after_ne: HashSet<String>,
    /// *sans, zonder, ohne, without*.
    without: HashSet<String>,
    /// Words that may stand between the two negations (*si, zo, ganz, entirely*).
    between: HashSet<String>,
    /// Negative words → their positive.
    negative: HashMap<String, String>,
    /// Every negation, for easy-to-read.
    any: HashSet<String>,
    /// Negators that are determiners (*geen, kein-, no*): a litotes only in a predicate
    /// (*das ist keine unwichtige Frage*), not before an object (*wir können keine
    /// unvollständige Akte annehmen*).
    determiner: HashSet<String>,
    /// Forms of *be* that make the predicate.
    copula: HashSet<String>,
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(
        D.get_or_init(|| {
            Lang::ALL.map(|l| {
                let src = lexicon_text!(l, "negation.txt");
                let lex = Lexicon::parse(src);
                Data {
                    negator: lex.set("negator"),
                    after_ne: lex.set("after-ne"),
                    without: lex.set("without"),
                    between: lex.set("between"),
                    negative: lex.map("negative"),
                    any: lex.set("any"),
                    determiner: lex.set("determiner"),
                    copula: lex.set("copula"),
                }
            })
        }),
        lang,
    )
}

/// The positive of a negative word, trying French and Dutch/German inflections.
fn positive<'d>(w: &str, lang: Lang, d: &'d Data) -> Option<&'d String> {
    let endings: &[&str] = match lang {
        Lang::Fr => &["", "s", "e", "es"],
        Lang::Nl => &["", "e"],
        Lang::De => &["", "e", "en", "er", "es", "em"],
        Lang::En => &[""],
    };
    endings.iter().find_map(|e| {
        w.strip_suffix(e)
            .filter(|b| !b.is_empty())
            .and_then(|b| d.negative.get(b))
    })
}

/// French: a *ne/n'* earlier in the same clause.
fn ne_before(toks: &[Tok<'_>], k: usize) -> bool {
    let mut j = k;
    while j > 0 {
        if toks.get(j).is_some_and(|t| t.breaks_before()) {
            return false;
        }
        j -= 1;
        if toks
            .get(j)
            .is_some_and(|t| t.lower == "ne" || t.lower == "n'")
        {
            return true;
        }
    }
    false
}

/// A form of *be* earlier in the clause of token `k`.
fn copula_before(toks: &[Tok<'_>], k: usize, d: &Data) -> bool {
    let mut j = k;
    while j > 0 {
        if toks.get(j).is_some_and(|t| t.breaks_before()) {
            return false;
        }
        j -= 1;
        if toks.get(j).is_some_and(|t| d.copula.contains(&t.lower)) {
            return true;
        }
    }
    false
}

/// A double negation: (negator, second negation, positive if known).
fn doubles(toks: &[Tok<'_>], lang: Lang) -> Vec<(usize, usize, Option<String>)> {
    let d = data(lang);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let is_negator = d.negator.contains(&t.lower)
            || (d.after_ne.contains(&t.lower) && lang == Lang::Fr && ne_before(toks, i));
        if !is_negator {
            continue;
        }
        if let Some(n) = toks.get(i + 1)
            && d.without.contains(&n.lower)
            && !n.breaks_before()
        {
            out.push((i, i + 1, None));
            continue;
        }
        let mut j = i + 1;
        while j <= i + 3
            && toks
                .get(j)
                .is_some_and(|n| d.between.contains(&n.lower) && !n.breaks_before())
        {
            j += 1;
        }
        let Some(n) = toks.get(j) else { continue };
        if n.breaks_before() || !n.is_word() {
            continue;
        }
        if d.determiner.contains(&t.lower) && !copula_before(toks, i, d) {
            continue;
        }
        if let Some(p) = positive(&n.lower, lang, d) {
            out.push((i, j, Some(p.clone())));
        }
    }
    out
}

/// The first negation of a sentence (easy-to-read): its span's token range.
fn first_negation(toks: &[Tok<'_>], lang: Lang) -> Option<(usize, usize)> {
    let d = data(lang);
    for (i, t) in toks.iter().enumerate() {
        if lang == Lang::Fr && (t.lower == "ne" || t.lower == "n'") {
            // *ne … pas/plus/jamais/rien…*; *ne … que* is "only".
            let end = toks
                .iter()
                .enumerate()
                .skip(i + 1)
                .take_while(|(j, n)| *j == i + 1 || !n.breaks_before())
                .find(|(_, n)| d.any.contains(&n.lower) || n.lower == "que" || n.lower == "qu'")
                .filter(|(_, n)| n.lower != "que" && n.lower != "qu'")
                .map(|(j, _)| j);
            if let Some(end) = end {
                return Some((i, end));
            }
            continue;
        }
        if d.any.contains(&t.lower) && !d.after_ne.contains(&t.lower) {
            return Some((i, i));
        }
    }
    None
}

impl Rule for DoubleNegation {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let lang = cx.lang();
        let easy = cx.settings.audience == Audience::EasyToRead;
        let text = cx.text();
        for (_, toks) in cx.unit_tokens() {
            let found = doubles(toks, lang);
            for (a, b, pos) in &found {
                let (Some(x), Some(y)) = (toks.get(*a), toks.get(*b)) else {
                    continue;
                };
                // *isn't unusual*: the contraction's host belongs to the span.
                let start = match a.checked_sub(1).and_then(|p| toks.get(p)) {
                    Some(h) if x.text != x.lower && x.gap.is_empty() => h.span,
                    _ => x.span,
                };
                let span = start.cover(y.span);
                let phrase = span.slice(text);
                if cx.settings.is_allowed(phrase) || cx.settings.is_allowed(y.text) {
                    continue;
                }
                let message = match pos {
                    Some(p) => msg(
                        lang,
                        "double-negation.double-plain",
                        &[("phrase", &phrase), ("positive", p)],
                    ),
                    None => msg(lang, "double-negation.double", &[("phrase", &phrase)]),
                };
                out.push(Finding {
                    rule: ID.into(),
                    severity: Severity::Warning,
                    block: Some(cx.index),
                    span,
                    message,
                    fixes: Vec::new(),
                });
            }
            if !easy || !found.is_empty() {
                continue;
            }
            let Some((a, b)) = first_negation(toks, lang) else {
                continue;
            };
            let (Some(x), Some(y)) = (toks.get(a), toks.get(b)) else {
                continue;
            };
            let span = x.span.cover(y.span);
            out.push(Finding {
                rule: ID.into(),
                severity: Severity::Info,
                block: Some(cx.index),
                span,
                message: msg(
                    lang,
                    "double-negation.negative",
                    &[("phrase", &span.slice(text))],
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

    fn found(text: &str, lang: Lang) -> Vec<(String, Option<String>)> {
        let toks = first_unit_tokens(text, lang);
        doubles(&toks, lang)
            .into_iter()
            .map(|(x, y, p)| (toks[x].span.cover(toks[y].span).slice(text).to_string(), p))
            .collect()
    }

    #[test]
    fn doubles_and_positives() {
        assert_eq!(
            found("Ce n'est pas tout à fait impossible.", Lang::Fr),
            vec![("pas tout à fait impossible".into(), Some("possible".into()))]
        );
        assert_eq!(
            found("Das ist keine unwichtige Frage.", Lang::De),
            vec![("keine unwichtige".into(), Some("wichtig".into()))]
        );
        assert_eq!(
            found("It isn't unusual.", Lang::En),
            vec![("n't unusual".into(), Some("usual".into()))],
            "the rule widens this span to the contraction's host"
        );
        assert!(found("Vous recevrez plus incomplets.", Lang::Fr).is_empty());
        assert!(found("Nous n'avons plus rien reçu.", Lang::Fr).is_empty());
    }

    #[test]
    fn first_negation_in_french() {
        let text = "Il ne reste que deux jours et vous n'avez pas payé.";
        let toks = first_unit_tokens(text, Lang::Fr);
        let (x, y) = first_negation(&toks, Lang::Fr).unwrap();
        assert_eq!(toks[x].span.cover(toks[y].span).slice(text), "n'avez pas");
    }
}
