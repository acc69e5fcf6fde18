//! plainly-rules: the rule engine, the readability metrics and the built-in rules.
//! Knows nothing of file formats.

pub mod config;
pub mod discover;
pub mod engine;
pub mod finding;
pub mod lexicon;
pub mod mentions;
pub mod messages;
pub mod packs;
pub mod readability;
pub mod rule;
pub mod rules;
pub mod score;
pub mod settings;
pub mod suppress;

pub use engine::{Engine, EngineError, Engines, Report};
pub use finding::{Edit, Finding, Fix, Severity};
pub use readability::{Formula, Readability, Score};
pub use rule::{Rule, RuleDoc};
pub use score::{Breakdown, PlainScore};
pub use settings::{Audience, Settings};
