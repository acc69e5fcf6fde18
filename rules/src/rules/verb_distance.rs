//! `verb-distance` (Dutch and German): a long stretch between the finite verb of a main
//! clause and the rest of the verb at the clause's end (*tangconstructie*, *Satzklammer*,
//! a separable particle far from its verb).
//!
//! Clauses are cut at punctuation, at coordinating conjunctions and at subordinate-clause
//! markers (from `subordinate-clauses`); a clause that starts with a marker is subordinate
//! and skipped (verb-final order is normal grammar there). The first part is an auxiliary
//! or modal from the list (`lexicons/<lang>/verb-forms.txt`), an imperative (*Stuur het…*,
//! *Füllen Sie…*) or the verb after a subject pronoun (*Wij sturen…*); the last part is a
//! participle, an infinitive or a separable particle (the last two only a particle).
//! A trailing prepositional phrase after the verb part is allowed (*… indienen bij de
//! griffie*). Dates and names count as one word.
//!
//! The Dutch and German verb-form recognisers, which `passive-voice` uses too, are in
//! [`super::util`].

use super::subordinate_clauses::markers;
use super::util::{Tok, Verbs, clauses, function_words, verbs};
use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, WordKind};
use std::collections::HashSet;

#[derive(Debug)]
pub struct VerbDistance;

const ID: &str = "verb-distance";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Sentences,
    default_severity: Severity::Info,
    langs: &[Lang::Nl, Lang::De],
    what: "Dutch and German main clauses where more than 8 words (easy-to-read: 5) stand \
           between the finite verb and the rest of the verb at the end of the clause: a \
           participle, an infinitive or a separable particle.",
    why: "The reader learns what actually happens only when the last word of the clause \
          arrives.",
    examples: &[
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij hebben uw aanvraag voor een uitkering wegens tijdelijke werkloosheid van 3 maart pas vandaag ontvangen.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur het formulier met alle gevraagde bewijsstukken over uw gezinssituatie vóór 15 maart terug.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij hebben uw aanvraag vandaag ontvangen.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur het formulier vóór 15 maart terug.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij hebben gezien dat u met uw kinderen en uw partner sinds 1 maart echt op uw nieuwe adres in Lier woont.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij zijn er op maandag, dinsdag en donderdag van 9 tot 12 uur voor u.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij hebben uw aanvraag aan de Vlaamse Dienst voor Arbeidsbemiddeling Brussel doorgestuurd.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::EasyToRead,
            text: "Wij hebben uw aanvraag voor een uitkering van 3 maart ontvangen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag auf Arbeitslosengeld vom 3. März nach einer ausführlichen Prüfung durch unsere Dienststelle genehmigt.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Füllen Sie das beiliegende Formular mit allen Angaben zu Ihrer Familie vollständig aus.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag genehmigt.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Füllen Sie das Formular aus.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Geben Sie alles bis zum 4. Juni 2025 bei Ihrer Zahlstelle ab.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag geprüft und Ihnen das Geld für die Monate Januar, Februar und März bei Ihrer Bank in Eupen überwiesen.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir werden Ihnen in den nächsten Tagen nach der Sitzung des Ausschusses einen Brief schreiben, wenn Sie das wünschen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir teilen Ihnen mit, dass der Ausschuss Ihren Antrag in seiner Sitzung vom 5. März nach langer Prüfung abgelehnt hat.",
            triggers: false,
        },
    ],
};

/// Whether token `k` is an infinitive (not a noun in *-en* after a determiner, a number
/// or an inflected adjective).
pub(crate) fn is_infinitive(toks: &[Tok<'_>], k: usize, lang: Lang, v: &Verbs) -> bool {
    let Some(t) = toks.get(k) else { return false };
    let w = t.lower.as_str();
    if !t.is_word()
        || (t.cap && k > 0)
        || w.chars().count() < 4
        || v.not_infinitive.contains(w)
        || function_words(lang).any(w)
    {
        return false;
    }
    let ending =
        w.ends_with("en") || (lang == Lang::De && (w.ends_with("ern") || w.ends_with("eln")));
    if !ending {
        return false;
    }
    if lang == Lang::De && v.is_zu_infinitive(w) {
        return true;
    }
    let fw = function_words(lang);
    match k.checked_sub(1).and_then(|p| toks.get(p)) {
        Some(p) => {
            let adjective = lang == Lang::Nl && p.lower.ends_with('e') && p.lower != "te";
            !(fw.det.contains(&p.lower) || p.kind == WordKind::Number || adjective)
        }
        None => true,
    }
}

/// What closes the bracket, depending on what opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// An auxiliary or modal: participle, infinitive or particle.
    Aux,
    /// A form of *zijn/sein*: participle only.
    Copula,
    /// A lexical verb (imperative, after a subject pronoun): particle only.
    Lexical,
}

/// A bracket found in a clause: first part, last part, words between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bracket {
    first: usize,
    /// First word of the verb cluster at the end (*geprüft* in *geprüft werden*).
    cluster: usize,
    last: usize,
    between: usize,
}

fn is_end_part(toks: &[Tok<'_>], k: usize, opener: Opener, lang: Lang, v: &Verbs) -> bool {
    let Some(t) = toks.get(k) else { return false };
    if !t.is_word() || (t.cap && k > 0) {
        return false;
    }
    let w = t.lower.as_str();
    let particle = v.particle.contains(w);
    let participle = v.is_participle(lang, w)
        && !k
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| function_words(lang).det.contains(&p.lower));
    match opener {
        Opener::Lexical => particle,
        Opener::Copula => participle,
        Opener::Aux => particle || participle || is_infinitive(toks, k, lang, v),
    }
}

/// Part of the verb cluster at the clause's end (*te worden teruggestuurd*, *geprüft
/// werden*).
fn is_cluster_part(toks: &[Tok<'_>], k: usize, lang: Lang, v: &Verbs) -> bool {
    let Some(t) = toks.get(k) else { return false };
    let w = t.lower.as_str();
    let after_det = k
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| function_words(lang).det.contains(&p.lower));
    if after_det || !t.is_word() || (t.cap && k > 0) {
        return false;
    }
    matches!(w, "te" | "zu")
        || v.passive.contains(w)
        || v.finite.contains(w)
        || v.is_participle(lang, w)
        || is_infinitive(toks, k, lang, v)
}

/// Words between `a` and `b` (exclusive), a date or a name counting as one.
fn words_between(toks: &[Tok<'_>], a: usize, b: usize, lang: Lang) -> usize {
    let fw = function_words(lang);
    let date_part = |t: &Tok<'_>| t.kind == WordKind::Number || fw.month.contains(&t.lower);
    let opaque = |t: &Tok<'_>| {
        matches!(
            t.kind,
            WordKind::Placeholder | WordKind::Acronym | WordKind::Code
        )
    };
    let mut n = 0;
    let mut prev: Option<&Tok<'_>> = None;
    for t in toks.iter().take(b).skip(a + 1) {
        let merged = prev.is_some_and(|p| {
            (date_part(p) && date_part(t))
                || (opaque(p) && opaque(t))
                || (lang == Lang::Nl && p.cap && t.cap && t.is_word())
        });
        if !merged {
            n += 1;
        }
        prev = Some(t);
    }
    n
}

/// The brackets of the main clauses of a unit.
///
/// Clauses end at punctuation, at subordinate-clause markers and at coordinating
/// conjunctions. A part with no closing verb part is joined with the next one when the
/// conjunction joins two noun phrases (*in das Bevölkerungsregister und das
/// Fremdenregister … vorgenommen*), not when it starts a new clause (*und wir haben …*).
fn brackets(toks: &[Tok<'_>], lang: Lang) -> Vec<Bracket> {
    let v = verbs(lang);
    let fw = function_words(lang);
    let marks: HashSet<usize> = markers(toks, lang).into_iter().map(|m| m.at).collect();
    let mut out = Vec::new();
    for c in clauses(toks) {
        // Split points inside the clause, and whether each is a conjunction.
        let mut cuts: Vec<(usize, bool)> = Vec::new();
        for k in c.start + 1..c.end {
            if marks.contains(&k) {
                cuts.push((k, false));
            } else if toks.get(k).is_some_and(|t| fw.coord.contains(&t.lower)) {
                cuts.push((k, true));
            }
        }
        cuts.push((c.end, false));
        let mut start = c.start;
        let mut next = 0;
        while let Some(&(mut end, _)) = cuts.get(next) {
            let mut found = bracket_in(toks, start, end, lang, v, &marks);
            // Join a noun-phrase coordination with what follows.
            while found.is_none()
                && let Some(&(cut, true)) = cuts.get(next)
                && !opens_clause(toks, cut + 1, lang, v)
                && let Some(&(later, _)) = cuts.get(next + 1)
            {
                next += 1;
                end = later;
                found = bracket_in(toks, start, end, lang, v, &marks);
            }
            out.extend(found);
            start = end;
            next += 1;
        }
    }
    out
}

/// Whether token `k` (after a conjunction) starts a new clause: a subject pronoun or a
/// finite verb.
fn opens_clause(toks: &[Tok<'_>], k: usize, lang: Lang, v: &Verbs) -> bool {
    toks.get(k).is_some_and(|t| {
        function_words(lang).subject.contains(&t.lower)
            || v.finite.contains(&t.lower)
            || v.copula.contains(&t.lower)
    })
}

/// The bracket of the main clause `start..end`, if it has one.
fn bracket_in(
    toks: &[Tok<'_>],
    start: usize,
    end: usize,
    lang: Lang,
    v: &Verbs,
    marks: &HashSet<usize>,
) -> Option<Bracket> {
    let fw = function_words(lang);
    if marks.contains(&start) {
        return None;
    }
    // Skip a leading coordinating conjunction (*und wir haben …*).
    let head = toks.get(start)?;
    let start = if fw.coord.contains(&head.lower) {
        start + 1
    } else {
        start
    };
    if end <= start + 2 {
        return None;
    }
    let head = toks.get(start)?;
    if v.infinitive_clause.contains(&head.lower)
        && toks.get(start..end).is_some_and(|ts| {
            ts.iter()
                .any(|t| matches!(t.lower.as_str(), "te" | "zu") || v.is_zu_infinitive(&t.lower))
        })
    {
        return None;
    }
    let (first, opener) = opener(toks, start, end, lang, v)?;
    // The last verb part: at the end, or before a prepositional phrase.
    let last = (first + 1..end).rev().find(|&k| {
        is_end_part(toks, k, opener, lang, v)
            && (k + 1 == end || toks.get(k + 1).is_some_and(|n| fw.prep.contains(&n.lower)))
    })?;
    let mut cluster = last;
    while cluster > first + 1 && is_cluster_part(toks, cluster - 1, lang, v) {
        cluster -= 1;
    }
    Some(Bracket {
        first,
        cluster,
        last,
        between: words_between(toks, first, cluster, lang),
    })
}

/// The first verb part of a main clause `start..end`, and what it is.
fn opener(
    toks: &[Tok<'_>],
    start: usize,
    end: usize,
    lang: Lang,
    v: &Verbs,
) -> Option<(usize, Opener)> {
    let fw = function_words(lang);
    for k in start..end {
        let t = toks.get(k)?;
        let w = t.lower.as_str();
        // Dutch *zijn* is also "his": only right after a subject or near the start.
        if lang == Lang::Nl && w == "zijn" {
            let after_subject = k
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|p| fw.subject.contains(&p.lower));
            if !(after_subject || k <= start + 1) {
                continue;
            }
        }
        if v.copula.contains(w) {
            return Some((k, Opener::Copula));
        }
        if v.finite.contains(w) {
            return Some((k, Opener::Aux));
        }
    }
    let head = toks.get(start)?;
    let second = toks.get(start + 1)?;
    let lexical_head =
        head.is_word() && !fw.any(&head.lower) && !v.not_imperative.contains(&head.lower);
    // An imperative at the start of the sentence.
    if start == 0 && lexical_head {
        let imperative = match lang {
            Lang::De => second.lower == "sie" && second.cap && head.lower.ends_with('n'),
            _ => fw.det.contains(&second.lower) || fw.pron.contains(&second.lower),
        };
        if imperative {
            return Some((start, Opener::Lexical));
        }
    }
    // A subject pronoun, then the verb.
    if fw.subject.contains(&head.lower)
        && second.is_word()
        && !fw.any(&second.lower)
        && !v.not_imperative.contains(&second.lower)
    {
        return Some((start + 1, Opener::Lexical));
    }
    None
}

impl Rule for VerbDistance {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        let lang = cx.lang();
        if !DOC.langs.contains(&lang) || !cx.block.kind.is_prose() {
            return;
        }
        let (limit, severity) = match cx.settings.audience {
            Audience::Standard => (8.0, Severity::Info),
            Audience::EasyToRead => (5.0, Severity::Warning),
        };
        let limit = cx.settings.threshold(ID, "words", limit);
        let text = cx.text();
        for (_, toks) in cx.unit_tokens() {
            for b in brackets(toks, lang) {
                if (b.between as f64) <= limit {
                    continue;
                }
                let (Some(first), Some(cluster), Some(last)) =
                    (toks.get(b.first), toks.get(b.cluster), toks.get(b.last))
                else {
                    continue;
                };
                let end = cluster.span.cover(last.span);
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(cx.index),
                    span: first.span.cover(last.span),
                    message: msg(
                        lang,
                        "verb-distance.far",
                        &[
                            ("count", &b.between),
                            ("first", &first.text),
                            ("last", &end.slice(text)),
                        ],
                    ),
                    fixes: Vec::new(),
                });
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::rules::test_util::assert_examples;
    use crate::rules::util::tokens;

    #[test]
    fn examples() {
        assert_examples(ID);
    }
    use plainly_text::{BlockKind, analyze_block};

    fn found(text: &str, lang: Lang) -> Vec<(String, String, usize)> {
        let a = analyze_block(text, BlockKind::Paragraph, lang);
        let mut out = Vec::new();
        for u in &a.units {
            let toks = tokens(text, u, lang);
            for b in brackets(&toks, lang) {
                out.push((
                    toks[b.first].lower.clone(),
                    toks[b.last].lower.clone(),
                    b.between,
                ));
            }
        }
        out
    }

    #[test]
    fn catalogue_distances() {
        assert_eq!(
            found(
                "Wij hebben uw aanvraag voor een uitkering wegens tijdelijke werkloosheid van 3 maart pas vandaag ontvangen.",
                Lang::Nl
            ),
            vec![("hebben".into(), "ontvangen".into(), 12)]
        );
        assert_eq!(
            found(
                "Stuur het formulier met alle gevraagde bewijsstukken over uw gezinssituatie vóór 15 maart terug.",
                Lang::Nl
            ),
            vec![("stuur".into(), "terug".into(), 11)]
        );
        assert_eq!(
            found(
                "Füllen Sie das beiliegende Formular mit allen Angaben zu Ihrer Familie vollständig aus.",
                Lang::De
            ),
            vec![("füllen".into(), "aus".into(), 11)]
        );
        assert_eq!(
            found(
                "Wir haben Ihren Antrag auf Arbeitslosengeld vom 3. März nach einer ausführlichen Prüfung durch unsere Dienststelle genehmigt.",
                Lang::De
            ),
            vec![("haben".into(), "genehmigt".into(), 13)]
        );
    }

    #[test]
    fn clusters_and_trailing_phrases() {
        assert_eq!(
            found(
                "Het formulier dient binnen een termijn van dertig dagen te worden teruggestuurd.",
                Lang::Nl
            ),
            vec![("dient".into(), "teruggestuurd".into(), 6)]
        );
        assert_eq!(
            found(
                "U kunt het formulier ook afgeven aan de loketten.",
                Lang::Nl
            ),
            vec![("kunt".into(), "afgeven".into(), 3)]
        );
        assert!(
            found(
                "Wij hebben drie documenten van de laatste maanden.",
                Lang::Nl
            )
            .is_empty()
        );
    }

    #[test]
    fn coordinated_noun_phrases_stay_in_the_bracket() {
        assert_eq!(
            found(
                "Infolgedessen wurde Ihre Eintragung in das Bevölkerungsregister und das Fremdenregister mit Wirkung zum 20.05.2025 vorgenommen.",
                Lang::De
            ),
            vec![("wurde".into(), "vorgenommen".into(), 12)]
        );
        assert_eq!(
            found(
                "Wir haben Ihren Antrag geprüft und Ihnen das Geld überwiesen.",
                Lang::De
            ),
            vec![("haben".into(), "geprüft".into(), 2)]
        );
    }

    #[test]
    fn subordinate_clauses_are_skipped() {
        assert!(
            found(
                "Wir wissen, dass Sie Ihren Antrag vor langer Zeit bei uns eingereicht haben.",
                Lang::De
            )
            .is_empty()
        );
    }

    #[test]
    fn participles() {
        let nl = verbs(Lang::Nl);
        for w in [
            "gestuurd",
            "ingevuld",
            "teruggestuurd",
            "betaald",
            "ontvangen",
            "gekregen",
            "terugbetaald",
            "goedgekeurd",
        ] {
            assert!(nl.is_participle(Lang::Nl, w), "{w}");
        }
        for w in [
            "geld",
            "bericht",
            "betalen",
            "gezondheid",
            "opgeven",
            "geven",
        ] {
            assert!(!nl.is_participle(Lang::Nl, w), "{w}");
        }
        let de = verbs(Lang::De);
        for w in [
            "geprüft",
            "zurückgeschickt",
            "bearbeitet",
            "informiert",
            "gegeben",
            "festgestellt",
            "hingewiesen",
        ] {
            assert!(de.is_participle(Lang::De, w), "{w}");
        }
        for w in ["geben", "bekommen", "erhalten", "bestimmt", "zahlen"] {
            assert!(!de.is_participle(Lang::De, w), "{w}");
        }
        assert!(de.is_zu_infinitive("zurückzusenden"));
        assert!(de.is_zu_infinitive("auszufüllen"));
        assert!(!de.is_zu_infinitive("zurück"));
    }
}
