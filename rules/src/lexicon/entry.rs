//! Lexicon entries and their files (lexicons/FORMAT.md): types, parsing, errors with file
//! and line.

use crate::finding::Severity;
use plainly_text::Lang;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of word or phrase an entry is; decides which rule uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Officialese phrases with a plain equivalent (rule `admin-cliche`).
    Cliche,
    /// Latin and legal Latin (rule `latin-phrase`).
    Latin,
    /// Pompous or formal single words (rule `admin-cliche`).
    Pompous,
    /// Technical terms of the domain to explain or replace (rule `jargon`).
    Jargon,
    /// Defined terms that must stay, with an explanation to add (rule `jargon`).
    Keep,
    /// Abbreviations and acronyms with their expansion.
    Abbreviation,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Cliche,
        Category::Latin,
        Category::Pompous,
        Category::Jargon,
        Category::Keep,
        Category::Abbreviation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Cliche => "cliche",
            Category::Latin => "latin",
            Category::Pompous => "pompous",
            Category::Jargon => "jargon",
            Category::Keep => "keep",
            Category::Abbreviation => "abbreviation",
        }
    }

    /// The rule that reports entries of this category, if any.
    pub fn rule(self) -> Option<&'static str> {
        match self {
            Category::Cliche | Category::Pompous => Some("admin-cliche"),
            Category::Latin => Some("latin-phrase"),
            Category::Jargon | Category::Keep => Some("jargon"),
            Category::Abbreviation => None,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown category '{s}': use cliche, latin, pompous, jargon, keep or abbreviation"
                )
            })
    }
}

/// Where an entry stands in the review: only `accepted` entries are used by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Accepted,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Proposed, Status::Accepted, Status::Rejected];

    pub fn name(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown status '{s}': use proposed, accepted or rejected"))
    }
}

/// Workshop answers: how many readers understood the term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    #[serde(default)]
    pub understood: u32,
    #[serde(default)]
    pub not_understood: u32,
}

/// One lexicon entry, as written in a `[[entry]]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub forms: Vec<String>,
    #[serde(default)]
    pub alternatives: Vec<String>,
    pub explanation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    pub category: Category,
    pub severity: Severity,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub accent_sensitive: bool,
    pub proposed_by: String,
    /// Roles of the people who really reviewed the entry (empty until someone has).
    #[serde(default)]
    pub reviewed_by: Vec<String>,
    /// Roles who must still confirm the entry (at the next workshop or review).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to_confirm_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(deserialize_with = "date_string")]
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Votes>,
    #[serde(default)]
    pub comments: Vec<String>,
}

impl Entry {
    /// The form a reader recognises the entry by: the first one.
    pub fn term(&self) -> &str {
        self.forms.first().map(String::as_str).unwrap_or(&self.id)
    }
}

/// Accept `date = "2026-11-25"` and the bare TOML date `date = 2026-11-25`.
fn date_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum DateValue {
        Text(String),
        Date(toml::value::Datetime),
    }
    Ok(match DateValue::deserialize(d)? {
        DateValue::Text(s) => s,
        DateValue::Date(d) => d.to_string(),
    })
}

/// Where an entry was read: file (as given) and 1-based line of its `[[entry]]` header.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// An entry with its language and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexEntry {
    pub lang: Lang,
    pub entry: Entry,
    pub origin: Origin,
    /// True for entries of a project's extra lexicon file (`plainly.toml`, `lexicons`).
    pub extra: bool,
}

/// A lexicon file that cannot be used, with the file and line to look at (line 0: the
/// whole file, e.g. it cannot be read; shown without a line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", if *line > 0 { format!(":{line}") } else { String::new() })]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl LexiconError {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        LexiconError {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

/// The top level of an entry file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    /// Language of the entries; required in a project file outside `<lang>/` folders.
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    entry: Vec<Entry>,
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// The 1-based line of each `[[entry]]` header of a file, in order, in one pass.
fn entry_header_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.split_inclusive('\n')
        .enumerate()
        .filter_map(|(n, line)| {
            line.split('#')
                .next()
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .eq("[[entry]]".chars())
                .then_some(n + 1)
        })
}

/// Parse the text of one entry file. `file` names it in errors; `lang` is the language of
/// its folder, if any (a top-level `lang = "fr"` must agree with it, and is needed without it).
pub fn parse_file(
    text: &str,
    file: &str,
    lang: Option<Lang>,
    extra: bool,
) -> Result<Vec<LexEntry>, LexiconError> {
    let doc: FileDoc = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        LexiconError::new(file, line, e.message().trim())
    })?;
    let declared = match &doc.lang {
        Some(l) => Some(l.parse::<Lang>().map_err(|e| {
            let line = text.find("lang").map(|o| line_of(text, o)).unwrap_or(1);
            LexiconError::new(file, line, e.to_string())
        })?),
        None => None,
    };
    let lang = match (declared, lang) {
        (Some(d), Some(f)) if d != f => {
            let line = text.find("lang").map(|o| line_of(text, o)).unwrap_or(1);
            return Err(LexiconError::new(
                file,
                line,
                format!("lang = \"{d}\" but the file is in the {f} folder"),
            ));
        }
        (Some(l), _) | (None, Some(l)) => l,
        (None, None) => {
            return Err(LexiconError::new(
                file,
                1,
                "which language? Add lang = \"fr\" (or nl, de, en) at the top of the file",
            ));
        }
    };
    let headers: Vec<usize> = entry_header_lines(text).collect();
    Ok(doc
        .entry
        .into_iter()
        .enumerate()
        .map(|(i, entry)| LexEntry {
            lang,
            entry,
            origin: Origin {
                file: file.to_string(),
                line: headers.get(i).copied().unwrap_or(1),
            },
            extra,
        })
        .collect())
}

/// The language of a lexicon file from its path: a folder named `fr`, `nl`, `de` or `en`
/// (`lexicons/fr/terms/x.toml`), or a file name like `house.fr.toml`.
pub fn lang_of_path(path: &std::path::Path) -> Option<Lang> {
    let stem_lang = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit('.').next().filter(|_| s.contains('.')))
        .and_then(exact_lang);
    stem_lang.or_else(|| {
        path.parent()?
            .components()
            .rev()
            .filter_map(|c| c.as_os_str().to_str())
            .find_map(exact_lang)
    })
}

fn exact_lang(s: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.code() == s)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const GOOD: &str = r#"
# header comment
[[entry]]
id = "a"
forms = ["suite à"]
alternatives = ["après"]
explanation = "x"
category = "cliche"
severity = "warning"
status = "accepted"
proposed_by = "plain-language editor"
date = 2026-11-25

[[entry]]  # second
id = "b"
forms = ["b"]
explanation = "y"
category = "keep"
severity = "info"
status = "proposed"
proposed_by = "legal staff"
date = "2026-11-25"
"#;

    #[test]
    fn parses_entries_with_lines() {
        let e = parse_file(GOOD, "x.toml", Some(Lang::Fr), false).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].origin.line, 3);
        assert_eq!(e[1].origin.line, 14);
        assert_eq!(e[0].entry.date, "2026-11-25");
        assert_eq!(e[1].entry.category, Category::Keep);
    }

    #[test]
    fn unknown_field_names_its_line() {
        let bad = GOOD
            .replace("region", "x")
            .replace("id = \"b\"", "id = \"b\"\nregio = \"BE\"");
        let err = parse_file(&bad, "x.toml", Some(Lang::Fr), false).unwrap_err();
        assert_eq!(err.line, 16, "{err}");
        assert!(err.message.contains("regio"), "{err}");
    }

    #[test]
    fn language_from_path_or_key() {
        assert_eq!(
            lang_of_path(std::path::Path::new("lexicons/nl/terms/a.toml")),
            Some(Lang::Nl)
        );
        assert_eq!(
            lang_of_path(std::path::Path::new("style/house.de.toml")),
            Some(Lang::De)
        );
        assert_eq!(lang_of_path(std::path::Path::new("style/house.toml")), None);
        let err = parse_file(GOOD, "x.toml", None, true).unwrap_err();
        assert!(err.message.contains("lang"));
        let with = format!("lang = \"en\"\n{GOOD}");
        assert_eq!(
            parse_file(&with, "x.toml", None, true).unwrap()[0].lang,
            Lang::En
        );
    }
}
