//! Mandatory mentions stay quiet on texts that are not letters: found on the corpus, where an
//! English research paper ("Permission … is granted", citations "[10]", author lists
//! "{a,b,c}") was taken for a decision with unfilled template markers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_readers::{Format, Limits};
use plainly_rules::mentions;
use plainly_text::{BlockAnalysis, Document, Lang, analyze_block, detect};

fn codes(text: &str, lang: Lang, profile: Option<&str>) -> Vec<String> {
    let mut doc: Document =
        plainly_readers::read(text.as_bytes(), Format::Text, &Limits::default()).unwrap();
    detect::assign_languages(&mut doc, Some(lang), lang);
    let analyses: Vec<BlockAnalysis> = doc
        .blocks
        .iter()
        .map(|b| analyze_block(&b.text, b.kind, lang))
        .collect();
    mentions::evaluate(&doc, &analyses, lang, profile)
        .codes()
        .into_iter()
        .map(str::to_string)
        .collect()
}

const PAPER: &str = "Trace-based just-in-time type specialization\n\n\
Andreas Gal {gal,franz}@uci.edu\n\n\
Permission to make digital or hard copies of all or part of this work is granted without fee.\n\n\
Dynamic languages such as JavaScript are more difficult to compile than statically typed ones [10].\n\n\
The set of live variables is {i2, i5, α} at this point, see [Programming Languages].\n";

#[test]
fn a_passive_grant_in_a_paper_is_not_a_decision() {
    assert!(codes(PAPER, Lang::En, None).is_empty());
}

#[test]
fn citations_and_sets_are_not_template_markers() {
    // With the profile given, only the real markers count as left-over placeholders.
    let letter = "Madame,\n\nNous avons décidé de refuser votre demande [10]. Les points {i2, i5} \
                  et l'adresse {j.doe} ne sont pas des champs. Votre dossier : [NUMÉRO DE DOSSIER]. \
                  Bonjour {prenom}.\n";
    let c = codes(letter, Lang::Fr, Some("decision"));
    let n = c.iter().filter(|c| *c == "x/placeholder-left").count();
    assert_eq!(n, 2, "{c:?}");
}

#[test]
fn a_refusal_addressed_to_the_reader_is_still_a_decision_in_english() {
    let c = codes(
        "Dear Ms Peeters,\n\nYour application is refused.\n",
        Lang::En,
        None,
    );
    assert!(c.iter().any(|c| c.starts_with("profile/")), "{c:?}");
}
