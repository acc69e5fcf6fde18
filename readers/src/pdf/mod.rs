//! PDF reader: lopdf parses the file; our own walker reads the text with its positions.
//!
//! What comes out:
//!
//! - one [`Source`] per page, named `page N`: the page's lines in reading order, one line
//!   of text per line of the page, so a finding gives the page, the line and the words;
//! - blocks in reading order, each mapping into its page's source: paragraphs, headings
//!   (a larger size than the body text, or bold lines in a body that is not), list items
//!   (a bullet or a number), footnotes (small text at the foot of a page that starts with
//!   its number), and running headers and footers — a line repeated at the top or the foot
//!   of most pages, digits aside (page numbers), given once as a `Header`/`Footer` block.
//!
//! Text rules: spaces and line breaks come from the glyph positions; ligatures (ﬁ ﬂ ﬀ ﬃ
//! ﬄ) are expanded; a word hyphenated at a line end is joined when the next line starts in
//! lower case (`adminis-` + `tration`); two-column pages are read column by column;
//! footnote markers (small raised digits after a word) stay in the page text but not in the
//! blocks.
//!
//! Errors: no `%PDF-` header → `WrongFormat`; a file that needs a password → `Encrypted`
//! (a file that opens without one — an owner password only restricting copying or printing
//! — is read, as every viewer shows it); unreadable structure, or a file cut off before its
//! `%%EOF` → `Corrupt`; a stream that unpacks past the caps (`Limits::max_entry_bytes` each,
//! `Limits::max_total_bytes` in all) → `Hostile`; more than `Limits::max_pages` pages →
//! `TooLarge`; more than `Limits::max_text_chars` characters → `TooLarge`; the time budget, checked between pages and every few thousand operators →
//! `Timeout`; a text layer that is missing (a scan) or unusable (fonts without a usable
//! encoding) → `NoText`. A panic inside lopdf becomes `Corrupt`.

mod content;
mod font;
mod layout;
mod objects;
mod quality;

use crate::office::Clock;
use crate::{Limits, ReadError};
use content::{Fonts, Glyph, Matrix, Walker};
use layout::{Line, Para, ParaKind};
use lopdf::{Dictionary, Object, ObjectId};
use objects::Pdf;
use plainly_text::document::{Origin, Place, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Most pages read from one file, by default (see [`Limits::max_pages`]).
pub const MAX_PAGES: usize = 5000;
/// Deepest page tree.
const MAX_TREE_DEPTH: usize = 64;
/// Share of the page height, at the top and at the foot, where running headers and footers
/// are looked for.
const RUNNING_ZONE: f64 = 0.12;

const NO_TEXT: &str = "no usable text layer (scanned or unmapped fonts)";

/// Read a PDF file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::WrongFormat { expected: "PDF" });
    }
    let clock = Clock::new(limits);
    // A file cut off before its end marker: lopdf could rebuild part of it, but what is
    // missing is unknown.
    let tail = bytes
        .get(bytes.len().saturating_sub(4096)..)
        .unwrap_or_default();
    if !tail.windows(5).any(|w| w == b"%%EOF") && !contains(bytes, b"%%EOF") {
        return Err(corrupt("is incomplete (cut off)"));
    }
    let pdf = load(bytes, limits)?;
    clock.check()?;
    let pages = page_list(&pdf, limits.max_pages)?;
    if pages.is_empty() {
        return Err(corrupt("it has no pages"));
    }
    let declared_lang = declared_lang(&pdf);

    // Walk every page.
    let mut fonts = Fonts::default();
    let mut laid: Vec<PageText> = Vec::with_capacity(pages.len());
    let mut unmapped = 0usize;
    let mut chars = 0usize;
    for page in &pages {
        clock.check()?;
        let walked = catch_unwind(AssertUnwindSafe(|| {
            walk_page(&pdf, &mut fonts, page, &clock)
        }));
        let glyphs = match walked {
            Ok(r) => r?,
            Err(_) => return Err(corrupt("a page cannot be read")),
        };
        if let Some(msg) = pdf.bomb.borrow_mut().take() {
            return Err(ReadError::Hostile(msg));
        }
        let (kept, lost): (Vec<Glyph>, Vec<Glyph>) = glyphs.into_iter().partition(|g| !g.unmapped);
        unmapped += lost.len();
        let lines = layout::lines(&kept);
        drop(kept);
        clock.check()?;
        let lines = layout::order(lines);
        chars += lines.iter().map(|l| l.text.chars().count()).sum::<usize>();
        if chars > limits.max_text_chars {
            return Err(ReadError::text_chars(chars, limits.max_text_chars));
        }
        laid.push(PageText {
            lines,
            bottom: page.bbox.1,
            top: page.bbox.3,
        });
    }
    clock.check()?;

    // The text-quality gate.
    let measures = quality::measure(
        laid.iter()
            .flat_map(|p| p.lines.iter())
            .map(|l| l.text.as_str()),
        unmapped,
    );
    if quality::gate(&measures, laid.len()).is_err() {
        return Err(ReadError::NoText(NO_TEXT.into()));
    }

    Ok(assemble(laid, declared_lang))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn corrupt(why: &str) -> ReadError {
    ReadError::Corrupt(format!("the PDF {why}"))
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Pdf, ReadError> {
    let cap = usize::try_from(limits.max_entry_bytes).unwrap_or(usize::MAX);
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(cap),
        ..lopdf::LoadOptions::default()
    };
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        lopdf::Document::load_mem_with_options(bytes, options)
    }));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            // A broken encryption dictionary is still a file that wants a password.
            if contains(bytes, b"/Encrypt") {
                return Err(ReadError::Encrypted);
            }
            return Err(load_error(&e, limits.max_entry_bytes));
        }
        Err(_) => return Err(corrupt("structure is damaged")),
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(ReadError::Encrypted);
    }
    Ok(Pdf::new(
        doc,
        limits.max_entry_bytes,
        limits.max_total_bytes,
    ))
}

fn load_error(e: &lopdf::Error, max_entry: u64) -> ReadError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            ReadError::Hostile(format!(
                "a stream unpacks to more than {} (the limit)",
                crate::limits::megabytes(max_entry)
            ))
        }
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::AlreadyEncrypted => ReadError::Encrypted,
        lopdf::Error::Parse(_) => corrupt("structure is damaged or incomplete"),
        _ => corrupt("structure is damaged or incomplete"),
    }
}

/// A page to read: its dictionary, inherited resources and box.
#[derive(Debug)]
struct PageRef<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
    /// (x0, y0, x1, y1).
    bbox: (f64, f64, f64, f64),
}

fn bbox_of(pdf: &Pdf, obj: Option<&Object>) -> Option<(f64, f64, f64, f64)> {
    let v = objects::numbers(pdf, obj?)?;
    let [a, b, c, d] = v.as_slice() else {
        return None;
    };
    let b = (a.min(*c), b.min(*d), a.max(*c), b.max(*d));
    (b.2 - b.0 > 1.0 && b.3 - b.1 > 1.0).then_some(b)
}

/// The pages in order, walking the page tree with cycle and depth bounds.
fn page_list(pdf: &Pdf, max_pages: usize) -> Result<Vec<PageRef<'_>>, ReadError> {
    let root = pdf
        .doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|o| objects::as_dict(pdf, o))
        .ok_or_else(|| corrupt("has no catalog"))?;
    let tree = root
        .get(b"Pages")
        .map_err(|_| corrupt("has no page tree"))?;
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // (node, inherited resources, inherited box, depth)
    type Item<'a> = (
        &'a Object,
        Option<&'a Dictionary>,
        Option<(f64, f64, f64, f64)>,
        usize,
    );
    let mut stack: Vec<Item<'_>> = vec![(tree, None, None, 0)];
    while let Some((node, res, bbox, depth)) = stack.pop() {
        if let Object::Reference(id) = node
            && !seen.insert(*id)
        {
            continue; // a cycle or a page listed twice
        }
        if depth > MAX_TREE_DEPTH {
            return Err(corrupt("page tree is too deep"));
        }
        let Some(dict) = objects::as_dict(pdf, node) else {
            continue;
        };
        let res = objects::dict_get(pdf, dict, b"Resources")
            .and_then(|o| objects::as_dict(pdf, o))
            .or(res);
        let bbox = bbox_of(pdf, dict.get(b"CropBox").ok())
            .or_else(|| bbox_of(pdf, dict.get(b"MediaBox").ok()))
            .or(bbox);
        let kids = objects::dict_get(pdf, dict, b"Kids").and_then(|o| o.as_array().ok());
        let ty = objects::name(pdf, dict.get(b"Type").ok());
        match kids {
            Some(kids) if ty.as_deref() != Some(b"Page".as_slice()) => {
                for kid in kids.iter().rev() {
                    stack.push((kid, res, bbox, depth + 1));
                }
            }
            _ => {
                if out.len() >= max_pages {
                    return Err(ReadError::TooLarge {
                        limit: crate::Limit::Pages,
                        found: out.len() as u64 + 1,
                        max: max_pages as u64,
                    });
                }
                out.push(PageRef {
                    dict,
                    resources: res,
                    bbox: bbox.unwrap_or((0.0, 0.0, 612.0, 792.0)),
                });
            }
        }
    }
    Ok(out)
}

fn walk_page(
    pdf: &Pdf,
    fonts: &mut Fonts,
    page: &PageRef<'_>,
    clock: &Clock,
) -> Result<Vec<Glyph>, ReadError> {
    let mut content = Vec::new();
    let parts: Vec<&Object> = match page.dict.get(b"Contents").ok() {
        Some(o) => match objects::resolve(pdf, o) {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(_) => vec![o],
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    for part in parts {
        if let Some(bytes) = objects::stream_bytes(pdf, part) {
            content.extend_from_slice(&bytes);
            content.push(b'\n');
        }
        if pdf.bomb.borrow().is_some() {
            return Ok(Vec::new());
        }
    }
    let mut walker = Walker::new(pdf, fonts, clock);
    walker.walk(&content, page.resources, Matrix::IDENTITY)?;
    let (x0, y0, x1, y1) = page.bbox;
    let margin = 10.0;
    let mut glyphs = walker.glyphs;
    glyphs.retain(|g| {
        g.x >= x0 - margin && g.x <= x1 + margin && g.y >= y0 - margin && g.y <= y1 + margin
    });
    Ok(glyphs)
}

fn declared_lang(pdf: &Pdf) -> Option<Lang> {
    let root = objects::as_dict(pdf, pdf.doc.trailer.get(b"Root").ok()?)?;
    let Object::String(s, _) = objects::dict_get(pdf, root, b"Lang")? else {
        return None;
    };
    let text = if s.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = s
            .get(2..)
            .unwrap_or_default()
            .chunks(2)
            .map(|p| {
                (u16::from(p.first().copied().unwrap_or(0)) << 8)
                    | u16::from(p.get(1).copied().unwrap_or(0))
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(s).to_string()
    };
    text.trim().parse().ok()
}

// ---------------------------------------------------------------------------------------
// Assembly

/// The lines of one page in reading order, with the page's vertical extent.
#[derive(Debug)]
struct PageText {
    lines: Vec<Line>,
    bottom: f64,
    top: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Zone {
    Top,
    Foot,
}

fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.push(if c.is_ascii_digit() { '#' } else { c });
        }
    }
    // Runs of digits count as one number.
    let mut squeezed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '#' && squeezed.ends_with('#')) {
            squeezed.push(c);
        }
    }
    squeezed
}

/// A page number alone: `3`, `- 3 -`, `Page 3 of 14`, `3/14`, `Seite 3`, `blz. 3`…
fn is_page_number(norm: &str) -> bool {
    let t = norm.to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '/' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let labels = [
        "page", "p.", "pagina", "blz.", "blz", "seite", "s.", "of", "sur", "de", "van", "von",
        "pag.", "p",
    ];
    words.contains(&"#") && words.iter().all(|w| *w == "#" || labels.contains(w))
}

/// Lines of each page that are running headers or footers, and for each the page where
/// it is shown as a block (its first occurrence).
fn running(pages: &[PageText]) -> Vec<Vec<Option<(Zone, bool)>>> {
    let mut marks: Vec<Vec<Option<(Zone, bool)>>> =
        pages.iter().map(|p| vec![None; p.lines.len()]).collect();
    let mut candidates: Vec<Vec<(usize, Zone, String)>> = Vec::with_capacity(pages.len());
    let mut count: HashMap<(Zone, String), usize> = HashMap::new();
    for p in pages {
        let h = (p.top - p.bottom).max(1.0);
        let mut cands = Vec::new();
        let mut by_y: Vec<usize> = (0..p.lines.len())
            .filter(|i| p.lines.get(*i).is_some_and(|l| !l.rotated))
            .collect();
        by_y.sort_by(|a, b| {
            let ya = p.lines.get(*a).map_or(0.0, |l| l.y);
            let yb = p.lines.get(*b).map_or(0.0, |l| l.y);
            yb.total_cmp(&ya)
        });
        let top: Vec<usize> = by_y.iter().take(3).copied().collect();
        let foot: Vec<usize> = by_y.iter().rev().take(3).copied().collect();
        for (zone, list) in [(Zone::Top, top), (Zone::Foot, foot)] {
            for i in list {
                let Some(l) = p.lines.get(i) else { continue };
                let inside = match zone {
                    Zone::Top => l.y > p.top - RUNNING_ZONE * h,
                    Zone::Foot => l.y < p.bottom + RUNNING_ZONE * h,
                };
                if inside && !cands.iter().any(|(j, _, _)| *j == i) {
                    cands.push((i, zone, normalise(&l.text)));
                }
            }
        }
        let mut seen_here: HashSet<(Zone, String)> = HashSet::new();
        for (_, zone, norm) in &cands {
            if seen_here.insert((*zone, norm.clone())) {
                *count.entry((*zone, norm.clone())).or_insert(0) += 1;
            }
        }
        candidates.push(cands);
    }
    let n = pages.len();
    let mut shown: HashSet<(Zone, String)> = HashSet::new();
    for (pi, cands) in candidates.into_iter().enumerate() {
        for (i, zone, norm) in cands {
            let c = count.get(&(zone, norm.clone())).copied().unwrap_or(0);
            let repeated = n >= 2 && c >= 2 && c * 2 >= n;
            if repeated || is_page_number(&norm) {
                let first = shown.insert((zone, norm));
                if let Some(m) = marks.get_mut(pi).and_then(|v| v.get_mut(i)) {
                    *m = Some((zone, first));
                }
            }
        }
    }
    marks
}

/// The size of most characters, rounded to half a point.
fn body_size(pages: &[PageText], marks: &[Vec<Option<(Zone, bool)>>]) -> f64 {
    let mut weight: HashMap<i64, usize> = HashMap::new();
    for (p, m) in pages.iter().zip(marks) {
        for (l, mk) in p.lines.iter().zip(m) {
            if mk.is_none() {
                *weight.entry((l.size * 2.0).round() as i64).or_insert(0) += l.text.len();
            }
        }
    }
    weight
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(10.0, |(s, _)| s as f64 / 2.0)
}

fn assemble(pages: Vec<PageText>, declared_lang: Option<Lang>) -> Document {
    let marks = running(&pages);
    let body = body_size(&pages, &marks);
    let body_bold = {
        let (b, all) = pages
            .iter()
            .flat_map(|p| p.lines.iter())
            .fold((0, 0), |(b, a), l| {
                (b + if l.bold { l.text.len() } else { 0 }, a + l.text.len())
            });
        b * 2 > all
    };
    // Heading sizes, largest first.
    let mut paras_by_page: Vec<Vec<Para>> = Vec::with_capacity(pages.len());
    let mut heading_sizes: Vec<i64> = Vec::new();
    for (p, m) in pages.iter().zip(&marks) {
        let skip: Vec<bool> = m.iter().map(Option::is_some).collect();
        let paras = layout::paragraphs(&p.lines, &skip);
        for para in &paras {
            let size = para_size(&p.lines, para);
            if size >= 1.15 * body && para.lines.len() <= 3 {
                let k = (size * 2.0).round() as i64;
                if !heading_sizes.contains(&k) {
                    heading_sizes.push(k);
                }
            }
        }
        paras_by_page.push(paras);
    }
    heading_sizes.sort_by(|a, b| b.cmp(a));

    let mut doc = Document {
        format: "pdf".into(),
        declared_lang,
        ..Document::default()
    };
    for (pi, ((page, paras), m)) in pages.iter().zip(paras_by_page).zip(&marks).enumerate() {
        let number = u32::try_from(pi + 1).unwrap_or(u32::MAX);
        let source_index = u32::try_from(doc.sources.len()).unwrap_or(u32::MAX);
        // The page text: one line per line, in reading order.
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(page.lines.len());
        for l in &page.lines {
            offsets.push(text.len());
            text.push_str(&l.text);
            text.push('\n');
        }
        let mut blocks: Vec<(BlockKind, Vec<usize>, Vec<bool>)> = Vec::new();
        // Running headers shown on this page first, footers last.
        let shown = |zone: Zone| -> Vec<(BlockKind, Vec<usize>, Vec<bool>)> {
            m.iter()
                .enumerate()
                .filter(|(_, mk)| matches!(mk, Some((z, true)) if *z == zone))
                .map(|(i, _)| {
                    let kind = if zone == Zone::Top {
                        BlockKind::Header
                    } else {
                        BlockKind::Footer
                    };
                    (kind, vec![i], Vec::new())
                })
                .collect()
        };
        blocks.extend(shown(Zone::Top));
        let mut seen_body = false;
        let page_body = page_body_size(page, m).unwrap_or(body);
        for para in &paras {
            let kind = para_kind(page, para, page_body, body_bold, &heading_sizes, seen_body);
            if kind == BlockKind::Paragraph || kind == BlockKind::ListItem {
                seen_body = true;
            }
            blocks.push((kind, para.lines.clone(), para.hard.clone()));
        }
        blocks.extend(shown(Zone::Foot));
        for (k, (kind, lines, hard)) in blocks.into_iter().enumerate() {
            let (btext, map) = block_text(&page.lines, &offsets, &lines, &hard);
            // Text without a letter (a lone number, a rule of dashes) has nothing to read.
            if !btext.chars().any(char::is_alphabetic) {
                continue;
            }
            let place = Place {
                page: Some(number),
                paragraph: Some(u32::try_from(k + 1).unwrap_or(u32::MAX)),
                ..Place::default()
            };
            doc.blocks.push(Block::new(
                kind,
                btext,
                Origin {
                    source: source_index,
                    map,
                    place,
                },
            ));
        }
        doc.sources.push(Source {
            name: format!("page {number}"),
            text,
        });
    }
    doc
}

/// The size of most characters of a page outside running headers and footers.
fn page_body_size(page: &PageText, marks: &[Option<(Zone, bool)>]) -> Option<f64> {
    let mut weight: HashMap<i64, usize> = HashMap::new();
    for (l, m) in page.lines.iter().zip(marks) {
        if m.is_none() {
            *weight.entry((l.size * 2.0).round() as i64).or_insert(0) += l.text.len();
        }
    }
    let total: usize = weight.values().sum();
    if total < 200 {
        return None;
    }
    weight
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(s, _)| s as f64 / 2.0)
}

fn para_size(lines: &[Line], para: &Para) -> f64 {
    let mut best = (0usize, 0.0f64);
    let mut weights: Vec<(f64, usize)> = Vec::new();
    for l in para.lines.iter().filter_map(|i| lines.get(*i)) {
        match weights.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.01) {
            Some((_, w)) => *w += l.text.len(),
            None => weights.push((l.size, l.text.len())),
        }
    }
    for (s, w) in weights {
        if w > best.0 {
            best = (w, s);
        }
    }
    best.1
}

fn para_kind(
    page: &PageText,
    para: &Para,
    body: f64,
    body_bold: bool,
    heading_sizes: &[i64],
    seen_body: bool,
) -> BlockKind {
    let lines: Vec<&Line> = para
        .lines
        .iter()
        .filter_map(|i| page.lines.get(*i))
        .collect();
    let Some(first) = lines.first() else {
        return BlockKind::Paragraph;
    };
    let size = para_size(&page.lines, para);
    let text: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let words = text.split_whitespace().count();
    if size >= 1.15 * body && lines.len() <= 3 && words <= 30 {
        let k = (size * 2.0).round() as i64;
        let level = heading_sizes
            .iter()
            .position(|s| *s == k)
            .map_or(1, |p| p + 1);
        return BlockKind::Heading(level.min(6) as u8);
    }
    // A footnote: small text at the foot of the page that starts with its number.
    let h = (page.top - page.bottom).max(1.0);
    let low = first.y < page.bottom + 0.45 * h;
    let numbered = first
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '¹' | '²' | '³'));
    if seen_body && low && numbered && size <= 0.9 * body {
        return BlockKind::Footnote;
    }
    if para.kind == ParaKind::List {
        return BlockKind::ListItem;
    }
    let all_bold = lines.iter().all(|l| l.bold);
    let ends = text.trim_end().ends_with(['.', ',', ';']);
    if all_bold
        && !body_bold
        && lines.len() <= 2
        && (1..=15).contains(&words)
        && !ends
        && size >= 0.95 * body
    {
        let level = heading_sizes
            .iter()
            .filter(|s| (**s as f64) / 2.0 > body)
            .count()
            + 1;
        return BlockKind::Heading(level.min(6) as u8);
    }
    BlockKind::Paragraph
}

/// The text of a block made of `lines` of a page, and its map into the page text.
fn block_text(
    lines: &[Line],
    offsets: &[usize],
    which: &[usize],
    hard: &[bool],
) -> (String, SourceMap) {
    let mut text = String::new();
    let mut map = SourceMap::default();
    let kept: Vec<String> = which
        .iter()
        .filter_map(|i| lines.get(*i))
        .map(Line::kept)
        .collect();
    for (k, &li) in which.iter().enumerate() {
        let (Some(line), Some(&base)) = (lines.get(li), offsets.get(li)) else {
            continue;
        };
        let next_kept = kept.get(k + 1);
        let this_kept = kept.get(k).map(String::as_str).unwrap_or_default();
        // A word broken at the line end: drop the hyphen and join.
        let hyphen = next_kept.is_some_and(|n| {
            let mut rev = this_kept.chars().rev();
            matches!(rev.next(), Some('-' | '\u{2010}'))
                && rev.next().is_some_and(char::is_alphabetic)
                && n.chars().next().is_some_and(char::is_lowercase)
        });
        // Segments of the line that are kept.
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut at = 0;
        for (s, e) in &line.drop {
            if *s > at {
                segs.push((at, *s));
            }
            at = *e;
        }
        if at < line.text.len() {
            segs.push((at, line.text.len()));
        }
        if hyphen && let Some(last) = segs.last_mut() {
            let cut = line
                .text
                .get(..last.1)
                .and_then(|t| t.chars().last())
                .map_or(1, char::len_utf8);
            last.1 = last.1.saturating_sub(cut);
        }
        for (s, e) in segs {
            if e <= s {
                continue;
            }
            let piece = line.text.get(s..e).unwrap_or_default();
            map.push(text.len(), piece.len(), base + s, piece.len());
            text.push_str(piece);
        }
        if next_kept.is_some() && !hyphen {
            // The line break: the page text's newline after this line.
            map.push(text.len(), 1, base + line.text.len(), 1);
            text.push(if hard.get(k).copied().unwrap_or(false) {
                '\n'
            } else {
                ' '
            });
        }
    }
    // Markers dropped at a line's end can leave a trailing space.
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    (text, map)
}
