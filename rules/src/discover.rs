//! Finding `plainly.toml` for each checked file: the nearest one walking up from the
//! file's folder, layered over the user's own configuration. Shared by the CLI and the
//! language server, so both see the same settings. (The one place in this crate that
//! reads files: discovery belongs next to the format it discovers.)

use crate::config::{Config, ConfigError, Resolved};
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

/// Read and parse one configuration file.
pub fn read(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.display().to_string(),
        line: 0,
        message: format!("cannot read it: {e}"),
    })?;
    Config::parse(&text, path)
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
    pub fn new(explicit: Option<&Path>) -> Result<Self, ConfigError> {
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

    /// A finder without any user configuration (when the user's file is broken).
    pub fn empty() -> Self {
        Finder {
            explicit: None,
            user: Config::default(),
            by_dir: Mutex::new(HashMap::new()),
        }
    }

    /// The nearest project configuration at or above `dir`.
    fn project(&self, dir: &Path) -> Result<Option<Config>, ConfigError> {
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
    pub fn config_for(&self, file: &Path) -> Result<(Config, PathBuf), ConfigError> {
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
    pub fn resolve(&self, file: &Path) -> Result<(Config, Resolved), ConfigError> {
        let (config, rel) = self.config_for(file)?;
        let resolved = config.resolve(&rel);
        Ok((config, resolved))
    }

    /// Forget cached project configurations (a `plainly.toml` changed).
    pub fn reload(&self) {
        if let Ok(mut cache) = self.by_dir.lock() {
            cache.clear();
        }
    }

    /// True when the file's configuration ignores it.
    pub fn ignored(&self, file: &Path) -> bool {
        self.config_for(file)
            .map(|(c, rel)| c.is_ignored(&rel))
            .unwrap_or(false)
    }
}
