//! `double-negation`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct DoubleNegation;

static DOC: RuleDoc = RuleDoc {
    id: "double-negation",
    family: Family::Verbs,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for DoubleNegation {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
