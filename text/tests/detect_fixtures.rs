#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Language detection on whole paragraphs of letters: the team's fixture letters
//! (`fixtures/letters/<lang>/`), the real letters of the shared corpus
//! (`shared/corpus/letters-<lang>/`: Windows-1252 `.txt`, `.md`, and `.pdf` through
//! `pdftotext` when it is installed) and the example letters of `shared/reference`.
//! Every paragraph (blank-line separated) of at least 20 words that is mostly letters must be
//! detected as the language of its folder, with enough confidence for `assign_languages` to
//! trust it. The shared corpus is optional: when it is absent the test says so and skips it.

use plainly_text::detect::{BLOCK_MIN_CONFIDENCE, assign_languages, detect};
use plainly_text::{Block, BlockKind, Document, Lang, Origin};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const MIN_PARAGRAPH_WORDS: usize = 20;

/// Least share of letters among the non-space characters of a checked paragraph: drops dot
/// leaders, tables of figures and form boxes.
const MIN_LETTER_SHARE: f64 = 0.7;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared() -> PathBuf {
    root().join("../shared")
}

/// Paragraphs: runs of non-blank lines, joined with spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join(" "));
                cur.clear();
            }
        } else {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

/// Least share of the letters that sit in tokens of at most [`LONG_TOKEN`] letters: PDF text
/// with a broken font encoding comes out as long runs of shifted capitals
/// (`FRQGLWLRQVSHUPHWWDQWG`), which no language owns.
const MIN_WORDLIKE_SHARE: f64 = 0.75;
const LONG_TOKEN: usize = 20;

/// Why a paragraph is not checked, or its number of words (whitespace tokens holding a
/// letter) when it is text worth checking.
fn checkable(p: &str) -> Result<usize, &'static str> {
    let words = p
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < MIN_PARAGRAPH_WORDS {
        return Err("short");
    }
    let visible = p.chars().filter(|c| !c.is_whitespace()).count();
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    if (letters as f64) < MIN_LETTER_SHARE * visible as f64 {
        return Err("not mostly letters");
    }
    let in_long: usize = p
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .filter(|n| *n > LONG_TOKEN)
        .sum();
    if ((letters - in_long) as f64) < MIN_WORDLIKE_SHARE * letters as f64 {
        return Err("garbled (long letter runs)");
    }
    Ok(words)
}

/// Markdown as a reader would see it, roughly: no YAML front matter, no HTML tags, no
/// kramdown attribute lists.
fn strip_markdown(text: &str) -> String {
    let mut body = text;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        body = &rest[end + 5..];
    }
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .filter(|l| !l.trim_start().starts_with("{:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Default)]
struct Tally {
    /// (source, language) → paragraphs checked.
    checked: BTreeMap<(String, Lang), usize>,
    /// Lowest confidence seen per language.
    lowest: BTreeMap<Lang, f32>,
    /// Long paragraphs left out as not text, with the reason.
    dropped: Vec<String>,
    errors: Vec<String>,
}

impl Tally {
    fn check_text(&mut self, source: &str, file: &Path, lang: Lang, text: &str) {
        for p in paragraphs(text) {
            let words = match checkable(&p) {
                Ok(words) => words,
                Err("short") => continue,
                Err(why) => {
                    let head: String = p.chars().take(60).collect();
                    let d = detect(&p);
                    self.dropped.push(format!(
                        "{} ({why}; detected {:?}): {head}…",
                        file.display(),
                        d.map(|d| (d.lang, d.confidence))
                    ));
                    continue;
                }
            };
            *self.checked.entry((source.to_string(), lang)).or_default() += 1;
            let d = detect(&p);
            let ok = d.is_some_and(|d| d.lang == lang && d.confidence >= BLOCK_MIN_CONFIDENCE);
            if let Some(d) = d
                && d.lang == lang
            {
                let low = self.lowest.entry(lang).or_insert(1.0);
                *low = low.min(d.confidence);
            }
            if !ok {
                let head: String = p.chars().take(120).collect();
                self.errors.push(format!(
                    "{} ({lang}, {words} words): got {d:?}: {head}…",
                    file.display()
                ));
            }
        }
    }

    fn report(&self, what: &str) {
        println!("== {what}");
        for ((source, lang), n) in &self.checked {
            println!("  {source:<18} {lang}: {n:>4} paragraphs");
        }
        for (lang, low) in &self.lowest {
            println!("  lowest confidence {lang}: {low:.2}");
        }
        for d in &self.dropped {
            println!("  not text, left out: {d}");
        }
        println!("  errors: {}", self.errors.len());
        for e in &self.errors {
            println!("  ERROR {e}");
        }
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn ext(p: &Path) -> &str {
    p.extension().and_then(|e| e.to_str()).unwrap_or("")
}

#[test]
fn fixture_letters_paragraphs() {
    let mut tally = Tally::default();
    for lang in Lang::ALL {
        let dir = root().join("fixtures/letters").join(lang.code());
        let letters = files(&dir);
        assert!(
            letters.len() >= 5,
            "{}: expected the team's fixture letters",
            dir.display()
        );
        for f in letters {
            let text = fs::read_to_string(&f).unwrap();
            let text = if ext(&f) == "md" {
                strip_markdown(&text)
            } else {
                text
            };
            tally.check_text("fixtures", &f, lang, &text);
        }
    }
    tally.report("fixture letters");
    for lang in Lang::ALL {
        assert!(
            tally.checked.get(&("fixtures".into(), lang)).copied() >= Some(10),
            "too few fixture paragraphs for {lang}"
        );
    }
    assert!(tally.errors.is_empty(), "{} errors", tally.errors.len());
}

/// Text of a PDF via `pdftotext`, `Err(reason)` when it cannot run.
fn pdftotext(file: &Path) -> Result<String, String> {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext not available ({e}); install poppler-utils"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftotext failed on {}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn corpus_letters_paragraphs() {
    let corpus = shared().join("corpus");
    if !corpus.is_dir() {
        println!(
            "SKIP corpus letters: {} not found (the shared corpus is not checked in)",
            corpus.display()
        );
        return;
    }
    let mut tally = Tally::default();
    let mut pdf_skipped = Vec::new();
    for lang in Lang::ALL {
        let dir = corpus.join(format!("letters-{}", lang.code()));
        for f in files(&dir) {
            match ext(&f) {
                "txt" => {
                    let bytes = fs::read(&f).unwrap();
                    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
                    tally.check_text("corpus txt", &f, lang, &text);
                }
                "md" => {
                    let text = fs::read_to_string(&f).unwrap();
                    tally.check_text("corpus md", &f, lang, &strip_markdown(&text));
                }
                "pdf" => match pdftotext(&f) {
                    Ok(text) => tally.check_text("corpus pdf", &f, lang, &text),
                    Err(reason) => pdf_skipped.push(reason),
                },
                _ => {}
            }
        }
    }
    tally.report("corpus letters");
    for reason in &pdf_skipped {
        println!("  SKIP pdf: {reason}");
    }
    assert!(
        !tally.checked.is_empty(),
        "corpus found but no paragraph checked"
    );
    assert!(tally.errors.is_empty(), "{} errors", tally.errors.len());
}

#[test]
fn reference_letters_paragraphs() {
    let path = shared().join("reference/readability_cases.json");
    let Ok(json) = fs::read_to_string(&path) else {
        println!("SKIP reference letters: {} not found", path.display());
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut tally = Tally::default();
    let mut whole = 0;
    for case in v["cases"].as_array().unwrap() {
        let lang: Lang = case["lang"].as_str().unwrap().parse().unwrap();
        let text = case["text"].as_str().unwrap();
        tally.check_text("reference", &path, lang, text);
        // The whole letter, salutation and closing included, is detected too.
        let d = detect(text).unwrap();
        assert_eq!(d.lang, lang, "{}", case["id"]);
        whole += 1;
    }
    tally.report("reference letters");
    println!("  whole letters detected: {whole}");
    assert!(tally.errors.is_empty(), "{} errors", tally.errors.len());
}

fn document(blocks: &[(BlockKind, &str)]) -> Document {
    Document {
        format: "md".into(),
        blocks: blocks
            .iter()
            .map(|(k, t)| Block::new(*k, *t, Origin::default()))
            .collect(),
        ..Document::default()
    }
}

fn kind_of(p: &str) -> BlockKind {
    if p.starts_with('#') {
        BlockKind::Heading(1)
    } else {
        BlockKind::Paragraph
    }
}

/// Each fixture letter as a document (one block per paragraph, headers, salutations and
/// closings included): every block gets the letter's language, whatever the fallback.
#[test]
fn fixture_letters_assign_one_language() {
    let mut blocks_checked = 0;
    for lang in Lang::ALL {
        let wrong = if lang == Lang::En { Lang::Fr } else { Lang::En };
        for f in files(&root().join("fixtures/letters").join(lang.code())) {
            let text = fs::read_to_string(&f).unwrap();
            let paras = paragraphs(&text);
            let blocks: Vec<(BlockKind, &str)> =
                paras.iter().map(|p| (kind_of(p), p.as_str())).collect();
            let mut doc = document(&blocks);
            assign_languages(&mut doc, None, wrong);
            for b in &doc.blocks {
                assert_eq!(b.lang, Some(lang), "{}: {}", f.display(), b.text);
            }
            blocks_checked += doc.blocks.len();
            assert_eq!(doc.main_lang(), Some(lang));
        }
    }
    println!("fixture blocks assigned: {blocks_checked}");
}

const FR_PARAGRAPH: &str = "Vous avez demandé une allocation le 3 mars 2025. Nous avons \
    étudié votre demande avec attention. Vous recevrez l'allocation à partir du mois \
    d'avril, sur votre compte en banque.";
const NL_PARAGRAPH: &str = "U hebt op 3 maart 2025 een uitkering aangevraagd. We hebben \
    uw aanvraag grondig bekeken. U krijgt de uitkering vanaf de maand april, op uw \
    bankrekening.";

#[test]
fn bilingual_letter_french_then_dutch() {
    let mut doc = document(&[
        (BlockKind::Heading(1), "Votre allocation"),
        (BlockKind::Paragraph, "Madame, Monsieur,"),
        (BlockKind::Paragraph, FR_PARAGRAPH),
        (BlockKind::Paragraph, "Bien à vous,"),
        (BlockKind::Heading(1), "Uw uitkering"),
        (BlockKind::Paragraph, "Geachte mevrouw, meneer,"),
        (BlockKind::Paragraph, NL_PARAGRAPH),
        (BlockKind::Paragraph, "Met vriendelijke groeten,"),
        (BlockKind::Footer, "02 515 44 44"),
    ]);
    doc.declared_lang = Some(Lang::De);
    assign_languages(&mut doc, None, Lang::En);
    let got: Vec<Option<Lang>> = doc.blocks.iter().map(|b| b.lang).collect();
    let (fr, nl) = (Some(Lang::Fr), Some(Lang::Nl));
    assert_eq!(got, vec![fr, fr, fr, fr, nl, nl, nl, nl, nl]);

    // The detector alone on each paragraph.
    assert_eq!(detect(FR_PARAGRAPH).map(|d| d.lang), Some(Lang::Fr));
    assert_eq!(detect(NL_PARAGRAPH).map(|d| d.lang), Some(Lang::Nl));

    // Forced language wins everywhere.
    assign_languages(&mut doc, Some(Lang::Fr), Lang::En);
    assert!(doc.blocks.iter().all(|b| b.lang == Some(Lang::Fr)));
}

#[test]
fn one_dutch_paragraph_in_a_german_letter() {
    let de = "Wir haben Ihren Antrag am 2. Mai 2025 bekommen. Es fehlen noch Unterlagen. \
              Bitte schicken Sie uns das Formular bis zum 4. Juni zurück.";
    let mut doc = document(&[
        (BlockKind::Paragraph, "Guten Tag Frau Heinen,"),
        (BlockKind::Paragraph, de),
        (BlockKind::Quote, NL_PARAGRAPH),
        (BlockKind::Paragraph, de),
        (BlockKind::Paragraph, "Freundliche Grüße"),
    ]);
    assign_languages(&mut doc, None, Lang::Fr);
    let got: Vec<Option<Lang>> = doc.blocks.iter().map(|b| b.lang).collect();
    let (de, nl) = (Some(Lang::De), Some(Lang::Nl));
    assert_eq!(got, vec![de, de, nl, de, de]);
    assert_eq!(doc.main_lang(), Some(Lang::De));
}
