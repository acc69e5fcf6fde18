//! ODT reader: an OpenDocument text package, read with bounded unpacking
//! ([`crate::zipsafe`]) and a streaming, namespace-aware XML walk ([`crate::xmlutil`]).
//!
//! What comes out, in reading order:
//!
//! 1. headers of the master pages in `styles.xml` (`Header`; a header whose text equals an
//!    earlier one is left out; headers switched off with `style:display="false"` too);
//! 2. the body of `content.xml`: paragraphs (`text:p`), headings (`text:h`, level from
//!    `text:outline-level`), list items (paragraphs inside `text:list-item`), table cells
//!    (`TableCell`, one block per paragraph, row by row) and text-box paragraphs;
//! 3. footnotes, then endnotes (`Footnote`, numbered per class in order of appearance),
//!    taken out of the paragraph that cites them;
//! 4. footers of the master pages (`Footer`).
//!
//! Text rules: tracked changes (`text:tracked-changes`, which holds the deleted text) are
//! out; annotations (`office:annotation`) are out; hidden text is out: `text:hidden-text`,
//! paragraphs carrying a `text:hidden-paragraph` field, sections and spans or paragraphs
//! whose style (or parent style) has `text:display="none"`. `text:s` gives spaces,
//! `text:tab` a tab, `text:line-break` a `\n`; other white space collapses as ODF says.
//! A database field (`text:database-display`) becomes the placeholder `«column»`.
//!
//! Places: `Place.part` is `content.xml` or `styles.xml`; `Place.paragraph` counts every
//! `text:p`/`text:h` of the body in document order (empty ones and table-cell paragraphs
//! included); text-box paragraphs carry the number of their anchor paragraph; a note's
//! paragraphs are numbered within the note; a header's or footer's within it.
//! A package with `manifest:encryption-data` is [`ReadError::Encrypted`].

use crate::office::{self, Clock, Draft, PartBlocks, TextBuf};
use crate::xmlutil::{Elem, Ev, Nesting, Ns, Xml};
use crate::zipsafe::{self, Package};
use crate::{Limits, ReadError};
use plainly_text::document::Place;
use plainly_text::{BlockKind, Document, Lang};
use std::collections::{HashMap, HashSet};

const CONTENT: &str = "content.xml";
const STYLES: &str = "styles.xml";
/// Longest `style:parent-style-name` chain followed.
const MAX_STYLE_CHAIN: usize = 32;
/// Most spaces one `text:s` gives.
const MAX_SPACES: usize = 1000;

/// Read an ODT file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if zipsafe::is_cfb(bytes) {
        return Err(ReadError::WrongFormat { expected: "ODT" });
    }
    let clock = Clock::new(limits);
    let mut pkg = Package::open(bytes, limits, "ODT")?;

    if let Some(m) = pkg.read("mimetype")? {
        let m = String::from_utf8_lossy(&m);
        if !m
            .trim()
            .starts_with("application/vnd.oasis.opendocument.text")
        {
            return Err(ReadError::WrongFormat { expected: "ODT" });
        }
    }
    if let Some(manifest) = pkg.read("META-INF/manifest.xml")?
        && manifest_encrypted(&manifest, &clock)?
    {
        return Err(ReadError::Encrypted);
    }
    let Some(content) = pkg.read(CONTENT)? else {
        return Err(ReadError::WrongFormat { expected: "ODT" });
    };
    let styles_xml = pkg.read(STYLES)?;

    let mut styles = Styles::default();
    if let Some(sx) = &styles_xml {
        styles.parse(sx, STYLES, Scope::Styles, &clock)?;
    }
    styles.parse(&content, CONTENT, Scope::Content, &clock)?;
    clock.check()?;

    // Headers and footers of the master pages.
    let mut headers: Vec<PartBlocks> = Vec::new();
    let mut footers: Vec<PartBlocks> = Vec::new();
    if let Some(sx) = &styles_xml {
        let mut w = Walker::new(&styles, Scope::Styles);
        w.walk(sx, STYLES, &clock)?;
        let mut seen: HashSet<(bool, String)> = HashSet::new();
        for (kind, drafts) in w.regions {
            let blocks = PartBlocks::new(STYLES, drafts);
            let footer = kind == BlockKind::Footer;
            let joined = blocks.joined();
            if joined.is_empty() || !seen.insert((footer, joined)) {
                continue;
            }
            if footer {
                footers.push(blocks);
            } else {
                headers.push(blocks);
            }
        }
        clock.check()?;
    }
    drop(styles_xml);

    let mut w = Walker::new(&styles, Scope::Content);
    w.walk(&content, CONTENT, &clock)?;
    clock.check()?;

    let mut lang = styles.default_lang;
    if lang.is_none()
        && let Some(meta) = pkg.read("meta.xml")?
    {
        lang = meta_language(&meta, &clock)?;
    }

    let mut parts = headers;
    parts.push(PartBlocks::new(CONTENT, w.body));
    parts.push(PartBlocks::new(CONTENT, w.footnotes));
    parts.push(PartBlocks::new(CONTENT, w.endnotes));
    parts.extend(footers);
    office::assemble("odt", parts, lang, limits)
}

fn manifest_encrypted(xml: &[u8], clock: &Clock) -> Result<bool, ReadError> {
    let mut x = Xml::new(xml, "META-INF/manifest.xml", clock);
    loop {
        match x.next()? {
            Ev::Start(e) | Ev::Empty(e) if e.name == "encryption-data" => return Ok(true),
            Ev::Eof => return Ok(false),
            _ => {}
        }
    }
}

fn meta_language(xml: &[u8], clock: &Clock) -> Result<Option<Lang>, ReadError> {
    let mut x = Xml::new(xml, "meta.xml", clock);
    let mut inside = false;
    loop {
        match x.next()? {
            Ev::Start(e) => inside = e.is(Ns::Dc, "language"),
            Ev::Text(t) if inside => return Ok(t.trim().parse().ok()),
            Ev::End => inside = false,
            Ev::Eof => return Ok(None),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Styles

/// Which automatic styles apply: those of `content.xml` to the body, those of `styles.xml`
/// to headers and footers. Common styles (`office:styles`) apply to both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Content,
    Styles,
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    parent: Option<String>,
    hidden: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles {
    /// (family, name) → definition.
    common: HashMap<(String, String), StyleDef>,
    auto_styles: HashMap<(String, String), StyleDef>,
    auto_content: HashMap<(String, String), StyleDef>,
    default_lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Common,
    Auto,
}

impl Styles {
    fn parse(
        &mut self,
        xml: &[u8],
        name: &str,
        scope: Scope,
        clock: &Clock,
    ) -> Result<(), ReadError> {
        let mut x = Xml::new(xml, name, clock);
        let mut section = Section::None;
        let mut depth = 0usize;
        let mut section_depth = 0usize;
        // The style being read: key, definition, depth of its element.
        let mut current: Option<((String, String), StyleDef, usize)> = None;
        // Depth of an open `style:default-style` of the paragraph family.
        let mut default_para: Option<usize> = None;
        loop {
            let (e, empty) = match x.next()? {
                Ev::Start(e) => (e, false),
                Ev::Empty(e) => (e, true),
                Ev::End => {
                    if let Some((key, def, d)) = current.take() {
                        if d == depth {
                            self.store(section, scope, key, def);
                        } else {
                            current = Some((key, def, d));
                        }
                    }
                    if section != Section::None && depth == section_depth {
                        section = Section::None;
                    }
                    if default_para == Some(depth) {
                        default_para = None;
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                Ev::Text(_) => continue,
                Ev::Eof => break,
            };
            if !empty {
                depth += 1;
            }
            match (e.ns, e.name.as_str()) {
                // Styles come before the body; nothing more to learn after it starts.
                (Ns::Office, "body") => break,
                (Ns::Office, "styles") => {
                    section = Section::Common;
                    section_depth = depth;
                }
                (Ns::Office, "automatic-styles") => {
                    section = Section::Auto;
                    section_depth = depth;
                }
                (Ns::Style, "style") if section != Section::None => {
                    let key = (
                        e.attr(Ns::Style, "family").unwrap_or_default().to_string(),
                        e.attr(Ns::Style, "name").unwrap_or_default().to_string(),
                    );
                    let def = StyleDef {
                        parent: e.attr(Ns::Style, "parent-style-name").map(str::to_string),
                        hidden: None,
                    };
                    if empty {
                        self.store(section, scope, key, def);
                    } else {
                        current = Some((key, def, depth));
                    }
                }
                (Ns::Style, "default-style")
                    if !empty && e.attr(Ns::Style, "family") == Some("paragraph") =>
                {
                    default_para = Some(depth);
                }
                (Ns::Style, "text-properties") => {
                    if let Some((_, def, _)) = current.as_mut() {
                        match e.attr(Ns::Text, "display") {
                            Some("none") => def.hidden = Some(true),
                            Some(_) => def.hidden = Some(false),
                            None => {}
                        }
                    } else if default_para.is_some()
                        && let Some(l) = e.attr(Ns::Fo, "language")
                    {
                        self.default_lang = l.parse().ok();
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn store(&mut self, section: Section, scope: Scope, key: (String, String), def: StyleDef) {
        match (section, scope) {
            (Section::Common, _) => {
                self.common.insert(key, def);
            }
            (Section::Auto, Scope::Styles) => {
                self.auto_styles.insert(key, def);
            }
            (Section::Auto, Scope::Content) => {
                self.auto_content.insert(key, def);
            }
            (Section::None, _) => {}
        }
    }

    /// Heading level of a paragraph style (or a parent): `Heading_20_N`, `Heading`, `Title`
    /// (LibreOffice writes a converted heading as a plain paragraph whose automatic style
    /// has a heading style as parent).
    fn heading_level(&self, scope: Scope, name: Option<&str>) -> Option<u8> {
        let auto = match scope {
            Scope::Content => &self.auto_content,
            Scope::Styles => &self.auto_styles,
        };
        let mut next = name.map(str::to_string);
        let mut first = true;
        for _ in 0..MAX_STYLE_CHAIN {
            let n = next.take()?;
            let plain = n.replace("_20_", " ");
            if let Some(level) = plain.strip_prefix("Heading ") {
                return level.trim().parse::<u8>().ok().map(|l| l.clamp(1, 10));
            }
            if plain == "Heading" || plain == "Title" {
                return Some(1);
            }
            if plain == "Subtitle" {
                return Some(2);
            }
            let key = ("paragraph".to_string(), n);
            let def = if first {
                auto.get(&key).or_else(|| self.common.get(&key))
            } else {
                self.common.get(&key)
            };
            first = false;
            next = def?.parent.clone();
        }
        None
    }

    /// Whether the style `name` of `family` (or a parent) hides its text.
    fn hidden(&self, scope: Scope, family: &str, name: Option<&str>) -> bool {
        let auto = match scope {
            Scope::Content => &self.auto_content,
            Scope::Styles => &self.auto_styles,
        };
        let mut next = name.map(str::to_string);
        let mut first = true;
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(n) = next.take() else {
                return false;
            };
            let key = (family.to_string(), n);
            // Automatic styles only name common styles as parents.
            let def = if first {
                auto.get(&key).or_else(|| self.common.get(&key))
            } else {
                self.common.get(&key)
            };
            first = false;
            let Some(def) = def else {
                return false;
            };
            if let Some(h) = def.hidden {
                return h;
            }
            next = def.parent.clone();
        }
        false
    }
}

// ---------------------------------------------------------------------------------------
// The walk over content.xml (body) or styles.xml (master-page headers and footers)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    Span,
    /// A text element whose character data is shown (links, fields, …).
    TextEl,
    Table,
    Frame,
    ListItem,
    Note,
    Region,
    Body,
    Other,
}

#[derive(Debug)]
struct Para {
    buf: TextBuf,
    number: u32,
    heading: Option<u8>,
    list: bool,
    table: Option<(u32, u32, u32)>,
    hidden: bool,
    /// A `text:hidden-paragraph` field: the whole paragraph is hidden.
    forced_hidden: bool,
    spans: Vec<bool>,
}

#[derive(Debug)]
struct TableCtx {
    index: u32,
    row: u32,
    next_row: u32,
    cell: u32,
    next_cell: u32,
    frames: usize,
}

#[derive(Debug)]
struct NoteCtx {
    endnote: bool,
    number: u32,
    para_count: u32,
}

struct Walker<'s> {
    styles: &'s Styles,
    scope: Scope,
    nest: Nesting<Tag>,
    paras: Vec<Para>,
    tables: Vec<TableCtx>,
    table_count: u32,
    para_count: u32,
    frames: usize,
    list_items: usize,
    notes: Vec<NoteCtx>,
    footnote_count: u32,
    endnote_count: u32,
    /// Inside `office:body` (content) or a header/footer (styles).
    active: bool,
    region: Option<BlockKind>,
    region_drafts: Vec<Draft>,
    body: Vec<Draft>,
    footnotes: Vec<Draft>,
    endnotes: Vec<Draft>,
    regions: Vec<(BlockKind, Vec<Draft>)>,
}

impl<'s> Walker<'s> {
    fn new(styles: &'s Styles, scope: Scope) -> Self {
        Walker {
            styles,
            scope,
            nest: Nesting::new(),
            paras: Vec::new(),
            tables: Vec::new(),
            table_count: 0,
            para_count: 0,
            frames: 0,
            list_items: 0,
            notes: Vec::new(),
            footnote_count: 0,
            endnote_count: 0,
            active: false,
            region: None,
            region_drafts: Vec::new(),
            body: Vec::new(),
            footnotes: Vec::new(),
            endnotes: Vec::new(),
            regions: Vec::new(),
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
                Ev::Eof => return Ok(()),
            }
        }
    }

    fn skip_element(&mut self, empty: bool) {
        self.nest.skip(empty);
    }

    fn visible(&self) -> bool {
        self.paras
            .last()
            .is_some_and(|p| !p.hidden && !p.spans.last().copied().unwrap_or(false))
    }

    fn push_visible(&mut self, s: &str) {
        if self.visible()
            && let Some(p) = self.paras.last_mut()
        {
            p.buf.push_str(s);
        }
    }

    fn start(&mut self, e: &Elem, empty: bool) {
        if self.nest.start_skipped(empty) {
            return;
        }
        let tag = match e.ns {
            Ns::Text => match self.start_text(e, empty) {
                Some(t) => t,
                None => return,
            },
            Ns::Office => match e.name.as_str() {
                "annotation" | "forms" | "scripts" | "event-listeners" | "font-face-decls" => {
                    self.skip_element(empty);
                    return;
                }
                "automatic-styles" if self.scope == Scope::Content => {
                    self.skip_element(empty);
                    return;
                }
                "body" if self.scope == Scope::Content => {
                    self.active = true;
                    Tag::Body
                }
                _ => Tag::Other,
            },
            Ns::Table => match e.name.as_str() {
                "table" if self.active => {
                    self.table_count += 1;
                    self.tables.push(TableCtx {
                        index: self.table_count,
                        row: 0,
                        next_row: 1,
                        cell: 0,
                        next_cell: 1,
                        frames: self.frames,
                    });
                    Tag::Table
                }
                "table-row" => {
                    let repeat = repeat(e.attr(Ns::Table, "number-rows-repeated"));
                    if let Some(t) = self.tables.last_mut() {
                        t.row = t.next_row;
                        t.next_row = t.next_row.saturating_add(repeat);
                        t.cell = 0;
                        t.next_cell = 1;
                    }
                    Tag::Other
                }
                "table-cell" | "covered-table-cell" => {
                    let repeat = repeat(e.attr(Ns::Table, "number-columns-repeated"));
                    if let Some(t) = self.tables.last_mut() {
                        t.cell = t.next_cell;
                        t.next_cell = t.next_cell.saturating_add(repeat);
                    }
                    Tag::Other
                }
                _ => Tag::Other,
            },
            Ns::Draw if e.name == "text-box" => {
                self.frames += 1;
                Tag::Frame
            }
            Ns::Style if self.scope == Scope::Styles => match e.name.as_str() {
                "header" | "header-left" | "header-first" | "footer" | "footer-left"
                | "footer-first" => {
                    if e.attr(Ns::Style, "display") == Some("false") {
                        self.skip_element(empty);
                        return;
                    }
                    self.region = Some(if e.name.starts_with("header") {
                        BlockKind::Header
                    } else {
                        BlockKind::Footer
                    });
                    self.active = true;
                    self.para_count = 0;
                    Tag::Region
                }
                _ => Tag::Other,
            },
            _ => Tag::Other,
        };
        if empty {
            self.close(tag);
        } else {
            self.nest.open(tag);
        }
    }

    /// Handle a `text:` element start; `None` when the element is skipped.
    fn start_text(&mut self, e: &Elem, empty: bool) -> Option<Tag> {
        let name = e.name.as_str();
        let tag = match name {
            "p" | "h" if self.active => {
                let heading = (name == "h").then(|| {
                    e.attr(Ns::Text, "outline-level")
                        .and_then(|v| v.parse::<u8>().ok())
                        .unwrap_or(1)
                        .clamp(1, 10)
                });
                let style = e.attr(Ns::Text, "style-name");
                let heading = heading.or_else(|| self.styles.heading_level(self.scope, style));
                let hidden = self.styles.hidden(self.scope, "paragraph", style);
                self.start_para(heading, hidden);
                Tag::P
            }
            "span" => {
                let style = e.attr(Ns::Text, "style-name");
                let own = self.styles.hidden(self.scope, "text", style);
                if let Some(p) = self.paras.last_mut() {
                    let inherited = p.spans.last().copied().unwrap_or(false);
                    p.spans.push(inherited || own);
                    Tag::Span
                } else {
                    Tag::Other
                }
            }
            "s" => {
                let n = e
                    .attr(Ns::Text, "c")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(MAX_SPACES);
                self.push_visible(&" ".repeat(n));
                Tag::Other
            }
            "tab" => {
                self.push_visible("\t");
                Tag::Other
            }
            "line-break" => {
                self.push_visible("\n");
                Tag::Other
            }
            "note" => {
                let endnote = e.attr(Ns::Text, "note-class") == Some("endnote");
                let number = if endnote {
                    self.endnote_count += 1;
                    self.endnote_count
                } else {
                    self.footnote_count += 1;
                    self.footnote_count
                };
                self.notes.push(NoteCtx {
                    endnote,
                    number,
                    para_count: 0,
                });
                Tag::Note
            }
            "hidden-paragraph" => {
                if e.attr(Ns::Text, "is-hidden") != Some("false")
                    && let Some(p) = self.paras.last_mut()
                {
                    p.forced_hidden = true;
                }
                self.skip_element(empty);
                return None;
            }
            "section" if e.attr(Ns::Text, "display") == Some("none") => {
                self.skip_element(empty);
                return None;
            }
            "note-citation"
            | "tracked-changes"
            | "hidden-text"
            | "sequence-decls"
            | "variable-decls"
            | "user-field-decls"
            | "dde-connection-decls"
            | "alphabetical-index-auto-mark-file" => {
                self.skip_element(empty);
                return None;
            }
            "database-display" => {
                if let Some(col) = e.attr(Ns::Text, "column-name") {
                    self.push_visible(&format!("«{col}»"));
                }
                self.skip_element(empty);
                return None;
            }
            n if n.ends_with("-source") => {
                // Index templates (table of contents source and the like).
                self.skip_element(empty);
                return None;
            }
            "list-item" | "list-header" => {
                self.list_items += 1;
                Tag::ListItem
            }
            "list" | "section" | "note-body" | "index-body" | "index-title"
            | "table-of-content" | "alphabetical-index" | "illustration-index" | "table-index"
            | "object-index" | "user-index" | "bibliography" => Tag::Other,
            _ => Tag::TextEl,
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
            Tag::Span => {
                if let Some(p) = self.paras.last_mut() {
                    p.spans.pop();
                }
            }
            Tag::Table => {
                self.tables.pop();
            }
            Tag::Frame => self.frames = self.frames.saturating_sub(1),
            Tag::ListItem => self.list_items = self.list_items.saturating_sub(1),
            Tag::Note => {
                self.notes.pop();
            }
            Tag::Region => {
                if let Some(kind) = self.region.take() {
                    let drafts = std::mem::take(&mut self.region_drafts);
                    self.regions.push((kind, drafts));
                }
                self.active = false;
            }
            Tag::Body => self.active = false,
            Tag::TextEl | Tag::Other => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.nest.skipping()
            || !matches!(self.nest.parent(), Some(Tag::P | Tag::Span | Tag::TextEl))
        {
            return;
        }
        if self.visible()
            && let Some(p) = self.paras.last_mut()
        {
            p.buf.push_collapsing(t);
        }
    }

    fn start_para(&mut self, heading: Option<u8>, hidden: bool) {
        let number = if let Some(n) = self.notes.last_mut() {
            n.para_count += 1;
            n.para_count
        } else if self.frames > 0 {
            self.paras.first().map_or(self.para_count, |p| p.number)
        } else {
            self.para_count += 1;
            self.para_count
        };
        let table = match self.tables.last() {
            Some(t) if t.frames == self.frames && self.notes.is_empty() => {
                Some((t.index, t.row, t.cell))
            }
            _ => None,
        };
        self.paras.push(Para {
            buf: TextBuf::new(),
            number,
            heading,
            list: self.list_items > 0,
            table,
            hidden,
            forced_hidden: false,
            spans: Vec::new(),
        });
    }

    fn finish_para(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        if p.forced_hidden {
            return;
        }
        let Some(text) = office::finish_text(&p.buf.text) else {
            return;
        };
        let note = self.notes.last().map(|n| (n.endnote, n.number));
        let kind = if let Some(k) = self.region {
            k
        } else if note.is_some() {
            BlockKind::Footnote
        } else if p.table.is_some() {
            BlockKind::TableCell
        } else if let Some(l) = p.heading {
            BlockKind::Heading(l)
        } else if p.list {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let draft = Draft {
            kind,
            text,
            place: Place {
                paragraph: Some(p.number),
                table: p.table,
                note: note.map(|(_, n)| n),
                ..Place::default()
            },
        };
        match (self.region, note) {
            (Some(_), _) => self.region_drafts.push(draft),
            (None, Some((true, _))) => self.endnotes.push(draft),
            (None, Some((false, _))) => self.footnotes.push(draft),
            (None, None) => self.body.push(draft),
        }
    }
}

fn repeat(v: Option<&str>) -> u32 {
    v.and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 100_000)
}
