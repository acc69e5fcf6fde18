//! `subordinate-clauses`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct SubordinateClauses;

static DOC: RuleDoc = RuleDoc {
    id: "subordinate-clauses",
    family: Family::Sentences,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for SubordinateClauses {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
