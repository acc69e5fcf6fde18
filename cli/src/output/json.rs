//! JSON output, schema `plainly-check/1` (documented in docs/json-output.md).

use crate::batch::{FileResult, LocatedFix};
use crate::locate::Location;
use plainly_rules::{PlainScore, Readability, Severity};
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
    findings: Vec<FindingOut<'a>>,
    /// Findings switched off by directives in the text.
    suppressed: usize,
    /// Findings hidden because the baseline knows them.
    baselined: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    /// Block index in the document (null for whole-document findings).
    block: Option<usize>,
    #[serde(flatten)]
    location: &'a Location,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "<[LocatedFix]>::is_empty")]
    fixes: &'a [LocatedFix],
}

#[derive(Serialize, Default)]
struct Summary {
    files: usize,
    failed: usize,
    findings: usize,
    by_severity: std::collections::BTreeMap<&'static str, usize>,
}

/// Serialise checked files as one JSON document.
pub fn render(files: &[FileResult]) -> String {
    let mut summary = Summary {
        files: files.len(),
        ..Default::default()
    };
    let out: Vec<FileOut> = files
        .iter()
        .map(|r| {
            let path = r.path.display().to_string();
            match &r.outcome {
                Ok(a) => {
                    let findings: Vec<FindingOut> = a
                        .findings
                        .iter()
                        .map(|l| {
                            let f = &l.finding;
                            summary.findings += 1;
                            *summary.by_severity.entry(f.severity.name()).or_default() += 1;
                            FindingOut {
                                rule: &f.rule,
                                severity: f.severity,
                                message: &f.message,
                                block: f.block,
                                location: &l.location,
                                fingerprint: &l.fingerprint,
                                fixes: &l.fixes,
                            }
                        })
                        .collect();
                    FileOut {
                        path,
                        format: Some(a.format.as_str()),
                        language: Some(a.lang),
                        profile: &r.profile,
                        score: Some(&a.score),
                        readability: Some(&a.readability),
                        findings,
                        suppressed: r.suppressed,
                        baselined: r.baselined,
                        error: None,
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    FileOut {
                        path,
                        format: None,
                        language: None,
                        profile: &r.profile,
                        score: None,
                        readability: None,
                        findings: Vec::new(),
                        suppressed: 0,
                        baselined: 0,
                        error: Some(e.as_str()),
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
