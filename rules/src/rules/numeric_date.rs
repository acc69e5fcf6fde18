//! `numeric-date`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct NumericDate;

static DOC: RuleDoc = RuleDoc {
    id: "numeric-date",
    family: Family::Numbers,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for NumericDate {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
