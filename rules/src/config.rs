//! `plainly.toml`: the configuration shared by the CLI and the language server.
//!
//! Parsing and resolving live here (no I/O); finding the file is the front-ends' job.
//!
//! ```toml
//! language = "auto"          # or fr, nl, de, en
//! profile = "standard"       # standard, easy-to-read, letter, decision, brochure
//! packs = ["style/house.toml"]   # extra rule packs, relative to this file
//! allowed = ["CPAS", "OCMW"]     # words no rule flags
//! ignore = ["drafts/**"]         # files not checked
//!
//! [rules.sentence-length]
//! severity = "error"         # hint, info, warning, error, blocker
//! warning = 20               # thresholds by name (see `plainly explain RULE`)
//!
//! [rules]
//! passive-voice = "off"      # shorthand: "off", or a severity
//!
//! [[overrides]]
//! paths = ["brochures/**"]
//! profile = "brochure"
//! rules.sentence-length.warning = 30
//! ```

use crate::finding::Severity;
use crate::settings::{Audience, RuleSettings, Settings};
use globset::{Glob, GlobSet, GlobSetBuilder};
use plainly_text::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A configuration error, with the file and line it comes from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A rule's entry: a table of settings, or a shorthand string ("off", "on", a severity).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RuleEntry {
    Short(String),
    Full(RuleSettings),
}

impl RuleEntry {
    fn to_settings(&self) -> Result<RuleSettings, String> {
        match self {
            RuleEntry::Full(s) => Ok(s.clone()),
            RuleEntry::Short(s) => match s.as_str() {
                "off" | "false" | "disabled" => Ok(RuleSettings {
                    enabled: Some(false),
                    ..Default::default()
                }),
                "on" | "true" | "enabled" => Ok(RuleSettings {
                    enabled: Some(true),
                    ..Default::default()
                }),
                sev => Ok(RuleSettings {
                    severity: Some(sev.parse::<Severity>()?),
                    ..Default::default()
                }),
            },
        }
    }
}

/// Settings that an override may change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub paths: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleEntry>,
}

/// The contents of one `plainly.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PathBuf>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lexicons: Vec<PathBuf>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
    /// The file this configuration was read from (not part of the file).
    #[serde(skip)]
    pub origin: Option<PathBuf>,
}

/// The profile names a configuration accepts.
pub const PROFILES: [&str; 5] = ["standard", "easy-to-read", "letter", "decision", "brochure"];

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

impl Config {
    /// Parse a configuration file's text; `path` is used in error messages and to resolve
    /// relative pack paths.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let err = |line: usize, message: String| ConfigError {
            path: path.display().to_string(),
            line,
            message,
        };
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            err(line, e.message().trim().to_string())
        })?;
        cfg.origin = Some(path.to_path_buf());
        // Validate the values serde cannot: languages, profiles, severities, globs.
        let find = |needle: &str| text.find(needle).map(|o| line_of(text, o)).unwrap_or(1);
        if let Some(l) = &cfg.language
            && l != "auto"
        {
            l.parse::<Lang>()
                .map_err(|e| err(find("language"), e.to_string()))?;
        }
        for p in cfg
            .profile
            .iter()
            .chain(cfg.overrides.iter().filter_map(|o| o.profile.as_ref()))
        {
            if !PROFILES.contains(&p.as_str()) && p.parse::<Audience>().is_err() {
                return Err(err(
                    find(p),
                    format!("unknown profile '{p}': use {}", PROFILES.join(", ")),
                ));
            }
        }
        for (id, entry) in cfg
            .rules
            .iter()
            .chain(cfg.overrides.iter().flat_map(|o| o.rules.iter()))
        {
            entry.to_settings().map_err(|e| err(find(id), e))?;
        }
        for g in cfg
            .ignore
            .iter()
            .chain(cfg.overrides.iter().flat_map(|o| o.paths.iter()))
        {
            Glob::new(g).map_err(|e| err(find(g), format!("bad path pattern: {e}")))?;
        }
        Ok(cfg)
    }

    /// Folder the configuration's relative paths start from.
    pub fn base_dir(&self) -> Option<&Path> {
        self.origin.as_deref().and_then(Path::parent)
    }

    /// Layer `over` on top of `self` (a project file over the user's file).
    pub fn merged_with(&self, over: &Config) -> Config {
        let mut out = self.clone();
        if over.language.is_some() {
            out.language = over.language.clone();
        }
        if over.profile.is_some() {
            out.profile = over.profile.clone();
        }
        out.packs.extend(over.packs.iter().cloned());
        out.lexicons.extend(over.lexicons.iter().cloned());
        out.allowed.extend(over.allowed.iter().cloned());
        out.ignore.extend(over.ignore.iter().cloned());
        for (k, v) in &over.rules {
            out.rules.insert(k.clone(), v.clone());
        }
        out.overrides.extend(over.overrides.iter().cloned());
        out.origin = over.origin.clone().or(out.origin);
        out
    }

    /// True when `rel` (relative to the config's folder) matches an `ignore` glob.
    pub fn is_ignored(&self, rel: &Path) -> bool {
        globs(&self.ignore).is_some_and(|g| g.is_match(rel))
    }

    /// Resolve the settings for a file (`rel`: its path relative to the config's folder).
    pub fn resolve(&self, rel: &Path) -> Resolved {
        let mut language = self.language.clone();
        let mut profile = self.profile.clone();
        let mut rules: BTreeMap<String, RuleSettings> = BTreeMap::new();
        let mut apply = |entries: &BTreeMap<String, RuleEntry>| {
            for (id, e) in entries {
                let Ok(s) = e.to_settings() else { continue };
                let slot = rules.entry(id.clone()).or_default();
                if s.enabled.is_some() {
                    slot.enabled = s.enabled;
                }
                if s.severity.is_some() {
                    slot.severity = s.severity;
                }
                slot.thresholds.extend(s.thresholds);
            }
        };
        apply(&self.rules);
        for o in &self.overrides {
            if globs(&o.paths).is_some_and(|g| g.is_match(rel)) {
                if o.language.is_some() {
                    language = o.language.clone();
                }
                if o.profile.is_some() {
                    profile = o.profile.clone();
                }
                apply(&o.rules);
            }
        }
        let profile = profile.unwrap_or_else(|| "standard".to_string());
        let audience = profile.parse::<Audience>().unwrap_or_default();
        Resolved {
            lang: language.as_deref().and_then(|l| l.parse().ok()),
            settings: Settings {
                audience,
                rules,
                allowed: self.allowed.clone(),
                profile: Some(profile.clone()),
            },
            profile,
        }
    }
}

fn globs(patterns: &[String]) -> Option<GlobSet> {
    if patterns.is_empty() {
        return None;
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().ok()
}

/// The configuration that applies to one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// Forced language, if the configuration sets one (not "auto").
    pub lang: Option<Lang>,
    /// Profile name (`standard`, `easy-to-read`, `letter`, `decision`, `brochure`).
    pub profile: String,
    pub settings: Settings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_resolves_overrides() {
        let text = r#"
language = "fr"
profile = "letter"
allowed = ["CPAS"]

[rules.sentence-length]
severity = "error"
warning = 20

[rules]
long-word = "off"
paragraph-length = "info"

[[overrides]]
paths = ["brochures/**"]
profile = "easy-to-read"
rules.sentence-length.warning = 30
"#;
        let cfg = Config::parse(text, Path::new("plainly.toml")).unwrap_or_default();
        let r = cfg.resolve(Path::new("letters/a.md"));
        assert_eq!(r.lang, Some(Lang::Fr));
        assert_eq!(r.profile, "letter");
        assert_eq!(
            r.settings.threshold("sentence-length", "warning", 0.0),
            20.0
        );
        assert!(!r.settings.enabled("long-word"));
        assert_eq!(
            r.settings
                .rules
                .get("paragraph-length")
                .and_then(|s| s.severity),
            Some(Severity::Info)
        );
        let b = cfg.resolve(Path::new("brochures/x/b.md"));
        assert_eq!(b.settings.audience, Audience::EasyToRead);
        assert_eq!(
            b.settings.threshold("sentence-length", "warning", 0.0),
            30.0
        );
        assert_eq!(
            b.settings
                .rules
                .get("sentence-length")
                .and_then(|s| s.severity),
            Some(Severity::Error)
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Config::parse("language = \"fr\"\nprofil = \"x\"\n", Path::new("p.toml"));
        let e = e.err().map(|e| (e.line, e.to_string()));
        assert_eq!(e.as_ref().map(|x| x.0), Some(2), "{e:?}");
        let e = Config::parse("\n\nprofile = \"fancy\"\n", Path::new("p.toml"));
        assert_eq!(e.err().map(|e| e.line), Some(3));
        let e = Config::parse("[rules]\nlong-word = \"loud\"\n", Path::new("p.toml"));
        assert_eq!(e.err().map(|e| e.line), Some(2));
    }
}
