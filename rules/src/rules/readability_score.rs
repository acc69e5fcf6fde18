//! `readability-score`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct ReadabilityScore;

static DOC: RuleDoc = RuleDoc {
    id: "readability-score",
    family: Family::Scores,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for ReadabilityScore {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
