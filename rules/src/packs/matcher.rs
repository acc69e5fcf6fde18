//! Matching words, phrases and patterns over a block's text with exact spans.
//!
//! All entries of a rule (literal words and phrases, then regular expressions) compile into
//! one regular expression, each entry wrapped in its own group, so a block is searched in
//! one pass and every hit knows which entry it came from. The `regex` crate runs in linear
//! time; the size of every compiled pattern is bounded.
//!
//! A hit is kept only when it sits on word boundaries (no letter or digit glued to either
//! end, and no hyphen that joins it to a longer compound: `mail` is not found in `e-mail`),
//! does not touch a URL, an e-mail address or a merge field, and is not empty. After a
//! rejected hit the search starts again one character later, so a good match that overlaps
//! a rejected one is still found.

use plainly_text::Span;
use regex::{Regex, RegexBuilder};

/// Bytes the compiled program of one user-written pattern may use.
pub const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// Bytes the compiled program of a rule's combined expression may use.
pub const COMBINED_SIZE_LIMIT: usize = 8 << 20;
/// Longest pattern source accepted, in bytes.
pub const PATTERN_MAX_LEN: usize = 2_000;
/// Most hits one rule reports in one block (a pathological pattern cannot flood output).
const MAX_HITS: usize = 1_000;

/// One thing to look for.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A word or phrase, matched literally (spaces match any run of white space, any
    /// apostrophe matches ' and ’, a hyphen matches the Unicode hyphens).
    Literal(String),
    /// A regular expression, used as written. If it has groups, the first group that takes
    /// part in a match is the part flagged; the rest is context.
    Pattern(String),
}

/// A hit: which entry matched, the span flagged and the whole match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: usize,
    /// The span to flag (the pattern's first group, else the whole match).
    pub span: Span,
    /// The whole match.
    pub full: Span,
}

/// Compiled entries.
#[derive(Debug, Clone)]
pub struct Matcher {
    re: Regex,
    /// For each entry (in the caller's order): its group and how many groups it holds.
    groups: Vec<(usize, usize)>,
    /// Word-boundary checks on regular-expression hits.
    pattern_boundaries: bool,
    literal: Vec<bool>,
}

/// Why entries do not compile, and which entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchError {
    pub entry: usize,
    pub message: String,
}

/// Check one user-written pattern alone: size, syntax, and that it cannot match nothing.
/// Returns the number of groups it has.
pub fn check_pattern(src: &str) -> Result<usize, String> {
    if src.len() > PATTERN_MAX_LEN {
        return Err(format!(
            "the pattern is too long ({} bytes, at most {PATTERN_MAX_LEN})",
            src.len()
        ));
    }
    let re = RegexBuilder::new(src)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("bad pattern: {}", one_line(&e.to_string())))?;
    if re.is_match("") {
        return Err("the pattern matches empty text: it must match at least one character".into());
    }
    Ok(re.captures_len() - 1)
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The regular expression of a literal word or phrase.
pub fn literal_regex(lit: &str) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in lit.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '\'' | '’' | 'ʼ' => out.push_str("['’ʼ]"),
            '-' | '\u{2010}' | '\u{2011}' => out.push_str("[-\u{2010}\u{2011}]"),
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

impl Matcher {
    /// Compile `entries`; literal entries ignore case when `ignorecase`; hits of patterns
    /// are checked for word boundaries unless `nonword`.
    pub fn new(entries: &[Entry], ignorecase: bool, nonword: bool) -> Result<Matcher, MatchError> {
        // Literal entries go first, longest first, so that a phrase wins over a word it
        // starts with; groups are numbered in that order and mapped back.
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&i| match entries.get(i) {
            Some(Entry::Literal(l)) => (0, std::cmp::Reverse(l.chars().count())),
            _ => (1, std::cmp::Reverse(0)),
        });
        let mut src = String::new();
        let mut groups = vec![(0, 0); entries.len()];
        let mut next_group = 1;
        for &i in &order {
            let Some(entry) = entries.get(i) else {
                continue;
            };
            if !src.is_empty() {
                src.push('|');
            }
            match entry {
                Entry::Literal(l) => {
                    if l.trim().is_empty() {
                        return Err(MatchError {
                            entry: i,
                            message: "an empty word or phrase".into(),
                        });
                    }
                    let flags = if ignorecase { "(?i:" } else { "(?:" };
                    src.push_str(flags);
                    src.push('(');
                    src.push_str(&literal_regex(l));
                    src.push_str("))");
                    if let Some(g) = groups.get_mut(i) {
                        *g = (next_group, 0);
                    }
                    next_group += 1;
                }
                Entry::Pattern(p) => {
                    let inner =
                        check_pattern(p).map_err(|message| MatchError { entry: i, message })?;
                    src.push('(');
                    src.push_str(p);
                    src.push(')');
                    if let Some(g) = groups.get_mut(i) {
                        *g = (next_group, inner);
                    }
                    next_group += 1 + inner;
                }
            }
        }
        let re = RegexBuilder::new(&src)
            .size_limit(COMBINED_SIZE_LIMIT)
            .build()
            .map_err(|e| MatchError {
                entry: 0,
                message: format!(
                    "the words and patterns do not compile together: {}",
                    one_line(&e.to_string())
                ),
            })?;
        Ok(Matcher {
            re,
            groups,
            pattern_boundaries: !nonword,
            literal: entries
                .iter()
                .map(|e| matches!(e, Entry::Literal(_)))
                .collect(),
        })
    }

    /// Every hit in `text`, in order, not overlapping, skipping `opaque` spans.
    pub fn hits(&self, text: &str, opaque: &[Span]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= text.len() && out.len() < MAX_HITS {
            let Some(caps) = self.re.captures_at(text, pos) else {
                break;
            };
            let Some(whole) = caps.get(0) else { break };
            let full = Span::new(whole.start(), whole.end());
            let entry = self.groups.iter().position(|(g, _)| caps.get(*g).is_some());
            let accepted = entry.and_then(|entry| {
                if full.is_empty() {
                    return None;
                }
                let check_bounds =
                    self.literal.get(entry).copied().unwrap_or(true) || self.pattern_boundaries;
                if check_bounds && !on_word_boundaries(text, full) {
                    return None;
                }
                if opaque.iter().any(|o| o.overlaps(full)) {
                    return None;
                }
                // The first inner group that took part in the match (a pattern may offer
                // alternatives, each with its group).
                let span = self
                    .groups
                    .get(entry)
                    .and_then(|&(g, inner)| (g + 1..=g + inner).find_map(|i| caps.get(i)))
                    .map(|m| Span::new(m.start(), m.end()))
                    .filter(|s| !s.is_empty())
                    .unwrap_or(full);
                Some(Hit { entry, span, full })
            });
            match accepted {
                Some(hit) => {
                    out.push(hit);
                    pos = whole.end().max(next_char(text, whole.start()));
                }
                None => pos = next_char(text, whole.start()),
            }
        }
        out
    }
}

/// Byte offset of the character after the one at `pos` (or past the end).
fn next_char(text: &str, pos: usize) -> usize {
    pos + text
        .get(pos..)
        .and_then(|r| r.chars().next())
        .map_or(1, char::len_utf8)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// No letter or digit glued to either end of `span`, and no hyphen joining it to a longer
/// compound. Ends that are not letters or digits (`€`, `%`) need no boundary.
pub fn on_word_boundaries(text: &str, span: Span) -> bool {
    let inside = span.slice(text);
    let before = text.get(..span.start as usize).unwrap_or("");
    let after = text.get(span.end as usize..).unwrap_or("");
    if inside.chars().next().is_some_and(is_word_char) {
        let mut back = before.chars().rev();
        match back.next() {
            Some(c) if is_word_char(c) => return false,
            Some(c) if is_joiner(c) && back.next().is_some_and(is_word_char) => return false,
            _ => {}
        }
    }
    if inside.chars().next_back().is_some_and(is_word_char) {
        let mut fwd = after.chars();
        match fwd.next() {
            Some(c) if is_word_char(c) => return false,
            Some(c) if is_joiner(c) && fwd.next().is_some_and(is_word_char) => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.hits(text, &plainly_text::words::opaque_spans(text))
            .into_iter()
            .map(|h| h.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn literals_respect_words_and_compounds() {
        let m = Matcher::new(
            &[
                Entry::Literal("mail".into()),
                Entry::Literal("e-mail".into()),
            ],
            true,
            false,
        )
        .unwrap();
        assert_eq!(
            found(&m, "Un e-mail, un mail, un E‑mail."),
            vec!["e-mail", "mail", "E‑mail"]
        );
        assert!(found(&m, "l'e-mailadres, mailing, e-mail-adres").is_empty());
        assert_eq!(found(&m, "votre mail: info@mail.be"), vec!["mail"]);
    }

    #[test]
    fn phrases_cross_line_breaks_and_apostrophes() {
        let m = Matcher::new(&[Entry::Literal("à l'heure actuelle".into())], true, false).unwrap();
        assert_eq!(
            found(&m, "À l’heure\nactuelle, oui."),
            vec!["À l’heure\nactuelle"]
        );
    }

    #[test]
    fn pattern_group_is_the_flagged_part() {
        let m = Matcher::new(
            &[Entry::Pattern(r"\d{1,2} (Mars|Avril)".into())],
            false,
            false,
        )
        .unwrap();
        let t = "le 15 Mars et le 3 avril";
        let h = m.hits(t, &[]);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].span.slice(t), "Mars");
        assert_eq!(h[0].full.slice(t), "15 Mars");
    }

    #[test]
    fn rejected_hit_does_not_hide_a_later_one() {
        let m = Matcher::new(&[Entry::Literal("EUR".into())], false, false).unwrap();
        assert_eq!(found(&m, "EURO EUR"), vec!["EUR"]);
        let m = Matcher::new(&[Entry::Literal("€".into())], false, false).unwrap();
        assert_eq!(found(&m, "12€ et 5 €"), vec!["€", "€"]);
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(check_pattern("(unclosed").is_err());
        assert!(check_pattern("a*").is_err());
        assert!(check_pattern(&"a".repeat(3000)).is_err());
        assert!(check_pattern(r"\w{1000}{1000}").is_err());
        assert_eq!(check_pattern("(a)(b)"), Ok(2));
    }
}
