//! JSON output, schema `plainly-check/1` (documented in docs/json-output.md).

use crate::load::Checked;
use crate::locate::{Location, Locator};
use plainly_rules::{Fix, PlainScore, Readability, Severity};
use plainly_text::Lang;
use serde::Serialize;

pub const SCHEMA: &str = "plainly-check/1";

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    plainly: &'static str,
    files: Vec<FileOut<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<Lang>,
    profile: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a PlainScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    readability: Option<&'a Readability>,
    /// Findings switched off by directives in the text.
    suppressed: usize,
    findings: Vec<FindingOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    /// Block index in the document (null for whole-document findings).
    block: Option<usize>,
    #[serde(flatten)]
    location: Location,
    #[serde(skip_serializing_if = "<[Fix]>::is_empty")]
    fixes: &'a [Fix],
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    failed: usize,
    findings: usize,
    by_severity: std::collections::BTreeMap<&'static str, usize>,
}

/// Serialise checked files as one JSON document.
pub fn render(files: &[Checked]) -> String {
    let mut summary = Summary {
        files: files.len(),
        ..Default::default()
    };
    let out: Vec<FileOut> = files
        .iter()
        .map(|c| {
            let path = c.path.display().to_string();
            match &c.outcome {
                Ok((doc, report)) => {
                    let loc = Locator::new(doc);
                    let findings: Vec<FindingOut> = report
                        .findings
                        .iter()
                        .map(|f| {
                            summary.findings += 1;
                            *summary.by_severity.entry(f.severity.name()).or_default() += 1;
                            FindingOut {
                                rule: &f.rule,
                                severity: f.severity,
                                message: &f.message,
                                block: f.block,
                                location: loc.locate(f),
                                fixes: &f.fixes,
                            }
                        })
                        .collect();
                    FileOut {
                        path,
                        format: Some(doc.format.as_str()),
                        language: Some(report.lang),
                        profile: &c.profile,
                        score: Some(&report.score),
                        readability: Some(&report.readability),
                        suppressed: c.suppressed,
                        findings,
                        error: None,
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    FileOut {
                        path,
                        format: None,
                        language: None,
                        profile: &c.profile,
                        score: None,
                        readability: None,
                        suppressed: 0,
                        findings: Vec::new(),
                        error: Some(e.to_string()),
                    }
                }
            }
        })
        .collect();
    let output = Output {
        schema: SCHEMA,
        plainly: env!("CARGO_PKG_VERSION"),
        files: out,
        summary,
    };
    serde_json::to_string_pretty(&output).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
