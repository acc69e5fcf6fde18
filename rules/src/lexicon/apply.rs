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
    let mut out: Vec<Fix> = Vec::new();
    for alt in &found.entry.entry.alternatives {
        let alt = alt.trim();
        if alt.is_empty() || is_pattern(alt) {
            continue;
        }
        let fix = if alt == REMOVE || alt == "-" || alt == "–" {
            Fix {
                label: msg(lang, &format!("{rule}.remove"), &[("term", &term)]),
                edits: vec![removal(text, found.span, start)],
            }
        } else {
            let replacement = if capital {
                capitalize(alt)
            } else {
                alt.to_string()
            };
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
    if let Some(alts) = alternatives_text(rule, lang, &e.alternatives) {
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
    let lex = super::active();
    let found = lex.find(lang, text, filter(cats, rule, cx.settings));
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
    fn quotations() {
        let t = "Il écrit « suite à » et \"ledit\".";
        let q = quoted_ranges(t);
        assert_eq!(q.len(), 2);
    }
}
