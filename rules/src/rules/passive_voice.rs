//! `passive-voice`: passive constructions — French *être* + participle, Dutch *worden* +
//! participle (and *zijn* + participle with *door*), German *werden* + Partizip II and
//! *sein … zu* + infinitive, English *be* + participle.
//!
//! French and English: the auxiliary, up to two adverbs or negation words, then a
//! participle (regular endings, or the irregular list); verbs conjugated with *être* (*il
//! est né*), pronominal verbs (*il s'est inscrit*), states (*le bureau est fermé*) and fixed
//! expressions (*vous êtes tenu de*, *you are entitled to*) are left out. Dutch and German:
//! the auxiliary and a participle in the same clause (a German infinitive is the future, not
//! a passive). The agent (*par, door, von, by*) raises the finding from Hint to Info: the
//! active is then easy to write.

use super::util::{
    Lexicon, Tok, Verbs, clauses_and_coordination, function_words, lexicon_text, per_lang, tokens,
    verbs,
};
use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, DocContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, Span, WordKind};
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct PassiveVoice;

const ID: &str = "passive-voice";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Verbs,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Passive constructions: Info when the agent is named (par, door, von, by), Hint \
           otherwise; a warning when more than 10 % of a document's sentences are passive. \
           Easy-to-read: a warning for each passive.",
    why: "A passive hides who acts: the reader cannot tell who decided, or who has to do \
          something.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre demande a été examinée par nos services.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Le formulaire doit être renvoyé avant le 15 mars.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nos services ont examiné votre demande.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Il est né à Liège.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous êtes arrivé à l'heure.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Le bureau est fermé le lundi, vous êtes tenu de prévenir et il s'est inscrit ici.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Uw aanvraag werd door onze diensten onderzocht.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Het formulier dient te worden teruggestuurd.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Onze diensten hebben uw aanvraag onderzocht.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U wordt lid van de vakbond.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Uw dochter Lotte is 18 jaar geworden en het kantoor is gesloten.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Ihr Antrag wurde von unseren Dienststellen geprüft.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Das Formular ist bis zum 15. März zurückzusenden.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag geprüft.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir werden Ihnen nächste Woche schreiben.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie werden das Geld bekommen, es wird teuer und wir werden die gesamten Kosten tragen.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Your application has been examined by our services.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "The form must be returned by 15 March.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We have examined your application.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You are entitled to a refund.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "The office is closed on Monday and we are pleased to help you.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "Your benefit will be paid every month.",
            triggers: true,
        },
    ],
};

/// French and English forms (`lexicons/<lang>/passive.txt`); Dutch and German use the
/// auxiliary sets of `verb-forms.txt` and keep the agent words here.
#[derive(Debug)]
struct Data {
    /// Forms of *être*/*be*.
    be: HashSet<String>,
    /// Forms after which a state is an event (*a été fermé*, *has been closed*).
    event: HashSet<String>,
    /// *avoir/have* before *été/been*: part of the span.
    perfect: HashSet<String>,
    /// Irregular participles.
    participle: HashSet<String>,
    /// Participles of verbs conjugated with *être* (*né, venu*).
    motion: HashSet<String>,
    /// Participles that name a state.
    stative: HashSet<String>,
    /// Fixed expressions that are the plain choice (*tenu de*, *entitled to*).
    fixed: HashSet<String>,
    /// Words that look like participles and are not.
    not_participle: HashSet<String>,
    /// Words that introduce the agent.
    agent: HashSet<String>,
    /// After the agent word, these make it a means or a date (*par écrit*, *by post*).
    agent_not: HashSet<String>,
}

impl Data {
    fn load(lang: Lang) -> Data {
        let src = lexicon_text!(lang, "passive.txt");
        let lex = Lexicon::parse(src);
        Data {
            be: lex.set("be"),
            event: lex.set("event"),
            perfect: lex.set("perfect"),
            participle: lex.set("participle"),
            motion: lex.set("motion"),
            stative: lex.set("stative"),
            fixed: lex.set("fixed"),
            not_participle: lex.set("not-participle"),
            agent: lex.set("agent"),
            agent_not: lex.set("agent-not"),
        }
    }
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(D.get_or_init(|| Lang::ALL.map(Data::load)), lang)
}

/// A passive found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Passive {
    /// Span from the auxiliary to the participle.
    pub span: Span,
    pub agent: bool,
    /// The agent's words after *par/door/von/by* (*nos services*), when named.
    pub agent_words: Option<Span>,
}

/// French forms a participle may take (`reçu`, `reçue`, `reçus`, `reçues`).
fn french_bases(w: &str) -> [&str; 4] {
    [
        w,
        w.strip_suffix("es").unwrap_or(w),
        w.strip_suffix('e').unwrap_or(w),
        w.strip_suffix('s').unwrap_or(w),
    ]
}

fn in_set_fr(set: &HashSet<String>, w: &str) -> bool {
    french_bases(w).iter().any(|b| set.contains(*b))
}

fn is_participle_fr(w: &str, d: &Data) -> bool {
    if in_set_fr(&d.participle, w) {
        return true;
    }
    if d.not_participle.contains(w) {
        return false;
    }
    let n = w.chars().count();
    let stem = french_bases(w)
        .into_iter()
        .min_by_key(|b| b.len())
        .unwrap_or(w);
    let before_last = |s: &str| s.chars().rev().nth(1);
    if n >= 4 && stem.ends_with('é') && w != "été" {
        return true;
    }
    if n >= 5
        && (stem.ends_with('i') || w.ends_with("is"))
        && !["ai", "oi", "ais", "ois", "aie"]
            .iter()
            .any(|s| w.ends_with(s))
    {
        return true;
    }
    n >= 4 && stem.ends_with('u') && before_last(stem).is_some_and(|c| !"aeiouyéèê".contains(c))
}

fn is_participle_en(w: &str, d: &Data) -> bool {
    if d.participle.contains(w) {
        return true;
    }
    if d.not_participle.contains(w) || w.ends_with("eed") {
        return false;
    }
    w.chars().count() >= 4 && w.ends_with("ed")
}

/// Adverbs and negation words that may stand between the auxiliary and the participle.
fn skippable(t: &Tok<'_>, lang: Lang) -> bool {
    let fw = function_words(lang);
    let w = t.lower.as_str();
    fw.adv.contains(w)
        || fw.neg.contains(w)
        || (lang == Lang::Fr && w.ends_with("ment") && w.chars().count() >= 6)
        || (lang == Lang::En && w.ends_with("ly") && w.chars().count() >= 5)
        // Inverted subject clitic: *êtes-vous inscrit*.
        || (t.gap == "-" && fw.pron.contains(w))
}

/// Whether the agent word at `k` introduces an agent (not a means, a date or a number).
fn agent_at(toks: &[Tok<'_>], k: usize, d: &Data, fw_det: &HashSet<String>) -> bool {
    let Some(t) = toks.get(k) else { return false };
    if !d.agent.contains(&t.lower) {
        return false;
    }
    let Some(n) = toks.get(k + 1) else {
        return false;
    };
    if n.kind == WordKind::Number || d.agent_not.contains(&n.lower) || n.lower == "te" {
        return false;
    }
    // *par la poste*, *by the end of March*.
    if fw_det.contains(&n.lower)
        && toks
            .get(k + 2)
            .is_some_and(|n2| d.agent_not.contains(&n2.lower) || n2.kind == WordKind::Number)
    {
        return false;
    }
    true
}

/// The agent phrase from the agent word at `k` (*par nos services*, *von unserem
/// Dienst*): the agent word, then a noun phrase of at most four words in the clause.
fn agent_words(toks: &[Tok<'_>], k: usize, lang: Lang) -> Option<Span> {
    let fw = function_words(lang);
    let first = toks.get(k)?;
    let mut last = toks.get(k + 1)?;
    let mut content = !fw.det.contains(&last.lower);
    for j in k + 2..k + 6 {
        let Some(t) = toks.get(j) else { break };
        let function = fw.any(&t.lower) || matches!(t.lower.as_str(), "zu" | "te");
        let verbish = match lang {
            Lang::Nl | Lang::De => {
                let v = verbs(lang);
                v.passive.contains(&t.lower)
                    || v.finite.contains(&t.lower)
                    || v.copula.contains(&t.lower)
                    || (!t.cap && v.is_participle(lang, &t.lower))
            }
            _ => false,
        };
        // A German noun ends the phrase; after a content word, so does a function word.
        let noun_done = lang == Lang::De && last.cap && content;
        if t.breaks_before() || verbish || (content && function) || noun_done {
            break;
        }
        content |= !function;
        last = t;
    }
    Some(first.span.cover(last.span))
}

/// The passives of a unit.
pub(crate) fn passives(toks: &[Tok<'_>], lang: Lang) -> Vec<Passive> {
    match lang {
        Lang::Fr | Lang::En => passives_fr_en(toks, lang),
        Lang::Nl | Lang::De => passives_nl_de(toks, lang),
    }
}

fn passives_fr_en(toks: &[Tok<'_>], lang: Lang) -> Vec<Passive> {
    let d = data(lang);
    let fw = function_words(lang);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !d.be.contains(&t.lower) {
            continue;
        }
        // French: *s'est inscrit*, *nous nous sommes*, *c'est*.
        if lang == Lang::Fr {
            let mut k = i;
            while k > 0
                && toks
                    .get(k - 1)
                    .is_some_and(|p| p.lower == "ne" || p.lower == "n'")
            {
                k -= 1;
            }
            let p1 = k
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .map(|p| p.lower.as_str());
            let p2 = k
                .checked_sub(2)
                .and_then(|p| toks.get(p))
                .map(|p| p.lower.as_str());
            let reflexive = matches!(
                p1,
                Some("se" | "s'" | "me" | "m'" | "te" | "t'" | "c'" | "ce")
            ) || (matches!(p1, Some("nous" | "vous")) && p1 == p2);
            if reflexive {
                continue;
            }
        }
        // Up to two adverbs, then the participle.
        let mut k = i + 1;
        while k < toks.len() && k <= i + 2 && toks.get(k).is_some_and(|n| skippable(n, lang)) {
            k += 1;
        }
        let Some(p) = toks.get(k) else { continue };
        if !p.is_word() || p.breaks_before() || d.be.contains(&p.lower) {
            continue;
        }
        let w = p.lower.as_str();
        let (is_part, motion, state, fixed) = match lang {
            Lang::Fr => (
                is_participle_fr(w, d),
                in_set_fr(&d.motion, w),
                in_set_fr(&d.stative, w),
                in_set_fr(&d.fixed, w),
            ),
            _ => (
                is_participle_en(w, d),
                d.motion.contains(w),
                d.stative.contains(w),
                d.fixed.contains(w),
            ),
        };
        if !is_part || motion || fixed || (state && !d.event.contains(&t.lower)) {
            continue;
        }
        // The agent: after the participle, in the same clause.
        let mut agent = None;
        for (j, n) in toks.iter().enumerate().skip(k + 1) {
            if n.breaks_before() {
                break;
            }
            if agent_at(toks, j, d, &fw.det) {
                agent = Some(j);
                break;
            }
        }
        // *a été*, *has been*: the perfect auxiliary belongs to the span.
        let start = match i.checked_sub(1).and_then(|q| toks.get(q)) {
            Some(q) if d.event.contains(&t.lower) && d.perfect.contains(&q.lower) => q.span,
            _ => t.span,
        };
        out.push(Passive {
            span: start.cover(p.span),
            agent: agent.is_some(),
            agent_words: agent.and_then(|j| agent_words(toks, j, lang)),
        });
    }
    out
}

fn is_participle_token(toks: &[Tok<'_>], k: usize, lang: Lang, v: &Verbs) -> bool {
    let Some(t) = toks.get(k) else { return false };
    let fw = function_words(lang);
    t.is_word()
        && !(t.cap && k > 0)
        && !v.passive.contains(&t.lower)
        && v.is_participle(lang, &t.lower)
        // Attributive: after a determiner (*een erkend ziekenfonds*), before a noun.
        && !k
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| fw.det.contains(&p.lower))
        && !(lang == Lang::De && toks.get(k + 1).is_some_and(|n| n.cap && !n.breaks_before()))
}

/// A *zu*-infinitive at `k`: *zurückzusenden*, or *zu* + infinitive.
fn zu_infinitive_at(toks: &[Tok<'_>], k: usize, v: &Verbs) -> bool {
    let Some(t) = toks.get(k) else { return false };
    if v.is_zu_infinitive(&t.lower) {
        return true;
    }
    t.lower == "zu"
        && toks.get(k + 1).is_some_and(|n| {
            let w = n.lower.as_str();
            n.is_word()
                && !n.cap
                && !n.breaks_before()
                && w.chars().count() >= 4
                && (w.ends_with("en") || w.ends_with("ern") || w.ends_with("eln"))
                && !v.not_infinitive.contains(w)
                && !function_words(Lang::De).any(w)
        })
}

fn passives_nl_de(toks: &[Tok<'_>], lang: Lang) -> Vec<Passive> {
    let d = data(lang);
    let v = verbs(lang);
    let fw = function_words(lang);
    let be = &d.be;
    let mut out = Vec::new();
    for c in clauses_and_coordination(toks, lang) {
        let agent_at_k = c.clone().find(|&k| agent_at(toks, k, d, &fw.det));
        let agent = agent_at_k.is_some();
        let mut used: HashSet<usize> = HashSet::new();
        for a in c.clone() {
            let Some(t) = toks.get(a) else { continue };
            let passive_aux = v.passive.contains(&t.lower) && t.is_word();
            let be_aux = be.contains(&t.lower) && t.is_word();
            if !passive_aux && !be_aux {
                continue;
            }
            // The participle: the nearest after the auxiliary, else before it.
            let part = if passive_aux || lang == Lang::Nl {
                (a + 1..c.end)
                    .find(|&k| is_participle_token(toks, k, lang, v))
                    .or_else(|| {
                        (c.start..a)
                            .rev()
                            .find(|&k| is_participle_token(toks, k, lang, v))
                    })
            } else {
                None
            };
            let found = match (passive_aux, be_aux, lang) {
                (true, _, _) => part,
                // Dutch *zijn* + participle counts with an agent (*door*) only.
                (false, true, Lang::Nl) => part.filter(|_| agent),
                // German *ist … zu* + infinitive.
                (false, true, _) => (a + 1..c.end)
                    .find(|&k| zu_infinitive_at(toks, k, v))
                    .or_else(|| (c.start..a).rev().find(|&k| zu_infinitive_at(toks, k, v))),
                _ => None,
            };
            let Some(p) = found else { continue };
            if !used.insert(p) {
                continue;
            }
            let (Some(x), Some(y)) = (toks.get(a), toks.get(p)) else {
                continue;
            };
            // *zu richten*: the infinitive after *zu* belongs to the span.
            let y = match toks.get(p + 1) {
                Some(inf) if y.lower == "zu" => inf,
                _ => y,
            };
            out.push(Passive {
                span: x.span.cover(y.span),
                agent,
                agent_words: agent_at_k.and_then(|j| agent_words(toks, j, lang)),
            });
        }
    }
    out
}

impl Rule for PassiveVoice {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let lang = cx.lang();
        let text = cx.text();
        for (_, toks) in cx.unit_tokens() {
            for p in passives(toks, lang) {
                let shown = p.span.slice(text);
                if cx.settings.is_allowed(shown) {
                    continue;
                }
                let (severity, key) = match (cx.settings.audience, p.agent) {
                    (Audience::EasyToRead, true) => (Severity::Warning, "passive-voice.agent"),
                    (Audience::EasyToRead, false) => (Severity::Warning, "passive-voice.no-agent"),
                    (Audience::Standard, true) => (Severity::Info, "passive-voice.agent"),
                    (Audience::Standard, false) => (Severity::Hint, "passive-voice.no-agent"),
                };
                let agent = p.agent_words.map(|a| a.slice(text)).unwrap_or("");
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(cx.index),
                    span: p.span,
                    message: msg(lang, key, &[("passive", &shown), ("agent", &agent)]),
                    fixes: Vec::new(),
                });
            }
        }
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        if cx.settings.audience != Audience::Standard {
            return;
        }
        let limit = cx.settings.threshold(ID, "document-percent", 10.0);
        let min = cx.settings.threshold(ID, "document-min", 2.0);
        let (mut sentences, mut passive) = (0usize, 0usize);
        for (block, a) in cx.doc.blocks.iter().zip(cx.analyses) {
            if a.lang != cx.lang || !block.kind.is_prose() {
                continue;
            }
            for u in a
                .units
                .iter()
                .filter(|u| u.unit.kind.counts() && !u.words.is_empty())
            {
                sentences += 1;
                let toks = tokens(&block.text, u, a.lang);
                if !passives(&toks, a.lang).is_empty() {
                    passive += 1;
                }
            }
        }
        if sentences == 0 {
            return;
        }
        let percent = 100.0 * passive as f64 / sentences as f64;
        if percent <= limit || (passive as f64) < min {
            return;
        }
        out.push(Finding {
            rule: ID.into(),
            severity: Severity::Warning,
            block: None,
            span: Span::default(),
            message: msg(
                cx.lang,
                "passive-voice.document",
                &[
                    ("count", &passive),
                    ("total", &sentences),
                    ("percent", &format!("{percent:.0}")),
                    ("limit", &limit),
                ],
            ),
            fixes: Vec::new(),
        });
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
    use plainly_text::{BlockKind, analyze_block};

    fn found(text: &str, lang: Lang) -> Vec<(String, bool)> {
        let a = analyze_block(text, BlockKind::Paragraph, lang);
        let mut out = Vec::new();
        for u in &a.units {
            let toks = tokens(text, u, lang);
            for p in passives(&toks, lang) {
                out.push((p.span.slice(text).to_string(), p.agent));
            }
        }
        out
    }

    #[test]
    fn french() {
        assert_eq!(
            found("Votre demande a été examinée par nos services.", Lang::Fr),
            vec![("a été examinée".into(), true)]
        );
        assert_eq!(
            found("Le formulaire doit être renvoyé par la poste.", Lang::Fr),
            vec![("être renvoyé".into(), false)]
        );
        assert_eq!(
            found("Votre demande n'est pas encore acceptée.", Lang::Fr),
            vec![("est pas encore acceptée".into(), false)]
        );
        assert!(found("Vous n'êtes pas d'accord ? Le bureau est ici.", Lang::Fr).is_empty());
        assert!(
            found(
                "Elle s'est inscrite et nous nous sommes présentés.",
                Lang::Fr
            )
            .is_empty()
        );
        assert!(
            found(
                "Le service est gratuit et la preuve que vous êtes inscrit.",
                Lang::Fr
            )
            .is_empty()
        );
    }

    #[test]
    fn dutch() {
        assert_eq!(
            found("Het formulier dient te worden teruggestuurd.", Lang::Nl),
            vec![("worden teruggestuurd".into(), false)]
        );
        assert_eq!(
            found("Uw aanvraag werd door onze diensten onderzocht.", Lang::Nl),
            vec![("werd door onze diensten onderzocht".into(), true)]
        );
        assert_eq!(
            found("Uw aanvraag is door de dienst goedgekeurd.", Lang::Nl),
            vec![("is door de dienst goedgekeurd".into(), true)]
        );
        assert!(found("Uw aanvraag is goedgekeurd en u wordt lid.", Lang::Nl).is_empty());
    }

    #[test]
    fn german() {
        assert_eq!(
            found(
                "Ihr Antrag wurde von unseren Dienststellen geprüft.",
                Lang::De
            ),
            vec![("wurde von unseren Dienststellen geprüft".into(), true)]
        );
        assert_eq!(
            found(
                "Das Formular ist bis zum 15. März zurückzusenden.",
                Lang::De
            ),
            vec![("ist bis zum 15. März zurückzusenden".into(), false)]
        );
        assert_eq!(
            found("Rückfragen sind an die Zahlstelle zu richten.", Lang::De),
            vec![("sind an die Zahlstelle zu richten".into(), false)]
        );
        assert_eq!(
            found("Ihr Antrag ist am 3. Mai geprüft worden.", Lang::De),
            vec![("geprüft worden".into(), false)]
        );
        assert!(found("Wir werden Ihnen das Geld geben.", Lang::De).is_empty());
        assert!(
            found(
                "Sie sind verpflichtet, das Formular zurückzusenden.",
                Lang::De
            )
            .is_empty()
        );
    }

    #[test]
    fn english() {
        assert_eq!(
            found(
                "Your application has been examined by our services.",
                Lang::En
            ),
            vec![("has been examined".into(), true)]
        );
        assert_eq!(
            found("The form must be returned by 15 March.", Lang::En),
            vec![("be returned".into(), false)]
        );
        assert_eq!(
            found("It isn't paid by post.", Lang::En),
            vec![("isn't paid".into(), false)]
        );
        assert!(found("We need it and you are entitled to it.", Lang::En).is_empty());
    }
}
