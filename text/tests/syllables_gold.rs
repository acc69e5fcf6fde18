//! Syllable counters against the gold lists of `reference/syllables/` and the per-word
//! annotations of `reference/readability_cases.json` (READABILITY.md §9). Skipped, with a printed
//! reason, when the shared reference folder is absent. Run with `--nocapture` to see the rates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_text::Lang;
use plainly_text::syllables::{count, count_en_fallback};
use std::path::PathBuf;

fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference");
    if dir.join("syllables").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

fn gold(file: &str) -> Option<Vec<(String, u32)>> {
    let text = std::fs::read_to_string(reference_dir()?.join("syllables").join(file)).unwrap();
    let rows = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (word, n) = l.split_once('\t').unwrap();
            (word.to_string(), n.trim().parse().unwrap())
        })
        .collect();
    Some(rows)
}

struct Score {
    exact: f64,
    ratio: f64,
}

/// Exact-match rate (%) and total-syllable ratio of `counter` on a gold file; prints both and
/// the first mismatches.
fn score(file: &str, label: &str, counter: impl Fn(&str) -> u32) -> Option<Score> {
    let rows = gold(file)?;
    let (mut ok, mut got, mut want) = (0usize, 0u64, 0u64);
    let mut misses = Vec::new();
    for (word, n) in &rows {
        let c = counter(word);
        got += u64::from(c);
        want += u64::from(*n);
        if c == *n {
            ok += 1;
        } else {
            misses.push(format!("{word} {c}≠{n}"));
        }
    }
    let exact = 100.0 * ok as f64 / rows.len() as f64;
    let ratio = got as f64 / want as f64;
    println!(
        "{label}: {exact:.2} % exact ({ok}/{}), total ratio {ratio:.4}",
        rows.len()
    );
    println!("  misses: {}", misses.join(", "));
    Some(Score { exact, ratio })
}

#[test]
fn french() {
    let Some(s) = score("fr.tsv", "fr", |w| count(w, Lang::Fr)) else {
        return;
    };
    assert!(s.exact >= 97.0, "fr exact {:.2} %", s.exact);
    assert!(
        (s.ratio - 1.0).abs() <= 0.02,
        "fr total ratio {:.4}",
        s.ratio
    );
}

#[test]
fn dutch() {
    let Some(s) = score("nl.tsv", "nl", |w| count(w, Lang::Nl)) else {
        return;
    };
    assert!(s.exact >= 97.0, "nl exact {:.2} %", s.exact);
}

#[test]
fn german() {
    let Some(s) = score("de.tsv", "de", |w| count(w, Lang::De)) else {
        return;
    };
    assert!(s.exact >= 97.0, "de exact {:.2} %", s.exact);
}

#[test]
fn english_dictionary() {
    let Some(s) = score("en.tsv", "en (CMUdict)", |w| count(w, Lang::En)) else {
        return;
    };
    assert!(s.exact >= 97.0, "en exact {:.2} %", s.exact);
}

#[test]
fn english_fallback() {
    let Some(s) = score("en.tsv", "en (fallback)", count_en_fallback) else {
        return;
    };
    assert!(s.exact >= 85.0, "en fallback exact {:.2} %", s.exact);
}

/// A token the syllable counter is responsible for: letters, apostrophes and hyphens only, not
/// an acronym (two capitals or more) and not an abbreviation with a full stop.
fn ordinary_word(token: &str) -> bool {
    token
        .chars()
        .all(|c| c.is_alphabetic() || "'’-\u{2010}\u{2011}".contains(c))
        && token.chars().filter(|c| c.is_uppercase()).count() < 2
        && token.chars().any(char::is_alphabetic)
}

#[test]
fn readability_cases_words() {
    let Some(dir) = reference_dir() else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("readability_cases.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (mut checked, mut misses) = (0, Vec::new());
    for case in json["cases"].as_array().unwrap() {
        let lang: Lang = case["lang"].as_str().unwrap().parse().unwrap();
        for pair in case["reference"]["words"].as_array().unwrap() {
            let token = pair[0].as_str().unwrap();
            let want = u32::try_from(pair[1].as_u64().unwrap()).unwrap();
            if !ordinary_word(token) {
                continue;
            }
            checked += 1;
            let got = count(token, lang);
            if got != want {
                misses.push(format!("{} {token}: {got}≠{want}", case["id"]));
            }
        }
    }
    println!(
        "readability_cases: {checked} ordinary words, {} mismatches",
        misses.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(checked > 500, "only {checked} words checked");
    assert!(misses.is_empty(), "mismatches: {misses:?}");
}
