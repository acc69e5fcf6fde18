//! `admin-cliche`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct AdminCliche;

static DOC: RuleDoc = RuleDoc {
    id: "admin-cliche",
    family: Family::Words,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for AdminCliche {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
