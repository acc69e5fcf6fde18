//! Words (READABILITY.md §5.2, §5.3).
//!
//! Start from UAX #29 word segments (`unicode_word_indices`), then, left to right:
//! opaque spans first (URLs and e-mails are no words, a merge field is one `Placeholder`);
//! multi-part abbreviations from the language's list (`p. ex.`, `z. B.`); numbers with
//! spaced digit groups (`02 515 44 44`); joins over `-`, U+2010, U+2011, a zero-width space,
//! and `/` between numbers; then `°` after `n`/a number, the final dot of a dotted
//! abbreviation (`d.w.z.`) and the apostrophe of Dutch `'s`/`'t`. Elisions (`l'article`)
//! are single UAX #29 segments already. A list marker at the start of a line is not a word.

mod opaque;

use opaque::{OpaqueKind, opaque_items};

use crate::lexdata::{self, LangData};
use crate::segment::list_marker_len;
use crate::{Lang, Span};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// What kind of token a word is; decides syllable conventions and which rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordKind {
    /// An ordinary word (with elisions and hyphenated compounds joined).
    Word,
    /// A number, amount, date in digits, phone number.
    Number,
    /// A code mixing letters and digits (`C4`, `1er`).
    Code,
    /// An abbreviation from the language's list (`art.`, `p. ex.`).
    Abbreviation,
    /// An acronym (`ONEM`, `RVA`).
    Acronym,
    /// A merge field or placeholder (`«NOM»`, `{{ name }}`): opaque, never a hard word.
    Placeholder,
}

/// A word token of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub span: Span,
    pub kind: WordKind,
    /// Letters (alphabetic characters) in the word (READABILITY.md §5.3).
    pub letters: u32,
}

/// Letters a placeholder counts at most: it stands for a name, never for a long word.
const PLACEHOLDER_MAX_LETTERS: u32 = 6;

/// Words of `text[span]`, with spans relative to `text`.
pub fn words(text: &str, span: Span, lang: Lang) -> Vec<Word> {
    let Some(slice) = text.get(span.range()) else {
        return Vec::new();
    };
    let base = span.start as usize;
    let data = lexdata::lang_data(lang);
    let skip = if at_line_start(text, base) {
        list_marker_len(slice, lang).unwrap_or(0)
    } else {
        0
    };
    let mut segs: Vec<(usize, usize)> = slice
        .unicode_word_indices()
        .map(|(i, w)| (i, i + w.len()))
        .filter(|(i, _)| *i >= skip)
        .collect();
    let opaque = opaque_items(slice);
    let caps = mostly_capitals(slice);
    let mut out = Vec::new();
    let (mut i, mut o) = (0, 0);
    loop {
        let seg = segs.get(i).copied();
        let op = opaque.get(o).copied();
        let opaque_first = match (seg, op) {
            (None, None) => break,
            (None, Some(_)) => true,
            (Some((s, _)), Some(item)) => item.span.start as usize <= s,
            (Some(_), None) => false,
        };
        if let Some(item) = op.filter(|_| opaque_first) {
            if item.kind == OpaqueKind::Placeholder {
                let letters = count_letters(item.span.slice(slice)).min(PLACEHOLDER_MAX_LETTERS);
                out.push(Word {
                    span: item.span.shift(base),
                    kind: WordKind::Placeholder,
                    letters,
                });
            }
            while segs
                .get(i)
                .is_some_and(|(s, _)| *s < item.span.end as usize)
            {
                i += 1;
            }
            o += 1;
        } else {
            // A dotted abbreviation takes its final dot; a segment that begins with that dot
            // (a dot followed by a combining mark: `b.be.` + U+11D3C) starts after it.
            let last_end = out.last().map_or(0, |w: &Word| w.span.end as usize - base);
            if let Some(seg) = segs.get_mut(i).filter(|(s, _)| *s < last_end) {
                if seg.1 <= last_end {
                    i += 1;
                    continue;
                }
                seg.0 = last_end;
            }
            let limit = op.map_or(slice.len(), |it| it.span.start as usize);
            let (tok, next) = token(slice, &segs, i, limit, lang, data);
            let t = slice.get(tok.start..tok.end).unwrap_or("");
            out.push(Word {
                span: Span::new(base + tok.start, base + tok.end),
                kind: classify(t, tok, slice, lang, data, caps),
                letters: count_letters(t),
            });
            i = next.max(i + 1);
        }
    }
    out
}

/// Spans of URLs, e-mail addresses and merge fields in `text`: never words, never split.
pub fn opaque_spans(text: &str) -> Vec<Span> {
    opaque_items(text).into_iter().map(|o| o.span).collect()
}

/// A token under construction: byte range in the slice and what built it.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// Matched as a multi-part abbreviation or took a dotted abbreviation's final dot.
    abbreviation: bool,
}

/// Build the token starting at segment `i`; returns it and the index of the next segment.
fn token(
    s: &str,
    segs: &[(usize, usize)],
    i: usize,
    limit: usize,
    lang: Lang,
    data: &LangData,
) -> (Tok, usize) {
    let (start, first_end) = segs.get(i).copied().unwrap_or((0, 0));
    let skip_to = |end: usize| {
        let mut j = i + 1;
        while segs.get(j).is_some_and(|(a, _)| *a < end) {
            j += 1;
        }
        j
    };
    if let Some((end, _)) = data.match_multi_part(s, start)
        && end <= limit
    {
        let tok = Tok {
            start,
            end,
            abbreviation: true,
        };
        return (tok, skip_to(end));
    }
    let mut end = first_end;
    let mut j = i + 1;
    let first = s.get(start..first_end).unwrap_or("");
    // Spaced digit groups: `02 515 44 44`, `1 234,56`, `+32 2 515 44 44`.
    let plus = s.get(..start).is_some_and(|p| p.ends_with('+'));
    if is_digits(first)
        && (first.len() <= 3 || (first.len() == 4 && first.starts_with('0')) || plus)
    {
        while let Some(&(a, b)) = segs.get(j)
            && b <= limit
            && is_single_space(s.get(end..a).unwrap_or(""))
        {
            let group = s.get(a..b).unwrap_or("");
            let (head, decimals) = match group.split_once([',', '.']) {
                Some((h, d)) => (h, Some(d)),
                None => (group, None),
            };
            let min = if plus { 1 } else { 2 };
            if !(is_digits(head) && (min..=3).contains(&head.len()))
                || decimals.is_some_and(|d| !is_digits(d))
            {
                break;
            }
            end = b;
            j += 1;
            if decimals.is_some() {
                break;
            }
        }
    }
    // Joins: hyphens, a zero-width space, `/` between numbers.
    while let Some(&(a, b)) = segs.get(j)
        && b <= limit
    {
        let gap = s.get(end..a).unwrap_or("");
        let numeric = |x: &str| x.starts_with(|c: char| c.is_ascii_digit());
        let joins = matches!(gap, "-" | "\u{2010}" | "\u{2011}" | "\u{200B}")
            || (gap == "/"
                && numeric(s.get(start..end).unwrap_or(""))
                && numeric(s.get(a..b).unwrap_or("")));
        if !joins {
            break;
        }
        end = b;
        j += 1;
    }
    let mut tok = Tok {
        start,
        end,
        abbreviation: false,
    };
    // Suffixes: `n°`, `1°`; the final dot of `d.w.z.`.
    let text = s.get(start..end).unwrap_or("");
    let rest = s.get(end..limit).unwrap_or("");
    if let Some(deg) = rest.chars().next().filter(|c| matches!(c, '°' | 'º'))
        && (is_digits(text) || matches!(text, "n" | "N" | "no" | "No" | "nr" | "Nr"))
    {
        tok.end += deg.len_utf8();
        tok.abbreviation = !is_digits(text);
    } else if rest.starts_with('.') && is_dotted_abbreviation(text, data) {
        tok.end += 1;
        tok.abbreviation = true;
    }
    // Dutch `'s`, `'t`, `'k`, `'n`: the apostrophe belongs to the word.
    if lang == Lang::Nl && matches!(text, "s" | "t" | "k" | "n" | "S" | "T" | "K" | "N") {
        let before = s.get(..start).unwrap_or("");
        let mut back = before.chars().rev();
        if let Some(ap) = back.next().filter(|c| lexdata::is_apostrophe(*c))
            && back.next().is_none_or(|c| !c.is_alphanumeric())
        {
            tok.start -= ap.len_utf8();
        }
    }
    (tok, skip_to(end))
}

/// `d.w.z`, `z.B`, `a.m`, `R.v.St`: letter groups of at most three joined by dots, or a
/// dotted form of the list.
fn is_dotted_abbreviation(t: &str, data: &LangData) -> bool {
    t.contains('.')
        && (t
            .split('.')
            .all(|p| (1..=3).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
            || data.abbreviation(&format!("{t}.")).is_some())
}

fn classify(t: &str, tok: Tok, s: &str, lang: Lang, data: &LangData, caps: bool) -> WordKind {
    if tok.abbreviation {
        return WordKind::Abbreviation;
    }
    if t.chars().any(|c| c.is_ascii_digit()) {
        let numeric = t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, '.' | ',' | '/' | '-' | ':' | '°' | 'º')
                || c.is_whitespace()
        });
        return if numeric {
            WordKind::Number
        } else {
            WordKind::Code
        };
    }
    // French elision: `l'art.` is the abbreviation `art.`, `l'ONEM` the acronym `ONEM`.
    let host = match lang {
        Lang::Fr => t.rsplit(lexdata::is_apostrophe).next().unwrap_or(t),
        _ => t,
    };
    let dot_follows = s.get(tok.end..).is_some_and(|r| r.starts_with('.'));
    if (dot_follows && data.abbreviation(&format!("{host}.")).is_some())
        || data.abbreviation(host).is_some()
    {
        return WordKind::Abbreviation;
    }
    if data.acronym(host).is_some() {
        return WordKind::Acronym;
    }
    let letters = host.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = host.chars().filter(|c| c.is_uppercase()).count();
    if !caps && letters <= 5 && capitals >= 2 && host.chars().all(char::is_alphabetic) {
        return WordKind::Acronym;
    }
    WordKind::Word
}

fn count_letters(t: &str) -> u32 {
    u32::try_from(t.chars().filter(|c| c.is_alphabetic()).count()).unwrap_or(u32::MAX)
}

fn is_digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_single_space(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// Text written in capitals: acronyms are not told apart there.
fn mostly_capitals(t: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in t.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper > lower
}

/// Whether byte `pos` of `text` starts a line (only horizontal spaces before it).
fn at_line_start(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    before
        .trim_end_matches(lexdata::is_hspace)
        .chars()
        .next_back()
        .is_none_or(|c| c == '\n')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str, lang: Lang) -> Vec<(&str, WordKind)> {
        words(text, Span::new(0, text.len()), lang)
            .into_iter()
            .map(|w| (w.span.slice(text), w.kind))
            .collect()
    }

    fn texts(text: &str, lang: Lang) -> Vec<&str> {
        toks(text, lang).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn elisions_and_hyphens_are_one_word() {
        assert_eq!(
            texts("renvoyez-le-nous", Lang::Fr),
            vec!["renvoyez-le-nous"]
        );
        assert_eq!(texts("l’administration aujourd'hui", Lang::Fr).len(), 2);
        assert_eq!(
            texts("Bundes\u{2011}Gleichstellungs-Gesetz", Lang::De).len(),
            1
        );
        let w = words("ci-joint l'article", Span::new(0, 18), Lang::Fr);
        assert_eq!((w[0].letters, w[1].letters), (7, 8));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("au 02 515 44 44.", Lang::Fr)[1],
            ("02 515 44 44", WordKind::Number)
        );
        assert_eq!(texts("1 234,56 EUR", Lang::Fr), vec!["1 234,56", "EUR"]);
        assert_eq!(texts("le 15 mars 2025 et 12 jours", Lang::Fr).len(), 7);
        assert_eq!(
            toks("02/515.44.44", Lang::Nl),
            vec![("02/515.44.44", WordKind::Number)]
        );
        assert_eq!(toks("1.234,56", Lang::Fr)[0].1, WordKind::Number);
        assert_eq!(
            toks("C4 1er", Lang::Fr),
            vec![("C4", WordKind::Code), ("1er", WordKind::Code)]
        );
        assert_eq!(words("1.234,56", Span::new(0, 8), Lang::Fr)[0].letters, 0);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("p. ex. la facture", Lang::Fr)[0],
            ("p. ex.", WordKind::Abbreviation)
        );
        assert_eq!(texts("Dies gilt z. B. für", Lang::De)[2], "z. B.");
        assert_eq!(texts("d.w.z. binnen", Lang::Nl)[0], "d.w.z.");
        assert_eq!(
            toks("le n° 12", Lang::Fr)[1],
            ("n°", WordKind::Abbreviation)
        );
        assert_eq!(
            toks("l'art. 5", Lang::Fr)[0],
            ("l'art", WordKind::Abbreviation)
        );
        assert_eq!(
            toks("M. Dupont", Lang::Fr)[0],
            ("M", WordKind::Abbreviation)
        );
        assert_eq!(toks("le 3.2.", Lang::Fr)[1], ("3.2", WordKind::Number));
    }

    #[test]
    fn symbols_links_and_fields() {
        assert!(texts("§ % € &", Lang::Fr).is_empty());
        assert!(texts("info@onem.be", Lang::Fr).is_empty());
        assert!(texts("https://www.onem.be/fr/documentation", Lang::Fr).is_empty());
        assert_eq!(
            toks("{{ name }}", Lang::En),
            vec![("{{ name }}", WordKind::Placeholder)]
        );
        assert_eq!(
            toks("Cher «NOM»,", Lang::Fr)[1],
            ("«NOM»", WordKind::Placeholder)
        );
        assert_eq!(
            toks("Beste [NAAM],", Lang::Nl)[1],
            ("[NAAM]", WordKind::Placeholder)
        );
    }

    #[test]
    fn dutch_s_and_t() {
        assert_eq!(texts("'s avonds", Lang::Nl), vec!["'s", "avonds"]);
        assert_eq!(texts("op z'n best", Lang::Nl), vec!["op", "z'n", "best"]);
    }

    #[test]
    fn acronyms() {
        assert_eq!(toks("de l'ONEM", Lang::Fr)[1].1, WordKind::Acronym);
        assert_eq!(toks("des LfA und KSchG", Lang::De)[1].1, WordKind::Acronym);
        assert_eq!(toks("des LfA und KSchG", Lang::De)[3].1, WordKind::Acronym);
        assert_eq!(
            toks("VOTRE DOSSIER EST CLOS", Lang::Fr)[1].1,
            WordKind::Word
        );
        assert_eq!(toks("Mme Martin", Lang::Fr)[0].1, WordKind::Abbreviation);
    }

    #[test]
    fn list_marker_is_not_a_word() {
        let t = "Étapes\n1. Remplissez le formulaire.";
        let start = t.find('1').unwrap();
        let w = words(t, Span::new(start, t.len()), Lang::Fr);
        assert_eq!(w.len(), 3);
        assert_eq!(texts("Vous devez : 1. remplir", Lang::Fr).len(), 4);
    }

    /// Found by `spans_are_sound`: the abbreviation `b.be.` takes its final dot, and the
    /// next segment (that dot and a combining mark) must not start inside it.
    #[test]
    fn a_segment_after_an_abbreviation_dot_does_not_overlap_it() {
        let s = "a@b.be.\u{11d3c}[";
        for lang in Lang::ALL {
            let mut last = 0;
            for w in words(s, Span::new(0, s.len()), lang) {
                assert!(w.span.start as usize >= last, "{w:?} in {s:?}");
                last = w.span.end as usize;
            }
        }
    }

    proptest! {
        #[test]
        fn spans_are_sound(s in "(\\PC|\n| |\\.|-|'|°|1 |22 |[a-z]\\. |z\\. B\\. |www\\.x\\.be|a@b\\.be|\\{\\{ x \\}\\}|«N»){0,40}", cut in 0usize..8) {
            let start = s.char_indices().nth(cut).map_or(0, |(i, _)| i);
            for lang in Lang::ALL {
                let span = Span::new(start, s.len());
                let mut last = start;
                for w in words(&s, span, lang) {
                    let (a, b) = (w.span.start as usize, w.span.end as usize);
                    prop_assert!(a >= last && a < b && b <= s.len(), "{:?} in {:?}", w, s);
                    prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                    last = b;
                }
                let mut last = 0;
                for sp in opaque_spans(&s) {
                    prop_assert!(sp.start as usize >= last && sp.start < sp.end && sp.end as usize <= s.len());
                    prop_assert!(s.is_char_boundary(sp.start as usize) && s.is_char_boundary(sp.end as usize));
                    last = sp.end as usize;
                }
            }
        }
    }
}
