//! Acceptance on the shared reference file (READABILITY.md §7.4, §9): segmentation cases,
//! human units of the eleven texts, and their word tokens, lengths, letters and long words.
//! Skips with a message when the reference file is not there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_text::segment::segment;
use plainly_text::words::words;
use plainly_text::{BlockKind, Lang, UnitKind};
use serde_json::Value;
use std::path::PathBuf;

fn reference() -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/readability_cases.json");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(serde_json::from_str(&s).expect("reference file is valid JSON")),
        Err(e) => {
            println!("SKIPPED: cannot read {}: {e}", path.display());
            None
        }
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field {key}"))
}

fn lang_of(v: &Value) -> Lang {
    str_of(v, "lang").parse().unwrap()
}

fn units_of(text: &str, lang: Lang) -> Vec<(String, String)> {
    segment(text, lang, BlockKind::Paragraph)
        .into_iter()
        .map(|u| (u.kind.name().to_string(), u.span.slice(text).to_string()))
        .collect()
}

fn expected_units(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|u| (str_of(u, "kind").to_string(), str_of(u, "text").to_string()))
        .collect()
}

fn show(units: &[(String, String)]) -> String {
    units
        .iter()
        .map(|(k, t)| format!("    {k:<10} | {t}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn segmentation_cases() {
    let Some(r) = reference() else { return };
    let cases = r["segmentation_cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for c in cases {
        let got = units_of(str_of(c, "text"), lang_of(c));
        let want = expected_units(&c["expected"]);
        if got != want {
            failures.push(format!(
                "{} ({}):\n  expected:\n{}\n  got:\n{}",
                str_of(c, "id"),
                str_of(c, "trap"),
                show(&want),
                show(&got)
            ));
        }
    }
    println!(
        "segmentation_cases: {}/{} exact",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn human_units_of_the_texts() {
    let Some(r) = reference() else { return };
    let cases = r["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for c in cases {
        let got = units_of(str_of(c, "text"), lang_of(c));
        let want = expected_units(&c["human"]["units"]);
        if got != want {
            failures.push(format!(
                "{}:\n  expected:\n{}\n  got:\n{}",
                str_of(c, "id"),
                show(&want),
                show(&got)
            ));
        }
    }
    println!(
        "human units: {}/{} texts exact",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn reference_words_lengths_letters() {
    let Some(r) = reference() else { return };
    let cases = r["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    let (mut matched, mut total) = (0usize, 0usize);
    for c in cases {
        let id = str_of(c, "id");
        let text = str_of(c, "text");
        let lang = lang_of(c);
        let reference = &c["reference"];
        let want: Vec<&str> = reference["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w[0].as_str().unwrap())
            .collect();
        let want_lengths: Vec<u64> = reference["sentence_lengths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .collect();
        let mut got: Vec<&str> = Vec::new();
        let mut lengths = Vec::new();
        let (mut letters, mut long_words) = (0u64, 0u64);
        for u in segment(text, lang, BlockKind::Paragraph) {
            if u.kind != UnitKind::Sentence {
                continue;
            }
            let ws = words(text, u.span, lang);
            lengths.push(ws.len() as u64);
            for w in &ws {
                got.push(w.span.slice(text));
                letters += u64::from(w.letters);
                long_words += u64::from(w.letters > 6);
            }
        }
        total += want.len();
        matched += got.iter().zip(&want).filter(|(g, w)| g == w).count();
        if got != want {
            let first = got
                .iter()
                .zip(&want)
                .position(|(g, w)| g != w)
                .unwrap_or(got.len().min(want.len()));
            failures.push(format!(
                "{id}: tokens differ at #{first}: got {:?}, expected {:?}",
                got.get(first..(first + 4).min(got.len())),
                want.get(first..(first + 4).min(want.len()))
            ));
        }
        if lengths != want_lengths {
            failures.push(format!(
                "{id}: sentence lengths {lengths:?}, expected {want_lengths:?}"
            ));
        }
        let counts = &reference["counts"];
        let want_letters = counts["letters"].as_u64().unwrap();
        let want_long = counts["long_words"].as_u64().unwrap();
        if letters != want_letters || long_words != want_long {
            failures.push(format!(
                "{id}: letters {letters} (expected {want_letters}), long words {long_words} \
                 (expected {want_long})"
            ));
        }
    }
    println!("word tokens: {matched}/{total} at the same position");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
