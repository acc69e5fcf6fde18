//! plainly-text: the text engine.
//!
//! Languages ([`Lang`]), documents made of [`Block`]s, byte [`Span`]s and the [`LineIndex`]
//! that converts them to lines and columns at the edges; sentence segmentation
//! ([`segment`]), words ([`words`]), syllables ([`syllables`]) and language detection
//! ([`detect`]). No rules and no I/O live here.

pub mod analysis;
pub mod detect;
pub mod directive;
pub mod document;
pub mod lang;
pub mod lexdata;
pub mod lines;
pub mod segment;
pub mod span;
pub mod syllables;
pub mod words;

pub use analysis::{BlockAnalysis, Counts, UnitAnalysis, analyze_block};
pub use directive::{Directive, DirectiveKind};
pub use document::{Block, BlockKind, Document, Origin};
pub use lang::Lang;
pub use lines::{LineCol, LineIndex};
pub use segment::{Unit, UnitKind};
pub use span::Span;
pub use words::{Word, WordKind};
