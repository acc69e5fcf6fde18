//! HTML via tree-sitter-html, with exact offsets back to the file's text.
//!
//! Visible prose only: `head`, `script`, `style`, `template`, `noscript`, embedded `svg`
//! and `math`, form controls, elements marked `hidden` or `aria-hidden="true"`, and the
//! chrome of a web page (`nav`, `aside`, and `header`/`footer` outside an `article` or
//! `main`) are left out; comments never reach a block. Block kinds come from the element:
//! `h1`–`h6` → `Heading`, `li` → `ListItem`, `td`/`th` → `TableCell`, `blockquote` →
//! `Quote`, `address` → `Address`, an article's own `header`/`footer` → `Header`/`Footer`,
//! `p`, `div` and other text → `Paragraph`. Inline elements are joined, white space is
//! collapsed as a browser does (kept in `pre`), `<br>` is a line break `\n`, entities are
//! decoded (named: the common ones; numeric: all). Every block maps to byte offsets of the
//! decoded file text (one [`Source`] with an empty name) through its [`SourceMap`].
//! `<html lang>` gives [`Document::declared_lang`]; a block inside another element with a
//! `lang` attribute gets that language as [`Block::lang`]. Elements nested more than
//! [`MAX_NESTING`] deep are refused (`Hostile`): the parser's work grows with the square of
//! the depth. Tags the parser cannot pair still end blocks, and their text is read.

use crate::office::Clock;
use crate::{Limits, ReadError, txt};
use plainly_text::document::{Origin, Place, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document, Lang};
use tree_sitter::{Node, Parser};

/// Nodes visited between two looks at the clock.
const CLOCK_EVERY: usize = 8192;
/// Deepest nesting of elements read (real pages stay far below).
pub const MAX_NESTING: usize = 512;

/// Elements that have no end tag, or whose end tag may be left out: they do not count in
/// the nesting depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "rt", "rp", "html", "head", "body",
];

/// An estimate of the deepest element nesting of `text`, from its tags alone.
fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b.get(from..)?
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|p| from + p)
    };
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        if b.get(i) != Some(&b'<') {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if b.get(i + 1..i + 4) == Some(b"!--".as_slice()) {
            i = find(i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = next == b'/';
        let start = if closing { i + 2 } else { i + 1 };
        let name_end = (start..b.len())
            .find(|&k| !b.get(k).is_some_and(u8::is_ascii_alphanumeric))
            .unwrap_or(b.len());
        let name = text.get(start..name_end).unwrap_or("").to_ascii_lowercase();
        let end = find(name_end, b">").unwrap_or(b.len());
        i = end + 1;
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if b.get(end.saturating_sub(1)) != Some(&b'/') {
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                i = find(i, close.as_bytes()).unwrap_or(b.len());
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Read an HTML file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let (text, _) = txt::decode(bytes);
    limits.check_text(&text)?;
    // tree-sitter's work grows with the square of the nesting depth.
    if nesting_depth(&text) > MAX_NESTING {
        return Err(ReadError::Hostile(format!(
            "elements are nested more than {MAX_NESTING} deep"
        )));
    }
    let clock = Clock::new(limits);
    let (blocks, declared_lang) = parse(&text, 0, &clock)?;
    Ok(Document {
        format: "html".into(),
        blocks,
        sources: vec![Source {
            name: String::new(),
            text,
        }],
        declared_lang,
    })
}

/// Parse HTML `text` into prose blocks whose maps point into `text` (source `source`), and
/// the language `<html lang>` declares.
pub(crate) fn parse(
    text: &str,
    source: u32,
    clock: &Clock,
) -> Result<(Vec<Block>, Option<Lang>), ReadError> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_html::LANGUAGE.into())
        .map_err(|_| ReadError::Unsupported("html".into()))?;
    let tree = parser
        .parse(text, None)
        .ok_or_else(|| ReadError::Corrupt("the HTML could not be parsed".into()))?;
    clock.check()?;
    let mut w = HtmlWalker {
        src: text,
        source,
        blocks: Vec::new(),
        current: None,
        stack: Vec::new(),
        last_end: 0,
        declared_lang: None,
        pre: 0,
        content: 0,
        errors: 0,
    };
    w.walk(tree.root_node(), clock)?;
    w.flush();
    Ok((w.blocks, w.declared_lang))
}

/// Elements whose content is never prose.
const SKIP: &[&str] = &[
    "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
    "select", "option", "textarea", "button", "title", "meta", "link", "map", "audio", "video",
];

/// Elements that start and end a block.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

#[derive(Debug, Clone)]
struct Ctx {
    tag: String,
    /// The language of an element with its own `lang` (None inside: unknown language).
    lang: Option<Option<Lang>>,
    block: bool,
}

#[derive(Debug)]
struct Building {
    kind: BlockKind,
    lang: Option<Lang>,
    text: String,
    map: SourceMap,
    /// A collapsed white space waiting for the next text, at this source offset.
    space: Option<usize>,
}

impl Building {
    fn new(kind: BlockKind, lang: Option<Lang>) -> Self {
        Building {
            kind,
            lang,
            text: String::new(),
            map: SourceMap::default(),
            space: None,
        }
    }
}

struct HtmlWalker<'a> {
    src: &'a str,
    source: u32,
    blocks: Vec<Block>,
    current: Option<Building>,
    stack: Vec<Ctx>,
    last_end: usize,
    declared_lang: Option<Lang>,
    /// Open `pre` and `article`/`main` elements.
    pre: usize,
    content: usize,
    /// Open ERROR nodes.
    errors: usize,
}

impl std::fmt::Debug for HtmlWalker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlWalker")
            .field("blocks", &self.blocks.len())
            .finish()
    }
}

fn tag_of(node: Node<'_>, src: &str) -> Option<String> {
    let mut cursor = node.walk();
    let tag = node
        .children(&mut cursor)
        .find(|c| c.kind() == "start_tag" || c.kind() == "self_closing_tag")?;
    let mut c2 = tag.walk();
    let name = tag.children(&mut c2).find(|c| c.kind() == "tag_name")?;
    Some(src.get(name.byte_range())?.to_ascii_lowercase())
}

/// Attributes of an element's start tag: (lower-case name, raw value).
fn attributes<'s>(node: Node<'_>, src: &'s str) -> Vec<(String, &'s str)> {
    let mut out = Vec::new();
    let mut cursor = node.walk();
    let Some(tag) = node
        .children(&mut cursor)
        .find(|c| c.kind() == "start_tag" || c.kind() == "self_closing_tag")
    else {
        return out;
    };
    let mut c2 = tag.walk();
    for attr in tag.children(&mut c2).filter(|c| c.kind() == "attribute") {
        let mut c3 = attr.walk();
        let mut name = None;
        let mut value = "";
        for part in attr.children(&mut c3) {
            match part.kind() {
                "attribute_name" => name = src.get(part.byte_range()).map(str::to_ascii_lowercase),
                "attribute_value" => value = src.get(part.byte_range()).unwrap_or(""),
                "quoted_attribute_value" => {
                    let mut c4 = part.walk();
                    value = part
                        .children(&mut c4)
                        .find(|v| v.kind() == "attribute_value")
                        .and_then(|v| src.get(v.byte_range()))
                        .unwrap_or("");
                }
                _ => {}
            }
        }
        if let Some(n) = name {
            out.push((n, value));
        }
    }
    out
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

impl HtmlWalker<'_> {
    fn in_content(&self) -> bool {
        self.content > 0
    }

    fn in_pre(&self) -> bool {
        self.pre > 0
    }

    fn count(&mut self, tag: &str, up: bool) {
        let counter = match tag {
            "pre" | "listing" => &mut self.pre,
            "article" | "main" => &mut self.content,
            _ => return,
        };
        *counter = if up {
            *counter + 1
        } else {
            counter.saturating_sub(1)
        };
    }

    fn kind(&self) -> BlockKind {
        for c in self.stack.iter().rev() {
            let kind = match c.tag.as_str() {
                "h1" => BlockKind::Heading(1),
                "h2" => BlockKind::Heading(2),
                "h3" => BlockKind::Heading(3),
                "h4" => BlockKind::Heading(4),
                "h5" => BlockKind::Heading(5),
                "h6" => BlockKind::Heading(6),
                "li" => BlockKind::ListItem,
                "td" | "th" => BlockKind::TableCell,
                "blockquote" => BlockKind::Quote,
                "address" => BlockKind::Address,
                "header" => BlockKind::Header,
                "footer" => BlockKind::Footer,
                _ => continue,
            };
            return kind;
        }
        BlockKind::Paragraph
    }

    fn lang(&self) -> Option<Lang> {
        self.stack.iter().rev().find_map(|c| c.lang).flatten()
    }

    fn building(&mut self) -> &mut Building {
        if self.current.is_none() {
            self.current = Some(Building::new(self.kind(), self.lang()));
        }
        self.current
            .get_or_insert_with(|| Building::new(BlockKind::Paragraph, None))
    }

    /// White space in the source at `at`: one space before the next text.
    fn space(&mut self, at: usize) {
        if let Some(b) = self.current.as_mut()
            && !b.text.is_empty()
            && !b.text.ends_with('\n')
            && b.space.is_none()
        {
            b.space = Some(at);
        }
    }

    /// Text `piece` of the block, from `src_len` source bytes at `src_start`.
    fn push(&mut self, piece: &str, src_start: usize, src_len: usize) {
        if piece.is_empty() {
            return;
        }
        let b = self.building();
        if let Some(at) = b.space.take() {
            b.map.push(b.text.len(), 1, at, 1);
            b.text.push(' ');
        }
        b.map.push(b.text.len(), piece.len(), src_start, src_len);
        b.text.push_str(piece);
    }

    /// Text from the source, white space collapsed (kept in `pre`).
    fn text(&mut self, start: usize, end: usize) {
        let Some(s) = self.src.get(start..end) else {
            return;
        };
        if self.in_pre() {
            let s = s.to_string();
            self.push(&s, start, end - start);
            return;
        }
        let mut run_start: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if is_html_space(c) {
                if let Some(r) = run_start.take() {
                    let piece = s.get(r..i).unwrap_or_default().to_string();
                    self.push(&piece, start + r, i - r);
                }
                self.space(start + i);
            } else if run_start.is_none() {
                run_start = Some(i);
            }
        }
        if let Some(r) = run_start {
            let piece = s.get(r..).unwrap_or_default().to_string();
            self.push(&piece, start + r, s.len() - r);
        }
    }

    fn line_break(&mut self, start: usize, end: usize) {
        let b = self.building();
        b.space = None;
        b.map.push(b.text.len(), 1, start, end - start);
        b.text.push('\n');
    }

    fn flush(&mut self) {
        let Some(b) = self.current.take() else {
            return;
        };
        let trimmed = b.text.trim_end().len();
        if trimmed == 0 {
            return;
        }
        let mut text = b.text;
        text.truncate(trimmed);
        let mut block = Block::new(
            b.kind,
            text,
            Origin {
                source: self.source,
                map: b.map,
                place: Place::default(),
            },
        );
        block.lang = b.lang;
        self.blocks.push(block);
    }

    /// Handle the gap between the last node and one starting at `start`: extras (white
    /// space) between nodes collapse to one space.
    fn gap(&mut self, start: usize) {
        if start > self.last_end
            && let Some(g) = self.src.get(self.last_end..start)
            && let Some(i) = g.find(is_html_space)
        {
            if self.in_pre() {
                let g = g.to_string();
                let at = self.last_end;
                self.push(&g, at, g.len());
            } else {
                self.space(self.last_end + i);
            }
        }
    }

    fn walk(&mut self, root: Node<'_>, clock: &Clock) -> Result<(), ReadError> {
        let mut cursor = root.walk();
        let mut visited = 0usize;
        // Entered nodes, to leave them on the way up: (node id, an element with a context).
        let mut entered: Vec<(usize, bool)> = Vec::new();
        'outer: loop {
            visited += 1;
            if visited.is_multiple_of(CLOCK_EVERY) {
                clock.check()?;
            }
            let node = cursor.node();
            let descend = self.enter(node, &mut entered);
            if descend && cursor.goto_first_child() {
                continue;
            }
            self.leave(node, &mut entered);
            loop {
                if cursor.goto_next_sibling() {
                    continue 'outer;
                }
                if !cursor.goto_parent() {
                    break 'outer;
                }
                let parent = cursor.node();
                self.leave(parent, &mut entered);
            }
        }
        Ok(())
    }

    /// Enter `node`; true to visit its children.
    fn enter(&mut self, node: Node<'_>, entered: &mut Vec<(usize, bool)>) -> bool {
        let (start, end) = (node.start_byte(), node.end_byte());
        match node.kind() {
            "document" => true,
            "text" => {
                self.gap(start);
                self.text(start, end);
                self.last_end = end;
                false
            }
            "entity" => {
                self.gap(start);
                let raw = self.src.get(start..end).unwrap_or_default();
                match decode_entity(raw) {
                    Some(c) => {
                        let s = c.to_string();
                        self.push(&s, start, end - start);
                    }
                    None => self.push(raw, start, end - start),
                }
                self.last_end = end;
                false
            }
            "element" => {
                self.gap(start);
                let tag = tag_of(node, self.src).unwrap_or_default();
                let attrs = attributes(node, self.src);
                let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| *v);
                if tag == "html" {
                    self.declared_lang = attr("lang").and_then(|l| l.trim().parse().ok());
                }
                let hidden = attr("hidden").is_some()
                    || attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
                    || attr("style").is_some_and(|s| {
                        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                        s.to_ascii_lowercase().contains("display:none")
                    });
                let chrome = matches!(tag.as_str(), "nav" | "aside")
                    || (matches!(tag.as_str(), "header" | "footer") && !self.in_content());
                let block = BLOCK_LEVEL.contains(&tag.as_str());
                if SKIP.contains(&tag.as_str()) || hidden || chrome {
                    if block {
                        self.flush();
                    }
                    self.last_end = end;
                    return false;
                }
                // Void elements; a lenient parse may still give them children.
                if matches!(tag.as_str(), "br" | "img" | "input" | "wbr" | "hr") {
                    let tag_end = node.child(0).map_or(end, |c| c.end_byte());
                    if tag == "br" {
                        self.line_break(start, tag_end);
                    } else if tag == "hr" {
                        self.flush();
                    }
                    self.last_end = tag_end;
                    return true;
                }
                if block {
                    self.flush();
                }
                let lang = if tag == "html" {
                    None
                } else {
                    attr("lang").map(|l| l.trim().parse::<Lang>().ok())
                };
                self.count(&tag, true);
                self.stack.push(Ctx { tag, lang, block });
                entered.push((node.id(), true));
                true
            }
            "start_tag" | "self_closing_tag" | "end_tag" | "erroneous_end_tag" | "doctype" => {
                self.gap(start);
                // Tags the parser could not pair (inside an ERROR node) still break blocks.
                if self.errors > 0 {
                    let mut c = node.walk();
                    let name = node
                        .children(&mut c)
                        .find(|n| n.kind() == "tag_name")
                        .and_then(|n| self.src.get(n.byte_range()))
                        .map(str::to_ascii_lowercase)
                        .unwrap_or_default();
                    if name == "br" && node.kind() != "end_tag" {
                        self.line_break(start, end);
                    } else if BLOCK_LEVEL.contains(&name.as_str()) {
                        self.flush();
                    }
                }
                self.last_end = end;
                false
            }
            // Comments, script and style elements: not prose.
            "comment"
            | "script_element"
            | "style_element"
            | "raw_text"
            | "attribute"
            | "attribute_name"
            | "attribute_value"
            | "quoted_attribute_value"
            | "tag_name" => {
                self.gap(start);
                self.last_end = end;
                false
            }
            // What the parser could not place (ERROR nodes): its text is still read.
            _ => {
                self.errors += 1;
                entered.push((node.id(), false));
                true
            }
        }
    }

    fn leave(&mut self, node: Node<'_>, entered: &mut Vec<(usize, bool)>) {
        if let Some(&(id, element)) = entered.last()
            && id == node.id()
        {
            entered.pop();
            if !element {
                self.errors = self.errors.saturating_sub(1);
                self.flush();
                return;
            }
            if let Some(ctx) = self.stack.pop() {
                self.count(&ctx.tag, false);
                if ctx.block {
                    self.flush();
                }
            }
            self.last_end = self.last_end.max(node.end_byte());
        }
    }
}

/// Decode an entity (`&amp;`, `&#233;`, `&#xE9;`); `None` for an unknown name.
pub fn decode_entity(raw: &str) -> Option<char> {
    let body = raw
        .strip_prefix('&')?
        .strip_suffix(';')
        .unwrap_or(raw.get(1..)?);
    if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Windows-1252 code points written as numbers, as browsers read them.
        let v = match v {
            0x80 => 0x20AC,
            0x91 => 0x2018,
            0x92 => 0x2019,
            0x93 => 0x201C,
            0x94 => 0x201D,
            0x96 => 0x2013,
            0x97 => 0x2014,
            0x85 => 0x2026,
            0 => 0xFFFD,
            v => v,
        };
        return char::from_u32(v).or(Some('\u{FFFD}'));
    }
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "sect" => '§',
        "para" => '¶',
        "middot" => '·',
        "bull" => '•',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "ordf" => 'ª',
        "ordm" => 'º',
        "micro" => 'µ',
        "iexcl" => '¡',
        "iquest" => '¿',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "minus" => '−',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "check" => '✓',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Auml" => 'Ä',
        "Aring" => 'Å',
        "AElig" => 'Æ',
        "Ccedil" => 'Ç',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Euml" => 'Ë',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Icirc" => 'Î',
        "Iuml" => 'Ï',
        "Ntilde" => 'Ñ',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ouml" => 'Ö',
        "Oslash" => 'Ø',
        "OElig" => 'Œ',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Ucirc" => 'Û',
        "Uuml" => 'Ü',
        "Yacute" => 'Ý',
        "szlig" => 'ß',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "aring" => 'å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "oslash" => 'ø',
        "oelig" => 'œ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        "Yuml" => 'Ÿ',
        "ij" => 'ĳ',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entity("&amp;"), Some('&'));
        assert_eq!(decode_entity("&eacute;"), Some('é'));
        assert_eq!(decode_entity("&#233;"), Some('é'));
        assert_eq!(decode_entity("&#xE9;"), Some('é'));
        assert_eq!(decode_entity("&#146;"), Some('’'));
        assert_eq!(decode_entity("&bogus;"), None);
    }
}
