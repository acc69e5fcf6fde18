//! Settings the engine runs with (the resolved configuration).

use crate::finding::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Audience profile: which thresholds apply (PLAIN-LANGUAGE-RULES.md, "Profiles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    #[default]
    Standard,
    EasyToRead,
}

impl FromStr for Audience {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "standard" | "letter" | "decision" | "brochure" => Ok(Audience::Standard),
            "easy-to-read" | "easy" | "falc" => Ok(Audience::EasyToRead),
            // Letter profiles (lexicons/profiles/*.toml) use the standard thresholds.
            p if crate::mentions::profile_ids().iter().any(|id| id == p) => Ok(Audience::Standard),
            _ => Err(format!(
                "unknown profile '{s}': use standard, easy-to-read, letter, decision or brochure"
            )),
        }
    }
}

/// Per-rule settings from configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleSettings {
    /// `false` turns the rule off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Overrides every severity the rule reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Named thresholds (e.g. `warning = 20` for sentence-length).
    #[serde(default, flatten)]
    pub thresholds: BTreeMap<String, f64>,
}

/// Resolved settings for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Settings {
    pub audience: Audience,
    pub rules: BTreeMap<String, RuleSettings>,
    /// Words and phrases no rule flags (the project's allowed terms), compared without case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// The configured profile name (`--profile` or `plainly.toml`), if any: letter
    /// profiles select the mandatory mentions to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Where `profile` came from (MANDATORY-MENTIONS.md §3.5).
    #[serde(skip)]
    pub profile_source: ProfileSource,
    /// The `[mandatory]` settings and the matching command-line options.
    #[serde(skip)]
    pub mandatory: MandatorySettings,
}

/// Where the configured profile name came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProfileSource {
    /// Nothing chose it: the default (`standard`).
    #[default]
    Default,
    /// `--profile` on the command line.
    Cli,
    /// `plainly.toml`: `profile`, `[[overrides]]` or `[[mandatory.assign]]`.
    Config,
}

/// Settings of the mandatory-mentions check (`[mandatory]` and CLI options).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MandatorySettings {
    /// A profile chosen by the heuristics is an error finding (`--require-explicit-profile`).
    pub require_explicit_profile: bool,
    /// Smallest confidence at which the heuristics assign a profile (default 0.75).
    pub min_confidence: Option<f64>,
    /// Mixins added by `[[mandatory.assign]]` (`with = [...]`).
    pub with: Vec<String>,
}

impl Settings {
    pub fn with_audience(audience: Audience) -> Self {
        Settings {
            audience,
            ..Default::default()
        }
    }

    /// A numeric threshold for `rule`: configured value, else `default`.
    pub fn threshold(&self, rule: &str, name: &str, default: f64) -> f64 {
        self.rules
            .get(rule)
            .and_then(|r| r.thresholds.get(name))
            .copied()
            .unwrap_or(default)
    }

    /// True when `word` is one of the allowed terms.
    pub fn is_allowed(&self, word: &str) -> bool {
        self.allowed
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word) || a.to_lowercase() == word.to_lowercase())
    }

    pub fn enabled(&self, rule: &str) -> bool {
        self.rules.get(rule).and_then(|r| r.enabled).unwrap_or(true)
    }
}
