//! `jargon`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct Jargon;

static DOC: RuleDoc = RuleDoc {
    id: "jargon",
    family: Family::Words,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for Jargon {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
