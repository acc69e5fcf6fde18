//! Phrase matching: one automaton over case- and accent-folded text (and one over
//! case-folded text for accent-sensitive forms), word boundaries checked on the folded text,
//! leftmost-longest selection, spans mapped back to the original bytes.

use super::fold::{Folded, fold, fold_str, is_word_char};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

/// A match in the original text: byte range and the pattern's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub payload: u32,
}

impl Hit {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    payload: u32,
    /// The folded form starts (ends) with a word character: check the boundary there.
    word_start: bool,
    word_end: bool,
}

/// One automaton and what its patterns stand for.
#[derive(Debug)]
struct Automaton {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Automaton {
    fn build(pats: Vec<(String, u32)>) -> Result<Option<Automaton>, String> {
        if pats.is_empty() {
            return Ok(None);
        }
        let patterns = pats
            .iter()
            .map(|(p, payload)| Pattern {
                payload: *payload,
                word_start: p.chars().next().is_some_and(is_word_char),
                word_end: p.chars().next_back().is_some_and(is_word_char),
            })
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(pats.iter().map(|(p, _)| p.as_bytes()))
            .map_err(|e| e.to_string())?;
        Ok(Some(Automaton { ac, patterns }))
    }

    /// Every match with its word boundaries respected, in original bytes.
    fn candidates(&self, folded: &Folded, out: &mut Vec<Hit>) {
        let hay = folded.text.as_str();
        for m in self.ac.find_overlapping_iter(hay) {
            let Some(p) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            if p.word_start
                && hay
                    .get(..m.start())
                    .and_then(|s| s.chars().next_back())
                    .is_some_and(is_word_char)
            {
                continue;
            }
            if p.word_end
                && hay
                    .get(m.end()..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(is_word_char)
            {
                continue;
            }
            if let Some(r) = folded.original_range(m.start(), m.end()) {
                out.push(Hit {
                    start: r.start,
                    end: r.end,
                    payload: p.payload,
                });
            }
        }
    }
}

/// A compiled set of phrases. Build once, match many texts.
#[derive(Debug)]
pub struct Matcher {
    folded: Option<Automaton>,
    sensitive: Option<Automaton>,
    len: usize,
}

impl Matcher {
    /// Compile `(form, accent_sensitive, payload)` triples. Forms that fold to nothing are
    /// left out.
    pub fn new<I, S>(forms: I) -> Result<Matcher, String>
    where
        I: IntoIterator<Item = (S, bool, u32)>,
        S: AsRef<str>,
    {
        let (mut plain, mut sensitive) = (Vec::new(), Vec::new());
        for (form, accents, payload) in forms {
            let form = form.as_ref();
            let f = fold_str(form, accents);
            if f.is_empty() {
                continue;
            }
            // A hyphenated form also matches when a line break falls on its hyphen.
            let joined = form
                .contains(['-', '\u{2010}', '\u{2011}'])
                .then(|| fold_str(&form.replace(['-', '\u{2010}', '\u{2011}'], ""), accents))
                .filter(|j| !j.is_empty() && *j != f);
            let list = if accents { &mut sensitive } else { &mut plain };
            list.push((f, payload));
            if let Some(j) = joined {
                list.push((j, payload));
            }
        }
        let len = plain.len() + sensitive.len();
        Ok(Matcher {
            folded: Automaton::build(plain)?,
            sensitive: Automaton::build(sensitive)?,
            len,
        })
    }

    /// Number of compiled forms.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every match of every form with word boundaries respected, overlapping ones included,
    /// sorted by start, then longest first.
    pub fn candidates(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(a) = &self.folded {
            a.candidates(&fold(text, false), &mut out);
        }
        if let Some(a) = &self.sensitive {
            a.candidates(&fold(text, true), &mut out);
        }
        out.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.payload).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.payload,
            ))
        });
        out.dedup();
        out
    }

    /// Non-overlapping matches among the payloads `keep` accepts: leftmost first, and at
    /// the same start the longest.
    pub fn find(&self, text: &str, keep: impl Fn(u32) -> bool) -> Vec<Hit> {
        select(self.candidates(text), keep)
    }
}

/// Leftmost-longest, non-overlapping selection from sorted candidates.
pub fn select(candidates: Vec<Hit>, keep: impl Fn(u32) -> bool) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    let mut end = 0;
    for h in candidates {
        if h.start < end || !keep(h.payload) {
            continue;
        }
        end = h.end;
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn m(forms: &[(&str, bool)]) -> Matcher {
        Matcher::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, (f, a))| (*f, *a, i as u32)),
        )
        .unwrap()
    }

    fn found<'t>(m: &Matcher, t: &'t str) -> Vec<(&'t str, u32)> {
        m.find(t, |_| true)
            .into_iter()
            .map(|h| (&t[h.range()], h.payload))
            .collect()
    }

    #[test]
    fn word_boundaries_and_longest() {
        let m = m(&[
            ("indu", false),
            ("pro rata", false),
            ("pro rata temporis", false),
        ]);
        assert_eq!(found(&m, "L'indu est induit."), vec![("indu", 0)]);
        assert_eq!(
            found(&m, "calculé PRO  RATA temporis, pro\nrata"),
            vec![("PRO  RATA temporis", 2), ("pro\nrata", 1)]
        );
        assert!(found(&m, "nonindu").is_empty());
        // A hyphen inside a compound separates words.
        assert_eq!(found(&m, "Pro-Rata-Regel"), vec![("Pro-Rata", 1)]);
    }

    #[test]
    fn hyphenation_and_accents() {
        let m = m(&[("administration", false), ("côte", true), ("cote", true)]);
        assert_eq!(
            found(&m, "l'adminis-\ntration"),
            vec![("adminis-\ntration", 0)]
        );
        assert_eq!(
            found(&m, "la côte, la cote"),
            vec![("côte", 1), ("cote", 2)]
        );
        // A decomposed accent stays one character: "cote" does not match "cote\u{301}".
        assert_eq!(found(&m, "cote\u{301}"), vec![]);
    }

    #[test]
    fn a_rejected_long_match_does_not_hide_a_short_one() {
        let m = m(&[("ab", false), ("b cd", false)]);
        // "ab" fails its start boundary inside "xab"; "b cd" too ("xab" is one word).
        assert!(found(&m, "xab cd").is_empty());
        let m2 = self::m(&[("suite à", false), ("suite à votre demande du", false)]);
        assert_eq!(found(&m2, "suite à votre demande"), vec![("suite à", 0)]);
    }
}
