//! Inline suppressions written in a document's source.
//!
//! In Markdown and HTML, as comments:
//! `<!-- plainly-disable rule-a, rule-b -->` … `<!-- plainly-enable -->`,
//! `<!-- plainly-disable-next-line rule-a -->`, `<!-- plainly-disable-file rule-a -->`.
//! In plain text, the same words alone on a line, optionally after `#`, `//` or `%`:
//! `# plainly-disable-next-line sentence-length`. Without rule names, every rule.

use serde::Serialize;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectiveKind {
    /// From this line until `Enable` (or the end of the file).
    Disable,
    /// Ends a `Disable` (for the named rules, or all).
    Enable,
    /// Only the next line that has text.
    DisableNextLine,
    /// The whole file, document-level findings included.
    DisableFile,
}

/// A directive found in a source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
    /// 0-based line of the directive in the document's first source.
    pub line: u32,
}

/// Parse the body of a comment (or a plain-text line) as a directive.
pub fn parse(body: &str) -> Option<(DirectiveKind, Vec<String>)> {
    let body = body.trim();
    let body = body
        .strip_prefix("<!--")
        .map(|b| b.trim_end().trim_end_matches("-->"))
        .unwrap_or(body)
        .trim();
    let body = ["#", "//", "%"]
        .iter()
        .find_map(|p| body.strip_prefix(p))
        .unwrap_or(body)
        .trim();
    let (word, rest) = match body.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r),
        None => (body, ""),
    };
    let kind = match word {
        "plainly-disable" => DirectiveKind::Disable,
        "plainly-enable" => DirectiveKind::Enable,
        "plainly-disable-next-line" => DirectiveKind::DisableNextLine,
        "plainly-disable-file" => DirectiveKind::DisableFile,
        _ => return None,
    };
    let rules = rest
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    Some((kind, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comment_and_line_forms() {
        assert_eq!(
            parse("<!-- plainly-disable sentence-length, long-word -->"),
            Some((
                DirectiveKind::Disable,
                vec!["sentence-length".into(), "long-word".into()]
            ))
        );
        assert_eq!(
            parse("plainly-enable"),
            Some((DirectiveKind::Enable, vec![]))
        );
        assert_eq!(
            parse("# plainly-disable-next-line jargon"),
            Some((DirectiveKind::DisableNextLine, vec!["jargon".into()]))
        );
        assert_eq!(parse("plainly-disabled"), None);
        assert_eq!(parse("Veuillez trouver"), None);
    }
}
