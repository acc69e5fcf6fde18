//! Project lexicons: `Lexicon::load_extra`, an engine with the built-in lexicon plus a
//! project's entries (and one without, unaffected), proposed entries behind the
//! `proposed = 1` setting, rejected ones never, allowed words never flagged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::config::Config;
use plainly_rules::lexicon::{Compiled, Lexicon, with_project_files};
use plainly_rules::settings::RuleSettings;
use plainly_rules::{Engine, EngineError, Engines, Finding, Settings};
use plainly_text::{Document, Lang};
use std::path::Path;
use std::sync::Arc;

fn check_with(
    engine: &Engine,
    lang: Lang,
    text: &str,
    rule: &str,
    settings: &Settings,
) -> Vec<Finding> {
    let doc = Document::paragraph(text, lang);
    engine
        .check(&doc, settings, lang)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("plainly-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    let dir = temp_dir("lex-extra");
    let path = dir.join("house.toml");
    std::fs::write(&path, HOUSE).unwrap();

    let mut lex = Lexicon::default();
    assert_eq!(lex.load_extra(&path).unwrap(), 3);
    let project = Engine::default().with_lexicon(Arc::new(Compiled::extended(
        Compiled::builtin(),
        lex.entries().to_vec(),
    )));
    let builtin = Engine::default();
    let check = |lang, text, rule, settings| check_with(&project, lang, text, rule, settings);

    let std = Settings::default();
    let f = check(
        Lang::Fr,
        "Adressez-vous au guichet unique.",
        "admin-cliche",
        &std,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].fixes[0].edits[0].replacement, "bureau d'accueil");
    // An engine without the project's file, in the same process, does not know the term.
    assert!(
        check_with(
            &builtin,
            Lang::Fr,
            "Adressez-vous au guichet unique.",
            "admin-cliche",
            &std
        )
        .is_empty()
    );

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
    // … while the built-in lexicon still flags it.
    assert_eq!(
        check_with(&builtin, Lang::Fr, t, "latin-phrase", &with).len(),
        1
    );

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

#[test]
fn engines_load_the_files_a_configuration_names() {
    let dir = temp_dir("lex-config");
    std::fs::create_dir_all(dir.join("words")).unwrap();
    std::fs::write(dir.join("words/house.toml"), HOUSE).unwrap();
    let text = "lexicons = [\"words/house.toml\"]\n";
    let cfg = Config::parse(text, &dir.join("plainly.toml")).unwrap();
    let engines = Engines::default();
    let engine = engines.for_config(&cfg).unwrap();
    let t = "Adressez-vous au guichet unique.";
    let std = Settings::default();
    assert_eq!(
        check_with(&engine, Lang::Fr, t, "admin-cliche", &std).len(),
        1
    );
    // Same configuration: same engine, compiled once.
    assert!(Arc::ptr_eq(&engine, &engines.for_config(&cfg).unwrap()));
    // Another configuration in the same process: not affected.
    let other = engines.for_config(&Config::default()).unwrap();
    assert!(check_with(&other, Lang::Fr, t, "admin-cliche", &std).is_empty());

    // Allowed words silence a project term (by its form or its id) and a built-in one.
    for allowed in ["guichet unique", "guichet-unique"] {
        let quiet = Settings {
            allowed: vec![allowed.to_string()],
            ..Settings::default()
        };
        assert!(
            check_with(&engine, Lang::Fr, t, "admin-cliche", &quiet).is_empty(),
            "{allowed}"
        );
    }
    let t = "In casu, la demande est acceptée.";
    let quiet = Settings {
        allowed: vec!["in casu".to_string()],
        ..Settings::default()
    };
    assert_eq!(
        check_with(&other, Lang::Fr, t, "latin-phrase", &std).len(),
        1
    );
    assert!(check_with(&other, Lang::Fr, t, "latin-phrase", &quiet).is_empty());

    // A broken file: one error naming the file and the line.
    std::fs::write(
        dir.join("words/house.toml"),
        "lang = \"fr\"\n[[entry]]\nid = 3\n",
    )
    .unwrap();
    let cfg = Config::parse(text, &dir.join("sub.toml")).unwrap();
    let err = Engines::default().for_config(&cfg).unwrap_err();
    assert!(matches!(err, EngineError::Lexicon(_)), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("house.toml:3:"), "{msg}");
    // A missing file too.
    let err = with_project_files(Some(Path::new(&dir)), &["nowhere.toml".into()]).unwrap_err();
    assert!(err.to_string().contains("nowhere.toml"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
