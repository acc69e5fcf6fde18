//! The workshop round trip: export a language's entries to a sheet (CSV for a Belgian
//! Excel, or XLSX) that a workshop fills in, and import the answers back into the entry
//! files: new alternatives, votes, comments, decisions. Nothing is ever removed.

use super::edit::{self, Change};
use super::fold::fold_str;
use super::{Category, Entry, LexEntry, Lexicon, LexiconError, Status, Votes, xlsx};
use crate::finding::Severity;
use plainly_text::Lang;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A sheet that cannot be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: String, message: String },
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// Sheet file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// UTF-8 with BOM, `;`-separated, CRLF: what a Belgian Excel opens as is.
    Csv,
    Xlsx,
}

impl FromStr for SheetFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(SheetFormat::Csv),
            "xlsx" => Ok(SheetFormat::Xlsx),
            _ => Err(format!("unknown sheet format '{s}': use csv or xlsx")),
        }
    }
}

/// The columns of a workshop sheet, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Id,
    Term,
    Alternative,
    Explanation,
    Example,
    Understood,
    Better,
    Comment,
    Decision,
    /// Only read (a sheet may add it for new words): the entry's category.
    Category,
}

/// Columns an export writes.
pub const COLUMNS: [Column; 9] = [
    Column::Id,
    Column::Term,
    Column::Alternative,
    Column::Explanation,
    Column::Example,
    Column::Understood,
    Column::Better,
    Column::Comment,
    Column::Decision,
];

/// Columns the workshop fills in.
const TO_FILL: [Column; 4] = [
    Column::Understood,
    Column::Better,
    Column::Comment,
    Column::Decision,
];

/// Header of a column in a language (the id column also names the language).
pub fn header(col: Column, lang: Lang) -> String {
    if col == Column::Id {
        return format!("id ({lang})");
    }
    let [fr, nl, de, en] = labels(col);
    match lang {
        Lang::Fr => fr,
        Lang::Nl => nl,
        Lang::De => de,
        Lang::En => en,
    }
    .to_string()
}

fn labels(col: Column) -> [&'static str; 4] {
    match col {
        Column::Id => ["id", "id", "id", "id"],
        Column::Term => [
            "mot ou expression",
            "woord of uitdrukking",
            "Wort oder Ausdruck",
            "term",
        ],
        Column::Alternative => [
            "mot proposé",
            "voorgesteld woord",
            "vorgeschlagenes Wort",
            "proposed alternative",
        ],
        Column::Explanation => ["explication", "uitleg", "Erklärung", "explanation"],
        Column::Example => [
            "exemple de phrase",
            "voorbeeldzin",
            "Beispielsatz",
            "example sentence",
        ],
        Column::Understood => [
            "compris ? (oui/non)",
            "begrepen? (ja/nee)",
            "verstanden? (ja/nein)",
            "understood? (yes/no)",
        ],
        Column::Better => [
            "meilleur mot",
            "beter woord",
            "besseres Wort",
            "better word",
        ],
        Column::Comment => ["commentaire", "opmerking", "Kommentar", "comment"],
        Column::Decision => [
            "décision (accepté/refusé)",
            "beslissing (aanvaard/afgewezen)",
            "Entscheidung (angenommen/abgelehnt)",
            "decision (accepted/rejected)",
        ],
        Column::Category => ["catégorie", "categorie", "Kategorie", "category"],
    }
}

/// The column a header names, in any of the four languages, and the language an id
/// header names (`id (fr)`).
fn parse_header(h: &str) -> Option<(Column, Option<Lang>)> {
    let f = fold_str(h, false);
    let base = f
        .split('(')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('?')
        .trim();
    if base == "id" {
        let lang = f
            .split('(')
            .nth(1)
            .and_then(|x| x.split(')').next())
            .and_then(|x| x.trim().parse::<Lang>().ok());
        return Some((Column::Id, lang));
    }
    if base == "status" || base == "statut" {
        return Some((Column::Decision, None));
    }
    [
        Column::Term,
        Column::Alternative,
        Column::Explanation,
        Column::Example,
        Column::Understood,
        Column::Better,
        Column::Comment,
        Column::Decision,
        Column::Category,
    ]
    .into_iter()
    .find(|c| {
        labels(*c).iter().any(|l| {
            let lf = fold_str(l, false);
            let lb = lf
                .split('(')
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('?')
                .trim();
            lb == base
        })
    })
    .map(|c| (c, None))
}

/// One row of a sheet, by column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number in the sheet (the header is row 1 in an export).
    pub row: usize,
    pub cells: BTreeMap<Column, String>,
}

impl SheetRow {
    pub fn get(&self, c: Column) -> &str {
        self.cells.get(&c).map(|s| s.trim()).unwrap_or("")
    }
}

/// A workshop sheet as read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The language named in the id column's header.
    pub lang: Option<Lang>,
    pub rows: Vec<SheetRow>,
}

/// Rows to export: the entries of `lang` whose status is in `statuses` (all but rejected
/// when empty), in file order.
pub fn export_rows(lex: &Lexicon, lang: Lang, statuses: &[Status]) -> Vec<Vec<String>> {
    let mut entries: Vec<&LexEntry> = lex
        .of_lang(lang)
        .filter(|e| {
            if statuses.is_empty() {
                e.entry.status != Status::Rejected
            } else {
                statuses.contains(&e.entry.status)
            }
        })
        .collect();
    entries.sort_by(|a, b| a.origin.cmp(&b.origin));
    let mut rows = vec![COLUMNS.iter().map(|c| header(*c, lang)).collect::<Vec<_>>()];
    for e in entries {
        let en = &e.entry;
        rows.push(
            COLUMNS
                .iter()
                .map(|c| match c {
                    Column::Id => en.id.clone(),
                    Column::Term => en.term().to_string(),
                    Column::Alternative => en.alternatives.join(" / "),
                    Column::Explanation => en.explanation.clone(),
                    Column::Example => en.example.clone().unwrap_or_default(),
                    _ => String::new(),
                })
                .collect(),
        );
    }
    rows
}

/// CSV for a Belgian Excel: UTF-8 with BOM, `;` separator, CRLF line ends, quoted where
/// needed.
pub fn write_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    for r in rows {
        w.write_record(r).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// An XLSX workbook with the columns to fill shaded.
pub fn write_xlsx(rows: &[Vec<String>], lang: Lang) -> Result<Vec<u8>, String> {
    let widths: Vec<f64> = COLUMNS
        .iter()
        .map(|c| match c {
            Column::Id => 22.0,
            Column::Term | Column::Alternative => 28.0,
            Column::Explanation | Column::Example | Column::Comment => 45.0,
            _ => 18.0,
        })
        .collect();
    let fill: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, c)| TO_FILL.contains(c))
        .map(|(i, _)| i)
        .collect();
    xlsx::write(lang.native_name(), rows, &widths, &fill)
}

/// Export `lang`'s entries as a sheet.
pub fn export(
    lex: &Lexicon,
    lang: Lang,
    statuses: &[Status],
    format: SheetFormat,
) -> Result<Vec<u8>, String> {
    let rows = export_rows(lex, lang, statuses);
    match format {
        SheetFormat::Csv => write_csv(&rows),
        SheetFormat::Xlsx => write_xlsx(&rows, lang),
    }
}

/// Decode CSV bytes as Excel saves them: UTF-8 (with or without BOM), UTF-16 with BOM, or
/// Windows-1252 ("CSV (separator: semicolon)" in a Belgian Excel).
fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Read CSV cells; the separator (`;`, `,` or tab) is the one the first line uses most.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let text = decode(bytes);
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let delimiter = [(';', count(';')), ('\t', count('\t')), (',', count(','))]
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(c, _)| c as u8)
        .unwrap_or(b';');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// Cells to a sheet: the header row is the first with an `id` column.
pub fn to_sheet(cells: Vec<Vec<String>>) -> Result<Sheet, String> {
    let Some((h, header_row)) = cells.iter().enumerate().find(|(_, r)| {
        r.iter()
            .any(|c| parse_header(c).is_some_and(|(col, _)| col == Column::Id))
    }) else {
        return Err("no header row with an 'id' column".into());
    };
    let mut cols: Vec<Option<Column>> = Vec::new();
    let mut lang = None;
    for c in header_row {
        match parse_header(c) {
            Some((col, l)) => {
                if l.is_some() {
                    lang = l;
                }
                cols.push((!cols.contains(&Some(col))).then_some(col));
            }
            None => cols.push(None),
        }
    }
    let rows = cells
        .iter()
        .enumerate()
        .skip(h + 1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| SheetRow {
            row: i + 1,
            cells: r
                .iter()
                .zip(&cols)
                .filter_map(|(v, c)| Some(((*c)?, v.clone())))
                .collect(),
        })
        .collect();
    Ok(Sheet { lang, rows })
}

/// Read a sheet file (`.csv` or `.xlsx`; others are sniffed).
pub fn read_sheet(path: &Path) -> Result<Sheet, SheetError> {
    let p = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| SheetError::Io {
        path: p.clone(),
        source,
    })?;
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.eq_ignore_ascii_case("xlsx"))
        .unwrap_or_else(|| bytes.starts_with(b"PK"));
    let cells = if is_xlsx {
        xlsx::read(&bytes)
    } else {
        read_csv(&bytes)
    }
    .map_err(|message| SheetError::Format {
        path: p.clone(),
        message,
    })?;
    to_sheet(cells).map_err(|message| SheetError::Format { path: p, message })
}

/// Yes/no answers of an "understood?" cell: `oui`, `3 oui 1 non`, `ja, ja, nee`, `✓`.
/// `None` when the cell says something else.
pub fn parse_votes(cell: &str) -> Option<(u32, u32)> {
    let mut f = fold_str(cell, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (from, to) in [
        ("pas compris", "non"),
        ("niet begrepen", "nee"),
        ("nicht verstanden", "nein"),
        ("not understood", "no"),
    ] {
        f = f.replace(from, to);
    }
    let (mut yes, mut no) = (0u32, 0u32);
    let mut pending: Option<u32> = None;
    let mut any = false;
    for tok in f
        .split(|c: char| !(c.is_alphanumeric() || c == '✓' || c == '✔' || c == '✗' || c == '✘'))
        .filter(|t| !t.is_empty())
    {
        if let Ok(n) = tok.parse::<u32>() {
            pending = Some(n);
            continue;
        }
        let n = pending.take().unwrap_or(1);
        match tok {
            "yes" | "y" | "oui" | "o" | "ja" | "j" | "x" | "ok" | "✓" | "✔" | "compris"
            | "begrepen" | "verstanden" | "understood" => yes = yes.saturating_add(n),
            "no" | "n" | "non" | "nee" | "neen" | "nein" | "✗" | "✘" => {
                no = no.saturating_add(n)
            }
            _ => return None,
        }
        any = true;
    }
    if pending.is_some() && !any {
        return None;
    }
    Some((yes, no))
}

/// The status a "decision" cell asks for, in any of the four languages.
pub fn parse_decision(cell: &str) -> Option<Status> {
    let f = fold_str(cell, false);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    match f {
        "accepted" | "accept" | "accepte" | "acceptee" | "accepter" | "aanvaard" | "aanvaarden"
        | "goedgekeurd" | "angenommen" | "akzeptiert" | "ok" => Some(Status::Accepted),
        "rejected" | "reject" | "rejete" | "rejetee" | "refuse" | "refusee" | "afgewezen"
        | "verworpen" | "abgelehnt" => Some(Status::Rejected),
        "proposed" | "propose" | "proposee" | "voorgesteld" | "vorgeschlagen" => {
            Some(Status::Proposed)
        }
        _ => None,
    }
}

/// What an import changes in one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryEdit {
    pub id: String,
    pub file: PathBuf,
    pub line: usize,
    pub changes: Vec<Change>,
    /// Human-readable lines, one per change.
    pub describe: Vec<String>,
}

/// What importing a sheet will do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    pub lang: Option<Lang>,
    pub edits: Vec<EntryEdit>,
    /// New words proposed by the workshop (rows without an id).
    pub new_entries: Vec<Entry>,
    /// Where new entries go.
    pub new_file: PathBuf,
    /// Rows that could not be used, and sheet edits to apply by hand.
    pub notes: Vec<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn slug(term: &str) -> String {
    let f = fold_str(term, false);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Plan the import of `sheet` into the lexicon folder `dir` (nothing is written).
/// `lang` overrides the language the sheet names.
pub fn plan_import(
    dir: &Path,
    sheet: &Sheet,
    lang: Option<Lang>,
    sheet_name: &str,
) -> Result<ImportPlan, SheetError> {
    let Some(lang) = lang.or(sheet.lang) else {
        return Err(SheetError::Format {
            path: sheet_name.into(),
            message: "which language? The id column should read 'id (fr)'; or give --lang".into(),
        });
    };
    let loaded = Lexicon::load_dir(dir);
    if let Some(e) = loaded.errors.first() {
        return Err(SheetError::Lexicon(e.clone()));
    }
    let lex = loaded.lexicon;
    let today = super::today();
    let mut plan = ImportPlan {
        lang: Some(lang),
        new_file: dir.join(lang.code()).join("terms").join("workshop.toml"),
        ..Default::default()
    };
    let mut edits: BTreeMap<String, EntryEdit> = BTreeMap::new();
    let mut taken: Vec<String> = lex.of_lang(lang).map(|e| e.entry.id.clone()).collect();
    for row in &sheet.rows {
        let id = row.get(Column::Id);
        let rn = row.row;
        let (understood, not_understood) = match row.get(Column::Understood) {
            "" => (0, 0),
            cell => parse_votes(cell).unwrap_or_else(|| {
                plan.notes.push(format!(
                    "row {rn}: cannot read the answer '{cell}' (write yes or no); not counted"
                ));
                (0, 0)
            }),
        };
        let decision = match row.get(Column::Decision) {
            "" => None,
            cell => {
                let d = parse_decision(cell);
                if d.is_none() {
                    plan.notes.push(format!(
                        "row {rn}: cannot read the decision '{cell}' (write accepted or rejected)"
                    ));
                }
                d
            }
        };
        let betters: Vec<String> = row
            .get(Column::Better)
            .split(['\n', ';'])
            .map(collapse)
            .filter(|s| !s.is_empty())
            .collect();
        let comment = collapse(row.get(Column::Comment));
        if id.is_empty() {
            let term = collapse(row.get(Column::Term));
            if term.is_empty() {
                if !(betters.is_empty() && comment.is_empty()) {
                    plan.notes
                        .push(format!("row {rn}: no id and no word; row skipped"));
                }
                continue;
            }
            let mut nid = slug(&term);
            if nid.is_empty() {
                nid = "workshop-term".into();
            }
            let base = nid.clone();
            let mut k = 2;
            while taken.contains(&nid) {
                nid = format!("{base}-{k}");
                k += 1;
            }
            taken.push(nid.clone());
            let category = row
                .get(Column::Category)
                .parse::<Category>()
                .unwrap_or(Category::Jargon);
            let mut alternatives: Vec<String> = row
                .get(Column::Alternative)
                .split(" / ")
                .map(collapse)
                .filter(|s| !s.is_empty())
                .collect();
            alternatives.extend(betters);
            if category == Category::Keep {
                alternatives.clear();
            }
            let example = collapse(row.get(Column::Example));
            plan.new_entries.push(Entry {
                id: nid,
                forms: vec![term],
                alternatives,
                explanation: collapse(row.get(Column::Explanation)),
                example: (!example.is_empty()).then_some(example),
                category,
                severity: Severity::Info,
                status: Status::Proposed,
                region: None,
                accent_sensitive: false,
                proposed_by: "expert by experience".into(),
                reviewed_by: Vec::new(),
                to_confirm_by: Vec::new(),
                source: Some(format!("workshop sheet {sheet_name}")),
                date: today.clone(),
                votes: (understood + not_understood > 0).then_some(Votes {
                    understood,
                    not_understood,
                }),
                comments: if comment.is_empty() {
                    Vec::new()
                } else {
                    vec![comment]
                },
            });
            continue;
        }
        let Some(entry) = lex.get(lang, id) else {
            plan.notes
                .push(format!("row {rn}: no entry '{id}' in {lang}; row skipped"));
            continue;
        };
        let en = &entry.entry;
        // Columns the export filled: edits there are for the team to make by hand.
        for (col, now) in [
            (Column::Term, en.term().to_string()),
            (Column::Alternative, en.alternatives.join(" / ")),
            (Column::Explanation, en.explanation.clone()),
            (Column::Example, en.example.clone().unwrap_or_default()),
        ] {
            if let Some(cell) = row.cells.get(&col)
                && collapse(cell) != collapse(&now)
            {
                plan.notes.push(format!(
                    "row {rn} ({id}): '{}' was changed to '{}'; change the file by hand if the team agrees",
                    header(col, lang),
                    collapse(cell)
                ));
            }
        }
        let edit = edits.entry(id.to_string()).or_insert_with(|| EntryEdit {
            id: id.to_string(),
            file: PathBuf::from(&entry.origin.file),
            line: entry.origin.line,
            changes: Vec::new(),
            describe: Vec::new(),
        });
        for b in betters {
            let key = fold_str(&b, false);
            let known = en.alternatives.iter().any(|a| fold_str(a, false) == key)
                || edit
                    .changes
                    .iter()
                    .any(|c| matches!(c, Change::AddAlternative(a) if fold_str(a, false) == key));
            if en.forms.iter().any(|f| fold_str(f, false) == key) {
                plan.notes.push(format!(
                    "row {rn} ({id}): '{b}' is the word itself, not an alternative; not added"
                ));
            } else if en.category == Category::Keep {
                plan.notes.push(format!(
                    "row {rn} ({id}): '{b}': a 'keep' term has no alternatives; add it to the explanation by hand"
                ));
            } else if !known {
                edit.describe.push(format!("+ alternative: \"{b}\""));
                edit.changes.push(Change::AddAlternative(b));
            }
        }
        if understood + not_understood > 0 {
            edit.changes.push(Change::AddVotes {
                understood,
                not_understood,
            });
        }
        if !comment.is_empty()
            && !en.comments.contains(&comment)
            && !edit.changes.contains(&Change::AddComment(comment.clone()))
        {
            edit.describe.push(format!("+ comment: \"{comment}\""));
            edit.changes.push(Change::AddComment(comment));
        }
        if let Some(d) = decision {
            let current = edit
                .changes
                .iter()
                .rev()
                .find_map(|c| match c {
                    Change::SetStatus(s) => Some(*s),
                    _ => None,
                })
                .unwrap_or(en.status);
            if d != current {
                edit.describe.push(format!("status: {current} -> {d}"));
                edit.changes.push(Change::SetStatus(d));
                edit.changes.push(Change::SetDate(today.clone()));
            }
        }
    }
    // Votes, summed per entry, described once.
    for edit in edits.values_mut() {
        let (u, n) = edit.changes.iter().fold((0, 0), |(u, n), c| match c {
            Change::AddVotes {
                understood,
                not_understood,
            } => (u + understood, n + not_understood),
            _ => (u, n),
        });
        if u + n > 0 {
            let before = lex
                .get(lang, &edit.id)
                .and_then(|e| e.entry.votes)
                .unwrap_or_default();
            edit.describe.push(format!(
                "votes: understood {} -> {}, not understood {} -> {}",
                before.understood,
                before.understood + u,
                before.not_understood,
                before.not_understood + n
            ));
        }
    }
    plan.edits = edits
        .into_values()
        .filter(|e| !e.changes.is_empty())
        .collect();
    plan.edits
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(plan)
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.new_entries.is_empty()
    }

    /// A readable account of the changes, entry by entry.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for e in &self.edits {
            let _ = writeln!(out, "{}:{}  {}", e.file.display(), e.line, e.id);
            for d in &e.describe {
                let _ = writeln!(out, "    {d}");
            }
        }
        for e in &self.new_entries {
            let _ = writeln!(
                out,
                "{}  + new entry {} ({}, proposed): \"{}\"",
                self.new_file.display(),
                e.id,
                e.category,
                e.term()
            );
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "notes:");
            for n in &self.notes {
                let _ = writeln!(out, "    {n}");
            }
        }
        out
    }

    /// Write the changes; returns the files written.
    pub fn apply(&self) -> Result<Vec<PathBuf>, SheetError> {
        let mut by_file: BTreeMap<&Path, Vec<&EntryEdit>> = BTreeMap::new();
        for e in &self.edits {
            by_file.entry(e.file.as_path()).or_default().push(e);
        }
        let mut written = Vec::new();
        for (file, edits) in by_file {
            let name = file.display().to_string();
            let mut text = std::fs::read_to_string(file).map_err(|source| SheetError::Io {
                path: name.clone(),
                source,
            })?;
            for e in edits {
                text = edit::apply(&text, &name, &e.id, &e.changes)?;
            }
            write_file(file, &text)?;
            written.push(file.to_path_buf());
        }
        if !self.new_entries.is_empty() {
            let file = &self.new_file;
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let out = edit::append(
                &text,
                &name,
                &edit::new_file_header(None),
                &self.new_entries,
            )?;
            write_file(file, &out)?;
            written.push(file.clone());
        }
        Ok(written)
    }
}

/// Write through a temporary file in the same folder, so a failure never leaves half a file.
fn write_file(path: &Path, text: &str) -> Result<(), SheetError> {
    let io = |source| SheetError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn votes_and_decisions() {
        assert_eq!(parse_votes("oui"), Some((1, 0)));
        assert_eq!(parse_votes("3 oui, 1 non"), Some((3, 1)));
        assert_eq!(parse_votes("ja ja nee"), Some((2, 1)));
        assert_eq!(parse_votes("Pas compris"), Some((0, 1)));
        assert_eq!(parse_votes("peut-être"), None);
        assert_eq!(parse_decision("Accepté"), Some(Status::Accepted));
        assert_eq!(parse_decision("afgewezen"), Some(Status::Rejected));
        assert_eq!(parse_decision("bof"), None);
    }

    #[test]
    fn headers_in_any_language() {
        assert_eq!(parse_header("id (nl)"), Some((Column::Id, Some(Lang::Nl))));
        assert_eq!(
            parse_header("Compris ? (oui/non)"),
            Some((Column::Understood, None))
        );
        assert_eq!(parse_header("besseres Wort"), Some((Column::Better, None)));
        assert_eq!(parse_header("status"), Some((Column::Decision, None)));
        assert_eq!(parse_header("whatever"), None);
    }

    #[test]
    fn csv_for_belgian_excel() {
        let rows = vec![
            vec!["id (fr)".to_string(), "mot".into()],
            vec!["a".into(), "x; \"y\"\nz".into()],
        ];
        let b = write_csv(&rows).unwrap();
        assert!(b.starts_with(&[0xEF, 0xBB, 0xBF]));
        let s = String::from_utf8(b[3..].to_vec()).unwrap();
        assert_eq!(s, "id (fr);mot\r\na;\"x; \"\"y\"\"\nz\"\r\n");
        assert_eq!(read_csv(&b).unwrap(), rows);
        // Windows-1252, as "CSV (separator: semicolon)" saves it.
        let ansi = b"id (fr);mot\r\na;d\xe9j\xe0\r\n";
        assert_eq!(read_csv(ansi).unwrap()[1][1], "déjà");
    }
}
