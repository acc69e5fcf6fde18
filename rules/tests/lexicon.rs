//! The lexicon subsystem: folding and matching properties, the three lexicon rules on
//! real sentences (messages, fixes, allowed terms, explanations), and the repository's
//! lexicons passing their own check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::lexicon::check::{Level, check_dir};
use plainly_rules::lexicon::fold::{fold, fold_str};
use plainly_rules::lexicon::{Lexicon, Matcher};
use plainly_rules::{Audience, Engine, Finding, Settings};
use plainly_text::document::{Origin, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};
use proptest::prelude::*;
use std::path::Path;

fn doc(lang: Lang, paragraphs: &[&str]) -> Document {
    let blocks = paragraphs
        .iter()
        .map(|t| {
            let mut b = Block::new(
                BlockKind::Paragraph,
                *t,
                Origin {
                    source: 0,
                    map: SourceMap::identity(0, t.len()),
                    place: Default::default(),
                },
            );
            b.lang = Some(lang);
            b
        })
        .collect();
    Document {
        format: "txt".into(),
        blocks,
        sources: vec![Source {
            name: String::new(),
            text: paragraphs.join("\n\n"),
        }],
        declared_lang: Some(lang),
    }
}

fn findings_with(lang: Lang, paragraphs: &[&str], rule: &str, settings: &Settings) -> Vec<Finding> {
    let engine = Engine::default();
    engine
        .check(&doc(lang, paragraphs), settings, lang)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn findings(lang: Lang, paragraphs: &[&str], rule: &str) -> Vec<Finding> {
    findings_with(lang, paragraphs, rule, &Settings::default())
}

fn apply(text: &str, f: &Finding, fix: usize) -> String {
    let mut t = text.to_string();
    let mut edits = f.fixes[fix].edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        t.replace_range(e.span.range(), &e.replacement);
    }
    t
}

#[test]
fn repository_lexicons_pass_their_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lexicons");
    let (loaded, problems) = check_dir(&dir);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(!loaded.lexicon.entries().is_empty());
    assert!(Lexicon::embedded_errors().is_empty());
}

#[test]
fn cliche_with_fixes_in_the_letters_language() {
    let t = "Veuillez trouver ci-joint le formulaire.";
    let f = findings(Lang::Fr, &[t], "admin-cliche");
    assert_eq!(f.len(), 1, "{f:?}");
    let f = &f[0];
    assert_eq!(f.span.slice(t), "Veuillez trouver ci-joint");
    assert!(
        f.message.starts_with("« Veuillez trouver ci-joint » : "),
        "{}",
        f.message
    );
    assert!(
        f.message
            .contains("Écrivez plutôt « vous trouverez avec cette lettre »"),
        "{}",
        f.message
    );
    // The capital of a sentence start is kept.
    assert_eq!(
        apply(t, f, 0),
        "Vous trouverez avec cette lettre le formulaire."
    );
    assert!(
        f.fixes[0]
            .label
            .starts_with("Remplacer par « Vous trouverez"),
        "{}",
        f.fixes[0].label
    );
}

#[test]
fn removal_tidies_the_sentence() {
    let t = "Par la présente, nous vous informons de notre décision.";
    let f = findings(Lang::Fr, &[t], "admin-cliche");
    let f = f
        .iter()
        .find(|f| f.span.slice(t) == "Par la présente")
        .expect("finding");
    let i = f
        .fixes
        .iter()
        .position(|x| x.label.starts_with("Enlever"))
        .expect("removal fix");
    assert_eq!(apply(t, f, i), "Nous vous informons de notre décision.");
}

#[test]
fn matches_across_line_breaks_and_hyphenation() {
    let t = "Veuillez trouver\nci-\njoint le formulaire.";
    let f = findings(Lang::Fr, &[t], "admin-cliche");
    assert_eq!(
        f.first().map(|f| f.span.slice(t)),
        Some("Veuillez trouver\nci-\njoint")
    );
    assert!(
        f[0].message.contains("« Veuillez trouver ci-joint »"),
        "{}",
        f[0].message
    );
}

#[test]
fn no_match_inside_a_word_or_a_quotation() {
    assert!(
        findings(
            Lang::Fr,
            &["Le dumping social est interdit."],
            "admin-cliche"
        )
        .is_empty()
    );
    assert!(
        findings(
            Lang::Fr,
            &["L'ancien modèle disait « veuillez trouver ci-joint » à chaque ligne."],
            "admin-cliche"
        )
        .is_empty()
    );
}

#[test]
fn legal_references_are_left_to_their_rule() {
    let f = findings(
        Lang::Fr,
        &["Conformément à l'article 14, vous pouvez introduire un recours."],
        "admin-cliche",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn allowed_terms_are_never_flagged() {
    let t = "In casu, votre demande ne peut pas être acceptée.";
    assert_eq!(findings(Lang::Fr, &[t], "latin-phrase").len(), 1);
    let settings = Settings {
        allowed: vec!["In Casu".into()],
        ..Default::default()
    };
    assert!(findings_with(Lang::Fr, &[t], "latin-phrase", &settings).is_empty());
}

#[test]
fn longest_latin_phrase_wins() {
    let t = "Der Betrag wird pro rata temporis berechnet.";
    let f = findings(Lang::De, &[t], "latin-phrase");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].span.slice(t), "pro rata temporis");
}

#[test]
fn jargon_first_use_only_and_explanations() {
    // Unexplained first use: one finding, at the first use.
    let f = findings(
        Lang::Fr,
        &[
            "Vous êtes cohabitant.",
            "En tant que cohabitant, vous recevez moins.",
        ],
        "jargon",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].block, Some(0));
    assert!(f[0].message.contains("expliquez-le"), "{}", f[0].message);
    // The keep entry offers to add its explanation in brackets.
    let t = "Vous êtes cohabitant.";
    let fixed = apply(t, &f[0], 0);
    assert!(
        fixed.starts_with("Vous êtes cohabitant (vous vivez"),
        "{fixed}"
    );
    // Explained at first use: later uses are fine.
    let f = findings(
        Lang::Fr,
        &[
            "Vous êtes cohabitant. Cela signifie que vous vivez avec une personne qui a des revenus.",
            "Un cohabitant reçoit moins.",
        ],
        "jargon",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn jargon_is_a_warning_for_easy_to_read() {
    let s = Settings::with_audience(Audience::EasyToRead);
    let f = findings_with(Lang::Fr, &["Vous êtes cohabitant."], "jargon", &s);
    assert_eq!(f[0].severity, plainly_rules::Severity::Warning);
    let f = findings(Lang::Fr, &["Vous êtes cohabitant."], "jargon");
    assert_eq!(f[0].severity, plainly_rules::Severity::Info);
}

#[test]
fn every_language_has_entries_for_its_rules() {
    let lex = Lexicon::embedded();
    for lang in Lang::ALL {
        for cat in ["cliche", "latin"] {
            assert!(
                lex.of_lang(lang).any(|e| e.entry.category.name() == cat),
                "no {cat} entries for {lang}"
            );
        }
    }
}

const ALPHABET: &[&str] = &[
    "a", "e", "é", "É", "ß", "œ", "ü", "o\u{302}", " ", "  ", "\n", "\t", "\u{a0}", "-", "-\n",
    "\u{ad}", "'", "’", "x", "ci-joint", "indu", "İ", "ﬁ", "\u{200b}", ".", "€", "日本",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn folding_maps_to_char_boundaries(t in text_strategy(), keep in any::<bool>()) {
        let f = fold(&t, keep);
        let mut last_start = 0;
        for i in 0..f.text.len() {
            let r = f.source_of(i).unwrap();
            prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
            prop_assert!(r.start <= r.end && r.end <= t.len());
            prop_assert!(r.start >= last_start);
            last_start = r.start;
        }
        // Every char-aligned folded range maps to whole characters.
        let bounds: Vec<usize> = f.text.char_indices().map(|(i, _)| i).chain([f.text.len()]).collect();
        for w in bounds.windows(2) {
            let r = f.original_range(w[0], w[1]).unwrap();
            prop_assert!(t.get(r.clone()).is_some());
        }
    }

    #[test]
    fn matches_map_inside_the_original_match(pre in text_strategy(), post in text_strategy(),
                                             form in prop::sample::select(vec!["ci-joint", "indu", "veuillez trouver", "côte"])) {
        let m = Matcher::new([(form, false, 0u32)]).unwrap();
        let t = format!("{pre} {form} {post}");
        let hits = m.find(&t);
        let mut found_inserted = false;
        for h in &hits {
            prop_assert!(t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
            let slice = &t[h.range()];
            // The original slice folds back to the form.
            let folded = fold_str(slice, false);
            prop_assert!(
                folded == fold_str(form, false) || folded == fold_str(&form.replace('-', ""), false),
                "{:?} does not fold to {:?}", slice, form
            );
            if h.start <= pre.len() + 1 && pre.len() + 1 + form.len() <= h.end {
                found_inserted = true;
            }
        }
        // The inserted form is found unless end-of-line hyphenation glues it to the text before.
        if !pre
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\u{200b}')
            .ends_with(['-', '\u{ad}'])
        {
            prop_assert!(found_inserted, "{:?} in {:?}", form, t);
        }
    }
}
