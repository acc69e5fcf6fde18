//! Sentence segmentation (READABILITY.md §7): UAX #29 proposes boundaries, plainly's
//! layers (§7.3) remove and add some.
//!
//! 0–1. [`roles`]: paragraphs and line roles (salutations, closings, signatures, list
//!      items, headings); other line breaks are soft wraps.
//! 2.   Opaque spans (URLs, e-mails, merge fields) and multi-part abbreviations
//!      (`p. ex.`, `z. B.`): no boundary falls inside them.
//! 3.   Candidates from `unicode-segmentation` on the chunk, line breaks read as spaces.
//! 4.   Suppression ([`keeps_boundary`]): abbreviations, initials, German ordinal dates,
//!      spaced numeric dates.
//! 5.   Additions: after `…` before a capital; a closing guillemet stays with its sentence.
//! 6.   Classification from the chunk's role.
//!
//! Every look-back and look-ahead is bounded, so the whole pass is linear in the text.

mod roles;

pub(crate) use roles::list_marker_len;

use crate::lexdata::{self, AbbrevCategory, Abbreviation, EndsSentence, LangData};
use crate::words::opaque_spans;
use crate::{BlockKind, Lang, Span};
use roles::Role;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// What a unit of text is. Only `Sentence` and `ListItem` count in readability formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    Sentence,
    ListItem,
    Heading,
    Salutation,
    Closing,
    Signature,
    Fragment,
}

impl UnitKind {
    /// Counts in `St` and `W` (READABILITY.md §5.1).
    pub fn counts(self) -> bool {
        matches!(self, UnitKind::Sentence | UnitKind::ListItem)
    }

    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Sentence => "sentence",
            UnitKind::ListItem => "list-item",
            UnitKind::Heading => "heading",
            UnitKind::Salutation => "salutation",
            UnitKind::Closing => "closing",
            UnitKind::Signature => "signature",
            UnitKind::Fragment => "fragment",
        }
    }
}

/// A sentence-level unit: its kind and its byte span in the block text (trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    pub span: Span,
}

/// Longest token (bytes) examined before a full stop: abbreviations are short.
const MAX_TOKEN: usize = 40;

/// Words before a single capital letter that make it a label (`annexe B.`), not an initial.
const LABEL_WORDS: &[&str] = &[
    "annexe",
    "bijlage",
    "anlage",
    "annex",
    "appendix",
    "catégorie",
    "categorie",
    "kategorie",
    "category",
    "type",
    "typ",
    "groupe",
    "groep",
    "gruppe",
    "group",
    "partie",
    "deel",
    "teil",
    "part",
    "niveau",
    "level",
    "stufe",
    "classe",
    "klasse",
    "class",
    "modèle",
    "model",
    "modell",
    "formulaire",
    "formulier",
    "formular",
    "form",
    "vitamine",
    "vitamin",
    "plan",
    "point",
    "punt",
    "punkt",
];

const GERMAN_MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// Cut a block's text into units. Spans are trimmed byte ranges of `text`, in order.
pub fn segment(text: &str, lang: Lang, block: BlockKind) -> Vec<Unit> {
    let mut out = Vec::new();
    if let BlockKind::Heading(_) = block {
        push_trimmed(text, 0, text.len(), UnitKind::Heading, &mut out);
        return out;
    }
    let ctx = Ctx::new(text, lang);
    let list_block = block == BlockKind::ListItem;
    for chunk in roles::chunks(text, lang, ctx.data) {
        let kind = match chunk.role {
            _ if list_block => UnitKind::ListItem,
            Role::Prose => UnitKind::Sentence,
            Role::ListItem => UnitKind::ListItem,
            Role::Heading => UnitKind::Heading,
            Role::Salutation => UnitKind::Salutation,
            Role::Closing => UnitKind::Closing,
            Role::Signature => UnitKind::Signature,
        };
        if matches!(chunk.role, Role::Prose | Role::ListItem) {
            ctx.sentences(chunk.start, chunk.body, chunk.end, kind, &mut out);
        } else {
            push_trimmed(text, chunk.start, chunk.end, kind, &mut out);
        }
    }
    out
}

/// Shared state of one `segment` call.
struct Ctx<'a> {
    text: &'a str,
    /// `text` with line breaks as spaces (same byte offsets), for UAX #29.
    flat: Cow<'a, str>,
    lang: Lang,
    data: &'static LangData,
    /// URLs, e-mails and merge fields, sorted.
    opaque: Vec<Span>,
    /// Multi-part abbreviations (`p. ex.`), sorted: (start, end, entry).
    multi: Vec<(usize, usize, &'static Abbreviation)>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, lang: Lang) -> Self {
        let data = lexdata::lang_data(lang);
        let flat = if text.contains(['\n', '\r']) {
            Cow::Owned(text.replace(['\n', '\r'], " "))
        } else {
            Cow::Borrowed(text)
        };
        let opaque = opaque_spans(text);
        let mut multi = Vec::new();
        let mut prev_alnum = false;
        for (i, c) in text.char_indices() {
            if !prev_alnum
                && c.is_alphabetic()
                && let Some((end, a)) = data.match_multi_part(text, i)
            {
                multi.push((i, end, a));
            }
            prev_alnum = c.is_alphanumeric();
        }
        Ctx {
            text,
            flat,
            lang,
            data,
            opaque,
            multi,
        }
    }

    /// Segment `start..end` into units of `kind`; candidates are only looked for from `body`
    /// on (after a list marker).
    fn sentences(
        &self,
        start: usize,
        body: usize,
        end: usize,
        kind: UnitKind,
        out: &mut Vec<Unit>,
    ) {
        let mut cuts: Vec<usize> = Vec::new();
        if let Some(flat) = self.flat.get(body..end) {
            for (i, _) in flat.split_sentence_bound_indices().skip(1) {
                if let Some(b) = self.decide(body + i) {
                    cuts.push(b);
                }
            }
            self.ellipsis_cuts(body, end, &mut cuts);
        }
        cuts.sort_unstable();
        let mut from = start;
        for b in cuts {
            if b > from && b < end {
                push_trimmed(self.text, from, b, kind, out);
                from = b;
            }
        }
        push_trimmed(self.text, from, end, kind, out);
    }

    /// Layers 2, 4 and 5 for one UAX #29 candidate: `None` drops it; a boundary before a
    /// closing quote moves after it.
    fn decide(&self, b: usize) -> Option<usize> {
        if self.protected(b) {
            return None;
        }
        let b = self.past_closing_quote(b);
        self.keeps_boundary(b).then_some(b)
    }

    fn protected(&self, b: usize) -> bool {
        let inside = |start: usize, end: usize| start < b && b < end;
        let i = self.opaque.partition_point(|s| (s.start as usize) < b);
        let in_opaque = i
            .checked_sub(1)
            .and_then(|i| self.opaque.get(i))
            .is_some_and(|s| inside(s.start as usize, s.end as usize));
        let j = self.multi.partition_point(|m| m.0 < b);
        let in_multi = j
            .checked_sub(1)
            .and_then(|j| self.multi.get(j))
            .is_some_and(|m| inside(m.0, m.1));
        in_opaque || in_multi
    }

    /// `« Vous devez signer. » Ensuite` — UAX #29 breaks before `»`; move after it.
    fn past_closing_quote(&self, b: usize) -> usize {
        let before = self.text.get(..b).unwrap_or("").trim_end();
        let after = self.text.get(b..).unwrap_or("");
        let mut chars = after.chars();
        match chars.next() {
            Some(q @ ('»' | '”' | '"' | '›'))
                if before.ends_with(['.', '!', '?', '…'])
                    && chars.next().is_none_or(char::is_whitespace) =>
            {
                let rest = after.get(q.len_utf8()..).unwrap_or("");
                b + q.len_utf8() + (rest.len() - rest.trim_start().len())
            }
            _ => b,
        }
    }

    /// Layer 4: whether the candidate boundary at `b` (start of the next sentence) stands.
    fn keeps_boundary(&self, b: usize) -> bool {
        let before = self.text.get(..b).unwrap_or("").trim_end();
        let after = self.text.get(b..).unwrap_or("");
        let core = before.trim_end_matches(is_closer);
        let Some(stem) = core.strip_suffix('.') else {
            return true; // `?`, `!`, or a break UAX #29 found elsewhere
        };
        if stem.ends_with('.') {
            return true; // `...`
        }
        // A multi-part abbreviation ending with this full stop (`p. ex.`, `z. B.`).
        let k = self.multi.partition_point(|m| m.0 < core.len());
        let ending_here = (k.saturating_sub(2)..k)
            .filter_map(|i| self.multi.get(i))
            .find(|m| m.1 == core.len());
        if let Some(m) = ending_here {
            return self.ends_after(m.2, after);
        }
        let Some((tok_start, tok)) = last_token(stem) else {
            return true;
        };
        let host = tok.rsplit(lexdata::is_apostrophe).next().unwrap_or(tok);
        if host.is_empty() {
            return true;
        }
        if let Some(a) = self.data.abbreviation(&format!("{host}.")) {
            return self.ends_after(a, after);
        }
        let mut host_chars = host.chars();
        if let (Some(c), None) = (host_chars.next(), host_chars.next())
            && c.is_uppercase()
        {
            // An initial (`J. Dupont`, `z. B.`), unless a label word precedes (`annexe B.`).
            let prev = stem.get(..tok_start).unwrap_or("");
            let word = prev.split_whitespace().next_back().unwrap_or("");
            let word = word.rsplit(lexdata::is_apostrophe).next().unwrap_or(word);
            return LABEL_WORDS.contains(&word.to_lowercase().as_str());
        }
        if (1..=2).contains(&host.len()) && host.bytes().all(|c| c.is_ascii_digit()) {
            let next = next_word(after);
            // German ordinal date: `25. November`, `1. Jan.`
            if self.lang == Lang::De
                && (is_german_month(next)
                    || (after.get(next.len()..).is_some_and(|r| r.starts_with('.'))
                        && self
                            .data
                            .abbreviation(&format!("{next}."))
                            .is_some_and(|a| a.category == AbbrevCategory::Month)))
            {
                return false;
            }
            // Spaced numeric date: `15. | 03. 2025`, `15. 03. | 2025`.
            if starts_with_day_or_month(after) {
                return false;
            }
            let prev = stem.get(..tok_start).unwrap_or("").trim_end();
            if after.starts_with(|c: char| c.is_ascii_digit())
                && prev
                    .strip_suffix('.')
                    .is_some_and(|p| last_token(p).is_some_and(|(_, t)| is_day_or_month(t)))
            {
                return false;
            }
        }
        true
    }

    /// Whether a sentence ends after abbreviation `a` when `after` follows.
    fn ends_after(&self, a: &Abbreviation, after: &str) -> bool {
        match a.ends_sentence {
            EndsSentence::Never => false,
            EndsSentence::Maybe => {
                let w = next_word(after);
                w.chars().next().is_some_and(char::is_uppercase)
                    && (self.data.is_sentence_starter(w)
                        || w.find(lexdata::is_apostrophe)
                            .and_then(|i| w.get(..i + 1))
                            .is_some_and(|p| self.data.is_sentence_starter(p)))
            }
        }
    }

    /// Layer 5: a boundary after `…` followed by a space and a capital letter.
    fn ellipsis_cuts(&self, body: usize, end: usize, cuts: &mut Vec<usize>) {
        let Some(part) = self.text.get(body..end) else {
            return;
        };
        for (i, _) in part.match_indices('…') {
            let rest = part.get(i + '…'.len_utf8()..).unwrap_or("");
            let next = rest.trim_start();
            if next.len() < rest.len() && next.chars().next().is_some_and(char::is_uppercase) {
                let b = end - next.len();
                if !self.protected(b) {
                    cuts.push(b);
                }
            }
        }
    }
}

/// Push `text[start..end]` trimmed, unless it is only whitespace.
fn push_trimmed(text: &str, start: usize, end: usize, kind: UnitKind, out: &mut Vec<Unit>) {
    let Some(piece) = text.get(start..end) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Unit {
            kind,
            span: Span::new(start + lead, start + lead + trimmed.len()),
        });
    }
}

/// Closing punctuation that may follow a sentence's terminator.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '»' | '"' | '”' | '’' | '\'' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '«' | '"' | '“' | '„' | '‘' | '\'' | '‹'
    )
}

/// The whitespace-delimited token at the end of `s` (without opening punctuation), with
/// its byte offset; `None` when longer than [`MAX_TOKEN`].
fn last_token(s: &str) -> Option<(usize, &str)> {
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        if c.is_whitespace() {
            break;
        }
        if s.len() - i > MAX_TOKEN {
            return None;
        }
        start = i;
    }
    let tok = s.get(start..)?;
    let trimmed = tok.trim_start_matches(is_opener);
    Some((start + tok.len() - trimmed.len(), trimmed))
}

/// The first word of `s` (letters and apostrophes), after opening punctuation.
fn next_word(s: &str) -> &str {
    let s = s.trim_start_matches(is_opener);
    let end = s
        .char_indices()
        .take(MAX_TOKEN)
        .find(|(_, c)| !(c.is_alphabetic() || lexdata::is_apostrophe(*c)))
        .map_or(s.len().min(MAX_TOKEN * 4), |(i, _)| i);
    s.get(..end).unwrap_or("")
}

pub(crate) fn is_german_month(word: &str) -> bool {
    !word.is_empty() && GERMAN_MONTHS.contains(&word.to_lowercase().as_str())
}

fn is_day_or_month(t: &str) -> bool {
    (1..=2).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_digit())
}

/// `03. …`: one or two digits and a full stop.
fn starts_with_day_or_month(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && s.as_bytes().get(digits) == Some(&b'.')
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(text: &str, lang: Lang) -> Vec<(UnitKind, &str)> {
        segment(text, lang, BlockKind::Paragraph)
            .into_iter()
            .map(|u| (u.kind, u.span.slice(text)))
            .collect()
    }

    #[test]
    fn soft_wraps_join_lines() {
        let t = "Nous avons reçu votre\ndemande. Elle est complète.";
        assert_eq!(
            units(t, Lang::Fr),
            vec![
                (UnitKind::Sentence, "Nous avons reçu votre\ndemande."),
                (UnitKind::Sentence, "Elle est complète."),
            ]
        );
    }

    #[test]
    fn german_hard_wrap_before_a_noun_is_not_a_heading() {
        let t = "Wir haben Ihren Antrag auf Gewährung von\nArbeitslosenunterstützung geprüft.";
        assert_eq!(units(t, Lang::De).len(), 1);
    }

    #[test]
    fn heading_block_and_list_block() {
        let t = "Étapes à suivre. Vraiment.";
        let h = segment(t, Lang::Fr, BlockKind::Heading(2));
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].kind, UnitKind::Heading);
        let l = segment("Remplissez le formulaire.", Lang::Fr, BlockKind::ListItem);
        assert_eq!(l[0].kind, UnitKind::ListItem);
    }

    #[test]
    fn closing_then_signature() {
        let t = "Merci.\n\nMet vriendelijke groeten,\nJan Peeters\nDirecteur";
        assert_eq!(
            units(t, Lang::Nl),
            vec![
                (UnitKind::Sentence, "Merci."),
                (UnitKind::Closing, "Met vriendelijke groeten,"),
                (UnitKind::Signature, "Jan Peeters"),
                (UnitKind::Signature, "Directeur"),
            ]
        );
    }

    #[test]
    fn initials_and_labels() {
        assert_eq!(units("Contactez J. Dupont demain.", Lang::Fr).len(), 1);
        assert_eq!(
            units("Voir l'annexe B. Elle est jointe.", Lang::Fr).len(),
            2
        );
        assert_eq!(
            units("Le 15. 03. 2025. Nous avons écrit.", Lang::Fr).len(),
            2
        );
    }

    #[test]
    fn placeholders_and_urls_are_not_split() {
        let t = "Bonjour {{ Nom. Prénom }} voir https://x.be/A. Dit.";
        assert_eq!(units(t, Lang::Fr).len(), 2);
    }

    proptest! {
        #[test]
        fn spans_are_sound(s in "(\\PC|\n|\n\n| |\\.|…|«|»|-|1\\.|[A-Z]\\. |etc\\. |z\\. B\\. |www\\.x\\.be|a@b\\.be|\\{\\{ x \\}\\}){0,40}") {
            for lang in Lang::ALL {
                for block in [BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Heading(1)] {
                    let units = segment(&s, lang, block);
                    let mut last = 0usize;
                    for u in &units {
                        let (a, b) = (u.span.start as usize, u.span.end as usize);
                        prop_assert!(a >= last && a < b && b <= s.len());
                        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
                        prop_assert_eq!(u.span.slice(&s).trim(), u.span.slice(&s));
                        last = b;
                    }
                }
            }
        }
    }
}
