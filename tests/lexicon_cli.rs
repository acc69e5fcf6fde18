//! `plainly lexicon …`: check and stats on the repository's lexicons, and the workshop
//! round trip (export → import) on a copy of them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../cli/src/lexicon_cmd.rs"]
mod lexicon_cmd;

use clap::Parser;
use lexicon_cmd::{LexiconArgs, run_to};
use plainly_rules::lexicon::Lexicon;
use std::path::{Path, PathBuf};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: LexiconArgs,
}

/// Run `plainly lexicon ARGS…`: (exit status, output).
fn lexicon(args: &[&str]) -> (u8, String) {
    let cli = Cli::try_parse_from(std::iter::once("lexicon").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    let code = run_to(cli.args, &mut out).unwrap_or_else(|e| panic!("{e:#}"));
    (code, String::from_utf8(out).unwrap())
}

fn repo_lexicons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../lexicons")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// A scratch copy of the repository's entry files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plainly-lexcli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for lang in ["fr", "nl", "de", "en"] {
        let terms = repo_lexicons().join(lang).join("terms");
        if terms.is_dir() {
            copy_dir(&terms, &dir.join(lang).join("terms"));
        }
    }
    dir
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for lang in ["fr", "nl", "de", "en"] {
        for f in plainly_rules::lexicon::term_files(dir, lang.parse().unwrap()) {
            out.push((f.clone(), std::fs::read(&f).unwrap()));
        }
    }
    out
}

#[test]
fn check_passes_on_the_repository() {
    let dir = repo_lexicons();
    let (code, out) = lexicon(&["check", "--dir", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" 0 errors"), "{out}");
}

#[test]
fn check_reports_file_and_line() {
    let dir = std::env::temp_dir().join(format!("plainly-lexcli-bad-{}", std::process::id()));
    let terms = dir.join("fr").join("terms");
    std::fs::create_dir_all(&terms).unwrap();
    std::fs::write(
        terms.join("cliche.toml"),
        "[[entry]]\nid = \"a\"\nforms = [\"suite à\"]\nalternatives = [\"après\"]\nexplanation = \"x\"\ncategory = \"cliche\"\nseverity = \"warning\"\nstatus = \"accepted\"\nproposed_by = \"legal staff\"\nreviewed_by = [\"legal staff\"]\ndate = \"2026-11-25\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let (code, out) = lexicon(&["check", "--dir", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("cliche.toml:12: error: unknown field `colour`"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stats_table() {
    let dir = repo_lexicons();
    let (code, out) = lexicon(&["stats", "--dir", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("lang  category"), "{out}");
    assert!(out.contains("fr    all"), "{out}");
}

#[test]
fn csv_export_for_belgian_excel() {
    let dir = repo_lexicons();
    let file = std::env::temp_dir().join(format!("plainly-lexcli-{}.csv", std::process::id()));
    let (code, out) = lexicon(&[
        "export",
        "--lang",
        "fr",
        "--format",
        "csv",
        "-o",
        file.to_str().unwrap(),
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let header = text.split("\r\n").next().unwrap();
    assert_eq!(
        header,
        "id (fr);mot ou expression;mot proposé;explication;exemple de phrase;compris ? (oui/non);meilleur mot;commentaire;décision (accepté/refusé)"
    );
    assert!(!text.replace("\r\n", "").contains('\n') || text.contains('"'));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn round_trip_of_an_unchanged_sheet_changes_nothing() {
    for format in ["csv", "xlsx"] {
        let dir = scratch(&format!("rt-{format}"));
        let before = snapshot(&dir);
        let sheet = dir.join(format!("sheet.{format}"));
        for lang in ["fr", "nl", "de", "en"] {
            let (code, out) = lexicon(&[
                "export",
                "--lang",
                lang,
                "--format",
                format,
                "-o",
                sheet.to_str().unwrap(),
                "--dir",
                dir.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{out}");
            let (code, out) = lexicon(&[
                "import",
                sheet.to_str().unwrap(),
                "--dir",
                dir.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{out}");
            assert!(out.contains("No changes."), "{lang} {format}: {out}");
        }
        assert_eq!(
            snapshot(&dir),
            before,
            "files changed by a {format} round trip"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn import_merges_workshop_answers() {
    let dir = scratch("answers");
    let before = Lexicon::load_dir(&dir).lexicon.entries().len();
    let sheet = dir.join("sheet.csv");
    lexicon(&[
        "export",
        "--lang",
        "fr",
        "--format",
        "csv",
        "-o",
        sheet.to_str().unwrap(),
        "--dir",
        dir.to_str().unwrap(),
    ]);
    // The workshop fills in the row of `cohabitant`… and adds a word of its own.
    let text = String::from_utf8(std::fs::read(&sheet).unwrap()).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("in-casu;"))
        .expect("in-casu row");
    let cells: Vec<&str> = lines[i].split(';').collect();
    lines[i] = format!(
        "{};{};{};{};{};3 oui, 1 non;dans votre cas;Personne ne connaissait ce mot;accepté",
        cells[0], cells[1], cells[2], cells[3], cells[4]
    );
    lines.insert(
        i + 1,
        ";forclusion;;;;non;délai dépassé;mot inconnu;".into(),
    );
    std::fs::write(&sheet, lines.join("\r\n")).unwrap();

    // Dry run: a readable diff, nothing written.
    let snap = snapshot(&dir);
    let (code, out) = lexicon(&[
        "import",
        sheet.to_str().unwrap(),
        "--dry-run",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("in-casu"), "{out}");
    assert!(out.contains("+ alternative: \"dans votre cas\""), "{out}");
    assert!(
        out.contains("votes: understood 0 -> 3, not understood 0 -> 1"),
        "{out}"
    );
    assert!(
        out.contains("+ comment: \"Personne ne connaissait ce mot\""),
        "{out}"
    );
    assert!(
        out.contains("+ new entry forclusion (jargon, proposed)"),
        "{out}"
    );
    assert!(out.contains("Dry run"), "{out}");
    assert_eq!(snapshot(&dir), snap);

    let (code, out) = lexicon(&[
        "import",
        sheet.to_str().unwrap(),
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let loaded = Lexicon::load_dir(&dir);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(
        loaded.lexicon.entries().len(),
        before + 1,
        "an entry was lost or not added"
    );
    let e = &loaded
        .lexicon
        .get("fr".parse().unwrap(), "in-casu")
        .unwrap()
        .entry;
    assert!(e.alternatives.contains(&"dans votre cas".to_string()));
    assert_eq!(e.votes.unwrap().understood, 3);
    assert_eq!(e.votes.unwrap().not_understood, 1);
    assert_eq!(
        e.comments,
        vec!["Personne ne connaissait ce mot".to_string()]
    );
    let new = &loaded
        .lexicon
        .get("fr".parse().unwrap(), "forclusion")
        .unwrap()
        .entry;
    assert_eq!(new.status, plainly_rules::lexicon::Status::Proposed);
    assert_eq!(new.alternatives, vec!["délai dépassé".to_string()]);
    // What the import wrote passes the check (other languages are not its business).
    let (_, out) = lexicon(&["check", "--dir", dir.to_str().unwrap()]);
    let fr_errors: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("/fr/terms/") && l.contains(": error:"))
        .collect();
    assert!(fr_errors.is_empty(), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_validates_the_files_a_plainly_toml_names() {
    let dir = std::env::temp_dir().join(format!("plainly-lexcli-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("words")).unwrap();
    let config = dir.join("plainly.toml");
    std::fs::write(&config, "lexicons = [\"words/team.toml\"]\n").unwrap();
    let good = r#"lang = "fr"

[[entry]]
id = "guichet-unique"
forms = ["guichet unique"]
alternatives = ["bureau d'accueil"]
explanation = "Chez nous, on dit « bureau d'accueil »."
category = "cliche"
severity = "warning"
status = "accepted"
proposed_by = "case handler"
reviewed_by = ["expert by experience"]
date = "2026-11-25"
example = "Adressez-vous au guichet unique."
"#;
    std::fs::write(dir.join("words/team.toml"), good).unwrap();
    let nowhere = dir.join("no-lexicons-here");
    let args = |c: &Path| {
        vec![
            "check".to_string(),
            "--dir".into(),
            nowhere.display().to_string(),
            "--config".into(),
            c.display().to_string(),
        ]
    };
    let run = |a: Vec<String>| lexicon(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, out) = run(args(&config));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 entries in 1 files: 0 errors, 0 warnings"),
        "{out}"
    );
    // An example that does not contain the form: an error in the project's file.
    std::fs::write(
        dir.join("words/team.toml"),
        good.replace(
            "Adressez-vous au guichet unique.",
            "Adressez-vous au bureau.",
        ),
    )
    .unwrap();
    let (code, out) = run(args(&config));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("team.toml:"), "{out}");
    assert!(out.contains("contains none of the forms"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
