//! The same document as HTML, ODT, DOCX and PDF gives the same sentences and scores
//! within a small tolerance. The team writes the HTML (fixtures/consistency/); LibreOffice
//! (Debian `libreoffice-writer-nogui`) converts it. Skips with a reason where it is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn soffice() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .flat_map(|d| [d.join("soffice"), d.join("libreoffice")])
        .find(|p| p.is_file())
}

fn convert(soffice: &Path, input: &Path, filter: &str, dir: &Path) {
    let profile = dir.join("lo-profile");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn measure(path: &Path, lang: &str) -> (f64, f64, f64) {
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "blocker",
            "--lang",
            lang,
        ])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    assert!(f["error"].is_null(), "{}: {}", path.display(), f["error"]);
    let c = &f["readability"]["counts"];
    (
        c["sentences"].as_f64().unwrap(),
        c["words"].as_f64().unwrap(),
        f["readability"]["scores"][0]["value"].as_f64().unwrap(),
    )
}

#[test]
fn same_document_same_scores_in_every_format() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: no LibreOffice (soffice) on PATH (Debian `libreoffice-writer-nogui`)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/consistency");
    let dir = std::env::temp_dir().join(format!("plainly-consistency-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, lang) in [("lettre-fr", "fr"), ("brief-nl", "nl")] {
        let html = root.join(format!("{name}.html"));
        convert(&soffice, &html, "odt:writer8", &dir);
        let odt = dir.join(format!("{name}.odt"));
        convert(&soffice, &odt, "docx:MS Word 2007 XML", &dir);
        convert(&soffice, &odt, "pdf:writer_pdf_Export", &dir);
        let reference = measure(&html, lang);
        println!("{name}.html: {reference:?}");
        for ext in ["odt", "docx", "pdf"] {
            let got = measure(&dir.join(format!("{name}.{ext}")), lang);
            println!("{name}.{ext}: {got:?}");
            assert!(
                (got.0 - reference.0).abs() <= 1.0,
                "{name}.{ext} sentences {got:?} vs {reference:?}"
            );
            assert!(
                (got.1 - reference.1).abs() <= reference.1 * 0.03,
                "{name}.{ext} words {got:?} vs {reference:?}"
            );
            assert!(
                (got.2 - reference.2).abs() <= 3.0,
                "{name}.{ext} score {got:?} vs {reference:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
