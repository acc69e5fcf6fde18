//! End-to-end tests of the `plainly` binary on the team's fixtures and, where present, on
//! real letters from ../shared/corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn plainly(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = plainly(&all);
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap_or(-1))
}

fn fixtures(lang: &str, kind: &str) -> Vec<String> {
    let dir = root().join("fixtures/letters").join(lang);
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(&format!(".{kind}.")))
        })
        .map(|p| p.strip_prefix(root()).unwrap_or(&p).display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn admin_letters_fail_and_plain_letters_pass() {
    for lang in ["fr", "nl", "de", "en"] {
        let admin = fixtures(lang, "admin");
        let plain = fixtures(lang, "plain");
        assert!(
            admin.len() >= 2 && plain.len() >= 2,
            "{lang}: fixtures missing"
        );
        for f in &admin {
            let (v, code) = json(&[f]);
            assert_eq!(code, 1, "{f} should have findings at warning or above");
            let file = &v["files"][0];
            assert_eq!(file["language"], lang, "{f}: language");
            let rules: Vec<&str> = file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["rule"].as_str().unwrap())
                .collect();
            assert!(rules.contains(&"sentence-length"), "{f}: {rules:?}");
        }
        for f in &plain {
            let (v, code) = json(&[f]);
            let file = &v["files"][0];
            assert_eq!(file["language"], lang, "{f}: language");
            let loud: Vec<&Value> = file["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|x| {
                    matches!(
                        x["severity"].as_str(),
                        Some("warning" | "error" | "blocker")
                    )
                })
                .collect();
            assert!(loud.is_empty(), "{f}: false alarms {loud:#?}");
            assert_eq!(code, 0, "{f}");
        }
    }
}

#[test]
fn json_locates_findings_in_the_source() {
    let f = &fixtures("fr", "admin")[0];
    let text = std::fs::read_to_string(root().join(f)).unwrap();
    let (v, _) = json(&[f]);
    assert_eq!(v["schema"], "plainly-check/1");
    let file = &v["files"][0];
    assert!(file["readability"]["scores"][0]["formula"] == "kandel-moles");
    for finding in file["findings"].as_array().unwrap() {
        if finding["block"].is_null() {
            continue;
        }
        let start = finding["span"]["start"].as_u64().unwrap() as usize;
        let end = finding["span"]["end"].as_u64().unwrap() as usize;
        let quoted = &text[start..end];
        let first = finding["excerpt"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap();
        assert!(quoted.starts_with(first), "{quoted:?} vs {first:?}");
        // Line and column agree with the byte offset.
        let line = finding["start"]["line"].as_u64().unwrap() as usize;
        let col = finding["start"]["column"].as_u64().unwrap() as usize;
        let line_text = text.lines().nth(line - 1).unwrap();
        let at: String = line_text
            .chars()
            .skip(col - 1)
            .take(first.chars().count())
            .collect();
        assert_eq!(at, first);
    }
}

#[test]
fn pretty_output_shows_the_line_and_a_summary() {
    let f = &fixtures("fr", "admin")[0];
    let out = plainly(&["check", f]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("[sentence-length]"), "{s}");
    assert!(s.contains(&format!("--> {f}:")), "{s}");
    assert!(s.contains("Kandel–Moles"), "{s}");
    assert!(s.contains("1 file checked, 0 could not be read"), "{s}");
}

#[test]
fn score_prints_the_formulas_of_each_language() {
    for (lang, name) in [
        ("fr", "Kandel–Moles"),
        ("nl", "Flesch–Douma"),
        ("de", "Amstad"),
        ("en", "Flesch Reading Ease"),
    ] {
        let f = &fixtures(lang, "plain")[0];
        let out = plainly(&["score", f]);
        let s = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{s}");
        assert!(s.contains(name), "{lang}: {s}");
    }
}

#[test]
fn forced_language_wins() {
    let f = &fixtures("fr", "plain")[0];
    let (v, _) = json(&["--lang", "nl", f]);
    assert_eq!(v["files"][0]["language"], "nl");
}

#[test]
fn bad_input_gives_one_line_and_status_2() {
    let dir = std::env::temp_dir().join(format!("plainly-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let unknown = dir.join("letter.xyz");
    std::fs::write(&unknown, "hello").unwrap();
    let good = root().join(&fixtures("en", "plain")[0]);
    let missing = dir.join("missing.md");
    let out = plainly(&[
        "check",
        binary.to_str().unwrap(),
        unknown.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{s}");
    assert!(
        s.contains("binary.txt: cannot check: file is not a text file"),
        "{s}"
    );
    assert!(
        s.contains("letter.xyz: cannot check: unknown file type"),
        "{s}"
    );
    assert!(
        s.contains("missing.md: cannot check: cannot open the file"),
        "{s}"
    );
    // The batch went on: the good file was checked.
    assert!(s.contains("4 files checked, 3 could not be read"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(plainly(&["check"]).status.code(), Some(2));
    assert_eq!(
        plainly(&["check", "--lang", "xx", "README.md"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        plainly(&["check", "--fail-on", "loud", "README.md"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn fail_on_threshold_decides_the_status() {
    let f = &fixtures("fr", "admin")[0];
    assert_eq!(
        plainly(&["check", "--fail-on", "blocker", f]).status.code(),
        Some(0)
    );
    assert_eq!(
        plainly(&["check", "--fail-on", "hint", f]).status.code(),
        Some(1)
    );
}

#[test]
fn windows_1252_letters_from_the_corpus_are_decoded() {
    let corpus = root().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    }
    for (lang, file) in [
        (
            "fr",
            "letters-fr/eID-toolkit_licensingtermsconditions_fr.txt",
        ),
        (
            "nl",
            "letters-nl/eID-toolkit_licensingtermsconditions_nl.txt",
        ),
        (
            "de",
            "letters-de/eID-toolkit_licensingtermsconditions_de.txt",
        ),
    ] {
        let path = corpus.join(file);
        let (v, code) = json(&[path.to_str().unwrap()]);
        assert_ne!(code, 2, "{file}");
        let f = &v["files"][0];
        assert_eq!(f["language"], lang, "{file}");
        assert!(f["readability"]["counts"]["words"].as_u64().unwrap() > 500);
        let excerpts: String = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["excerpt"].as_str().unwrap_or(""))
            .collect();
        assert!(
            !excerpts.contains('\u{FFFD}'),
            "{file}: replacement characters"
        );
    }
}

#[test]
fn folders_are_walked() {
    let out = plainly(&["check", "--format", "json", "fixtures/letters/de"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["files"].as_array().unwrap().len();
    let on_disk = std::fs::read_dir(root().join("fixtures/letters/de"))
        .unwrap()
        .filter(|e| {
            let p = e.as_ref().unwrap().path();
            matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "txt"))
        })
        .count();
    assert_eq!(n, on_disk);
    assert!(Path::new(&root().join("fixtures/letters/de")).is_dir());
}

const TEAM_LETTER: &str = "Madame, Monsieur,\n\nNous avons bien reçu votre demande. Adressez-vous au guichet unique de votre commune pour toute question sur votre dossier.\n";

/// The admin-cliche findings of each file of a JSON report: (path, excerpt, fixes).
fn cliches(v: &Value) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for file in v["files"].as_array().unwrap() {
        for f in file["findings"].as_array().unwrap() {
            if f["rule"] != "admin-cliche" {
                continue;
            }
            let fixes = f["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|x| x["edits"].as_array().unwrap().clone())
                .map(|e| e["replacement"].as_str().unwrap().to_string())
                .collect();
            out.push((
                file["path"].as_str().unwrap().to_string(),
                f["excerpt"].as_str().unwrap().to_string(),
                fixes,
            ));
        }
    }
    out
}

#[test]
fn project_lexicons_from_plainly_toml_stay_in_their_folder() {
    let dir = std::env::temp_dir().join(format!("plainly-team-lex-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (team, other) = (dir.join("team"), dir.join("other"));
    std::fs::create_dir_all(team.join("letters")).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(team.join("plainly.toml"), "lexicons = [\"team.toml\"]\n").unwrap();
    std::fs::write(team.join("team.toml"), common::TEAM_LEXICON).unwrap();
    std::fs::write(team.join("letters/a.txt"), TEAM_LETTER).unwrap();
    std::fs::write(other.join("b.txt"), TEAM_LETTER).unwrap();

    // One batch over both folders.
    let (v, code) = json(&[team.to_str().unwrap(), other.to_str().unwrap()]);
    assert_eq!(code, 1, "{v:#}");
    let found = cliches(&v);
    let in_team: Vec<_> = found.iter().filter(|f| f.0.contains("team")).collect();
    assert_eq!(in_team.len(), 1, "{found:?}");
    assert_eq!(in_team[0].1, "guichet unique");
    assert_eq!(in_team[0].2, vec!["bureau d'accueil".to_string()]);
    let message = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "admin-cliche")
        .and_then(|f| f["message"].as_str())
        .unwrap()
        .to_string();
    assert!(message.contains("bureau d'accueil"), "{message}");
    // The folder without that plainly.toml is not affected.
    assert!(!found.iter().any(|f| f.0.contains("other")), "{found:?}");

    // Allowed words in plainly.toml silence a lexicon finding.
    std::fs::write(
        team.join("plainly.toml"),
        "lexicons = [\"team.toml\"]\nallowed = [\"guichet unique\"]\n",
    )
    .unwrap();
    let (v, _) = json(&[team.to_str().unwrap()]);
    assert!(cliches(&v).is_empty(), "{v:#}");

    // A broken lexicon file: one clear line with file and line, exit status 2.
    std::fs::write(
        team.join("team.toml"),
        "lang = \"fr\"\n\n[[entry]]\nid = 3\n",
    )
    .unwrap();
    let out = plainly(&["check", team.to_str().unwrap(), other.to_str().unwrap()]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{s}");
    assert!(s.contains("team.toml:4:"), "{s}");
    assert!(s.contains("2 files checked, 1 could not be read"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}
