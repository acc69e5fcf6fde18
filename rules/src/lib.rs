//! plainly-rules: the rule engine, the readability metrics and the built-in rules.
//! Knows nothing of file formats.

pub mod config;
pub mod engine;
pub mod finding;
pub mod messages;
pub mod readability;
pub mod rule;
pub mod rules;
pub mod settings;

pub use engine::{Engine, Report};
pub use finding::{Edit, Finding, Fix, Severity};
pub use readability::{Formula, Readability, Score};
pub use rule::{Rule, RuleDoc};
pub use settings::{Audience, Settings};
