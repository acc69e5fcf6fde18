//! DOCX reader: a zip package of WordprocessingML parts, read with bounded unpacking
//! ([`crate::zipsafe`]) and a streaming, namespace-aware XML walk ([`crate::xmlutil`]).
//!
//! What comes out, in reading order:
//!
//! 1. headers of the sections (`Header`, part `word/headerN.xml`): the letter's sender often
//!    lives there. Each header part is read once, and a header whose text equals an earlier
//!    one is left out. First-page headers count only in sections with `w:titlePg`, even-page
//!    headers only with `w:evenAndOddHeaders` in the settings, as Word shows them;
//! 2. the body (`word/document.xml`): paragraphs, headings (`Heading(level)` from the
//!    paragraph style — `Heading1`, `Titre1`, `Kop1`, `berschrift1`, a style named
//!    `heading 1`, or an outline level — also through `w:basedOn`), list items (`w:numPr`,
//!    directly or through the style), table cells (`TableCell`, one block per paragraph of
//!    a cell, row by row) and text boxes (read once: `mc:Choice` is read, `mc:Fallback`
//!    skipped);
//! 3. footnotes, then endnotes (`Footnote`), numbered 1, 2, … in the order the body refers
//!    to them, as Word numbers them; notes the body never refers to are not shown by Word and
//!    are left out;
//! 4. footers (`Footer`), with the same rules as headers.
//!
//! Text rules: tracked deletions (`w:del`, `w:moveFrom`) are out, insertions in; comments
//! are out; hidden text (`w:vanish` on the run, its character style or its paragraph style)
//! is out; content controls (`w:sdt`) give their content; field codes never show: a
//! `MERGEFIELD Name` becomes the placeholder `«Name»`, other fields keep their result; a drop
//! cap (`w:framePr w:dropCap`) is joined with the next paragraph; `w:tab` is a tab, `w:br`
//! and `w:cr` a line break `\n`, `w:noBreakHyphen` a `-`, `w:softHyphen` nothing.
//!
//! Places: `Place.part` is the part name, `Place.paragraph` the 1-based number of the
//! paragraph in the part counting every paragraph mark Word shows (empty paragraphs and
//! table-cell paragraphs included); a text box's paragraphs carry the number of the paragraph
//! that anchors the text box; a note's paragraphs are numbered within the note (`Place.note`).
//! `Place.table` is `(table, row, cell)`, tables numbered in document order within the part.

use crate::office::{self, Clock, Draft, PartBlocks, TextBuf};
use crate::xmlutil::{Elem, Ev, Nesting, Ns, Xml};
use crate::zipsafe::{self, Package};
use crate::{Limits, ReadError};
use plainly_text::document::Place;
use plainly_text::{BlockKind, Document, Lang};
use std::collections::{HashMap, HashSet};

/// Longest field instruction kept (field codes are short; the rest is dropped).
const MAX_INSTR: usize = 4096;
/// Longest `w:basedOn` chain followed.
const MAX_STYLE_CHAIN: usize = 32;

/// Read a DOCX file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if zipsafe::is_encrypted_ooxml(bytes) {
        return Err(ReadError::Encrypted);
    }
    if zipsafe::is_cfb(bytes) {
        // A legacy Word file (.doc) or another OLE file given as .docx.
        return Err(ReadError::WrongFormat { expected: "DOCX" });
    }
    let clock = Clock::new(limits);
    let mut pkg = Package::open(bytes, limits, "DOCX")?;

    let main = main_part(&mut pkg, &clock)?;
    if !pkg.has(&main) {
        return Err(ReadError::WrongFormat { expected: "DOCX" });
    }
    let rels = read_rels(&mut pkg, &main, &clock)?;

    let styles = match rels.first_of("styles") {
        Some(p) => match pkg.read(&p)? {
            Some(xml) => Styles::parse(&xml, &p, &clock)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let even_and_odd = match rels.first_of("settings") {
        Some(p) => match pkg.read(&p)? {
            Some(xml) => even_and_odd_headers(&xml, &p, &clock)?,
            None => false,
        },
        None => false,
    };
    clock.check()?;

    // The body.
    let Some(xml) = pkg.read(&main)? else {
        return Err(ReadError::WrongFormat { expected: "DOCX" });
    };
    let mut body = Walker::new(&styles, PartKind::Body, HashMap::new());
    body.walk(&xml, &main, &clock)?;
    drop(xml);
    clock.check()?;
    let body_blocks = PartBlocks::new(&main, std::mem::take(&mut body.drafts));

    // Headers and footers, in the order the sections refer to them.
    let mut headers: Vec<PartBlocks> = Vec::new();
    let mut footers: Vec<PartBlocks> = Vec::new();
    let mut seen_parts: HashSet<String> = HashSet::new();
    let mut seen_texts: HashSet<(bool, String)> = HashSet::new();
    for section in &body.sections {
        for r in &section.refs {
            let shown = match r.kind.as_str() {
                "first" => section.title_page,
                "even" => even_and_odd,
                _ => true,
            };
            if !shown {
                continue;
            }
            let Some(target) = rels.target(&r.id) else {
                continue;
            };
            if !seen_parts.insert(target.clone()) {
                continue;
            }
            let Some(xml) = pkg.read(&target)? else {
                continue;
            };
            let kind = if r.footer {
                PartKind::Footer
            } else {
                PartKind::Header
            };
            let mut w = Walker::new(&styles, kind, HashMap::new());
            w.walk(&xml, &target, &clock)?;
            clock.check()?;
            let blocks = PartBlocks::new(&target, w.drafts);
            let joined = blocks.joined();
            if joined.is_empty() || !seen_texts.insert((r.footer, joined)) {
                continue;
            }
            if r.footer {
                footers.push(blocks);
            } else {
                headers.push(blocks);
            }
        }
    }

    // Footnotes and endnotes, numbered in the order of their references.
    let mut notes: Vec<PartBlocks> = Vec::new();
    for (rel, kind, ids) in [
        ("footnotes", PartKind::Footnotes, &body.footnote_refs),
        ("endnotes", PartKind::Endnotes, &body.endnote_refs),
    ] {
        if ids.is_empty() {
            continue;
        }
        let Some(part) = rels.first_of(rel) else {
            continue;
        };
        let Some(xml) = pkg.read(&part)? else {
            continue;
        };
        let numbers: HashMap<String, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), u32::try_from(i + 1).unwrap_or(u32::MAX)))
            .collect();
        let mut w = Walker::new(&styles, kind, numbers);
        w.walk(&xml, &part, &clock)?;
        clock.check()?;
        let mut drafts = w.drafts;
        drafts.sort_by_key(|d| d.place.note);
        notes.push(PartBlocks::new(&part, drafts));
    }

    let declared = declared_lang(body.lang_weight, body.untagged, styles.default_lang);

    let mut parts = headers;
    parts.push(body_blocks);
    parts.extend(notes);
    parts.extend(footers);
    office::assemble("docx", parts, declared, limits)
}

/// The document language: the language of most text, runs without `w:lang` counting for the
/// default language of `styles.xml` (`w:docDefaults`).
fn declared_lang(
    mut all: HashMap<Lang, usize>,
    untagged: usize,
    default: Option<Lang>,
) -> Option<Lang> {
    if let Some(d) = default {
        *all.entry(d).or_insert(0) += untagged;
    }
    let best = Lang::ALL
        .iter()
        .filter_map(|l| all.get(l).map(|w| (*l, *w)))
        .max_by_key(|(_, w)| *w);
    match best {
        Some((l, w)) if w > 0 => Some(l),
        _ => default,
    }
}

/// The main document part named by `_rels/.rels`, or `word/document.xml`.
fn main_part(pkg: &mut Package, clock: &Clock) -> Result<String, ReadError> {
    let default = "word/document.xml".to_string();
    let Some(xml) = pkg.read("_rels/.rels")? else {
        return Ok(default);
    };
    let rels = Rels::parse(&xml, "_rels/.rels", "", clock)?;
    Ok(rels.first_of("officeDocument").unwrap_or(default))
}

/// Relationships of a part: id → (type suffix, resolved target part).
#[derive(Debug, Default)]
struct Rels {
    /// (id, type suffix, target) in document order.
    list: Vec<(String, String, String)>,
    by_id: HashMap<String, String>,
}

impl Rels {
    fn parse(xml: &[u8], name: &str, base_dir: &str, clock: &Clock) -> Result<Rels, ReadError> {
        let mut x = Xml::new(xml, name, clock);
        let mut rels = Rels::default();
        loop {
            match x.next()? {
                Ev::Start(e) | Ev::Empty(e) if e.name == "Relationship" => {
                    if e.attr_any("TargetMode") == Some("External") {
                        continue;
                    }
                    let (Some(id), Some(ty), Some(target)) =
                        (e.attr_any("Id"), e.attr_any("Type"), e.attr_any("Target"))
                    else {
                        continue;
                    };
                    let ty = ty.rsplit('/').next().unwrap_or_default().to_string();
                    let target = resolve_target(base_dir, target);
                    rels.by_id
                        .entry(id.to_string())
                        .or_insert_with(|| target.clone());
                    rels.list.push((id.to_string(), ty, target));
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        Ok(rels)
    }

    fn first_of(&self, ty: &str) -> Option<String> {
        self.list
            .iter()
            .find(|(_, t, _)| t == ty)
            .map(|(_, _, p)| p.clone())
    }

    fn target(&self, id: &str) -> Option<String> {
        self.by_id.get(id).cloned()
    }
}

fn read_rels(pkg: &mut Package, part: &str, clock: &Clock) -> Result<Rels, ReadError> {
    let (dir, file) = match part.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", part),
    };
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    match pkg.read(&rels_name)? {
        Some(xml) => Rels::parse(&xml, &rels_name, dir, clock),
        None => Ok(Rels::default()),
    }
}

/// Resolve a relationship target against the folder of its source part.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let mut segs: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for s in target.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

fn even_and_odd_headers(xml: &[u8], name: &str, clock: &Clock) -> Result<bool, ReadError> {
    let mut x = Xml::new(xml, name, clock);
    loop {
        match x.next()? {
            Ev::Start(e) | Ev::Empty(e) if e.is(Ns::W, "evenAndOddHeaders") => return Ok(e.on()),
            Ev::Eof => return Ok(false),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Styles

#[derive(Debug, Default, Clone)]
struct StyleDef {
    /// Lower-cased `w:name`.
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: Option<bool>,
    hidden: Option<bool>,
}

/// What the reader needs from `styles.xml`.
#[derive(Debug, Default)]
struct Styles {
    defs: HashMap<String, StyleDef>,
    default_para: Option<String>,
    default_lang: Option<Lang>,
}

impl Styles {
    fn parse(xml: &[u8], name: &str, clock: &Clock) -> Result<Styles, ReadError> {
        let mut x = Xml::new(xml, name, clock);
        let mut styles = Styles::default();
        // Local names of the open W elements.
        let mut path: Vec<String> = Vec::new();
        let mut current: Option<(String, StyleDef)> = None;
        loop {
            let (e, empty) = match x.next()? {
                Ev::Start(e) => (e, false),
                Ev::Empty(e) => (e, true),
                Ev::End => {
                    if path.pop().as_deref() == Some("style")
                        && let Some((id, def)) = current.take()
                    {
                        styles.defs.insert(id, def);
                    }
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => break,
            };
            let name = if e.ns == Ns::W { e.name.as_str() } else { "" };
            let parent = path.last().map(String::as_str).unwrap_or_default();
            let grand = path
                .len()
                .checked_sub(2)
                .and_then(|i| path.get(i))
                .map(String::as_str)
                .unwrap_or_default();
            let val = e.attr(Ns::W, "val");
            match (name, parent) {
                ("style", _) => {
                    let id = e.attr(Ns::W, "styleId").unwrap_or_default().to_string();
                    if e.attr(Ns::W, "type") == Some("paragraph")
                        && matches!(e.attr(Ns::W, "default"), Some("1" | "true" | "on"))
                    {
                        styles.default_para = Some(id.clone());
                    }
                    current = Some((id, StyleDef::default()));
                }
                ("name", "style") => {
                    if let Some((_, d)) = current.as_mut() {
                        d.name = val.unwrap_or_default().to_lowercase();
                    }
                }
                ("basedOn", "style") => {
                    if let Some((_, d)) = current.as_mut() {
                        d.based_on = val.map(str::to_string);
                    }
                }
                ("outlineLvl", "pPr") if grand == "style" => {
                    if let Some((_, d)) = current.as_mut() {
                        d.outline = val.and_then(|v| v.parse().ok());
                    }
                }
                ("numId", "numPr") => {
                    if let Some((_, d)) = current.as_mut() {
                        d.numbered = Some(val != Some("0"));
                    }
                }
                ("vanish", "rPr") if grand == "style" => {
                    if let Some((_, d)) = current.as_mut() {
                        d.hidden = Some(e.on());
                    }
                }
                ("lang", "rPr") if grand == "rPrDefault" => {
                    styles.default_lang = val.and_then(|v| v.parse().ok());
                }
                _ => {}
            }
            if !empty {
                path.push(name.to_string());
            } else if name == "style"
                && let Some((id, def)) = current.take()
            {
                styles.defs.insert(id, def);
            }
        }
        Ok(styles)
    }

    /// The style and its `w:basedOn` ancestors.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = (&'a str, &'a StyleDef)> {
        let mut next = id.or(self.default_para.as_deref());
        let mut n = 0;
        std::iter::from_fn(move || {
            if n >= MAX_STYLE_CHAIN {
                return None;
            }
            n += 1;
            let id = next?;
            let def = self.defs.get(id)?;
            next = def.based_on.as_deref();
            Some((id, def))
        })
    }

    fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for (sid, def) in self.chain(id) {
            if let Some(o) = def.outline {
                return (o < 9).then_some(o + 1);
            }
            if let Some(l) = heading_from_name(sid).or_else(|| heading_from_name(&def.name)) {
                return Some(l);
            }
        }
        None
    }

    fn numbered(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .find_map(|(_, d)| d.numbered)
            .unwrap_or(false)
    }

    fn hidden(&self, id: Option<&str>) -> bool {
        self.chain(id).find_map(|(_, d)| d.hidden).unwrap_or(false)
    }

    /// Hidden through a character style (no default style applies).
    fn char_hidden(&self, id: &str) -> bool {
        self.chain(Some(id))
            .find_map(|(_, d)| d.hidden)
            .unwrap_or(false)
    }
}

/// Heading level from a style id or name: `Heading1`, `heading 1`, `Titre1`, `Kop1`,
/// `berschrift1` (Word drops the `Ü` from the id), `Überschrift 1`.
fn heading_from_name(name: &str) -> Option<u8> {
    let compact: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let digit = compact.chars().last()?;
    let level = u8::try_from(digit.to_digit(10)?).ok()?;
    if !(1..=9).contains(&level) {
        return None;
    }
    let stem = compact.get(..compact.len() - 1)?;
    matches!(
        stem,
        "heading" | "titre" | "kop" | "berschrift" | "überschrift"
    )
    .then_some(level)
}

// ---------------------------------------------------------------------------------------
// The walk over a story part (body, header, footer, notes)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Body,
    Header,
    Footer,
    Footnotes,
    Endnotes,
}

/// Open elements the walk cares about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    Instr,
    Tbl,
    Tr,
    TrPr,
    Tc,
    Txbx,
    Alt,
    SectPr,
    Note,
    Other,
}

#[derive(Debug)]
struct Para {
    buf: TextBuf,
    number: u32,
    style: Option<String>,
    numbered: Option<bool>,
    outline: Option<u8>,
    drop_cap: bool,
    table: Option<(u32, u32, u32)>,
    deleted: bool,
}

#[derive(Debug)]
struct Run {
    hidden: bool,
    lang: Option<String>,
    start: usize,
}

#[derive(Debug)]
struct TableCtx {
    index: u32,
    row: u32,
    cell: u32,
    row_deleted: bool,
    /// Text-box depth the table lives at: a text box inside a cell is not the cell.
    txbx: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Code,
    Result,
}

#[derive(Debug)]
struct Field {
    instr: String,
    phase: Phase,
    /// A merge field: its result is replaced by `«Name»`.
    merge: bool,
}

#[derive(Debug)]
struct HeaderRef {
    footer: bool,
    kind: String,
    id: String,
}

#[derive(Debug, Default)]
struct Section {
    refs: Vec<HeaderRef>,
    title_page: bool,
}

struct Walker<'s> {
    styles: &'s Styles,
    kind: PartKind,
    drafts: Vec<Draft>,
    nest: Nesting<Tag>,
    paras: Vec<Para>,
    runs: Vec<Run>,
    tables: Vec<TableCtx>,
    table_count: u32,
    para_count: u32,
    txbx: usize,
    alts: Vec<bool>,
    fields: Vec<Field>,
    /// Open fields whose text is not shown: in their code part, or merge fields (their
    /// result is replaced by the placeholder). Kept as a count so that visibility is O(1).
    fields_hiding: usize,
    /// Pending drop cap: its text and paragraph number.
    drop: Option<(String, u32)>,
    /// Notes parts: note id → number; the note being read.
    note_numbers: HashMap<String, u32>,
    note: Option<u32>,
    // Collected from the body.
    sections: Vec<Section>,
    footnote_refs: Vec<String>,
    endnote_refs: Vec<String>,
    seen_refs: HashSet<(bool, String)>,
    lang_weight: HashMap<Lang, usize>,
    untagged: usize,
}

impl<'s> Walker<'s> {
    fn new(styles: &'s Styles, kind: PartKind, note_numbers: HashMap<String, u32>) -> Self {
        Walker {
            styles,
            kind,
            drafts: Vec::new(),
            nest: Nesting::new(),
            paras: Vec::new(),
            runs: Vec::new(),
            tables: Vec::new(),
            table_count: 0,
            para_count: 0,
            txbx: 0,
            alts: Vec::new(),
            fields: Vec::new(),
            fields_hiding: 0,
            drop: None,
            note_numbers,
            note: None,
            sections: Vec::new(),
            footnote_refs: Vec::new(),
            endnote_refs: Vec::new(),
            seen_refs: HashSet::new(),
            lang_weight: HashMap::new(),
            untagged: 0,
        }
    }

    fn walk(&mut self, xml: &[u8], name: &str, clock: &Clock) -> Result<(), ReadError> {
        let mut x = Xml::new(xml, name, clock);
        loop {
            match x.next()? {
                Ev::Start(e) => self.start(&e, false),
                Ev::Empty(e) => self.start(&e, true),
                Ev::End => self.end(),
                Ev::Text(t) => self.text(&t),
                Ev::Eof => break,
            }
        }
        // A drop cap with nothing after it stays a paragraph of its own.
        if let Some((text, number)) = self.drop.take() {
            self.push_draft(self.body_kind(None, None, None), text, number, None);
        }
        Ok(())
    }

    fn parent(&self) -> Option<Tag> {
        self.nest.parent()
    }

    fn skip_element(&mut self, empty: bool) {
        self.nest.skip(empty);
    }

    fn start(&mut self, e: &Elem, empty: bool) {
        if self.nest.start_skipped(empty) {
            return;
        }
        let parent = self.parent();
        let tag = match e.ns {
            Ns::Mc => match e.name.as_str() {
                "AlternateContent" => {
                    self.alts.push(false);
                    Tag::Alt
                }
                "Choice" => {
                    if let Some(taken) = self.alts.last_mut() {
                        if *taken {
                            return self.skip_element(empty);
                        }
                        *taken = true;
                    }
                    Tag::Other
                }
                "Fallback" => return self.skip_element(empty),
                _ => Tag::Other,
            },
            Ns::W => match self.start_w(e, parent, empty) {
                Some(tag) => tag,
                None => return,
            },
            _ => Tag::Other,
        };
        if empty {
            self.close(tag);
        } else {
            self.nest.open(tag);
        }
    }

    /// Handle a WordprocessingML start; `None` when the element is skipped.
    fn start_w(&mut self, e: &Elem, parent: Option<Tag>, empty: bool) -> Option<Tag> {
        let val = e.attr(Ns::W, "val");
        let tag = match e.name.as_str() {
            "p" => {
                self.start_para();
                Tag::P
            }
            "pPr" if parent == Some(Tag::P) => Tag::PPr,
            "pStyle" if parent == Some(Tag::PPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = val.map(str::to_string);
                }
                Tag::Other
            }
            "numPr" if parent == Some(Tag::PPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.numbered = Some(true);
                }
                Tag::NumPr
            }
            "numId" if parent == Some(Tag::NumPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.numbered = Some(val != Some("0"));
                }
                Tag::Other
            }
            "outlineLvl" if parent == Some(Tag::PPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = val.and_then(|v| v.parse().ok());
                }
                Tag::Other
            }
            "framePr" if parent == Some(Tag::PPr) => {
                if let Some(p) = self.paras.last_mut() {
                    p.drop_cap = matches!(e.attr(Ns::W, "dropCap"), Some(v) if v != "none");
                }
                Tag::Other
            }
            // Paragraph-mark properties and recorded property changes carry no text.
            "rPr" if parent == Some(Tag::PPr) => {
                self.skip_element(empty);
                return None;
            }
            "pPrChange" | "rPrChange" | "sectPrChange" | "tblPrChange" | "trPrChange"
            | "tcPrChange" | "tblGridChange" | "numberingChange" => {
                self.skip_element(empty);
                return None;
            }
            "r" => {
                let hidden = self
                    .paras
                    .last()
                    .is_some_and(|p| self.styles.hidden(p.style.as_deref()));
                let start = self.paras.last().map_or(0, |p| p.buf.text.len());
                self.runs.push(Run {
                    hidden,
                    lang: None,
                    start,
                });
                Tag::R
            }
            "rPr" if parent == Some(Tag::R) => Tag::RPr,
            "rStyle" if parent == Some(Tag::RPr) => {
                if let (Some(id), Some(r)) = (val, self.runs.last_mut())
                    && self.styles.char_hidden(id)
                {
                    r.hidden = true;
                }
                Tag::Other
            }
            "vanish" if parent == Some(Tag::RPr) => {
                if let Some(r) = self.runs.last_mut() {
                    r.hidden = e.on();
                }
                Tag::Other
            }
            "lang" if parent == Some(Tag::RPr) => {
                if let Some(r) = self.runs.last_mut() {
                    r.lang = val.map(str::to_string);
                }
                Tag::Other
            }
            "t" if parent == Some(Tag::R) => Tag::T,
            "instrText" if parent == Some(Tag::R) => Tag::Instr,
            "delText" | "delInstrText" => {
                self.skip_element(empty);
                return None;
            }
            "tab" | "ptab" if parent == Some(Tag::R) => {
                self.push_visible("\t");
                Tag::Other
            }
            "br" | "cr" if parent == Some(Tag::R) => {
                self.push_visible("\n");
                Tag::Other
            }
            "noBreakHyphen" if parent == Some(Tag::R) => {
                self.push_visible("-");
                Tag::Other
            }
            "fldChar" if parent == Some(Tag::R) => {
                self.field_char(e.attr(Ns::W, "fldCharType").unwrap_or_default());
                Tag::Other
            }
            "fldSimple" => {
                let instr = e.attr(Ns::W, "instr").unwrap_or_default();
                if let Some(name) = merge_field_name(instr) {
                    self.push_visible(&format!("«{name}»"));
                    self.skip_element(empty);
                    return None;
                }
                Tag::Other
            }
            "del" | "moveFrom" => {
                if parent == Some(Tag::TrPr) {
                    if let Some(t) = self.tables.last_mut() {
                        t.row_deleted = true;
                    }
                    Tag::Other
                } else {
                    self.skip_element(empty);
                    return None;
                }
            }
            "footnoteReference" | "endnoteReference" if self.kind == PartKind::Body => {
                let foot = e.name == "footnoteReference";
                if let Some(id) = e.attr(Ns::W, "id")
                    && self.seen_refs.insert((foot, id.to_string()))
                {
                    if foot {
                        self.footnote_refs.push(id.to_string());
                    } else {
                        self.endnote_refs.push(id.to_string());
                    }
                }
                Tag::Other
            }
            "footnote" | "endnote"
                if matches!(self.kind, PartKind::Footnotes | PartKind::Endnotes) =>
            {
                let number = e
                    .attr(Ns::W, "id")
                    .and_then(|id| self.note_numbers.get(id).copied());
                let special = matches!(
                    e.attr(Ns::W, "type"),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                );
                match number {
                    Some(n) if !special => {
                        self.note = Some(n);
                        self.para_count = 0;
                        Tag::Note
                    }
                    _ => {
                        self.skip_element(empty);
                        return None;
                    }
                }
            }
            "tbl" => {
                self.table_count += 1;
                self.tables.push(TableCtx {
                    index: self.table_count,
                    row: 0,
                    cell: 0,
                    row_deleted: false,
                    txbx: self.txbx,
                });
                Tag::Tbl
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row += 1;
                    t.cell = 0;
                    t.row_deleted = false;
                }
                Tag::Tr
            }
            "trPr" if parent == Some(Tag::Tr) => Tag::TrPr,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell += 1;
                }
                Tag::Tc
            }
            "txbxContent" => {
                self.txbx += 1;
                Tag::Txbx
            }
            // Content-control properties hold placeholders and list entries, not content.
            "sdtPr" | "sdtEndPr" | "fldData" | "ffData" => {
                self.skip_element(empty);
                return None;
            }
            "sectPr" => {
                self.sections.push(Section::default());
                Tag::SectPr
            }
            "headerReference" | "footerReference" if parent == Some(Tag::SectPr) => {
                if let (Some(s), Some(id)) = (self.sections.last_mut(), e.attr(Ns::R, "id")) {
                    s.refs.push(HeaderRef {
                        footer: e.name == "footerReference",
                        kind: e.attr(Ns::W, "type").unwrap_or("default").to_string(),
                        id: id.to_string(),
                    });
                }
                Tag::Other
            }
            "titlePg" if parent == Some(Tag::SectPr) => {
                if let Some(s) = self.sections.last_mut() {
                    s.title_page = e.on();
                }
                Tag::Other
            }
            _ => Tag::Other,
        };
        Some(tag)
    }

    fn end(&mut self) {
        if let Some(tag) = self.nest.end() {
            self.close(tag);
        }
    }

    fn close(&mut self, tag: Tag) {
        match tag {
            Tag::P => self.finish_para(),
            Tag::R => {
                if let Some(run) = self.runs.pop() {
                    let added = self
                        .paras
                        .last()
                        .map_or(0, |p| p.buf.text.len().saturating_sub(run.start));
                    match run.lang.as_deref().map(str::parse::<Lang>) {
                        Some(Ok(l)) => *self.lang_weight.entry(l).or_insert(0) += added,
                        Some(Err(_)) => {}
                        None => self.untagged += added,
                    }
                }
            }
            Tag::Tbl => {
                self.tables.pop();
            }
            Tag::Txbx => self.txbx = self.txbx.saturating_sub(1),
            Tag::Alt => {
                self.alts.pop();
            }
            Tag::Note => self.note = None,
            Tag::PPr
            | Tag::NumPr
            | Tag::RPr
            | Tag::T
            | Tag::Instr
            | Tag::Tr
            | Tag::TrPr
            | Tag::Tc
            | Tag::SectPr
            | Tag::Other => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.nest.skipping() {
            return;
        }
        match self.parent() {
            Some(Tag::T) => self.push_visible(t),
            Some(Tag::Instr) => {
                if let Some(f) = self.fields.last_mut()
                    && f.phase == Phase::Code
                    && f.instr.len() < MAX_INSTR
                {
                    f.instr.push_str(t);
                }
            }
            _ => {}
        }
    }

    fn visible(&self) -> bool {
        !self.runs.last().is_some_and(|r| r.hidden) && self.fields_hiding == 0
    }

    fn push_visible(&mut self, s: &str) {
        if self.visible()
            && let Some(p) = self.paras.last_mut()
        {
            p.buf.push_str(s);
        }
    }

    fn field_char(&mut self, kind: &str) {
        match kind {
            "begin" => {
                self.fields.push(Field {
                    instr: String::new(),
                    phase: Phase::Code,
                    merge: false,
                });
                self.fields_hiding += 1;
            }
            "separate" => {
                let Some(f) = self.fields.last_mut() else {
                    return;
                };
                if f.phase != Phase::Code {
                    return;
                }
                f.phase = Phase::Result;
                self.fields_hiding = self.fields_hiding.saturating_sub(1);
                if let Some(name) = merge_field_name(&f.instr) {
                    f.merge = true;
                    // The placeholder shows when the enclosing fields show their results.
                    self.push_visible(&format!("«{name}»"));
                    self.fields_hiding += 1;
                }
            }
            "end" => {
                let Some(f) = self.fields.pop() else {
                    return;
                };
                if f.phase == Phase::Code || f.merge {
                    self.fields_hiding = self.fields_hiding.saturating_sub(1);
                }
                if f.phase == Phase::Code
                    && let Some(name) = merge_field_name(&f.instr)
                {
                    self.push_visible(&format!("«{name}»"));
                }
            }
            _ => {}
        }
    }

    fn start_para(&mut self) {
        let number = if self.txbx > 0 {
            // A text box's paragraphs belong to the paragraph that anchors the text box.
            self.paras.first().map_or(self.para_count, |p| p.number)
        } else {
            self.para_count += 1;
            self.para_count
        };
        let (table, deleted) = match self.tables.last() {
            Some(t) if t.txbx == self.txbx => (Some((t.index, t.row, t.cell)), t.row_deleted),
            _ => (None, false),
        };
        self.paras.push(Para {
            buf: TextBuf::new(),
            number,
            style: None,
            numbered: None,
            outline: None,
            drop_cap: false,
            table,
            deleted,
        });
    }

    fn body_kind(
        &self,
        table: Option<(u32, u32, u32)>,
        style: Option<&str>,
        para: Option<&Para>,
    ) -> BlockKind {
        match self.kind {
            PartKind::Header => BlockKind::Header,
            PartKind::Footer => BlockKind::Footer,
            PartKind::Footnotes | PartKind::Endnotes => BlockKind::Footnote,
            PartKind::Body => {
                if table.is_some() {
                    return BlockKind::TableCell;
                }
                let outline = para.and_then(|p| p.outline);
                let level = match outline {
                    Some(o) => (o < 9).then_some(o + 1),
                    None => self.styles.heading_level(style),
                };
                if let Some(l) = level {
                    return BlockKind::Heading(l);
                }
                let numbered = para
                    .and_then(|p| p.numbered)
                    .unwrap_or_else(|| self.styles.numbered(style));
                if numbered {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                }
            }
        }
    }

    fn finish_para(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        if p.deleted {
            return;
        }
        if p.drop_cap {
            let t = p.buf.text.trim();
            if !t.is_empty() {
                match self.drop.as_mut() {
                    Some((d, _)) => d.push_str(t),
                    None => self.drop = Some((t.to_string(), p.number)),
                }
            }
            return;
        }
        let kind = self.body_kind(p.table, p.style.as_deref(), Some(&p));
        let mut text = p.buf.text;
        let mut number = p.number;
        if text.trim().is_empty() {
            return;
        }
        if let Some((d, n)) = self.drop.take() {
            text = format!("{d}{}", text.trim_start());
            number = n;
        }
        self.push_draft(kind, text, number, p.table);
    }

    fn push_draft(
        &mut self,
        kind: BlockKind,
        text: String,
        number: u32,
        table: Option<(u32, u32, u32)>,
    ) {
        let Some(text) = office::finish_text(&text) else {
            return;
        };
        self.drafts.push(Draft {
            kind,
            text,
            place: Place {
                paragraph: Some(number),
                table,
                note: self.note,
                ..Place::default()
            },
        });
    }
}

/// The field name of a `MERGEFIELD` instruction: `MERGEFIELD  Nom \* MERGEFORMAT` → `Nom`,
/// `MERGEFIELD "Date de naissance"` → `Date de naissance`.
fn merge_field_name(instr: &str) -> Option<String> {
    let s = instr.trim_start();
    let keyword = s.get(..10)?;
    if !keyword.eq_ignore_ascii_case("MERGEFIELD") {
        return None;
    }
    let rest = s.get(10..)?.trim_start();
    let name = if let Some(q) = rest.strip_prefix('"') {
        q.split('"').next().unwrap_or_default()
    } else {
        rest.split_whitespace().next().unwrap_or_default()
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names() {
        assert_eq!(heading_from_name("Heading1"), Some(1));
        assert_eq!(heading_from_name("heading 3"), Some(3));
        assert_eq!(heading_from_name("Titre2"), Some(2));
        assert_eq!(heading_from_name("Kop4"), Some(4));
        assert_eq!(heading_from_name("berschrift1"), Some(1));
        assert_eq!(heading_from_name("Überschrift 2"), Some(2));
        assert_eq!(heading_from_name("Heading"), None);
        assert_eq!(heading_from_name("Normal"), None);
        assert_eq!(heading_from_name("1"), None);
    }

    #[test]
    fn merge_field_names() {
        assert_eq!(
            merge_field_name(" MERGEFIELD  Nom \\* MERGEFORMAT "),
            Some("Nom".into())
        );
        assert_eq!(
            merge_field_name("mergefield \"Date de naissance\""),
            Some("Date de naissance".into())
        );
        assert_eq!(merge_field_name(" PAGE "), None);
        assert_eq!(merge_field_name("MERGEFIELD"), None);
    }

    #[test]
    fn targets_resolve() {
        assert_eq!(resolve_target("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_target("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    }
}
