//! Opaque spans: URLs, e-mail addresses and merge fields (READABILITY.md §5.2, §7.3 layer 2).
//!
//! One left-to-right pass. Each whitespace-delimited chunk is tested once for a link;
//! merge fields are searched in bounded windows. Linear in the text.

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpaqueKind {
    Url,
    Email,
    Placeholder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opaque {
    pub span: Span,
    pub kind: OpaqueKind,
}

/// Longest merge field, in bytes.
const MAX_FIELD: usize = 80;

/// Top-level domains that make a bare `name.tld` a web address.
const TLDS: &[&str] = &[
    "be",
    "eu",
    "com",
    "org",
    "net",
    "info",
    "fr",
    "nl",
    "de",
    "lu",
    "gov",
    "edu",
    "int",
    "io",
    "uk",
    "ch",
    "at",
    "brussels",
    "vlaanderen",
    "wallonie",
];

/// URLs, e-mail addresses and merge fields of `text`, sorted and non-overlapping.
pub(crate) fn opaque_items(text: &str) -> Vec<Opaque> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_space = true;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if prev_space && !c.is_whitespace() {
            let chunk_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if let Some((s, e, kind)) = link_in(text, i, i + chunk_len) {
                out.push(Opaque {
                    span: Span::new(s, e),
                    kind,
                });
                i = e;
                prev_space = false;
                continue;
            }
        }
        if let Some(len) = field_at(rest) {
            out.push(Opaque {
                span: Span::new(i, i + len),
                kind: OpaqueKind::Placeholder,
            });
            i += len;
            prev_space = false;
            continue;
        }
        prev_space = c.is_whitespace();
        i += c.len_utf8();
    }
    out
}

/// A URL or e-mail address in the chunk `text[start..end]`, without surrounding
/// punctuation.
fn link_in(text: &str, start: usize, end: usize) -> Option<(usize, usize, OpaqueKind)> {
    let chunk = text.get(start..end)?;
    let core = chunk.trim_start_matches(['(', '[', '<', '«', '"', '“', '‘', '\'']);
    let core_start = start + chunk.len() - core.len();
    let core = core.trim_end_matches([
        '.', ',', ';', ':', '!', '?', ')', ']', '>', '»', '"', '”', '’', '\'',
    ]);
    let kind = if is_url(core) {
        OpaqueKind::Url
    } else if is_email(core) {
        OpaqueKind::Email
    } else {
        return None;
    };
    Some((core_start, core_start + core.len(), kind))
}

fn has_prefix_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn is_url(s: &str) -> bool {
    for scheme in ["https://", "http://", "ftp://", "mailto:", "www."] {
        if has_prefix_ci(s, scheme) {
            return s.len() > scheme.len() + 2;
        }
    }
    // A bare domain with a known top-level domain, optionally with a path: `onem.be/fr`.
    let host = s.split('/').next().unwrap_or("");
    let Some((_, tld)) = host.rsplit_once('.') else {
        return false;
    };
    is_host(host)
        && TLDS.contains(&tld.to_ascii_lowercase().as_str())
        && host
            .split('.')
            .next()
            .is_some_and(|l| l.chars().count() >= 2)
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
        && is_host(domain)
}

/// `label.label…` with a final label of at least two letters.
fn is_host(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic))
}

/// Byte length of a merge field at the start of `s`: `{{ name }}`, `${name}`, `{NAME}`,
/// `{ MERGEFIELD Nom }`, `«NOM»`, `<<NOM>>`, `[NOM]`.
fn field_at(s: &str) -> Option<usize> {
    let (open, close) = match s.chars().next()? {
        '{' if s.starts_with("{{") => ("{{", "}}"),
        '$' if s.starts_with("${") => ("${", "}"),
        '{' => ("{", "}"),
        '<' if s.starts_with("<<") => ("<<", ">>"),
        '«' => ("«", "»"),
        '[' => ("[", "]"),
        _ => return None,
    };
    let inner_start = open.len();
    let window_end = s
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|e| *e <= MAX_FIELD)
        .last()
        .unwrap_or(0);
    let window = s.get(inner_start..window_end)?;
    let inner_len = window.find(close)?;
    let inner = window.get(..inner_len)?;
    let ok = match open {
        // Template expressions: anything on one line with a letter (`{{ user.name }}`).
        "{{" | "${" => !inner.contains(['\n', '{']) && inner.chars().any(char::is_alphabetic),
        "{" => {
            let t = inner.trim();
            has_prefix_ci(t, "MERGEFIELD") || (t == inner && is_field_name(t))
        }
        // `«NOM»`, `[NOM]`, `<<NOM>>`: no space at the edges (French quotes have them);
        // inner spaces only in capitals (`[NOM DU CLIENT]`) or snake_case.
        _ => {
            inner == inner.trim()
                && is_field_name(&inner.replace(' ', "_"))
                && (!inner.contains(' ') || !inner.chars().any(char::is_lowercase))
                && (open != "[" || inner.contains('_') || !inner.chars().any(char::is_lowercase))
        }
    };
    ok.then_some(inner_start + inner_len + close.len())
}

/// An identifier-like field name with at least one letter.
fn is_field_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().any(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, OpaqueKind)> {
        opaque_items(text)
            .into_iter()
            .map(|o| (o.span.slice(text), o.kind))
            .collect()
    }

    #[test]
    fn links_and_fields() {
        use OpaqueKind::*;
        assert_eq!(
            found("Consultez www.onem.be. Vous"),
            vec![("www.onem.be", Url)]
        );
        assert_eq!(
            found("(https://x.be/a?b=1)."),
            vec![("https://x.be/a?b=1", Url)]
        );
        assert_eq!(
            found("Écrivez à info@onem.be."),
            vec![("info@onem.be", Email)]
        );
        assert_eq!(found("voir onem.be/fr, merci"), vec![("onem.be/fr", Url)]);
        assert_eq!(found("d.w.z. 1.234,56 z.B. etc."), vec![]);
        assert_eq!(found("Cher {{ name }},"), vec![("{{ name }}", Placeholder)]);
        assert_eq!(
            found("«NOM» et [DATE_ENVOI] ${x}"),
            vec![
                ("«NOM»", Placeholder),
                ("[DATE_ENVOI]", Placeholder),
                ("${x}", Placeholder)
            ]
        );
        assert_eq!(found("« Vous » [sic] [1]"), vec![]);
        assert_eq!(
            found("{ MERGEFIELD Nom }"),
            vec![("{ MERGEFIELD Nom }", Placeholder)]
        );
    }
}
