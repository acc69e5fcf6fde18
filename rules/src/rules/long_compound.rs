//! `long-compound`: PLACEHOLDER — to be written (see PLAIN-LANGUAGE-RULES.md).

use crate::finding::Severity;
use crate::rule::{Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct LongCompound;

static DOC: RuleDoc = RuleDoc {
    id: "long-compound",
    family: Family::Words,
    default_severity: Severity::Info,
    langs: &[Lang::Nl, Lang::De],
    what: "",
    why: "",
    examples: &[],
};

impl Rule for LongCompound {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }
}
