//! The block cache: an unchanged block costs a lookup, an edited block is analysed again,
//! and cached results equal fresh ones.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::{Engine, Settings};
use plainly_text::document::{Origin, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};

fn doc(paragraphs: &[&str]) -> Document {
    let blocks = paragraphs
        .iter()
        .map(|p| {
            let mut b = Block::new(
                BlockKind::Paragraph,
                *p,
                Origin {
                    source: 0,
                    map: SourceMap::identity(0, p.len()),
                    place: Default::default(),
                },
            );
            b.lang = Some(Lang::Fr);
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
        declared_lang: Some(Lang::Fr),
    }
}

const A: &str = "Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.";
const B: &str = "Vous trouverez le formulaire avec cette lettre.";

#[test]
fn unchanged_blocks_are_looked_up() {
    let engine = Engine::with_cache();
    let settings = Settings::default();
    let first = engine.check(&doc(&[A, B, A]), &settings, Lang::Fr);
    assert_eq!(engine.cache_stats(), (1, 2)); // the third block repeats the first
    let again = engine.check(&doc(&[A, B, A]), &settings, Lang::Fr);
    assert_eq!(engine.cache_stats(), (4, 2));
    assert_eq!(first.findings, again.findings);
    // An edit to one block analyses only that block again.
    let edited = engine.check(
        &doc(&[A, "Vous trouverez le formulaire ici.", A]),
        &settings,
        Lang::Fr,
    );
    assert_eq!(engine.cache_stats(), (6, 3));
    let fresh = Engine::default().check(
        &doc(&[A, "Vous trouverez le formulaire ici.", A]),
        &settings,
        Lang::Fr,
    );
    assert_eq!(edited.findings, fresh.findings);
    // Other settings are another key.
    let easy = Settings::with_audience(plainly_rules::Audience::EasyToRead);
    engine.check(&doc(&[B]), &easy, Lang::Fr);
    assert_eq!(engine.cache_stats(), (6, 4));
}
