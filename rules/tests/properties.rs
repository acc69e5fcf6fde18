//! Properties of the engine as a whole, on the team's fixture letters:
//!
//! - applying a finding's first fix and checking again never brings the same finding back
//!   (same rule on the same replaced words);
//! - checking is deterministic: the same document three times, and all the letters on one
//!   thread or in rayon pools of one and four threads (a fresh engine, and one cached
//!   engine shared by the threads) give identical reports (findings, analyses, scores);
//! - folding arbitrary Unicode never splits a character (a complement to the lexicon
//!   proptest over its hand-picked alphabet in `lexicon.rs`).
//!
//! The offset-map round trip (byte ⇄ char ⇄ UTF-16 ⇄ line/column) is a proptest in
//! `text/src/lines.rs` and a fuzz target (`fuzz/fuzz_targets/offsets.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_readers::{Format, Limits};
use plainly_rules::lexicon::fold::fold;
use plainly_rules::{Audience, Engine, Finding, Settings};
use plainly_text::document::SourceMap;
use plainly_text::{Document, Lang};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const LANGS: [(&str, Lang); 4] = [
    ("fr", Lang::Fr),
    ("nl", Lang::Nl),
    ("de", Lang::De),
    ("en", Lang::En),
];

/// Every fixture letter with its language, read the way the CLI reads it.
fn letters() -> Vec<(PathBuf, Lang, Document)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/letters");
    let mut out = Vec::new();
    for (dir, lang) in LANGS {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(Format::from_path(p), Some(Format::Markdown | Format::Text)))
            .collect();
        files.sort();
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let format = Format::from_path(&path).unwrap();
            let mut doc = plainly_readers::read(&bytes, format, &Limits::default()).unwrap();
            plainly_text::detect::assign_languages(&mut doc, Some(lang), lang);
            out.push((path, lang, doc));
        }
    }
    assert!(
        out.len() >= 16,
        "expected the fixture letters, found {}",
        out.len()
    );
    out
}

/// `text` with `fix`'s edits applied; the old byte range that holds every edit and the
/// finding's span, and how much longer the text got.
fn apply_fix(text: &str, f: &Finding) -> (String, std::ops::Range<usize>, isize) {
    let fix = &f.fixes[0];
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    for w in edits.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "{}: overlapping edits {:?}",
            f.rule,
            fix
        );
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let (mut lo, mut hi) = (f.span.start as usize, f.span.end as usize);
    let mut delta = 0isize;
    for e in &edits {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(t) && s <= t && t <= text.len(),
            "{}: edit {:?} is not on character boundaries of {:?}",
            f.rule,
            e,
            text
        );
        out.push_str(&text[at..s]);
        out.push_str(&e.replacement);
        at = t;
        lo = lo.min(s);
        hi = hi.max(t);
        delta += e.replacement.len() as isize - (t - s) as isize;
    }
    out.push_str(&text[at..]);
    (out, lo..hi, delta)
}

#[test]
fn applying_a_fix_never_brings_the_same_finding_back() {
    let engine = Engine::default();
    let mut fixes_tried = 0;
    let mut failures = Vec::new();
    for (path, lang, doc) in letters() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for audience in [Audience::Standard, Audience::EasyToRead] {
            let settings = Settings::with_audience(audience);
            let report = engine.check(&doc, &settings, lang);
            for f in report.findings.iter().filter(|f| !f.fixes.is_empty()) {
                let Some(b) = f.block else { continue };
                let old_text = &doc.blocks[b].text;
                let flagged = &old_text[f.span.start as usize..f.span.end as usize];
                let (new_text, region, delta) = apply_fix(old_text, f);
                if new_text == *old_text {
                    continue;
                }
                fixes_tried += 1;
                let new_region = region.start..(region.end as isize + delta) as usize;
                let mut fixed = doc.clone();
                fixed.blocks[b].origin.map = SourceMap::identity(0, new_text.len());
                fixed.blocks[b].text = new_text.clone();
                let again = engine.check(&fixed, &settings, lang);
                for g in &again.findings {
                    if g.rule != f.rule || g.block != Some(b) {
                        continue;
                    }
                    let (s, e) = (g.span.start as usize, g.span.end as usize);
                    let overlaps =
                        s < new_region.end.max(new_region.start + 1) && e > new_region.start;
                    let same_words = new_text[s..e].to_lowercase() == flagged.to_lowercase();
                    if overlaps && same_words {
                        failures.push(format!(
                            "{name} ({audience:?}) block {b}: {} on {flagged:?} comes back after its fix {:?} → {:?}",
                            f.rule, f.fixes[0].label, &new_text[new_region.clone()]
                        ));
                    }
                }
            }
        }
    }
    assert!(
        fixes_tried > 0,
        "no fixture finding has a fix: the property tests nothing"
    );
    eprintln!("fixes applied and re-checked: {fixes_tried}");
    assert!(
        failures.is_empty(),
        "{} fixes do not stick:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The whole report (findings, per-block analyses, readability, score) as JSON: what the
/// CLI and the language server print, so any difference at all shows.
type Outcome = String;

fn outcome(engine: &Engine, doc: &Document, lang: Lang, audience: Audience) -> Outcome {
    let r = engine.check(doc, &Settings::with_audience(audience), lang);
    serde_json::to_string(&r).unwrap()
}

#[test]
fn checking_is_deterministic_three_times_and_across_threads() {
    let letters = letters();
    let engine = Engine::default();
    let audiences = [Audience::Standard, Audience::EasyToRead];
    // One thread, one engine without cache, three times.
    let mut sequential: Vec<Outcome> = Vec::new();
    for (path, lang, doc) in letters.iter() {
        for audience in audiences {
            let a = outcome(&engine, doc, *lang, audience);
            for round in 1..3 {
                let b = outcome(&engine, doc, *lang, audience);
                assert_eq!(
                    a,
                    b,
                    "{} ({audience:?}) differs on check {}",
                    path.display(),
                    round + 1
                );
            }
            sequential.push(a);
        }
    }
    // Rayon pools of one and of four threads (the CLI's batch runs on rayon), with a fresh
    // engine without cache and with one cached engine shared by the pool's threads. Every
    // thread of the pool runs (`broadcast`), each checking every letter in its own order, so
    // with four threads the checks, and the cache's fills and reads, really are concurrent.
    let n = letters.len();
    let shared = Engine::with_cache();
    for threads in [1, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        assert_eq!(pool.current_num_threads(), threads);
        let fresh = Engine::default();
        for (name, engine) in [("uncached", &fresh), ("cached", &shared)] {
            let per_thread: Vec<Vec<(usize, usize, Outcome)>> = pool.broadcast(|ctx| {
                let mut got = Vec::new();
                for k in 0..n {
                    let i = (k + ctx.index() * n / ctx.num_threads()) % n;
                    let (_, lang, doc) = &letters[i];
                    for (a, audience) in audiences.iter().enumerate() {
                        got.push((i, a, outcome(engine, doc, *lang, *audience)));
                    }
                }
                got
            });
            assert_eq!(per_thread.len(), threads);
            for got in per_thread {
                assert_eq!(got.len(), n * audiences.len());
                for (i, a, o) in got {
                    assert_eq!(
                        sequential[i * audiences.len() + a],
                        o,
                        "{} ({:?}) differs between one thread and a pool of {threads} ({name} engine)",
                        letters[i].0.display(),
                        audiences[a]
                    );
                }
            }
        }
    }
    let (hits, _) = shared.cache_stats();
    assert!(hits > 0, "the shared engine's cache was never hit");
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "\\PC{1,8}",
            prop::sample::select(vec![
                "e\u{301}",
                "ß",
                "œ",
                "Æ",
                "ﬁ",
                "İ",
                "\u{ad}",
                "\u{200b}",
                "-\n",
                "‑",
                "’",
                " \u{a0} ",
                "😀",
                "\u{1F1E7}\u{1F1EA}",
                "ǅ",
                "ﬃ",
                "Ǆ",
                "ᾈ",
                "\r\n",
            ])
            .prop_map(str::to_string),
        ],
        0..30,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn folding_arbitrary_unicode_never_splits_a_character(t in unicode_text(), keep in any::<bool>()) {
        let f = fold(&t, keep);
        let bounds: Vec<usize> = f.text.char_indices().map(|(i, _)| i).chain([f.text.len()]).collect();
        for i in 0..f.text.len() {
            let r = f.source_of(i).unwrap();
            // Empty ranges are allowed: the word-edge spaces fold() adds map to one offset.
            prop_assert!(r.start <= r.end && r.end <= t.len());
            prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
        for w in bounds.windows(2) {
            let r = f.original_range(w[0], w[1]).unwrap();
            prop_assert!(t.get(r).is_some());
        }
    }
}

#[test]
fn folding_maps_decomposed_apostrophes_like_typed_ones() {
    // Found by the property above (ŉ, U+0149, decomposes to U+02BC + n).
    assert_eq!(
        fold("ŉ", false).text.trim(),
        fold("\u{2bc}n", false).text.trim()
    );
    // The same for the other fixed foldings a decomposition can give.
    assert_eq!(fold("ŉ", false).text.trim(), fold("'n", false).text.trim());
}
