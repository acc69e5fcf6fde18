//! `number-format`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct NumberFormat;

static DOC: RuleDoc = RuleDoc {
    id: "number-format",
    family: Family::Numbers,
    default_severity: Severity::Hint,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for NumberFormat {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
