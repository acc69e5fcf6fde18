//! From positioned glyphs to lines in reading order, and from lines to paragraphs.
//!
//! - Lines: glyphs on one baseline that follow each other, joined with a space where the gap
//!   is wider than [`SPACE_GAP`] em; pieces of one baseline drawn out of order are put back
//!   together; a glyph drawn twice at the same place (fake bold) is kept once.
//! - Footnote markers: digits in a smaller, raised font right after a word stay in the page
//!   text but not in the block text.
//! - Reading order: a recursive cut of the page — first at a clear vertical gutter (columns,
//!   or a sender block beside an address block), else at wide horizontal gaps — and rows top
//!   to bottom, left to right inside what is left.
//! - Paragraphs: a new one at a cut, a size or weight change, a bullet or number, an
//!   indented first line, or after a short line that ends a sentence.

use super::content::Glyph;

/// A gap wider than this (in em) between two glyphs of a line is a space.
pub(crate) const SPACE_GAP: f64 = 0.15;
/// Glyphs drawn one after the other on one baseline closer than this (in em) are one line.
const JOIN_GAP: f64 = 1.5;
/// Pieces of one baseline drawn apart and closer than this (in em) are one line; wider is
/// a gutter or a table column.
const ROW_GAP: f64 = 1.0;
/// In a line that has space characters of its own, a gap is a space only from this width
/// (in em): the narrower gaps are letter spacing.
const SPACE_GAP_WITH_SPACES: f64 = 0.25;
/// Deepest recursion of the page cut.
const MAX_CUT_DEPTH: usize = 48;

/// One line of text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The text as the page shows it (footnote markers included).
    pub text: String,
    /// Byte ranges of `text` left out of blocks (footnote markers).
    pub drop: Vec<(usize, usize)>,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    /// x where the text starts after a bullet or number, for hanging indents.
    pub text_x: f64,
    pub rotated: bool,
    /// Starts a new region of the page (a column or a band): set by [`order`].
    pub region_start: bool,
    /// Left and right edges of the column the line is in: set by [`order`].
    pub col: (f64, f64),
}

impl Line {
    /// The text that goes into blocks.
    pub(crate) fn kept(&self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (s, e) in &self.drop {
            out.push_str(self.text.get(at..*s).unwrap_or_default());
            at = *e;
        }
        out.push_str(self.text.get(at..).unwrap_or_default());
        out
    }
}

/// Expand the Latin ligatures U+FB00–FB06 as NFKC does; œ and æ are letters and stay.
fn expand_ligatures(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{AD}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// A piece of a line while lines are built: glyph indices in drawing order.
#[derive(Debug, Clone)]
struct Frag {
    glyphs: Vec<usize>,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    rotated: bool,
}

impl Frag {
    fn new(i: usize, g: &Glyph) -> Frag {
        Frag {
            glyphs: vec![i],
            x0: g.x,
            x1: g.x + g.adv.max(0.0),
            y: g.y,
            size: g.size.max(0.1),
            rotated: g.rotated,
        }
    }
}

/// Build the lines of a page from its glyphs (unmapped glyphs already left out).
pub(crate) fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    // 1. Fragments in drawing order.
    let mut frags: Vec<Frag> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if g.text.is_empty() {
            continue;
        }
        let joined = frags.last_mut().is_some_and(|f| {
            let Some(p) = f.glyphs.last().and_then(|j| glyphs.get(*j)) else {
                return false;
            };
            if g.rotated || p.rotated {
                return g.rotated && p.rotated && g.run.wrapping_sub(p.run) <= 1;
            }
            let size = g.size.max(p.size).max(0.1);
            let end = p.x + p.adv.max(0.0);
            (g.y - p.y).abs() <= 0.5 * size
                && g.x >= end - 0.5 * size
                && g.x - end <= JOIN_GAP * size
        });
        if joined {
            if let Some(f) = frags.last_mut() {
                f.glyphs.push(i);
                f.x0 = f.x0.min(g.x);
                f.x1 = f.x1.max(g.x + g.adv.max(0.0));
                f.size = f.size.max(g.size);
            }
        } else {
            frags.push(Frag::new(i, g));
        }
    }
    // The baseline of a fragment: that of its largest glyphs.
    for f in &mut frags {
        let ys: Vec<f64> = f
            .glyphs
            .iter()
            .filter_map(|i| glyphs.get(*i))
            .filter(|g| g.size >= 0.9 * f.size)
            .map(|g| g.y)
            .collect();
        f.y = median(ys);
    }

    // 2. Rows: fragments on one baseline, then joined left to right when close.
    let (rotated, mut flat): (Vec<Frag>, Vec<Frag>) = frags.into_iter().partition(|f| f.rotated);
    flat.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Frag>> = Vec::new();
    for f in flat {
        match rows.last_mut() {
            Some(row)
                if row
                    .first()
                    .is_some_and(|r| (r.y - f.y).abs() <= 0.35 * r.size.min(f.size)) =>
            {
                row.push(f)
            }
            _ => rows.push(vec![f]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut merged: Vec<Frag> = Vec::new();
        for f in row {
            if let Some(last) = merged.last_mut() {
                let size = last.size.max(f.size);
                let overlap = last.x1.min(f.x1) - last.x0.max(f.x0);
                if overlap > 0.5 * (f.x1 - f.x0).min(last.x1 - last.x0)
                    && frag_text(glyphs, &f) == frag_text(glyphs, last)
                {
                    // The same text drawn again (fake bold, shadow): keep one.
                    continue;
                }
                if f.x0 - last.x1 <= ROW_GAP * size && f.x0 >= last.x0 {
                    last.glyphs.extend(f.glyphs);
                    last.x1 = last.x1.max(f.x1);
                    last.size = size;
                    continue;
                }
            }
            merged.push(f);
        }
        for f in merged {
            if let Some(line) = build_line(glyphs, &f) {
                out.push(line);
            }
        }
    }
    for f in rotated {
        if let Some(line) = build_line(glyphs, &f) {
            out.push(line);
        }
    }
    out
}

fn frag_text(glyphs: &[Glyph], f: &Frag) -> String {
    f.glyphs
        .iter()
        .filter_map(|i| glyphs.get(*i))
        .map(|g| g.text.as_str())
        .collect()
}

fn is_marker_text(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '¹' | '²' | '³'))
}

fn build_line(glyphs: &[Glyph], f: &Frag) -> Option<Line> {
    let mut gs: Vec<&Glyph> = f.glyphs.iter().filter_map(|i| glyphs.get(*i)).collect();
    if !f.rotated {
        // Stable: glyphs at one x keep their drawing order.
        gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    // The line's size: the size of most characters.
    let mut sizes: Vec<(f64, usize)> = Vec::new();
    for g in &gs {
        let s = (g.size * 2.0).round() / 2.0;
        match sizes.iter_mut().find(|(v, _)| (*v - s).abs() < 0.01) {
            Some((_, n)) => *n += g.text.chars().count(),
            None => sizes.push((s, g.text.chars().count())),
        }
    }
    let size = sizes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map_or(f.size, |(s, _)| *s)
        .max(0.1);
    let base_y = median(
        gs.iter()
            .filter(|g| (g.size - size).abs() <= 0.1 * size)
            .map(|g| g.y)
            .collect(),
    );
    let bold_chars: usize = gs
        .iter()
        .filter(|g| g.bold)
        .map(|g| g.text.chars().count())
        .sum();
    let all_chars: usize = gs.iter().map(|g| g.text.chars().count()).sum();

    let has_spaces = gs.iter().any(|g| g.text.chars().any(char::is_whitespace));
    let space_gap = if has_spaces {
        SPACE_GAP_WITH_SPACES
    } else {
        SPACE_GAP
    };
    let mut text = String::new();
    let mut drop = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut k = 0;
    while let Some(g) = gs.get(k) {
        // A footnote marker: small raised digits right after a word.
        let raised = !f.rotated
            && g.size < 0.8 * size
            && g.y - base_y > 0.15 * size
            && is_marker_text(g.text.trim());
        if raised && prev.is_some() && text.chars().last().is_some_and(|c| !c.is_whitespace()) {
            let mut end = k;
            let mut marker = String::new();
            while let Some(h) = gs.get(end) {
                if h.size < 0.8 * size
                    && h.y - base_y > 0.15 * size
                    && is_marker_text(h.text.trim())
                {
                    marker.push_str(h.text.trim());
                    end += 1;
                } else {
                    break;
                }
            }
            let start = text.len();
            text.push_str(&marker);
            drop.push((start, text.len()));
            prev = gs.get(end.saturating_sub(1)).copied();
            k = end;
            continue;
        }
        if let Some(p) = prev
            && !f.rotated
        {
            let gap = g.x - (p.x + p.adv);
            let em = size.min(g.size.max(p.size)).max(0.1);
            let threshold = if (g.size - p.size).abs() < 0.05 * em {
                space_gap
            } else {
                SPACE_GAP
            };
            if gap > threshold * em
                && !text.ends_with(' ')
                && !g.text.starts_with(char::is_whitespace)
            {
                text.push(' ');
            }
        }
        let before = text.len();
        expand_ligatures(&g.text, &mut text);
        // Collapse white space.
        if text.len() > before {
            let mut collapsed = String::with_capacity(text.len());
            let mut last_space = false;
            for c in text.chars() {
                if c == ' ' {
                    if !last_space {
                        collapsed.push(c);
                    }
                    last_space = true;
                } else {
                    collapsed.push(c);
                    last_space = false;
                }
            }
            if collapsed.len() != text.len() {
                text = collapsed;
            }
        }
        prev = Some(g);
        k += 1;
    }
    // Trim, moving the dropped ranges.
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim().to_string();
    if trimmed.is_empty() {
        return None;
    }
    let drop = drop
        .into_iter()
        .filter_map(|(s, e)| {
            let s = s.checked_sub(lead)?;
            let e = e.checked_sub(lead)?.min(trimmed.len());
            (s < e).then_some((s, e))
        })
        .collect();
    let x0 = gs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let x1 = gs
        .iter()
        .map(|g| g.x + g.adv.max(0.0))
        .fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1, y) = if f.rotated {
        (f.x0, f.x1.max(f.x0), f.y)
    } else {
        (x0, x1, base_y)
    };
    let text_x = text_start_x(&trimmed, &gs).unwrap_or(x0);
    Some(Line {
        text: trimmed,
        drop,
        x0,
        x1,
        y,
        size,
        bold: bold_chars * 2 > all_chars,
        text_x,
        rotated: f.rotated,
        region_start: false,
        col: (x0, x1),
    })
}

/// Where the text after a list marker starts.
fn text_start_x(text: &str, gs: &[&Glyph]) -> Option<f64> {
    let marker = list_marker_len(text)?;
    let marker_chars = text
        .get(..marker)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let mut seen = 0;
    for g in gs {
        if seen >= marker_chars && !g.text.trim().is_empty() {
            return Some(g.x);
        }
        seen += g.text.chars().filter(|c| !c.is_whitespace()).count();
    }
    None
}

/// Byte length of a list marker (bullet or number, with the space after it) at the start
/// of `text`.
pub(crate) fn list_marker_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if matches!(
        first,
        '•' | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '●'
            | '○'
            | '–'
            | '—'
            | '-'
            | '*'
            | '·'
            | '►'
            | '➢'
            | '✓'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F0D8}'
    ) {
        let (i, c) = chars.next()?;
        return c.is_whitespace().then_some(i + c.len_utf8());
    }
    // 1. 12) a)
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let (n, closers): (usize, &[char]) = if (1..=3).contains(&digits) {
        (digits, &['.', ')', '-'])
    } else if first.is_ascii_lowercase() {
        (1, &[')'])
    } else {
        return None;
    };
    let mut rest = text.char_indices().skip(n);
    let (_, p) = rest.next()?;
    if !closers.contains(&p) {
        return None;
    }
    let (i, sp) = rest.next()?;
    sp.is_whitespace().then_some(i + sp.len_utf8())
}

// ---------------------------------------------------------------------------------------
// Reading order

/// Put the lines of a page in reading order, marking where regions start.
pub(crate) fn order(mut lines: Vec<Line>) -> Vec<Line> {
    let idx: Vec<usize> = (0..lines.len()).collect();
    let mut seq: Vec<(usize, bool)> = Vec::with_capacity(lines.len());
    let mut cols: Vec<(f64, f64)> = vec![extent(&lines, &idx); lines.len()];
    cut(&lines, idx, 0, &mut seq, &mut cols);
    let mut out = Vec::with_capacity(lines.len());
    let mut taken: Vec<Option<Line>> = lines.drain(..).map(Some).collect();
    for (i, start) in seq {
        if let Some(mut l) = taken.get_mut(i).and_then(Option::take) {
            l.region_start = start;
            l.col = cols.get(i).copied().unwrap_or(l.col);
            out.push(l);
        }
    }
    out
}

/// Left and right edges of the lines `idx`.
fn extent(lines: &[Line], idx: &[usize]) -> (f64, f64) {
    let ls = idx
        .iter()
        .filter_map(|i| lines.get(*i))
        .filter(|l| !l.rotated);
    let (l, r) = ls.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), l| {
        (a.min(l.x0), b.max(l.x1))
    });
    if l.is_finite() && r.is_finite() {
        (l, r)
    } else {
        (0.0, 0.0)
    }
}

fn rows_order(lines: &[Line], mut idx: Vec<usize>, out: &mut Vec<(usize, bool)>) {
    let key = |i: &usize| {
        lines
            .get(*i)
            .map_or((0.0, 0.0, 1.0), |l| (l.y, l.x0, l.size))
    };
    idx.sort_by(|a, b| key(b).0.total_cmp(&key(a).0));
    // Group into rows, then left to right.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in idx {
        let (y, _, s) = key(&i);
        match rows.last_mut() {
            Some(row)
                if row
                    .first()
                    .is_some_and(|f| (key(f).0 - y).abs() <= 0.35 * s.min(key(f).2)) =>
            {
                row.push(i)
            }
            _ => rows.push(vec![i]),
        }
    }
    let mut first = true;
    for mut row in rows {
        row.sort_by(|a, b| key(a).1.total_cmp(&key(b).1));
        for i in row {
            out.push((i, first));
            first = false;
        }
    }
}

fn cut(
    lines: &[Line],
    idx: Vec<usize>,
    depth: usize,
    out: &mut Vec<(usize, bool)>,
    cols: &mut [(f64, f64)],
) {
    if idx.len() <= 1 || depth >= MAX_CUT_DEPTH {
        rows_order(lines, idx, out);
        return;
    }
    let get = |i: &usize| lines.get(*i);
    let sizes: Vec<f64> = idx.iter().filter_map(get).map(|l| l.size).collect();
    let size = median(sizes).max(1.0);

    // Rotated lines go last, in their own region.
    let (rot, flat): (Vec<usize>, Vec<usize>) =
        idx.iter().partition(|i| get(i).is_some_and(|l| l.rotated));
    if !rot.is_empty() {
        cut(lines, flat, depth + 1, out, cols);
        let before = out.len();
        rows_order(lines, rot, out);
        if let Some(first) = out.get_mut(before) {
            first.1 = true;
        }
        return;
    }

    // 1. A clean vertical gutter.
    if let Some(x) = gutter(lines, &idx, size) {
        let (left, right): (Vec<usize>, Vec<usize>) =
            idx.iter().partition(|i| get(i).is_some_and(|l| l.x1 <= x));
        for side in [&left, &right] {
            let e = extent(lines, side);
            for i in side.iter() {
                if let Some(c) = cols.get_mut(*i) {
                    *c = e;
                }
            }
        }
        let before = out.len();
        cut(lines, left, depth + 1, out, cols);
        let mid = out.len();
        cut(lines, right, depth + 1, out, cols);
        for k in [before, mid] {
            if let Some(e) = out.get_mut(k) {
                e.1 = true;
            }
        }
        return;
    }

    // 2. Wide horizontal gaps.
    let bands = horizontal_bands(lines, &idx, size);
    if bands.len() > 1 {
        for band in bands {
            let before = out.len();
            cut(lines, band, depth + 1, out, cols);
            if let Some(e) = out.get_mut(before) {
                e.1 = true;
            }
        }
        return;
    }
    rows_order(lines, idx, out);
}

/// The x of a clear vertical gutter through all of `idx`, when the lines on both sides
/// stand side by side as columns (not as the cells of a table).
fn gutter(lines: &[Line], idx: &[usize], size: f64) -> Option<f64> {
    let ls: Vec<&Line> = idx.iter().filter_map(|i| lines.get(*i)).collect();
    if ls.len() < 2 {
        return None;
    }
    let mut spans: Vec<(f64, f64)> = ls.iter().map(|l| (l.x0, l.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let left_edge = spans.first().map_or(0.0, |s| s.0);
    let right_edge = spans.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    let width = right_edge - left_edge;
    if width <= 0.0 {
        return None;
    }
    // Gaps in the union of the spans.
    let mut best: Option<(f64, f64)> = None;
    let mut reach = spans.first().map_or(0.0, |s| s.1);
    for s in spans.iter().skip(1) {
        if s.0 > reach {
            let gap = s.0 - reach;
            if best.is_none_or(|(w, _)| gap > w) {
                best = Some((gap, (reach + s.0) / 2.0));
            }
        }
        reach = reach.max(s.1);
    }
    let (gap, x) = best?;
    if gap < (0.8 * size).max(4.0) {
        return None;
    }
    let left: Vec<&&Line> = ls.iter().filter(|l| l.x1 <= x).collect();
    let right: Vec<&&Line> = ls.iter().filter(|l| l.x0 >= x).collect();
    if left.is_empty() || right.is_empty() {
        return None;
    }
    // One row split by a wide gap: the row order is the same.
    let top = |v: &[&&Line]| v.iter().map(|l| l.y).fold(f64::NEG_INFINITY, f64::max);
    let bottom = |v: &[&&Line]| v.iter().map(|l| l.y).fold(f64::INFINITY, f64::min);
    // Side by side: their heights overlap.
    let overlap = top(&left).min(top(&right)) - bottom(&left).max(bottom(&right));
    if overlap < -0.5 * size {
        return None;
    }
    // A table: narrow cells whose rows line up.
    let mut right_ys: Vec<f64> = right.iter().map(|l| l.y).collect();
    right_ys.sort_by(f64::total_cmp);
    let aligned = left
        .iter()
        .filter(|l| {
            let k = right_ys.partition_point(|y| *y < l.y - 0.3 * size);
            right_ys
                .get(k)
                .is_some_and(|y| (*y - l.y).abs() < 0.3 * size)
        })
        .count();
    let narrow = |v: &[&&Line]| median(v.iter().map(|l| l.x1 - l.x0).collect()) < 0.3 * width;
    if left.len() >= 2
        && aligned * 10 >= left.len().min(right.len()) * 6
        && narrow(&left)
        && narrow(&right)
    {
        return None;
    }
    Some(x)
}

/// Split `idx` into bands at horizontal gaps clearly wider than the usual line step.
fn horizontal_bands(lines: &[Line], idx: &[usize], size: f64) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = idx.to_vec();
    sorted.sort_by(|a, b| {
        let ya = lines.get(*a).map_or(0.0, |l| l.y);
        let yb = lines.get(*b).map_or(0.0, |l| l.y);
        yb.total_cmp(&ya)
    });
    // Row baselines.
    let mut rows: Vec<(f64, f64, Vec<usize>)> = Vec::new(); // (y, size, members)
    for i in sorted {
        let Some(l) = lines.get(i) else { continue };
        match rows.last_mut() {
            Some((y, s, m)) if (*y - l.y).abs() <= 0.35 * s.min(l.size) => {
                m.push(i);
                *s = s.max(l.size);
            }
            _ => rows.push((l.y, l.size, vec![i])),
        }
    }
    if rows.len() < 2 {
        return vec![idx.to_vec()];
    }
    let steps: Vec<f64> = rows
        .windows(2)
        .map(|w| w.first().map_or(0.0, |a| a.0) - w.get(1).map_or(0.0, |b| b.0))
        .collect();
    let typical = median(steps.clone()).max(size);
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (k, (_, _, members)) in rows.into_iter().enumerate() {
        if k > 0 {
            let step = steps.get(k - 1).copied().unwrap_or(0.0);
            if step > 1.3 * typical && step > 1.4 * size && !current.is_empty() {
                bands.push(std::mem::take(&mut current));
            }
        }
        current.extend(members);
    }
    if !current.is_empty() {
        bands.push(current);
    }
    bands
}

// ---------------------------------------------------------------------------------------
// Paragraphs

/// What a paragraph is, before headers and footers across pages are known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ParaKind {
    Body,
    List,
}

/// A paragraph: a run of lines of one page.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub lines: Vec<usize>,
    pub kind: ParaKind,
    /// For each line but the last: the line ends short of the margin, so the break is kept
    /// (`\n`) rather than turned into a space (an address, a signature).
    pub hard: Vec<bool>,
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '»', '"', '”'])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Group the ordered `lines` of a page into paragraphs. `skip[i]` lines (running headers and
/// footers) belong to none.
pub(crate) fn paragraphs(lines: &[Line], skip: &[bool]) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let mut prev: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if skip.get(i).copied().unwrap_or(false) {
            prev = None;
            continue;
        }
        let is_list = list_marker_len(&l.text).is_some();
        let mut hard = false;
        let new = match prev.and_then(|p| lines.get(p).map(|pl| (p, pl))) {
            None => true,
            Some((_, pl)) => {
                let para = paras.last();
                let para_lines = para.map_or(0, |q| q.lines.len());
                let para_first = para
                    .and_then(|q| q.lines.first())
                    .and_then(|f| lines.get(*f));
                let step = pl.y - l.y;
                let size = pl.size.max(l.size);
                let same_size = (pl.size - l.size).abs() <= 0.1 * size;
                let (left, right) = pl.col;
                let width = (right - left).max(1.0);
                let prev_text = pl.kept();
                let this_text = l.kept();
                let continues = !ends_sentence(&prev_text) && starts_lower(&this_text);
                let short = right - pl.x1 > 0.3 * width;
                hard = true;
                if l.region_start {
                    // Text flowing on from the foot of a column: the line before is full.
                    !(continues && same_size && !short)
                } else if is_list
                    || l.rotated
                    || pl.rotated
                    || !same_size
                    || (pl.bold && !l.bold && !continues)
                    || step < -0.3 * size
                    || step > 2.2 * size
                {
                    true
                } else if step.abs() <= 0.35 * size {
                    // Side by side on one row: one paragraph.
                    hard = false;
                    false
                } else {
                    let hang = para_first.map_or(pl.text_x, |f| f.text_x);
                    let indented = l.x0 - pl.x0 > 1.0 * size && (l.x0 - hang).abs() > 0.5 * size;
                    // A block set in from the margin ends where the text comes back out.
                    let outdented = para_lines >= 2
                        && pl.x0 - l.x0 > 1.0 * size
                        && para_first.is_some_and(|f| (f.x0 - pl.x0).abs() < 0.5 * size);
                    let short_end = ends_sentence(&prev_text) && short;
                    // After a list item, a line back at the margin ends it.
                    let list_end =
                        para.is_some_and(|q| q.kind == ParaKind::List) && l.x0 < hang - 0.5 * size;
                    indented || outdented || short_end || list_end
                }
            }
        };
        if new {
            paras.push(Para {
                lines: vec![i],
                kind: if is_list {
                    ParaKind::List
                } else {
                    ParaKind::Body
                },
                hard: Vec::new(),
            });
        } else if let Some(q) = paras.last_mut() {
            q.lines.push(i);
            q.hard.push(hard);
        }
        prev = Some(i);
    }
    for q in &mut paras {
        keep_breaks(lines, q);
    }
    paras
}

/// Decide whether the line breaks of a paragraph are kept: in a block of lines broken on
/// purpose (an address, a signature), the next line's first word would mostly have fit on
/// the line before; in wrapped text it would not.
fn keep_breaks(lines: &[Line], q: &mut Para) {
    let ls: Vec<&Line> = q.lines.iter().filter_map(|i| lines.get(*i)).collect();
    let right = ls.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let breaks = q.hard.iter().filter(|h| **h).count();
    if breaks == 0 {
        return;
    }
    let forced = ls
        .windows(2)
        .zip(&q.hard)
        .filter(|(w, h)| {
            let (Some(a), Some(b)) = (w.first(), w.get(1)) else {
                return false;
            };
            let word = b
                .kept()
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            **h && right - a.x1 > (word as f64 + 1.5) * 0.5 * b.size
        })
        .count();
    // Short lines that do not fill their column: set one by one.
    let narrow = ls.len() >= 2
        && ls.iter().take(ls.len() - 1).all(|l| {
            let (left, right) = l.col;
            l.x1 - l.x0 < 0.5 * (right - left)
        });
    if forced * 2 < breaks && !narrow {
        for h in &mut q.hard {
            *h = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert_eq!(list_marker_len("• item"), Some(4));
        assert_eq!(list_marker_len("1. item"), Some(3));
        assert_eq!(list_marker_len("12) item"), Some(4));
        assert_eq!(list_marker_len("a) item"), Some(3));
        assert_eq!(list_marker_len("1.5 million"), None);
        assert_eq!(list_marker_len("Le 1. janvier"), None);
        assert_eq!(list_marker_len("- item"), Some(2));
        assert_eq!(list_marker_len("2024 was"), None);
    }

    #[test]
    fn ligatures_expand() {
        let mut s = String::new();
        expand_ligatures("ﬁnal œuvre ﬄ", &mut s);
        assert_eq!(s, "final œuvre ffl");
    }
}
