//! Rule packs: every kind fires and stays quiet as documented, every built-in pack's
//! examples pass (this is what `cargo test` runs of them), bad packs name their file and
//! line, and the built-in packs stay quiet on the plain fixture letters.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_rules::packs::{self, Pack, PackError, rules_of};
use plainly_rules::settings::RuleSettings;
use plainly_rules::{Engine, Finding, Settings, Severity};
use plainly_text::document::{Origin, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};
use std::path::{Path, PathBuf};

fn pack(text: &str) -> Pack {
    match Pack::parse(text, Path::new("test.toml")) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

fn bad(text: &str) -> PackError {
    match Pack::parse(text, Path::new("bad.toml")) {
        Ok(p) => panic!("pack {} parsed but should not", p.id),
        Err(e) => e,
    }
}

fn doc(lang: Lang, paragraphs: &[&str]) -> Document {
    let mut offset = 0;
    let blocks = paragraphs
        .iter()
        .map(|p| {
            let mut b = Block::new(
                BlockKind::Paragraph,
                *p,
                Origin {
                    source: 0,
                    map: SourceMap::identity(offset, p.len()),
                    place: Default::default(),
                },
            );
            offset += p.len() + 2;
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

/// Findings of the pack's rules only.
fn check_with(p: &Pack, settings: &Settings, lang: Lang, paragraphs: &[&str]) -> Vec<Finding> {
    let engine = Engine::default().with_extra_rules(rules_of(std::slice::from_ref(p)));
    let prefix = format!("{}/", p.id);
    engine
        .check(&doc(lang, paragraphs), settings, lang)
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with(&prefix))
        .collect()
}

fn check(p: &Pack, lang: Lang, paragraphs: &[&str]) -> Vec<Finding> {
    check_with(p, &Settings::default(), lang, paragraphs)
}

fn flagged<'a>(doc_paragraphs: &[&'a str], findings: &[Finding]) -> Vec<&'a str> {
    findings
        .iter()
        .map(|f| {
            let text = doc_paragraphs[f.block.unwrap_or(0)];
            &text[f.span.start as usize..f.span.end as usize]
        })
        .collect()
}

const HEADER: &str = r#"
[pack]
id = "house"
description = "Test pack."
languages = ["fr", "en"]
"#;

fn with_header(rules: &str) -> String {
    format!("{HEADER}\n{rules}")
}

// --- every kind ----------------------------------------------------------------------------

#[test]
fn existence_respects_words_links_and_exceptions() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "no-mail"
kind = "existence"
message = { fr = "Évitez « {match} ».", en = "Avoid ‘{match}’." }
tokens = ["mail", "ci-joint"]
patterns = ['\d+ (Mars)']
exceptions = ["ci-joint"]
"#,
    ));
    let paras = [
        "Un mail, un e-mail, le mailing et info@mail.be ; le 3 Mars ; le formulaire ci-joint.",
        "Send a mail.",
    ];
    let f = check(&p, Lang::Fr, &paras[..1]);
    assert_eq!(flagged(&paras, &f), vec!["mail", "Mars"]);
    assert_eq!(f[0].rule, "house/no-mail");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].message, "Évitez « mail ».");
    let f = check(&p, Lang::En, &paras[1..]);
    assert_eq!(f[0].message, "Avoid ‘mail’.");
    // Not a language of the rule: nothing.
    assert!(check(&p, Lang::Nl, &["Een mail."]).is_empty());
}

#[test]
fn allowed_terms_are_never_flagged() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "no-cpas"
kind = "existence"
message = "Évitez « {match} »."
tokens = ["CPAS"]
"#,
    ));
    let settings = Settings {
        allowed: vec!["cpas".into()],
        ..Default::default()
    };
    assert!(check_with(&p, &settings, Lang::Fr, &["Le CPAS vous aide."]).is_empty());
    assert_eq!(check(&p, Lang::Fr, &["Le CPAS vous aide."]).len(), 1);
}

#[test]
fn substitution_gives_fixes_that_keep_the_case() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "plain"
kind = "substitution"
severity = "info"
message = { fr = "Écrivez « {alternative} » plutôt que « {match} »." }
swap = { "à l'heure actuelle" = "maintenant", "en date du" = ["le", ""], "vnic" = "vNIC" }
"#,
    ));
    let paras = ["À l’heure actuelle, la lettre en date du 3 mars est ici. Le vNIC et le VNIC."];
    let f = check(&p, Lang::Fr, &paras);
    assert_eq!(
        flagged(&paras, &f),
        vec!["À l’heure actuelle", "en date du", "VNIC"]
    );
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(
        f[0].message,
        "Écrivez « Maintenant » plutôt que « À l’heure actuelle »."
    );
    assert_eq!(f[0].fixes[0].edits[0].replacement, "Maintenant");
    assert_eq!(f[0].fixes[0].label, "Remplacer par « Maintenant »");
    assert_eq!(f[1].fixes.len(), 2);
    assert_eq!(f[1].fixes[1].label, "Supprimer « en date du »");
    assert_eq!(f[2].fixes[0].edits[0].replacement, "vNIC");
    assert_eq!(
        packs::apply_first_fixes(paras[0], &f),
        "Maintenant, la lettre le 3 mars est ici. Le vNIC et le vNIC."
    );
}

#[test]
fn occurrence_counts_per_sentence_paragraph_and_document() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "one-deadline"
kind = "occurrence"
message = "« {match} » : {count} fois (au plus {limit})."
tokens = ["délai"]
max = 1

[[rule]]
id = "two-per-paragraph"
kind = "occurrence"
scope = "paragraph"
message = "« {match} » : {count} fois (au plus {limit})."
tokens = ["vous"]
max = 2

[[rule]]
id = "mention-appeal"
kind = "occurrence"
scope = "document"
message = "Le document doit mentionner le recours au moins {limit} fois."
tokens = ["recours"]
min = 1
"#,
    ));
    let paras = [
        "Le délai court. Ce délai et ce délai-là, le délai final.",
        "Vous, vous et vous.",
    ];
    let f = check(&p, Lang::Fr, &paras);
    let ids: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "house/mention-appeal",
            "house/one-deadline",
            "house/two-per-paragraph"
        ]
    );
    assert_eq!(f[0].block, None);
    assert_eq!(f[1].message, "« délai » : 2 fois (au plus 1).");
    assert_eq!(
        &paras[0][f[1].span.start as usize..f[1].span.end as usize],
        "délai"
    );
    assert_eq!(
        f[1].span.start as usize,
        paras[0].find("délai final").unwrap()
    );
    assert_eq!(f[2].message, "« vous » : 3 fois (au plus 2).");
    let f = check(
        &p,
        Lang::Fr,
        &["Un recours est possible.", "Le délai court."],
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn configured_limits_and_switches_apply() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "one-deadline"
kind = "occurrence"
message = "« {match} » : {count} fois."
tokens = ["délai"]
max = 1
"#,
    ));
    let paras = ["Ce délai et ce délai."];
    let mut settings = Settings::default();
    settings.rules.insert(
        "house/one-deadline".into(),
        RuleSettings {
            thresholds: [("max".to_string(), 2.0)].into(),
            ..Default::default()
        },
    );
    assert!(check_with(&p, &settings, Lang::Fr, &paras).is_empty());
    settings.rules.insert(
        "house/one-deadline".into(),
        RuleSettings {
            severity: Some(Severity::Error),
            ..Default::default()
        },
    );
    assert_eq!(
        check_with(&p, &settings, Lang::Fr, &paras)[0].severity,
        Severity::Error
    );
    settings.rules.insert(
        "house/one-deadline".into(),
        RuleSettings {
            enabled: Some(false),
            ..Default::default()
        },
    );
    assert!(check_with(&p, &settings, Lang::Fr, &paras).is_empty());
}

#[test]
fn repetition_skips_function_words_and_punctuation() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "twice"
kind = "repetition"
message = { fr = "« {match} » est répété.", en = "‘{match}’ is repeated." }

[[rule]]
id = "near"
kind = "repetition"
window = 4
message = "« {match} » revient trop vite."
"#,
    ));
    let paras =
        ["Votre dossier dossier est complet. Vous vous inscrivez. Non, non. Le le formulaire."];
    let f = check(&p, Lang::Fr, &paras);
    let twice: Vec<&Finding> = f.iter().filter(|f| f.rule == "house/twice").collect();
    assert_eq!(twice.len(), 1, "{f:?}");
    assert_eq!(twice[0].message, "« dossier » est répété.");
    assert_eq!(
        packs::apply_first_fixes(paras[0], &f),
        "Votre dossier est complet. Vous vous inscrivez. Non, non. Le le formulaire."
    );
    let paras = ["Le dossier est clos, le dossier part. Le dossier suivant."];
    let f = check(&p, Lang::Fr, &paras);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].rule, "house/near");
    assert!(f[0].fixes.is_empty());
    assert_eq!(
        f[0].span.start as usize,
        paras[0].find("dossier part").unwrap()
    );
}

#[test]
fn consistency_flags_the_minority_across_paragraphs() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "email"
kind = "consistency"
message = { fr = "Écrivez « {alternative} » comme ailleurs, pas « {match} »." }
groups = [[["e-mail", "e-mails"], ["email", "emails"], "courriel"]]
"#,
    ));
    let paras = [
        "Envoyez un email.",
        "Vos e-mails sont lus. Un e-mail suffit.",
        "Email ou courrier, l'e-mail est gratuit.",
    ];
    let f = check(&p, Lang::Fr, &paras);
    assert_eq!(flagged(&paras, &f), vec!["email", "Email"]);
    assert_eq!(f[0].block, Some(0));
    assert_eq!(
        f[0].message,
        "Écrivez « e-mail » comme ailleurs, pas « email »."
    );
    assert_eq!(f[1].fixes[0].edits[0].replacement, "E-mail");
    // One form only: quiet. A tie: the first form used wins.
    assert!(check(&p, Lang::Fr, &["Un email.", "Deux emails."]).is_empty());
    let f = check(&p, Lang::Fr, &["Un courriel.", "Un email."]);
    assert_eq!(f[0].fixes[0].edits[0].replacement, "courriel");
}

#[test]
fn conditional_wants_the_explanation_at_first_use() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "acronyms"
kind = "conditional"
message = "Expliquez « {match} » la première fois."
first = '\b([A-Z]{2,6})\b'
explained_by = '(?:\(([A-Z]{2,6})\)|\b([A-Z]{2,6}) \()'
exceptions = ["TVA"]
"#,
    ));
    let paras = [
        "L'Office national de l'emploi (ONEM) paie. Le CPAS (centre public d'action sociale) aide.",
        "L'ONEM et le CPAS répondent. La TVA reste due. Le SPF Finances décide.",
        "Le SPF (service public fédéral) Finances.",
    ];
    let f = check(&p, Lang::Fr, &paras);
    assert_eq!(flagged(&paras, &f), vec!["SPF"]);
    assert_eq!(f[0].block, Some(1));
    assert_eq!(f[0].message, "Expliquez « SPF » la première fois.");
}

#[test]
fn metric_measures_blocks_and_documents() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "short-sentences"
kind = "metric"
metric = "words / sentences"
max = 8
min_words = 5
message = { fr = "En moyenne {value} mots par phrase (au plus {limit})." }

[[rule]]
id = "readable"
kind = "metric"
metric = "kandel-moles"
scope = "document"
min = 60
message = "Lisibilité {value} (au moins {limit})."
"#,
    ));
    let long = "Les personnes qui souhaitent obtenir une intervention financière complémentaire doivent introduire une demande motivée auprès de l'administration compétente.";
    let paras = [
        "Votre dossier est complet. Nous payons le 3 mars.",
        long,
        "Oui.",
    ];
    let f = check(&p, Lang::Fr, &paras);
    let ids: Vec<(&str, Option<usize>)> = f.iter().map(|f| (f.rule.as_str(), f.block)).collect();
    assert_eq!(
        ids,
        vec![("house/readable", None), ("house/short-sentences", Some(1))],
        "{f:?}"
    );
    assert_eq!(f[1].message, "En moyenne 18 mots par phrase (au plus 8).");
}

#[test]
fn language_fallback_for_messages() {
    let p = pack(
        r#"
[pack]
id = "multi"
description = "Test."

[[rule]]
id = "x"
kind = "existence"
message = { nl = "Vermijd ‘{match}’.", en = "Avoid ‘{match}’." }
tokens = ["xyz"]

[[rule]]
id = "y"
kind = "existence"
message = { de = "Vermeiden Sie „{match}“.", nl = "Vermijd ‘{match}’." }
tokens = ["xyz"]
"#,
    );
    let f = check(&p, Lang::Fr, &["Le xyz."]);
    assert_eq!(f[0].message, "Avoid ‘xyz’.");
    assert_eq!(f[1].message, "Vermeiden Sie „xyz“.");
    let f = check(&p, Lang::Nl, &["De xyz."]);
    assert_eq!(f[0].message, "Vermijd ‘xyz’.");
}

#[test]
fn blocks_restrict_where_a_rule_reads() {
    let p = pack(&with_header(
        r#"
[[rule]]
id = "x"
kind = "existence"
message = "Évitez « {match} »."
tokens = ["xyz"]
"#,
    ));
    let mut d = doc(Lang::Fr, &["Le xyz.", "Le xyz cité."]);
    d.blocks[1].kind = BlockKind::Quote;
    let engine = Engine::default().with_extra_rules(p.rules());
    let r = engine.check(&d, &Settings::default(), Lang::Fr);
    let f: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "house/x").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].block, Some(0));
}

/// docs/packs.md: its complete packs load and pass, and its examples of every kind, put
/// together in one pack, pass their examples.
#[test]
fn the_documentation_examples_pass() {
    let md = include_str!("../../docs/packs.md");
    let mut blocks = Vec::new();
    let mut rest = md;
    while let Some(start) = rest.find("```toml\n") {
        let body = &rest[start + 8..];
        let end = body.find("```").unwrap();
        blocks.push(&body[..end]);
        rest = &body[end + 3..];
    }
    let mut rules =
        String::from("[pack]\nid = \"docs\"\ndescription = \"The examples of docs/packs.md.\"\n\n");
    let mut kinds = std::collections::BTreeSet::new();
    let mut whole = 0;
    for b in &blocks {
        if b.starts_with("[[rule]]") {
            rules.push_str(b);
            rules.push('\n');
            let kind = b.lines().find_map(|l| l.strip_prefix("kind = ")).unwrap();
            kinds.insert(kind.trim_matches('"').to_string());
        } else if b.starts_with("[pack]") {
            let t = pack(b).test();
            assert!(t.passed(), "{}", t.report());
            whole += 1;
        }
    }
    assert_eq!(whole, 1);
    let all: std::collections::BTreeSet<String> =
        packs::KINDS.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(kinds, all, "docs/packs.md shows every kind");
    let t = pack(&rules).test();
    assert!(t.passed(), "{}", t.report());
    assert!(t.outcomes.len() >= 20, "{}", t.report());
}

// --- built-in packs --------------------------------------------------------------------------

#[test]
fn builtin_packs_parse_and_their_examples_pass() {
    assert_eq!(packs::builtin_errors(), &[] as &[PackError]);
    let ids: Vec<&str> = packs::builtin().iter().map(|p| p.id.as_str()).collect();
    assert!(
        ids.contains(&"consistency") && ids.contains(&"dates-and-money"),
        "{ids:?}"
    );
    assert_eq!(packs::builtin().len(), packs::builtin_sources().len());
    let mut ran = 0;
    for p in packs::builtin() {
        let t = p.test();
        println!("{}", t.report());
        assert!(t.passed(), "{}", t.report());
        ran += t.outcomes.len();
    }
    assert!(ran >= 30, "{ran} built-in examples");
}

#[test]
fn builtin_rules_speak_and_show_every_language_they_cover() {
    let engine = Engine::default().with_extra_rules(rules_of(packs::builtin()));
    let prefixes: Vec<String> = packs::builtin()
        .iter()
        .map(|p| format!("{}/", p.id))
        .collect();
    for r in engine.rules() {
        let d = r.doc();
        if !prefixes.iter().any(|p| d.id.starts_with(p.as_str())) {
            continue;
        }
        assert!(!d.what.is_empty(), "{} has no description", d.id);
        for lang in d.langs {
            assert!(
                d.examples.iter().any(|e| e.lang == *lang && e.triggers),
                "{}: no example that triggers in {lang}",
                d.id
            );
            assert!(
                d.examples.iter().any(|e| e.lang == *lang && !e.triggers),
                "{}: no quiet example in {lang}",
                d.id
            );
        }
    }
    // Messages in each covered language (no fallback for built-in rules).
    for p in packs::builtin() {
        let text = packs::builtin_sources()
            .iter()
            .find(|(stem, _)| *stem == p.id)
            .map(|(_, t)| *t)
            .unwrap();
        let table: toml::Table = text.parse().unwrap();
        for rule in table["rule"].as_array().unwrap() {
            let id = rule["id"].as_str().unwrap();
            let langs: Vec<&str> = rule
                .get("languages")
                .or(table["pack"].get("languages"))
                .and_then(|l| l.as_array())
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            let msg = rule["message"].as_table().unwrap();
            for l in langs {
                assert!(msg.contains_key(l), "{}/{id}: no message in {l}", p.id);
            }
        }
    }
}

/// The rule examples test runs every rule's documented examples through the engine: pack
/// rules must pass it the same way once wired in.
#[test]
fn builtin_examples_pass_through_the_engine() {
    let engine = Engine::default().with_extra_rules(rules_of(packs::builtin()));
    let mut failures = Vec::new();
    for p in packs::builtin() {
        for id in p.rule_ids() {
            let d = engine.rule(id).unwrap().doc();
            for ex in d.examples {
                let report = engine.check(
                    &doc(ex.lang, &[ex.text]),
                    &Settings::with_audience(ex.audience),
                    ex.lang,
                );
                let fired = report.findings.iter().any(|f| f.rule == d.id);
                if fired != ex.triggers {
                    failures.push(format!("{} [{}]: {}", d.id, ex.lang, ex.text));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/letters");
    let mut out = Vec::new();
    for lang in std::fs::read_dir(&root).unwrap().filter_map(Result::ok) {
        if !lang.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(lang.path())
            .unwrap()
            .filter_map(Result::ok)
        {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

/// Built-in packs are on by default, so they must be precise: no finding at warning or
/// above on the plain versions of the fixture letters.
#[test]
fn builtin_packs_are_quiet_on_plain_fixture_letters() {
    let engine = Engine::default().with_extra_rules(rules_of(packs::builtin()));
    let prefixes: Vec<String> = packs::builtin()
        .iter()
        .map(|p| format!("{}/", p.id))
        .collect();
    let mut loud = Vec::new();
    let mut checked = 0;
    for path in fixture_files() {
        let Some(format) = plainly_readers::Format::from_path(&path) else {
            continue;
        };
        let bytes = std::fs::read(&path).unwrap();
        let mut d = plainly_readers::read(&bytes, format, &Default::default()).unwrap();
        plainly_text::detect::assign_languages(&mut d, None, Lang::En);
        let report = engine.check(&d, &Settings::default(), Lang::En);
        checked += 1;
        for f in &report.findings {
            if !prefixes.iter().any(|p| f.rule.starts_with(p.as_str())) {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = f
                .block
                .and_then(|b| d.blocks.get(b))
                .map(|b| f.span.slice(&b.text).to_string())
                .unwrap_or_default();
            println!("{name}: {} {} “{text}” {}", f.rule, f.severity, f.message);
            if name.contains(".plain.") && f.severity >= Severity::Warning {
                loud.push(format!("{name}: {} “{text}”", f.rule));
            }
        }
    }
    assert!(checked >= 10, "{checked} fixture files");
    assert!(loud.is_empty(), "{}", loud.join("\n"));
}

// --- bad packs ---------------------------------------------------------------------------------

#[test]
fn bad_packs_name_file_and_line() {
    let cases: &[(&str, usize, &str)] = &[
        // TOML syntax.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\nkind = \"existence\"\n",
            6,
            "",
        ),
        // Unknown field in a rule.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"t\"]\ntokenz = [\"u\"]\n",
            10,
            "unknown field `tokenz`",
        ),
        // Unknown kind.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existance\"\nmessage = \"m\"\n",
            7,
            "unknown kind 'existance'",
        ),
        // A field of another kind.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"t\"]\nswap = { a = \"b\" }\n",
            10,
            "'swap' does not apply to kind 'existence'",
        ),
        // Bad regex, on the line of the pattern.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [\n  'ok',\n  '(broken',\n]\n",
            11,
            "bad pattern",
        ),
        // A pattern that matches nothing at all.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = ['x*']\n",
            9,
            "matches empty text",
        ),
        // Missing message: the rule's line.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"t\"]\n\n[[rule]]\nid = \"b\"\nkind = \"existence\"\ntokens = [\"t\"]\n",
            11,
            "no message",
        ),
        // Unknown placeholder.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\ntokens = [\"t\"]\nmessage = \"Use {alternative}\"\n",
            9,
            "unknown placeholder {alternative}",
        ),
        // An example that does not parse: a language the rule does not cover.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\nlanguages = [\"fr\"]\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\ntokens = [\"t\"]\nmessage = \"m\"\n\n[[rule.example]]\nlang = \"nl\"\ntext = \"t\"\ntriggers = true\n",
            13,
            "example in nl",
        ),
        // An example without `triggers`.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\nlanguages = [\"fr\"]\n\n[[rule]]\nid = \"a\"\nkind = \"existence\"\ntokens = [\"t\"]\nmessage = \"m\"\n\n[[rule.example]]\ntext = \"t\"\n",
            12,
            "triggers",
        ),
        // Unknown metric name.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"metric\"\nmessage = \"m\"\nmax = 3\nmetric = \"words-sentences\"\n",
            10,
            "spaces around a minus",
        ),
        // Duplicate rule id.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"repetition\"\nmessage = \"m\"\n\n[[rule]]\nid = \"a\"\nkind = \"repetition\"\nmessage = \"m\"\n",
            11,
            "used twice",
        ),
        // Bad severity, bad language, bad id.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"repetition\"\nmessage = \"m\"\nseverity = \"loud\"\n",
            9,
            "unknown severity",
        ),
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\nlanguages = [\"es\"]\n",
            4,
            "unknown language 'es'",
        ),
        (
            "[pack]\nid = \"House Style\"\ndescription = \"d\"\n",
            2,
            "kebab-case",
        ),
        // A consistency form listed twice.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n\n[[rule]]\nid = \"a\"\nkind = \"consistency\"\nmessage = \"m\"\ngroups = [[\"email\", \"E-mail\", \"e-mail\"]]\n",
            9,
            "listed twice",
        ),
        // No rules at all.
        (
            "[pack]\nid = \"x\"\ndescription = \"d\"\n",
            1,
            "no [[rule]]",
        ),
    ];
    for (text, line, needle) in cases {
        let e = bad(text);
        assert_eq!(e.path, "bad.toml");
        assert_eq!(e.line, *line, "{e} for\n{text}");
        assert!(e.message.contains(needle), "{e} lacks “{needle}”");
        assert!(
            e.to_string().starts_with(&format!("bad.toml:{line}: ")),
            "{e}"
        );
    }
}

// --- testing a pack --------------------------------------------------------------------------

#[test]
fn a_failing_example_fails_the_pack_test() {
    let p = pack(
        r#"
[pack]
id = "wrong"
description = "A pack with a wrong example."
languages = ["fr"]

[[rule]]
id = "plain"
kind = "substitution"
message = "Écrivez « {alternative} »."
swap = { "en date du" = "le" }

[[rule.example]]
text = "La lettre en date du 3 mars."
triggers = true
fixed = "La lettre du 3 mars."

[[rule.example]]
text = "La lettre du 3 mars."
triggers = true
"#,
    );
    let t = p.test();
    assert!(!t.passed());
    assert_eq!(t.exit_code(), 1);
    let report = t.report();
    assert!(report.contains("FAIL  test.toml:13"), "{report}");
    assert!(report.contains("FAIL  test.toml:18"), "{report}");
    assert!(report.contains("expected a finding, got none"), "{report}");
    assert!(
        report.contains("after the fixes: “La lettre le 3 mars.”"),
        "{report}"
    );
    assert!(report.contains("no example that stays quiet"), "{report}");
    assert!(report.contains("0 passed, 2 failed"), "{report}");
}

#[test]
fn loading_from_a_configuration_folder() {
    let dir = std::env::temp_dir().join(format!("plainly-packs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("style")).unwrap();
    let text = with_header(
        "[[rule]]\nid = \"x\"\nkind = \"existence\"\nmessage = \"m {match}\"\ntokens = [\"xyz\"]\n",
    );
    std::fs::write(dir.join("style/house.toml"), &text).unwrap();
    std::fs::write(
        dir.join("style/consistency.toml"),
        text.replace("\"house\"", "\"consistency\""),
    )
    .unwrap();
    let packs = packs::load_all(Some(&dir), &[PathBuf::from("style/house.toml")]).unwrap();
    assert_eq!(packs[0].rule_ids(), vec!["house/x"]);
    let e = packs::load_all(
        Some(&dir),
        &[
            PathBuf::from("style/house.toml"),
            PathBuf::from("style/house.toml"),
        ],
    )
    .unwrap_err();
    assert!(e.message.contains("already used"), "{e}");
    let e = packs::load_all(Some(&dir), &[PathBuf::from("style/consistency.toml")]).unwrap_err();
    assert!(e.message.contains("lexicons/packs/consistency.toml"), "{e}");
    let e = packs::load_all(Some(&dir), &[PathBuf::from("style/missing.toml")]).unwrap_err();
    assert!(
        e.to_string()
            .contains("missing.toml:1: cannot read the pack"),
        "{e}"
    );
    let cfg = plainly_rules::config::Config::parse(
        "packs = [\"style/house.toml\"]\n",
        &dir.join("plainly.toml"),
    )
    .unwrap();
    assert_eq!(packs::load_config(&cfg).unwrap()[0].id, "house");
    let _ = std::fs::remove_dir_all(&dir);
}
