//! Writing entry files back: format-preserving edits (comments, blank lines and the order
//! of untouched entries stay as they are), fields kept in the order of FORMAT.md, one
//! `[[entry]]` per entry.

use super::{Category, Entry, LexiconError, Status};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

/// The order of fields in an entry (lexicons/FORMAT.md).
pub const FIELD_ORDER: [&str; 17] = [
    "id",
    "forms",
    "alternatives",
    "explanation",
    "example",
    "category",
    "severity",
    "status",
    "region",
    "accent_sensitive",
    "proposed_by",
    "reviewed_by",
    "to_confirm_by",
    "source",
    "date",
    "votes",
    "comments",
];

fn rank(key: &str) -> usize {
    FIELD_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(FIELD_ORDER.len())
}

/// One change to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    AddAlternative(String),
    /// Workshop answers to add to the counts.
    AddVotes {
        understood: u32,
        not_understood: u32,
    },
    AddComment(String),
    SetStatus(Status),
    SetDate(String),
}

/// A file's text with `changes` applied to the entry `id`. Fails when the file does not
/// parse or has no such entry.
pub fn apply(text: &str, file: &str, id: &str, changes: &[Change]) -> Result<String, LexiconError> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let line = e
            .span()
            .map(|s| super::entry::line_of(text, s.start))
            .unwrap_or(1);
        LexiconError::new(file, line, e.message().trim())
    })?;
    let Some(entries) = doc.get_mut("entry").and_then(Item::as_array_of_tables_mut) else {
        return Err(LexiconError::new(file, 1, "no [[entry]] tables"));
    };
    let Some(table) = entries
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
    else {
        return Err(LexiconError::new(file, 1, format!("no entry '{id}'")));
    };
    let mut inserted = false;
    for c in changes {
        match c {
            Change::AddAlternative(a) => {
                inserted |= !table.contains_key("alternatives");
                push_string(table, "alternatives", a, false);
            }
            Change::AddComment(c) => {
                inserted |= !table.contains_key("comments");
                push_string(table, "comments", c, true);
            }
            Change::AddVotes {
                understood,
                not_understood,
            } => {
                inserted |= !table.contains_key("votes");
                let get = |t: &Table, k: &str| {
                    t.get("votes")
                        .and_then(|v| v.get(k))
                        .and_then(Item::as_integer)
                        .unwrap_or(0)
                };
                let u = get(table, "understood") + i64::from(*understood);
                let n = get(table, "not_understood") + i64::from(*not_understood);
                let mut inline = toml_edit::InlineTable::new();
                inline.insert("understood", u.into());
                inline.insert("not_understood", n.into());
                table.insert("votes", value(inline));
            }
            Change::SetStatus(s) => set_string(table, "status", s.name()),
            Change::SetDate(d) => {
                inserted |= !table.contains_key("date");
                set_string(table, "date", d);
            }
        }
    }
    if inserted {
        table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    }
    Ok(doc.to_string())
}

/// Replace a string value, keeping the key's comments and spacing.
fn set_string(table: &mut Table, key: &str, s: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = Value::from(s);
            *v.decor_mut() = decor;
        }
        None => {
            table.insert(key, value(s));
        }
    }
}

/// Append a string to an array field, in the array's own layout (one item per line when
/// it already is, or always with `multiline`).
fn push_string(table: &mut Table, key: &str, s: &str, multiline: bool) {
    if !table.contains_key(key) {
        table.insert(key, value(Array::new()));
    }
    let Some(arr) = table.get_mut(key).and_then(Item::as_array_mut) else {
        return;
    };
    let one_per_line = multiline
        || arr.iter().next().is_some_and(|v| {
            v.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .is_some_and(|p| p.contains('\n'))
        });
    arr.push(s);
    if one_per_line {
        for v in arr.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
            v.decor_mut().set_suffix("");
        }
        arr.set_trailing_comma(true);
        arr.set_trailing("\n");
    }
}

/// A new entry as a table, fields in the FORMAT.md order.
pub fn entry_table(e: &Entry) -> Table {
    let mut t = Table::new();
    let strings = |v: &[String]| {
        let mut a = Array::new();
        for s in v {
            a.push(s.as_str());
        }
        value(a)
    };
    t.insert("id", value(e.id.as_str()));
    t.insert("forms", strings(&e.forms));
    t.insert("alternatives", strings(&e.alternatives));
    t.insert("explanation", value(e.explanation.as_str()));
    if let Some(x) = &e.example {
        t.insert("example", value(x.as_str()));
    }
    t.insert("category", value(e.category.name()));
    t.insert("severity", value(e.severity.name()));
    t.insert("status", value(e.status.name()));
    if let Some(r) = &e.region {
        t.insert("region", value(r.as_str()));
    }
    if e.accent_sensitive {
        t.insert("accent_sensitive", value(true));
    }
    t.insert("proposed_by", value(e.proposed_by.as_str()));
    t.insert("reviewed_by", strings(&e.reviewed_by));
    if !e.to_confirm_by.is_empty() {
        t.insert("to_confirm_by", strings(&e.to_confirm_by));
    }
    if let Some(s) = &e.source {
        t.insert("source", value(s.as_str()));
    }
    t.insert("date", value(e.date.as_str()));
    if let Some(v) = e.votes {
        let mut inline = toml_edit::InlineTable::new();
        inline.insert("understood", i64::from(v.understood).into());
        inline.insert("not_understood", i64::from(v.not_understood).into());
        t.insert("votes", value(inline));
    }
    if !e.comments.is_empty() {
        t.insert("comments", strings(&e.comments));
    }
    t.decor_mut().set_prefix("\n");
    t
}

/// A file's text (or a new file's, when `text` is empty) with new entries appended.
pub fn append(
    text: &str,
    file: &str,
    header: &str,
    entries: &[Entry],
) -> Result<String, LexiconError> {
    let source = if text.trim().is_empty() { header } else { text };
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| LexiconError::new(file, 1, e.message().trim()))?;
    if !doc.contains_key("entry") {
        doc.insert("entry", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(arr) = doc.get_mut("entry").and_then(Item::as_array_of_tables_mut) else {
        return Err(LexiconError::new(
            file,
            1,
            "'entry' is not a list of [[entry]] tables",
        ));
    };
    for e in entries {
        arr.push(entry_table(e));
    }
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// Header comment of a file the import creates.
pub fn new_file_header(category: Option<Category>) -> String {
    match category {
        Some(c) => format!(
            "# plainly lexicon: entries of category '{c}' (format: lexicons/FORMAT.md).\n"
        ),
        None => "# plainly lexicon: words proposed in workshops, to be reviewed (format: lexicons/FORMAT.md).\n"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const FILE: &str = "# Header\n\n[[entry]]\nid = \"a\"\nforms = [\"a\"]\nalternatives = [\"b\"]  # keep me\nexplanation = \"x\"\ncategory = \"cliche\"\nseverity = \"warning\"\nstatus = \"proposed\"\nproposed_by = \"legal staff\"\nreviewed_by = []\ndate = \"2026-11-25\"\n\n# Second entry\n[[entry]]\nid = \"c\"\nforms = [\n  \"c\",\n  \"d\",\n]\nexplanation = \"y\"\ncategory = \"cliche\"\nseverity = \"info\"\nstatus = \"accepted\"\nproposed_by = \"legal staff\"\nreviewed_by = [\"legal staff\"]\ndate = \"2026-11-25\"\n";

    #[test]
    fn edits_keep_the_rest() {
        let out = apply(
            FILE,
            "f.toml",
            "a",
            &[
                Change::AddAlternative("e".into()),
                Change::AddVotes {
                    understood: 2,
                    not_understood: 1,
                },
                Change::AddComment("trop long".into()),
                Change::SetStatus(Status::Accepted),
            ],
        )
        .unwrap();
        assert!(
            out.starts_with("# Header\n\n[[entry]]\nid = \"a\"\n"),
            "{out}"
        );
        assert!(
            out.contains("alternatives = [\"b\", \"e\"]  # keep me\n"),
            "{out}"
        );
        assert!(out.contains("status = \"accepted\"\n"), "{out}");
        assert!(out.contains("date = \"2026-11-25\"\nvotes = { understood = 2, not_understood = 1 }\ncomments = [\n  \"trop long\",\n]\n"), "{out}");
        assert!(
            out.contains(
                "\n# Second entry\n[[entry]]\nid = \"c\"\nforms = [\n  \"c\",\n  \"d\",\n]\n"
            ),
            "{out}"
        );
        let parsed =
            crate::lexicon::entry::parse_file(&out, "f", Some(plainly_text::Lang::Fr), false)
                .unwrap();
        assert_eq!(parsed[0].entry.alternatives, vec!["b", "e"]);
        assert_eq!(parsed[0].entry.votes.unwrap().understood, 2);
        let again = apply(&out, "f.toml", "c", &[Change::AddAlternative("z".into())]).unwrap();
        assert!(
            again.contains("alternatives = [\"z\"]\nexplanation = \"y\""),
            "{again}"
        );
    }
}
