//! Turning paths into analysed documents.

use plainly_readers::{Format, Limit, Limits, ReadError};
use plainly_rules::discover::Finder;
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
    Read(ReadError),
    Config(String),
    UnknownFormat,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Io(e) => write!(f, "cannot open the file: {e}"),
            FileError::Read(e) => {
                write!(f, "{e}")?;
                if let Some(option) = e.over_limit().map(option_of) {
                    write!(f, "; {option} raises it")?;
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

/// What the command line says, over any configuration file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub lang: Option<Lang>,
    pub profile: Option<String>,
    pub limits: Limits,
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

/// Read a file and give its blocks their languages.
pub fn load(
    path: &Path,
    lang: Option<Lang>,
    limits: &Limits,
) -> Result<(Document, Format), FileError> {
    let (mut doc, format) = read(path, limits)?;
    detect::assign_languages(&mut doc, lang, Lang::En);
    Ok((doc, format))
}

/// Read a file as plainly sees it, within `limits`.
pub fn read(path: &Path, limits: &Limits) -> Result<(Document, Format), FileError> {
    let format = Format::from_path(path).ok_or(FileError::UnknownFormat)?;
    let meta = std::fs::metadata(path).map_err(FileError::Io)?;
    if meta.len() > limits.max_file_bytes {
        return Err(FileError::Read(ReadError::file_bytes(
            meta.len(),
            limits.max_file_bytes,
        )));
    }
    let bytes = std::fs::read(path).map_err(FileError::Io)?;
    let doc = plainly_readers::read(&bytes, format, limits).map_err(FileError::Read)?;
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
        let lang = cli.lang.or(resolved.lang);
        let (doc, format) = load(path, lang, &cli.limits)?;
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
