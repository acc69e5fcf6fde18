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
//! [limits]                 # reading limits, each in its own unit (see `plainly check --help`)
//! max-file-mb = 100
//! max-text-chars = 20000000
//! max-unpacked-mb = 256
//! max-pages = 5000
//! time-limit = 30            # seconds
//!
//! [[overrides]]
//! paths = ["brochures/**"]
//! profile = "brochure"
//! rules.sentence-length.warning = 30
//!
//! [mandatory]                # letter profiles (MANDATORY-MENTIONS.md §3.5, §4.1)
//! require_explicit_profile = true   # a profile guessed from the text is an error
//! min_confidence = 0.75             # threshold of the profile heuristics (0–1)
//!
//! [[mandatory.assign]]
//! files = "templates/chomage/*.docx"
//! profile = "unemployment-decision"
//! with = ["recovery"]               # mixins
//! ```

use crate::finding::Severity;
use crate::settings::{Audience, MandatorySettings, ProfileSource, RuleSettings, Settings};
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

/// The reading limits of `[limits]`, each in its own unit; an absent key keeps the value
/// underneath (the user's file, then the built-in default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitSettings {
    /// Largest file read, in megabytes.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_file_mb: Option<u64>,
    /// Longest text read from one file, in characters.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_text_chars: Option<u64>,
    /// Most data unpacked from one DOCX, ODT or PDF file, in megabytes.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_unpacked_mb: Option<u64>,
    /// Most pages read from one PDF.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_pages: Option<u64>,
    /// Time limit per file, in seconds.
    #[serde(
        default,
        deserialize_with = "positive",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_limit: Option<u64>,
}

/// Each limit's key in `[limits]` and the largest value it accepts.
pub const LIMIT_BOUNDS: [(&str, u64); 5] = [
    ("max-file-mb", 100 * 1024),
    ("max-text-chars", 2_000_000_000),
    ("max-unpacked-mb", 100 * 1024),
    ("max-pages", 1_000_000),
    ("time-limit", 24 * 3600),
];

impl LimitSettings {
    /// True when no limit is set.
    pub fn is_empty(&self) -> bool {
        *self == LimitSettings::default()
    }

    /// The values by key, in the order of [`LIMIT_BOUNDS`].
    pub fn values(&self) -> [(&'static str, Option<u64>); 5] {
        [
            ("max-file-mb", self.max_file_mb),
            ("max-text-chars", self.max_text_chars),
            ("max-unpacked-mb", self.max_unpacked_mb),
            ("max-pages", self.max_pages),
            ("time-limit", self.time_limit),
        ]
    }

    /// `over`'s limits where it sets them, else `self`'s.
    pub fn merged_with(&self, over: &LimitSettings) -> LimitSettings {
        LimitSettings {
            max_file_mb: over.max_file_mb.or(self.max_file_mb),
            max_text_chars: over.max_text_chars.or(self.max_text_chars),
            max_unpacked_mb: over.max_unpacked_mb.or(self.max_unpacked_mb),
            max_pages: over.max_pages.or(self.max_pages),
            time_limit: over.time_limit.or(self.time_limit),
        }
    }

    /// The first value past its upper bound, as (key, message).
    fn out_of_bounds(&self) -> Option<(&'static str, String)> {
        self.values()
            .into_iter()
            .zip(LIMIT_BOUNDS)
            .find_map(|((key, value), (_, max))| {
                value.filter(|v| *v > max).map(|v| {
                    (
                        key,
                        format!("{key} = {v} is too large: the most it accepts is {max}"),
                    )
                })
            })
    }
}

/// A limit: a whole number of at least 1 (no 0, no negative number, no string).
fn positive<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct Positive;
    impl serde::de::Visitor<'_> for Positive {
        type Value = u64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number of at least 1")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            if v == 0 {
                return Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self));
            }
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            match u64::try_from(v) {
                Ok(u) if u > 0 => Ok(u),
                _ => Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self)),
            }
        }
    }
    d.deserialize_u64(Positive).map(Some)
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
    #[serde(default, skip_serializing_if = "LimitSettings::is_empty")]
    pub limits: LimitSettings,
}

/// `[mandatory]`: how letter profiles are chosen (MANDATORY-MENTIONS.md §3.5, §4.1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mandatory {
    /// A profile chosen by the heuristics becomes an error finding.
    #[serde(
        default,
        alias = "require-explicit-profile",
        skip_serializing_if = "Option::is_none"
    )]
    pub require_explicit_profile: Option<bool>,
    /// Smallest confidence at which the heuristics assign a profile (0–1).
    #[serde(
        default,
        alias = "min-confidence",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_confidence: Option<f64>,
    /// Files → letter profile; the last entry that matches a file wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assign: Vec<Assign>,
}

impl Mandatory {
    pub fn is_empty(&self) -> bool {
        *self == Mandatory::default()
    }
}

/// `[[mandatory.assign]]`: a glob (relative to the configuration's folder), a letter
/// profile and its mixins.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assign {
    pub files: String,
    pub profile: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
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
    #[serde(default, skip_serializing_if = "LimitSettings::is_empty")]
    pub limits: LimitSettings,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
    #[serde(default, skip_serializing_if = "Mandatory::is_empty")]
    pub mandatory: Mandatory,
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
        for limits in std::iter::once(&cfg.limits).chain(cfg.overrides.iter().map(|o| &o.limits)) {
            if let Some((key, message)) = limits.out_of_bounds() {
                return Err(err(find(key), message));
            }
        }
        if let Some(c) = cfg.mandatory.min_confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Err(err(
                find("confidence"),
                format!("min_confidence = {c}: use a number from 0 to 1"),
            ));
        }
        let letter_profiles = crate::mentions::profile_ids();
        for a in &cfg.mandatory.assign {
            Glob::new(&a.files)
                .map_err(|e| err(find(&a.files), format!("bad path pattern: {e}")))?;
            if !letter_profiles.contains(&a.profile) {
                return Err(err(
                    find(&a.profile),
                    format!(
                        "unknown letter profile '{}': use {}",
                        a.profile,
                        letter_profiles.join(", ")
                    ),
                ));
            }
            for m in &a.with {
                let known = crate::mentions::data().is_ok_and(|d| d.mixins.contains_key(m));
                if !known {
                    return Err(err(find(m), format!("unknown mixin '{m}'")));
                }
            }
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
        out.limits = out.limits.merged_with(&over.limits);
        out.overrides.extend(over.overrides.iter().cloned());
        if over.mandatory.require_explicit_profile.is_some() {
            out.mandatory.require_explicit_profile = over.mandatory.require_explicit_profile;
        }
        if over.mandatory.min_confidence.is_some() {
            out.mandatory.min_confidence = over.mandatory.min_confidence;
        }
        out.mandatory
            .assign
            .extend(over.mandatory.assign.iter().cloned());
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
        let mut limits = self.limits;
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
                limits = limits.merged_with(&o.limits);
                apply(&o.rules);
            }
        }
        let mut with = Vec::new();
        for a in &self.mandatory.assign {
            if globs(std::slice::from_ref(&a.files)).is_some_and(|g| g.is_match(rel)) {
                profile = Some(a.profile.clone());
                with = a.with.clone();
            }
        }
        let profile_source = if profile.is_some() {
            ProfileSource::Config
        } else {
            ProfileSource::Default
        };
        let profile = profile.unwrap_or_else(|| "standard".to_string());
        let audience = profile.parse::<Audience>().unwrap_or_default();
        Resolved {
            lang: language.as_deref().and_then(|l| l.parse().ok()),
            settings: Settings {
                audience,
                rules,
                allowed: self.allowed.clone(),
                profile: Some(profile.clone()),
                profile_source,
                mandatory: MandatorySettings {
                    require_explicit_profile: self
                        .mandatory
                        .require_explicit_profile
                        .unwrap_or(false),
                    min_confidence: self.mandatory.min_confidence,
                    with,
                },
            },
            profile,
            limits,
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
    /// Reading limits set by the configuration (the rest keep their defaults).
    pub limits: LimitSettings,
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

    #[test]
    fn limits_parse_merge_and_resolve() {
        let user = Config::parse(
            "[limits]\nmax-text-chars = 1000\nmax-pages = 10\n",
            Path::new("user.toml"),
        )
        .unwrap_or_default();
        let project = Config::parse(
            r#"
[limits]
max-text-chars = 500
time-limit = 5

[[overrides]]
paths = ["big/**"]
limits.max-text-chars = 5000
"#,
            Path::new("plainly.toml"),
        )
        .unwrap_or_default();
        assert_eq!(project.limits.max_text_chars, Some(500));
        let merged = user.merged_with(&project);
        // The project's values win; the user's stay where the project sets nothing.
        let r = merged.resolve(Path::new("a.md"));
        assert_eq!(
            r.limits,
            LimitSettings {
                max_text_chars: Some(500),
                max_pages: Some(10),
                time_limit: Some(5),
                ..LimitSettings::default()
            }
        );
        let big = merged.resolve(Path::new("big/b.md"));
        assert_eq!(big.limits.max_text_chars, Some(5000));
        assert_eq!(big.limits.max_pages, Some(10));
        // No table: nothing set.
        let none = Config::parse("profile = \"letter\"\n", Path::new("p.toml"));
        assert!(none.is_ok_and(|c| c.limits.is_empty()));
    }

    #[test]
    fn bad_limits_are_errors_with_their_line() {
        for (text, line, words) in [
            ("[limits]\nmax-pages = 0\n", 2, "at least 1"),
            ("[limits]\n\nmax-file-mb = -3\n", 3, "at least 1"),
            ("[limits]\ntime-limit = \"30s\"\n", 2, "whole number"),
            ("[limits]\nmax-pages = 2.5\n", 2, "whole number"),
            ("[limits]\nmax-text-chars = 9000000000\n", 2, "too large"),
            ("[limits]\nmax-chars = 10\n", 2, "max-text-chars"),
            (
                "[[overrides]]\npaths = [\"a/**\"]\nlimits.time-limit = 100000\n",
                3,
                "time-limit = 100000 is too large",
            ),
        ] {
            let e = Config::parse(text, Path::new("p.toml"));
            let e = e.err().map(|e| (e.line, e.to_string()));
            assert_eq!(e.as_ref().map(|e| e.0), Some(line), "{text}: {e:?}");
            assert!(
                e.as_ref().is_some_and(|e| e.1.contains(words)),
                "{text}: {e:?}"
            );
        }
    }

    #[test]
    fn mandatory_section_parses_merges_and_assigns() {
        let text = r#"
profile = "letter"

[mandatory]
require_explicit_profile = true
min_confidence = 0.8

[[mandatory.assign]]
files = "templates/chomage/*.docx"
profile = "unemployment-decision"

[[mandatory.assign]]
files = "templates/ocmw/**"
profile = "cpas-decision"
with = ["recovery"]
"#;
        let cfg = Config::parse(text, Path::new("plainly.toml")).unwrap_or_default();
        let r = cfg.resolve(Path::new("templates/ocmw/terugvordering/a.docx"));
        assert_eq!(r.profile, "cpas-decision");
        assert_eq!(r.settings.profile_source, ProfileSource::Config);
        assert_eq!(r.settings.mandatory.with, vec!["recovery".to_string()]);
        assert!(r.settings.mandatory.require_explicit_profile);
        assert_eq!(r.settings.mandatory.min_confidence, Some(0.8));
        let c = cfg.resolve(Path::new("templates/chomage/refus.docx"));
        assert_eq!(c.profile, "unemployment-decision");
        assert!(c.settings.mandatory.with.is_empty());
        let other = cfg.resolve(Path::new("other.md"));
        assert_eq!(other.profile, "letter");
        // Nothing set: the default profile, and heuristics for the mentions.
        let none = Config::default().resolve(Path::new("a.md"));
        assert_eq!(none.settings.profile_source, ProfileSource::Default);
        assert!(!none.settings.mandatory.require_explicit_profile);
        // A project file overrides the user's values and adds its assignments.
        let user = Config::parse(
            "[mandatory]\nmin_confidence = 0.6\n[[mandatory.assign]]\nfiles = \"x/*\"\nprofile = \"brochure\"\n",
            Path::new("user.toml"),
        )
        .unwrap_or_default();
        let merged = user.merged_with(&cfg);
        assert_eq!(merged.mandatory.min_confidence, Some(0.8));
        assert_eq!(merged.mandatory.assign.len(), 3);
        for bad in [
            "[mandatory]\nmin_confidence = 1.2\n",
            "[mandatory]\nmin_confidence = -0.1\n",
            "[mandatory]\nrules = \"rules/mandatory\"\n",
            "[[mandatory.assign]]\nfiles = \"a/[\"\nprofile = \"brochure\"\n",
            "[[mandatory.assign]]\nfiles = \"a/*\"\nprofile = \"standard\"\n",
            "[[mandatory.assign]]\nfiles = \"a/*\"\nprofile = \"brochure\"\nwith = [\"nope\"]\n",
        ] {
            assert!(Config::parse(bad, Path::new("p.toml")).is_err(), "{bad}");
        }
    }
}
