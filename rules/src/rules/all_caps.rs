//! `all-caps`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct AllCaps;

static DOC: RuleDoc = RuleDoc {
    id: "all-caps",
    family: Family::Reader,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for AllCaps {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
