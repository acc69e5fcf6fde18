//! Lexicons: per-language lists of clichés, Latin, pompous words and jargon with plain
//! alternatives, written with experts by experience (lexicons/FORMAT.md).
//!
//! - [`entry`]: the entry format and its files, with errors naming file and line.
//! - [`fold`]: case and accent folding with an offset map back to the original text.
//! - [`matcher`]: aho-corasick over folded text, word boundaries, longest match wins.
//! - [`check`]: validation of a lexicon folder (`plainly lexicon check`).
//! - [`sheet`]: the workshop round trip: export to CSV/XLSX, import answers back.
//! - [`Lexicon`]: the entries; [`Compiled`]: per language, the entries and their matchers,
//!   built on first use. The rules `admin-cliche`, `latin-phrase` and `jargon` use the
//!   engine's compiled lexicon: [`Compiled::builtin`] (embedded, shared by the whole
//!   process), or [`with_project_files`] for a `plainly.toml` that names extra files.
//!   There is no process-wide "current" lexicon: two projects never see each other's terms.

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
use std::sync::{Arc, Mutex, OnceLock};

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
        for lang in Lang::ALL {
            entries.extend(Self::embedded_lang(lang).entries);
        }
        Lexicon { entries }
    }

    /// The embedded entries of one language.
    pub fn embedded_lang(lang: Lang) -> Lexicon {
        let mut entries = Vec::new();
        for (code, name, text) in generated::TERM_FILES {
            if *code != lang.code() {
                continue;
            }
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

    /// Compile for matching (each language's matchers are built on first use).
    pub fn compile(self) -> Compiled {
        let mut by_lang: HashMap<Lang, Vec<LexEntry>> = HashMap::new();
        for e in self.entries {
            by_lang.entry(e.lang).or_default().push(e);
        }
        let compiled = Compiled::from_sources(|_| Source::Given);
        for (lang, slot) in Lang::ALL.iter().zip(&compiled.slots) {
            let _ = slot
                .part
                .set(Part::new(by_lang.remove(lang).unwrap_or_default()));
        }
        compiled
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

/// One language of a compiled lexicon: its entries and its matchers, one per filter,
/// built on first use.
#[derive(Debug, Default)]
struct Part {
    entries: Vec<LexEntry>,
    matchers: Mutex<HashMap<Filter, Arc<Matcher>>>,
}

impl Part {
    fn new(entries: Vec<LexEntry>) -> Self {
        Part {
            entries,
            matchers: Mutex::new(HashMap::new()),
        }
    }

    /// The matcher of `filter`: payloads are indices into the entries.
    fn matcher(&self, filter: Filter) -> Option<Arc<Matcher>> {
        let mut cache = match self.matchers.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(m) = cache.get(&filter) {
            return Some(Arc::clone(m));
        }
        let forms = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| filter.accepts(e))
            .flat_map(|(i, e)| {
                let payload = u32::try_from(i).unwrap_or(u32::MAX);
                e.entry
                    .forms
                    .iter()
                    .map(move |f| (f.as_str(), e.entry.accent_sensitive, payload))
            });
        let m = Arc::new(Matcher::new(forms).ok()?);
        cache.insert(filter, Arc::clone(&m));
        Some(m)
    }
}

/// Where a language's entries come from.
#[derive(Debug)]
enum Source {
    /// Given when compiled (the part is set at once).
    Given,
    /// The embedded files of the language, parsed on first use.
    Embedded(Lang),
    /// The same language of another compiled lexicon (a project adds nothing to it).
    Shared(Arc<Compiled>),
    /// Another compiled lexicon's entries of the language, with a project's entries added
    /// (one with the id of an existing entry replaces it).
    Extended(Arc<Compiled>, Vec<LexEntry>),
}

#[derive(Debug)]
struct Slot {
    source: Source,
    part: OnceLock<Part>,
}

/// A lexicon ready to match: per language, its entries and one matcher per filter, each
/// built on first use (checking a French letter never compiles the German automaton).
/// Within a filter the longest match wins, so a rule's entries compete only with each
/// other.
#[derive(Debug)]
pub struct Compiled {
    /// Indexed like [`Lang::ALL`].
    slots: Vec<Slot>,
}

/// An entry found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub entry: &'a LexEntry,
    /// Byte span in the text given to [`Compiled::find`].
    pub span: Span,
}

fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

impl Compiled {
    fn from_sources(mut source: impl FnMut(Lang) -> Source) -> Compiled {
        Compiled {
            slots: Lang::ALL
                .iter()
                .map(|&lang| Slot {
                    source: source(lang),
                    part: OnceLock::new(),
                })
                .collect(),
        }
    }

    /// The embedded lexicons, compiled once per process and shared: a language's files
    /// are parsed and its automata built only when a text in that language is checked.
    pub fn builtin() -> Arc<Compiled> {
        static BUILTIN: OnceLock<Arc<Compiled>> = OnceLock::new();
        Arc::clone(BUILTIN.get_or_init(|| Arc::new(Compiled::from_sources(Source::Embedded))))
    }

    /// `base` with a project's `extra` entries: languages the project adds nothing to
    /// share `base`'s entries and automata.
    pub fn extended(base: Arc<Compiled>, extra: Vec<LexEntry>) -> Compiled {
        if extra.is_empty() {
            return Compiled::from_sources(|_| Source::Shared(Arc::clone(&base)));
        }
        let mut by_lang: HashMap<Lang, Vec<LexEntry>> = HashMap::new();
        for e in extra {
            by_lang.entry(e.lang).or_default().push(e);
        }
        Compiled::from_sources(|lang| match by_lang.remove(&lang) {
            Some(es) => Source::Extended(Arc::clone(&base), es),
            None => Source::Shared(Arc::clone(&base)),
        })
    }

    /// The part of `lang`, made on first use.
    fn part(&self, lang: Lang) -> Option<&Part> {
        let slot = self.slots.get(lang_index(lang))?;
        if let Source::Shared(base) = &slot.source {
            return base.part(lang);
        }
        Some(slot.part.get_or_init(|| match &slot.source {
            Source::Given | Source::Shared(_) => Part::default(),
            Source::Embedded(lang) => Part::new(Lexicon::embedded_lang(*lang).entries),
            Source::Extended(base, extra) => {
                let mut lex = Lexicon::new(base.entries(lang).to_vec());
                lex.add(extra.clone());
                Part::new(lex.entries)
            }
        }))
    }

    /// The entries of `lang`.
    pub fn entries(&self, lang: Lang) -> &[LexEntry] {
        self.part(lang).map(|p| p.entries.as_slice()).unwrap_or(&[])
    }

    /// The entry a [`Hit`] of [`Compiled::candidates`] points to.
    pub fn entry(&self, lang: Lang, payload: u32) -> Option<&LexEntry> {
        self.entries(lang).get(payload as usize)
    }

    /// Every candidate match (overlapping ones included) of the entries `filter` accepts;
    /// payloads are for [`Compiled::entry`].
    pub fn candidates(&self, lang: Lang, text: &str, filter: Filter) -> Vec<Hit> {
        self.part(lang)
            .and_then(|p| p.matcher(filter))
            .map(|m| m.candidates(text))
            .unwrap_or_default()
    }

    /// Entries of `lang` that `filter` accepts, found in `text`: leftmost first, the
    /// longest at one place, never overlapping.
    pub fn find(&self, lang: Lang, text: &str, filter: Filter) -> Vec<Found<'_>> {
        let Some(part) = self.part(lang) else {
            return Vec::new();
        };
        let Some(m) = part.matcher(filter) else {
            return Vec::new();
        };
        m.find(text)
            .into_iter()
            .filter_map(|h| {
                Some(Found {
                    entry: part.entries.get(h.payload as usize)?,
                    span: Span::new(h.start, h.end),
                })
            })
            .collect()
    }
}

/// The entries of a project's extra lexicon files (`lexicons = [...]` in `plainly.toml`),
/// relative paths resolved against `base` (the folder of that `plainly.toml`).
pub fn read_project_files(
    base: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Vec<LexEntry>, LexiconError> {
    let mut lex = Lexicon::default();
    for p in paths {
        let path = match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p.clone(),
        };
        lex.load_extra(&path)?;
    }
    Ok(lex.entries)
}

/// The built-in lexicon plus a project's extra files (see [`read_project_files`]).
pub fn with_project_files(
    base: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Arc<Compiled>, LexiconError> {
    if paths.is_empty() {
        return Ok(Compiled::builtin());
    }
    let extra = read_project_files(base, paths)?;
    Ok(Arc::new(Compiled::extended(Compiled::builtin(), extra)))
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
    fn languages_compile_on_first_use_and_are_shared() {
        let loaded = |c: &Compiled| c.slots.iter().filter(|s| s.part.get().is_some()).count();
        let base = Arc::new(Compiled::from_sources(Source::Embedded));
        assert_eq!(loaded(&base), 0);
        let cliches = Filter::new(&[Category::Cliche], false);
        let fr = "Veuillez trouver ci-joint le formulaire.";
        assert_eq!(base.find(Lang::Fr, fr, cliches).len(), 1);
        // Checking French parsed French only.
        assert_eq!(loaded(&base), 1);
        // A project without Dutch entries uses the base's Dutch part: built there, once.
        let nl = "In bijlage gelieve u het formulier te vinden.";
        let project = Compiled::extended(Arc::clone(&base), Vec::new());
        assert_eq!(project.find(Lang::Nl, nl, cliches).len(), 1);
        assert_eq!(loaded(&project), 0);
        assert_eq!(loaded(&base), 2);
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(t.starts_with("20"));
    }
}
