//! Safe XML reading for package parts.
//!
//! - A document type declaration (`<!DOCTYPE`, the only place `<!ENTITY` can live) is refused:
//!   no entity beyond the five predefined ones and numeric references is ever expanded.
//! - Nesting deeper than [`MAX_DEPTH`] is refused.
//! - Names are resolved to namespaces, so prefixes chosen by other producers do not matter.
//! - The time budget is checked every few thousand events.

use crate::ReadError;
use crate::office::Clock;
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// Deepest element nesting accepted. Real documents stay far below (tables in text boxes in
/// tables reach a few dozen levels).
pub(crate) const MAX_DEPTH: usize = 512;

/// Where a walk over a part stands: the tags of the open elements, and how deep it is
/// inside an element it skips (with everything in it).
#[derive(Debug)]
pub(crate) struct Nesting<T> {
    path: Vec<T>,
    skip: usize,
}

impl<T: Copy> Nesting<T> {
    pub(crate) fn new() -> Self {
        Nesting {
            path: Vec::new(),
            skip: 0,
        }
    }

    /// Inside a skipped element.
    pub(crate) fn skipping(&self) -> bool {
        self.skip > 0
    }

    /// A start inside a skipped element is counted and ignored: `true` then.
    pub(crate) fn start_skipped(&mut self, empty: bool) -> bool {
        if self.skip == 0 {
            return false;
        }
        if !empty {
            self.skip += 1;
        }
        true
    }

    /// Skip the element just started (nothing to skip when it is empty).
    pub(crate) fn skip(&mut self, empty: bool) {
        if !empty {
            self.skip = 1;
        }
    }

    pub(crate) fn open(&mut self, tag: T) {
        self.path.push(tag);
    }

    /// An end: the tag of the element it closes, or `None` inside a skipped element.
    pub(crate) fn end(&mut self) -> Option<T> {
        if self.skip > 0 {
            self.skip -= 1;
            return None;
        }
        self.path.pop()
    }

    /// The innermost open element's tag.
    pub(crate) fn parent(&self) -> Option<T> {
        self.path.last().copied()
    }
}

/// The namespaces the readers look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office document relationships (`r:id`).
    R,
    /// ODF namespaces.
    Office,
    Text,
    Table,
    Style,
    Fo,
    Draw,
    Manifest,
    Dc,
    /// Any other namespace.
    Other,
    /// No namespace.
    None,
}

fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
        b"urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
        b"urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::Table,
        b"urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::Style,
        b"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" => Ns::Fo,
        b"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::Draw,
        b"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" => Ns::Manifest,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

fn resolved(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(ns) => ns_of(ns.as_ref()),
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// An element start with its namespace-resolved name and attributes.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub ns: Ns,
    pub name: String,
    attrs: Vec<(Ns, String, String)>,
}

impl Elem {
    pub(crate) fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// Value of the attribute `name` in namespace `ns`.
    pub(crate) fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, k, _)| *n == ns && k == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// Value of the attribute with local name `name`, whatever its namespace.
    pub(crate) fn attr_any(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(_, k, _)| k == name)
            .map(|(_, _, v)| v.as_str())
    }

    /// A WordprocessingML on/off property: absent `w:val` or any value but `0`, `false`,
    /// `off` means on.
    pub(crate) fn on(&self) -> bool {
        !matches!(self.attr(Ns::W, "val"), Some("0" | "false" | "off"))
    }
}

/// One XML event, reduced to what the readers need.
#[derive(Debug)]
pub(crate) enum Ev {
    Start(Elem),
    Empty(Elem),
    End,
    Text(String),
    Eof,
}

/// A pull reader over one part.
pub(crate) struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    bytes: &'a [u8],
    part: String,
    depth: usize,
    events: u32,
    clock: &'a Clock,
}

impl std::fmt::Debug for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Xml")
            .field("part", &self.part)
            .field("depth", &self.depth)
            .finish()
    }
}

impl<'a> Xml<'a> {
    pub(crate) fn new(bytes: &'a [u8], part: &str, clock: &'a Clock) -> Self {
        let mut reader = NsReader::from_reader(bytes);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Xml {
            reader,
            bytes,
            part: part.to_string(),
            depth: 0,
            events: 0,
            clock,
        }
    }

    fn corrupt(&self, what: &str) -> ReadError {
        ReadError::Corrupt(format!("{what} in {}", self.part))
    }

    /// The next event. Errors are final: the caller stops reading this part.
    pub(crate) fn next(&mut self) -> Result<Ev, ReadError> {
        loop {
            self.events = self.events.wrapping_add(1);
            if self.events.is_multiple_of(4096) {
                self.clock.check()?;
            }
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ns, event)) => (resolved(&ns), event),
                Err(_) => {
                    // An entity declaration outside a DOCTYPE is broken XML, but say why.
                    if contains(self.bytes, b"<!ENTITY") {
                        return Err(ReadError::Hostile(
                            "XML with a document type declaration".to_string(),
                        ));
                    }
                    return Err(self.corrupt("broken XML"));
                }
            };
            match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(ReadError::Hostile(format!(
                            "XML nested more than {MAX_DEPTH} levels deep"
                        )));
                    }
                    let elem = self.elem(ns, &e);
                    return Ok(Ev::Start(elem));
                }
                Event::Empty(e) => {
                    let elem = self.elem(ns, &e);
                    return Ok(Ev::Empty(elem));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Ev::End);
                }
                Event::Text(t) => {
                    let s = t.unescape().map_err(|_| self.corrupt("broken XML text"))?;
                    return Ok(Ev::Text(s.into_owned()));
                }
                Event::CData(t) => {
                    let s = std::str::from_utf8(t.as_ref())
                        .map_err(|_| self.corrupt("text that is not UTF-8"))?;
                    return Ok(Ev::Text(s.to_string()));
                }
                Event::DocType(_) => {
                    return Err(ReadError::Hostile(
                        "XML with a document type declaration".to_string(),
                    ));
                }
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(self.corrupt("XML that ends too early"));
                    }
                    return Ok(Ev::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
    }

    fn elem(&self, ns: Ns, e: &BytesStart) -> Elem {
        let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
        let mut attrs = Vec::new();
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key;
            // Namespace declarations are not attributes for the readers.
            if key.as_ref() == b"xmlns" || key.as_ref().starts_with(b"xmlns:") {
                continue;
            }
            let (ans, local) = self.reader.resolve_attribute(key);
            let Ok(value) = a.unescape_value() else {
                continue;
            };
            attrs.push((
                resolved(&ans),
                String::from_utf8_lossy(local.as_ref()).into_owned(),
                value.into_owned(),
            ));
        }
        Elem { ns, name, attrs }
    }
}
