//! `verb-distance`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct VerbDistance;

static DOC: RuleDoc = RuleDoc {
    id: "verb-distance",
    family: Family::Sentences,
    default_severity: Severity::Info,
    langs: &[Lang::Nl, Lang::De],
    what: "",
    why: "",
    examples: &[],
};

impl Rule for VerbDistance {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
