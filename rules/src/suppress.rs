//! Inline suppressions: drop the findings that directives in the source switch off.

use crate::finding::Finding;
use plainly_text::{Directive, DirectiveKind, Document, LineIndex};

fn names(rules: &[String], rule: &str) -> bool {
    rules.is_empty() || rules.iter().any(|r| r == rule)
}

/// Is `rule` switched off at 0-based `line` of the first source?
fn suppressed_at(directives: &[Directive], rule: &str, line: u32, lines_with_text: &[u32]) -> bool {
    let mut off = false;
    for d in directives {
        match d.kind {
            DirectiveKind::DisableFile if names(&d.rules, rule) => return true,
            DirectiveKind::Disable if d.line <= line && names(&d.rules, rule) => off = true,
            DirectiveKind::Enable if d.line <= line && names(&d.rules, rule) => off = false,
            DirectiveKind::DisableNextLine if names(&d.rules, rule) => {
                // The next line with text after the directive.
                let next = lines_with_text
                    .iter()
                    .find(|l| **l > d.line)
                    .copied()
                    .unwrap_or(d.line + 1);
                if next == line {
                    return true;
                }
            }
            _ => {}
        }
    }
    off
}

/// Remove suppressed findings; returns how many were removed. Block findings are judged
/// by the line where they start (in the document's first source); whole-document
/// findings only by `plainly-disable-file` or a `plainly-disable` never re-enabled.
pub fn apply(findings: &mut Vec<Finding>, doc: &Document, directives: &[Directive]) -> usize {
    if directives.is_empty() {
        return 0;
    }
    let text = doc.sources.first().map(|s| s.text.as_str()).unwrap_or("");
    let index = LineIndex::new(text);
    let lines_with_text: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && plainly_text::directive::parse(l).is_none())
        .filter(|(_, l)| !l.trim_start().starts_with("<!--"))
        .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    let before = findings.len();
    findings.retain(|f| {
        let line = match f.block.and_then(|i| doc.blocks.get(i)) {
            Some(b) if b.origin.source == 0 => {
                index.line_of(b.origin.map.to_source(f.span.start as usize))
            }
            Some(_) => return true,
            None => u32::MAX,
        };
        !suppressed_at(directives, &f.rule, line, &lines_with_text)
    });
    before - findings.len()
}
