//! `legal-reference`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct LegalReference;

static DOC: RuleDoc = RuleDoc {
    id: "legal-reference",
    family: Family::Numbers,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for LegalReference {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
