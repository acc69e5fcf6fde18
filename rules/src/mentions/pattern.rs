//! The phrase patterns of the mandatory-mentions data, compiled on first use and searched
//! over a whole document in linear time.
//!
//! Every phrase pattern starts and ends with a Unicode word boundary (`\b`). The `regex`
//! crate's lazy DFA cannot evaluate a Unicode `\b` next to a non-ASCII byte, so on French,
//! Dutch or German text each search fell back to the PikeVM (an NFA simulation costing
//! hundreds of instructions per byte), once per pattern over the whole document: two
//! thirds of a `plainly check` (BENCHMARKS.md, issue #9).
//!
//! Here a pattern is searched in two steps:
//!
//! 1. the pattern with every look-around assertion removed matches a superset of the
//!    pattern's matches; without look-arounds, `regex`'s lazy DFA and literal prefilter
//!    run without falling back, and find the next position where a match of the pattern
//!    *could* start;
//! 2. the exact pattern runs anchored (PikeVM) at that position only; if it does not
//!    match there, the search goes on one character further.
//!
//! (A reverse lazy DFA giving every candidate start in one pass was tried first: its
//! states, for unions of hundreds of case-insensitive phrases, cost more to build than the
//! PikeVM did.)
//!
//! Leftmost-first semantics: the next match from `at` is the preferred match of the
//! exact pattern at the smallest start ≥ `at` where it matches at all, which is what the
//! loop in `Pattern::search` computes; the results equal `Regex::find_iter`'s (a test
//! compares them on every pattern of the data).
//!
//! Patterns are parsed (validated) when the data loads, and compiled when first searched:
//! a letter that makes no decision never compiles the element lists.

use regex_automata::meta;
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, HirKind};
use std::sync::{Mutex, OnceLock};

/// A match: byte range.
pub type Hit = (usize, usize);

/// A pattern, parsed; compiled on first use.
pub struct Pattern {
    source: String,
    hir: Hir,
    compiled: OnceLock<Option<Compiled>>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pattern")
            .field("source", &self.source)
            .field("compiled", &self.compiled.get().is_some())
            .finish()
    }
}

enum Engine {
    /// Candidate starts from the pattern without look-arounds (`meta` regex: lazy DFA and
    /// literal prefilter), exact match by the anchored PikeVM.
    Split { exact: PikeVM, starts: meta::Regex },
    /// The pattern can match the empty string (never the case in the data): the plain
    /// `regex` search, whose iterator handles empty matches.
    Plain(regex::Regex),
}

struct Compiled {
    engine: Engine,
    /// PikeVM caches, reused across searches and threads.
    caches: Mutex<Vec<(pikevm::Cache, meta::Cache)>>,
}

/// Parse with the `regex` crate's default syntax (Unicode, UTF-8, case-sensitive unless
/// the pattern says `(?i)`).
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// The same expression without look-around assertions: it matches every span the
/// expression matches, and more.
fn without_looks(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
        HirKind::Capture(c) => without_looks(&c.sub),
        HirKind::Repetition(r) => Hir::repetition(regex_syntax::hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(without_looks(&r.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(without_looks).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(without_looks).collect()),
    }
}

impl Compiled {
    fn new(source: &str, hir: &Hir) -> Result<Compiled, String> {
        let bare = without_looks(hir);
        let engine = if bare.properties().minimum_len().is_some_and(|n| n > 0) {
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(WhichCaptures::Implicit))
                .build_from_hir(hir)
                .map_err(|e| e.to_string())?;
            let exact = PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
            let starts = meta::Builder::new()
                .configure(
                    meta::Config::new()
                        .which_captures(WhichCaptures::Implicit)
                        .onepass(false)
                        .backtrack(false),
                )
                .build_from_hir(&bare)
                .map_err(|e| e.to_string())?;
            Engine::Split { exact, starts }
        } else {
            Engine::Plain(regex::Regex::new(source).map_err(|e| e.to_string())?)
        };
        Ok(Compiled {
            engine,
            caches: Mutex::new(Vec::new()),
        })
    }
}

impl Pattern {
    /// Parse `source` (errors are the `regex` crate's parse errors).
    pub fn new(source: &str) -> Result<Pattern, String> {
        Ok(Pattern {
            source: source.to_string(),
            hir: parse(source)?,
            compiled: OnceLock::new(),
        })
    }

    /// The pattern's source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Compile now; `Err` when the pattern is too big to compile. (Every pattern of the
    /// embedded data compiles: a test checks it.)
    pub fn compile(&self) -> Result<(), String> {
        let mut err = None;
        self.compiled
            .get_or_init(|| match Compiled::new(&self.source, &self.hir) {
                Ok(c) => Some(c),
                Err(e) => {
                    err = Some(e);
                    None
                }
            });
        match (err, self.compiled.get()) {
            (Some(e), _) => Err(e),
            (None, Some(Some(_))) => Ok(()),
            (None, _) => Err(format!("pattern does not compile: {}", self.source)),
        }
    }

    fn compiled(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| Compiled::new(&self.source, &self.hir).ok())
            .as_ref()
    }

    /// Every non-overlapping match, leftmost-first (as `Regex::find_iter`).
    pub fn find_all(&self, hay: &str) -> Vec<Hit> {
        self.search(hay, usize::MAX)
    }

    /// The first match (as `Regex::find`).
    pub fn find(&self, hay: &str) -> Option<Hit> {
        self.search(hay, 1).first().copied()
    }

    /// Whether the pattern matches anywhere (as `Regex::is_match`).
    pub fn is_match(&self, hay: &str) -> bool {
        self.find(hay).is_some()
    }

    fn search(&self, hay: &str, limit: usize) -> Vec<Hit> {
        let Some(c) = self.compiled() else {
            return Vec::new();
        };
        let (exact, starts) = match &c.engine {
            Engine::Plain(re) => {
                return re
                    .find_iter(hay)
                    .take(limit)
                    .map(|m| (m.start(), m.end()))
                    .collect();
            }
            Engine::Split { exact, starts } => (exact, starts),
        };
        let pooled = c.caches.lock().ok().and_then(|mut v| v.pop());
        let (mut pike, mut cands) =
            pooled.unwrap_or_else(|| (exact.create_cache(), starts.create_cache()));
        let mut out = Vec::new();
        let mut pos = 0;
        while out.len() < limit && pos <= hay.len() {
            // The leftmost position at or after `pos` where the pattern could match.
            let Some(m) = starts.search_with(&mut cands, &Input::new(hay).range(pos..)) else {
                break;
            };
            let s = m.start();
            let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
            match exact.find(&mut pike, input) {
                Some(x) => {
                    out.push((x.start(), x.end()));
                    pos = x.end().max(s + 1);
                }
                None => {
                    pos = s + 1;
                    while pos < hay.len() && !hay.is_char_boundary(pos) {
                        pos += 1;
                    }
                }
            }
        }
        if let Ok(mut v) = c.caches.lock() {
            v.push((pike, cands));
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn same(pattern: &str, hay: &str) {
        let p = Pattern::new(pattern).unwrap();
        let re = regex::Regex::new(pattern).unwrap();
        let want: Vec<Hit> = re.find_iter(hay).map(|m| (m.start(), m.end())).collect();
        assert_eq!(p.find_all(hay), want, "{pattern} on {hay:?}");
        assert_eq!(p.find(hay), want.first().copied());
        assert_eq!(p.is_match(hay), re.is_match(hay));
    }

    #[test]
    fn equals_find_iter() {
        let hays = [
            "",
            "recours",
            "Un recours est possible, recourse non; é recours é.",
            "d'un délai d’un mois; dans un délai de trois mois",
            "aaa ab abc abcd b bc",
            "Rue du Greffe 12, 1000 Bruxelles et Griffiestraat 3 9000 Gent",
        ];
        let pats = [
            r"(?i)\brecours\b",
            r"(?i)\b(?:dans(?:\s+|\b)(?:un(?:\s+|\b)délai(?:\s+|\b)(?:de|d['’ʼ]))?(?:\s+|\b)(?:un|trois)(?:\s+|\b)mois)\b",
            r"\b(?:a|ab|abc)\b",
            r"b|abc",
            r"\w*c\b",
            r"\b([1-9]\d{3})\s+\p{Lu}",
            r"(?i)\bé\b",
            r"x*",
            r"\b",
        ];
        for p in pats {
            for h in hays {
                same(p, h);
            }
        }
    }
}
