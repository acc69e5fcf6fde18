//! What the lexicon rules share: which entries a rule uses, the places where a match is
//! not reported (quotations, allowed terms, legal references), fixes built from
//! alternatives and the findings' messages.

use super::fold::fold_str;
use super::{Category, Filter, Found, LexEntry};
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::settings::{Audience, Settings};
use plainly_text::{BlockAnalysis, BlockKind, Lang, Span};
use std::ops::Range;

/// Alternative meaning "leave the phrase out".
pub(crate) const REMOVE: &str = "—";

/// The entries the rule `rule` uses: its categories, accepted (and proposed when the
/// rule's setting `proposed = 1` asks for them), never rejected.
pub(crate) fn filter(cats: &[Category], rule: &str, settings: &Settings) -> Filter {
    Filter::new(cats, settings.threshold(rule, "proposed", 0.0) >= 1.0)
}

/// Blocks the lexicon rules never look at: quotations, addresses, sender blocks.
pub(crate) fn skipped_block(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Quote | BlockKind::Address | BlockKind::Sender
    )
}

/// True when the writer's project allows the matched phrase or the entry.
pub(crate) fn allowed(settings: &Settings, found: &Found<'_>, text: &str) -> bool {
    if settings.allowed.is_empty() {
        return false;
    }
    let e = &found.entry.entry;
    let matched = fold_str(found.span.slice(text), false);
    settings.allowed.iter().any(|a| {
        let a = fold_str(a, false);
        !a.is_empty()
            && (a == matched
                || a == fold_str(&e.id, false)
                || e.forms.iter().any(|f| fold_str(f, false) == a))
    })
}

/// Byte ranges of quotations in `text` (« … », “ … ”, „ … “, " … "): a fix never changes a
/// quoted text.
pub(crate) fn quoted_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match open {
            None => {
                let close = match c {
                    '«' => '»',
                    '“' => '”',
                    '„' => '“',
                    '"' => '"',
                    _ => continue,
                };
                open = Some((i, close));
            }
            Some((start, close)) => {
                if c == close {
                    out.push(start..i + c.len_utf8());
                    open = None;
                }
            }
        }
    }
    out
}

pub(crate) fn inside(ranges: &[Range<usize>], span: Span) -> bool {
    ranges
        .iter()
        .any(|r| r.start <= span.start as usize && span.end as usize <= r.end)
}

/// Words that start a legal reference (`gemäß Artikel 5`, `conformément à l'article 3`):
/// such a phrase belongs to the reference, which `legal-reference` handles.
const LEGAL_WORDS: &[&str] = &[
    "art",
    "article",
    "articles",
    "artikel",
    "artikels",
    "artikelen",
    "alinea",
    "alineas",
    "paragraphe",
    "lid",
    "absatz",
    "abs",
    "section",
    "sections",
    "paragraph",
    "chapitre",
    "hoofdstuk",
    "kapitel",
    "chapter",
    "§",
];
const DETERMINERS: &[&str] = &[
    "l'", "le", "la", "les", "de", "du", "des", "het", "van", "der", "dem", "den", "the",
];

/// True when a legal reference follows `end` in `text`.
pub(crate) fn before_legal_reference(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = fold_str(rest.get(..rest.len().min(60)).unwrap_or(""), false);
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',' || c == '\'')
        .filter(|w| !w.is_empty());
    let Some(mut first) = words.next() else {
        return false;
    };
    if first.starts_with('§') {
        return true;
    }
    if first == "l" || first == "d" || DETERMINERS.contains(&first) {
        first = words.next().unwrap_or("");
    }
    LEGAL_WORDS.contains(&first) || first.starts_with('§')
}

/// True when `span` starts a sentence (or list item) of the block: nothing but punctuation
/// and spaces between the unit's start and the span.
pub(crate) fn starts_sentence(analysis: &BlockAnalysis, text: &str, span: Span) -> bool {
    analysis.units.iter().any(|u| {
        u.unit.span.start <= span.start
            && span.start < u.unit.span.end.max(u.unit.span.start + 1)
            && text
                .get(u.unit.span.start as usize..span.start as usize)
                .is_some_and(|p| !p.chars().any(char::is_alphanumeric))
    })
}

/// An alternative a writer adapts by hand (`si … ne … pas`, `avant le [date]`,
/// `(nommer la chose)`): shown in the message, never applied as a one-click fix.
pub(crate) fn is_pattern(alt: &str) -> bool {
    alt.contains('…') || alt.contains("...") || alt.contains('[') || alt.starts_with('(')
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The phrase as the message shows it: white space runs made one space; when the match
/// crosses a line break or a soft hyphen, the entry's own form (end-of-line hyphenation
/// cannot be told from a real hyphen), with the capital of the text.
pub(crate) fn display_term(matched: &str, entry: &LexEntry) -> String {
    if matched.contains(['\n', '\r', '\u{ad}']) {
        let key = fold_str(matched, entry.entry.accent_sensitive);
        if let Some(form) = entry.entry.forms.iter().find(|f| {
            let a = entry.entry.accent_sensitive;
            fold_str(f, a) == key || fold_str(&f.replace('-', ""), a) == key
        }) {
            return if matched.chars().next().is_some_and(char::is_uppercase) {
                capitalize(form)
            } else {
                form.clone()
            };
        }
    }
    matched.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The edit that removes the phrase at `span` and tidies spaces and commas around it.
pub(crate) fn removal(text: &str, span: Span, sentence_start: bool) -> Edit {
    let (s, e) = (span.start as usize, span.end as usize);
    let before = text.get(..s).unwrap_or("");
    let after = text.get(e..).unwrap_or("");
    if sentence_start {
        // Remove the phrase, a following comma and the spaces; capitalise the next word.
        let rest = after.trim_start_matches([',', ';', ':']);
        let rest = rest.trim_start();
        let cut = text.len() - rest.len();
        if let Some(c) = rest.chars().next().filter(|c| c.is_lowercase()) {
            return Edit {
                span: Span::new(s, cut + c.len_utf8()),
                replacement: c.to_uppercase().collect(),
            };
        }
        return Edit {
            span: Span::new(s, cut),
            replacement: String::new(),
        };
    }
    let lead = before.trim_end();
    let trail = after.trim_start();
    if lead.ends_with(',') && trail.starts_with(',') {
        // "informons, par la présente, que" → "informons que"
        let from = lead.len() - 1;
        let to = text.len() - trail.len() + 1;
        return Edit {
            span: Span::new(from, to),
            replacement: String::new(),
        };
    }
    if lead.len() < before.len() {
        Edit {
            span: Span::new(lead.len(), e),
            replacement: String::new(),
        }
    } else {
        Edit {
            span: Span::new(s, text.len() - trail.len()),
            replacement: String::new(),
        }
    }
}

/// French words a phrase may end with that fix the article of the next word: `en vertu du
/// contrat` needs `selon le`, `en vertu des règles` `selon les`, `en vertu de la loi` and
/// `en vertu d'une loi` plain `selon`. Each with the last words an alternative may end with.
const FR_TAILS: &[(&str, &[&str])] = &[
    ("du", &["le", "du"]),
    ("des", &["les", "des"]),
    ("au", &["le", "au"]),
    ("aux", &["les", "aux"]),
];
/// Last words that carry an article (an alternative ending so fits only a tail above).
const FR_ARTICLE_ENDS: &[&str] = &["le", "la", "les", "du", "des", "au", "aux"];
/// `ledit` and its forms; after `de` (`de ladite`), or contracted with it (`dudit`), an
/// alternative starts with `de` too (`de ce`); without it, an alternative does not.
const FR_LEDIT: &[&str] = &["ledit", "ladite", "lesdits", "lesdites"];
const FR_DE_LEDIT: &[&str] = &["dudit", "desdits", "desdites"];

/// First, second and last words of `s`, folded for case only (`dès` is not `des`; `d'`
/// keeps its apostrophe).
fn edge_words(s: &str) -> (String, String, String) {
    let folded = fold_str(s, true);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let last = match words.as_slice() {
        [.., a, "'"] => format!("{a}'"),
        [.., a] => (*a).to_string(),
        [] => String::new(),
    };
    let first = words.first().copied().unwrap_or_default().to_string();
    let second = words.get(1).copied().unwrap_or_default().to_string();
    (first, second, last)
}

/// True when alternative `alt` fits the matched phrase in French: the same contracted
/// article at the end (`en vertu du` → `selon le`), the same `de` before `ledit`
/// (`dudit` → `de ce`).
fn fits_fr(matched: &str, alt: &str) -> bool {
    let (m_first, m_second, m_last) = edge_words(matched);
    let (a_first, _, a_last) = edge_words(alt);
    let tail_ok = match FR_TAILS.iter().find(|(t, _)| *t == m_last) {
        Some((_, ends)) => ends.contains(&a_last.as_str()),
        None if ["de", "d'", "a\u{300}"].contains(&m_last.as_str()) => {
            !FR_ARTICLE_ENDS.contains(&a_last.as_str())
        }
        None => true,
    };
    let head_ok = if FR_DE_LEDIT.contains(&m_first.as_str())
        || (m_first == "de" && FR_LEDIT.contains(&m_second.as_str()))
    {
        a_first == "de"
    } else if FR_LEDIT.contains(&m_first.as_str()) {
        a_first != "de"
    } else {
        true
    };
    tail_ok && head_ok
}

/// The alternatives to offer for `matched`: in French, those that fit its contracted
/// articles (see [`fits_fr`]) when some do; otherwise all of them.
pub(crate) fn fitting_alternatives<'a>(
    lang: Lang,
    matched: &str,
    alts: &'a [String],
) -> Vec<&'a str> {
    let all: Vec<&str> = alts.iter().map(|a| a.trim()).collect();
    if lang != Lang::Fr {
        return all;
    }
    let fit: Vec<&str> = all
        .iter()
        .copied()
        .filter(|a| *a == REMOVE || is_pattern(a) || fits_fr(matched, a))
        .collect();
    if fit.iter().any(|a| *a != REMOVE && !is_pattern(a)) {
        fit
    } else {
        all
    }
}

/// One fix per alternative that can be applied as is.
pub(crate) fn fixes(
    rule: &str,
    lang: Lang,
    text: &str,
    analysis: &BlockAnalysis,
    found: &Found<'_>,
) -> Vec<Fix> {
    let matched = found.span.slice(text);
    let term = display_term(matched, found.entry);
    let start = starts_sentence(analysis, text, found.span);
    let capital = start && matched.chars().next().is_some_and(char::is_uppercase);
    // A phrase ending with an elided word (`en vertu d'`) leaves no space before the next.
    let elided = matched.ends_with(['\'', '\u{2019}']);
    let mut out: Vec<Fix> = Vec::new();
    for alt in fitting_alternatives(lang, matched, &found.entry.entry.alternatives) {
        if alt.is_empty() || is_pattern(alt) {
            continue;
        }
        let fix = if alt == REMOVE || alt == "-" || alt == "–" {
            Fix {
                label: msg(lang, &format!("{rule}.remove"), &[("term", &term)]),
                edits: vec![removal(text, found.span, start)],
            }
        } else {
            let mut replacement = if capital {
                capitalize(alt)
            } else {
                alt.to_string()
            };
            if elided && !alt.ends_with(['\'', '\u{2019}']) {
                replacement.push(' ');
            }
            Fix {
                label: msg(
                    lang,
                    &format!("{rule}.replace"),
                    &[("alternative", &replacement)],
                ),
                edits: vec![Edit {
                    span: found.span,
                    replacement,
                }],
            }
        };
        if !out.iter().any(|f| f.edits == fix.edits) {
            out.push(fix);
        }
    }
    out
}

/// `« a » ou « b »` in the block's language.
pub(crate) fn alternatives_text(rule: &str, lang: Lang, alts: &[String]) -> Option<String> {
    let quoted: Vec<String> = alts
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty() && *a != REMOVE)
        .map(|a| msg(lang, &format!("{rule}.quote"), &[("text", &a)]))
        .collect();
    if quoted.is_empty() {
        return None;
    }
    Some(quoted.join(&msg(lang, &format!("{rule}.or"), &[])))
}

/// The message of a phrase finding: the term, the entry's explanation, the alternatives.
pub(crate) fn phrase_message(rule: &str, lang: Lang, term: &str, entry: &LexEntry) -> String {
    let e = &entry.entry;
    let mut m = msg(
        lang,
        &format!("{rule}.found"),
        &[("term", &term), ("explanation", &e.explanation.trim())],
    );
    let fit: Vec<String> = fitting_alternatives(lang, term, &e.alternatives)
        .into_iter()
        .map(String::from)
        .collect();
    if let Some(alts) = alternatives_text(rule, lang, &fit) {
        m.push(' ');
        m.push_str(&msg(
            lang,
            &format!("{rule}.instead"),
            &[("alternatives", &alts)],
        ));
    } else if e.alternatives.iter().any(|a| a.trim() == REMOVE) {
        m.push(' ');
        m.push_str(&msg(lang, &format!("{rule}.leave-out"), &[]));
    }
    m
}

/// Findings of a phrase rule (`admin-cliche`, `latin-phrase`) on one block.
pub(crate) fn phrase_findings(
    rule: &'static str,
    cats: &[Category],
    cx: &crate::rule::BlockContext<'_>,
    skip_legal_references: bool,
    out: &mut Vec<Finding>,
) {
    if skipped_block(cx.block.kind) {
        return;
    }
    let text = cx.text();
    let lang = cx.lang();
    let found = cx.lexicon.find(lang, text, filter(cats, rule, cx.settings));
    if found.is_empty() {
        return;
    }
    let quotes = quoted_ranges(text);
    for f in &found {
        if inside(&quotes, f.span)
            || allowed(cx.settings, f, text)
            || (skip_legal_references && before_legal_reference(text, f.span.end as usize))
        {
            continue;
        }
        let term = display_term(f.span.slice(text), f.entry);
        out.push(Finding {
            rule: rule.into(),
            severity: f.entry.entry.severity.min(Severity::Error),
            block: Some(cx.index),
            span: f.span,
            message: phrase_message(rule, lang, &term, f.entry),
            fixes: fixes(rule, lang, text, cx.analysis, f),
        });
    }
}

/// Severity of a `jargon` finding: the entry's, at least `Warning` for easy-to-read.
pub(crate) fn jargon_severity(entry: &LexEntry, audience: Audience) -> Severity {
    let s = entry.entry.severity.min(Severity::Error);
    match audience {
        Audience::Standard => s,
        Audience::EasyToRead => s.max(Severity::Warning),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn apply(text: &str, e: &Edit) -> String {
        let mut t = text.to_string();
        t.replace_range(e.span.range(), &e.replacement);
        t
    }

    #[test]
    fn removal_tidies_spaces_and_commas() {
        let t = "Par la présente, nous confirmons.";
        assert_eq!(
            apply(t, &removal(t, Span::new(0, 16), true)),
            "Nous confirmons."
        );
        let t = "Nous vous informons, par la présente, que";
        let s = t.find("par").unwrap();
        let e = removal(t, Span::new(s, s + "par la présente".len()), false);
        assert_eq!(apply(t, &e), "Nous vous informons que");
        let t = "we hereby confirm";
        let e = removal(t, Span::new(3, 9), false);
        assert_eq!(apply(t, &e), "we confirm");
    }

    #[test]
    fn legal_reference_follows() {
        assert!(before_legal_reference(" Artikel 5 des Gesetzes", 0));
        assert!(before_legal_reference(" l'article 14", 0));
        assert!(before_legal_reference(" § 2", 0));
        assert!(!before_legal_reference(" Ihrem Antrag", 0));
    }

    #[test]
    fn french_alternatives_fit_contracted_articles() {
        let alts: Vec<String> = ["selon", "selon le", "selon les"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let fit = |m: &str| fitting_alternatives(Lang::Fr, m, &alts);
        assert_eq!(fit("en vertu de"), vec!["selon"]);
        assert_eq!(fit("En vertu d’"), vec!["selon"]);
        assert_eq!(fit("en vertu du"), vec!["selon le"]);
        assert_eq!(fit("en vertu des"), vec!["selon les"]);
        assert_eq!(fit("conformément aux"), vec!["selon les"]);
        // Other languages: every alternative.
        assert_eq!(fitting_alternatives(Lang::Nl, "de", &alts).len(), 3);
        let alts: Vec<String> = ["ce", "cette", "ces", "de ce", "de cette", "de ces"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let fit = |m: &str| fitting_alternatives(Lang::Fr, m, &alts);
        assert_eq!(fit("ladite"), vec!["ce", "cette", "ces"]);
        assert_eq!(fit("dudit"), vec!["de ce", "de cette", "de ces"]);
        assert_eq!(fit("de ladite"), vec!["de ce", "de cette", "de ces"]);
        // `du` as an alternative fits `en date du` (`votre lettre du 3 mars`).
        let alts: Vec<String> = ["du", "le"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            fitting_alternatives(Lang::Fr, "en date du", &alts),
            vec!["du", "le"]
        );
        // Nothing fits: every alternative rather than none.
        let alts = vec!["pour".to_string()];
        assert_eq!(
            fitting_alternatives(Lang::Fr, "aux fins du", &alts),
            vec!["pour"]
        );
    }

    #[test]
    fn quotations() {
        let t = "Il écrit « suite à » et \"ledit\".";
        let q = quoted_ranges(t);
        assert_eq!(q.len(), 2);
    }
}
