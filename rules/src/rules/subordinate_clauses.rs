//! `subordinate-clauses`: sentences that stack subordinate clauses, and the officialese
//! relative pronouns (*lequel*, *hetwelk*, *welches*, *whereby*).
//!
//! Markers come from closed lists (`lexicons/<lang>/subordinators.txt`), each with the
//! condition under which the word really opens a clause: *dat* before a subject, *die*
//! after a noun and before a clause, German *der/die/das* right after a comma, English
//! *that* after a noun and before a determiner, pronoun or verb. French *ne … que*,
//! comparisons (*plus … que*) and *en tant que* are not clauses.
//!
//! This file also holds the small helpers the verb and sentence rules of this family share
//! ([`shared`]): a token view of a unit (French elisions and clitics split off, English
//! contractions expanded) and the parser of the team's word lists.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::Lang;
use shared::{Lexicon, Tok, function_words, per_lang, tokens};
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
        let src = match lang {
            Lang::Fr => include_str!("../../../lexicons/fr/subordinators.txt"),
            Lang::Nl => include_str!("../../../lexicons/nl/subordinators.txt"),
            Lang::De => include_str!("../../../lexicons/de/subordinators.txt"),
            Lang::En => include_str!("../../../lexicons/en/subordinators.txt"),
        };
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
fn clause_follows(next: &str, fw: &shared::FunctionWords, d: &Data) -> bool {
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
        let text = cx.text();
        let d = data(lang);
        for u in cx.analysis.units.iter().filter(|u| u.unit.kind.counts()) {
            let toks = tokens(text, u, lang);
            let found = markers(&toks, lang);
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

/// Helpers shared by the sentence and verb rules of this family (`verb-distance`,
/// `inline-list`, `passive-voice`, `nominalisation`, `hedging`, `double-negation`).
pub(crate) mod shared {
    use plainly_text::{Lang, Span, UnitAnalysis, WordKind};
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    /// The value for `lang` of a per-language table in `Lang::ALL` order.
    pub fn per_lang<T>(all: &[T; 4], lang: Lang) -> &T {
        let [fr, nl, de, en] = all;
        match lang {
            Lang::Fr => fr,
            Lang::Nl => nl,
            Lang::De => de,
            Lang::En => en,
        }
    }

    pub fn is_apostrophe(c: char) -> bool {
        matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
    }

    /// Lower case, every apostrophe as `'`.
    pub fn norm(s: &str) -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .collect()
    }

    /// A token of a unit: a word, or a piece of one (French `l'` + `article`, `pourriez` +
    /// `vous`; English `is` + `not` for `isn't`).
    #[derive(Debug, Clone)]
    pub struct Tok<'a> {
        /// The text as written.
        pub text: &'a str,
        /// Lower case, apostrophes normalised; expanded for English contractions.
        pub lower: String,
        pub span: Span,
        pub kind: WordKind,
        /// The text between the previous token (or the unit's start) and this one.
        pub gap: &'a str,
        /// Written with a capital first letter.
        pub cap: bool,
    }

    impl Tok<'_> {
        /// Punctuation before this token that ends a clause: `, ; : ( ) — – « » " …`. A
        /// full stop inside a unit is an abbreviation's or an ordinal's (`15. März`).
        pub fn breaks_before(&self) -> bool {
            self.gap.chars().any(|c| {
                matches!(
                    c,
                    ',' | ';'
                        | ':'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '—'
                        | '–'
                        | '«'
                        | '»'
                        | '"'
                        | '“'
                        | '”'
                        | '„'
                        | '?'
                        | '!'
                        | '…'
                )
            }) || self.gap.contains(" - ")
        }

        pub fn comma_before(&self) -> bool {
            self.gap.contains(',')
        }

        /// A name, a placeholder or an acronym: never a hard word.
        pub fn is_name(&self) -> bool {
            matches!(
                self.kind,
                WordKind::Word | WordKind::Placeholder | WordKind::Acronym
            )
        }

        pub fn is_word(&self) -> bool {
            self.kind == WordKind::Word
        }
    }

    /// French elided words that are split off (`l'`, `qu'`, `lorsqu'`…).
    const FR_ELISIONS: &[&str] = &[
        "l", "d", "j", "m", "t", "s", "c", "n", "qu", "lorsqu", "puisqu", "quoiqu", "jusqu",
    ];
    /// French clitics after a hyphen (`pourriez-vous`, `dites-le-nous`, `est-ce`, `a-t-il`).
    const FR_CLITICS: &[&str] = &[
        "vous", "nous", "le", "la", "les", "moi", "toi", "lui", "leur", "y", "en", "il", "elle",
        "on", "ils", "elles", "ce", "t", "je", "tu",
    ];
    /// English pronouns whose `'s` is *is*.
    const EN_S_IS: &[&str] = &[
        "it", "that", "he", "she", "there", "what", "who", "here", "where", "this",
    ];

    /// The tokens of a unit.
    pub fn tokens<'a>(text: &'a str, u: &UnitAnalysis, lang: Lang) -> Vec<Tok<'a>> {
        let mut out: Vec<Tok<'a>> = Vec::with_capacity(u.words.len() + 4);
        let mut prev_end = u.unit.span.start as usize;
        for w in &u.words {
            let start = w.span.start as usize;
            let end = w.span.end as usize;
            let gap = text.get(prev_end.min(start)..start).unwrap_or("");
            prev_end = end;
            let word = text.get(start..end).unwrap_or("");
            let mut pieces: Vec<(usize, usize, Option<&'static str>)> = Vec::new();
            if w.kind == WordKind::Word {
                match lang {
                    Lang::Fr => split_french(word, &mut pieces),
                    Lang::En => split_english(word, &mut pieces),
                    _ => {}
                }
            }
            if pieces.is_empty() {
                pieces.push((0, word.len(), None));
            }
            for (k, (a, b, over)) in pieces.into_iter().enumerate() {
                let piece = word.get(a..b).unwrap_or("");
                let piece_gap = if k == 0 {
                    gap
                } else {
                    // The hyphen between clitics; nothing after an elision.
                    let before = out.last().map(|t| t.span.end as usize - start).unwrap_or(a);
                    word.get(before.min(a)..a).unwrap_or("")
                };
                out.push(Tok {
                    text: piece,
                    lower: over.map(str::to_string).unwrap_or_else(|| norm(piece)),
                    span: Span::new(start + a, start + b),
                    kind: w.kind,
                    gap: piece_gap,
                    cap: piece.chars().next().is_some_and(char::is_uppercase),
                });
            }
        }
        out
    }

    fn split_french(word: &str, out: &mut Vec<(usize, usize, Option<&'static str>)>) {
        let mut rest_start = 0;
        // Elisions, possibly two (`jusqu'à`, `qu'il`; `s'il` → `s'` + `il`).
        while let Some((pos, c)) = word
            .get(rest_start..)
            .and_then(|r| r.char_indices().find(|(_, c)| is_apostrophe(*c)))
        {
            let head = word.get(rest_start..rest_start + pos).unwrap_or("");
            if !FR_ELISIONS.contains(&norm(head).as_str()) {
                break;
            }
            let end = rest_start + pos + c.len_utf8();
            if end >= word.len() {
                break;
            }
            out.push((rest_start, end, None));
            rest_start = end;
        }
        let rest = word.get(rest_start..).unwrap_or("");
        let parts: Vec<&str> = rest.split('-').collect();
        let clitics = parts.len() > 1
            && parts
                .iter()
                .skip(1)
                .all(|p| FR_CLITICS.contains(&norm(p).as_str()))
            && parts.first().is_some_and(|p| !p.is_empty());
        if clitics {
            let mut at = rest_start;
            for p in parts {
                out.push((at, at + p.len(), None));
                at += p.len() + 1;
            }
        } else if !out.is_empty() {
            out.push((rest_start, word.len(), None));
        }
    }

    fn split_english(word: &str, out: &mut Vec<(usize, usize, Option<&'static str>)>) {
        let lower = norm(word);
        let Some(ap) = word.char_indices().find(|(_, c)| is_apostrophe(*c)) else {
            return;
        };
        if lower.ends_with("n't") && word.len() > 3 {
            let host_end = word.len() - 3 - (ap.1.len_utf8() - 1);
            let host = lower.get(..lower.len() - 3).unwrap_or("");
            let expanded: Option<&'static str> = match host {
                "ca" => Some("can"),
                "wo" => Some("will"),
                "sha" => Some("shall"),
                _ => None,
            };
            out.push((0, host_end, expanded));
            out.push((host_end, word.len(), Some("not")));
            return;
        }
        let (pos, c) = ap;
        let host = lower.get(..pos).unwrap_or("");
        let suffix = word.get(pos + c.len_utf8()..).map(norm).unwrap_or_default();
        let expanded: Option<&'static str> = match suffix.as_str() {
            "re" => Some("are"),
            "ve" => Some("have"),
            "ll" => Some("will"),
            "d" => Some("would"),
            "m" => Some("am"),
            "s" if EN_S_IS.contains(&host) => Some("is"),
            _ => None,
        };
        if let Some(e) = expanded {
            out.push((0, pos, None));
            out.push((pos, word.len(), Some(e)));
        }
    }

    /// One entry of a word list: `key` or `key | value`.
    #[derive(Debug, Clone)]
    pub struct Entry {
        pub key: String,
        pub value: Option<String>,
    }

    /// A team-written word list: one entry per line, `#` comments, `[section]` headers.
    /// Keys are compared in lower case with normalised apostrophes.
    #[derive(Debug, Default)]
    pub struct Lexicon {
        sections: HashMap<String, Vec<Entry>>,
    }

    impl Lexicon {
        pub fn parse(src: &str) -> Lexicon {
            let mut lex = Lexicon::default();
            let mut section = String::new();
            for raw in src.lines() {
                let line = match raw.find(" #") {
                    Some(i) => raw.get(..i).unwrap_or(""),
                    None => raw,
                };
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = name.trim().to_string();
                    continue;
                }
                let (key, value) = match line.split_once('|') {
                    Some((k, v)) => (k.trim(), Some(v.trim().to_string())),
                    None => (line, None),
                };
                lex.sections
                    .entry(section.clone())
                    .or_default()
                    .push(Entry {
                        key: norm(key),
                        value: value.filter(|v| !v.is_empty()),
                    });
            }
            lex
        }

        pub fn entries(&self, section: &str) -> &[Entry] {
            self.sections.get(section).map(Vec::as_slice).unwrap_or(&[])
        }

        pub fn set(&self, section: &str) -> HashSet<String> {
            self.entries(section)
                .iter()
                .map(|e| e.key.clone())
                .collect()
        }

        pub fn map(&self, section: &str) -> HashMap<String, String> {
            self.entries(section)
                .iter()
                .map(|e| (e.key.clone(), e.value.clone().unwrap_or_default()))
                .collect()
        }
    }

    /// Closed classes of a language (`lexicons/<lang>/function-words.txt`).
    #[derive(Debug)]
    pub struct FunctionWords {
        /// Determiners and possessives.
        pub det: HashSet<String>,
        /// Personal pronouns.
        pub pron: HashSet<String>,
        /// Subject pronouns.
        pub subject: HashSet<String>,
        pub prep: HashSet<String>,
        /// Coordinating conjunctions.
        pub coord: HashSet<String>,
        /// Short adverbs that may stand between two verb parts.
        pub adv: HashSet<String>,
        /// Negation words.
        pub neg: HashSet<String>,
        /// Month names (dates count as one word).
        pub month: HashSet<String>,
    }

    impl FunctionWords {
        fn load(lang: Lang) -> FunctionWords {
            let src = match lang {
                Lang::Fr => include_str!("../../../lexicons/fr/function-words.txt"),
                Lang::Nl => include_str!("../../../lexicons/nl/function-words.txt"),
                Lang::De => include_str!("../../../lexicons/de/function-words.txt"),
                Lang::En => include_str!("../../../lexicons/en/function-words.txt"),
            };
            let lex = Lexicon::parse(src);
            FunctionWords {
                det: lex.set("det"),
                pron: lex.set("pron"),
                subject: lex.set("subject"),
                prep: lex.set("prep"),
                coord: lex.set("coord"),
                adv: lex.set("adv"),
                neg: lex.set("neg"),
                month: lex.set("month"),
            }
        }

        /// A word of any closed class.
        pub fn any(&self, w: &str) -> bool {
            self.det.contains(w)
                || self.pron.contains(w)
                || self.prep.contains(w)
                || self.coord.contains(w)
                || self.adv.contains(w)
                || self.neg.contains(w)
        }
    }

    pub fn function_words(lang: Lang) -> &'static FunctionWords {
        static FW: OnceLock<[FunctionWords; 4]> = OnceLock::new();
        per_lang(FW.get_or_init(|| Lang::ALL.map(FunctionWords::load)), lang)
    }

    /// Clauses of a unit: runs of tokens between clause punctuation, as index ranges.
    pub fn clauses(toks: &[Tok<'_>]) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, t) in toks.iter().enumerate() {
            if i > start && t.breaks_before() {
                out.push(start..i);
                start = i;
            }
        }
        if start < toks.len() {
            out.push(start..toks.len());
        }
        out
    }

    /// Clauses cut also before coordinating conjunctions (*… is goedgekeurd en u wordt
    /// lid*): two clauses that share nothing.
    pub fn clauses_and_coordination(toks: &[Tok<'_>], lang: Lang) -> Vec<std::ops::Range<usize>> {
        let coord = &function_words(lang).coord;
        let mut out = Vec::new();
        for c in clauses(toks) {
            let mut start = c.start;
            for k in c.clone() {
                if k > start && toks.get(k).is_some_and(|t| coord.contains(&t.lower)) {
                    out.push(start..k);
                    start = k;
                }
            }
            out.push(start..c.end);
        }
        out
    }

    /// The examples of rule `id` that fail (as `rules/tests/rule_examples.rs` runs them):
    /// each rule's tests call this, so a rule's examples are checked even while another
    /// rule is unfinished.
    #[cfg(test)]
    pub fn example_failures(id: &str) -> Vec<String> {
        use crate::{Engine, Settings};
        use plainly_text::document::{Origin, Source, SourceMap};
        use plainly_text::{Block, BlockKind, Document};
        let engine = Engine::default();
        let Some(rule) = engine.rule(id) else {
            return vec![format!("no rule {id}")];
        };
        let mut failures = Vec::new();
        for ex in rule.doc().examples {
            let mut block = Block::new(
                BlockKind::Paragraph,
                ex.text,
                Origin {
                    source: 0,
                    map: SourceMap::identity(0, ex.text.len()),
                    place: Default::default(),
                },
            );
            block.lang = Some(ex.lang);
            let document = Document {
                format: "txt".into(),
                blocks: vec![block],
                sources: vec![Source {
                    name: String::new(),
                    text: ex.text.into(),
                }],
                declared_lang: Some(ex.lang),
            };
            let report = engine.check(&document, &Settings::with_audience(ex.audience), ex.lang);
            let fired: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule == id)
                .map(|f| format!("{:?}: {}", f.severity, f.message))
                .collect();
            if fired.is_empty() == ex.triggers {
                failures.push(format!(
                    "[{} {:?}] expected {}: {} {:?}",
                    ex.lang,
                    ex.audience,
                    if ex.triggers { "a finding" } else { "none" },
                    ex.text,
                    fired
                ));
            }
        }
        failures
    }

    /// Capitalise the first letter of `s` (a replacement at the start of a sentence).
    pub fn capitalise(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use plainly_text::{BlockKind, analyze_block};

    fn count(text: &str, lang: Lang) -> Vec<String> {
        let a = analyze_block(text, BlockKind::Paragraph, lang);
        let u = &a.units[0];
        let toks = tokens(text, u, lang);
        markers(&toks, lang)
            .iter()
            .map(|m| toks[m.at].lower.clone())
            .collect()
    }

    #[test]
    fn examples() {
        assert_eq!(shared::example_failures(ID), Vec::<String>::new());
    }

    #[test]
    fn french_elisions_and_clitics_are_split() {
        let text = "Qu'est-ce que vous dites-le-nous s'il l'article";
        let a = analyze_block(text, BlockKind::Paragraph, Lang::Fr);
        let toks = tokens(text, &a.units[0], Lang::Fr);
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
        let a = analyze_block(text, BlockKind::Paragraph, Lang::En);
        let toks = tokens(text, &a.units[0], Lang::En);
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
        use plainly_text::document::{Origin, Source, SourceMap};
        use plainly_text::{Block, Document};
        let text = "Nous avons reçu votre demande, laquelle est complète.";
        let mut block = Block::new(
            BlockKind::Paragraph,
            text,
            Origin {
                source: 0,
                map: SourceMap::identity(0, text.len()),
                place: Default::default(),
            },
        );
        block.lang = Some(Lang::Fr);
        let doc = Document {
            format: "txt".into(),
            blocks: vec![block],
            sources: vec![Source {
                name: String::new(),
                text: text.into(),
            }],
            declared_lang: Some(Lang::Fr),
        };
        let report = Engine::default().check(&doc, &Settings::default(), Lang::Fr);
        let f = report.findings.iter().find(|f| f.rule == ID).unwrap();
        assert_eq!(f.span.slice(text), "laquelle");
        assert_eq!(f.fixes[0].edits[0].replacement, "qui");
    }
}
