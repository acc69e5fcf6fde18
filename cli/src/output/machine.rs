//! Machine outputs for CI and spreadsheets: SARIF 2.1.0, JUnit XML, GitHub workflow
//! commands, Checkstyle XML and CSV (UTF-8 BOM, `;`, CRLF, decimal comma: what a Belgian
//! Excel opens as it is).

use crate::batch::{Analysed, FileResult, Located};
use plainly_rules::{Engine, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;

fn rel_uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.trim_start_matches("./");
    // Percent-encode what a URI reference cannot hold as it is.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            _ => out.push(c),
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Blocker | Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// True for formats whose line numbers are not what a person sees (DOCX, ODT, PDF): their
/// place is given as part/page/paragraph properties instead of a text region.
fn packaged(a: &Analysed) -> bool {
    matches!(a.format.as_str(), "docx" | "odt" | "pdf")
}

/// The SARIF `tool` object (every rule with its documentation) and the rule ids in the
/// order of `tool.driver.rules`, for `ruleIndex`.
pub fn sarif_tool(engine: &Engine) -> (Value, Vec<String>) {
    let rule_ids: Vec<String> = engine.rules().iter().map(|r| r.id().to_string()).collect();
    let rules: Vec<Value> = engine
        .rules()
        .iter()
        .map(|r| {
            let d = r.doc();
            let examples: String = d
                .examples
                .iter()
                .map(|e| {
                    format!(
                        "- {} ({}): {}\n",
                        if e.triggers { "flagged" } else { "not flagged" },
                        e.lang,
                        e.text
                    )
                })
                .collect();
            json!({
                "id": d.id,
                "name": d.id,
                "shortDescription": { "text": d.what },
                "fullDescription": { "text": format!("{} {}", d.what, d.why) },
                "help": {
                    "text": format!("{}\n\nWhy: {}\n\nExamples:\n{}", d.what, d.why, examples),
                    "markdown": format!("{}\n\n**Why:** {}\n\n**Examples**\n\n{}", d.what, d.why, examples),
                },
                "defaultConfiguration": { "level": sarif_level(d.default_severity) },
                "properties": { "family": d.family, "languages": d.langs },
            })
        })
        .collect();
    let tool = json!({ "driver": {
        "name": "plainly",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://example.invalid/plainly",
        "rules": rules,
    }});
    (tool, rule_ids)
}

/// One file's share of a SARIF log: its artifact URI, its results and, when it could not
/// be read, a tool execution notification.
pub fn sarif_file(r: &FileResult, rule_ids: &[String]) -> (String, Vec<Value>, Option<Value>) {
    let uri = rel_uri(&r.path);
    match &r.outcome {
        Ok(a) => {
            let results = a
                .findings
                .iter()
                .map(|l| sarif_result(l, a, &uri, rule_ids))
                .collect();
            (uri, results, None)
        }
        Err(e) => {
            let note = json!({
                "level": "error",
                "message": { "text": format!("{}: {e}", r.path.display()) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
            });
            (uri, Vec::new(), Some(note))
        }
    }
}

fn sarif_result(l: &Located, a: &Analysed, uri: &str, rule_ids: &[String]) -> Value {
    let f = &l.finding;
    let loc = &l.location;
    let mut physical = json!({ "artifactLocation": { "uri": uri } });
    if f.block.is_some() {
        let region = if packaged(a) {
            json!({ "snippet": { "text": loc.excerpt } })
        } else {
            json!({
                "startLine": loc.start.line,
                "startColumn": loc.start.column,
                "endLine": loc.end.line,
                "endColumn": loc.end.column,
                "snippet": { "text": loc.excerpt },
            })
        };
        physical["region"] = region;
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": sarif_level(f.severity),
        "message": { "text": f.message },
        "locations": [{ "physicalLocation": physical }],
        "partialFingerprints": { "plainly/v1": l.fingerprint },
        "properties": { "severity": f.severity.name() },
    });
    if let Some(i) = rule_ids.iter().position(|id| *id == f.rule) {
        result["ruleIndex"] = json!(i);
    }
    if let Ok(place) = serde_json::to_value(&loc.place)
        && place.as_object().is_some_and(|o| !o.is_empty())
    {
        result["properties"]["place"] = place;
    }
    if !packaged(a) && !l.fixes.is_empty() {
        let fixes: Vec<Value> = l
            .fixes
            .iter()
            .map(|fix| {
                json!({
                    "description": { "text": fix.label },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": {
                                "startLine": e.start.line, "startColumn": e.start.column,
                                "endLine": e.end.line, "endColumn": e.end.column,
                            },
                            "insertedContent": { "text": e.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                })
            })
            .collect();
        result["fixes"] = json!(fixes);
    }
    result
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn place_text(l: &Located, a: &Analysed) -> String {
    let loc = &l.location;
    let place = crate::locate::describe_place(&loc.place, "");
    match (packaged(a), place) {
        (true, Some(p)) => p,
        (_, _) if l.finding.block.is_none() => "whole document".into(),
        _ => format!("line {}, column {}", loc.start.line, loc.start.column),
    }
}

/// One JUnit test case: a file, with a failure per finding at or above `fail_on`.
/// Returns the XML and the numbers of failures and errors it holds.
pub fn junit_case(r: &FileResult, fail_on: Severity) -> (String, usize, usize) {
    let mut case = String::new();
    let (mut failures, mut errors) = (0, 0);
    let name = xml_escape(&r.path.display().to_string());
    match &r.outcome {
        Err(e) => {
            errors += 1;
            let _ = writeln!(
                case,
                "    <testcase classname=\"plainly\" name=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>",
                xml_escape(e)
            );
        }
        Ok(a) => {
            let _ = writeln!(case, "    <testcase classname=\"plainly\" name=\"{name}\">");
            for l in a.findings.iter().filter(|l| l.finding.severity >= fail_on) {
                failures += 1;
                let f = &l.finding;
                let _ = writeln!(
                    case,
                    "      <failure type=\"{}\" message=\"{}\">{}: {} [{}] «{}»</failure>",
                    f.rule,
                    xml_escape(&f.message),
                    place_text(l, a),
                    f.severity.name(),
                    f.rule,
                    xml_escape(&l.location.excerpt)
                );
            }
            let _ = writeln!(case, "    </testcase>");
        }
    }
    (case, failures, errors)
}

/// The JUnit document around its test cases (the counts come first, so the cases wait).
pub fn junit_document(tests: usize, failures: usize, errors: usize, cases: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"plainly\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n  <testsuite name=\"plainly\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{cases}  </testsuite>\n</testsuites>\n"
    )
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (`::warning file=…,line=…::message`) of one file.
pub fn github_file(r: &FileResult) -> String {
    let mut out = String::new();
    {
        let file = gh_escape_prop(&r.path.to_string_lossy());
        match &r.outcome {
            Err(e) => {
                let _ = writeln!(
                    out,
                    "::error file={file},title=plainly::{}",
                    gh_escape_data(e)
                );
            }
            Ok(a) => {
                for l in &a.findings {
                    let f = &l.finding;
                    let cmd = match f.severity {
                        Severity::Blocker | Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info | Severity::Hint => "notice",
                    };
                    let title = gh_escape_prop(&format!("plainly {}", f.rule));
                    if f.block.is_some() && !packaged(a) {
                        let loc = &l.location;
                        let _ = writeln!(
                            out,
                            "::{cmd} file={file},line={},col={},endLine={},endColumn={},title={title}::{}",
                            loc.start.line,
                            loc.start.column,
                            loc.end.line,
                            loc.end.column,
                            gh_escape_data(&f.message)
                        );
                    } else {
                        let _ = writeln!(
                            out,
                            "::{cmd} file={file},title={title}::{} ({})",
                            gh_escape_data(&f.message),
                            gh_escape_data(&place_text(l, a))
                        );
                    }
                }
            }
        }
    }
    out
}

/// Start of a Checkstyle XML document.
pub const CHECKSTYLE_HEAD: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
/// End of a Checkstyle XML document.
pub const CHECKSTYLE_TAIL: &str = "</checkstyle>\n";

/// One file's `<file>` element of a Checkstyle XML document.
pub fn checkstyle_file(r: &FileResult) -> String {
    let mut out = String::new();
    {
        let _ = writeln!(
            out,
            "  <file name=\"{}\">",
            xml_escape(&r.path.to_string_lossy())
        );
        match &r.outcome {
            Err(e) => {
                let _ = writeln!(
                    out,
                    "    <error line=\"1\" severity=\"error\" message=\"{}\" source=\"plainly.read-error\"/>",
                    xml_escape(e)
                );
            }
            Ok(a) => {
                for l in &a.findings {
                    let f = &l.finding;
                    let sev = match f.severity {
                        Severity::Blocker | Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info | Severity::Hint => "info",
                    };
                    let (line, col) = if packaged(a) || f.block.is_none() {
                        (1, 1)
                    } else {
                        (l.location.start.line, l.location.start.column)
                    };
                    let _ = writeln!(
                        out,
                        "    <error line=\"{line}\" column=\"{col}\" severity=\"{sev}\" message=\"{}\" source=\"plainly.{}\"/>",
                        xml_escape(&f.message),
                        f.rule
                    );
                }
            }
        }
        out.push_str("  </file>\n");
    }
    out
}

/// A CSV field: quoted when it holds `;`, quotes or line breaks.
fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) || s.starts_with([' ', '=', '+', '-', '@']) {
        // Quote; and neutralise leading formula characters so Excel shows text.
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn decimal(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

fn csv_row(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(";"));
    out.push_str("\r\n");
}

/// CSV, one row per finding (or per document with `summary`), for a Belgian Excel.
pub fn csv(files: &[FileResult], summary: bool) -> String {
    let mut out = csv_header(summary);
    for r in files {
        out.push_str(&csv_file(r, summary));
    }
    out
}

/// The CSV byte-order mark and header row.
pub fn csv_header(summary: bool) -> String {
    let mut out = String::from("\u{feff}");
    let names: &[&str] = if summary {
        &[
            "path",
            "language",
            "profile",
            "score",
            "formula",
            "readability",
            "sentences",
            "words",
            "syllables",
            "blocker",
            "error",
            "warning",
            "info",
            "hint",
            "error_reading",
        ]
    } else {
        &[
            "path", "line", "column", "place", "severity", "rule", "message", "excerpt",
        ]
    };
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    csv_row(&mut out, &names);
    out
}

/// One file's CSV rows: one per finding, or one for the document with `summary`.
pub fn csv_file(r: &FileResult, summary: bool) -> String {
    let mut out = String::new();
    let path = r.path.display().to_string();
    if summary {
        match &r.outcome {
            Err(e) => {
                let mut row = vec![path, String::new(), r.profile.clone()];
                row.extend(std::iter::repeat_n(String::new(), 11));
                row.push(e.clone());
                csv_row(&mut out, &row);
            }
            Ok(a) => {
                let count = |s: Severity| {
                    a.findings
                        .iter()
                        .filter(|l| l.finding.severity == s)
                        .count()
                        .to_string()
                };
                let main = a.readability.main();
                let c = &a.readability.counts;
                csv_row(
                    &mut out,
                    &[
                        path,
                        a.lang.code().into(),
                        r.profile.clone(),
                        decimal(a.score.value),
                        main.map(|s| s.name.to_string()).unwrap_or_default(),
                        main.map(|s| decimal(s.value)).unwrap_or_default(),
                        c.sentences.to_string(),
                        c.words.to_string(),
                        c.syllables.to_string(),
                        count(Severity::Blocker),
                        count(Severity::Error),
                        count(Severity::Warning),
                        count(Severity::Info),
                        count(Severity::Hint),
                        String::new(),
                    ],
                );
            }
        }
        return out;
    }
    match &r.outcome {
        Err(e) => csv_row(
            &mut out,
            &[
                path,
                String::new(),
                String::new(),
                String::new(),
                "error".into(),
                "read-error".into(),
                e.clone(),
                String::new(),
            ],
        ),
        Ok(a) => {
            for l in &a.findings {
                let f = &l.finding;
                let (line, col) = if f.block.is_some() && !packaged(a) {
                    (
                        l.location.start.line.to_string(),
                        l.location.start.column.to_string(),
                    )
                } else {
                    (String::new(), String::new())
                };
                csv_row(
                    &mut out,
                    &[
                        path.clone(),
                        line,
                        col,
                        place_text(l, a),
                        f.severity.name().into(),
                        f.rule.clone(),
                        f.message.clone(),
                        l.location.excerpt.clone(),
                    ],
                );
            }
        }
    }
    out
}
