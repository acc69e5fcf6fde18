//! Lexicons: per-language lists of clichés, Latin, pompous words and jargon with plain
//! alternatives, written with experts by experience (lexicons/FORMAT.md).
//!
//! - [`entry`]: the entry format and its files, with errors naming file and line.
//! - [`fold`]: case and accent folding with an offset map back to the original text.
//! - [`matcher`]: aho-corasick over folded text, word boundaries, longest match wins.
//! - [`check`]: validation of a lexicon folder (`plainly lexicon check`).
//! - [`sheet`]: the workshop round trip: export to CSV/XLSX, import answers back.
//! - [`Lexicon`]: the entries; [`Compiled`]: one matcher per language, built on first use;
//!   [`active`]/[`install`]: the lexicon the rules `admin-cliche`, `latin-phrase` and
//!   `jargon` use (the embedded one, plus a project's extra files once installed).

pub(crate) mod apply;
pub mod check;
pub mod edit;
pub mod entry;
pub mod fold;
pub mod matcher;
pub mod sheet;
mod xlsx;

pub use check::{Level, Problem, check_lexicon};
pub use entry::{Category, Entry, LexEntry, LexiconError, Origin, Status, Votes};
pub use matcher::{Hit, Matcher};

use plainly_text::{Lang, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/terms.rs"));
}

/// Entries of every language, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    entries: Vec<LexEntry>,
}

/// What reading a lexicon folder gives: the entries of the files that could be read, the
/// errors of the others, and every file looked at.
#[derive(Debug, Clone, Default)]
pub struct LoadedDir {
    pub lexicon: Lexicon,
    pub errors: Vec<LexiconError>,
    pub files: Vec<PathBuf>,
}

impl Lexicon {
    pub fn new(entries: Vec<LexEntry>) -> Self {
        Lexicon { entries }
    }

    pub fn entries(&self) -> &[LexEntry] {
        &self.entries
    }

    /// Entries of one language.
    pub fn of_lang(&self, lang: Lang) -> impl Iterator<Item = &LexEntry> {
        self.entries.iter().filter(move |e| e.lang == lang)
    }

    pub fn get(&self, lang: Lang, id: &str) -> Option<&LexEntry> {
        self.entries
            .iter()
            .find(|e| e.lang == lang && e.entry.id == id)
    }

    /// The lexicons embedded at build time (`lexicons/<lang>/terms/*.toml`). A file that
    /// does not parse is left out; [`Lexicon::embedded_errors`] lists them (a test keeps
    /// that list empty).
    pub fn embedded() -> Lexicon {
        let mut entries = Vec::new();
        for (lang, name, text) in generated::TERM_FILES {
            let Ok(lang) = lang.parse::<Lang>() else {
                continue;
            };
            let file = format!("lexicons/{lang}/terms/{name}");
            if let Ok(es) = entry::parse_file(text, &file, Some(lang), false) {
                entries.extend(es);
            }
        }
        Lexicon { entries }
    }

    /// Embedded files that do not parse.
    pub fn embedded_errors() -> Vec<LexiconError> {
        generated::TERM_FILES
            .iter()
            .filter_map(|(lang, name, text)| {
                let file = format!("lexicons/{lang}/terms/{name}");
                entry::parse_file(text, &file, lang.parse().ok(), false).err()
            })
            .collect()
    }

    /// Read every `<dir>/<lang>/terms/*.toml` (sorted by language, then file name).
    pub fn load_dir(dir: &Path) -> LoadedDir {
        let mut out = LoadedDir::default();
        for lang in Lang::ALL {
            for path in term_files(dir, lang) {
                match Self::read_file(&path, Some(lang), false) {
                    Ok(es) => out.lexicon.entries.extend(es),
                    Err(e) => out.errors.push(e),
                }
                out.files.push(path);
            }
        }
        out
    }

    /// Read one entry file; its language comes from `lang`, else from a top-level
    /// `lang = "…"` key, else from the path (see [`entry::lang_of_path`]).
    pub fn read_file(
        path: &Path,
        lang: Option<Lang>,
        extra: bool,
    ) -> Result<Vec<LexEntry>, LexiconError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LexiconError::new(&file, 0, format!("cannot read the file: {e}")))?;
        let has_lang_key = text.lines().any(|l| {
            let t = l.trim_start();
            t.starts_with("lang ") || t.starts_with("lang=")
        });
        let lang = lang.or_else(|| {
            if has_lang_key {
                None
            } else {
                entry::lang_of_path(path)
            }
        });
        entry::parse_file(&text, &file, lang, extra)
    }

    /// Add a project's extra lexicon file (`lexicons = [...]` in `plainly.toml`; the
    /// caller resolves the path against the configuration's folder). Its language comes
    /// from a top-level `lang = "fr"` key or from the path (`fr/…`, `house.fr.toml`). An
    /// entry with the id of an existing entry of the same language replaces it (a project
    /// may reject or reword a built-in entry). Returns the number of entries read.
    pub fn load_extra(&mut self, path: &Path) -> Result<usize, LexiconError> {
        let entries = Self::read_file(path, None, true)?;
        let n = entries.len();
        self.add(entries);
        Ok(n)
    }

    /// Add entries; one with the (language, id) of an existing entry replaces it.
    pub fn add(&mut self, entries: Vec<LexEntry>) {
        for e in entries {
            if let Some(old) = self
                .entries
                .iter_mut()
                .find(|o| o.lang == e.lang && o.entry.id == e.entry.id)
            {
                *old = e;
            } else {
                self.entries.push(e);
            }
        }
    }

    /// Compile for matching (matchers are built per language and filter on first use).
    pub fn compile(self) -> Compiled {
        Compiled {
            lexicon: self,
            matchers: Mutex::new(HashMap::new()),
        }
    }
}

/// The `*.toml` files of `<dir>/<lang>/terms/`, sorted.
pub fn term_files(dir: &Path, lang: Lang) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(lang.code()).join("terms"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Which entries a search looks at: some categories, accepted entries, and proposed ones
/// when asked. Rejected entries are never compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Filter {
    categories: u8,
    proposed: bool,
}

impl Filter {
    pub fn new(categories: &[Category], proposed: bool) -> Self {
        let categories = categories.iter().fold(0u8, |m, c| m | (1 << (*c as u8)));
        Filter {
            categories,
            proposed,
        }
    }

    pub fn accepts(&self, e: &LexEntry) -> bool {
        self.categories & (1 << (e.entry.category as u8)) != 0
            && match e.entry.status {
                Status::Accepted => true,
                Status::Proposed => self.proposed,
                Status::Rejected => false,
            }
    }
}

/// A lexicon ready to match: one matcher per language and filter, built on first use.
/// Within a filter the longest match wins, so a rule's entries compete only with each
/// other.
#[derive(Debug)]
pub struct Compiled {
    lexicon: Lexicon,
    matchers: Mutex<HashMap<(Lang, Filter), Arc<Matcher>>>,
}

/// An entry found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub entry: &'a LexEntry,
    /// Byte span in the text given to [`Compiled::find`].
    pub span: Span,
}

impl Compiled {
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The matcher of `lang` and `filter`: payloads are indices into the entries.
    fn matcher(&self, lang: Lang, filter: Filter) -> Option<Arc<Matcher>> {
        let mut cache = match self.matchers.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(m) = cache.get(&(lang, filter)) {
            return Some(Arc::clone(m));
        }
        let forms = self
            .lexicon
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.lang == lang && filter.accepts(e))
            .flat_map(|(i, e)| {
                let payload = u32::try_from(i).unwrap_or(u32::MAX);
                e.entry
                    .forms
                    .iter()
                    .map(move |f| (f.as_str(), e.entry.accent_sensitive, payload))
            });
        let m = Arc::new(Matcher::new(forms).ok()?);
        cache.insert((lang, filter), Arc::clone(&m));
        Some(m)
    }

    /// Every candidate match (overlapping ones included) of the entries `filter` accepts.
    pub fn candidates(&self, lang: Lang, text: &str, filter: Filter) -> Vec<Hit> {
        self.matcher(lang, filter)
            .map(|m| m.candidates(text))
            .unwrap_or_default()
    }

    /// Entries of `lang` that `filter` accepts, found in `text`: leftmost first, the
    /// longest at one place, never overlapping.
    pub fn find(&self, lang: Lang, text: &str, filter: Filter) -> Vec<Found<'_>> {
        let Some(m) = self.matcher(lang, filter) else {
            return Vec::new();
        };
        m.find(text)
            .into_iter()
            .filter_map(|h| {
                Some(Found {
                    entry: self.lexicon.entries.get(h.payload as usize)?,
                    span: Span::new(h.start, h.end),
                })
            })
            .collect()
    }
}

fn slot() -> &'static RwLock<Arc<Compiled>> {
    static ACTIVE: OnceLock<RwLock<Arc<Compiled>>> = OnceLock::new();
    ACTIVE.get_or_init(|| RwLock::new(Arc::new(Lexicon::embedded().compile())))
}

/// The lexicon the rules use: the embedded one until [`install`] replaces it.
pub fn active() -> Arc<Compiled> {
    match slot().read() {
        Ok(g) => Arc::clone(&g),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    }
}

/// Make `lexicon` the one the rules use (for the whole process).
pub fn install(lexicon: Lexicon) {
    let compiled = Arc::new(lexicon.compile());
    match slot().write() {
        Ok(mut g) => *g = compiled,
        Err(poisoned) => *poisoned.into_inner() = compiled,
    }
}

/// The embedded lexicon plus a project's extra files, installed for the rules. Paths are
/// used as given (resolve them against the configuration's folder first).
pub fn install_with_extras(paths: &[PathBuf]) -> Result<(), LexiconError> {
    let mut lexicon = Lexicon::embedded();
    for p in paths {
        lexicon.load_extra(p)?;
    }
    install(lexicon);
    Ok(())
}

/// Today's date as `YYYY-MM-DD` (UTC), for entries decided now.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn embedded_files_parse() {
        assert_eq!(Lexicon::embedded_errors(), Vec::<LexiconError>::new());
        assert!(!Lexicon::embedded().entries().is_empty());
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(t.starts_with("20"));
    }
}
