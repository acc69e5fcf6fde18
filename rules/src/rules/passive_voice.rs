//! `passive-voice`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct PassiveVoice;

static DOC: RuleDoc = RuleDoc {
    id: "passive-voice",
    family: Family::Verbs,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "",
    why: "",
    examples: &[],
};

impl Rule for PassiveVoice {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
