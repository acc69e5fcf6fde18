//! Snapshot tests (insta) of what plainly tells writers about each team-written fixture
//! letter: every finding (place, severity, rule, message, quoted words) and the scores.
//! A change in any rule shows up here as a reviewable diff.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

fn summary(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(["check", "--format", "json", path])
        .current_dir(&root)
        .env("XDG_CONFIG_HOME", root.join("target/no-user-config"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    let mut s = String::new();
    let r = &f["readability"];
    let _ = writeln!(
        s,
        "language {} · score {} · {} {:.1} · {} sentences, {} words",
        f["language"].as_str().unwrap_or("?"),
        f["score"]["value"],
        r["scores"][0]["name"].as_str().unwrap_or("?"),
        r["scores"][0]["value"].as_f64().unwrap_or(0.0),
        r["counts"]["sentences"],
        r["counts"]["words"]
    );
    for x in f["findings"].as_array().unwrap() {
        let place = if x["block"].is_null() {
            "document".to_string()
        } else {
            format!("{}:{}", x["start"]["line"], x["start"]["column"])
        };
        let _ = writeln!(
            s,
            "{place} {} [{}] {} «{}»",
            x["severity"].as_str().unwrap_or("?"),
            x["rule"].as_str().unwrap_or("?"),
            x["message"].as_str().unwrap_or("?"),
            x["excerpt"].as_str().unwrap_or("")
        );
    }
    s
}

#[test]
fn fixture_letters() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/letters");
    let mut files: Vec<String> = Vec::new();
    for lang in ["fr", "nl", "de", "en"] {
        for e in std::fs::read_dir(root.join(lang)).unwrap() {
            let p = e.unwrap().path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "txt")) {
                files.push(format!(
                    "fixtures/letters/{lang}/{}",
                    p.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 16);
    for f in files {
        let name = f.trim_start_matches("fixtures/letters/").replace('/', "__");
        insta::assert_snapshot!(name, summary(&f));
    }
}
