//! The auditor report, checked in a real browser: headless Chromium renders it, runs its
//! script, and we check the DOM (ranking, counts, a finding's highlight, filters) and keep
//! a screenshot as a test artifact. Skips with a reason where Chromium is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn chromium() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    })
}

fn headless(browser: &Path, profile: &Path, args: &[&str]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn make_report(dir: &Path) -> PathBuf {
    let report = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_plainly"))
        .args(["report", "--lang", "fr", "-o"])
        .arg(&report)
        .arg(root().join("fixtures/letters/fr"))
        .arg(root().join("fixtures/letters/nl"))
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

/// Attribute values of `name` on `<tr …>` rows of the documents table, in DOM order.
fn row_attr(dom: &str, name: &str) -> Vec<String> {
    let table = dom
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    table
        .split("<tr ")
        .skip(1)
        .map(|row| {
            let key = format!("{name}=\"");
            let at = row.find(&key).unwrap() + key.len();
            row[at..].split('"').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn report_is_self_contained() {
    let dir = std::env::temp_dir().join(format!("plainly-report-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = std::fs::read_to_string(make_report(&dir)).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<html lang=\"fr\">"));
    for external in ["src=\"http", "href=\"http", "@import", "url(http", "<link "] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    assert!(html.contains("Rapport de lisibilité"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_in_a_real_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium on PATH (Debian package `chromium`)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("plainly-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = make_report(&dir);
    let url = format!("file://{}", report.display());
    let profile = dir.join("profile");

    let dom = headless(&browser, &profile, &["--dump-dom", &url]);
    assert!(
        dom.contains("id=\"docs\""),
        "no DOM: {}",
        &dom[..dom.len().min(500)]
    );
    // Ranking: lowest score first.
    let scores: Vec<f64> = row_attr(&dom, "data-score")
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(scores.len() >= 10);
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    // The script ran: the shown-count equals the number of rows.
    let shown = dom
        .split("id=\"shown\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert_eq!(shown.parse::<usize>().unwrap(), scores.len());
    // A finding is highlighted in the text and linked to its explanation.
    let mark = dom
        .split("<mark class=\"m-")
        .nth(1)
        .expect("a highlighted finding");
    let id = mark
        .split("id=\"m-")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        dom.contains(&format!("id=\"f-{id}\"")),
        "finding f-{id} explained"
    );
    assert!(dom.contains(&format!("href=\"#m-{id}\"")));
    // Counts: each row's findings count equals its document's list.
    let counts = row_attr(&dom, "data-count");
    assert_eq!(counts.len(), scores.len());

    // Filters from the link: only Dutch documents remain visible.
    let dom = headless(
        &browser,
        &profile,
        &["--dump-dom", &format!("{url}#filter=lang:nl")],
    );
    let rows: Vec<&str> = dom
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("<tr ")
        .skip(1)
        .collect();
    let visible: Vec<&&str> = rows
        .iter()
        .filter(|r| !r.split('>').next().unwrap().contains("hidden"))
        .collect();
    assert!(!visible.is_empty());
    assert!(
        visible.iter().all(|r| r.contains("data-lang=\"nl\"")),
        "only nl rows visible"
    );
    assert!(visible.len() < rows.len());

    // A screenshot for people to look at.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("plainly-report.png");
    headless(
        &browser,
        &profile,
        &[
            "--window-size=1280,1800",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "screenshot written to {}", shot.display());
    println!("screenshot: {}", shot.display());
    let _ = std::fs::remove_dir_all(&dir);
}
