//! The engine: analyse every block, run the rules, compute the scores.

use crate::finding::Finding;
use crate::readability::Readability;
use crate::rule::{BlockContext, DocContext, Rule};
use crate::rules;
use crate::score::{self, PlainScore};
use crate::settings::Settings;
use plainly_text::{BlockAnalysis, Counts, Document, Lang, analyze_block};
use serde::Serialize;

/// The rules to run.
pub struct Engine {
    rules: Vec<Box<dyn Rule>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("rules", &self.rules.iter().map(|r| r.id()).collect::<Vec<_>>())
            .finish()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            rules: rules::builtin(),
        }
    }
}

/// What checking one document gives.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The document's main language (the language of most of its words).
    pub lang: Lang,
    pub analyses: Vec<BlockAnalysis>,
    pub findings: Vec<Finding>,
    /// Readability of the document's prose in its main language.
    pub readability: Readability,
    /// The plain-language score of the whole document.
    pub score: PlainScore,
}

impl Report {
    /// Readability of one block.
    pub fn block_readability(&self, index: usize) -> Option<Readability> {
        let a = self.analyses.get(index)?;
        Some(Readability::new(a.lang, a.counts))
    }

    /// Plain-language score of one block, from its readability and its own findings.
    pub fn block_score(&self, index: usize) -> Option<PlainScore> {
        let r = self.block_readability(index)?;
        Some(score::score(
            &r,
            self.findings.iter().filter(|f| f.block == Some(index)),
        ))
    }

    /// Recompute the document score (after findings were filtered).
    pub fn rescore(&mut self) {
        self.score = score::score(&self.readability, &self.findings);
    }
}

impl Engine {
    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }

    /// Check a document whose blocks carry their languages (blocks without one take
    /// `fallback`).
    pub fn check(&self, doc: &Document, settings: &Settings, fallback: Lang) -> Report {
        let lang = doc.main_lang().unwrap_or(fallback);
        let analyses: Vec<BlockAnalysis> = doc
            .blocks
            .iter()
            .map(|b| analyze_block(&b.text, b.kind, b.lang.unwrap_or(lang)))
            .collect();
        let mut findings = Vec::new();
        let active: Vec<&dyn Rule> = self
            .rules
            .iter()
            .map(|r| r.as_ref())
            .filter(|r| settings.enabled(r.id()))
            .collect();
        for (index, (block, analysis)) in doc.blocks.iter().zip(&analyses).enumerate() {
            let cx = BlockContext {
                index,
                block,
                analysis,
                settings,
            };
            for rule in &active {
                rule.check_block(&cx, &mut findings);
            }
        }
        let dcx = DocContext {
            doc,
            analyses: &analyses,
            settings,
            lang,
        };
        for rule in &active {
            rule.check_document(&dcx, &mut findings);
        }
        for f in &mut findings {
            if let Some(sev) = settings.rules.get(&f.rule).and_then(|r| r.severity) {
                f.severity = sev;
            }
        }
        order_and_dedup(&mut findings);
        let mut counts = Counts::default();
        for a in analyses.iter().filter(|a| a.lang == lang) {
            counts.add(&a.counts);
        }
        let readability = Readability::new(lang, counts);
        let score = score::score(&readability, &findings);
        Report {
            lang,
            readability,
            score,
            analyses,
            findings,
        }
    }
}

/// Document order (document-level findings first), and one finding per rule and span.
pub fn order_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.block.map(|x| x + 1).unwrap_or(0), a.span.start, a.span.end, &a.rule)
            .cmp(&(b.block.map(|x| x + 1).unwrap_or(0), b.span.start, b.span.end, &b.rule))
            .then(b.severity.cmp(&a.severity))
    });
    findings.dedup_by(|b, a| a.block == b.block && a.span == b.span && a.rule == b.rule);
}
