//! Helpers of the rules' unit tests.

use super::util::{Tok, tokens};
use crate::{Engine, Settings};
use plainly_text::{BlockKind, Document, Lang, analyze_block};

/// The examples of rule `id` that fail (as `rules/tests/rule_examples.rs` runs them):
/// each rule's tests call this, so a rule's examples are checked even while another
/// rule is unfinished.
pub fn example_failures(id: &str) -> Vec<String> {
    let engine = Engine::default();
    let Some(rule) = engine.rule(id) else {
        return vec![format!("no rule {id}")];
    };
    let mut failures = Vec::new();
    for ex in rule.doc().examples {
        let document = Document::paragraph(ex.text, ex.lang);
        let report = engine.check(&document, &Settings::with_audience(ex.audience), ex.lang);
        let fired: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule == id)
            .map(|f| format!("{:?}: {}", f.severity, f.message))
            .collect();
        if fired.is_empty() == ex.triggers {
            failures.push(format!(
                "[{} {:?}] expected {}: {} {:?}",
                ex.lang,
                ex.audience,
                if ex.triggers { "a finding" } else { "none" },
                ex.text,
                fired
            ));
        }
    }
    failures
}

/// Every example of rule `id` passes.
pub fn assert_examples(id: &str) {
    assert_eq!(example_failures(id), Vec::<String>::new());
}

/// The tokens of the first unit of `text`, read as one paragraph.
pub fn first_unit_tokens(text: &str, lang: Lang) -> Vec<Tok<'_>> {
    let a = analyze_block(text, BlockKind::Paragraph, lang);
    tokens(text, &a.units[0], lang)
}
