//! `too-many-numbers`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct TooManyNumbers;

static DOC: RuleDoc = RuleDoc {
    id: "too-many-numbers",
    family: Family::Numbers,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for TooManyNumbers {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
