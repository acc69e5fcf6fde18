//! Every example in every rule's documentation runs here: the rule must fire on the
//! examples marked `triggers` and stay silent on the others.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::{Engine, Settings};
use plainly_text::Document;

#[test]
fn rule_examples() {
    let engine = Engine::default();
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in engine.rules() {
        let doc = rule.doc();
        assert!(!doc.examples.is_empty(), "{} has no examples", doc.id);
        for ex in doc.examples {
            let document = Document::paragraph(ex.text, ex.lang);
            let report = engine.check(&document, &Settings::with_audience(ex.audience), ex.lang);
            let fired = report.findings.iter().any(|f| f.rule == doc.id);
            ran += 1;
            if fired != ex.triggers {
                failures.push(format!(
                    "{} [{} {:?}] expected {} on: {}",
                    doc.id,
                    ex.lang,
                    ex.audience,
                    if ex.triggers {
                        "a finding"
                    } else {
                        "no finding"
                    },
                    ex.text
                ));
            }
        }
    }
    println!("{ran} rule examples run");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
