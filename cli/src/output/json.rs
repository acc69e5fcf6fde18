//! JSON output, schema `plainly-check/1` (documented in docs/json-output.md).

use crate::batch::{FileResult, LocatedFix};
use crate::locate::Location;
use plainly_rules::{PlainScore, Readability, Severity};
use plainly_text::Lang;
use serde::Serialize;

pub const SCHEMA: &str = "plainly-check/1";

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

/// The closing `summary` object.
#[derive(Serialize, Default)]
pub struct Summary {
    pub files: usize,
    pub failed: usize,
    pub findings: usize,
    pub by_severity: std::collections::BTreeMap<&'static str, usize>,
}

/// The JSON document is written as the files come: this opening, one [`file`] each
/// (separated by `,\n`), then [`tail`]. Only the summary's counters wait for the end.
pub fn head() -> String {
    format!(
        "{{\n  \"schema\": \"{SCHEMA}\",\n  \"plainly\": \"{}\",\n  \"files\": [",
        env!("CARGO_PKG_VERSION")
    )
}

/// The end of the document, after the last file.
pub fn tail(summary: &Summary, any_file: bool) -> serde_json::Result<String> {
    let summary = indent(&serde_json::to_string_pretty(summary)?, "  ");
    Ok(format!(
        "{}],\n  \"summary\": {summary}\n}}\n",
        if any_file { "\n  " } else { "" }
    ))
}

/// One file's object, indented to sit in the `files` array.
pub fn file(r: &FileResult) -> serde_json::Result<String> {
    let path = r.path.display().to_string();
    let out = match &r.outcome {
        Ok(a) => FileOut {
            path,
            format: Some(a.format.as_str()),
            language: Some(a.lang),
            profile: &r.profile,
            score: Some(&a.score),
            readability: Some(&a.readability),
            findings: a
                .findings
                .iter()
                .map(|l| {
                    let f = &l.finding;
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
                .collect(),
            suppressed: r.suppressed,
            baselined: r.baselined,
            error: None,
        },
        Err(e) => FileOut {
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
        },
    };
    Ok(format!(
        "\n    {}",
        indent(&serde_json::to_string_pretty(&out)?, "    ")
    ))
}

/// Indent every line but the first (JSON strings hold no raw line breaks).
pub fn indent(json: &str, by: &str) -> String {
    json.replace('\n', &format!("\n{by}"))
}
