//! Layers 0–1 of READABILITY.md §7.3: paragraphs and line roles.
//!
//! A blank line ends a paragraph. Inside a paragraph, a line is a salutation or closing
//! (from the language's lists), a signature line (after a closing), a list item (list
//! marker at its start, plus its wrapped continuation lines), a heading (short, no terminal
//! punctuation, deliberately followed by a line break) or prose. Consecutive prose lines
//! form one chunk: their line breaks are soft wraps.

use crate::Lang;
use crate::lexdata::{LangData, LineRole};

/// What a chunk of lines is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Prose,
    ListItem,
    Heading,
    Salutation,
    Closing,
    Signature,
}

/// Consecutive lines with one role. `body` is where sentence segmentation starts (after a
/// list marker); the first unit still starts at `start`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chunk {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    pub body: usize,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Byte range of the trimmed content.
    start: usize,
    end: usize,
    /// Whether the raw line starts with whitespace.
    indented: bool,
    /// Characters in the trimmed content.
    chars: usize,
    para: usize,
}

/// A line's role before grouping; `ListItem` carries the body offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Prose,
    ListStart(usize),
    ListCont,
    Heading,
    Salutation,
    Closing,
    Signature,
}

/// Most words of a heading line, and of a signature line.
const HEADING_MAX_WORDS: usize = 10;
const SIGNATURE_MAX_WORDS: usize = 6;

/// The text's non-blank lines cut into chunks, in order.
pub(super) fn chunks(text: &str, lang: Lang, data: &LangData) -> Vec<Chunk> {
    let lines = split_lines(text);
    let width = paragraph_widths(&lines);
    let mut kinds: Vec<LineKind> = Vec::with_capacity(lines.len());
    let mut after_closing = false;
    for (i, line) in lines.iter().enumerate() {
        let t = slice(text, line.start, line.end);
        let prev = i
            .checked_sub(1)
            .and_then(|p| Some((lines.get(p)?, *kinds.get(p)?)))
            .filter(|(p, _)| p.para == line.para);
        let in_item = matches!(prev, Some((_, LineKind::ListStart(_) | LineKind::ListCont)));
        let w = width.get(line.para).copied().unwrap_or(0);
        let kind = if after_closing && is_signature(t) {
            LineKind::Signature
        } else if let Some(role) = data.line_role(t) {
            match role {
                LineRole::Salutation => LineKind::Salutation,
                LineRole::Closing => LineKind::Closing,
            }
        } else if let Some(m) = list_marker_len(t, lang) {
            LineKind::ListStart(line.start + m)
        } else if in_item && prev.is_some_and(|(p, _)| continues_item(text, p, line, w)) {
            LineKind::ListCont
        } else if is_heading(text, &lines, i, prev, w, lang, data) {
            LineKind::Heading
        } else {
            LineKind::Prose
        };
        after_closing = matches!(kind, LineKind::Closing | LineKind::Signature);
        kinds.push(kind);
    }
    trailing_signature(text, &lines, &mut kinds);
    group(&lines, &kinds)
}

/// A last paragraph of short lines without terminal punctuation, after other paragraphs,
/// is a signature (`Jean Dupont` / `Directeur`) even without a closing line before it.
fn trailing_signature(text: &str, lines: &[Line], kinds: &mut [LineKind]) {
    let Some(last_para) = lines.last().map(|l| l.para).filter(|p| *p > 0) else {
        return;
    };
    let first = lines.partition_point(|l| l.para < last_para);
    let (Some(tail_lines), Some(tail_kinds)) = (lines.get(first..), kinds.get_mut(first..)) else {
        return;
    };
    let all_short = tail_lines.iter().zip(tail_kinds.iter()).all(|(l, k)| {
        matches!(k, LineKind::Prose | LineKind::Heading | LineKind::Signature)
            && is_signature(slice(text, l.start, l.end))
    });
    if all_short {
        tail_kinds.fill(LineKind::Signature);
    }
}

fn group(lines: &[Line], kinds: &[LineKind]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut prev: Option<(usize, LineKind)> = None;
    for (line, kind) in lines.iter().zip(kinds) {
        let same_para = prev.is_some_and(|(para, _)| para == line.para);
        let extends = same_para
            && matches!(
                (prev.map(|(_, k)| k), kind),
                (Some(LineKind::Prose), LineKind::Prose)
                    | (
                        Some(LineKind::ListStart(_) | LineKind::ListCont),
                        LineKind::ListCont
                    )
            );
        match out.last_mut() {
            Some(last) if extends => last.end = line.end,
            _ => {
                let (role, body) = match *kind {
                    LineKind::Prose => (Role::Prose, line.start),
                    LineKind::ListStart(body) => (Role::ListItem, body),
                    LineKind::ListCont => (Role::Prose, line.start),
                    LineKind::Heading => (Role::Heading, line.start),
                    LineKind::Salutation => (Role::Salutation, line.start),
                    LineKind::Closing => (Role::Closing, line.start),
                    LineKind::Signature => (Role::Signature, line.start),
                };
                out.push(Chunk {
                    role,
                    start: line.start,
                    end: line.end,
                    body,
                });
            }
        }
        prev = Some((line.para, *kind));
    }
    out
}

/// Non-blank lines with their paragraph numbers.
fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut blank_before = false;
    let mut pos = 0;
    for raw in text.split('\n') {
        let start = pos;
        pos += raw.len() + 1;
        let trimmed_start = raw.trim_start();
        let content = trimmed_start.trim_end();
        if content.is_empty() {
            blank_before = true;
            continue;
        }
        if blank_before && !out.is_empty() {
            para += 1;
        }
        blank_before = false;
        let lead = raw.len() - trimmed_start.len();
        out.push(Line {
            start: start + lead,
            end: start + lead + content.len(),
            indented: lead > 0,
            chars: content.chars().count(),
            para,
        });
    }
    out
}

/// Longest line (in characters) of each paragraph: the wrap width of hard-wrapped text.
fn paragraph_widths(lines: &[Line]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for l in lines {
        if out.len() <= l.para {
            out.resize(l.para + 1, 0);
        }
        if let Some(w) = out.get_mut(l.para) {
            *w = (*w).max(l.chars);
        }
    }
    out
}

fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

/// Byte length of a list marker and the spaces after it at the start of `line`:
/// `- * • – — ◦ ▪ ‣ ►`, `1.`, `1)`, `1°`, `(1)`, `a)`, `(a)`, `i.`, `iv)`. A German
/// `1. Januar` is a date, not a marker.
pub(crate) fn list_marker_len(line: &str, lang: Lang) -> Option<usize> {
    let first = line.chars().next()?;
    let marker = if matches!(first, '-' | '*' | '•' | '–' | '—' | '◦' | '▪' | '‣' | '►')
    {
        first.len_utf8()
    } else {
        let (open, rest) = match line.strip_prefix('(') {
            Some(r) => (1, r),
            None => (0, line),
        };
        let label = rest
            .find(|c: char| !c.is_alphanumeric())
            .and_then(|n| rest.get(..n))
            .unwrap_or(rest);
        let close = rest.get(label.len()..)?.chars().next()?;
        let digits =
            !label.is_empty() && label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit());
        let letter = label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase());
        let ok = match (open, close) {
            (1, ')') => digits || letter || is_roman(label),
            (0, ')') => digits || letter || is_roman(label),
            (0, '.') => digits || is_roman(label),
            (0, '°') => digits,
            _ => false,
        };
        if !ok {
            return None;
        }
        open + label.len() + close.len_utf8()
    };
    let rest = line.get(marker..)?;
    let body = rest.trim_start();
    if body.len() == rest.len() && !body.is_empty() {
        return None; // a marker is followed by a space
    }
    if lang == Lang::De && line.get(marker.saturating_sub(1)..marker) == Some(".") {
        let word: String = body.chars().take_while(|c| c.is_alphabetic()).collect();
        if super::is_german_month(&word) {
            return None;
        }
    }
    Some(marker + rest.len() - body.len())
}

fn is_roman(s: &str) -> bool {
    matches!(
        s,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x"
    )
}

/// A line that ends a sentence or a lead-in (`.`, `!`, `?`, `:`, `;`, `…`), closers aside.
fn ends_terminal(t: &str) -> bool {
    t.trim_end_matches(super::is_closer)
        .ends_with(['.', '!', '?', ':', ';', '…'])
}

fn word_count(t: &str) -> usize {
    t.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn first_word_chars(t: &str) -> usize {
    t.split_whitespace().next().map_or(0, |w| w.chars().count())
}

/// Whether the line break after `cur` is a wrap: the next line's first word would not have
/// fitted on `cur` within the paragraph's width.
fn is_wrap(text: &str, cur: &Line, next: &Line, width: usize) -> bool {
    cur.chars + 1 + first_word_chars(slice(text, next.start, next.end)) > width
}

fn is_signature(t: &str) -> bool {
    word_count(t) <= SIGNATURE_MAX_WORDS && !ends_terminal(t)
}

fn continues_item(text: &str, prev: &Line, line: &Line, width: usize) -> bool {
    let t = slice(text, line.start, line.end);
    line.indented
        || t.chars().next().is_some_and(char::is_lowercase)
        || (!ends_terminal(slice(text, prev.start, prev.end)) && is_wrap(text, prev, line, width))
}

/// A short line without terminal punctuation that starts a sentence and is deliberately
/// followed by a line break (a blank line, a list, or a line that would have fitted).
fn is_heading(
    text: &str,
    lines: &[Line],
    i: usize,
    prev: Option<(&Line, LineKind)>,
    width: usize,
    lang: Lang,
    data: &LangData,
) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let t = slice(text, line.start, line.end);
    let starts_sentence = match prev {
        None => true,
        Some((p, LineKind::Prose)) => ends_terminal(slice(text, p.start, p.end)),
        Some(_) => true,
    };
    if !starts_sentence
        || t.ends_with([',', '-', '\u{2010}'])
        || ends_terminal(t)
        || word_count(t) > HEADING_MAX_WORDS
        || !t.chars().any(char::is_alphabetic)
        || t.chars().next().is_none_or(char::is_lowercase)
    {
        return false;
    }
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    let nt = slice(text, next.start, next.end);
    if nt.chars().next().is_none_or(char::is_lowercase) {
        return false;
    }
    next.para != line.para
        || list_marker_len(nt, lang).is_some()
        || data.line_role(nt).is_some()
        || !is_wrap(text, line, next, width)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn trailing_name_is_a_signature() {
        let data = crate::lexdata::lang_data(Lang::Fr);
        let t = "Nous restons à votre disposition.\n\nJean Dupont\nDirecteur";
        let roles: Vec<Role> = chunks(t, Lang::Fr, data).iter().map(|c| c.role).collect();
        assert_eq!(roles, vec![Role::Prose, Role::Signature, Role::Signature]);
        let alone: Vec<Role> = chunks("Jean Dupont", Lang::Fr, data)
            .iter()
            .map(|c| c.role)
            .collect();
        assert_eq!(alone, vec![Role::Prose]);
    }

    #[test]
    fn markers() {
        let m = |s: &str| list_marker_len(s, Lang::Fr);
        assert_eq!(m("- une copie"), Some(2));
        assert_eq!(m("1. Remplissez"), Some(3));
        assert_eq!(m("(a) texte"), Some(4));
        assert_eq!(m("12) texte"), Some(4));
        assert_eq!(m("3° texte"), Some(4));
        assert_eq!(m("iv. texte"), Some(4));
        assert_eq!(m("-5 degrés"), None);
        assert_eq!(m("1.234 euros"), None);
        assert_eq!(m("2025. Ensuite"), None);
        assert_eq!(list_marker_len("1. Januar ist frei", Lang::De), None);
        assert_eq!(list_marker_len("1. Füllen Sie", Lang::De), Some(3));
    }
}
