//! The plain-language score: 0–100 per block and per document, with its breakdown.
//!
//! ```text
//! score = 0.35·readability + 0.25·vocabulary + 0.20·structure + 0.10·address + 0.10·layout
//! ```
//!
//! - **readability**: the language's gauge formula mapped linearly from a "hard" anchor
//!   (0) to an "easy" anchor (100), clamped: Kandel–Moles 30→80, Flesch–Douma 30→80,
//!   Amstad 30→75, Flesch 30→80. Each language on its own scale (READABILITY.md §4).
//! - the other four: `100 · exp(−p / k)`, where `p` is the severity-weighted number of
//!   findings of that family per 100 words (hint 0.25, info 0.5, warning 1, error 2,
//!   blocker 3; at least 50 words are assumed so one finding in a short note does not sink
//!   it) and `k` the family's tolerance: vocabulary 3, structure 4, address 2, layout 3.
//!
//! A rewrite that removes jargon or splits long sentences raises the score; so does
//! addressing the reader. The formula is a gauge for ranking and trends, never a verdict.

use crate::finding::{Finding, Severity};
use crate::readability::{Formula, Readability};
use plainly_text::Lang;
use serde::Serialize;

/// The parts of the score, each 0–100.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Breakdown {
    pub readability: f64,
    pub vocabulary: f64,
    pub structure: f64,
    pub address: f64,
    pub layout: f64,
}

/// The plain-language score with its breakdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PlainScore {
    pub value: f64,
    pub breakdown: Breakdown,
}

/// Which part of the score a rule's findings weigh on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Vocabulary,
    Structure,
    Address,
    Layout,
    /// Not counted (the readability formula is counted directly).
    None,
}

pub fn component(rule: &str) -> Component {
    match rule {
        "sentence-length"
        | "subordinate-clauses"
        | "verb-distance"
        | "inline-list"
        | "passive-voice"
        | "nominalisation"
        | "hedging"
        | "double-negation" => Component::Structure,
        "impersonal-address" => Component::Address,
        "paragraph-length" | "all-caps" | "numeric-date" | "too-many-numbers" | "number-format"
        | "legal-reference" => Component::Layout,
        "readability-score" => Component::None,
        r if r.starts_with("mention-") || r.starts_with("mandatory-") => Component::None,
        _ => Component::Vocabulary,
    }
}

fn weight(s: Severity) -> f64 {
    match s {
        Severity::Hint => 0.25,
        Severity::Info => 0.5,
        Severity::Warning => 1.0,
        Severity::Error => 2.0,
        Severity::Blocker => 3.0,
    }
}

/// The readability part: the gauge formula between its anchors.
pub fn readability_part(r: &Readability) -> f64 {
    let Some(main) = r.main() else {
        return 100.0;
    };
    let (hard, easy) = match (r.lang, main.formula) {
        (Lang::De, Formula::Amstad) => (30.0, 75.0),
        _ => (30.0, 80.0),
    };
    (100.0 * (main.value - hard) / (easy - hard)).clamp(0.0, 100.0)
}

/// Score from readability and the findings that concern the same text.
pub fn score<'a>(r: &Readability, findings: impl IntoIterator<Item = &'a Finding>) -> PlainScore {
    let mut p = [0.0f64; 4];
    for f in findings {
        let i = match component(&f.rule) {
            Component::Vocabulary => 0,
            Component::Structure => 1,
            Component::Address => 2,
            Component::Layout => 3,
            Component::None => continue,
        };
        p[i] += weight(f.severity);
    }
    let per100 = 100.0 / f64::from(r.counts.words.max(50));
    let part = |x: f64, k: f64| 100.0 * (-(x * per100) / k).exp();
    let b = Breakdown {
        readability: readability_part(r),
        vocabulary: part(p[0], 3.0),
        structure: part(p[1], 4.0),
        address: part(p[2], 2.0),
        layout: part(p[3], 3.0),
    };
    let value = 0.35 * b.readability
        + 0.25 * b.vocabulary
        + 0.20 * b.structure
        + 0.10 * b.address
        + 0.10 * b.layout;
    PlainScore {
        value: (value * 10.0).round() / 10.0,
        breakdown: Breakdown {
            readability: round1(b.readability),
            vocabulary: round1(b.vocabulary),
            structure: round1(b.structure),
            address: round1(b.address),
            layout: round1(b.layout),
        },
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
