//! Rule packs: declarative rules in TOML, for house styles (docs/packs.md).
//!
//! A pack is one TOML file: a `[pack]` header and `[[rule]]` tables of seven kinds
//! (`existence`, `substitution`, `occurrence`, `repetition`, `consistency`, `conditional`,
//! `metric`), each rule with its message in the writers' languages and its own examples.
//! Built-in packs live in `lexicons/packs/*.toml` and are embedded at build time; a
//! project adds its own with `packs = ["style/house.toml"]` in `plainly.toml`.
//!
//! A pack rule's id is `<pack-id>/<rule-id>` (`consistency/e-mail-fr`): it names findings,
//! switches the rule off (`[rules] "consistency/e-mail-fr" = "off"`), sets its severity
//! and overrides its limits (`max`, `min`, `window`, `min_words`).
//!
//! ```
//! use plainly_rules::packs::{Pack, rules_of};
//! let pack = Pack::parse(r#"
//! [pack]
//! id = "house"
//! description = "Our house style."
//! languages = ["fr"]
//!
//! [[rule]]
//! id = "actuellement"
//! kind = "substitution"
//! message = "Écrivez « {alternative} » plutôt que « {match} »."
//! swap = { "à l'heure actuelle" = "maintenant" }
//!
//! [[rule.example]]
//! text = "À l'heure actuelle, votre dossier est complet."
//! triggers = true
//! fixed = "Maintenant, votre dossier est complet."
//!
//! [[rule.example]]
//! text = "Votre dossier est complet."
//! triggers = false
//! "#, std::path::Path::new("house.toml")).unwrap();
//! assert!(pack.test().passed());
//! let rules = rules_of(&[pack]);
//! assert_eq!(rules[0].id(), "house/actuellement");
//! ```

mod kinds;
mod matcher;
mod metric;
mod parse;
mod stopwords;

use crate::config::Config;
use crate::finding::Finding;
use crate::rule::{BlockContext, DocContext, Rule};
use crate::settings::Settings;
use kinds::{PackExample, PackRule, PackRuleHandle};
use plainly_text::document::{Origin, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang, analyze_block};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use parse::KINDS;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}

/// A pack that cannot be used, with the file and the line at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct PackError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A loaded, checked pack: its rules are compiled and ready to run.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub description: String,
    /// Languages of its rules unless a rule says otherwise.
    pub languages: Vec<Lang>,
    pub version: Option<String>,
    pub authors: Vec<String>,
    pub license: Option<String>,
    /// The file it was read from (`lexicons/packs/<id>.toml` for a built-in pack).
    pub path: String,
    pub builtin: bool,
    rules: Vec<Arc<PackRule>>,
}

impl Pack {
    /// Parse a pack's text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Pack, PackError> {
        Self::parse_named(text, &path.display().to_string(), false)
    }

    fn parse_named(text: &str, path: &str, builtin: bool) -> Result<Pack, PackError> {
        let p = parse::parse(text, path)?;
        Ok(Pack {
            id: p.id,
            description: p.description,
            languages: p.languages,
            version: p.version,
            authors: p.authors,
            license: p.license,
            path: path.to_string(),
            builtin,
            rules: p.rules,
        })
    }

    /// Read and parse a pack file.
    pub fn load(path: &Path) -> Result<Pack, PackError> {
        let text = std::fs::read_to_string(path).map_err(|e| PackError {
            path: path.display().to_string(),
            line: 1,
            message: format!("cannot read the pack: {e}"),
        })?;
        Pack::parse(&text, path)
    }

    /// Full ids of the pack's rules (`<pack-id>/<rule-id>`), in file order.
    pub fn rule_ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.id.as_str()).collect()
    }

    /// The pack's rules, for the engine.
    pub fn rules(&self) -> Vec<Box<dyn Rule>> {
        self.rules
            .iter()
            .map(|r| Box::new(PackRuleHandle(Arc::clone(r))) as Box<dyn Rule>)
            .collect()
    }

    /// Run every example of every rule.
    pub fn test(&self) -> PackTest {
        let mut outcomes = Vec::new();
        let mut gaps = Vec::new();
        for rule in &self.rules {
            for ex in &rule.examples {
                outcomes.push(run_example(rule, ex));
            }
            if !rule.examples.iter().any(|e| e.triggers) {
                gaps.push(format!(
                    "{} (line {}): no example that triggers",
                    rule.id, rule.line
                ));
            }
            if !rule.examples.iter().any(|e| !e.triggers) {
                gaps.push(format!(
                    "{} (line {}): no example that stays quiet",
                    rule.id, rule.line
                ));
            }
        }
        PackTest {
            pack: self.id.clone(),
            path: self.path.clone(),
            rules: self.rules.len(),
            outcomes,
            gaps,
        }
    }
}

/// The rules of `packs`, in order, for `Engine::with_extra_rules`.
pub fn rules_of(packs: &[Pack]) -> Vec<Box<dyn Rule>> {
    packs.iter().flat_map(Pack::rules).collect()
}

/// The built-in packs' sources: (file stem, text), sorted by file name.
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    generated::PACKS
}

fn builtin_loaded() -> &'static (Vec<Pack>, Vec<PackError>) {
    static PACKS: OnceLock<(Vec<Pack>, Vec<PackError>)> = OnceLock::new();
    PACKS.get_or_init(|| {
        let mut packs = Vec::new();
        let mut errors = Vec::new();
        for (stem, text) in generated::PACKS {
            let path = format!("lexicons/packs/{stem}.toml");
            match Pack::parse_named(text, &path, true) {
                Ok(p) if p.id == *stem => packs.push(p),
                Ok(p) => errors.push(PackError {
                    path,
                    line: 1,
                    message: format!("the pack id '{}' differs from the file name '{stem}'", p.id),
                }),
                Err(e) => errors.push(e),
            }
        }
        (packs, errors)
    })
}

/// The built-in packs (parsed once). A built-in pack that does not parse is left out and
/// reported by [`builtin_errors`]; a test keeps that list empty.
pub fn builtin() -> &'static [Pack] {
    &builtin_loaded().0
}

/// Errors of built-in packs (empty unless a pack file is broken).
pub fn builtin_errors() -> &'static [PackError] {
    &builtin_loaded().1
}

/// A built-in pack by id.
pub fn builtin_pack(id: &str) -> Option<&'static Pack> {
    builtin().iter().find(|p| p.id == id)
}

/// Load pack files; relative paths start from `base` (the configuration's folder). Pack
/// ids must differ from each other and from the built-in packs'.
pub fn load_all(base: Option<&Path>, paths: &[PathBuf]) -> Result<Vec<Pack>, PackError> {
    let mut out: Vec<Pack> = Vec::new();
    for p in paths {
        let path = match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p.clone(),
        };
        let pack = Pack::load(&path)?;
        let clash = builtin()
            .iter()
            .chain(out.iter())
            .find(|other| other.id == pack.id)
            .map(|other| other.path.clone());
        if let Some(other) = clash {
            return Err(PackError {
                path: path.display().to_string(),
                line: 1,
                message: format!("the pack id '{}' is already used by {other}", pack.id),
            });
        }
        out.push(pack);
    }
    Ok(out)
}

/// The packs a configuration names (`packs = […]`, relative to its file).
pub fn load_config(cfg: &Config) -> Result<Vec<Pack>, PackError> {
    load_all(cfg.base_dir(), &cfg.packs)
}

/// What one example gave.
#[derive(Debug, Clone)]
pub struct ExampleOutcome {
    pub rule: String,
    /// Line of the example in the pack file.
    pub line: usize,
    pub lang: Lang,
    pub text: String,
    pub triggers: bool,
    /// The rule's findings on the example.
    pub findings: Vec<Finding>,
    /// Why the example fails, if it does.
    pub failure: Option<String>,
}

/// The result of running a pack's examples.
#[derive(Debug, Clone)]
pub struct PackTest {
    pub pack: String,
    pub path: String,
    pub rules: usize,
    pub outcomes: Vec<ExampleOutcome>,
    /// Rules without an example that triggers, or without one that stays quiet.
    pub gaps: Vec<String>,
}

impl PackTest {
    pub fn failures(&self) -> impl Iterator<Item = &ExampleOutcome> {
        self.outcomes.iter().filter(|o| o.failure.is_some())
    }

    /// Every example passes and every rule has examples of both sorts.
    pub fn passed(&self) -> bool {
        self.gaps.is_empty() && self.failures().next().is_none()
    }

    /// 0 when everything passes, else 1.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.passed())
    }

    /// One line per example, the failures explained, and a summary.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "pack {} ({}): {} rules, {} examples",
            self.pack,
            self.path,
            self.rules,
            self.outcomes.len()
        );
        for o in &self.outcomes {
            let mark = if o.failure.is_some() { "FAIL" } else { "ok  " };
            let expect = if o.triggers { "triggers" } else { "quiet   " };
            let _ = writeln!(
                out,
                "  {mark}  {}:{}  {}  {expect}  {}",
                self.path,
                o.line,
                o.lang,
                preview(&o.text)
            );
            if let Some(why) = &o.failure {
                let _ = writeln!(out, "        {} — {why}", o.rule);
            }
        }
        for g in &self.gaps {
            let _ = writeln!(out, "  FAIL  {g}");
        }
        let failed = self.failures().count();
        let _ = writeln!(
            out,
            "{} passed, {failed} failed{}",
            self.outcomes.len() - failed,
            if self.gaps.is_empty() {
                String::new()
            } else {
                format!(", {} rules lack examples", self.gaps.len())
            }
        );
        out
    }
}

fn preview(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 70 {
        let cut: String = one.chars().take(69).collect();
        format!("{cut}…")
    } else {
        one
    }
}

/// Run one rule on a one-paragraph document, as the engine would.
fn run_example(rule: &Arc<PackRule>, ex: &PackExample) -> ExampleOutcome {
    let mut block = Block::new(
        BlockKind::Paragraph,
        ex.text.clone(),
        Origin {
            source: 0,
            map: SourceMap::identity(0, ex.text.len()),
            place: Default::default(),
        },
    );
    block.lang = Some(ex.lang);
    let doc = Document {
        format: "txt".into(),
        blocks: vec![block],
        sources: vec![Source {
            name: String::new(),
            text: ex.text.clone(),
        }],
        declared_lang: Some(ex.lang),
    };
    let settings = Settings::with_audience(ex.audience);
    let analyses: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| analyze_block(&b.text, b.kind, ex.lang))
        .collect();
    let handle = PackRuleHandle(Arc::clone(rule));
    let mut findings = Vec::new();
    for (index, (block, analysis)) in doc.blocks.iter().zip(&analyses).enumerate() {
        let lexicon = crate::lexicon::Compiled::builtin();
        let cx = BlockContext::new(index, block, analysis, &settings, &lexicon);
        handle.check_block(&cx, &mut findings);
    }
    let dcx = DocContext {
        doc: &doc,
        analyses: &analyses,
        settings: &settings,
        lexicon: &crate::lexicon::Compiled::builtin(),
        lang: ex.lang,
    };
    handle.check_document(&dcx, &mut findings);
    findings.retain(|f| f.rule == rule.id);
    let fired = !findings.is_empty();
    let failure = if fired != ex.triggers {
        Some(if ex.triggers {
            "expected a finding, got none".to_string()
        } else {
            let msgs: Vec<String> = findings
                .iter()
                .map(|f| format!("“{}” at “{}”", f.message, f.span.slice(&ex.text)))
                .collect();
            format!("expected no finding, got {}", msgs.join("; "))
        })
    } else {
        ex.fixed.as_ref().and_then(|want| {
            let got = apply_first_fixes(&ex.text, &findings);
            (got != *want).then(|| format!("after the fixes: “{got}”, expected “{want}”"))
        })
    };
    ExampleOutcome {
        rule: rule.id.clone(),
        line: ex.line,
        lang: ex.lang,
        text: ex.text.clone(),
        triggers: ex.triggers,
        findings,
        failure,
    }
}

/// `text` with the first fix of every finding applied (overlapping edits skipped).
pub fn apply_first_fixes(text: &str, findings: &[Finding]) -> String {
    let mut edits: Vec<&crate::finding::Edit> = findings
        .iter()
        .filter_map(|f| f.fixes.first())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in edits {
        let (s, end) = (e.span.start as usize, e.span.end as usize);
        if s < pos || end > text.len() {
            continue;
        }
        out.push_str(text.get(pos..s).unwrap_or_default());
        out.push_str(&e.replacement);
        pos = end;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}
