//! Turning paths into analysed documents.

use plainly_readers::limits::MB;
use plainly_readers::{Format, Limit, Limits, ReadError};
use plainly_rules::config::LimitSettings;
use plainly_rules::discover::Finder;
use plainly_rules::settings::ProfileSource;
use plainly_rules::{Audience, Engines, Report, suppress};
use plainly_text::{Document, Lang, detect};
use std::path::{Path, PathBuf};

/// One input file and what became of it.
#[derive(Debug)]
pub struct Checked {
    pub path: PathBuf,
    /// Profile the file was checked with.
    pub profile: String,
    pub outcome: Result<(Document, Report), FileError>,
    /// Findings switched off by inline directives.
    pub suppressed: usize,
}

/// Why a file was not checked: one clear line.
#[derive(Debug)]
pub enum FileError {
    Io(std::io::Error),
    /// The reader's error, and the `plainly.toml` that set the limit it crossed (when
    /// that limit came from one): the hint then names its `[limits]` key.
    Read(ReadError, Option<PathBuf>),
    Config(String),
    UnknownFormat,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Io(e) => write!(f, "cannot open the file: {e}"),
            FileError::Read(e, set_in) => {
                write!(f, "{e}")?;
                if let Some(limit) = e.over_limit() {
                    match set_in {
                        Some(config) => write!(
                            f,
                            "; {} in [limits] of {} raises it",
                            key_of(limit),
                            config.display()
                        )?,
                        None => write!(f, "; {} raises it", option_of(limit))?,
                    }
                }
                Ok(())
            }
            FileError::Config(e) => write!(f, "bad configuration: {e}"),
            FileError::UnknownFormat => f.write_str(
                "unknown file type: plainly reads .txt, .md, .html, .docx, .odt and .pdf files",
            ),
        }
    }
}

impl std::error::Error for FileError {}

/// The command-line option that sets a limit.
pub fn option_of(limit: Limit) -> &'static str {
    match limit {
        Limit::FileBytes => "--max-file-mb",
        Limit::TextChars => "--max-text-chars",
        Limit::Pages => "--max-pages",
        Limit::Unpacked => "--max-unpacked-mb",
        Limit::Seconds => "--time-limit",
    }
}

/// The `[limits]` key of `plainly.toml` that sets a limit.
pub fn key_of(limit: Limit) -> &'static str {
    match limit {
        Limit::FileBytes => "max-file-mb",
        Limit::TextChars => "max-text-chars",
        Limit::Pages => "max-pages",
        Limit::Unpacked => "max-unpacked-mb",
        Limit::Seconds => "time-limit",
    }
}

/// The value `settings` gives a limit, if any.
fn value_of(settings: &LimitSettings, limit: Limit) -> Option<u64> {
    match limit {
        Limit::FileBytes => settings.max_file_mb,
        Limit::TextChars => settings.max_text_chars,
        Limit::Pages => settings.max_pages,
        Limit::Unpacked => settings.max_unpacked_mb,
        Limit::Seconds => settings.time_limit,
    }
}

/// The reading limits in force: the command line's (`flags`), else the configuration's,
/// else the defaults.
pub fn limits_of(flags: &LimitSettings, config: &LimitSettings) -> Limits {
    let s = config.merged_with(flags);
    Limits::with_units(
        s.max_file_mb,
        s.max_text_chars,
        s.max_unpacked_mb,
        s.max_pages,
        s.time_limit,
    )
}

/// Every limit of a configuration, the defaults filling the gaps (for `plainly config`).
pub fn effective_limits(config: &LimitSettings) -> LimitSettings {
    let d = Limits::default();
    let defaults = LimitSettings {
        max_file_mb: Some(d.max_file_bytes / MB),
        max_text_chars: Some(d.max_text_chars as u64),
        max_unpacked_mb: Some(d.max_total_bytes / MB),
        max_pages: Some(d.max_pages as u64),
        time_limit: Some(d.max_seconds),
    };
    defaults.merged_with(config)
}

/// Read `path` within the limits of the command line (`flags`) over those of its
/// configuration (`config`, from the file `origin`); a file over a limit the configuration
/// set gets a hint naming its key.
pub fn read_within(
    path: &Path,
    flags: &LimitSettings,
    config: &LimitSettings,
    origin: Option<&Path>,
) -> Result<(Document, Format), FileError> {
    read(path, &limits_of(flags, config)).map_err(|e| match e {
        FileError::Read(e, _) => {
            let set_in = e
                .over_limit()
                .filter(|l| value_of(flags, *l).is_none() && value_of(config, *l).is_some())
                .and(origin.map(Path::to_path_buf));
            FileError::Read(e, set_in)
        }
        other => other,
    })
}

/// What the command line says, over any configuration file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub lang: Option<Lang>,
    pub profile: Option<String>,
    /// The limits given as options (the others come from `plainly.toml`, else defaults).
    pub limits: LimitSettings,
    /// `--require-explicit-profile`: a letter profile guessed from the text is an error.
    pub require_explicit_profile: bool,
    /// `--min-confidence`: threshold of the letter-profile heuristics.
    pub min_confidence: Option<f64>,
}

/// Expand the command line's paths: files as given, folders walked (honouring
/// `.gitignore` and the `ignore` globs of `plainly.toml`), keeping only the formats
/// plainly reads. Sorted for stable output.
pub fn expand(paths: &[PathBuf], finder: &Finder) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            // A `.gitignore` counts in any folder, in a Git repository or not: a folder of
            // letters copied from a repository keeps its ignore rules.
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .require_git(false)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| Format::from_path(p).is_some())
                .filter(|p| !finder.ignored(p))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Read a file as plainly sees it, within `limits`.
pub fn read(path: &Path, limits: &Limits) -> Result<(Document, Format), FileError> {
    let format = Format::from_path(path).ok_or(FileError::UnknownFormat)?;
    let meta = std::fs::metadata(path).map_err(FileError::Io)?;
    if meta.len() > limits.max_file_bytes {
        return Err(FileError::Read(
            ReadError::file_bytes(meta.len(), limits.max_file_bytes),
            None,
        ));
    }
    let bytes = std::fs::read(path).map_err(FileError::Io)?;
    // An empty file is not a perfect letter: say so instead of scoring it 100.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Read(
            ReadError::NoText("the file is empty".into()),
            None,
        ));
    }
    let doc =
        plainly_readers::read(&bytes, format, limits).map_err(|e| FileError::Read(e, None))?;
    Ok((doc, format))
}

/// Load and check one file with the configuration that applies to it.
pub fn check(engines: &Engines, finder: &Finder, path: &Path, cli: &Overrides) -> Checked {
    let mut profile = cli.profile.clone().unwrap_or_else(|| "standard".into());
    let mut suppressed = 0;
    let outcome = (|| {
        let (config, resolved) = finder
            .resolve(path)
            .map_err(|e| FileError::Config(format!("{e:#}")))?;
        let engine = engines
            .for_config(&config)
            .map_err(|e| FileError::Config(e.to_string()))?;
        let mut settings = resolved.settings;
        profile = cli.profile.clone().unwrap_or(resolved.profile);
        if let Ok(a) = profile.parse::<Audience>() {
            settings.audience = a;
        }
        settings.profile = Some(profile.clone());
        if cli.profile.is_some() {
            settings.profile_source = ProfileSource::Cli;
        }
        if cli.require_explicit_profile {
            settings.mandatory.require_explicit_profile = true;
        }
        if cli.min_confidence.is_some() {
            settings.mandatory.min_confidence = cli.min_confidence;
        }
        let lang = cli.lang.or(resolved.lang);
        let (mut doc, format) = read_within(
            path,
            &cli.limits,
            &resolved.limits,
            config.origin.as_deref(),
        )?;
        detect::assign_languages(&mut doc, lang, Lang::En);
        let mut report = engine.check(&doc, &settings, lang.unwrap_or(Lang::En));
        let directives = plainly_readers::directives(&doc, format);
        suppressed = suppress::apply(&mut report.findings, &doc, &directives);
        if suppressed > 0 {
            report.rescore();
        }
        Ok((doc, report))
    })();
    Checked {
        path: path.to_path_buf(),
        profile,
        outcome,
        suppressed,
    }
}
