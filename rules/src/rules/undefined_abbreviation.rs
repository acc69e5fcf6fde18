//! `undefined-abbreviation`: acronyms not written out at or before their first use, and
//! abbreviations that could be written in full.
//!
//! Acronyms (document level): tokens the word engine marks `Acronym` (`ONEM`, `OCMW`,
//! `ÖSHZ`, `LfA`). One is explained when, at or before its first use in the body, it stands
//! in brackets after a phrase (`Office national de l'emploi (ONEM)`), the explanation
//! stands in brackets after it (`ONEM (Office national de l'emploi)`), or a line defines it
//! (`CPAS : centre public d'action sociale`); a document with a list of abbreviations is
//! left alone. Only the first unexplained use is reported, with the lexicon's expansion as
//! fix. Skipped: the allowlist (`lexicons/<lang>/acronym-allow.txt`, not in easy-to-read),
//! Roman numerals, Dutch `IJ`, surnames in capitals (after a title or next to a first name),
//! letterheads, headings, tables, salutations and signatures.
//!
//! Abbreviations (block level): entries of `lexicons/<lang>/abbreviations.txt` (read through
//! `plainly_text::lexdata`) of category `latin` and `month` (`p. ex.`, `bv.`, `z. B.`,
//! `e.g.`, `janv.`), with their expansion as fix; `lexicons/<lang>/abbreviation-fixes.txt`
//! adds or removes entries and gives plainer fixes (`cf.` → `voir`). Titles (`M.`, `Mme`),
//! legal references (`art.`, left to `legal-reference`) and units are not reported.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, DocContext, Example, Family, Rule, RuleDoc};
use crate::rules::all_caps::{is_letterhead, next_to_capitals};
use crate::rules::number_format::is_roman_numeral;
use crate::rules::numeric_date::{bare_word, data_lines, lang_index};
use crate::settings::Audience;
use plainly_text::lexdata::{self, AbbrevCategory, Abbreviation};
use plainly_text::{BlockKind, Lang, Span, UnitKind, Word, WordKind};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct UndefinedAbbreviation;

const ID: &str = "undefined-abbreviation";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Acronyms not written out at or before their first use (warning), and \
           abbreviations such as p. ex., bv., z. B., e.g. that could be written in full (info, \
           with the full form as fix; easy-to-read: warning). Common acronyms (EUR, VAT, PDF, \
           IBAN) are allowed, except in easy-to-read.",
    why: "An unknown acronym is a word the reader cannot look up in the letter itself.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Contactez le CPAS de votre commune.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Joignez p. ex. une fiche de paie.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Contactez le centre public d'action sociale (CPAS) de votre commune.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Le montant est de 50 EUR.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Le montant est de 50 EUR.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "M. Dupont et Mme LEROY ont rempli le formulaire C4 et l'annexe II.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Vraag het aan het OCMW.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur bv. uw loonfiche.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Vraag het aan het openbaar centrum voor maatschappelijk welzijn (OCMW).",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Het bedrag is 50 EUR. U woont in IJzendijke.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wenden Sie sich an das ÖSHZ.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Schicken Sie z. B. Ihre Lohnabrechnung.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wenden Sie sich an das Öffentliche Sozialhilfezentrum (ÖSHZ).",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Der Betrag beträgt 50 EUR.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Contact the PCSW in your municipality.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Send e.g. your payslip.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Contact the Public Centre for Social Welfare (PCSW).",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "The amount is EUR 50. Please add your IBAN and the 2 km you travel, as in chapter IV.",
            triggers: false,
        },
    ],
};

// ---------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------

/// `acronym-allow.txt`: form → plain word for easy-to-read (may be empty).
fn allow_list(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static CELLS: [OnceLock<HashMap<&'static str, &'static str>>; 4] =
        [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/acronym-allow.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/acronym-allow.txt"),
        Lang::De => include_str!("../../../lexicons/de/acronym-allow.txt"),
        Lang::En => include_str!("../../../lexicons/en/acronym-allow.txt"),
    };
    let empty: &'static HashMap<&'static str, &'static str> = {
        static EMPTY: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        EMPTY.get_or_init(HashMap::new)
    };
    CELLS.get(lang_index(lang)).map_or(empty, |c| {
        c.get_or_init(|| {
            data_lines(src)
                .map(|l| match l.split_once('|') {
                    Some((form, plain)) => (form.trim(), plain.trim()),
                    None => (l, ""),
                })
                .collect()
        })
    })
}

/// How `abbreviation-fixes.txt` treats an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treatment {
    Replace(&'static str),
    NoFix,
    Skip,
}

fn abbreviation_fixes(lang: Lang) -> &'static HashMap<&'static str, Treatment> {
    static CELLS: [OnceLock<HashMap<&'static str, Treatment>>; 4] = [const { OnceLock::new() }; 4];
    static EMPTY: OnceLock<HashMap<&'static str, Treatment>> = OnceLock::new();
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/abbreviation-fixes.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/abbreviation-fixes.txt"),
        Lang::De => include_str!("../../../lexicons/de/abbreviation-fixes.txt"),
        Lang::En => include_str!("../../../lexicons/en/abbreviation-fixes.txt"),
    };
    CELLS.get(lang_index(lang)).map_or_else(
        || EMPTY.get_or_init(HashMap::new),
        |c| {
            c.get_or_init(|| {
                data_lines(src)
                    .filter_map(|l| {
                        let (form, what) = l.split_once('|')?;
                        let t = match what.trim() {
                            "-" => Treatment::Skip,
                            "?" => Treatment::NoFix,
                            plain => Treatment::Replace(plain),
                        };
                        Some((form.trim(), t))
                    })
                    .collect()
            })
        },
    )
}

/// Whether `token` is an acronym the lexicon knows (`acronyms.txt`) or the allowlist holds.
pub(crate) fn is_known_acronym(lang: Lang, token: &str) -> bool {
    lexdata::lang_data(lang).acronym(token).is_some() || allow_list(lang).contains_key(token)
}

/// Titles before a surname (`Madame DUPONT`, `de heer PEETERS`, `Herrn MÜLLER`).
const TITLE_WORDS: &[&str] = &[
    "madame",
    "monsieur",
    "mademoiselle",
    "maître",
    "docteur",
    "mevrouw",
    "meneer",
    "heer",
    "juffrouw",
    "herr",
    "herrn",
    "frau",
    "mister",
    "mr",
    "mrs",
    "ms",
    "miss",
    "m",
    "mme",
    "mlle",
    "me",
    "dr",
    "dhr",
    "mevr",
    "mw",
    "hr",
    "fr",
    "prof",
];

/// Headings of a list of abbreviations.
const LIST_TITLES: &[&str] = &[
    "abréviations",
    "liste des abréviations",
    "sigles",
    "sigles et abréviations",
    "abréviations et sigles",
    "glossaire",
    "afkortingen",
    "lijst van afkortingen",
    "lijst met afkortingen",
    "woordenlijst",
    "abkürzungen",
    "abkürzungsverzeichnis",
    "glossar",
    "abbreviations",
    "list of abbreviations",
    "acronyms",
    "glossary",
];

// ---------------------------------------------------------------------------------------
// Abbreviations (block level)
// ---------------------------------------------------------------------------------------

/// The abbreviation entry a token stands for, and its span (with the final dot).
fn abbreviation_at(text: &str, w: &Word, lang: Lang) -> Option<(Span, &'static Abbreviation)> {
    let data = lexdata::lang_data(lang);
    let start = w.span.start as usize;
    let end = w.span.end as usize;
    if let Some((e, a)) = data.match_multi_part(text, start)
        && e == end
    {
        return Some((w.span, a));
    }
    let token = w.span.slice(text);
    // `l'art.`: the abbreviation is what follows the elision.
    let (host_start, host) = match token.rfind(['\'', '’']) {
        Some(i) => {
            let skip = token.get(i..)?.chars().next()?.len_utf8();
            (start + i + skip, token.get(i + skip..)?)
        }
        None => (start, token),
    };
    if !host.ends_with('.') && text.get(end..).is_some_and(|r| r.starts_with('.')) {
        let dotted = format!("{host}.");
        if let Some(a) = data.abbreviation(&dotted) {
            return Some((Span::new(host_start, end + 1), a));
        }
    }
    data.abbreviation(host)
        .map(|a| (Span::new(host_start, end), a))
}

/// What to say about an abbreviation: `None` when it is not reported; else the fix text.
fn treatment(lang: Lang, a: &Abbreviation) -> Option<Option<&'static str>> {
    match abbreviation_fixes(lang).get(a.form) {
        Some(Treatment::Skip) => None,
        Some(Treatment::NoFix) => Some(None),
        Some(Treatment::Replace(p)) => Some(Some(*p)),
        None => match a.category {
            AbbrevCategory::Latin | AbbrevCategory::Month => {
                // An expansion listing two readings (`minimum, minute`) is no fix.
                Some((!a.expansion.contains(',')).then_some(a.expansion))
            }
            _ => None,
        },
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Acronyms (document level)
// ---------------------------------------------------------------------------------------

/// Byte span and text of the acronym a token holds.
fn acronym_host<'t>(text: &'t str, w: &Word) -> Option<(Span, &'t str)> {
    let token = w.span.slice(text);
    let (start, host) = match token.rfind(['\'', '’']) {
        Some(i) => {
            let skip = token.get(i..)?.chars().next()?.len_utf8();
            (w.span.start as usize + i + skip, token.get(i + skip..)?)
        }
        None => (w.span.start as usize, token),
    };
    let letters = host.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = host.chars().filter(|c| c.is_uppercase()).count();
    if letters < 2 || capitals < 2 {
        return None;
    }
    // Dutch `IJzer`, `IJsland`: a digraph, not an acronym.
    if host.starts_with("IJ") && host.chars().nth(2).is_some_and(char::is_lowercase) {
        return None;
    }
    if is_roman_numeral(host) {
        return None;
    }
    Some((Span::new(start, w.span.end as usize), host))
}

/// A capitalised ordinary word (`Jean`, `Sophie`): a first name next to a surname.
fn is_capitalised_word(w: &Word, text: &str) -> bool {
    let t = w.span.slice(text);
    let mut c = t.chars();
    w.kind == WordKind::Word
        && c.next().is_some_and(char::is_uppercase)
        && c.clone().count() >= 1
        && c.all(|c| c.is_lowercase() || c == '-')
}

/// Whether the token at `k` is a surname in capitals: after a title, or next to a first name.
fn looks_like_name(text: &str, words: &[Word], k: usize) -> bool {
    let prev = k.checked_sub(1).and_then(|i| words.get(i));
    let next = words.get(k + 1);
    if let Some(p) = prev {
        let bare = bare_word(p.span.slice(text));
        if TITLE_WORDS.contains(&bare.as_str()) {
            return true;
        }
        if k >= 2 && is_capitalised_word(p, text) {
            return true;
        }
    }
    // `DUPONT Jean`: the first name follows directly, with nothing but a space.
    next.is_some_and(|n| {
        is_capitalised_word(n, text)
            && words.get(k).is_some_and(|w| {
                text.get(w.span.end as usize..n.span.start as usize)
                    .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\u{a0}'))
            })
    })
}

/// Whether the acronym `host` at `span` is explained right here: inside brackets after a
/// phrase, followed by an explanation in brackets, or at the start of a defining line.
fn defined_here(text: &str, unit: Span, span: Span, host: &str) -> bool {
    let (u0, u1) = (unit.start as usize, unit.end as usize);
    let (s0, s1) = (span.start as usize, span.end as usize);
    let before = text.get(u0..s0).unwrap_or("");
    let after = text.get(s1..u1).unwrap_or("");
    // `Office national de l'emploi (ONEM)`, `(ci-après « ONEM »)`, `(hierna: RVA)`.
    if let Some(open) = before.rfind('(')
        && !before.get(open..).unwrap_or("").contains(')')
        && after
            .find(')')
            .is_some_and(|close| !after.get(..close).unwrap_or("").contains('('))
    {
        let phrase = before.get(..open).unwrap_or("");
        if phrase
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 2
        {
            return true;
        }
    }
    // `ONEM (Office national de l'emploi)`.
    let trimmed = after.trim_start_matches([' ', '\u{a0}', '»', '"', '”', '’']);
    if let Some(inner) = trimmed.strip_prefix('(') {
        let inner = inner.split(')').next().unwrap_or("");
        let words: Vec<&str> = inner
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let first = host
            .chars()
            .next()
            .map(|c| c.to_lowercase().collect::<String>());
        if words.len() >= 2
            && first.is_some_and(|f| {
                words.iter().take(4).any(|w| {
                    w.rsplit(['\'', '’'])
                        .next()
                        .unwrap_or(w)
                        .to_lowercase()
                        .starts_with(&f)
                })
            })
        {
            return true;
        }
    }
    // `CPAS : centre public d'action sociale`, `RVA = Rijksdienst voor Arbeidsvoorziening`.
    let line_start = before.rsplit('\n').next().unwrap_or("");
    let starts_line = line_start
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '•' | '–'))
        .is_empty();
    if starts_line {
        let rest = after.trim_start();
        if let Some(r) = rest.strip_prefix([':', '=', '–', '—', '-'])
            && r.split_whitespace().count() >= 2
        {
            return true;
        }
    }
    false
}

/// Whether a block is the heading of a list of abbreviations.
fn is_list_title(kind: BlockKind, text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    (matches!(kind, BlockKind::Heading(_)) || t.split_whitespace().count() <= 4)
        && LIST_TITLES.contains(&t.as_str())
}

/// Expansion for the fix: without bracketed notes (`PCSW | … (CPAS/OCMW)`).
fn clean_expansion(e: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in e.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One use of an acronym in the document.
#[derive(Debug)]
struct Use {
    block: usize,
    span: Span,
    acronym: String,
    lang: Lang,
    reportable: bool,
}

impl Rule for UndefinedAbbreviation {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        let kind = cx.block.kind;
        if !kind.is_prose() || is_letterhead(kind, cx.text()) {
            return;
        }
        let lang = cx.lang();
        let text = cx.text();
        let severity = match cx.settings.audience {
            Audience::Standard => Severity::Info,
            Audience::EasyToRead => Severity::Warning,
        };
        for u in &cx.analysis.units {
            if !u.unit.kind.counts() {
                continue;
            }
            for w in u.words.iter().filter(|w| w.kind == WordKind::Abbreviation) {
                let Some((span, a)) = abbreviation_at(text, w, lang) else {
                    continue;
                };
                let Some(plain) = treatment(lang, a) else {
                    continue;
                };
                let written = span.slice(text);
                if cx.settings.is_allowed(written) {
                    continue;
                }
                let (message, fixes) = match plain {
                    Some(p) => {
                        let mut replacement =
                            if written.chars().next().is_some_and(char::is_uppercase) {
                                upper_first(p)
                            } else {
                                p.to_string()
                            };
                        // The abbreviation's dot also ended the sentence: keep a full stop.
                        if written.ends_with('.') && span.end >= u.unit.span.end {
                            replacement.push('.');
                        }
                        (
                            msg(
                                lang,
                                "undefined-abbreviation.abbreviation",
                                &[("abbreviation", &written), ("full", &p)],
                            ),
                            vec![Fix {
                                label: msg(
                                    lang,
                                    "undefined-abbreviation.fix-write",
                                    &[("full", &p)],
                                ),
                                edits: vec![Edit { span, replacement }],
                            }],
                        )
                    }
                    None => (
                        msg(
                            lang,
                            "undefined-abbreviation.abbreviation-no-fix",
                            &[("abbreviation", &written)],
                        ),
                        Vec::new(),
                    ),
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
        }
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let easy = cx.settings.audience == Audience::EasyToRead;
        let mut uses: Vec<Use> = Vec::new();
        // Acronym → index in `uses` of its first explanation.
        let mut defined: HashMap<String, usize> = HashMap::new();
        for (bi, (block, a)) in cx.doc.blocks.iter().zip(cx.analyses).enumerate() {
            let text = block.text.as_str();
            if is_list_title(block.kind, text) {
                return;
            }
            let block_reportable = matches!(
                block.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Footnote
            ) && !is_letterhead(block.kind, text);
            for u in &a.units {
                let unit_reportable = block_reportable
                    && matches!(u.unit.kind, UnitKind::Sentence | UnitKind::ListItem);
                for (k, w) in u.words.iter().enumerate() {
                    if w.kind != WordKind::Acronym {
                        continue;
                    }
                    let Some((span, host)) = acronym_host(text, w) else {
                        continue;
                    };
                    if defined_here(text, u.unit.span, span, host) {
                        defined.entry(host.to_string()).or_insert(uses.len());
                    }
                    let lexicon = lexdata::lang_data(a.lang).acronym(host).is_some();
                    let allowed = !easy && allow_list(a.lang).contains_key(host);
                    // A form code (`VAF 1-4107`) or a word of text in capitals.
                    let form_code = u.words.get(k + 1).is_some_and(|n| {
                        matches!(n.kind, WordKind::Number | WordKind::Code)
                            && text
                                .get(w.span.end as usize..n.span.start as usize)
                                .is_some_and(|g| g == " " || g == "\u{a0}" || g == "-")
                    });
                    let reportable = unit_reportable
                        && !allowed
                        && !form_code
                        && !next_to_capitals(text, &u.words, k, a.lang)
                        && !cx.settings.is_allowed(host)
                        && (lexicon
                            || allow_list(a.lang).contains_key(host)
                            || !looks_like_name(text, &u.words, k));
                    uses.push(Use {
                        block: bi,
                        span,
                        acronym: host.to_string(),
                        lang: a.lang,
                        reportable,
                    });
                }
            }
        }
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for (i, u) in uses.iter().enumerate() {
            if !u.reportable || seen.insert(u.acronym.as_str(), ()).is_some() {
                continue;
            }
            let def = defined.get(&u.acronym).copied();
            if def.is_some_and(|d| d <= i) {
                continue;
            }
            let lang = u.lang;
            let acronym = u.acronym.as_str();
            let plain = allow_list(lang)
                .get(acronym)
                .copied()
                .filter(|p| !p.is_empty());
            let expansion = lexdata::lang_data(lang)
                .acronym(acronym)
                .map(clean_expansion)
                .filter(|e| !e.is_empty());
            let (message, fixes) = if def.is_some() {
                (
                    msg(
                        lang,
                        "undefined-abbreviation.defined-later",
                        &[("acronym", &acronym)],
                    ),
                    Vec::new(),
                )
            } else if let (true, Some(p)) = (easy, plain) {
                (
                    msg(
                        lang,
                        "undefined-abbreviation.acronym-plain",
                        &[("acronym", &acronym), ("plain", &p)],
                    ),
                    vec![Fix {
                        label: msg(lang, "undefined-abbreviation.fix-write", &[("full", &p)]),
                        edits: vec![Edit {
                            span: u.span,
                            replacement: p.to_string(),
                        }],
                    }],
                )
            } else if let Some(e) = expansion {
                let full = format!("{e} ({acronym})");
                (
                    msg(
                        lang,
                        "undefined-abbreviation.acronym",
                        &[("acronym", &acronym), ("full", &full)],
                    ),
                    vec![Fix {
                        label: msg(lang, "undefined-abbreviation.fix-write", &[("full", &full)]),
                        edits: vec![Edit {
                            span: u.span,
                            replacement: full.clone(),
                        }],
                    }],
                )
            } else {
                (
                    msg(
                        lang,
                        "undefined-abbreviation.acronym-unknown",
                        &[("acronym", &acronym)],
                    ),
                    Vec::new(),
                )
            };
            out.push(Finding {
                rule: ID.into(),
                severity: Severity::Warning,
                block: Some(u.block),
                span: u.span,
                message,
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
    use plainly_text::document::{Origin, Source, SourceMap};
    use plainly_text::{Block, Document, analyze_block};

    fn check(blocks: &[(BlockKind, &str)], lang: Lang, audience: Audience) -> Vec<Finding> {
        let doc = Document {
            format: "txt".into(),
            blocks: blocks
                .iter()
                .map(|(k, t)| {
                    let mut b = Block::new(
                        *k,
                        *t,
                        Origin {
                            source: 0,
                            map: SourceMap::identity(0, t.len()),
                            place: Default::default(),
                        },
                    );
                    b.lang = Some(lang);
                    b
                })
                .collect(),
            sources: vec![Source {
                name: String::new(),
                text: String::new(),
            }],
            declared_lang: Some(lang),
        };
        let analyses: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| analyze_block(&b.text, b.kind, lang))
            .collect();
        let settings = Settings::with_audience(audience);
        let mut out = Vec::new();
        for (i, (b, a)) in doc.blocks.iter().zip(&analyses).enumerate() {
            let lexicon = crate::lexicon::Compiled::builtin();
            let cx = BlockContext::new(i, b, a, &settings, &lexicon);
            UndefinedAbbreviation.check_block(&cx, &mut out);
        }
        let dcx = DocContext {
            doc: &doc,
            analyses: &analyses,
            settings: &settings,
            lexicon: &crate::lexicon::Compiled::builtin(),
            lang,
        };
        UndefinedAbbreviation.check_document(&dcx, &mut out);
        out
    }

    fn para(t: &str) -> (BlockKind, &str) {
        (BlockKind::Paragraph, t)
    }

    #[test]
    fn acronym_fix_writes_it_out() {
        let f = check(
            &[para("Contactez le CPAS de votre commune.")],
            Lang::Fr,
            Audience::Standard,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].fixes[0].edits[0].replacement,
            "centre public d'action sociale (CPAS)"
        );
        let f = check(&[para("Contact the PCSW.")], Lang::En, Audience::Standard);
        assert_eq!(
            f[0].fixes[0].edits[0].replacement,
            "Public Centre for Social Welfare (PCSW)"
        );
    }

    #[test]
    fn explained_once_is_enough() {
        let f = check(
            &[
                para("L'Office national de l'emploi (ONEM) a reçu votre demande."),
                para("L'ONEM vous répondra. L'ONEM paie."),
            ],
            Lang::Fr,
            Audience::Standard,
        );
        assert!(f.is_empty(), "{f:?}");
        let f = check(
            &[para(
                "Het OCMW (openbaar centrum voor maatschappelijk welzijn) helpt u.",
            )],
            Lang::Nl,
            Audience::Standard,
        );
        assert!(f.is_empty(), "{f:?}");
        let f = check(
            &[
                (BlockKind::Heading(2), "Afkortingen"),
                (
                    BlockKind::ListItem,
                    "RVA: Rijksdienst voor Arbeidsvoorziening",
                ),
                para("De RVA betaalt."),
            ],
            Lang::Nl,
            Audience::Standard,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn first_use_only_and_defined_later() {
        let f = check(
            &[
                para("La BCSS nous a écrit. La BCSS confirme."),
                para("La Banque-Carrefour de la Sécurité sociale (BCSS) gère les données."),
            ],
            Lang::Fr,
            Audience::Standard,
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].fixes.is_empty());
    }

    #[test]
    fn names_and_letterheads_are_not_acronyms() {
        let f = check(
            &[
                para("Madame Sophie LEROY\nRue des Tilleuls 45\n6001 Marcinelle"),
                para("Madame LEROY a signé. Nous avons vu Jean LEROY et LEROY Anne."),
            ],
            Lang::Fr,
            Audience::Standard,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn abbreviation_fixes() {
        let f = check(
            &[para("Joignez p. ex. une fiche de paie.")],
            Lang::Fr,
            Audience::Standard,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "par exemple");
        let text = "Stuur bv. uw loonfiche.";
        let f = check(&[para(text)], Lang::Nl, Audience::Standard);
        assert_eq!(f[0].span.slice(text), "bv.");
        assert_eq!(f[0].fixes[0].edits[0].replacement, "bijvoorbeeld");
        let f = check(&[para("Bv. uw loonfiche.")], Lang::Nl, Audience::EasyToRead);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Bijvoorbeeld");
        assert_eq!(f[0].severity, Severity::Warning);
        let f = check(&[para("Cf. la note.")], Lang::Fr, Audience::Standard);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "Voir");
        let f = check(
            &[para("M. Dupont et Mme Martin lisent l'art. 5, etc.")],
            Lang::Fr,
            Audience::Standard,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn easy_to_read_drops_the_allowlist() {
        let f = check(
            &[para("Le montant est de 50 EUR.")],
            Lang::Fr,
            Audience::EasyToRead,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].replacement, "euros");
        assert!(
            check(
                &[para("Le montant est de 50 EUR.")],
                Lang::Fr,
                Audience::Standard
            )
            .is_empty()
        );
    }
}
