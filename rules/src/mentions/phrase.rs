//! The phrase syntax of the mandatory-mentions data (MANDATORY-MENTIONS.md §4.2),
//! compiled to `regex` patterns.
//!
//! * space: next word; `(a|b)`: one of; `[x]`, `[a|b]`: optional word(s);
//! * `*` in a word: any letters; `…` a gap of up to 3 words (`…5`: up to 5);
//! * `{slot}`: a lexicon (number, time-unit, court-generic, street);
//! * `re:` prefix: a raw regular expression (maintainers only).
//!
//! Matching is case-insensitive. Accents are not folded in v1: phrases carry them.

use std::collections::BTreeMap;

/// Regex fragments for the slots, by slot name.
pub type Slots = BTreeMap<String, String>;

/// Between two words: white space, or nothing after an elided article (« d'un »).
const SEP: &str = r"(?:\s+|\b)";

enum Tok {
    Req(String),
    Opt(String),
    Gap(usize),
}

/// Compile one phrase to a regex fragment (no flags). Errors name the phrase.
pub fn compile(phrase: &str, slots: &Slots) -> Result<String, String> {
    if let Some(raw) = phrase.strip_prefix("re:") {
        regex_syntax::Parser::new()
            .parse(raw)
            .map_err(|e| format!("bad pattern '{phrase}': {e}"))?;
        return Ok(format!("(?:{raw})"));
    }
    let body = sequence(phrase.trim(), slots).map_err(|e| format!("bad phrase '{phrase}': {e}"))?;
    let wordy = |c: char| c.is_alphanumeric() || "([{*".contains(c);
    let pre = if phrase.trim().chars().next().is_some_and(wordy) {
        r"\b"
    } else {
        ""
    };
    let post = if phrase
        .trim()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || ")]}*".contains(c))
    {
        r"\b"
    } else {
        ""
    };
    Ok(format!("{pre}(?:{body}){post}"))
}

/// Split at white space outside brackets.
fn tokens(s: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return Err("unbalanced brackets".into());
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if depth != 0 {
        return Err("unbalanced brackets".into());
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    Ok(out)
}

/// Split at `|` outside brackets.
fn alternatives(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut last = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '|' if depth == 0 => {
                out.push(&s[last..i]);
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[last..]);
    out
}

fn group(inner: &str, slots: &Slots) -> Result<String, String> {
    let alts = alternatives(inner)
        .into_iter()
        .map(|a| sequence(a.trim(), slots))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!("(?:{})", alts.join("|")))
}

fn sequence(s: &str, slots: &Slots) -> Result<String, String> {
    let mut toks = Vec::new();
    for t in tokens(s)? {
        if let Some(rest) = t.strip_prefix('…') {
            let n = if rest.is_empty() {
                3
            } else {
                rest.parse::<usize>()
                    .map_err(|_| format!("bad gap '{t}'"))?
            };
            toks.push(Tok::Gap(n));
        } else if t.starts_with('[') && t.ends_with(']') && closing(t, 0) == Some(t.len() - 1) {
            toks.push(Tok::Opt(group(&t[1..t.len() - 1], slots)?));
        } else {
            toks.push(Tok::Req(word(t, slots)?));
        }
    }
    let mut out = String::new();
    let n = toks.len();
    for (i, t) in toks.iter().enumerate() {
        let last = i + 1 == n;
        match t {
            Tok::Req(f) => {
                out.push_str(f);
                if !last {
                    out.push_str(SEP);
                }
            }
            Tok::Opt(f) => {
                if last {
                    if let Some(stripped) = out.strip_suffix(SEP) {
                        out = stripped.to_string();
                    }
                    out.push_str(&format!("(?:{SEP}{f})?"));
                } else {
                    out.push_str(&format!("(?:{f}{SEP})?"));
                }
            }
            Tok::Gap(k) => {
                if !last {
                    out.push_str(&format!(r"(?:[^\s]+\s+){{0,{k}}}"));
                }
            }
        }
    }
    Ok(out)
}

/// Byte index of the bracket closing the one at `open`.
fn closing(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices().skip_while(|(i, _)| *i < open) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn word(t: &str, slots: &Slots) -> Result<String, String> {
    let mut out = String::new();
    let mut i = 0;
    while let Some(c) = t.get(i..).and_then(|r| r.chars().next()) {
        match c {
            '(' => {
                let end = closing(t, i).ok_or("unclosed '('")?;
                out.push_str(&group(t.get(i + 1..end).unwrap_or(""), slots)?);
                i = end + 1;
                continue;
            }
            '[' => {
                let end = closing(t, i).ok_or("unclosed '['")?;
                out.push_str(&format!(
                    "{}?",
                    group(t.get(i + 1..end).unwrap_or(""), slots)?
                ));
                i = end + 1;
                continue;
            }
            '{' => {
                let end = closing(t, i).ok_or("unclosed '{'")?;
                let name = t.get(i + 1..end).unwrap_or("");
                let frag = slots
                    .get(name)
                    .ok_or_else(|| format!("unknown slot {{{name}}}"))?;
                out.push_str(frag);
                i = end + 1;
                continue;
            }
            '*' => out.push_str(r"\w*"),
            '\'' | '’' => out.push_str("['’ʼ]"),
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
        i += c.len_utf8();
    }
    Ok(out)
}

/// A regex fragment matching any of `words` (longest first), each compiled as a phrase.
pub fn union(words: &[String], slots: &Slots) -> Result<String, String> {
    let mut parts: Vec<String> = words
        .iter()
        .map(|w| compile(w, slots))
        .collect::<Result<_, _>>()?;
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Ok(format!("(?:{})", parts.join("|")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn re(p: &str) -> regex::Regex {
        let mut slots = Slots::new();
        slots.insert("number".into(), "(?:trois|un|une|3)".into());
        slots.insert("time-unit".into(), "(?:mois|jours?)".into());
        regex::Regex::new(&format!("(?i){}", compile(p, &slots).unwrap())).unwrap()
    }

    #[test]
    fn syntax() {
        assert!(
            re("dans [un délai de] {number} {time-unit}")
                .is_match("Dans les dans un délai de trois mois")
        );
        assert!(re("dans [un délai de] {number} {time-unit}").is_match("dans 3 mois"));
        assert!(
            re("dans un délai (de|d') {number} {time-unit}").is_match("dans un délai d'un mois")
        );
        assert!(
            re("(u|je) (kunt|kan) …5 beroep instellen")
                .is_match("U kunt bij de rechtbank beroep instellen")
        );
        assert!(re("beroepsmogelijkhe*").is_match("De beroepsmogelijkheden zijn"));
        assert!(!re("recours").is_match("recourse"));
        assert!(re("ab [der|dem] Erhalt").is_match("ab Erhalt"));
        assert!(re("ab [der|dem] Erhalt").is_match("ab dem Erhalt"));
    }
}
