//! `plainly score`: the readability table.

use crate::batch::FileResult;
use serde::Serialize;
use std::fmt::Write as _;

/// One section per file: the counts, then each formula with its value and band.
pub fn table(files: &[FileResult]) -> String {
    let mut out = String::new();
    for c in files {
        let path = c.path.display().to_string();
        match &c.outcome {
            Err(e) => {
                let _ = writeln!(out, "{path}\n  cannot read: {e}\n");
            }
            Ok(report) => {
                let r = &report.readability;
                let n = &r.counts;
                let _ = writeln!(
                    out,
                    "{path}\n  {} · {} sentences, {} words, {} syllables, {} long words{}",
                    r.lang.native_name(),
                    n.sentences,
                    n.words,
                    n.syllables,
                    n.long_words,
                    if r.low_confidence && n.words > 0 {
                        " · under 100 words: indicative only"
                    } else {
                        ""
                    }
                );
                let b = &report.score.breakdown;
                let _ = writeln!(
                    out,
                    "  {:<26} {:>6.1}  readability {:.0} · vocabulary {:.0} · structure {:.0} · address {:.0} · layout {:.0}",
                    "plain-language score",
                    report.score.value,
                    b.readability,
                    b.vocabulary,
                    b.structure,
                    b.address,
                    b.layout
                );
                if r.scores.is_empty() {
                    let _ = writeln!(out, "  no sentences to score");
                }
                for s in &r.scores {
                    let line = format!(
                        "  {:<26} {:>6.1}  {}",
                        s.name,
                        s.value,
                        s.band.unwrap_or("")
                    );
                    let _ = writeln!(out, "{}", line.trim_end());
                }
                out.push('\n');
            }
        }
    }
    out
}

#[derive(Serialize)]
struct ScoreOut<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a plainly_rules::PlainScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    readability: Option<&'a plainly_rules::Readability>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Scores as JSON (`plainly-score/1`).
pub fn json(files: &[FileResult]) -> String {
    let rows: Vec<ScoreOut> = files
        .iter()
        .map(|c| match &c.outcome {
            Ok(r) => ScoreOut {
                path: c.path.display().to_string(),
                score: Some(&r.score),
                readability: Some(&r.readability),
                error: None,
            },
            Err(e) => ScoreOut {
                path: c.path.display().to_string(),
                score: None,
                readability: None,
                error: Some(e.to_string()),
            },
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "schema": "plainly-score/1",
        "plainly": env!("CARGO_PKG_VERSION"),
        "files": rows,
    }))
    .unwrap_or_default()
}
