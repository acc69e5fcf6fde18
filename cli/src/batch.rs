//! Checking many files: in parallel (rayon), in chunks so memory stays bounded, results
//! streamed in input order, a progress bar on a terminal.
//!
//! Each worker reads, checks, filters (baseline), renders what the output needs, and keeps
//! only a [`FileResult`]: the document itself is dropped as soon as the file is done.

use crate::baseline;
use crate::load::{self, Checked, Overrides};
use crate::locate::{Location, Locator};
use plainly_rules::discover::Finder;
use plainly_rules::{Engines, Finding, PlainScore, Readability};
use plainly_text::Lang;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// Files checked together; bounds how many documents are in memory at once.
const CHUNK: usize = 64;

/// One edit of a fix, located in the source text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LocatedEdit {
    /// Byte span in the source text (see `Location::span`).
    pub span: plainly_text::Span,
    pub start: crate::locate::Pos,
    pub end: crate::locate::Pos,
    pub replacement: String,
}

/// A fix with its edits located in the source text.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LocatedFix {
    pub label: String,
    pub edits: Vec<LocatedEdit>,
}

/// A finding with everything outputs need, without the document.
#[derive(Debug, Clone)]
pub struct Located {
    pub finding: Finding,
    pub location: Location,
    pub fingerprint: String,
    pub fixes: Vec<LocatedFix>,
}

/// What the outputs need to know of a checked document.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub format: String,
    /// The blocks' kinds and texts, kept only when the run needs the text (the report).
    pub blocks: Option<Vec<(plainly_text::BlockKind, String)>>,
    pub lang: Lang,
    pub readability: Readability,
    pub score: PlainScore,
    pub findings: Vec<Located>,
}

/// One file's result.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub profile: String,
    pub outcome: Result<Analysed, String>,
    /// Findings switched off by directives in the text.
    pub suppressed: usize,
    /// Findings hidden because the baseline knows them.
    pub baselined: usize,
    /// Human rendering, when the run asked for it.
    pub pretty: Option<String>,
}

/// How the workers should treat each file.
#[derive(Debug)]
pub struct Job<'a> {
    pub engines: &'a Engines,
    pub finder: &'a Finder,
    pub overrides: &'a Overrides,
    pub baseline: Option<&'a HashSet<String>>,
    /// Render pretty output with this (color, minimum severity).
    pub pretty: Option<(bool, plainly_rules::Severity)>,
    /// Keep each document's text (for the HTML report).
    pub keep_text: bool,
}

fn finish(mut checked: Checked, job: &Job<'_>) -> FileResult {
    let baselined = job
        .baseline
        .map(|known| baseline::filter_one(&mut checked, known))
        .unwrap_or(0);
    let pretty = job
        .pretty
        .map(|(color, min)| crate::output::pretty::render(&checked, color, min));
    let fingerprints = baseline::fingerprints(&checked);
    let outcome = match checked.outcome {
        Err(e) => Err(e.to_string()),
        Ok((doc, report)) => {
            let loc = Locator::new(&doc);
            let findings = report
                .findings
                .into_iter()
                .zip(fingerprints)
                .map(|(finding, (fingerprint, _, _))| {
                    let fixes = match finding.block {
                        Some(b) => finding
                            .fixes
                            .iter()
                            .map(|fix| LocatedFix {
                                label: fix.label.clone(),
                                edits: fix
                                    .edits
                                    .iter()
                                    .filter_map(|e| {
                                        let (span, start, end) = loc.locate_span(b, e.span)?;
                                        Some(LocatedEdit {
                                            span,
                                            start,
                                            end,
                                            replacement: e.replacement.clone(),
                                        })
                                    })
                                    .collect(),
                            })
                            .collect(),
                        None => Vec::new(),
                    };
                    Located {
                        location: loc.locate(&finding),
                        finding,
                        fingerprint,
                        fixes,
                    }
                })
                .collect();
            Ok(Analysed {
                blocks: job.keep_text.then(|| {
                    doc.blocks
                        .iter()
                        .map(|b| (b.kind, b.text.clone()))
                        .collect()
                }),
                format: doc.format.clone(),
                lang: report.lang,
                readability: report.readability,
                score: report.score,
                findings,
            })
        }
    };
    FileResult {
        path: checked.path,
        profile: checked.profile,
        outcome,
        suppressed: checked.suppressed,
        baselined,
        pretty,
    }
}

/// Check `paths` and hand each result to `sink`, in input order.
pub fn run(
    paths: &[PathBuf],
    job: &Job<'_>,
    show_progress: bool,
    mut sink: impl FnMut(FileResult),
) {
    let bar = show_progress.then(|| {
        let bar = indicatif::ProgressBar::new(paths.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    for chunk in paths.chunks(CHUNK) {
        let results: Vec<FileResult> = chunk
            .par_iter()
            .map(|p| {
                let r = finish(load::check(job.engines, job.finder, p, job.overrides), job);
                if let Some(b) = &bar {
                    b.inc(1);
                }
                r
            })
            .collect();
        for r in results {
            if let Some(b) = &bar {
                b.suspend(|| sink(r));
            } else {
                sink(r);
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
}
