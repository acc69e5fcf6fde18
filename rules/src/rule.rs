//! The `Rule` trait: one rule per file, each documenting itself.

use crate::finding::{Finding, Severity};
use crate::lexicon::Compiled;
use crate::rules::util::{Tok, tokens};
use crate::settings::{Audience, Settings};
use plainly_text::{Block, BlockAnalysis, Document, Lang};
use serde::Serialize;

/// Rule families, as in the catalogue (PLAIN-LANGUAGE-RULES.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Sentences,
    Verbs,
    Words,
    Numbers,
    Reader,
    Scores,
    Mentions,
}

/// An example from a rule's documentation. Every example runs as a test: `triggers`
/// says whether the rule must fire on `text` (in `lang`, for `audience`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Example {
    pub lang: Lang,
    pub audience: Audience,
    pub text: &'static str,
    pub triggers: bool,
}

/// What a rule says about itself.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleDoc {
    pub id: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    pub langs: &'static [Lang],
    /// What it finds (English; writers get `explain` in their language from the catalogue).
    pub what: &'static str,
    /// Why it matters to the reader.
    pub why: &'static str,
    pub examples: &'static [Example],
}

/// What a rule sees of one block.
#[derive(Debug)]
pub struct BlockContext<'a> {
    pub index: usize,
    pub block: &'a Block,
    pub analysis: &'a BlockAnalysis,
    pub settings: &'a Settings,
    /// The lexicon of the engine (built-in, plus the project's extra files).
    pub lexicon: &'a Compiled,
    /// The block's opaque spans (links, merge fields), computed on first use and shared
    /// by the rules (every rule pack asked for them anew: 89,000 scans of 2 MB of letters).
    pub(crate) opaque: std::sync::OnceLock<Vec<plainly_text::Span>>,
    /// The clause tokens (`rules::util::tokens`) of each unit that counts, computed on first
    /// use and shared by the rules that read them (six rules tokenized every unit anew).
    pub(crate) unit_tokens: std::sync::OnceLock<Vec<Vec<Tok<'a>>>>,
}

impl<'a> BlockContext<'a> {
    /// A context for checking `block` with its `analysis`.
    pub fn new(
        index: usize,
        block: &'a Block,
        analysis: &'a BlockAnalysis,
        settings: &'a Settings,
        lexicon: &'a Compiled,
    ) -> Self {
        BlockContext {
            index,
            block,
            analysis,
            settings,
            lexicon,
            opaque: std::sync::OnceLock::new(),
            unit_tokens: std::sync::OnceLock::new(),
        }
    }

    /// `plainly_text::words::opaque_spans` of the block's text, computed once.
    pub fn opaque_spans(&self) -> &[plainly_text::Span] {
        self.opaque
            .get_or_init(|| plainly_text::words::opaque_spans(&self.block.text))
    }

    /// Each unit that counts (`unit.kind.counts()`), in order, with its
    /// `rules::util::tokens`, computed once per block.
    pub(crate) fn unit_tokens(
        &self,
    ) -> impl Iterator<Item = (&'a plainly_text::UnitAnalysis, &[Tok<'a>])> + '_ {
        let analysis: &'a BlockAnalysis = self.analysis;
        let counted = move || analysis.units.iter().filter(|u| u.unit.kind.counts());
        let toks = self.unit_tokens.get_or_init(|| {
            counted()
                .map(|u| tokens(&self.block.text, u, analysis.lang))
                .collect()
        });
        counted().zip(toks.iter().map(Vec::as_slice))
    }
}

impl BlockContext<'_> {
    pub fn text(&self) -> &str {
        &self.block.text
    }
    pub fn lang(&self) -> Lang {
        self.analysis.lang
    }
}

/// What a document-level rule sees.
#[derive(Debug)]
pub struct DocContext<'a> {
    pub doc: &'a Document,
    pub analyses: &'a [BlockAnalysis],
    pub settings: &'a Settings,
    pub lang: Lang,
    /// The lexicon of the engine (built-in, plus the project's extra files).
    pub lexicon: &'a Compiled,
}

/// A rule. Block checks run on each block (and are cached per block); document checks
/// run once per document.
pub trait Rule: Send + Sync {
    fn doc(&self) -> &'static RuleDoc;

    fn id(&self) -> &'static str {
        self.doc().id
    }

    fn check_block(&self, _cx: &BlockContext<'_>, _out: &mut Vec<Finding>) {}

    fn check_document(&self, _cx: &DocContext<'_>, _out: &mut Vec<Finding>) {}
}
