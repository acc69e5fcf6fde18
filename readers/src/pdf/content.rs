//! The content-stream walker: reads a page's operators (our own lenient lexer), keeps the
//! graphics state (CTM, `q`/`Q`) and the text state (text matrix, font, size, spacing,
//! scaling, leading, rise), follows form XObjects, and gives every shown glyph with its
//! position, advance and size in page space.

use super::font::{Font, GlyphText};
use super::objects::{self, Pdf};
use crate::ReadError;
use crate::office::Clock;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;

/// Operators between two looks at the clock.
const CLOCK_EVERY: usize = 4096;
/// Deepest `q` nesting kept (deeper saves are ignored).
const MAX_SAVES: usize = 256;
/// Deepest nesting of form XObjects.
const MAX_FORM_DEPTH: usize = 12;
/// Most operands kept on the stack (a stream of numbers without operators is junk).
const MAX_OPERANDS: usize = 4096;
/// Deepest array nesting in operands.
const MAX_ARRAY_DEPTH: usize = 16;
/// Most glyphs read from one page.
pub(crate) const MAX_GLYPHS: usize = 2_000_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub(crate) const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    fn from_slice(v: &[f64]) -> Option<Matrix> {
        match v {
            [a, b, c, d, e, f] => Some(Matrix {
                a: *a,
                b: *b,
                c: *c,
                d: *d,
                e: *e,
                f: *f,
            }),
            _ => None,
        }
    }

    /// `self × other` (apply `self` first, then `other`).
    pub(crate) fn mul(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix {
            e: tx,
            f: ty,
            ..Matrix::IDENTITY
        }
    }

    fn is_sane(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite() && v.abs() < 1e7)
    }
}

/// One shown glyph, in page space (y grows upwards).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub text: String,
    pub unmapped: bool,
    pub x: f64,
    pub y: f64,
    /// Advance along the baseline.
    pub adv: f64,
    pub size: f64,
    pub bold: bool,
    /// Not horizontal left-to-right text (rotated, vertical or mirrored).
    pub rotated: bool,
    /// Serial number of the text-showing operator that drew it.
    pub run: u32,
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Fonts loaded while walking a document, shared by its pages.
#[derive(Debug, Default)]
pub(crate) struct Fonts {
    pub list: Vec<Font>,
    by_id: HashMap<ObjectId, usize>,
    by_addr: HashMap<usize, usize>,
}

impl Fonts {
    fn get(&mut self, pdf: &Pdf, resources: Option<&Dictionary>, name: &[u8]) -> usize {
        let entry = resources
            .and_then(|r| objects::dict_get(pdf, r, b"Font"))
            .and_then(|o| objects::as_dict(pdf, o))
            .and_then(|fonts| fonts.get(name).ok());
        let Some(entry) = entry else {
            return self.fallback();
        };
        if let Object::Reference(id) = entry {
            if let Some(i) = self.by_id.get(id) {
                return *i;
            }
            let font =
                objects::as_dict(pdf, entry).map_or_else(Font::fallback, |d| Font::load(pdf, d));
            self.list.push(font);
            let i = self.list.len() - 1;
            self.by_id.insert(*id, i);
            return i;
        }
        let addr = std::ptr::from_ref(entry) as usize;
        if let Some(i) = self.by_addr.get(&addr) {
            return *i;
        }
        let font = objects::as_dict(pdf, entry).map_or_else(Font::fallback, |d| Font::load(pdf, d));
        self.list.push(font);
        let i = self.list.len() - 1;
        self.by_addr.insert(addr, i);
        i
    }

    fn fallback(&mut self) -> usize {
        if let Some(i) = self.by_addr.get(&0) {
            return *i;
        }
        self.list.push(Font::fallback());
        let i = self.list.len() - 1;
        self.by_addr.insert(0, i);
        i
    }
}

/// An operand.
#[derive(Debug, Clone)]
enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    Other,
}

/// Walks the content of one page.
pub(crate) struct Walker<'a> {
    pdf: &'a Pdf,
    fonts: &'a mut Fonts,
    clock: &'a Clock,
    pub glyphs: Vec<Glyph>,
    ops: usize,
    run: u32,
    forms: Vec<ObjectId>,
}

impl std::fmt::Debug for Walker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walker")
            .field("glyphs", &self.glyphs.len())
            .finish()
    }
}

impl<'a> Walker<'a> {
    pub(crate) fn new(pdf: &'a Pdf, fonts: &'a mut Fonts, clock: &'a Clock) -> Self {
        Walker {
            pdf,
            fonts,
            clock,
            glyphs: Vec::new(),
            ops: 0,
            run: 0,
            forms: Vec::new(),
        }
    }

    /// Walk `content` with `resources` under `ctm`.
    pub(crate) fn walk(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        ctm: Matrix,
    ) -> Result<(), ReadError> {
        let mut lexer = Lexer {
            data: content,
            pos: 0,
        };
        let mut stack: Vec<Operand> = Vec::new();
        let mut arrays: Vec<Vec<Operand>> = Vec::new();
        let mut gs = GState::new(ctm);
        let mut saved: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        while let Some(tok) = lexer.next() {
            let operand = match tok {
                Token::Num(n) => Operand::Num(n),
                Token::Name(n) => Operand::Name(n),
                Token::Str(s) => Operand::Str(s),
                Token::ArrayOpen => {
                    if arrays.len() < MAX_ARRAY_DEPTH {
                        arrays.push(Vec::new());
                    }
                    continue;
                }
                Token::ArrayClose => {
                    let Some(done) = arrays.pop() else {
                        continue;
                    };
                    Operand::Array(done)
                }
                Token::Dict => Operand::Other,
                Token::Op(op) => {
                    arrays.clear();
                    self.ops += 1;
                    if self.ops.is_multiple_of(CLOCK_EVERY) {
                        self.clock.check()?;
                    }
                    if self.glyphs.len() >= MAX_GLYPHS {
                        return Ok(());
                    }
                    self.op(
                        &op, &stack, resources, &mut gs, &mut saved, &mut tm, &mut tlm,
                    )?;
                    if op == b"ID" {
                        lexer.skip_inline_image();
                    }
                    stack.clear();
                    continue;
                }
            };
            if let Some(arr) = arrays.last_mut() {
                if arr.len() < MAX_OPERANDS {
                    arr.push(operand);
                }
            } else if stack.len() < MAX_OPERANDS {
                stack.push(operand);
            } else {
                stack.clear();
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn op(
        &mut self,
        op: &[u8],
        args: &[Operand],
        resources: Option<&Dictionary>,
        gs: &mut GState,
        saved: &mut Vec<GState>,
        tm: &mut Matrix,
        tlm: &mut Matrix,
    ) -> Result<(), ReadError> {
        let nums: Vec<f64> = args
            .iter()
            .filter_map(|a| match a {
                Operand::Num(n) => Some(*n),
                _ => None,
            })
            .collect();
        let num = |i: usize| nums.get(i).copied().unwrap_or(0.0);
        let last_num = || nums.last().copied().unwrap_or(0.0);
        match op {
            b"q" if saved.len() < MAX_SAVES => saved.push(gs.clone()),
            b"Q" => {
                if let Some(s) = saved.pop() {
                    *gs = s;
                }
            }
            b"cm" => {
                if let Some(m) = nums
                    .get(nums.len().saturating_sub(6)..)
                    .and_then(Matrix::from_slice)
                {
                    let next = m.mul(&gs.ctm);
                    if next.is_sane() {
                        gs.ctm = next;
                    }
                }
            }
            b"BT" => {
                *tm = Matrix::IDENTITY;
                *tlm = Matrix::IDENTITY;
            }
            b"Tf" => {
                let name = args.iter().find_map(|a| match a {
                    Operand::Name(n) => Some(n.as_slice()),
                    _ => None,
                });
                if let Some(name) = name {
                    gs.font = Some(self.fonts.get(self.pdf, resources, name));
                }
                gs.size = last_num();
            }
            b"Tc" => gs.char_spacing = last_num(),
            b"Tw" => gs.word_spacing = last_num(),
            b"Tz" => gs.scale = last_num() / 100.0,
            b"TL" => gs.leading = last_num(),
            b"Ts" => gs.rise = last_num(),
            b"Td" => {
                *tlm = Matrix::translate(num(0), num(1)).mul(tlm);
                *tm = *tlm;
            }
            b"TD" => {
                gs.leading = -num(1);
                *tlm = Matrix::translate(num(0), num(1)).mul(tlm);
                *tm = *tlm;
            }
            b"Tm" => {
                if let Some(m) = nums
                    .get(nums.len().saturating_sub(6)..)
                    .and_then(Matrix::from_slice)
                    && m.is_sane()
                {
                    *tm = m;
                    *tlm = m;
                }
            }
            b"T*" => {
                *tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                *tm = *tlm;
            }
            b"Tj" => {
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s, gs, tm);
                }
            }
            b"'" => {
                *tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                *tm = *tlm;
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s, gs, tm);
                }
            }
            b"\"" => {
                gs.word_spacing = num(0);
                gs.char_spacing = num(1);
                *tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                *tm = *tlm;
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s, gs, tm);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s, gs, tm),
                            Operand::Num(n) => {
                                let tx = -n / 1000.0 * gs.size * gs.scale;
                                *tm = Matrix::translate(tx, 0.0).mul(tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = args.last() {
                    self.form(name, resources, gs)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn form(
        &mut self,
        name: &[u8],
        resources: Option<&Dictionary>,
        gs: &GState,
    ) -> Result<(), ReadError> {
        let pdf = self.pdf;
        let Some(Object::Reference(id)) = resources
            .and_then(|r| objects::dict_get(pdf, r, b"XObject"))
            .and_then(|o| objects::as_dict(pdf, o))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        if self.forms.len() >= MAX_FORM_DEPTH || self.forms.contains(id) {
            return Ok(());
        }
        let Some(obj) = pdf.doc.objects.get(id) else {
            return Ok(());
        };
        let Object::Stream(stream) = obj else {
            return Ok(());
        };
        if objects::name(pdf, stream.dict.get(b"Subtype").ok()).as_deref()
            != Some(b"Form".as_slice())
        {
            return Ok(());
        }
        let Some(content) = objects::stream_bytes(pdf, obj) else {
            return Ok(());
        };
        let matrix = objects::dict_get(pdf, &stream.dict, b"Matrix")
            .and_then(|o| objects::numbers(pdf, o))
            .and_then(|v| Matrix::from_slice(&v))
            .filter(Matrix::is_sane)
            .unwrap_or(Matrix::IDENTITY);
        let own = objects::dict_get(pdf, &stream.dict, b"Resources")
            .and_then(|o| objects::as_dict(pdf, o));
        let res = own.or(resources);
        self.forms.push(*id);
        let r = self.walk(&content, res, matrix.mul(&gs.ctm));
        self.forms.pop();
        r
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font_idx) = gs.font else {
            return;
        };
        let Some(font) = self.fonts.list.get(font_idx) else {
            return;
        };
        self.run = self.run.wrapping_add(1);
        let codes = font.decode(bytes);
        let bold = font.bold;
        for code in codes {
            let m = tm.mul(&gs.ctm);
            let x = m.e + gs.rise * m.c;
            let y = m.f + gs.rise * m.d;
            let size = (gs.size * m.c.hypot(m.d)).abs();
            let mut tx = code.width * gs.size + gs.char_spacing;
            if code.is_space_code {
                tx += gs.word_spacing;
            }
            tx *= gs.scale;
            let adv = tx * m.a.hypot(m.b);
            let rotated = m.a <= 0.0 || m.b.abs() > 0.1 * m.a.abs() || m.d <= 0.0;
            let (text, unmapped) = match code.text {
                GlyphText::Mapped(t) => (t, false),
                GlyphText::Unmapped => (String::new(), true),
            };
            if x.is_finite() && y.is_finite() && size.is_finite() && self.glyphs.len() < MAX_GLYPHS
            {
                self.glyphs.push(Glyph {
                    text,
                    unmapped,
                    x,
                    y,
                    adv: if adv.is_finite() { adv } else { 0.0 },
                    size,
                    bold,
                    rotated,
                    run: self.run,
                });
            }
            *tm = Matrix::translate(tx, 0.0).mul(tm);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The lexer

#[derive(Debug)]
enum Token {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    Dict,
    Op(Vec<u8>),
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | 0)
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<Token> {
        loop {
            let b = self.peek()?;
            if is_ws(b) {
                self.pos += 1;
                continue;
            }
            if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                continue;
            }
            break;
        }
        let b = self.peek()?;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Token::ArrayOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Token::ArrayClose)
            }
            b'(' => Some(Token::Str(self.literal())),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Some(Token::Dict)
            }
            b'<' => Some(Token::Str(self.hex())),
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_ws(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let raw = self.data.get(start..self.pos).unwrap_or_default();
                Some(Token::Name(unescape_name(raw)))
            }
            b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                Some(Token::Dict)
            }
            _ => {
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_ws(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                }
                let word = self.data.get(start..self.pos).unwrap_or_default();
                let first = word.first().copied().unwrap_or(b' ');
                if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
                    let s = std::str::from_utf8(word).unwrap_or("0");
                    let n = s
                        .parse::<f64>()
                        .ok()
                        .or_else(|| lenient_number(s))
                        .unwrap_or(0.0);
                    Some(Token::Num(if n.is_finite() { n } else { 0.0 }))
                } else {
                    Some(Token::Op(word.to_vec()))
                }
            }
        }
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if c.is_ascii_hexdigit() {
                digits.push(c);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        digits
            .chunks(2)
            .filter_map(|p| std::str::from_utf8(p).ok())
            .filter_map(|p| u8::from_str_radix(p, 16).ok())
            .collect()
    }

    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            if c == b'<' && self.data.get(self.pos + 1) == Some(&b'<') {
                depth += 1;
                self.pos += 2;
            } else if c == b'>' && self.data.get(self.pos + 1) == Some(&b'>') {
                depth = depth.saturating_sub(1);
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else if c == b'(' {
                let _ = self.literal();
            } else {
                self.pos += 1;
            }
        }
    }

    /// After `ID`: skip the image data up to `EI` between white space.
    fn skip_inline_image(&mut self) {
        self.pos += 1;
        while self.pos < self.data.len() {
            if self.data.get(self.pos..self.pos + 2) == Some(b"EI".as_slice())
                && self.pos > 0
                && self.data.get(self.pos - 1).is_some_and(|b| is_ws(*b))
                && self.data.get(self.pos + 2).is_none_or(|b| is_ws(*b))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'#'
            && let Some(h) = raw.get(i + 1..i + 3)
            && let Ok(s) = std::str::from_utf8(h)
            && let Ok(v) = u8::from_str_radix(s, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

/// Numbers as sloppy writers produce them: `--5`, `1.2.3`, `5-`.
fn lenient_number(s: &str) -> Option<f64> {
    let neg = s.starts_with('-');
    let body: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac: String = parts
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let v: f64 = format!(
        "{}.{}",
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "0" } else { &frac }
    )
    .parse()
    .ok()?;
    Some(if neg { -v } else { v })
}
