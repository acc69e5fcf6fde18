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

/// Messages of the mandatory-mentions findings, as "severity message".
fn said(v: &Value) -> Vec<String> {
    mandatory(v)
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn has(v: &Value, severity: &str, text: &str) -> bool {
    said(v)
        .iter()
        .any(|m| m.starts_with(severity) && m.contains(text))
}

/// A scratch folder holding `files` (path, text).
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plainly-mentions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// The complete ONEM decision: the heuristics call it `unemployment-decision` (0.85).
fn onem_letter() -> String {
    std::fs::read_to_string(root().join("fixtures/decisions/fr/complete.md")).unwrap()
}

const NOT_CHOSEN: &str = "Aucun profil n'a été choisi pour cette lettre : indiquez-le avec --profile ou dans plainly.toml";
const CONFLICT: &str = "Le profil choisi est";

#[test]
fn require_explicit_profile_fails_a_guessed_profile() {
    let letter = root().join("fixtures/decisions/fr/complete.md");
    // Without the option, a guessed profile only informs.
    // (`--fail-on error`: the plain-language rules warn about this letter too.)
    let (v, code) = check(&["--fail-on", "error"], &letter);
    assert_eq!(code, 0, "{:#?}", said(&v));
    assert!(!has(&v, "error", NOT_CHOSEN));
    // With it, the guess is an error and the run fails.
    let (v, code) = check(
        &["--fail-on", "error", "--require-explicit-profile"],
        &letter,
    );
    assert_eq!(code, 1);
    assert!(has(&v, "error", NOT_CHOSEN), "{:#?}", said(&v));
    assert!(has(&v, "error", "Profil deviné : unemployment-decision"));
    // An explicit profile satisfies it.
    let (v, code) = check(
        &[
            "--fail-on",
            "error",
            "--require-explicit-profile",
            "--profile",
            "unemployment-decision",
        ],
        &letter,
    );
    assert_eq!(code, 0, "{:#?}", said(&v));
    assert!(!has(&v, "error", NOT_CHOSEN));
    // A letter that makes no decision gets no profile and no finding.
    let (v, code) = check(
        &["--require-explicit-profile"],
        &root().join("fixtures/letters/fr/cpas-documents.plain.md"),
    );
    assert_eq!(code, 0, "{:#?}", said(&v));
    assert!(said(&v).is_empty(), "{:#?}", said(&v));
}

#[test]
fn require_explicit_profile_from_plainly_toml() {
    let dir = scratch(
        "require",
        &[
            (
                "plainly.toml",
                "[mandatory]\nrequire_explicit_profile = true\n",
            ),
            ("letter.md", &onem_letter()),
        ],
    );
    let (v, code) = check(&[], &dir.join("letter.md"));
    assert_eq!(code, 1);
    assert!(has(&v, "error", NOT_CHOSEN), "{:#?}", said(&v));
    // `plainly config` shows the settings in force.
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(["config"])
        .arg(dir.join("letter.md"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("[mandatory]\nrequire-explicit-profile = true\nmin-confidence = 0.75"),
        "{shown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn min_confidence_changes_the_threshold_and_is_validated() {
    let letter = root().join("fixtures/decisions/fr/complete.md");
    let (v, _) = check(&["--min-confidence", "0.99"], &letter);
    assert!(
        has(&v, "info", "son type exact n'est pas sûr"),
        "{:#?}",
        said(&v)
    );
    let (v, _) = check(&["--min-confidence", "0.5"], &letter);
    assert!(
        has(&v, "info", "ressemble à une décision de l'ONEM"),
        "{:#?}",
        said(&v)
    );
    for bad in ["1.5", "-0.1", "high"] {
        let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
            .args(["check", &format!("--min-confidence={bad}")])
            .arg(&letter)
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("from 0 to 1"),
            "{bad}"
        );
    }
    let dir = scratch(
        "confidence",
        &[
            ("plainly.toml", "[mandatory]\nmin_confidence = 2\n"),
            ("letter.md", "Bonjour."),
        ],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(["check"])
        .arg(dir.join("letter.md"))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("from 0 to 1"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explicit_profile_that_contradicts_the_text_is_a_conflict() {
    let letter = root().join("fixtures/decisions/fr/complete.md");
    // A CPAS profile on an ONEM unemployment decision: kept, with a warning and the evidence.
    let (v, _) = check(&["--profile", "cpas-decision"], &letter);
    assert!(
        has(
            &v,
            "warning",
            "Le profil choisi est décision du CPAS (cpas-decision)"
        ),
        "{:#?}",
        said(&v)
    );
    assert!(has(&v, "warning", "(unemployment-decision)"));
    assert!(has(
        &v,
        "warning",
        "expéditeur « Office national de l'Emploi »"
    ));
    assert!(has(&v, "info", "(cpas-decision), choisi avec --profile"));
    // An ancestor of the detected profile is no conflict.
    let (v, _) = check(&["--profile", "social-security-decision"], &letter);
    assert!(!has(&v, "warning", CONFLICT), "{:#?}", said(&v));
    // A brochure that makes a decision: X8 says it, once.
    let (v, _) = check(&["--profile", "brochure"], &letter);
    assert!(has(&v, "warning", "Cette lettre prend une décision"));
    assert!(!has(&v, "warning", CONFLICT), "{:#?}", said(&v));
}

#[test]
fn document_markers_choose_the_profile() {
    let letter = onem_letter();
    let front =
        format!("---\ntitle: Refus\nplainly-profile: social-security-decision\n---\n\n{letter}");
    let comment = format!("<!-- plainly-profile: social-security-decision -->\n\n{letter}");
    let txt = format!("plainly-profile: social-security-decision\n\n{letter}");
    let bad = format!("<!-- plainly-profile: no-such-profile -->\n\n{letter}");
    let dir = scratch(
        "markers",
        &[
            ("front.md", &front),
            ("comment.md", &comment),
            ("letter.txt", &txt),
            ("bad.md", &bad),
            ("configured/plainly.toml", "profile = \"cpas-decision\"\n"),
            ("configured/front.md", &front),
        ],
    );
    const MARKED: &str = "Profil de lettre : décision de sécurité sociale (social-security-decision), choisi dans le document";
    for f in ["front.md", "comment.md", "letter.txt"] {
        let (v, _) = check(&[], &dir.join(f));
        assert!(has(&v, "info", MARKED), "{f}: {:#?}", said(&v));
        // A marker is an explicit choice.
        let (v, _) = check(&["--require-explicit-profile"], &dir.join(f));
        assert!(!has(&v, "error", NOT_CHOSEN), "{f}: {:#?}", said(&v));
    }
    // The marker wins over plainly.toml…
    let (v, _) = check(&[], &dir.join("configured/front.md"));
    assert!(has(&v, "info", MARKED), "{:#?}", said(&v));
    // …and --profile over the marker.
    let (v, _) = check(&["--profile", "cpas-decision"], &dir.join("front.md"));
    assert!(
        has(&v, "info", "(cpas-decision), choisi avec --profile"),
        "{:#?}",
        said(&v)
    );
    // An unknown id is reported, and the heuristics choose.
    let (v, _) = check(&[], &dir.join("bad.md"));
    assert!(has(&v, "warning", "« no-such-profile »"), "{:#?}", said(&v));
    assert!(has(&v, "info", "ressemble à une décision de l'ONEM"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mandatory_assign_globs_choose_the_profile() {
    let letter = onem_letter();
    let dir = scratch(
        "assign",
        &[
            (
                "plainly.toml",
                "[[mandatory.assign]]\nfiles = \"templates/chomage/*.md\"\nprofile = \"unemployment-decision\"\n\n\
                 [[mandatory.assign]]\nfiles = \"templates/ocmw/**\"\nprofile = \"cpas-decision\"\nwith = [\"recovery\"]\n",
            ),
            ("templates/chomage/refus.md", &letter),
            ("templates/ocmw/terugvordering/a.md", &letter),
            ("other.md", &letter),
        ],
    );
    let (v, _) = check(
        &["--require-explicit-profile"],
        &dir.join("templates/chomage/refus.md"),
    );
    assert!(
        has(
            &v,
            "info",
            "(unemployment-decision + federal-authority), choisi dans la configuration"
        ),
        "{:#?}",
        said(&v)
    );
    assert!(!has(&v, "error", NOT_CHOSEN));
    let (v, _) = check(&[], &dir.join("templates/ocmw/terugvordering/a.md"));
    assert!(
        has(
            &v,
            "info",
            "(cpas-decision + recovery), choisi dans la configuration"
        ),
        "{:#?}",
        said(&v)
    );
    // The recovery mixin's requirements apply.
    assert!(
        has(&v, "warning", "délai de prescription"),
        "{:#?}",
        said(&v)
    );
    let (v, _) = check(&["--require-explicit-profile"], &dir.join("other.md"));
    assert!(has(&v, "error", NOT_CHOSEN), "{:#?}", said(&v));
    // An unknown profile or mixin is refused with the file and line.
    for (toml, what) in [
        (
            "[[mandatory.assign]]\nfiles = \"*.md\"\nprofile = \"nope\"\n",
            "unknown letter profile 'nope'",
        ),
        (
            "[[mandatory.assign]]\nfiles = \"*.md\"\nprofile = \"cpas-decision\"\nwith = [\"nope\"]\n",
            "unknown mixin 'nope'",
        ),
    ] {
        std::fs::write(dir.join("plainly.toml"), toml).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
            .args(["check"])
            .arg(dir.join("other.md"))
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(what) && stdout.contains("plainly.toml:"),
            "{stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
