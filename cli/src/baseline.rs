//! Baselines: record today's findings so that CI fails only on new ones.
//!
//! A fingerprint is a hash of the file's path, the rule, the words the finding is about
//! (whitespace-normalised) and how many identical (rule, words) pairs came before it in
//! the file — so it survives edits elsewhere in the file, and line moves.

use crate::batch::FileResult;
use crate::load::Checked;
use crate::locate::Locator;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub const SCHEMA: &str = "plainly-baseline/1";

#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    pub excerpt: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Entry>,
}

/// FNV-1a, 64 bits: stable across versions and platforms (unlike `DefaultHasher`).
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn normalise_path(p: &Path) -> String {
    p.to_string_lossy()
        .replace('\\', "/")
        .trim_start_matches("./")
        .to_string()
}

/// Fingerprints of every finding of a checked file, in the order of its findings.
pub fn fingerprints(c: &Checked) -> Vec<(String, String, String)> {
    let Ok((doc, report)) = &c.outcome else {
        return Vec::new();
    };
    let path = normalise_path(&c.path);
    let loc = Locator::new(doc);
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    report
        .findings
        .iter()
        .map(|f| {
            let words = match f.block.and_then(|i| doc.blocks.get(i)) {
                Some(b) => f
                    .span
                    .slice(&b.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                None => "(document)".to_string(),
            };
            let n = seen.entry((f.rule.clone(), words.clone())).or_default();
            *n += 1;
            let fp = fnv(&[&path, &f.rule, &words, &n.to_string()]);
            (fp, f.rule.clone(), loc.locate(f).excerpt)
        })
        .collect()
}

/// The baseline entries of one checked file.
pub fn entries(r: &FileResult) -> Vec<Entry> {
    let Ok(a) = &r.outcome else {
        return Vec::new();
    };
    a.findings
        .iter()
        .map(|l| Entry {
            path: normalise_path(&r.path),
            rule: l.finding.rule.clone(),
            fingerprint: l.fingerprint.clone(),
            excerpt: l.location.excerpt.clone(),
        })
        .collect()
}

/// Write a baseline of `findings`; returns how many it records.
pub fn write(path: &Path, findings: Vec<Entry>) -> Result<usize> {
    let n = findings.len();
    let b = Baseline {
        schema: SCHEMA.into(),
        findings,
    };
    std::fs::write(path, serde_json::to_string_pretty(&b)? + "\n")
        .with_context(|| format!("cannot write the baseline {}", path.display()))?;
    Ok(n)
}

pub fn read(path: &Path) -> Result<HashSet<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the baseline {}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a plainly baseline", path.display()))?;
    Ok(b.findings.into_iter().map(|e| e.fingerprint).collect())
}

/// Drop the findings of one file that the baseline knows; returns how many were dropped.
pub fn filter_one(c: &mut Checked, known: &HashSet<String>) -> usize {
    let fps = fingerprints(c);
    let mut dropped = 0;
    if let Ok((_, report)) = &mut c.outcome {
        let mut i = 0;
        report.findings.retain(|_| {
            let keep = fps.get(i).is_none_or(|(fp, _, _)| !known.contains(fp));
            i += 1;
            if !keep {
                dropped += 1;
            }
            keep
        });
        if dropped > 0 {
            report.rescore();
        }
    }
    dropped
}
