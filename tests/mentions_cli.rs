//! End-to-end: `plainly check --profile social-security-decision` on a decision fixture,
//! and on a DOCX made from it when LibreOffice is installed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check(args: &[&str], file: &Path) -> (Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(["check", "--format", "json"])
        .args(args)
        .arg(file)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("plainly-mentions-no-config"),
        )
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (v, out.status.code().unwrap_or(-1))
}

fn mandatory(v: &Value) -> Vec<Value> {
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "mandatory-mentions")
        .cloned()
        .collect()
}

fn assert_missing_deadline(v: &Value, what: &str) {
    let found = mandatory(v);
    let blockers: Vec<&Value> = found
        .iter()
        .filter(|f| f["severity"] == "blocker")
        .collect();
    assert_eq!(blockers.len(), 1, "{what}: {found:#?}");
    let msg = blockers[0]["message"].as_str().unwrap();
    assert!(msg.contains("3 mois"), "{what}: {msg}");
    // The profile is stated, never silent.
    assert!(
        found.iter().any(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("social-security-decision")),
        "{what}: {found:#?}"
    );
}

#[test]
fn profile_flag_checks_a_markdown_decision() {
    let dir = root().join("fixtures/decisions/fr");
    let (v, code) = check(
        &["--profile", "social-security-decision"],
        &dir.join("missing-appeal-deadline.md"),
    );
    assert_eq!(code, 1);
    assert_missing_deadline(&v, "md");
    let (v, _) = check(
        &["--profile", "social-security-decision"],
        &dir.join("complete.md"),
    );
    let loud: Vec<Value> = mandatory(&v)
        .into_iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

#[test]
fn unknown_profile_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args([
            "check",
            "--profile",
            "no-such-decision",
            "fixtures/decisions/fr/complete.md",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn profile_flag_checks_a_docx_decision() {
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_soffice {
        println!("skipped: LibreOffice (soffice) is not on PATH, no DOCX to check");
        return;
    }
    let tmp = std::env::temp_dir().join(format!("plainly-mentions-docx-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let html = root().join("fixtures/decisions/fr/letter-missing-appeal-deadline.html");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            tmp.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&tmp)
        .arg(&html)
        .output()
        .unwrap();
    let docx = tmp.join("letter-missing-appeal-deadline.docx");
    if !docx.exists() {
        println!(
            "skipped: soffice could not convert the fixture: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let (v, code) = check(&["--profile", "social-security-decision"], &docx);
    assert_eq!(code, 1);
    assert_missing_deadline(&v, "docx");
    let _ = std::fs::remove_dir_all(&tmp);
}
