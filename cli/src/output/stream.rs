//! Streaming a batch's results: every output writes each file as it comes, so memory does
//! not grow with the number of files.
//!
//! What waits for the end, and why:
//! - the summary ([`Totals`]): counters, the score histogram, and one line per file that
//!   could not be read (the summary lists them with their reasons);
//! - SARIF: one artifact URI per file and one notification per unreadable file (the
//!   results themselves are written as they come);
//! - JUnit: the rendered test cases, because the document opens with the counts of tests,
//!   failures and errors. Only the XML text of each case is kept, not the findings.

use crate::batch::FileResult;
use crate::output::{json, machine};
use plainly_rules::{Engine, Severity};
use std::io::{self, Write};
use std::path::PathBuf;

/// Severities from the most to the least severe, as the summary lists them.
pub const SEVERITIES: [Severity; 5] = [
    Severity::Blocker,
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Hint,
];

/// Score bands of the summary's histogram.
const BANDS: [&str; 5] = ["0–19", "20–39", "40–59", "60–79", "80–100"];

/// Running totals of a batch: what the summary and the exit status need, and no more.
#[derive(Debug)]
pub struct Totals {
    fail_on: Severity,
    min_score: Option<f64>,
    pub files: usize,
    /// Files that could not be read, with the reason.
    pub failed: Vec<(PathBuf, String)>,
    pub findings: usize,
    /// Findings per severity, in the order of [`SEVERITIES`].
    pub by_severity: [usize; 5],
    pub suppressed: usize,
    pub baselined: usize,
    /// Documents per score band (0–19 … 80–100).
    pub bands: [usize; 5],
    /// A finding at or above `--fail-on`, or a score under `--min-score`.
    pub failing: bool,
}

impl Totals {
    pub fn new(fail_on: Severity, min_score: Option<f64>) -> Self {
        Totals {
            fail_on,
            min_score,
            files: 0,
            failed: Vec::new(),
            findings: 0,
            by_severity: [0; 5],
            suppressed: 0,
            baselined: 0,
            bands: [0; 5],
            failing: false,
        }
    }

    /// Count one file.
    pub fn add(&mut self, r: &FileResult) {
        self.files += 1;
        self.suppressed += r.suppressed;
        self.baselined += r.baselined;
        match &r.outcome {
            Err(e) => self.failed.push((r.path.clone(), e.clone())),
            Ok(a) => {
                self.findings += a.findings.len();
                for l in &a.findings {
                    let sev = l.finding.severity;
                    if let Some(i) = SEVERITIES.iter().position(|s| *s == sev) {
                        self.by_severity[i] += 1;
                    }
                    if sev >= self.fail_on {
                        self.failing = true;
                    }
                }
                if self.min_score.is_some_and(|m| a.score.value < m) {
                    self.failing = true;
                }
                let band = (a.score.value / 20.0).floor().clamp(0.0, 4.0) as usize;
                if let Some(n) = self.bands.get_mut(band) {
                    *n += 1;
                }
            }
        }
    }

    /// The JSON output's `summary` object.
    pub fn json_summary(&self) -> json::Summary {
        let mut s = json::Summary {
            files: self.files,
            failed: self.failed.len(),
            findings: self.findings,
            ..Default::default()
        };
        for (sev, n) in SEVERITIES.iter().zip(self.by_severity) {
            if n > 0 {
                s.by_severity.insert(sev.name(), n);
            }
        }
        s
    }

    /// The closing summary of the human output: files, failures with reasons, findings by
    /// severity, score distribution.
    pub fn render(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut s = format!(
            "\n{} file{} checked, {} could not be read, {} finding{}",
            self.files,
            plural(self.files),
            self.failed.len(),
            self.findings,
            plural(self.findings)
        );
        if self.suppressed > 0 {
            s.push_str(&format!(", {} switched off in the text", self.suppressed));
        }
        if self.baselined > 0 {
            s.push_str(&format!(", {} known from the baseline", self.baselined));
        }
        if self.files > 1 {
            let by_sev: Vec<String> = SEVERITIES
                .iter()
                .zip(self.by_severity)
                .filter(|(_, n)| *n > 0)
                .map(|(sev, n)| format!("{n} {}", sev.name()))
                .collect();
            if !by_sev.is_empty() {
                s.push_str(&format!("\nfindings: {}", by_sev.join(", ")));
            }
            if self.failed.len() < self.files {
                let dist: Vec<String> = BANDS
                    .iter()
                    .zip(self.bands)
                    .filter(|(_, n)| *n > 0)
                    .map(|(l, n)| format!("{l}: {n}"))
                    .collect();
                s.push_str(&format!("\nscores: {}", dist.join(" · ")));
            }
            for (path, e) in &self.failed {
                s.push_str(&format!("\nnot read: {}: {e}", path.display()));
            }
        }
        s
    }
}

/// An output that takes files one by one.
pub trait Sink {
    fn file(&mut self, r: &FileResult) -> io::Result<()>;
    fn finish(&mut self, totals: &Totals) -> io::Result<()>;
}

/// The human output: each file's findings as they come, then the summary.
pub struct Pretty {
    pub out: Box<dyn Write>,
    pub quiet: bool,
}

impl Sink for Pretty {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        let Some(text) = &r.pretty else {
            return Ok(());
        };
        if self.quiet && r.outcome.is_ok() {
            // Findings only: drop the per-file summary line. A file that could not be
            // checked keeps its one line: quiet never hides why a file failed.
            if let Some((body, _)) = text.trim_end().rsplit_once('\n') {
                writeln!(self.out, "{body}")?;
            }
        } else {
            write!(self.out, "{text}")?;
        }
        // People read this as it comes (and a progress bar may redraw in between).
        self.out.flush()
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        if !self.quiet {
            writeln!(self.out, "{}", totals.render())?;
        }
        self.out.flush()
    }
}

/// `plainly-check/1` JSON, written file by file.
pub struct Json {
    out: Box<dyn Write>,
    any: bool,
}

impl Json {
    pub fn new(mut out: Box<dyn Write>) -> io::Result<Self> {
        out.write_all(json::head().as_bytes())?;
        Ok(Json { out, any: false })
    }
}

impl Sink for Json {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        if self.any {
            self.out.write_all(b",")?;
        }
        self.any = true;
        self.out.write_all(json::file(r)?.as_bytes())
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        self.out
            .write_all(json::tail(&totals.json_summary(), self.any)?.as_bytes())?;
        self.out.flush()
    }
}

/// SARIF 2.1.0: results written as they come; artifacts and notifications at the end.
pub struct Sarif {
    out: Box<dyn Write>,
    rule_ids: Vec<String>,
    any: bool,
    artifacts: Vec<String>,
    notifications: Vec<serde_json::Value>,
}

impl Sarif {
    pub fn new(mut out: Box<dyn Write>, engine: &Engine) -> io::Result<Self> {
        let (tool, rule_ids) = machine::sarif_tool(engine);
        let tool = json::indent(&serde_json::to_string_pretty(&tool)?, "      ");
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {tool},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )?;
        Ok(Sarif {
            out,
            rule_ids,
            any: false,
            artifacts: Vec::new(),
            notifications: Vec::new(),
        })
    }
}

impl Sink for Sarif {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        let (uri, results, note) = machine::sarif_file(r, &self.rule_ids);
        self.artifacts.push(uri);
        self.notifications.extend(note);
        for result in results {
            if self.any {
                self.out.write_all(b",")?;
            }
            self.any = true;
            let text = json::indent(&serde_json::to_string_pretty(&result)?, "        ");
            write!(self.out, "\n        {text}")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        let artifacts: Vec<serde_json::Value> = self
            .artifacts
            .iter()
            .map(|uri| serde_json::json!({ "location": { "uri": uri } }))
            .collect();
        let invocations = serde_json::json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": self.notifications,
        }]);
        let artifacts = json::indent(&serde_json::to_string_pretty(&artifacts)?, "      ");
        let invocations = json::indent(&serde_json::to_string_pretty(&invocations)?, "      ");
        write!(
            self.out,
            "{}],\n      \"artifacts\": {artifacts},\n      \"invocations\": {invocations}\n    }}\n  ]\n}}\n",
            if self.any { "\n      " } else { "" }
        )?;
        self.out.flush()
    }
}

/// JUnit XML. The document opens with its counts, so the cases are kept (as XML text)
/// until the end.
pub struct Junit {
    out: Box<dyn Write>,
    fail_on: Severity,
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl Junit {
    pub fn new(out: Box<dyn Write>, fail_on: Severity) -> Self {
        Junit {
            out,
            fail_on,
            cases: String::new(),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }
}

impl Sink for Junit {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        let (case, failures, errors) = machine::junit_case(r, self.fail_on);
        self.cases.push_str(&case);
        self.tests += 1;
        self.failures += failures;
        self.errors += errors;
        Ok(())
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        let doc = machine::junit_document(self.tests, self.failures, self.errors, &self.cases);
        self.out.write_all(doc.as_bytes())?;
        self.out.flush()
    }
}

/// Formats made of independent pieces per file (GitHub commands, Checkstyle, CSV).
pub struct Pieces {
    out: Box<dyn Write>,
    piece: Box<dyn Fn(&FileResult) -> String>,
    tail: &'static str,
}

impl Pieces {
    pub fn new(
        mut out: Box<dyn Write>,
        head: &str,
        piece: Box<dyn Fn(&FileResult) -> String>,
        tail: &'static str,
    ) -> io::Result<Self> {
        out.write_all(head.as_bytes())?;
        Ok(Pieces { out, piece, tail })
    }
}

impl Sink for Pieces {
    fn file(&mut self, r: &FileResult) -> io::Result<()> {
        self.out.write_all((self.piece)(r).as_bytes())
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        self.out.write_all(self.tail.as_bytes())?;
        self.out.flush()
    }
}
