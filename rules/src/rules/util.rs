//! Helpers shared by the sentence and verb rules (`subordinate-clauses`, `verb-distance`,
//! `inline-list`, `passive-voice`, `nominalisation`, `hedging`, `double-negation`): a token
//! view of a unit (French elisions and clitics split off, English contractions expanded),
//! the parser of the team's word lists, the closed classes of each language, the Dutch and
//! German verb forms (`verb-distance`, `passive-voice`); and what rules of any family share:
//! per-language lexicon texts, standard-audience examples.

use crate::rule::Example;
use crate::settings::Audience;
use plainly_text::{Lang, Span, UnitAnalysis, WordKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The text of `lexicons/<lang>/<file>` for `lang` (the four languages' files are
/// embedded).
macro_rules! lexicon_text {
    ($lang:expr, $file:literal) => {
        match $lang {
            plainly_text::Lang::Fr => include_str!(concat!("../../../lexicons/fr/", $file)),
            plainly_text::Lang::Nl => include_str!(concat!("../../../lexicons/nl/", $file)),
            plainly_text::Lang::De => include_str!(concat!("../../../lexicons/de/", $file)),
            plainly_text::Lang::En => include_str!(concat!("../../../lexicons/en/", $file)),
        }
    };
}
pub(crate) use lexicon_text;

/// An example of a rule's documentation for the standard audience.
pub const fn standard_example(lang: Lang, text: &'static str, triggers: bool) -> Example {
    Example {
        lang,
        audience: Audience::Standard,
        text,
        triggers,
    }
}

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
    "vous", "nous", "le", "la", "les", "moi", "toi", "lui", "leur", "y", "en", "il", "elle", "on",
    "ils", "elles", "ce", "t", "je", "tu",
];
/// English pronouns whose `'s` is *is*.
const EN_S_IS: &[&str] = &[
    "it", "that", "he", "she", "there", "what", "who", "here", "where", "this",
];

/// The tokens of a unit.
pub fn tokens<'a>(text: &'a str, u: &UnitAnalysis, lang: Lang) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(u.words.len() + 4);
    let mut prev_end = u.unit.span.start as usize;
    let mut pieces: Vec<(usize, usize, Option<&'static str>)> = Vec::new();
    for w in &u.words {
        let start = w.span.start as usize;
        let end = w.span.end as usize;
        let gap = text.get(prev_end.min(start)..start).unwrap_or("");
        prev_end = end;
        let word = text.get(start..end).unwrap_or("");
        pieces.clear();
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
        for (k, &(a, b, over)) in pieces.iter().enumerate() {
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
        let src = lexicon_text!(lang, "function-words.txt");
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

/// Capitalise the first letter of `s` (a replacement at the start of a sentence).
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The verb forms of Dutch or German (`lexicons/<lang>/verb-forms.txt`).
#[derive(Debug, Default)]
pub struct Verbs {
    /// Finite auxiliaries and modals (first verb part).
    pub finite: HashSet<String>,
    /// Finite forms of *zijn/sein*: with them only a participle closes the bracket.
    pub copula: HashSet<String>,
    /// Separable particles.
    pub particle: HashSet<String>,
    /// Separable first parts of participles (the particles and a few more: *goed*, *vast*).
    pub prefix: HashSet<String>,
    /// Forms of *worden/werden* (passive).
    pub passive: HashSet<String>,
    /// Unstressed (inseparable) prefixes of participles without *ge-*.
    pub inseparable: HashSet<String>,
    /// Strong participles in *-en* that the patterns cannot tell from infinitives.
    pub participle: HashSet<String>,
    /// Words that look like participles and are not (nouns, adjectives, finite forms).
    pub not_participle: HashSet<String>,
    /// Words in *-en* that are not infinitives.
    pub not_infinitive: HashSet<String>,
    /// Words that start a sentence and are no imperative.
    pub not_imperative: HashSet<String>,
    /// Words that open an infinitive clause (*om … te*, *um … zu*).
    pub infinitive_clause: HashSet<String>,
}

impl Verbs {
    fn load(lang: Lang) -> Verbs {
        let src = match lang {
            Lang::Nl => include_str!("../../../lexicons/nl/verb-forms.txt"),
            Lang::De => include_str!("../../../lexicons/de/verb-forms.txt"),
            _ => return Verbs::default(),
        };
        let lex = Lexicon::parse(src);
        Verbs {
            finite: lex.set("finite"),
            copula: lex.set("copula"),
            particle: lex.set("particle"),
            prefix: lex
                .set("particle")
                .into_iter()
                .chain(lex.set("prefix"))
                .collect(),
            passive: lex.set("passive"),
            inseparable: lex.set("inseparable"),
            participle: lex.set("participle"),
            not_participle: lex.set("not-participle"),
            not_infinitive: lex.set("not-infinitive"),
            not_imperative: lex.set("not-imperative"),
            infinitive_clause: lex.set("infinitive-clause"),
        }
    }

    /// The longest separable particle `w` starts with, and the rest.
    fn strip_particle<'w>(&self, w: &'w str) -> Option<&'w str> {
        (1..w.len())
            .rev()
            .filter(|&n| w.is_char_boundary(n))
            .find_map(|n| {
                let (head, rest) = w.split_at(n);
                (self.prefix.contains(head) && rest.chars().count() >= 4).then_some(rest)
            })
    }

    /// A past participle (lower-case form, uninflected): *gestuurd, ingevuld, betaald,
    /// ontvangen / geprüft, zurückgeschickt, bearbeitet, informiert, gegeben*.
    pub fn is_participle(&self, lang: Lang, w: &str) -> bool {
        if w.chars().count() < 5 || self.not_participle.contains(w) {
            return false;
        }
        if self.participle.contains(w) || self.plain_participle(lang, w) {
            return true;
        }
        match self.strip_particle(w) {
            Some(rest) => {
                !self.not_participle.contains(rest)
                    && (self.participle.contains(rest) || self.plain_participle(lang, rest))
            }
            None => false,
        }
    }

    fn plain_participle(&self, lang: Lang, w: &str) -> bool {
        let n = w.chars().count();
        if self.not_participle.contains(w) || w.ends_with("heid") || w.ends_with("keit") {
            return false;
        }
        match lang {
            Lang::Nl => {
                let weak = w.ends_with('d') || w.ends_with('t');
                let ge_strong = w.starts_with("ge") && (w.ends_with("en") || w.ends_with("aan"));
                (w.starts_with("ge") && n >= 6 && (weak || ge_strong))
                    || (weak && n >= 6 && self.has_inseparable_prefix(w))
            }
            Lang::De => {
                (w.starts_with("ge") && w.ends_with('t') && n >= 6)
                    || (w.ends_with('t') && n >= 6 && self.has_inseparable_prefix(w))
                    || (w.ends_with("iert") && n >= 7)
            }
            _ => false,
        }
    }

    fn has_inseparable_prefix(&self, w: &str) -> bool {
        w.char_indices().skip(1).take(4).any(|(i, _)| {
            w.get(..i).is_some_and(|p| self.inseparable.contains(p)) && w.len() > i + 3
        })
    }

    /// A *zu*-infinitive in one word: *zurückzusenden, auszufüllen*.
    pub fn is_zu_infinitive(&self, w: &str) -> bool {
        (2..w.len()).filter(|&n| w.is_char_boundary(n)).any(|n| {
            let (head, rest) = w.split_at(n);
            self.prefix.contains(head)
                && rest.strip_prefix("zu").is_some_and(|inf| {
                    inf.chars().count() >= 4
                        && (inf.ends_with("en") || inf.ends_with("ern") || inf.ends_with("eln"))
                })
        })
    }
}

pub fn verbs(lang: Lang) -> &'static Verbs {
    static V: OnceLock<[Verbs; 4]> = OnceLock::new();
    per_lang(V.get_or_init(|| Lang::ALL.map(Verbs::load)), lang)
}
