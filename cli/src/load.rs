//! Turning paths into analysed documents.

use plainly_readers::{Format, Limits, ReadError};
use plainly_rules::{Engine, Report, Settings};
use plainly_text::{Document, Lang, detect};
use std::path::{Path, PathBuf};

/// One input file and what became of it.
#[derive(Debug)]
pub struct Checked {
    pub path: PathBuf,
    pub outcome: Result<(Document, Report), FileError>,
}

/// Why a file was not checked: one clear line.
#[derive(Debug)]
pub enum FileError {
    Io(std::io::Error),
    Read(ReadError),
    UnknownFormat,
}

impl std::error::Error for FileError {}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Io(e) => write!(f, "cannot open the file: {e}"),
            FileError::Read(e) => write!(f, "{e}"),
            FileError::UnknownFormat => f.write_str(
                "unknown file type: plainly reads .txt, .md, .docx and .odt files",
            ),
        }
    }
}

/// Options that decide how a file is analysed.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Option<Lang>,
    pub settings: Settings,
    pub limits: Limits,
}

/// Expand the command line's paths: files as given, folders walked (honouring
/// `.gitignore`), keeping only the formats plainly reads. Sorted for stable output.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| Format::from_path(p).is_some())
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
pub fn load(path: &Path, opts: &Options) -> Result<Document, FileError> {
    let format = Format::from_path(path).ok_or(FileError::UnknownFormat)?;
    let meta = std::fs::metadata(path).map_err(FileError::Io)?;
    if meta.len() > opts.limits.max_file_bytes {
        return Err(FileError::Read(ReadError::TooLarge {
            size: meta.len(),
            limit: opts.limits.max_file_bytes,
        }));
    }
    let bytes = std::fs::read(path).map_err(FileError::Io)?;
    let mut doc = plainly_readers::read(&bytes, format, &opts.limits).map_err(FileError::Read)?;
    detect::assign_languages(&mut doc, opts.lang, Lang::En);
    Ok(doc)
}

/// Load and check one file.
pub fn check(engine: &Engine, path: &Path, opts: &Options) -> Checked {
    let outcome = load(path, opts).map(|doc| {
        let fallback = opts.lang.unwrap_or(Lang::En);
        let report = engine.check(&doc, &opts.settings, fallback);
        (doc, report)
    });
    Checked {
        path: path.to_path_buf(),
        outcome,
    }
}
