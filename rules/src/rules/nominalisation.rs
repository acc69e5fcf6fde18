//! `nominalisation`: nouns made from verbs (*vérification, beoordeling, Prüfung,
//! examination*) and light-verb phrases that wrap them (*procéder à la vérification*,
//! *overgaan tot*, *eine Prüfung vornehmen*, *carry out an examination*).
//!
//! A nominalisation is a word of 7 letters or more with a suffix of the language's list
//! (`lexicons/<lang>/nominalisation.txt`), used as a noun: after a determiner or a
//! preposition (French, Dutch, English; this keeps out *-ment* adverbs), capitalised
//! (German), or Dutch *het* + infinitive + *van*. Lexicalised nouns that name things
//! (*paiement, uitkering, Wohnung, payment*) are allowed, unless they hang on another
//! nominalisation (*la suspension du paiement*). Light-verb phrases come from
//! `lexicons/<lang>/light-verbs.txt`; entries written `phrase => replacement` carry a
//! one-click fix.

use super::util::{Lexicon, Tok, capitalise, function_words, lexicon_text, per_lang};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, Span};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Nominalisation;

const ID: &str = "nominalisation";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Verbs,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Nouns made from verbs: a light-verb phrase that wraps one (procéder à la \
           vérification, overgaan tot, eine Prüfung vornehmen, carry out an examination), or \
           3 or more such nouns in one sentence (easy-to-read: 2).",
    why: "Readers understand actions faster as verbs; nominal style is abstract and longer.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous procéderons à la vérification de votre dossier.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "La réception de la présente entraîne la suspension du paiement.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous vérifierons votre dossier.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre paiement arrivera lundi.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous pouvez faire une demande d'allocations, vraiment rapidement, pour votre logement.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij gaan over tot de uitbetaling van uw vergoeding.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "De beoordeling van de aanvraag vereist de verstrekking van aanvullende informatie.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wij betalen uw vergoeding uit.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "We betalen uw uitkering op 1 maart.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U kunt een aanvraag indienen voor een woning, een uitkering of een verzekering.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir nehmen eine Prüfung Ihres Antrags vor.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Die Auszahlung erfolgt nach Prüfung der Unterlagen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir prüfen Ihren Antrag.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Ihre Wohnung liegt im Erdgeschoss.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie können einen Antrag stellen, wenn Ihre Rechnung, Ihre Versicherung und Ihre Wohnung sich ändern.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We will carry out an examination of your application.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "The submission of the completed form is a condition for the continuation of payment.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We will examine your application.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please send us the form so that we can keep paying you.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "The examination of your application takes two weeks.",
            triggers: true,
        },
    ],
};

/// One slot of a light-verb pattern.
#[derive(Debug, Clone)]
enum Slot {
    /// One of these words.
    Word(HashSet<String>),
    /// An optional determiner.
    Det,
    /// A noun made from a verb.
    Noun,
    /// Up to four words of the same clause.
    Gap,
}

#[derive(Debug)]
struct Pattern {
    slots: Vec<Slot>,
    /// Exact replacement of the matched words (a fix), or a suggestion.
    replacement: Option<String>,
    suggestion: Option<String>,
}

#[derive(Debug)]
struct Data {
    /// Suffixes (with their plurals), looked up by the word's last characters.
    suffix: HashSet<String>,
    longest_suffix: usize,
    /// Noun → verb, for suggestions; also nouns the suffixes miss (*approval*).
    verb: HashMap<String, String>,
    /// Lexicalised nouns: not counted on their own.
    allow: HashSet<String>,
    /// Prepositions (or preposition + article) that hang a noun on a nominalisation
    /// (*du*, *van*, *der*, *of*).
    chain: HashSet<String>,
    patterns: Vec<Pattern>,
    /// Patterns by the words of their first slot.
    by_first: HashMap<String, Vec<usize>>,
    /// Patterns that start with a noun.
    noun_first: Vec<usize>,
}

const MIN_LETTERS: usize = 7;
const GAP: usize = 4;

impl Data {
    fn load(lang: Lang) -> Data {
        let (nom, light) = (
            lexicon_text!(lang, "nominalisation.txt"),
            lexicon_text!(lang, "light-verbs.txt"),
        );
        let lex = Lexicon::parse(nom);
        let suffix = lex.set("suffix");
        let longest_suffix = suffix.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        let mut d = Data {
            suffix,
            longest_suffix,
            verb: lex.map("verb"),
            allow: lex.set("allow"),
            chain: lex.set("chain"),
            patterns: Vec::new(),
            by_first: HashMap::new(),
            noun_first: Vec::new(),
        };
        for e in Lexicon::parse(light).entries("") {
            let (pat, replacement) = match e.key.split_once("=>") {
                Some((p, r)) => (p.trim().to_string(), Some(r.trim().to_string())),
                None => (e.key.clone(), None),
            };
            let slots: Vec<Slot> = pat
                .split_whitespace()
                .map(|s| match s {
                    "n" => Slot::Noun,
                    "det?" => Slot::Det,
                    "…" | "..." => Slot::Gap,
                    alts => Slot::Word(alts.split('/').map(str::to_string).collect()),
                })
                .collect();
            let idx = d.patterns.len();
            match slots.first() {
                Some(Slot::Word(ws)) => {
                    for w in ws {
                        d.by_first.entry(w.clone()).or_default().push(idx);
                    }
                }
                Some(Slot::Noun) => d.noun_first.push(idx),
                _ => continue,
            }
            d.patterns.push(Pattern {
                slots,
                replacement,
                suggestion: e.value.clone(),
            });
        }
        d
    }

    /// A lexicalised noun: listed, or (Dutch, German) a compound ending with one
    /// (*werkloosheidsuitkering*, *Krankenversicherung*) unless the word itself is listed
    /// as an action (*Auszahlung*).
    fn is_lexicalised(&self, w: &str, lang: Lang) -> bool {
        // The word and its singular (*Einrichtungen*, *uitkeringen*, *allocations*).
        let forms = [
            Some(w),
            w.strip_suffix('s'),
            w.strip_suffix("en"),
            w.strip_suffix('n'),
        ];
        let mut forms = forms.into_iter().flatten();
        if forms.clone().any(|f| self.allow.contains(f)) {
            return true;
        }
        if !matches!(lang, Lang::Nl | Lang::De) || self.verb.contains_key(w) {
            return false;
        }
        forms.any(|f| {
            f.char_indices().skip(1).any(|(i, _)| {
                f.get(i..)
                    .is_some_and(|tail| tail.chars().count() >= 5 && self.allow.contains(tail))
            })
        })
    }

    /// Whether `w` (lower case) ends with a suffix of the list.
    fn has_suffix(&self, w: &str) -> bool {
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        (2..=self.longest_suffix.min(chars.len())).any(|k| {
            chars
                .get(chars.len() - k)
                .and_then(|(i, _)| w.get(*i..))
                .is_some_and(|tail| self.suffix.contains(tail))
        })
    }
}

fn data(lang: Lang) -> &'static Data {
    static D: OnceLock<[Data; 4]> = OnceLock::new();
    per_lang(D.get_or_init(|| Lang::ALL.map(Data::load)), lang)
}

/// A noun made from a verb, by its form only (suffix or list), whatever the allowlist says.
fn is_action_noun(t: &Tok<'_>, k: usize, lang: Lang, d: &Data) -> bool {
    let w = t.lower.as_str();
    if !t.is_word() || w.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return d.verb.contains_key(w) && t.is_word();
    }
    if lang == Lang::De && !t.cap {
        return false;
    }
    // A capital inside a French, Dutch or English sentence marks a name.
    if lang != Lang::De && t.cap && k > 0 {
        return false;
    }
    d.verb.contains_key(w) || d.has_suffix(w)
}

/// Used as a noun: after a determiner or preposition (fr, nl, en; in Dutch and English
/// also with one adjective between), capitalised (de).
fn used_as_noun(toks: &[Tok<'_>], k: usize, lang: Lang) -> bool {
    if lang == Lang::De {
        return true;
    }
    let fw = function_words(lang);
    let opens = |j: usize| {
        toks.get(j)
            .is_some_and(|p| fw.det.contains(&p.lower) || fw.prep.contains(&p.lower))
    };
    let Some(p) = k.checked_sub(1) else {
        return false;
    };
    opens(p)
        || (lang != Lang::Fr
            && p > 0
            && opens(p - 1)
            && toks
                .get(p)
                .is_some_and(|a| a.is_word() && !fw.any(&a.lower) && !a.breaks_before()))
}

/// Dutch *het* + infinitive + *van*: *het volgen van een opleiding*.
fn dutch_infinitive_noun(toks: &[Tok<'_>], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return false };
    t.is_word()
        && !t.cap
        && t.lower.ends_with("en")
        && t.lower.chars().count() >= 5
        && k > 0
        && toks.get(k - 1).is_some_and(|p| p.lower == "het")
        && toks.get(k + 1).is_some_and(|n| n.lower == "van")
}

/// The counted nominalisations of a unit (token indices).
fn nominalisations(toks: &[Tok<'_>], lang: Lang, allowed: &dyn Fn(&str) -> bool) -> Vec<usize> {
    let d = data(lang);
    let mut out: Vec<usize> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if allowed(t.text) {
            continue;
        }
        let noun = (is_action_noun(t, k, lang, d) && used_as_noun(toks, k, lang))
            || (lang == Lang::Nl && dutch_infinitive_noun(toks, k));
        if !noun {
            continue;
        }
        if d.is_lexicalised(&t.lower, lang) {
            // Counted only when it hangs right on another nominalisation: *suspension du
            // paiement*, *Prüfung der Zahlung* (not *volgen van een opleiding*).
            let chained = k >= 2
                && toks.get(k - 1).is_some_and(|p| d.chain.contains(&p.lower))
                && out.last() == Some(&(k - 2));
            if !chained {
                continue;
            }
        }
        out.push(k);
    }
    out
}

/// A light-verb phrase found: token range, noun token (if any), pattern.
#[derive(Debug, Clone, Copy)]
struct LightVerb {
    start: usize,
    end: usize,
    noun: Option<usize>,
    pattern: usize,
}

fn match_slots(
    toks: &[Tok<'_>],
    slots: &[Slot],
    at: usize,
    first: usize,
    lang: Lang,
    noun: Option<usize>,
) -> Option<(usize, Option<usize>)> {
    let Some((slot, rest)) = slots.split_first() else {
        return Some((at, noun));
    };
    let d = data(lang);
    // Every token after the first stays in the clause.
    let here = toks.get(at).filter(|t| at == first || !t.breaks_before());
    match slot {
        Slot::Word(ws) => {
            let t = here?;
            if !ws.contains(&t.lower) {
                return None;
            }
            match_slots(toks, rest, at + 1, first, lang, noun)
        }
        Slot::Det => {
            if let Some(t) = here
                && function_words(lang).det.contains(&t.lower)
                && let Some(m) = match_slots(toks, rest, at + 1, first, lang, noun)
            {
                return Some(m);
            }
            match_slots(toks, rest, at, first, lang, noun)
        }
        Slot::Noun => {
            let t = here?;
            let lexicalised = d.is_lexicalised(&t.lower, lang) && !d.verb.contains_key(&t.lower);
            if !is_action_noun(t, at, lang, d) || lexicalised || !used_as_noun(toks, at, lang) {
                return None;
            }
            match_slots(toks, rest, at + 1, first, lang, Some(at))
        }
        Slot::Gap => {
            for skip in 0..=GAP {
                let k = at + skip;
                if (at..=k).any(|j| j != first && toks.get(j).is_some_and(|t| t.breaks_before())) {
                    break;
                }
                if let Some(m) = match_slots(toks, rest, k, first, lang, noun) {
                    return Some(m);
                }
            }
            None
        }
    }
}

fn light_verbs(toks: &[Tok<'_>], lang: Lang) -> Vec<LightVerb> {
    let d = data(lang);
    let mut out: Vec<LightVerb> = Vec::new();
    let mut covered = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if i < covered {
            continue;
        }
        let mut candidates: Vec<usize> = d.by_first.get(&t.lower).cloned().unwrap_or_default();
        if is_action_noun(t, i, lang, d) {
            candidates.extend(d.noun_first.iter().copied());
        }
        // Exact phrases (with a fix) first, then the longest match.
        let mut best: Option<LightVerb> = None;
        for p in candidates {
            let Some(pat) = d.patterns.get(p) else {
                continue;
            };
            let Some((end, noun)) = match_slots(toks, &pat.slots, i, i, lang, None) else {
                continue;
            };
            let better = match best {
                None => true,
                Some(b) => {
                    let b_exact = d
                        .patterns
                        .get(b.pattern)
                        .is_some_and(|x| x.replacement.is_some());
                    (pat.replacement.is_some() && !b_exact)
                        || (pat.replacement.is_some() == b_exact && end > b.end)
                }
            };
            if better {
                best = Some(LightVerb {
                    start: i,
                    end,
                    noun,
                    pattern: p,
                });
            }
        }
        if let Some(b) = best {
            covered = b.end;
            out.push(b);
        }
    }
    out
}

impl Rule for Nominalisation {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let lang = cx.lang();
        let d = data(lang);
        let (limit, severity) = match cx.settings.audience {
            Audience::Standard => (3.0, Severity::Info),
            Audience::EasyToRead => (2.0, Severity::Warning),
        };
        let limit = cx.settings.threshold(ID, "nouns", limit);
        let text = cx.text();
        let allowed = |w: &str| cx.settings.is_allowed(w);
        for (_, toks) in cx.unit_tokens() {
            for lv in light_verbs(toks, lang) {
                let (Some(first), Some(last)) =
                    (toks.get(lv.start), toks.get(lv.end.saturating_sub(1)))
                else {
                    continue;
                };
                let span = first.span.cover(last.span);
                let phrase = span.slice(text);
                if allowed(phrase) {
                    continue;
                }
                let Some(pat) = d.patterns.get(lv.pattern) else {
                    continue;
                };
                let noun_verb = lv
                    .noun
                    .and_then(|n| toks.get(n))
                    .and_then(|n| d.verb.get(&n.lower))
                    .filter(|v| !v.is_empty());
                let suggestion = pat
                    .replacement
                    .clone()
                    .or_else(|| pat.suggestion.clone().filter(|s| s != "{verb}"))
                    .or_else(|| noun_verb.cloned());
                let mut fixes = Vec::new();
                if let Some(r) = &pat.replacement {
                    let r = if lv.start == 0 {
                        capitalise(r)
                    } else {
                        r.clone()
                    };
                    fixes.push(Fix {
                        label: msg(lang, "nominalisation.fix", &[("verb", &r)]),
                        edits: vec![Edit {
                            span,
                            replacement: r,
                        }],
                    });
                }
                let message = match &suggestion {
                    Some(v) => msg(
                        lang,
                        "nominalisation.light-verb-plain",
                        &[("phrase", &phrase), ("verb", v)],
                    ),
                    None => msg(lang, "nominalisation.light-verb", &[("phrase", &phrase)]),
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
            let found = nominalisations(toks, lang, &allowed);
            if (found.len() as f64) < limit {
                continue;
            }
            let (Some(first), Some(last)) = (
                found.first().and_then(|k| toks.get(*k)),
                found.last().and_then(|k| toks.get(*k)),
            ) else {
                continue;
            };
            let words: Vec<&str> = found
                .iter()
                .filter_map(|k| toks.get(*k).map(|t| t.text))
                .collect();
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: Some(cx.index),
                span: Span::new(first.span.start as usize, last.span.end as usize),
                message: msg(
                    lang,
                    "nominalisation.many",
                    &[("count", &found.len()), ("words", &words.join(", "))],
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

    fn noms(text: &str, lang: Lang) -> Vec<String> {
        let toks = first_unit_tokens(text, lang);
        nominalisations(&toks, lang, &|_| false)
            .into_iter()
            .map(|k| toks[k].lower.clone())
            .collect()
    }

    fn lights(text: &str, lang: Lang) -> Vec<String> {
        let toks = first_unit_tokens(text, lang);
        light_verbs(&toks, lang)
            .into_iter()
            .map(|lv| {
                toks[lv.start]
                    .span
                    .cover(toks[lv.end - 1].span)
                    .slice(text)
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn counts_nouns_not_adverbs() {
        assert_eq!(
            noms(
                "La réception de la présente entraîne la suspension du paiement.",
                Lang::Fr
            ),
            vec!["réception", "suspension", "paiement"]
        );
        assert!(noms("Nous traitons rapidement votre paiement.", Lang::Fr).is_empty());
        assert_eq!(
            noms("Het volgen van een opleiding is verplicht.", Lang::Nl),
            vec!["volgen"]
        );
        assert_eq!(
            noms("Nach Prüfung der Unterlagen.", Lang::De),
            vec!["prüfung"]
        );
    }

    #[test]
    fn light_verb_phrases() {
        assert_eq!(
            lights(
                "Nous procéderons à la vérification de votre dossier.",
                Lang::Fr
            ),
            vec!["procéderons à la vérification de"]
        );
        assert_eq!(
            lights("Wir nehmen eine Prüfung Ihres Antrags vor.", Lang::De),
            vec!["nehmen eine Prüfung Ihres Antrags vor"]
        );
        assert_eq!(
            lights("Die Auszahlung erfolgt nach Prüfung.", Lang::De),
            vec!["Auszahlung erfolgt"]
        );
        assert_eq!(
            lights("We will carry out an examination of your file.", Lang::En),
            vec!["carry out an examination"]
        );
        assert!(lights("Sie können einen Antrag stellen.", Lang::De).is_empty());
    }
}
