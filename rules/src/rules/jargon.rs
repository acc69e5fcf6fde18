//! `jargon`: technical terms of the domain (lexicon categories `jargon` and `keep`) used
//! without an explanation at their first use in the document. Once a term is explained,
//! later uses are fine; each term is reported once, at its first use.

use super::util::standard_example as ex;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::lexicon::Category;
use crate::lexicon::apply::{
    allowed, alternatives_text, display_term, filter, fixes, inside, jargon_severity,
    quoted_ranges, skipped_block,
};
use crate::lexicon::fold::{fold_str, is_word_char};
use crate::messages::msg;
use crate::rule::{DocContext, Family, Rule, RuleDoc};
use plainly_text::{BlockAnalysis, BlockKind, Lang, Span};
use std::collections::HashSet;

#[derive(Debug)]
pub struct Jargon;

const ID: &str = "jargon";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "Technical and legal terms of the domain (lexicon categories `jargon` and `keep`) \
           used without an explanation at their first use in the document. A term counts as \
           explained when a parenthesis or a colon follows it, or when the same or the next \
           sentence says what it means (c'est-à-dire, dat wil zeggen, das heißt, which \
           means…). Info in the standard profile, Warning for easy-to-read.",
    why: "The reader cannot act on a decision whose key word they do not understand.",
    examples: &[
        ex(Lang::Fr, "Vous êtes considéré comme cohabitant.", true),
        ex(
            Lang::Fr,
            "Vous êtes cohabitant : vous vivez avec une personne qui a des revenus.",
            false,
        ),
        ex(
            Lang::Nl,
            "Het onverschuldigd betaalde bedrag wordt teruggevorderd.",
            true,
        ),
        ex(
            Lang::Nl,
            "U kreeg te veel geld. Dat noemen we een onverschuldigde betaling: u moet dat bedrag terugbetalen.",
            false,
        ),
        ex(
            Lang::De,
            "Sie haben Anspruch auf Eingliederungseinkommen.",
            true,
        ),
        ex(
            Lang::De,
            "Sie haben Anspruch auf Eingliederungseinkommen (das ist Geld für Menschen ohne genug Einkommen).",
            false,
        ),
        ex(Lang::En, "You are considered a cohabitant.", true),
        ex(
            Lang::En,
            "You are a cohabitant: you live with someone who has an income.",
            false,
        ),
    ],
};

/// Phrases that introduce an explanation (PLAIN-LANGUAGE-RULES.md, `jargon`).
fn explanation_cues(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &[
            "c'est-à-dire",
            "cela signifie",
            "ça signifie",
            "cela veut dire",
            "ça veut dire",
            "ce qui veut dire",
            "ce qui signifie",
            "on appelle",
            "on parle de",
            "nous appelons",
            "autrement dit",
            "en d'autres mots",
            "en d'autres termes",
            "c'est quand",
            "c'est le fait de",
            "signifie que",
            "veut dire que",
        ],
        Lang::Nl => &[
            "dat wil zeggen",
            "d.w.z.",
            "dat betekent",
            "dit betekent",
            "wat betekent",
            "dat noemen we",
            "dit noemen we",
            "we noemen dat",
            "noemen we",
            "dat heet",
            "dit heet",
            "met andere woorden",
            "dat is",
            "dat zijn",
            "betekent dat",
        ],
        Lang::De => &[
            "das heißt",
            "d. h.",
            "d.h.",
            "das bedeutet",
            "dies bedeutet",
            "das nennen wir",
            "das nennt man",
            "man nennt",
            "mit anderen worten",
            "gemeint ist",
            "das ist",
            "das sind",
            "bedeutet, dass",
        ],
        Lang::En => &[
            "which means",
            "this means",
            "that means",
            "this is called",
            "that is called",
            "we call",
            "is called",
            "that is,",
            "i.e.",
            "in other words",
            "meaning",
            "means that",
        ],
    }
}

/// True when `pat` occurs in `hay` (both folded) at word boundaries.
fn contains_phrase(hay: &str, pat: &str) -> bool {
    if pat.is_empty() {
        return false;
    }
    hay.match_indices(pat).any(|(i, _)| {
        let before = hay.get(..i).and_then(|s| s.chars().next_back());
        let after = hay.get(i + pat.len()..).and_then(|s| s.chars().next());
        let edge_ok = |c: Option<char>, edge: Option<char>| {
            !(edge.is_some_and(is_word_char) && c.is_some_and(is_word_char))
        };
        edge_ok(before, pat.chars().next()) && edge_ok(after, pat.chars().next_back())
    })
}

fn has_cue(text: &str, lang: Lang) -> bool {
    let f = fold_str(text, false);
    explanation_cues(lang)
        .iter()
        .any(|c| contains_phrase(&f, &fold_str(c, false)))
}

/// True when the term at `span` is explained where it stands: a parenthesis or colon right
/// after it (or a parenthesis around it), or an explanation cue in its sentence or the next.
fn explained(text: &str, analysis: &BlockAnalysis, span: Span, lang: Lang) -> bool {
    let after = text.get(span.end as usize..).unwrap_or("");
    let after = after
        .trim_start_matches(['»', '”', '"', '\'', '’'])
        .trim_start();
    if after.starts_with(['(', ':', '–', '—', '[']) {
        return true;
    }
    let before = text.get(..span.start as usize).unwrap_or("").trim_end();
    if before.ends_with('(') {
        return true;
    }
    let units = &analysis.units;
    let Some(k) = units
        .iter()
        .position(|u| u.unit.span.start <= span.start && span.start < u.unit.span.end)
    else {
        return has_cue(text, lang);
    };
    units
        .get(k)
        .is_some_and(|u| has_cue(u.unit.span.slice(text), lang))
        || units
            .get(k + 1)
            .is_some_and(|u| has_cue(u.unit.span.slice(text), lang))
}

impl Rule for Jargon {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let cats = [Category::Jargon, Category::Keep];
        let mut seen: HashSet<(Lang, &str)> = HashSet::new();
        for (index, (block, analysis)) in cx.doc.blocks.iter().zip(cx.analyses).enumerate() {
            if skipped_block(block.kind)
                || matches!(
                    block.kind,
                    BlockKind::Heading(_) | BlockKind::Header | BlockKind::Footer
                )
            {
                continue;
            }
            let text = block.text.as_str();
            let lang = analysis.lang;
            let found = cx.lexicon.find(lang, text, filter(&cats, ID, cx.settings));
            if found.is_empty() {
                continue;
            }
            let quotes = quoted_ranges(text);
            for f in &found {
                if !seen.insert((lang, f.entry.entry.id.as_str())) {
                    continue;
                }
                if inside(&quotes, f.span)
                    || allowed(cx.settings, f, text)
                    || explained(text, analysis, f.span, lang)
                {
                    continue;
                }
                let e = &f.entry.entry;
                let term = display_term(f.span.slice(text), f.entry);
                let explanation = e.explanation.trim();
                let (message, fixes) = if e.category == Category::Keep {
                    let add = explanation.trim_end_matches(['.', ' ']);
                    let fixes = if add.is_empty() {
                        Vec::new()
                    } else {
                        vec![Fix {
                            label: msg(lang, "jargon.add-explanation", &[]),
                            edits: vec![Edit {
                                span: Span::new(f.span.end as usize, f.span.end as usize),
                                replacement: format!(" ({add})"),
                            }],
                        }]
                    };
                    (
                        msg(
                            lang,
                            "jargon.keep",
                            &[("term", &term), ("explanation", &explanation)],
                        ),
                        fixes,
                    )
                } else {
                    let mut m = msg(
                        lang,
                        "jargon.unexplained",
                        &[("term", &term), ("explanation", &explanation)],
                    );
                    if let Some(alts) = alternatives_text(ID, lang, &e.alternatives) {
                        m.push(' ');
                        m.push_str(&msg(lang, "jargon.instead", &[("alternatives", &alts)]));
                    }
                    (m, fixes(ID, lang, text, analysis, f))
                };
                out.push(Finding {
                    rule: ID.into(),
                    severity: jargon_severity(f.entry, cx.settings.audience),
                    block: Some(index),
                    span: f.span,
                    message,
                    fixes,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn cues_at_word_boundaries() {
        assert!(has_cue(
            "Dat noemen we een onverschuldigde betaling",
            Lang::Nl
        ));
        assert!(has_cue("C'est-à-dire que vous vivez seul.", Lang::Fr));
        assert!(!has_cue("Vous êtes considéré comme cohabitant.", Lang::Fr));
        assert!(!contains_phrase("thisis called", "is called"));
    }
}
