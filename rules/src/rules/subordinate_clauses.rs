//! `subordinate-clauses`: sentences that stack subordinate clauses, and the officialese
//! relative pronouns (*lequel*, *hetwelk*, *welches*, *whereby*).
//!
//! Markers come from closed lists (`lexicons/<lang>/subordinators.txt`), each with the
//! condition under which the word really opens a clause: *dat* before a subject, *die*
//! after a noun and before a clause, German *der/die/das* right after a comma, English
//! *that* after a noun and before a determiner, pronoun or verb. French *ne … que*,
//! comparisons (*plus … que*) and *en tant que* are not clauses.
//!
//! The token view of a unit and the parser of the team's word lists, which the verb and
//! sentence rules of this family share, are in [`super::util`].

use super::util::{self, Lexicon, Tok, function_words, lexicon_text, per_lang};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::Lang;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct SubordinateClauses;

const ID: &str = "subordinate-clauses";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Sentences,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Sentences with 3 or more subordinate clauses (easy-to-read: 2), counted from closed \
           lists of conjunctions and relative pronouns, and the officialese relative pronouns \
           lequel, hetwelk, welches, whereby.",
    why: "Every embedded clause delays the main message and makes the reader keep several \
          ideas open.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous vous informons que le formulaire, lequel doit être complété, sera envoyé au bureau qui est compétent.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Remplissez le formulaire. Nous l'envoyons ensuite au bureau de votre région.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Il ne vous reste que dix jours et vous recevez plus que le minimum, en tant que chômeur.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Qu'est-ce que vous devez faire si vous déménagez ?",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Vous pouvez demander une aide si vous pensez que vous n'avez pas assez d'argent.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij delen u mee dat het formulier, hetwelk moet worden ingevuld, wordt doorgestuurd naar het bureau dat bevoegd is.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Vul het formulier in. Wij sturen het daarna naar het bureau van uw regio.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Dat formulier en die brief zijn even lang als de vorige, maar hebt u nog wat inkomen?",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir teilen Ihnen mit, dass das Formular, welches ausgefüllt werden muss, an die Stelle geht, die zuständig ist.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Füllen Sie das Formular aus. Wir schicken es dann an das Büro in Ihrer Region.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Bitte sagen Sie uns, welche Unterlagen fehlen, die Bescheinigung, das Formular oder den Vertrag.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We inform you that the form, which must be completed, will be sent to the office that is responsible.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Fill in the form. We will then send it to your local office.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Send us that form for a while longer if you can, and that letter too.",
            triggers: false,
        },
    ],
};

/// When a listed word opens a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cond {
    /// Always (a conjunction that cannot be anything else).
    Always,
    /// Not as the first word (an interrogative there: *Qui peut… ?*, *Wat moet u doen?*).
    NotFirst,
    /// Only after a comma (*damit*, Dutch *wat*, *waar*).
    AfterComma,
    /// Followed by a subject: pronoun, definite determiner or a name (*dat u*, *si vous*,
    /// *als de*).
    BeforeSubject,
    /// As `BeforeSubject`, and not as the first word (Dutch *Dat u…* is rare, *Dat is…*
    /// common).
    BeforeSubjectNotFirst,
    /// A relative pronoun that can also be a demonstrative (Dutch *die*): not after a
    /// preposition or determiner, and followed by what opens a clause.
    Relative,
    /// German *der/die/das…* right after a comma (or after comma + preposition), not
    /// followed by a noun.
    RelativeAfterComma,
    /// English *that*: not first, not after a preposition, followed by a determiner,
    /// pronoun or verb.
    That,
    /// Not before an article (*während der Sprechzeiten* is a preposition).
    NotBeforeArticle,
    /// Officialese relative pronouns.
    Officialese,
    /// Officialese, only right after a comma (French *lequel*).
    OfficialeseAfterComma,
    /// German *welch-*: officialese when relative, not as a determiner before a noun.
    OfficialeseRelative,
}

/// A marker found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Token index (first token of the marker).
    pub at: usize,
    pub officialese: bool,
}

#[derive(Debug)]
struct Data {
    conds: HashMap<String, Cond>,
    /// Plain replacement of an officialese pronoun, where one is safe.
    plain: HashMap<String, String>,
    /// Words that may follow a `BeforeSubject` marker.
    subject: HashSet<String>,
    /// Words that may follow a `Relative` or `That` marker (besides pronouns and
    /// determiners): finite verbs, adverbs.
    clause_next: HashSet<String>,
    /// French: words after which *que* is no conjunction (*ainsi que*, *plutôt que*).
    que_not_after: HashSet<String>,
    /// French: comparatives that make a following *que* a comparison.
    comparative: HashSet<String>,
    /// French: words that complete *ne* (*pas, plus, jamais…*): then *que* is no
    /// restriction.
    neg_complete: HashSet<String>,
    /// Markers that are no coordination repeat (relatives): `que ..., que` may embed.
    relative: HashSet<String>,
}

impl Data {
    fn load(lang: Lang) -> Data {
        let src = lexicon_text!(lang, "subordinators.txt");
        let lex = Lexicon::parse(src);
        let mut conds = HashMap::new();
        let sections: [(&str, Cond); 12] = [
            ("always", Cond::Always),
            ("before-subject-not-first", Cond::BeforeSubjectNotFirst),
            ("not-first", Cond::NotFirst),
            ("after-comma", Cond::AfterComma),
            ("before-subject", Cond::BeforeSubject),
            ("relative", Cond::Relative),
            ("relative-after-comma", Cond::RelativeAfterComma),
            ("that", Cond::That),
            ("not-before-article", Cond::NotBeforeArticle),
            ("officialese", Cond::Officialese),
            ("officialese-after-comma", Cond::OfficialeseAfterComma),
            ("officialese-relative", Cond::OfficialeseRelative),
        ];
        let mut plain = HashMap::new();
        for (name, cond) in sections {
            for e in lex.entries(name) {
                conds.insert(e.key.clone(), cond);
                if let Some(v) = &e.value {
                    plain.insert(e.key.clone(), v.clone());
                }
            }
        }
        let mut relative = lex.set("relative-words");
        for (w, c) in &conds {
            if matches!(c, Cond::Relative | Cond::RelativeAfterComma | Cond::That) {
                relative.insert(w.clone());
            }
        }
        Data {
            conds,
            plain,
            subject: lex.set("subject"),
            clause_next: lex.set("clause-next"),
            que_not_after: lex.set("que-not-after"),
            comparative: lex.set("comparative"),
            neg_complete: lex.set("negation-complete"),
            relative,
        }
    }
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(D.get_or_init(|| Lang::ALL.map(Data::load)), lang)
}

/// The subordinate-clause markers of a sentence, in order. Shared with `verb-distance`,
/// which needs to know where a subordinate clause starts.
pub(crate) fn markers(toks: &[Tok<'_>], lang: Lang) -> Vec<Marker> {
    let d = data(lang);
    let mut out: Vec<Marker> = Vec::new();
    for i in 0..toks.len() {
        let Some(m) = marker_at(toks, i, lang, d) else {
            continue;
        };
        // A coordinated repeat (*als u verhuist, als iemand…*, *dass … und dass …*) is a
        // parallel clause, not one more level.
        let w = toks.get(i).map(|t| t.lower.as_str()).unwrap_or("");
        let repeat = !m.officialese
            && !d.relative.contains(w)
            && out
                .iter()
                .any(|p| toks.get(p.at).is_some_and(|t| t.lower == w))
            && toks.get(i).is_some_and(|t| {
                t.comma_before()
                    || (i > 0
                        && toks
                            .get(i - 1)
                            .is_some_and(|p| function_words(lang).coord.contains(&p.lower)))
            });
        if !repeat {
            out.push(m);
        }
    }
    out
}

/// Whether token `i` opens a subordinate clause.
fn marker_at(toks: &[Tok<'_>], i: usize, lang: Lang, d: &Data) -> Option<Marker> {
    let t = toks.get(i)?;
    let cond = *d.conds.get(&t.lower)?;
    let fw = function_words(lang);
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    let next = toks.get(i + 1);
    let next_lower = next.map(|n| n.lower.as_str()).unwrap_or("");
    let ok = match cond {
        Cond::Always => true,
        Cond::NotFirst => i > 0,
        Cond::AfterComma => t.comma_before(),
        Cond::BeforeSubject | Cond::BeforeSubjectNotFirst => {
            (i > 0 || cond == Cond::BeforeSubject)
                && i + 1 < toks.len()
                && (d.subject.contains(next_lower)
                    || next.is_some_and(|n| n.cap && !fw.det.contains(&n.lower) && n.is_name()))
        }
        Cond::Relative => {
            let after_ok = t.comma_before()
                || prev.is_some_and(|p| {
                    !fw.prep.contains(&p.lower)
                        && !fw.det.contains(&p.lower)
                        && !fw.pron.contains(&p.lower)
                        && !fw.coord.contains(&p.lower)
                });
            i > 0 && after_ok && clause_follows(next_lower, fw, d)
        }
        Cond::RelativeAfterComma => {
            let direct = t.comma_before();
            let after_prep = prev.is_some_and(|p| p.comma_before() && fw.prep.contains(&p.lower));
            let noun_follows = next.is_some_and(|n| n.cap && !fw.pron.contains(&n.lower))
                || (next.is_some_and(|n| {
                    !n.cap
                        && ["e", "en", "er", "es", "em"]
                            .iter()
                            .any(|s| n.lower.ends_with(s))
                }) && toks
                    .get(i + 2)
                    .is_some_and(|n2| n2.cap && !fw.pron.contains(&n2.lower)));
            (direct || after_prep) && next.is_some() && !noun_follows
        }
        Cond::That => {
            i > 0
                && prev.is_some_and(|p| !fw.prep.contains(&p.lower))
                && (fw.det.contains(next_lower)
                    || fw.pron.contains(next_lower)
                    || d.clause_next.contains(next_lower))
        }
        Cond::NotBeforeArticle => next.is_some_and(|n| !fw.det.contains(&n.lower)),
        Cond::Officialese => i > 0,
        Cond::OfficialeseAfterComma => t.comma_before(),
        Cond::OfficialeseRelative => {
            i > 0 && next.is_some_and(|n| !n.cap || fw.pron.contains(&n.lower))
        }
    };
    if !ok {
        return None;
    }
    if lang == Lang::Fr
        && (t.lower == "que" || t.lower == "qu'")
        && !french_que_subordinates(toks, i, d)
    {
        return None;
    }
    Some(Marker {
        at: i,
        officialese: matches!(
            cond,
            Cond::Officialese | Cond::OfficialeseAfterComma | Cond::OfficialeseRelative
        ),
    })
}

/// What may follow a relative pronoun: a pronoun, a determiner, an adverb or preposition,
/// a verb from the list.
fn clause_follows(next: &str, fw: &util::FunctionWords, d: &Data) -> bool {
    fw.pron.contains(next)
        || fw.det.contains(next)
        || fw.prep.contains(next)
        || fw.adv.contains(next)
        || d.clause_next.contains(next)
}

/// French *que*: not in *ne … que* (restriction), comparisons, *ainsi que*, *en tant que*,
/// *est-ce que*.
fn french_que_subordinates(toks: &[Tok<'_>], i: usize, d: &Data) -> bool {
    let lower = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    if i == 0 {
        return true;
    }
    let p1 = lower(i - 1);
    let p2 = if i >= 2 { lower(i - 2) } else { "" };
    if d.que_not_after.contains(p1) || (p1 == "tant" && p2 == "en") || (p1 == "ce" && p2 == "est") {
        return false;
    }
    // *qu'est-ce que*: the first *qu'* of the question.
    if toks.get(i).is_some_and(|t| t.lower == "qu'")
        && lower(i + 1) == "est"
        && lower(i + 2) == "ce"
    {
        return false;
    }
    // Comparison: a comparative in the 3 words before, in the same clause.
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        if toks.get(k).is_some_and(|t| t.breaks_before()) {
            break;
        }
        k -= 1;
        steps += 1;
        if d.comparative.contains(lower(k)) {
            return false;
        }
    }
    // Restriction: *ne/n'* earlier in the clause with no *pas, plus, jamais…* after it.
    let mut k = i;
    while k > 0 {
        if toks.get(k).is_some_and(|t| t.breaks_before()) {
            break;
        }
        k -= 1;
        let w = lower(k);
        if d.neg_complete.contains(w) {
            return true;
        }
        if w == "ne" || w == "n'" {
            return false;
        }
    }
    true
}

impl Rule for SubordinateClauses {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let lang = cx.lang();
        let (limit, severity) = match cx.settings.audience {
            Audience::Standard => (3.0, Severity::Info),
            Audience::EasyToRead => (2.0, Severity::Warning),
        };
        let limit = cx.settings.threshold(ID, "markers", limit);
        let d = data(lang);
        for (u, toks) in cx.unit_tokens() {
            let found = markers(toks, lang);
            for m in found.iter().filter(|m| m.officialese) {
                let Some(t) = toks.get(m.at) else { continue };
                if cx.settings.is_allowed(t.text) {
                    continue;
                }
                let mut fixes = Vec::new();
                let message = match d.plain.get(&t.lower) {
                    Some(plain) => {
                        fixes.push(Fix {
                            label: msg(lang, "subordinate-clauses.fix", &[("plain", plain)]),
                            edits: vec![Edit {
                                span: t.span,
                                replacement: plain.clone(),
                            }],
                        });
                        msg(
                            lang,
                            "subordinate-clauses.officialese-plain",
                            &[("word", &t.text), ("plain", plain)],
                        )
                    }
                    None => msg(
                        lang,
                        "subordinate-clauses.officialese",
                        &[("word", &t.text)],
                    ),
                };
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(cx.index),
                    span: t.span,
                    message,
                    fixes,
                });
            }
            if (found.len() as f64) < limit {
                continue;
            }
            let words: Vec<&str> = found
                .iter()
                .filter_map(|m| toks.get(m.at).map(|t| t.text))
                .collect();
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: Some(cx.index),
                span: u.unit.span,
                message: msg(
                    lang,
                    "subordinate-clauses.many",
                    &[("count", &found.len()), ("markers", &words.join(", "))],
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

    fn count(text: &str, lang: Lang) -> Vec<String> {
        let toks = first_unit_tokens(text, lang);
        markers(&toks, lang)
            .iter()
            .map(|m| toks[m.at].lower.clone())
            .collect()
    }

    #[test]
    fn examples() {
        assert_examples(ID);
    }

    #[test]
    fn french_elisions_and_clitics_are_split() {
        let text = "Qu'est-ce que vous dites-le-nous s'il l'article";
        let toks = first_unit_tokens(text, Lang::Fr);
        let lows: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lows,
            vec![
                "qu'", "est", "ce", "que", "vous", "dites", "le", "nous", "s'", "il", "l'",
                "article"
            ]
        );
        for t in &toks {
            assert_eq!(t.span.slice(text), t.text);
        }
    }

    #[test]
    fn english_contractions_are_expanded() {
        let text = "It isn't unusual and we can't say you're wrong.";
        let toks = first_unit_tokens(text, Lang::En);
        let lows: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            lows,
            vec![
                "it", "is", "not", "unusual", "and", "we", "can", "not", "say", "you", "are",
                "wrong"
            ]
        );
    }

    #[test]
    fn french_markers() {
        assert_eq!(
            count(
                "Nous vous informons que le formulaire, lequel doit être complété, sera envoyé au bureau qui est compétent.",
                Lang::Fr
            ),
            vec!["que", "lequel", "qui"]
        );
        assert!(count("Il ne reste que deux jours.", Lang::Fr).is_empty());
        assert!(count("Il reçoit plus que vous.", Lang::Fr).is_empty());
        assert!(
            count(
                "Vous êtes inscrit en tant que chômeur ainsi que votre fils.",
                Lang::Fr
            )
            .is_empty()
        );
        assert_eq!(
            count("Je ne pense pas qu'il vienne.", Lang::Fr),
            vec!["qu'"]
        );
        assert_eq!(
            count("Appelez-nous si vous déménagez.", Lang::Fr),
            vec!["si"]
        );
        assert!(count("C'est si simple.", Lang::Fr).is_empty());
    }

    #[test]
    fn dutch_markers() {
        assert!(count("Dat formulier is voor u.", Lang::Nl).is_empty());
        assert_eq!(count("Wij weten dat u verhuist.", Lang::Nl), vec!["dat"]);
        assert!(count("Voor die datum krijgt u nog wat geld.", Lang::Nl).is_empty());
        assert_eq!(count("De mensen die bij u wonen.", Lang::Nl), vec!["die"]);
        assert_eq!(
            count(
                "Bijvoorbeeld als u verhuist, als iemand bij u komt wonen of als u meer verdient.",
                Lang::Nl
            ),
            vec!["als"]
        );
    }

    #[test]
    fn german_markers() {
        assert_eq!(
            count("Wir entscheiden mit den Angaben, die wir haben.", Lang::De),
            vec!["die"]
        );
        assert!(count("Wir brauchen Frau Kessel, die Sachbearbeiterin.", Lang::De).is_empty());
        assert!(count("Wir brauchen das, die zuständige Stelle weiß es.", Lang::De).is_empty());
        assert_eq!(
            count("Ab dem Tag, an dem Sie ihn bekommen.", Lang::De),
            vec!["dem"]
        );
        assert!(count("Welche Unterlagen fehlen?", Lang::De).is_empty());
        assert!(count("Während der Sprechzeiten sind wir da.", Lang::De).is_empty());
    }

    #[test]
    fn english_markers() {
        assert!(count("Send us that form.", Lang::En).is_empty());
        assert_eq!(count("We know that you moved.", Lang::En), vec!["that"]);
        assert!(count("Wait for a while.", Lang::En).is_empty());
    }

    #[test]
    fn officialese_fix() {
        use crate::{Engine, Settings};
        use plainly_text::Document;
        let text = "Nous avons reçu votre demande, laquelle est complète.";
        let doc = Document::paragraph(text, Lang::Fr);
        let report = Engine::default().check(&doc, &Settings::default(), Lang::Fr);
        let f = report.findings.iter().find(|f| f.rule == ID).unwrap();
        assert_eq!(f.span.slice(text), "laquelle");
        assert_eq!(f.fixes[0].edits[0].replacement, "qui");
    }
}
