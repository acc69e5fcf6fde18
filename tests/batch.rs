//! Batch behaviour of `plainly check` and `plainly extract`: limits in their own units,
//! `--quiet`, folder walking (.gitignore, `plainly.toml` ignore globs), the progress bar,
//! the closing summary, and extraction with places.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::Value;
use std::io::Write as _;
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
        .env_remove("CI")
        .env("XDG_CONFIG_HOME", root().join("target/no-user-config"))
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plainly-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A plain English letter from the fixtures.
fn good_letter() -> PathBuf {
    root().join("fixtures/letters/en/address-change.plain.txt")
}

#[test]
fn text_limit_counts_characters_and_can_be_raised() {
    let dir = tempdir("chars");
    // 600 characters, 1,200 bytes: only a count in characters puts it between 500 and 700.
    let file = dir.join("long.txt");
    std::fs::write(&file, "é".repeat(600)).unwrap();
    let out = plainly(&["check", "--max-text-chars", "500", s(&file)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{o}");
    assert!(
        o.contains(
            "cannot check: the text is longer than 500 characters (the limit): it has 600; \
             --max-text-chars raises it"
        ),
        "{o}"
    );
    assert!(!o.contains("bytes"), "{o}");
    let out = plainly(&["check", "--max-text-chars", "700", s(&file)]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stdout));

    // The default: 20 million characters, said as such.
    let out = plainly(&["extract", "--max-text-chars", "20000000", s(&file)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim_end(), "é".repeat(600));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_limit_is_in_megabytes_and_separate_from_the_text_limit() {
    let dir = tempdir("mb");
    let file = dir.join("big.txt");
    let para = "Nous avons bien reçu votre demande.\n\n";
    let mut f = std::fs::File::create(&file).unwrap();
    while f.metadata().unwrap().len() < 1536 * 1024 {
        f.write_all(para.repeat(1000).as_bytes()).unwrap();
    }
    drop(f);
    let size = std::fs::metadata(&file).unwrap().len();
    let mb = format!("{:.1} MB", size as f64 / (1024.0 * 1024.0));

    let out = plainly(&["extract", "--max-file-mb", "1", s(&file)]);
    let e = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(
        e.contains(&format!(
            "the file is larger than 1 MB (the limit): it has {mb}; --max-file-mb raises it"
        )),
        "{e}"
    );
    // Raising the file limit is enough: the text limit is its own, in characters.
    let out = plainly(&["extract", "--max-file-mb", "2", s(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = plainly(&[
        "extract",
        "--max-file-mb",
        "2",
        "--max-text-chars",
        "1000000",
        s(&file),
    ]);
    let e = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        e.contains("the text is longer than 1 million characters (the limit)"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quiet_never_hides_why_a_file_failed() {
    let dir = tempdir("quiet");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let good = good_letter();
    let out = plainly(&["check", "--quiet", s(&binary), s(&good)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{o}");
    assert!(
        o.contains("binary.txt: cannot check: file is not a text file"),
        "{o}"
    );
    // Quiet still drops the summary and the per-file score lines.
    assert!(!o.contains("files checked"), "{o}");
    assert!(!o.contains("· score "), "{o}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_file_is_reported_not_scored() {
    let dir = tempdir("empty");
    let empty = dir.join("empty.md");
    std::fs::write(&empty, " \n\n").unwrap();
    let good = good_letter();
    let out = plainly(&["check", s(&empty), s(&good)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{o}");
    assert!(
        o.contains("empty.md: cannot check: no usable text: the file is empty"),
        "{o}"
    );
    assert_eq!(
        o.matches("empty.md").count(),
        2,
        "one line, and the summary: {o}"
    );
    assert!(o.contains("address-change.plain.txt: en · score"), "{o}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Files checked in `dir`, as JSON paths relative to it.
fn checked(dir: &Path) -> Vec<String> {
    let out = plainly(&["check", "--format", "json", s(dir)]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = PathBuf::from(f["path"].as_str().unwrap());
            p.strip_prefix(dir).unwrap().display().to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn folders_honour_gitignore_and_ignore_globs() {
    let letter = std::fs::read_to_string(good_letter()).unwrap();
    let dir = tempdir("walk");
    for f in ["a.txt", "drafts/b.txt", "old/c.md", "keep/d.md"] {
        let p = dir.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &letter).unwrap();
    }
    assert_eq!(
        checked(&dir),
        ["a.txt", "drafts/b.txt", "keep/d.md", "old/c.md"]
    );
    // .gitignore, in a folder that is not a Git repository.
    std::fs::write(dir.join(".gitignore"), "drafts/\n").unwrap();
    assert_eq!(checked(&dir), ["a.txt", "keep/d.md", "old/c.md"]);
    // plainly.toml's ignore globs, on top.
    std::fs::write(dir.join("plainly.toml"), "ignore = [\"old/**\"]\n").unwrap();
    assert_eq!(checked(&dir), ["a.txt", "keep/d.md"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_lists_failures_severities_and_scores() {
    let dir = tempdir("summary");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 1, 2]).unwrap();
    let letters = "fixtures/letters/fr";
    let out = plainly(&["check", letters, s(&binary)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    let json = plainly(&["check", "--format", "json", letters, s(&binary)]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let summary = &v["summary"];
    assert_eq!(summary["files"].as_u64(), Some(files.len() as u64));
    assert_eq!(summary["failed"], 1);

    assert!(
        o.contains(&format!(
            "{} files checked, 1 could not be read, {} findings",
            files.len(),
            summary["findings"]
        )),
        "{o}"
    );
    assert!(
        o.contains(&format!(
            "not read: {}: file is not a text file",
            binary.display()
        )),
        "{o}"
    );
    // Findings by severity: the same counts as the JSON summary.
    let line = o.lines().find(|l| l.starts_with("findings: ")).unwrap();
    for (sev, n) in summary["by_severity"].as_object().unwrap() {
        assert!(
            line.contains(&format!("{n} {sev}")),
            "{line} lacks {n} {sev}"
        );
    }
    // Score distribution: one band per document that was read, each band right.
    let line = o.lines().find(|l| l.starts_with("scores: ")).unwrap();
    let mut bands = std::collections::BTreeMap::new();
    for f in files.iter().filter(|f| f["error"].is_null()) {
        let score = f["score"]["value"].as_f64().unwrap();
        let band = ["0–19", "20–39", "40–59", "60–79", "80–100"][((score / 20.0) as usize).min(4)];
        *bands.entry(band).or_insert(0) += 1;
    }
    for (band, n) in &bands {
        assert!(line.contains(&format!("{band}: {n}")), "{line}");
    }
    let shown: usize = line
        .trim_start_matches("scores: ")
        .split(" · ")
        .map(|b| b.rsplit(": ").next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(shown, files.len() - 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run `plainly` under a pseudo-terminal (util-linux `script`), returning what it drew.
fn on_a_terminal(args: &str, env: &[(&str, &str)]) -> Option<String> {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        return None;
    }
    let cmd = format!("{} {args} >/dev/null", env!("CARGO_BIN_EXE_plainly"));
    let mut c = Command::new(script);
    c.args(["-qec", &cmd, "/dev/null"])
        .current_dir(root())
        .env_remove("CI");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().ok()?;
    Some(text(&out.stdout))
}

#[test]
fn progress_bar_only_for_people() {
    // Not a terminal (the test captures stderr): no bar.
    let out = plainly(&["check", "fixtures/letters"]);
    assert!(
        !text(&out.stderr).contains(" files"),
        "{}",
        text(&out.stderr)
    );

    let Some(drawn) = on_a_terminal("check fixtures/letters", &[]) else {
        println!("skipped the terminal half: /usr/bin/script is absent");
        return;
    };
    let bar = |s: &str| s.contains(" files") && s.contains('/');
    assert!(bar(&drawn), "no progress bar on a terminal: {drawn:?}");
    let in_ci = on_a_terminal("check fixtures/letters", &[("CI", "true")]).unwrap();
    assert!(!bar(&in_ci), "progress bar in CI: {in_ci:?}");
    let quiet = on_a_terminal("check --quiet fixtures/letters", &[]).unwrap();
    assert!(!bar(&quiet), "progress bar with --quiet: {quiet:?}");
}

/// The team's French DOCX fixture, zipped from its XML parts.
fn docx_fixture(dir: &Path) -> PathBuf {
    let src = root().join("fixtures/office/docx-lettre-fr");
    let mut parts = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p
                    .strip_prefix(&src)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                parts.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    parts.sort();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in &parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    let path = dir.join("lettre-fr.docx");
    std::fs::write(&path, w.finish().unwrap().into_inner()).unwrap();
    path
}

#[test]
fn extract_prints_the_docx_as_plainly_reads_it() {
    let dir = tempdir("extract-docx");
    let docx = docx_fixture(&dir);
    let plain = plainly(&["extract", s(&docx)]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stderr));
    let plain = text(&plain.stdout);
    let placed = plainly(&["extract", "--places", s(&docx)]);
    let placed = text(&placed.stdout);

    // Blocks separated by blank lines; with --places each block gains one line before it.
    let blocks: Vec<&str> = plain.trim_end().split("\n\n").collect();
    let headed: Vec<&str> = placed.trim_end().split("\n\n").collect();
    assert_eq!(blocks.len(), headed.len());
    for (b, h) in blocks.iter().zip(&headed) {
        let (place, body) = h.split_once('\n').unwrap();
        assert!(place.starts_with('[') && place.ends_with(']'), "{place}");
        assert_eq!(body, *b);
    }
    // What a writer would look for: the header, the body in order, a table cell, a note.
    assert!(headed[0].starts_with("[word/header1.xml, paragraph 1 · header]\n"));
    let objet = blocks
        .iter()
        .position(|b| b.starts_with("Objet :"))
        .unwrap();
    let droits = blocks.iter().position(|b| *b == "Vos droits").unwrap();
    assert!(objet < droits);
    assert!(
        placed.contains(
            "[word/document.xml, table 1, row 2, cell 2, paragraph 11 · table cell]\n1 234,56 €"
        ),
        "{placed}"
    );
    assert!(placed.contains("[word/footnotes.xml, note 1, paragraph 1 · note]"));
    // Merge fields stay in place, as opaque tokens.
    assert!(plain.contains("Madame «Nom»,"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A two-page PDF in Helvetica (standard metrics, no embedded font).
fn two_page_pdf() -> Vec<u8> {
    let page1 = "BT /F1 12 Tf 72 720 Td (Nous avons bien recu votre demande du 3 mars.) Tj 0 -16 Td (Vous ne devez rien faire pour le moment.) Tj ET";
    let page2 =
        "BT /F1 12 Tf 72 720 Td (Vous pouvez contester cette decision dans les trois mois.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{page1}\nendstream", page1.len()),
        format!("<< /Length {} >>\nstream\n{page2}\nendstream", page2.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    common::pdf_file(&objects)
}

#[test]
fn extract_shows_pdf_pages_and_lines() {
    let dir = tempdir("extract-pdf");
    let pdf = dir.join("lettre.pdf");
    std::fs::write(&pdf, two_page_pdf()).unwrap();
    let out = plainly(&["extract", "--places", s(&pdf)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let first = o.find("Nous avons bien recu votre demande").unwrap();
    let second = o.find("Vous pouvez contester").unwrap();
    assert!(first < second, "{o}");
    let header_of = |at: usize| o[..at].lines().rev().find(|l| l.starts_with('[')).unwrap();
    for (at, page) in [(first, 1), (second, 2)] {
        let h = header_of(at);
        assert!(h.starts_with(&format!("[page {page}, ")), "{o}");
        assert!(h.contains("line 1"), "{o}");
    }

    // Several files: each under its name; an unreadable one gets one line and status 2.
    let bad = dir.join("not.pdf");
    std::fs::write(&bad, "not a pdf").unwrap();
    let out = plainly(&["extract", s(&pdf), s(&bad), s(&good_letter())]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        o.starts_with(&format!("==> {} <==\n", pdf.display())),
        "{o}"
    );
    assert!(o.contains(&format!("==> {} <==", good_letter().display())));
    assert_eq!(
        text(&out.stderr).trim_end(),
        format!("{}: cannot read: file is not a PDF file", bad.display())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plainly_toml_sets_limits_and_options_override_it() {
    let dir = tempdir("toml-limits");
    let file = dir.join("long.txt");
    std::fs::write(&file, "é".repeat(600)).unwrap();
    let config = dir.join("plainly.toml");
    std::fs::write(&config, "[limits]\nmax-text-chars = 500\n").unwrap();
    let out = plainly(&["check", s(&file)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{o}");
    assert!(
        o.contains(&format!(
            "the text is longer than 500 characters (the limit): it has 600; \
             max-text-chars in [limits] of {} raises it",
            config.display()
        )),
        "{o}"
    );
    // `plainly extract` reads as `plainly check` does.
    let out = plainly(&["extract", s(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("max-text-chars in [limits] of"));
    // An option wins over the file, both ways.
    let out = plainly(&["check", "--max-text-chars", "700", s(&file)]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stdout));
    std::fs::write(&config, "[limits]\nmax-text-chars = 700\n").unwrap();
    assert_ne!(plainly(&["check", s(&file)]).status.code(), Some(2));
    let out = plainly(&["check", "--max-text-chars", "500", s(&file)]);
    let o = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{o}");
    assert!(o.contains("it has 600; --max-text-chars raises it"), "{o}");
    // `plainly config` shows the limits in force, defaults included.
    let out = plainly(&["config", s(&file)]);
    let o = text(&out.stdout);
    assert!(o.contains("[limits]"), "{o}");
    assert!(o.contains("max-text-chars = 700"), "{o}");
    assert!(o.contains("max-file-mb = 100"), "{o}");
    assert!(o.contains("time-limit = 30"), "{o}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_folder_gets_the_limits_of_its_plainly_toml() {
    let dir = tempdir("two-limits");
    for (folder, max) in [("strict", 500), ("loose", 5000)] {
        let sub = dir.join(folder);
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("long.txt"), "é".repeat(600)).unwrap();
        std::fs::write(
            sub.join("plainly.toml"),
            format!("[limits]\nmax-text-chars = {max}\n"),
        )
        .unwrap();
    }
    let out = plainly(&[
        "check",
        "--format",
        "json",
        s(&dir.join("strict")),
        s(&dir.join("loose")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{v}");
    let failed: Vec<bool> = ["strict", "loose"]
        .iter()
        .map(|folder| {
            let f = files
                .iter()
                .find(|f| f["path"].as_str().unwrap().contains(folder))
                .unwrap();
            f.to_string().contains("longer than 500 characters")
        })
        .collect();
    assert_eq!(failed, [true, false], "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_limits_in_plainly_toml_are_configuration_errors() {
    let dir = tempdir("bad-limits");
    let file = dir.join("a.txt");
    std::fs::copy(good_letter(), &file).unwrap();
    let config = dir.join("plainly.toml");
    for (value, words) in [
        ("0", "at least 1"),
        ("-5", "at least 1"),
        ("\"lots\"", "whole number"),
        ("99999999999", "too large"),
    ] {
        std::fs::write(&config, format!("[limits]\nmax-text-chars = {value}\n")).unwrap();
        let out = plainly(&["check", s(&file)]);
        let o = text(&out.stdout) + &text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{value}: {o}");
        assert!(
            o.contains(&format!("bad configuration: {}:2:", config.display())),
            "{value}: {o}"
        );
        assert!(o.contains(words), "{value}: {o}");
        // `--config` with the same file stops the run at once.
        let out = plainly(&["check", "--config", s(&config), s(&file)]);
        assert_eq!(out.status.code(), Some(2), "{value}");
        assert!(text(&out.stderr).contains(words), "{value}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
