//! The engine: analyse every block, run the rules, compute the scores.

use crate::finding::Finding;
use crate::lexicon::{Compiled, LexiconError};
use crate::readability::Readability;
use crate::rule::{BlockContext, DocContext, Rule};
use crate::rules;
use crate::score::{self, PlainScore};
use crate::settings::Settings;
use plainly_text::{BlockAnalysis, Counts, Document, Lang, analyze_block};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

fn hash_of(v: &impl Hash) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

/// A block's analysis and the findings of the block-level rules, as cached.
#[derive(Debug)]
struct CachedBlock {
    analysis: BlockAnalysis,
    findings: Vec<Finding>,
}

/// Per-block cache: re-checking an unchanged block (same text, kind, language and
/// settings) costs a lookup. Bounded: cleared when it grows past `CACHE_LIMIT` entries.
#[derive(Debug, Default)]
struct BlockCache {
    map: Mutex<HashMap<u64, Arc<CachedBlock>>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

const CACHE_LIMIT: usize = 50_000;

/// The rules to run, and the lexicon the lexicon rules use.
pub struct Engine {
    rules: Vec<Box<dyn Rule>>,
    lexicon: Arc<Compiled>,
    cache: Option<BlockCache>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field(
                "rules",
                &self.rules.iter().map(|r| r.id()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Default for Engine {
    /// The built-in rules and the built-in rule packs (`lexicons/packs/`).
    fn default() -> Self {
        let mut rules = rules::builtin();
        rules.extend(crate::packs::rules_of(crate::packs::builtin()));
        Engine {
            rules,
            lexicon: Compiled::builtin(),
            cache: None,
        }
    }
}

/// Why a configuration's engine cannot be made: one of its rule packs or lexicon files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Pack(#[from] crate::packs::PackError),
    #[error("{0} (a lexicon file named in plainly.toml)")]
    Lexicon(#[from] LexiconError),
}

/// What tells two configurations' engines apart: the file, and the packs and lexicons it
/// names (a user's file merged under a project's names both).
type ConfigKey = (
    Option<std::path::PathBuf>,
    Vec<std::path::PathBuf>,
    Vec<std::path::PathBuf>,
);

/// One engine per configuration file: the built-in rules plus the rule packs that
/// configuration names, and the built-in lexicon plus the lexicon files it names (paths
/// relative to the folder of that `plainly.toml`). Engines of configurations without extra
/// lexicons share one compiled built-in lexicon. Shared by the CLI's batch and the
/// language server.
#[derive(Debug, Default)]
pub struct Engines {
    cached: bool,
    by_config: Mutex<HashMap<ConfigKey, Arc<Engine>>>,
}

impl Engines {
    /// Engines whose blocks are cached (for the language server).
    pub fn with_cache() -> Self {
        Engines {
            cached: true,
            ..Engines::default()
        }
    }

    /// The engine for a configuration (loads its packs and lexicon files once).
    pub fn for_config(&self, cfg: &crate::config::Config) -> Result<Arc<Engine>, EngineError> {
        let key = (cfg.origin.clone(), cfg.packs.clone(), cfg.lexicons.clone());
        if let Ok(map) = self.by_config.lock()
            && let Some(e) = map.get(&key)
        {
            return Ok(Arc::clone(e));
        }
        let packs = crate::packs::load_config(cfg)?;
        let lexicon = crate::lexicon::with_project_files(cfg.base_dir(), &cfg.lexicons)?;
        let base = if self.cached {
            Engine::with_cache()
        } else {
            Engine::default()
        };
        let engine = Arc::new(
            base.with_extra_rules(crate::packs::rules_of(&packs))
                .with_lexicon(lexicon),
        );
        if let Ok(mut map) = self.by_config.lock() {
            map.insert(key, Arc::clone(&engine));
        }
        Ok(engine)
    }

    /// Forget every engine (a configuration or pack changed).
    pub fn clear(&self) {
        if let Ok(mut map) = self.by_config.lock() {
            map.clear();
        }
    }
}

/// What checking one document gives.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document's main language (the language of most of its words).
    pub lang: Lang,
    pub analyses: Vec<BlockAnalysis>,
    pub findings: Vec<Finding>,
    /// Readability of the document's prose in its main language.
    pub readability: Readability,
    /// The plain-language score of the whole document.
    pub score: PlainScore,
}

impl Report {
    /// Readability of one block.
    pub fn block_readability(&self, index: usize) -> Option<Readability> {
        let a = self.analyses.get(index)?;
        Some(Readability::new(a.lang, a.counts))
    }

    /// Plain-language score of one block, from its readability and its own findings.
    pub fn block_score(&self, index: usize) -> Option<PlainScore> {
        let r = self.block_readability(index)?;
        Some(score::score(
            &r,
            self.findings.iter().filter(|f| f.block == Some(index)),
        ))
    }

    /// Recompute the document score (after findings were filtered).
    pub fn rescore(&mut self) {
        self.score = score::score(&self.readability, &self.findings);
    }
}

impl Engine {
    /// An engine that caches each block's analysis and findings (for the language server
    /// and for repeated checks of the same documents).
    pub fn with_cache() -> Self {
        Engine {
            cache: Some(BlockCache::default()),
            ..Engine::default()
        }
    }

    /// (hits, misses) of the block cache since the engine was made.
    pub fn cache_stats(&self) -> (usize, usize) {
        self.cache
            .as_ref()
            .map(|c| {
                (
                    c.hits.load(Ordering::Relaxed),
                    c.misses.load(Ordering::Relaxed),
                )
            })
            .unwrap_or((0, 0))
    }

    /// The same engine with another lexicon (e.g. the built-in one plus a project's files,
    /// see [`crate::lexicon::with_project_files`]).
    pub fn with_lexicon(mut self, lexicon: Arc<Compiled>) -> Self {
        self.lexicon = lexicon;
        self
    }

    /// The lexicon the lexicon rules use.
    pub fn lexicon(&self) -> &Compiled {
        &self.lexicon
    }

    /// The same engine with `extra` rules appended (e.g. the rules of the rule packs).
    pub fn with_extra_rules(mut self, extra: Vec<Box<dyn Rule>>) -> Self {
        self.rules.extend(extra);
        self
    }

    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }

    /// Check a document whose blocks carry their languages (blocks without one take
    /// `fallback`).
    pub fn check(&self, doc: &Document, settings: &Settings, fallback: Lang) -> Report {
        let lang = doc.main_lang().unwrap_or(fallback);
        let active: Vec<&dyn Rule> = self
            .rules
            .iter()
            .map(|r| r.as_ref())
            .filter(|r| settings.enabled(r.id()))
            .collect();
        let settings_key = hash_of(&format!("{settings:?}"));
        let mut analyses = Vec::with_capacity(doc.blocks.len());
        let mut findings = Vec::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            let block_lang = block.lang.unwrap_or(lang);
            let run = || {
                let analysis = analyze_block(&block.text, block.kind, block_lang);
                let mut found = Vec::new();
                let cx = BlockContext::new(index, block, &analysis, settings, &self.lexicon);
                for rule in &active {
                    rule.check_block(&cx, &mut found);
                }
                CachedBlock {
                    analysis,
                    findings: found,
                }
            };
            let cached = match &self.cache {
                None => Arc::new(run()),
                Some(cache) => {
                    let key = hash_of(&(&block.text, block.kind, block_lang, settings_key));
                    let hit = cache.map.lock().ok().and_then(|m| m.get(&key).cloned());
                    match hit {
                        Some(c) => {
                            cache.hits.fetch_add(1, Ordering::Relaxed);
                            c
                        }
                        None => {
                            cache.misses.fetch_add(1, Ordering::Relaxed);
                            let c = Arc::new(run());
                            if let Ok(mut m) = cache.map.lock() {
                                if m.len() >= CACHE_LIMIT {
                                    m.clear();
                                }
                                m.insert(key, Arc::clone(&c));
                            }
                            c
                        }
                    }
                }
            };
            findings.extend(cached.findings.iter().map(|f| Finding {
                block: Some(index),
                ..f.clone()
            }));
            analyses.push(cached.analysis.clone());
        }
        let dcx = DocContext {
            doc,
            analyses: &analyses,
            settings,
            lang,
            lexicon: &self.lexicon,
        };
        for rule in &active {
            rule.check_document(&dcx, &mut findings);
        }
        for f in &mut findings {
            if let Some(sev) = settings.rules.get(&f.rule).and_then(|r| r.severity) {
                f.severity = sev;
            }
        }
        order_and_dedup(&mut findings);
        let mut counts = Counts::default();
        for a in analyses.iter().filter(|a| a.lang == lang) {
            counts.add(&a.counts);
        }
        let readability = Readability::new(lang, counts);
        let score = score::score(&readability, &findings);
        Report {
            lang,
            readability,
            score,
            analyses,
            findings,
        }
    }
}

/// Document order (document-level findings first), without repeated findings.
pub fn order_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (
            a.block.map(|x| x + 1).unwrap_or(0),
            a.span.start,
            a.span.end,
            &a.rule,
        )
            .cmp(&(
                b.block.map(|x| x + 1).unwrap_or(0),
                b.span.start,
                b.span.end,
                &b.rule,
            ))
            .then(b.severity.cmp(&a.severity))
            .then_with(|| a.message.cmp(&b.message))
    });
    // One rule may say several different things about one place (each missing mandatory
    // mention belongs at the same insertion point): only exact repeats are dropped.
    findings.dedup_by(|b, a| {
        a.block == b.block && a.span == b.span && a.rule == b.rule && a.message == b.message
    });
}
