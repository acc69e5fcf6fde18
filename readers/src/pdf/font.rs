//! Fonts: how the codes of a shown string split into glyphs, what text each glyph stands
//! for and how wide it is.
//!
//! Text comes from, in order: the font's `/ToUnicode` CMap (our own parser: `bfchar`,
//! `bfrange`, `codespacerange`); for simple fonts, the `/Encoding` (a base encoding —
//! WinAnsi, Standard, MacRoman — with `/Differences` glyph names, resolved through lopdf's
//! glyph list plus `uniXXXX`/`uXXXX`, `f_i` and `a.sc` names); for composite fonts without
//! a ToUnicode, a predefined UCS-2 CMap, or for a TrueType font that is not embedded, the
//! standard Macintosh glyph order a viewer falls back to. A glyph none of these maps is
//! *unmapped*: it counts against the text-quality gate and never reaches a block.

use super::objects::{self, Pdf};
use lopdf::{Dictionary, Encoding, Object};
use std::collections::HashMap;

/// The text of one glyph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum GlyphText {
    Mapped(String),
    Unmapped,
}

/// How codes split: one byte (simple fonts) or by codespace ranges (composite fonts).
#[derive(Debug, Clone)]
enum Codes {
    OneByte,
    Ranges(Vec<CodeRange>),
}

#[derive(Debug, Clone)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// Where the text of a composite font's glyph comes from when there is no ToUnicode.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CidText {
    None,
    /// Codes are UCS-2 / UTF-16 (predefined `Uni…-UCS2-H` / `Uni…-UTF16-H` CMaps).
    Ucs2,
    /// Glyph ids in the standard Macintosh order (a TrueType font that is not embedded).
    MacOrder,
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: Option<f64>,
        standard: Option<Standard>,
    },
    Cid {
        default: f64,
        map: HashMap<u32, f64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Standard {
    Helvetica,
    Times,
    Courier,
}

/// A font ready to decode strings.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    codes: Codes,
    to_unicode: Option<CMap>,
    /// Simple fonts: the text of each code from the encoding (empty: unmapped).
    simple: Vec<String>,
    cid_text: CidText,
    /// Composite fonts with a non-identity CMap: code → CID.
    cid_map: Option<CMap>,
    widths: Widths,
    /// Glyph space to text space (0.001, or a Type 3 font's matrix).
    scale: f64,
    pub bold: bool,
}

/// One glyph of a shown string.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    pub text: GlyphText,
    /// Width in text space units for a font size of 1.
    pub width: f64,
    /// A single-byte code 32, to which word spacing applies.
    pub is_space_code: bool,
}

impl Font {
    /// A font for a missing or unreadable font dictionary: one byte per code, Latin-1-ish.
    pub(crate) fn fallback() -> Font {
        Font {
            codes: Codes::OneByte,
            to_unicode: None,
            simple: base_table(b"StandardEncoding"),
            cid_text: CidText::None,
            cid_map: None,
            widths: Widths::Simple {
                first: 0,
                widths: Vec::new(),
                missing: None,
                standard: Some(Standard::Helvetica),
            },
            scale: 0.001,
            bold: false,
        }
    }

    /// Load the font dictionary `dict`.
    pub(crate) fn load(pdf: &Pdf, dict: &Dictionary) -> Font {
        let subtype = objects::name(pdf, dict.get(b"Subtype").ok()).unwrap_or_default();
        let base_font = objects::name(pdf, dict.get(b"BaseFont").ok()).unwrap_or_default();
        let base_name = String::from_utf8_lossy(&base_font).to_string();
        let bold = {
            let l = base_name.to_ascii_lowercase();
            l.contains("bold") || l.contains("black") || l.contains("heavy") || l.contains("-medi")
        };
        let to_unicode = objects::dict_get(pdf, dict, b"ToUnicode")
            .and_then(|o| objects::stream_bytes(pdf, o))
            .map(|b| CMap::parse(&b));
        if subtype == b"Type0" {
            return Font::load_type0(pdf, dict, to_unicode, bold);
        }
        let scale = if subtype == b"Type3" {
            objects::dict_get(pdf, dict, b"FontMatrix")
                .and_then(|o| objects::numbers(pdf, o))
                .and_then(|m| m.first().copied())
                .filter(|v| v.is_finite() && *v != 0.0)
                .map(f64::abs)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let descriptor =
            objects::dict_get(pdf, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let symbolic = descriptor
            .and_then(|d| objects::dict_get(pdf, d, b"Flags"))
            .and_then(|o| objects::number(pdf, o))
            .is_some_and(|f| (f as i64) & 4 != 0);
        let simple = simple_table(pdf, dict, &subtype, &base_name, symbolic);
        let first = objects::dict_get(pdf, dict, b"FirstChar")
            .and_then(|o| objects::number(pdf, o))
            .filter(|v| (0.0..=255.0).contains(v))
            .map_or(0, |v| v as u32);
        let widths = objects::dict_get(pdf, dict, b"Widths")
            .and_then(|o| objects::numbers(pdf, o))
            .unwrap_or_default();
        let missing = descriptor
            .and_then(|d| objects::dict_get(pdf, d, b"MissingWidth"))
            .and_then(|o| objects::number(pdf, o))
            .filter(|w| *w > 0.0);
        let standard = if widths.is_empty() {
            Some(standard_of(&base_name))
        } else {
            None
        };
        Font {
            codes: Codes::OneByte,
            to_unicode,
            simple,
            cid_text: CidText::None,
            cid_map: None,
            widths: Widths::Simple {
                first,
                widths,
                missing,
                standard,
            },
            scale,
            bold,
        }
    }

    fn load_type0(pdf: &Pdf, dict: &Dictionary, to_unicode: Option<CMap>, bold: bool) -> Font {
        let descendant = objects::dict_get(pdf, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| objects::resolve(pdf, o))
            .and_then(|o| o.as_dict().ok());
        let encoding = objects::dict_get(pdf, dict, b"Encoding");
        let enc_name = encoding.and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec);
        let enc_stream = encoding
            .filter(|o| o.as_stream().is_ok())
            .and_then(|o| objects::stream_bytes(pdf, o))
            .map(|b| CMap::parse(&b));
        let mut cid_text = CidText::None;
        let mut codes = Codes::Ranges(vec![CodeRange {
            len: 2,
            lo: [0; 4],
            hi: [0xFF; 4],
        }]);
        let mut cid_map = None;
        match (&enc_name, enc_stream) {
            (Some(n), _) if n.as_slice() == b"Identity-H" || n.as_slice() == b"Identity-V" => {}
            (Some(n), _) => {
                let s = String::from_utf8_lossy(n);
                if s.contains("UCS2") || s.contains("UTF16") {
                    cid_text = CidText::Ucs2;
                } else if let Some(tu) = &to_unicode
                    && !tu.ranges.is_empty()
                {
                    codes = Codes::Ranges(tu.ranges.clone());
                }
            }
            (None, Some(cmap)) => {
                if !cmap.ranges.is_empty() {
                    codes = Codes::Ranges(cmap.ranges.clone());
                }
                cid_map = Some(cmap);
            }
            (None, None) => {}
        }
        let mut default = 1000.0;
        let mut map = HashMap::new();
        if let Some(d) = descendant {
            if let Some(w) = objects::dict_get(pdf, d, b"DW").and_then(|o| objects::number(pdf, o))
            {
                default = w;
            }
            if let Some(arr) = objects::dict_get(pdf, d, b"W").and_then(|o| o.as_array().ok()) {
                parse_cid_widths(pdf, arr, &mut map);
            }
            if to_unicode.is_none() && cid_text == CidText::None {
                let sub = objects::name(pdf, d.get(b"Subtype").ok()).unwrap_or_default();
                let embedded = objects::dict_get(pdf, d, b"FontDescriptor")
                    .and_then(|o| o.as_dict().ok())
                    .is_some_and(|fd| {
                        fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3")
                    });
                if sub == b"CIDFontType2" && !embedded {
                    cid_text = CidText::MacOrder;
                }
            }
        }
        Font {
            codes,
            to_unicode,
            simple: Vec::new(),
            cid_text,
            cid_map,
            widths: Widths::Cid { default, map },
            scale: 0.001,
            bold,
        }
    }

    /// Split `bytes` into glyphs.
    pub(crate) fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = match &self.codes {
                Codes::OneByte => 1,
                Codes::Ranges(r) => code_len(r, bytes.get(i..).unwrap_or_default()),
            };
            let end = (i + len).min(bytes.len());
            let slice = bytes.get(i..end).unwrap_or_default();
            let code = slice.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
            out.push(self.glyph(code, slice.len()));
            i = end.max(i + 1);
        }
        out
    }

    fn glyph(&self, code: u32, len: usize) -> Code {
        let mut text = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.unicode(code, len))
            .map(GlyphText::Mapped);
        let is_simple = matches!(self.codes, Codes::OneByte);
        if text.is_none() {
            text = Some(if is_simple {
                match self.simple.get(code as usize) {
                    Some(s) if !s.is_empty() => GlyphText::Mapped(s.clone()),
                    _ => GlyphText::Unmapped,
                }
            } else {
                match self.cid_text {
                    CidText::Ucs2 => char::from_u32(code)
                        .filter(|c| !c.is_control())
                        .map_or(GlyphText::Unmapped, |c| GlyphText::Mapped(c.to_string())),
                    CidText::MacOrder => mac_glyph(code)
                        .map_or(GlyphText::Unmapped, |c| GlyphText::Mapped(c.to_string())),
                    CidText::None => GlyphText::Unmapped,
                }
            });
        }
        let text = text.unwrap_or(GlyphText::Unmapped);
        let width = self.width(code, &text) * self.scale;
        Code {
            text,
            width,
            is_space_code: is_simple && code == 32,
        }
    }

    fn width(&self, code: u32, text: &GlyphText) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
                standard,
            } => {
                if let Some(w) = code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .filter(|w| w.is_finite() && **w >= 0.0)
                {
                    return *w;
                }
                if let Some(std) = standard {
                    let c = match text {
                        GlyphText::Mapped(s) => s.chars().next().unwrap_or(' '),
                        GlyphText::Unmapped => ' ',
                    };
                    return standard_width(*std, c);
                }
                missing.unwrap_or(500.0)
            }
            Widths::Cid { default, map } => {
                let cid = self
                    .cid_map
                    .as_ref()
                    .and_then(|m| m.cid(code))
                    .unwrap_or(code);
                map.get(&cid).copied().unwrap_or(*default)
            }
        }
    }
}

fn code_len(ranges: &[CodeRange], bytes: &[u8]) -> usize {
    for len in 1..=4 {
        let Some(code) = bytes.get(..len) else {
            break;
        };
        let hit = ranges.iter().any(|r| {
            r.len == len
                && code.iter().enumerate().all(|(i, b)| {
                    *b >= r.lo.get(i).copied().unwrap_or(0)
                        && *b <= r.hi.get(i).copied().unwrap_or(0xFF)
                })
        });
        if hit {
            return len;
        }
    }
    // No range matches: the shortest length any range uses.
    ranges.iter().map(|r| r.len).min().unwrap_or(1).max(1)
}

fn parse_cid_widths(pdf: &Pdf, arr: &[Object], map: &mut HashMap<u32, f64>) {
    const MAX_ENTRIES: usize = 200_000;
    let mut i = 0;
    while i < arr.len() && map.len() < MAX_ENTRIES {
        let Some(first) = arr.get(i).and_then(|o| objects::number(pdf, o)) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match arr.get(i + 1).and_then(|o| objects::resolve(pdf, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = objects::number(pdf, w) {
                        map.insert(first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = objects::number(pdf, o).map_or(first, |v| v.max(0.0) as u32);
                let w = arr
                    .get(i + 2)
                    .and_then(|o| objects::number(pdf, o))
                    .unwrap_or(1000.0);
                let last = last.min(first.saturating_add(65_535));
                for cid in first..=last {
                    map.insert(cid, w);
                    if map.len() >= MAX_ENTRIES {
                        break;
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Simple-font encodings

/// The text of each of the 256 codes of a base encoding, through lopdf's tables.
fn base_table(name: &[u8]) -> Vec<String> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Encoding", Object::Name(name.to_vec()));
    let doc = lopdf::Document::new();
    let mut out = vec![String::new(); 256];
    if let Ok(enc) = dict.get_font_encoding(&doc) {
        for (b, slot) in out.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[b as u8]) {
                *slot = clean(s);
            }
        }
    }
    out
}

fn clean(s: String) -> String {
    if s.chars().any(|c| c.is_control() && c != '\t') {
        String::new()
    } else {
        s
    }
}

fn simple_table(
    pdf: &Pdf,
    dict: &Dictionary,
    subtype: &[u8],
    base_name: &str,
    symbolic: bool,
) -> Vec<String> {
    let implicit: &[u8] = if base_name.contains("Symbol") {
        b"Symbol"
    } else if subtype == b"TrueType" {
        b"WinAnsiEncoding"
    } else {
        b"StandardEncoding"
    };
    let encoding = objects::dict_get(pdf, dict, b"Encoding");
    let (base, differences) = match encoding {
        Some(Object::Name(n)) => (n.as_slice(), None),
        Some(Object::Dictionary(d)) => {
            let base = objects::dict_get(pdf, d, b"BaseEncoding")
                .and_then(|o| o.as_name().ok())
                .unwrap_or(implicit);
            let diffs = objects::dict_get(pdf, d, b"Differences").and_then(|o| o.as_array().ok());
            (base, diffs)
        }
        _ => (implicit, None),
    };
    let mut table = match base {
        b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding" | b"MacExpertEncoding" => {
            base_table(base)
        }
        b"Symbol" => symbol_table(),
        _ => base_table(b"StandardEncoding"),
    };
    // A symbolic TrueType font without an encoding maps codes straight to its glyphs; the
    // usual ones (Wingdings…) carry bullets and pictograms, not text.
    if symbolic && encoding.is_none() && subtype == b"TrueType" && !base_name.contains("Symbol") {
        table = base_table(b"WinAnsiEncoding");
    }
    if let Some(diffs) = differences {
        let mut code: usize = 0;
        let mut cache: HashMap<Vec<u8>, String> = HashMap::new();
        for item in diffs {
            match objects::resolve(pdf, item) {
                Some(Object::Integer(n)) => code = (*n).clamp(0, 255) as usize,
                Some(Object::Real(n)) => code = (*n as i64).clamp(0, 255) as usize,
                Some(Object::Name(name)) => {
                    let text = cache
                        .entry(name.clone())
                        .or_insert_with(|| glyph_name_text(name))
                        .clone();
                    if let Some(slot) = table.get_mut(code) {
                        *slot = text;
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

fn symbol_table() -> Vec<String> {
    // lopdf knows the Symbol encoding under this name.
    let t = base_table(b"SymbolEncoding");
    if t.iter().any(|s| !s.is_empty()) {
        t
    } else {
        base_table(b"StandardEncoding")
    }
}

/// The text of a glyph name, or empty when it names no known character.
pub(crate) fn glyph_name_text(name: &[u8]) -> String {
    let Ok(name) = std::str::from_utf8(name) else {
        return String::new();
    };
    if let Some(t) = lopdf_glyph(name) {
        return t;
    }
    // uniXXXX[XXXX…] and uXXXX[XX].
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        let units: Vec<u16> = (0..hex.len() / 4)
            .filter_map(|i| hex.get(i * 4..i * 4 + 4))
            .filter_map(|h| u16::from_str_radix(h, 16).ok())
            .collect();
        return clean(String::from_utf16_lossy(&units));
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.chars().all(|c| c.is_ascii_hexdigit())
        && let Ok(v) = u32::from_str_radix(hex, 16)
        && let Some(c) = char::from_u32(v)
    {
        return clean(c.to_string());
    }
    // a.sc, one.oldstyle: the part before the first dot.
    if let Some((stem, _)) = name.split_once('.')
        && !stem.is_empty()
    {
        return glyph_name_text(stem.as_bytes());
    }
    // f_f_i: a ligature of its parts.
    if name.contains('_') {
        let parts: Vec<String> = name
            .split('_')
            .map(|p| glyph_name_text(p.as_bytes()))
            .collect();
        if parts.iter().all(|p| !p.is_empty()) {
            return parts.concat();
        }
    }
    // A one-letter name is the letter itself (TeX fonts).
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_alphanumeric()
    {
        return c.to_string();
    }
    String::new()
}

/// The text of a glyph name in lopdf's glyph list.
fn lopdf_glyph(name: &str) -> Option<String> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(65),
            Object::Name(name.as_bytes().to_vec()),
        ]),
    );
    dict.set("Encoding", Object::Dictionary(enc));
    let doc = lopdf::Document::new();
    match dict.get_font_encoding(&doc) {
        Ok(e @ Encoding::Differences(_)) => e.bytes_to_string(&[65]).ok().map(clean),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// ToUnicode and embedded CMaps

/// A CMap: codespace ranges, code → text (`bfchar`/`bfrange`) and code → CID
/// (`cidchar`/`cidrange`).
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    ranges: Vec<CodeRange>,
    chars: HashMap<(usize, u32), String>,
    /// (len, lo, hi, first destination units or an array of texts).
    bf_ranges: Vec<(usize, u32, u32, BfDest)>,
    cids: Vec<(u32, u32, u32)>,
}

#[derive(Debug, Clone)]
enum BfDest {
    Start(Vec<u16>),
    List(Vec<String>),
}

/// Most entries read from one CMap.
const MAX_CMAP_ENTRIES: usize = 100_000;

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Word(Vec<u8>),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_CMAP_ENTRIES * 4 {
        let b = data.get(i).copied().unwrap_or(b' ');
        match b {
            b'%' => {
                while i < data.len() && !matches!(data.get(i), Some(b'\n' | b'\r')) {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                out.push(Tok::Word(b"<<".to_vec()));
                i += 2;
            }
            b'<' => {
                let mut hex = Vec::new();
                i += 1;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    if c.is_ascii_hexdigit() {
                        hex.push(c);
                    }
                }
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .filter_map(|p| std::str::from_utf8(p).ok())
                    .filter_map(|p| u8::from_str_radix(p, 16).ok())
                    .collect();
                out.push(Tok::Hex(bytes));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // A literal string (rare in CMaps): skip it, balancing parentheses.
                let mut depth = 0usize;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push(Tok::Word(Vec::new()));
            }
            c if c.is_ascii_whitespace() || c == 0 || c == b'>' => i += 1,
            _ => {
                let start = i;
                while let Some(&c) = data.get(i) {
                    if c.is_ascii_whitespace()
                        || matches!(c, b'<' | b'>' | b'[' | b']' | b'(' | b'%')
                        || c == 0
                    {
                        break;
                    }
                    i += 1;
                }
                let w = data.get(start..i).unwrap_or_default();
                if w.is_empty() {
                    i += 1;
                    continue;
                }
                match std::str::from_utf8(w)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(n) => out.push(Tok::Int(n)),
                    None => out.push(Tok::Word(w.to_vec())),
                }
            }
        }
    }
    out
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, b| (a << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes.first().copied().unwrap_or(0))];
    }
    bytes
        .chunks(2)
        .map(|p| {
            let hi = u16::from(p.first().copied().unwrap_or(0));
            let lo = u16::from(p.get(1).copied().unwrap_or(0));
            (hi << 8) | lo
        })
        .collect()
}

fn text_of(units: &[u16]) -> String {
    let s: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect();
    // A mapping to NUL or other controls is no text.
    if s.chars().all(|c| c.is_control() && !c.is_whitespace()) {
        String::new()
    } else {
        s.chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .collect()
    }
}

impl CMap {
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let toks = cmap_tokens(data);
        let mut m = CMap::default();
        let mut i = 0;
        let mut entries = 0usize;
        while i < toks.len() && entries < MAX_CMAP_ENTRIES {
            let Some(Tok::Word(w)) = toks.get(i) else {
                i += 1;
                continue;
            };
            i += 1;
            match w.as_slice() {
                b"begincodespacerange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let len = lo.len().clamp(1, 4);
                        let mut r = CodeRange {
                            len,
                            lo: [0; 4],
                            hi: [0xFF; 4],
                        };
                        for k in 0..len {
                            if let (Some(a), Some(b)) = (r.lo.get_mut(k), lo.get(k)) {
                                *a = *b;
                            }
                            if let (Some(a), Some(b)) = (r.hi.get_mut(k), hi.get(k)) {
                                *a = *b;
                            }
                        }
                        m.ranges.push(r);
                        i += 2;
                        entries += 1;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        let text = match dst {
                            Tok::Hex(d) => text_of(&utf16(d)),
                            Tok::Word(name) => {
                                glyph_name_text(name.strip_prefix(b"/").unwrap_or(name))
                            }
                            _ => break,
                        };
                        m.chars.insert((src.len(), be(src)), text);
                        i += 2;
                        entries += 1;
                    }
                }
                b"beginbfrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (l, h) = (be(lo), be(hi));
                        match toks.get(i + 2) {
                            Some(Tok::Hex(d)) => {
                                if h >= l {
                                    m.bf_ranges.push((lo.len(), l, h, BfDest::Start(utf16(d))));
                                }
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                let mut list = Vec::new();
                                let mut j = i + 3;
                                while let Some(Tok::Hex(d)) = toks.get(j) {
                                    list.push(text_of(&utf16(d)));
                                    j += 1;
                                }
                                if h >= l {
                                    m.bf_ranges.push((lo.len(), l, h, BfDest::List(list)));
                                }
                                i = j + 1;
                            }
                            _ => break,
                        }
                        entries += 1;
                    }
                }
                b"begincidchar" => {
                    while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let c = be(src);
                        m.cids.push((c, c, (*cid).max(0) as u32));
                        i += 2;
                        entries += 1;
                    }
                }
                b"begincidrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        m.cids.push((be(lo), be(hi), (*cid).max(0) as u32));
                        i += 3;
                        entries += 1;
                    }
                }
                _ => {}
            }
        }
        m
    }

    /// The text of `code` (`len` bytes), when the CMap maps it.
    fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(t) = self.chars.get(&(len, code)) {
            return Some(t.clone()).filter(|t| !t.is_empty());
        }
        for (rlen, lo, hi, dest) in self.bf_ranges.iter().rev() {
            if *rlen != len || code < *lo || code > *hi {
                continue;
            }
            let off = code - lo;
            let text = match dest {
                BfDest::Start(units) => {
                    let mut u = units.clone();
                    if let Some(last) = u.last_mut() {
                        *last = last.wrapping_add(off as u16);
                    }
                    text_of(&u)
                }
                BfDest::List(list) => list.get(off as usize).cloned().unwrap_or_default(),
            };
            return Some(text).filter(|t| !t.is_empty());
        }
        None
    }

    fn cid(&self, code: u32) -> Option<u32> {
        self.cids
            .iter()
            .rev()
            .find(|(lo, hi, _)| code >= *lo && code <= *hi)
            .map(|(lo, _, cid)| cid.saturating_add(code - lo))
    }
}

// ---------------------------------------------------------------------------------------
// Standard metrics and glyph orders

fn standard_of(base: &str) -> Standard {
    let l = base.to_ascii_lowercase();
    if l.contains("courier") || l.contains("mono") {
        Standard::Courier
    } else if l.contains("times") || l.contains("serif") && !l.contains("sans") {
        Standard::Times
    } else {
        Standard::Helvetica
    }
}

/// Widths of the ASCII characters 32–126 in Helvetica and Times-Roman (1/1000 em).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

fn standard_width(std: Standard, c: char) -> f64 {
    let table = match std {
        Standard::Courier => return 600.0,
        Standard::Helvetica => &HELVETICA,
        Standard::Times => &TIMES,
    };
    let base = if c.is_ascii() {
        c
    } else {
        // An accented letter is about as wide as its base letter.
        match c {
            'à'..='å' => 'a',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ò'..='ö' => 'o',
            'ù'..='ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'À'..='Å' => 'A',
            'È'..='Ë' => 'E',
            'Ì'..='Ï' => 'I',
            'Ò'..='Ö' => 'O',
            'Ù'..='Ü' => 'U',
            'Ç' => 'C',
            'ß' => 'b',
            _ => 'n',
        }
    };
    let idx = (base as usize).checked_sub(32);
    idx.and_then(|i| table.get(i))
        .map_or(500.0, |w| f64::from(*w))
}

/// The standard Macintosh glyph order (TrueType `post` format 1), from glyph 98 on;
/// glyphs 3–97 are the ASCII characters 32–126.
const MAC_ORDER: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u{a0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{f8ff}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇŁłŠšŽž¦ÐðÝýÞþ−×¹²³½¼¾₣ĞğİŞşĆćČčđ";

fn mac_glyph(gid: u32) -> Option<char> {
    match gid {
        3..=97 => char::from_u32(gid + 29),
        98..=257 => MAC_ORDER
            .chars()
            .nth((gid - 98) as usize)
            .filter(|c| *c != '\u{f8ff}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_order_has_160_glyphs() {
        assert_eq!(MAC_ORDER.chars().count(), 160);
        assert_eq!(mac_glyph(70), Some('c'));
        assert_eq!(mac_glyph(112), Some('é'));
        assert_eq!(mac_glyph(257), Some('đ'));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_text(b"eacute"), "é");
        assert_eq!(glyph_name_text(b"fi"), "ﬁ");
        assert_eq!(glyph_name_text(b"uni00E9"), "é");
        assert_eq!(glyph_name_text(b"u1F600"), "😀");
        assert_eq!(glyph_name_text(b"T_h"), "Th");
        assert_eq!(glyph_name_text(b"a.sc"), "a");
        assert_eq!(glyph_name_text(b"g123"), "");
    }

    #[test]
    fn cmap_parses_chars_and_ranges() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
              1 beginbfrange <0024> <0026> <0041> endbfrange\n\
              1 beginbfrange <0030> <0031> [<00E9> <00E8>] endbfrange",
        );
        assert_eq!(cmap.unicode(3, 2).as_deref(), Some(" "));
        assert_eq!(cmap.unicode(0x11, 2).as_deref(), Some("fi"));
        assert_eq!(cmap.unicode(0x25, 2).as_deref(), Some("B"));
        assert_eq!(cmap.unicode(0x31, 2).as_deref(), Some("è"));
        assert_eq!(cmap.unicode(0x99, 2), None);
        assert_eq!(code_len(&cmap.ranges, &[0, 3, 0]), 2);
    }
}
