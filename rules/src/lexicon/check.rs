//! Validation of lexicon files (`plainly lexicon check`): schema and unknown fields (from
//! parsing), duplicate ids, the same form in two entries, alternatives that the linter
//! itself would flag, entries shadowed by a longer one, examples that do not match their
//! own entry, and a category that does not fit its file.

use super::fold::fold_str;
use super::{Category, Filter, LexEntry, Lexicon, LexiconError, LoadedDir, Status};
use crate::finding::Severity;
use plainly_text::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors make `lexicon check` fail, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

/// One problem of a lexicon file, with its place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub level: Level,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{}:{}: {level}: {}", self.file, self.line, self.message)
    }
}

impl From<LexiconError> for Problem {
    fn from(e: LexiconError) -> Self {
        Problem {
            file: e.file,
            line: e.line,
            level: Level::Error,
            message: e.message,
        }
    }
}

/// Roles FORMAT.md names for `proposed_by`, `reviewed_by` and `to_confirm_by`.
pub const ROLES: [&str; 4] = [
    "plain-language editor",
    "expert by experience",
    "legal staff",
    "case handler",
];

/// Check a lexicon folder (`<dir>/<lang>/terms/*.toml`): every problem, sorted by file
/// and line.
pub fn check_dir(dir: &Path) -> (LoadedDir, Vec<Problem>) {
    let loaded = Lexicon::load_dir(dir);
    let mut problems: Vec<Problem> = loaded.errors.iter().cloned().map(Problem::from).collect();
    problems.extend(check_lexicon(&loaded.lexicon));
    problems.sort();
    problems.dedup();
    (loaded, problems)
}

/// What checking a project's extra lexicon files (`lexicons = [...]` in `plainly.toml`)
/// gives: their entries, the files, and the problems found in them. The entries are
/// checked together with the built-in lexicon they extend (a form already in a built-in
/// entry, an example another entry wins), but only problems in the project's files are
/// reported.
#[derive(Debug, Clone, Default)]
pub struct ProjectCheck {
    pub entries: usize,
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Check a project's extra lexicon files; relative paths start from `base` (the folder
/// of the `plainly.toml` that names them).
pub fn check_project_files(base: Option<&Path>, paths: &[PathBuf]) -> ProjectCheck {
    let mut out = ProjectCheck::default();
    let mut lex = Lexicon::embedded();
    let mut names = Vec::new();
    for p in paths {
        let path = match base {
            Some(b) if p.is_relative() => b.join(p),
            _ => p.clone(),
        };
        match Lexicon::read_file(&path, None, true) {
            Ok(es) => {
                out.entries += es.len();
                lex.add(es);
            }
            Err(e) => out.problems.push(Problem::from(e)),
        }
        names.push(path.display().to_string());
        out.files.push(path);
    }
    out.problems.extend(
        check_lexicon(&lex)
            .into_iter()
            .filter(|p| names.contains(&p.file)),
    );
    out.problems.sort();
    out.problems.dedup();
    out
}

fn problem(e: &LexEntry, level: Level, message: String) -> Problem {
    Problem {
        file: e.origin.file.clone(),
        line: e.origin.line,
        level,
        message: format!("entry '{}': {message}", e.entry.id),
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && d.get(5..7)
            .and_then(|m| m.parse::<u8>().ok())
            .is_some_and(|m| (1..=12).contains(&m))
        && d.get(8..10)
            .and_then(|x| x.parse::<u8>().ok())
            .is_some_and(|x| (1..=31).contains(&x))
}

/// The category a file's name promises (`cliche.toml`), if it is named after one.
fn file_category(file: &str) -> Option<Category> {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
}

/// Check the entries of a lexicon (files already parsed).
pub fn check_lexicon(lex: &Lexicon) -> Vec<Problem> {
    let mut out = Vec::new();
    for e in lex.entries() {
        check_entry(e, &mut out);
    }
    for lang in Lang::ALL {
        check_lang(lex, lang, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn check_entry(e: &LexEntry, out: &mut Vec<Problem>) {
    use Level::{Error, Warning};
    let en = &e.entry;
    if !is_kebab(&en.id) {
        out.push(problem(
            e,
            Error,
            "the id must be kebab-case: lower-case letters a-z, digits and '-'".into(),
        ));
    }
    if en.forms.is_empty() {
        out.push(problem(e, Error, "no forms: list what to match".into()));
    }
    // Forms that fold alike (`pro rata`, `pro-rata`) are harmless: only empty ones count.
    for f in &en.forms {
        if fold_str(f, en.accent_sensitive).is_empty() {
            out.push(problem(e, Error, format!("the form '{f}' is empty")));
        }
    }
    if en.explanation.trim().is_empty() {
        let level = if en.status == Status::Accepted {
            Error
        } else {
            Warning
        };
        out.push(problem(e, level, "the explanation is empty".into()));
    }
    match en.category {
        Category::Keep if !en.alternatives.is_empty() => out.push(problem(
            e,
            Error,
            "a 'keep' entry has no alternatives: the term stays, the explanation is added".into(),
        )),
        Category::Keep | Category::Abbreviation => {}
        _ if en.alternatives.iter().all(|a| a.trim().is_empty()) => out.push(problem(
            e,
            Warning,
            "no alternatives: the writer gets no suggestion".into(),
        )),
        _ => {}
    }
    if en.severity == Severity::Blocker {
        out.push(problem(
            e,
            Error,
            "severity 'blocker' is not for lexicon entries: use hint, info, warning or error"
                .into(),
        ));
    }
    if !is_date(&en.date) {
        out.push(problem(
            e,
            Error,
            format!("the date '{}' is not YYYY-MM-DD", en.date),
        ));
    }
    if !ROLES.contains(&en.proposed_by.as_str()) {
        out.push(problem(
            e,
            Warning,
            format!(
                "proposed_by '{}' is not one of the roles: {}",
                en.proposed_by,
                ROLES.join(", ")
            ),
        ));
    }
    for (field, roles) in [
        ("reviewed_by", &en.reviewed_by),
        ("to_confirm_by", &en.to_confirm_by),
    ] {
        for r in roles {
            if !ROLES.contains(&r.as_str()) {
                out.push(problem(
                    e,
                    Warning,
                    format!(
                        "{field} '{r}' is not one of the roles: {}",
                        ROLES.join(", ")
                    ),
                ));
            }
        }
    }
    for r in en
        .to_confirm_by
        .iter()
        .filter(|r| en.reviewed_by.contains(r))
    {
        out.push(problem(
            e,
            Warning,
            format!("'{r}' is in reviewed_by and in to_confirm_by: remove it from to_confirm_by"),
        ));
    }
    // Provenance must say who checked the entry, or who still has to: an accepted entry
    // with neither has nobody answerable for it.
    if en.status == Status::Accepted && en.reviewed_by.is_empty() && en.to_confirm_by.is_empty() {
        out.push(problem(
            e,
            Warning,
            "accepted, but nobody reviewed it and nobody is named to confirm it: fill in \
             reviewed_by (who checked it) or to_confirm_by (who must still check it)"
                .into(),
        ));
    }
    if !e.extra
        && let Some(c) = file_category(&e.origin.file)
        && c != en.category
    {
        out.push(problem(
            e,
            Error,
            format!(
                "category '{}' in the file for '{c}': move the entry to {}.toml (or core.toml)",
                en.category, en.category
            ),
        ));
    }
    if let Some(r) = &en.region
        && r != "BE"
    {
        out.push(problem(
            e,
            Warning,
            format!("region '{r}': only 'BE' is in use"),
        ));
    }
}

/// Which entries compete with each other for a place in the text: those of one rule.
fn same_rule(a: Category, b: Category) -> bool {
    a.rule() == b.rule()
}

fn check_lang(lex: &Lexicon, lang: Lang, out: &mut Vec<Problem>) {
    use Level::Error;
    let entries: Vec<&LexEntry> = lex.of_lang(lang).collect();
    if entries.is_empty() {
        return;
    }
    // Duplicate ids.
    let mut ids: HashMap<&str, &LexEntry> = HashMap::new();
    for e in &entries {
        if let Some(first) = ids.get(e.entry.id.as_str()) {
            out.push(problem(
                e,
                Error,
                format!("the id is already used at {}", first.origin),
            ));
        } else {
            ids.insert(&e.entry.id, e);
        }
    }
    // The same form in two entries.
    let mut forms: HashMap<(String, bool), &LexEntry> = HashMap::new();
    for e in &entries {
        for f in &e.entry.forms {
            let key = (
                fold_str(f, e.entry.accent_sensitive),
                e.entry.accent_sensitive,
            );
            if key.0.is_empty() {
                continue;
            }
            match forms.get(&key) {
                Some(first) if first.origin != e.origin => out.push(problem(
                    e,
                    Error,
                    format!(
                        "the form '{f}' is also in entry '{}' ({})",
                        first.entry.id, first.origin
                    ),
                )),
                Some(_) => {}
                None => {
                    forms.insert(key, e);
                }
            }
        }
    }
    // Matching checks use a lexicon of this language's usable entries.
    let usable: Vec<LexEntry> = entries
        .iter()
        .filter(|e| e.entry.status != Status::Rejected)
        .map(|e| (*e).clone())
        .collect();
    let compiled = Lexicon::new(usable).compile();
    let flagged = Filter::new(
        &[
            Category::Cliche,
            Category::Pompous,
            Category::Latin,
            Category::Jargon,
        ],
        true,
    );
    for e in entries
        .iter()
        .filter(|e| e.entry.status != Status::Rejected)
    {
        // Alternatives the linter would flag (an abbreviation's alternatives are its
        // expansion, not advice). A cliché, pompous word or Latin phrase is flagged
        // everywhere: error; a jargon term only when unexplained: warning.
        if e.entry.category != Category::Abbreviation {
            for alt in &e.entry.alternatives {
                let found = compiled.find(lang, alt, flagged);
                if let Some(f) = found.first() {
                    let what = if f.entry.entry.id == e.entry.id {
                        "this same entry".to_string()
                    } else {
                        format!("entry '{}' ({})", f.entry.entry.id, f.entry.origin)
                    };
                    let level = if f.entry.entry.category == Category::Jargon {
                        Level::Warning
                    } else {
                        Error
                    };
                    out.push(problem(
                        e,
                        level,
                        format!(
                            "the alternative '{alt}' contains '{}', which {what} flags",
                            f.span.slice(alt)
                        ),
                    ));
                }
            }
        }
        // The example must be found as this entry.
        let Some(example) = e.entry.example.as_deref().filter(|x| !x.trim().is_empty()) else {
            continue;
        };
        let cat = e.entry.category;
        let rivals: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| same_rule(*c, cat))
            .collect();
        let rivals = Filter::new(&rivals, true);
        let found = compiled.find(lang, example, rivals);
        if found
            .iter()
            .any(|f| f.entry.entry.id == e.entry.id && f.entry.lang == e.lang)
        {
            continue;
        }
        let mine = compiled
            .candidates(lang, example, rivals)
            .into_iter()
            .find(|h| {
                compiled
                    .entry(lang, h.payload)
                    .is_some_and(|o| o.entry.id == e.entry.id)
            });
        match mine {
            Some(h) => {
                let winner = found
                    .iter()
                    .find(|f| (f.span.start as usize) < h.end && h.start < f.span.end as usize);
                let by = winner
                    .map(|w| {
                        format!(
                            "entry '{}' ({}) matches '{}' there and wins",
                            w.entry.entry.id,
                            w.entry.origin,
                            w.span.slice(example)
                        )
                    })
                    .unwrap_or_else(|| "another entry wins there".into());
                out.push(problem(
                    e,
                    Error,
                    format!("shadowed in its own example: {by}"),
                ));
            }
            None => out.push(problem(
                e,
                Error,
                format!("the example '{example}' contains none of the forms"),
            )),
        }
    }
}

/// Counts per language, category and status.
pub fn stats(lex: &Lexicon) -> Vec<(Lang, Category, Status, usize)> {
    let mut counts: HashMap<(Lang, Category, Status), usize> = HashMap::new();
    for e in lex.entries() {
        *counts
            .entry((e.lang, e.entry.category, e.entry.status))
            .or_default() += 1;
    }
    let mut out: Vec<_> = counts
        .into_iter()
        .map(|((l, c, s), n)| (l, c, s, n))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::lexicon::entry::parse_file;

    fn entry(id: &str, forms: &str, alts: &str, example: &str, cat: &str) -> String {
        format!(
            "[[entry]]\nid = \"{id}\"\nforms = [{forms}]\nalternatives = [{alts}]\nexplanation = \"x\"\nexample = \"{example}\"\ncategory = \"{cat}\"\nseverity = \"warning\"\nstatus = \"accepted\"\nproposed_by = \"legal staff\"\nreviewed_by = [\"expert by experience\"]\ndate = \"2026-11-25\"\n\n"
        )
    }

    fn problems(text: &str, file: &str) -> Vec<String> {
        let lex = Lexicon::new(parse_file(text, file, Some(Lang::Fr), false).unwrap());
        check_lexicon(&lex).iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn clean_entries_pass() {
        let t = entry(
            "suite-a",
            "\"suite à\"",
            "\"après\"",
            "Suite à votre lettre, voici.",
            "cliche",
        ) + &entry(
            "in-casu",
            "\"in casu\"",
            "\"dans ce cas\"",
            "In casu, non.",
            "latin",
        );
        assert_eq!(
            problems(&t, "lexicons/fr/terms/core.toml"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn finds_the_problems() {
        let t = entry(
            "suite-a",
            "\"suite à\"",
            "\"conformément à\"",
            "Suite à votre lettre.",
            "cliche",
        ) + &entry(
            "conformement-a",
            "\"conformément à\"",
            "\"selon\"",
            "Selon vous.",
            "cliche",
        ) + &entry("suite-a", "\"Suite à\"", "\"après\"", "x", "latin")
            + &entry("a", "\"à\"", "\"b\"", "suite à", "cliche");
        let p = problems(&t, "lexicons/fr/terms/cliche.toml").join("\n");
        assert!(p.contains("which entry 'conformement-a'"), "{p}");
        assert!(
            p.contains("the id is already used at lexicons/fr/terms/cliche.toml:1"),
            "{p}"
        );
        assert!(
            p.contains("the form 'Suite à' is also in entry 'suite-a'"),
            "{p}"
        );
        assert!(
            p.contains("'Selon vous.' contains none of the forms"),
            "{p}"
        );
        assert!(
            p.contains("category 'latin' in the file for 'cliche'"),
            "{p}"
        );
        assert!(p.contains("entry 'a': shadowed in its own example"), "{p}");
    }

    #[test]
    fn provenance_names_who_checked_or_who_must() {
        let base = entry(
            "suite-a",
            "\"suite à\"",
            "\"après\"",
            "Suite à votre lettre, voici.",
            "cliche",
        );
        let with = |reviewed: &str, to_confirm: &str| {
            base.replace(
                "reviewed_by = [\"expert by experience\"]\n",
                &format!("reviewed_by = [{reviewed}]\nto_confirm_by = [{to_confirm}]\n"),
            )
        };
        let file = "lexicons/fr/terms/cliche.toml";
        // Not reviewed yet, with the roles who must confirm: fine.
        assert_eq!(
            problems(&with("", "\"expert by experience\""), file),
            Vec::<String>::new()
        );
        // Neither: nobody answers for an accepted entry.
        let p = problems(&with("", ""), file).join("\n");
        assert!(p.contains("nobody is named to confirm it"), "{p}");
        // A role in both fields, a role that does not exist.
        let p = problems(
            &with("\"legal staff\"", "\"legal staff\", \"neighbour\""),
            file,
        )
        .join("\n");
        assert!(
            p.contains("'legal staff' is in reviewed_by and in to_confirm_by"),
            "{p}"
        );
        assert!(
            p.contains("to_confirm_by 'neighbour' is not one of the roles"),
            "{p}"
        );
        // A proposed entry may wait without names.
        let proposed = with("", "").replace("status = \"accepted\"", "status = \"proposed\"");
        assert_eq!(problems(&proposed, file), Vec::<String>::new());
    }
}
