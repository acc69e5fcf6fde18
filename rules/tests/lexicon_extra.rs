//! Project lexicons: `Lexicon::load_extra` and `install` (process-wide, so in their own
//! test binary), proposed entries behind the `proposed = 1` setting, rejected ones never.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::lexicon::{Lexicon, install};
use plainly_rules::settings::RuleSettings;
use plainly_rules::{Engine, Finding, Settings};
use plainly_text::document::{Origin, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};

fn check(lang: Lang, text: &str, rule: &str, settings: &Settings) -> Vec<Finding> {
    let mut b = Block::new(
        BlockKind::Paragraph,
        text,
        Origin {
            source: 0,
            map: SourceMap::identity(0, text.len()),
            place: Default::default(),
        },
    );
    b.lang = Some(lang);
    let doc = Document {
        format: "txt".into(),
        blocks: vec![b],
        sources: vec![Source {
            name: String::new(),
            text: text.into(),
        }],
        declared_lang: Some(lang),
    };
    Engine::default()
        .check(&doc, settings, lang)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

const HOUSE: &str = r#"# Our house words.
lang = "fr"

[[entry]]
id = "guichet-unique"
forms = ["guichet unique"]
alternatives = ["bureau d'accueil"]
explanation = "Chez nous, on dit « bureau d'accueil »."
category = "cliche"
severity = "warning"
status = "accepted"
proposed_by = "case handler"
reviewed_by = ["expert by experience"]
date = "2026-11-25"

[[entry]]
id = "moyennant"
forms = ["moyennant"]
alternatives = ["avec", "en échange de"]
explanation = "Un mot rare : « avec » suffit."
category = "pompous"
severity = "info"
status = "proposed"
proposed_by = "expert by experience"
date = "2026-11-25"

[[entry]]
id = "in-casu"
forms = ["in casu"]
alternatives = ["dans ce cas"]
explanation = "Rejeté chez nous : nos juristes gardent ce terme."
category = "latin"
severity = "warning"
status = "rejected"
proposed_by = "legal staff"
date = "2026-11-25"
"#;

#[test]
fn project_lexicon_adds_proposes_and_rejects() {
    let dir = std::env::temp_dir().join(format!("plainly-lex-extra-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("house.toml");
    std::fs::write(&path, HOUSE).unwrap();

    let mut lex = Lexicon::embedded();
    assert_eq!(lex.load_extra(&path).unwrap(), 3);
    install(lex);

    let std = Settings::default();
    let f = check(
        Lang::Fr,
        "Adressez-vous au guichet unique.",
        "admin-cliche",
        &std,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].fixes[0].edits[0].replacement, "bureau d'accueil");

    // Proposed: only with `proposed = 1`.
    let t = "Le document est délivré moyennant paiement.";
    assert!(check(Lang::Fr, t, "admin-cliche", &std).is_empty());
    let mut with = Settings::default();
    with.rules.insert(
        "admin-cliche".into(),
        RuleSettings {
            thresholds: [("proposed".to_string(), 1.0)].into_iter().collect(),
            ..Default::default()
        },
    );
    assert_eq!(check(Lang::Fr, t, "admin-cliche", &with).len(), 1);

    // The project rejected a built-in entry: never flagged.
    let t = "In casu, votre demande ne peut pas être acceptée.";
    assert!(check(Lang::Fr, t, "latin-phrase", &with).is_empty());

    // A broken project file names its file and line.
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "lang = \"fr\"\n\n[[entry]]\nid = \"x\"\nform = [\"x\"]\n",
    )
    .unwrap();
    let err = Lexicon::embedded().load_extra(&bad).unwrap_err();
    assert!(err.to_string().contains("bad.toml:"), "{err}");
    assert!(err.line >= 3, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
