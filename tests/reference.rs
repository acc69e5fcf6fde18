//! End to end on the hand-annotated reference texts (shared/reference/readability_cases.json):
//! the engine's native counts equal the human counts, so every score lies within 0.5 of
//! the hand-computed value; and the formulas reproduce textstat's values from textstat's
//! own counts (transcription check). Skips with a reason when shared/ is absent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_readers::txt::paragraph_blocks;
use plainly_rules::{Engine, Formula, Settings};
use plainly_text::document::Source;
use plainly_text::{Counts, Document, Lang};
use serde_json::Value;
use std::path::PathBuf;

fn cases() -> Option<Value> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/readability_cases.json");
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(serde_json::from_str(&s).unwrap()),
        Err(_) => {
            eprintln!(
                "skipped: {} is absent (shared/ not beside the clone)",
                p.display()
            );
            None
        }
    }
}

fn formula(key: &str) -> Option<Formula> {
    Some(match key {
        "kandel_moles" => Formula::KandelMoles,
        "flesch_douma" => Formula::FleschDouma,
        "brouwer" => Formula::Brouwer,
        "amstad" => Formula::Amstad,
        "wstf1" => Formula::Wstf1,
        "wstf2" => Formula::Wstf2,
        "wstf3" => Formula::Wstf3,
        "wstf4" => Formula::Wstf4,
        "flesch_reading_ease" => Formula::Flesch,
        "flesch_kincaid_grade" => Formula::FleschKincaid,
        "lix" => Formula::Lix,
        "rix" => Formula::Rix,
        _ => return None,
    })
}

fn counts(v: &Value) -> Counts {
    let n = |k: &str| v[k].as_u64().unwrap_or(0) as u32;
    Counts {
        sentences: n("sentences"),
        words: n("words"),
        syllables: n("syllables"),
        words_3plus_syllables: n("words_3plus_syllables"),
        monosyllables: n("monosyllables"),
        long_words: n("long_words"),
        letters: n("letters"),
    }
}

#[test]
fn formulas_match_hand_computation() {
    let Some(data) = cases() else { return };
    let mut checked = 0;
    for case in data["cases"].as_array().unwrap() {
        let c = counts(&case["reference"]["counts"]);
        for (key, expected) in case["reference"]["scores"].as_object().unwrap() {
            let f = formula(key).unwrap_or_else(|| panic!("unknown formula {key}"));
            let got = f.compute(&c).unwrap();
            let want = expected.as_f64().unwrap();
            assert!(
                (got - want).abs() < 0.5,
                "{} {key}: {got} vs {want}",
                case["id"]
            );
            checked += 1;
        }
    }
    println!("{checked} hand-computed scores reproduced");
    assert!(checked > 30);
}

#[test]
fn formulas_reproduce_textstat_from_its_counts() {
    let Some(data) = cases() else { return };
    let mut checked = 0;
    for case in data["cases"].as_array().unwrap() {
        let ts = &case["textstat_0_7_13"];
        let tc = &ts["counts"];
        let n = |k: &str| tc[k].as_u64().unwrap_or(0) as u32;
        let c = Counts {
            sentences: n("sentence_count"),
            words: n("lexicon_count"),
            syllables: n("syllable_count"),
            words_3plus_syllables: n("polysyllabcount"),
            monosyllables: n("monosyllabcount"),
            long_words: n("long_word_count"),
            letters: 0,
        };
        let lang: Lang = case["lang"].as_str().unwrap().parse().unwrap();
        let metrics = &ts["metrics"];
        let mut pairs = vec![("lix", Formula::Lix), ("rix", Formula::Rix)];
        pairs.push(("flesch_reading_ease", Formula::default_for(lang)));
        if lang == Lang::De {
            pairs.extend([
                ("wiener_sachtextformel_1", Formula::Wstf1),
                ("wiener_sachtextformel_2", Formula::Wstf2),
                ("wiener_sachtextformel_3", Formula::Wstf3),
                ("wiener_sachtextformel_4", Formula::Wstf4),
            ]);
        }
        for (key, f) in pairs {
            let Some(want) = metrics[key].as_f64() else {
                continue;
            };
            let got = f.compute(&c).unwrap();
            assert!(
                (got - want).abs() < 0.5,
                "{} {key}: ours {got} vs textstat {want}",
                case["id"]
            );
            checked += 1;
        }
    }
    println!("{checked} textstat values reproduced from textstat's counts");
    assert!(checked > 30);
}

#[test]
fn native_counts_equal_human_counts() {
    let Some(data) = cases() else { return };
    let engine = Engine::default();
    let mut failures = Vec::new();
    for case in data["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let lang: Lang = case["lang"].as_str().unwrap().parse().unwrap();
        let text = case["text"].as_str().unwrap();
        let mut blocks = paragraph_blocks(text, 0);
        for b in &mut blocks {
            b.lang = Some(lang);
        }
        let doc = Document {
            format: "txt".into(),
            blocks,
            sources: vec![Source {
                name: String::new(),
                text: text.into(),
            }],
            declared_lang: Some(lang),
        };
        let report = engine.check(&doc, &Settings::default(), lang);
        let got = report.readability.counts;
        let want = counts(&case["reference"]["counts"]);
        if got != want {
            failures.push(format!("{id}: got {got:?}\n      want {want:?}"));
            continue;
        }
        for (key, expected) in case["reference"]["scores"].as_object().unwrap() {
            let got = formula(key).unwrap().compute(&got).unwrap();
            let want = expected.as_f64().unwrap();
            if (got - want).abs() >= 0.5 {
                failures.push(format!("{id} {key}: {got:.2} vs {want}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
