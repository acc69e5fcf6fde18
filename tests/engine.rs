//! End-to-end tests of the engine features around the rules: configuration files, inline
//! suppressions, baselines, the score, `rules` / `explain` / `config`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn plainly_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", dir.join(".no-user-config"))
        .output()
        .unwrap()
}

fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = plainly_in(dir, &all);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out.status.code().unwrap_or(-1))
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plainly-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn rules_of(v: &Value) -> Vec<String> {
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

const LONG: &str = "Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.";

#[test]
fn plainly_toml_is_found_walking_up_and_overrides_apply() {
    let d = tempdir("config");
    std::fs::create_dir_all(d.join("letters/sub")).unwrap();
    std::fs::create_dir_all(d.join("brochures")).unwrap();
    std::fs::write(
        d.join("plainly.toml"),
        "language = \"fr\"\n[rules.sentence-length]\nwarning = 40\nerror = 60\n\n[[overrides]]\npaths = [\"brochures/**\"]\nrules.sentence-length.warning = 10\n",
    )
    .unwrap();
    std::fs::write(d.join("letters/sub/a.txt"), LONG).unwrap();
    std::fs::write(d.join("brochures/b.txt"), LONG).unwrap();
    let (v, _) = json_in(&d, &["letters/sub/a.txt"]);
    assert!(
        !rules_of(&v).contains(&"sentence-length".to_string()),
        "{v:#}"
    );
    let (v, _) = json_in(&d, &["brochures/b.txt"]);
    assert!(rules_of(&v).contains(&"sentence-length".to_string()));
    // `plainly config` shows the effective settings and where they come from.
    let out = plainly_in(&d, &["config", "brochures/b.txt"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("plainly.toml"), "{s}");
    assert!(s.contains("warning = 10.0"), "{s}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_bad_configuration_names_file_and_line() {
    let d = tempdir("badconfig");
    std::fs::write(
        d.join("plainly.toml"),
        "language = \"fr\"\nprofil = \"letter\"\n",
    )
    .unwrap();
    std::fs::write(d.join("a.txt"), LONG).unwrap();
    let out = plainly_in(&d, &["check", "a.txt"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(s.contains("plainly.toml:2:"), "{s}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn inline_directives_switch_rules_off() {
    let d = tempdir("suppress");
    let md = format!(
        "{LONG}\n\n<!-- plainly-disable sentence-length -->\n\n{LONG}\n\n<!-- plainly-enable -->\n\n{LONG}\n\n<!-- plainly-disable-next-line -->\n{LONG}\n"
    );
    std::fs::write(d.join("a.md"), md).unwrap();
    let (v, _) = json_in(&d, &["--lang", "fr", "a.md"]);
    let lines: Vec<u64> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "sentence-length" && !f["block"].is_null())
        .map(|f| f["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![1, 9], "{v:#}");
    assert!(v["files"][0]["suppressed"].as_u64().unwrap() >= 2);
    // Plain text: the same words alone on a line.
    let txt = format!("{LONG}\n\n# plainly-disable-next-line sentence-length\n{LONG}\n");
    std::fs::write(d.join("b.txt"), txt).unwrap();
    let (v, _) = json_in(&d, &["--lang", "fr", "b.txt"]);
    let n = rules_of(&v)
        .iter()
        .filter(|r| *r == "sentence-length")
        .count();
    assert_eq!(n, 1, "{v:#}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn baseline_hides_known_findings_and_survives_edits_elsewhere() {
    let d = tempdir("baseline");
    std::fs::write(d.join("a.txt"), format!("{LONG}\n")).unwrap();
    let out = plainly_in(
        &d,
        &[
            "check",
            "--lang",
            "fr",
            "--write-baseline",
            "base.json",
            "a.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let (_, code) = json_in(&d, &["--lang", "fr", "--baseline", "base.json", "a.txt"]);
    assert_eq!(code, 0);
    // An edit elsewhere (a new paragraph above) keeps the old finding known...
    std::fs::write(d.join("a.txt"), format!("Bonjour.\n\n{LONG}\n")).unwrap();
    let (v, code) = json_in(&d, &["--lang", "fr", "--baseline", "base.json", "a.txt"]);
    assert_eq!(code, 0, "{v:#}");
    // ...while a new long sentence is reported.
    let new = LONG.replace("quinze", "trente");
    std::fs::write(d.join("a.txt"), format!("{LONG}\n\n{new}\n")).unwrap();
    let (v, code) = json_in(&d, &["--lang", "fr", "--baseline", "base.json", "a.txt"]);
    assert_eq!(code, 1);
    assert!(rules_of(&v).contains(&"sentence-length".to_string()));
    let _ = std::fs::remove_dir_all(&d);
}

fn score(path: &Path) -> f64 {
    let (v, _) = json_in(&root(), &[path.to_str().unwrap()]);
    v["files"][0]["score"]["value"].as_f64().unwrap()
}

#[test]
fn plain_rewrites_score_higher_than_officialese() {
    let dir = root().join("fixtures/letters");
    let mut pairs = 0;
    for lang in ["fr", "nl", "de", "en"] {
        for e in std::fs::read_dir(dir.join(lang)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            if !name.contains(".admin.") {
                continue;
            }
            let plain = p.with_file_name(name.replace(".admin.", ".plain."));
            if !plain.exists() {
                continue;
            }
            let (a, b) = (score(&p), score(&plain));
            println!("{lang} {name}: officialese {a:.1} → plain {b:.1}");
            assert!(b > a + 5.0, "{name}: plain {b} not clearly above admin {a}");
            pairs += 1;
        }
    }
    assert!(pairs >= 8);
}

#[test]
fn splitting_a_long_sentence_raises_the_score() {
    let d = tempdir("split");
    std::fs::write(d.join("long.txt"), format!("{LONG} {LONG}")).unwrap();
    std::fs::write(
        d.join("short.txt"),
        "Vous trouverez le formulaire C4 avec cette lettre. Remplissez-le. Renvoyez-le au bureau du chômage dans les quinze jours. Le délai commence quand vous recevez cette lettre.",
    )
    .unwrap();
    let (a, _) = json_in(&d, &["--lang", "fr", "long.txt"]);
    let (b, _) = json_in(&d, &["--lang", "fr", "short.txt"]);
    let (a, b) = (
        a["files"][0]["score"]["value"].as_f64().unwrap(),
        b["files"][0]["score"]["value"].as_f64().unwrap(),
    );
    assert!(b > a, "{a} → {b}");
    // --min-score turns the score into an exit status.
    let out = plainly_in(
        &d,
        &[
            "check",
            "--lang",
            "fr",
            "--fail-on",
            "blocker",
            "--min-score",
            "99",
            "long.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn rules_and_explain_speak_the_writers_language() {
    let out = plainly_in(&root(), &["rules", "--lang", "de"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("sentence-length"));
    assert!(s.contains("Sätze"), "{s}");
    let out = plainly_in(&root(), &["explain", "sentence-length", "--lang", "fr"]);
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Exemples") && s.contains("Signalé"), "{s}");
    let out = plainly_in(&root(), &["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
}
