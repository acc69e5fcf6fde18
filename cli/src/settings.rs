//! Finding and resolving `plainly.toml` for each checked file.

use anyhow::{Context, Result};
use plainly_rules::config::{Config, Resolved};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const FILE_NAME: &str = "plainly.toml";

/// The user's own configuration file: `$XDG_CONFIG_HOME/plainly/plainly.toml`, else
/// `~/.config/plainly/plainly.toml` (on Windows `%APPDATA%\plainly\plainly.toml`).
pub fn user_config_path() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("plainly").join(FILE_NAME));
    }
    if let Some(a) = std::env::var_os("APPDATA").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(a).join("plainly").join(FILE_NAME));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/plainly").join(FILE_NAME))
}

fn read(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Config::parse(&text, path)?)
}

/// Finds the configuration of each file: the nearest `plainly.toml` walking up from the
/// file's folder, layered over the user's configuration; or the one given with `--config`.
#[derive(Debug)]
pub struct Finder {
    explicit: Option<Config>,
    user: Config,
    by_dir: Mutex<HashMap<PathBuf, Option<Config>>>,
}

impl Finder {
    pub fn new(explicit: Option<&Path>) -> Result<Self> {
        let explicit = explicit.map(read).transpose()?;
        let user = match user_config_path().filter(|p| p.is_file()) {
            Some(p) => read(&p)?,
            None => Config::default(),
        };
        Ok(Finder {
            explicit,
            user,
            by_dir: Mutex::new(HashMap::new()),
        })
    }

    /// The nearest project configuration at or above `dir`.
    fn project(&self, dir: &Path) -> Result<Option<Config>> {
        if let Ok(cache) = self.by_dir.lock()
            && let Some(c) = cache.get(dir)
        {
            return Ok(c.clone());
        }
        let candidate = dir.join(FILE_NAME);
        let found = if candidate.is_file() {
            Some(read(&candidate)?)
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.project(parent)?,
                _ => None,
            }
        };
        if let Ok(mut cache) = self.by_dir.lock() {
            cache.insert(dir.to_path_buf(), found.clone());
        }
        Ok(found)
    }

    /// The configuration that applies to `file`, and the file's path relative to it.
    pub fn config_for(&self, file: &Path) -> Result<(Config, PathBuf)> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let config = match &self.explicit {
            Some(c) => self.user.merged_with(c),
            None => {
                let dir = abs.parent().unwrap_or(Path::new("/")).to_path_buf();
                match self.project(&dir)? {
                    Some(p) => self.user.merged_with(&p),
                    None => self.user.clone(),
                }
            }
        };
        let rel = config
            .base_dir()
            .and_then(|b| std::path::absolute(b).ok())
            .and_then(|b| abs.strip_prefix(b).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| file.to_path_buf());
        Ok((config, rel))
    }

    /// Resolved settings for `file`.
    pub fn resolve(&self, file: &Path) -> Result<(Config, Resolved)> {
        let (config, rel) = self.config_for(file)?;
        let resolved = config.resolve(&rel);
        Ok((config, resolved))
    }

    /// True when the file's configuration ignores it.
    pub fn ignored(&self, file: &Path) -> bool {
        self.config_for(file)
            .map(|(c, rel)| c.is_ignored(&rel))
            .unwrap_or(false)
    }
}
