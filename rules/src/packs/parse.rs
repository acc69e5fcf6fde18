//! Reading a pack file: TOML into checked, compiled rules, or a [`PackError`] that names
//! the file and the line of the offending rule, field or example.

use super::PackError;
use super::kinds::{Form, Kind, Messages, PackExample, PackRule, Scope, Swap, fold};
use super::matcher::{Entry, Matcher};
use super::metric;
use crate::config::line_of;
use crate::finding::Severity;
use crate::rule::{Example, Family, RuleDoc};
use crate::settings::Audience;
use plainly_text::Lang;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use toml::Spanned;

/// The fields every kind takes.
const COMMON: &[&str] = &[
    "id",
    "kind",
    "severity",
    "languages",
    "message",
    "description",
    "why",
    "family",
    "blocks",
    "example",
];

/// The kinds, each with the fields it takes besides the common ones.
pub const KINDS: &[(&str, &[&str])] = &[
    (
        "existence",
        &["tokens", "patterns", "ignorecase", "nonword", "exceptions"],
    ),
    ("substitution", &["swap", "ignorecase"]),
    (
        "occurrence",
        &[
            "tokens",
            "patterns",
            "ignorecase",
            "nonword",
            "exceptions",
            "scope",
            "max",
            "min",
        ],
    ),
    (
        "repetition",
        &["window", "include_stopwords", "exceptions", "scope"],
    ),
    ("consistency", &["groups", "ignorecase"]),
    (
        "conditional",
        &["first", "explained_by", "nonword", "exceptions"],
    ),
    ("metric", &["metric", "scope", "max", "min", "min_words"]),
];

/// Placeholders each kind fills in messages.
fn placeholders(kind: &str) -> &'static [&'static str] {
    match kind {
        "existence" | "repetition" | "conditional" => &["match"],
        "substitution" | "consistency" => &["match", "alternative"],
        "occurrence" => &["match", "count", "limit"],
        "metric" => &["value", "limit"],
        _ => &[],
    }
}

/// Block kinds by name, and those a rule reads unless it says otherwise: everything but
/// quotations (someone else's words) and the sender's and addressee's blocks.
const BLOCK_KINDS: &[&str] = &[
    "heading",
    "paragraph",
    "list-item",
    "table-cell",
    "header",
    "footer",
    "footnote",
    "quote",
    "sender",
    "address",
];
const DEFAULT_BLOCKS: &[&str] = &[
    "heading",
    "paragraph",
    "list-item",
    "table-cell",
    "header",
    "footer",
    "footnote",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: Spanned<RawHeader>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: Spanned<String>,
    description: String,
    #[serde(default)]
    languages: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    license: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    severity: Option<Spanned<String>>,
    languages: Option<Spanned<Vec<String>>>,
    message: Option<Spanned<RawMessage>>,
    description: Option<String>,
    why: Option<String>,
    family: Option<Spanned<String>>,
    blocks: Option<Spanned<Vec<String>>>,
    ignorecase: Option<bool>,
    nonword: Option<bool>,
    tokens: Option<Vec<Spanned<String>>>,
    patterns: Option<Vec<Spanned<String>>>,
    exceptions: Option<Vec<String>>,
    swap: Option<Spanned<RawSwap>>,
    scope: Option<Spanned<String>>,
    max: Option<Spanned<f64>>,
    min: Option<Spanned<f64>>,
    window: Option<Spanned<i64>>,
    include_stopwords: Option<bool>,
    groups: Option<Spanned<Vec<Vec<OneOrMany>>>>,
    first: Option<Spanned<String>>,
    explained_by: Option<Spanned<String>>,
    metric: Option<Spanned<String>>,
    min_words: Option<Spanned<i64>>,
    #[serde(default)]
    example: Vec<Spanned<RawExample>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    lang: Option<Spanned<String>>,
    text: String,
    triggers: bool,
    profile: Option<Spanned<String>>,
    fixed: Option<String>,
}

/// `message = "…"` or `message = { fr = "…", en = "…" }`, in the order written.
#[derive(Debug)]
struct RawMessage(Vec<(Option<String>, String)>);

impl<'de> Deserialize<'de> for RawMessage {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawMessage;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or a table of texts by language (fr, nl, de, en)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawMessage, E> {
                Ok(RawMessage(vec![(None, v.to_string())]))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawMessage, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.push((Some(k), v));
                }
                Ok(RawMessage(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `swap = { "from" = "to", "other" = ["to", "or this"] }`, in the order written.
#[derive(Debug)]
struct RawSwap(Vec<(String, Vec<String>)>);

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for RawSwap {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSwap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of \"words to replace\" = \"plain alternative\" (or a list of alternatives)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawSwap, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, OneOrMany>()? {
                    let alts = match v {
                        OneOrMany::One(s) => vec![s],
                        OneOrMany::Many(v) => v,
                    };
                    out.push((k, alts));
                }
                Ok(RawSwap(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A parsed, checked pack header and its rules.
#[derive(Debug)]
pub struct Parsed {
    pub id: String,
    pub description: String,
    pub languages: Vec<Lang>,
    pub version: Option<String>,
    pub authors: Vec<String>,
    pub license: Option<String>,
    pub rules: Vec<Arc<PackRule>>,
}

struct Ctx<'a> {
    text: &'a str,
    path: &'a str,
}

impl Ctx<'_> {
    fn err(&self, offset: usize, message: impl Into<String>) -> PackError {
        PackError {
            path: self.path.to_string(),
            line: line_of(self.text, offset),
            message: message.into(),
        }
    }

    /// The line of `field = …` inside the rule spanning `rule`, else the rule's line.
    fn field_err(
        &self,
        rule: &std::ops::Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> PackError {
        let body = self.text.get(rule.clone()).unwrap_or_default();
        let mut offset = rule.start;
        let mut found = None;
        for line in body.split_inclusive('\n') {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix(field)
                && rest.trim_start().starts_with('=')
            {
                found = Some(offset);
                break;
            }
            offset += line.len();
        }
        self.err(found.unwrap_or(rule.start), message)
    }
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn langs_of(ctx: &Ctx<'_>, v: &Spanned<Vec<String>>) -> Result<Vec<Lang>, PackError> {
    let mut out = Vec::new();
    for l in v.get_ref() {
        let lang = l
            .parse::<Lang>()
            .map_err(|e| ctx.err(v.span().start, e.to_string()))?;
        if !out.contains(&lang) {
            out.push(lang);
        }
    }
    if out.is_empty() {
        return Err(ctx.err(
            v.span().start,
            "the list of languages is empty: use fr, nl, de or en",
        ));
    }
    Ok(out)
}

/// Parse and check a pack's text; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Parsed, PackError> {
    let ctx = Ctx { text, path };
    let raw: RawPack = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        PackError {
            path: path.to_string(),
            line,
            message: e.message().trim().to_string(),
        }
    })?;
    let header = raw.pack.get_ref();
    let id = header.id.get_ref().clone();
    if !is_kebab(&id) {
        return Err(ctx.err(
            header.id.span().start,
            format!(
                "the pack id '{id}' must be kebab-case (lower-case letters, digits and hyphens)"
            ),
        ));
    }
    let languages = match &header.languages {
        Some(l) => langs_of(&ctx, l)?,
        None => Lang::ALL.to_vec(),
    };
    let mut rules = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for r in &raw.rule {
        let rule = rule(&ctx, &id, &languages, r)?;
        if !seen.insert(rule.id.clone()) {
            return Err(ctx.err(
                r.get_ref().id.span().start,
                format!(
                    "the rule id '{}' is used twice in this pack",
                    r.get_ref().id.get_ref()
                ),
            ));
        }
        rules.push(Arc::new(rule));
    }
    if rules.is_empty() {
        return Err(ctx.err(raw.pack.span().start, "the pack has no [[rule]]"));
    }
    Ok(Parsed {
        id,
        description: header.description.clone(),
        languages,
        version: header.version.clone(),
        authors: header.authors.clone(),
        license: header.license.clone(),
        rules,
    })
}

fn rule(
    ctx: &Ctx<'_>,
    pack: &str,
    pack_langs: &[Lang],
    sr: &Spanned<RawRule>,
) -> Result<PackRule, PackError> {
    let span = sr.span();
    let r = sr.get_ref();
    let rid = r.id.get_ref();
    if !is_kebab(rid) {
        return Err(ctx.err(
            r.id.span().start,
            format!(
                "the rule id '{rid}' must be kebab-case (lower-case letters, digits and hyphens)"
            ),
        ));
    }
    let kind_name = r.kind.get_ref().as_str();
    let Some((_, own_fields)) = KINDS.iter().find(|(k, _)| *k == kind_name) else {
        let names: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
        return Err(ctx.err(
            r.kind.span().start,
            format!("unknown kind '{kind_name}': use {}", names.join(", ")),
        ));
    };
    // Fields that do not belong to the kind are mistakes, not options to ignore.
    let given: [(&str, bool); 16] = [
        ("ignorecase", r.ignorecase.is_some()),
        ("nonword", r.nonword.is_some()),
        ("tokens", r.tokens.is_some()),
        ("patterns", r.patterns.is_some()),
        ("exceptions", r.exceptions.is_some()),
        ("swap", r.swap.is_some()),
        ("scope", r.scope.is_some()),
        ("max", r.max.is_some()),
        ("min", r.min.is_some()),
        ("window", r.window.is_some()),
        ("include_stopwords", r.include_stopwords.is_some()),
        ("groups", r.groups.is_some()),
        ("first", r.first.is_some()),
        ("explained_by", r.explained_by.is_some()),
        ("metric", r.metric.is_some()),
        ("min_words", r.min_words.is_some()),
    ];
    for (field, present) in given {
        if present && !own_fields.contains(&field) && !COMMON.contains(&field) {
            return Err(ctx.field_err(
                &span,
                field,
                format!(
                    "'{field}' does not apply to kind '{kind_name}' (it takes: {})",
                    own_fields.join(", ")
                ),
            ));
        }
    }
    let full_id = format!("{pack}/{rid}");
    let severity = match &r.severity {
        Some(s) => s
            .get_ref()
            .parse::<Severity>()
            .map_err(|e| ctx.err(s.span().start, e))?,
        None => Severity::Warning,
    };
    let langs = match &r.languages {
        Some(l) => langs_of(ctx, l)?,
        None => pack_langs.to_vec(),
    };
    let blocks: Vec<&'static str> = match &r.blocks {
        Some(b) => {
            let mut out = Vec::new();
            for name in b.get_ref() {
                let Some(k) = BLOCK_KINDS.iter().find(|k| **k == name.as_str()) else {
                    return Err(ctx.err(
                        b.span().start,
                        format!(
                            "unknown block kind '{name}': use {}",
                            BLOCK_KINDS.join(", ")
                        ),
                    ));
                };
                out.push(*k);
            }
            out
        }
        None => DEFAULT_BLOCKS.to_vec(),
    };
    let family = match &r.family {
        Some(f) => family(f.get_ref()).ok_or_else(|| {
            ctx.err(
                f.span().start,
                format!(
                    "unknown family '{}': use sentences, verbs, words, numbers, reader, scores or mentions",
                    f.get_ref()
                ),
            )
        })?,
        None if kind_name == "metric" => Family::Scores,
        None => Family::Words,
    };
    let message = message(ctx, r, &span, kind_name)?;
    let kind = kind(ctx, r, &span, kind_name)?;
    let has_fixes = matches!(
        kind,
        Kind::Substitution { .. } | Kind::Repetition { .. } | Kind::Consistency { .. }
    );
    let mut examples = Vec::new();
    for se in &r.example {
        examples.push(example(ctx, se, &langs, has_fixes)?);
    }
    let what = r.description.clone().unwrap_or_else(|| {
        message
            .0
            .iter()
            .find(|(l, _)| *l == Some(Lang::En))
            .or(message.0.first())
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    });
    let doc = intern_doc(DocKey {
        id: full_id.clone(),
        family,
        severity,
        langs: langs.clone(),
        what,
        why: r.why.clone().unwrap_or_default(),
        examples: examples
            .iter()
            .map(|e| (e.lang, e.audience, e.text.clone(), e.triggers))
            .collect(),
    });
    Ok(PackRule {
        id: full_id,
        line: line_of(ctx.text, span.start),
        doc,
        severity,
        langs,
        blocks,
        message,
        kind,
        examples,
    })
}

fn family(s: &str) -> Option<Family> {
    Some(match s {
        "sentences" => Family::Sentences,
        "verbs" => Family::Verbs,
        "words" => Family::Words,
        "numbers" => Family::Numbers,
        "reader" => Family::Reader,
        "scores" => Family::Scores,
        "mentions" => Family::Mentions,
        _ => return None,
    })
}

fn message(
    ctx: &Ctx<'_>,
    r: &RawRule,
    span: &std::ops::Range<usize>,
    kind: &str,
) -> Result<Messages, PackError> {
    let Some(m) = &r.message else {
        return Err(ctx.err(
            span.start,
            format!(
                "rule '{}' has no message: add message = \"…\" (or a table by language)",
                r.id.get_ref()
            ),
        ));
    };
    let at = m.span().start;
    let allowed = placeholders(kind);
    let mut out = Vec::new();
    for (lang, text) in &m.get_ref().0 {
        let lang = match lang {
            Some(l) => Some(
                l.parse::<Lang>()
                    .map_err(|e| ctx.err(at, format!("message: {e}")))?,
            ),
            None => None,
        };
        if text.trim().is_empty() {
            return Err(ctx.err(at, "the message is empty"));
        }
        for name in placeholder_names(text) {
            if !allowed.contains(&name) {
                let list: Vec<String> = allowed.iter().map(|p| format!("{{{p}}}")).collect();
                return Err(ctx.err(
                    at,
                    format!(
                        "unknown placeholder {{{name}}} in the message: kind '{kind}' fills {}",
                        list.join(", ")
                    ),
                ));
            }
        }
        out.push((lang, text.clone()));
    }
    if out.is_empty() {
        return Err(ctx.err(
            at,
            "the message table is empty: give a text for each language",
        ));
    }
    Ok(Messages(out))
}

/// `{name}` placeholders of a message (lower-case letters and `_`).
fn placeholder_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        if let Some(close) = after.find('}') {
            let name = after.get(..close).unwrap_or_default();
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                out.push(name);
            }
        }
        rest = after;
    }
    out
}

fn entries(
    ctx: &Ctx<'_>,
    r: &RawRule,
    span: &std::ops::Range<usize>,
) -> Result<(Vec<Entry>, Vec<usize>), PackError> {
    let mut entries = Vec::new();
    let mut offsets = Vec::new();
    for t in r.tokens.iter().flatten() {
        entries.push(Entry::Literal(t.get_ref().clone()));
        offsets.push(t.span().start);
    }
    for p in r.patterns.iter().flatten() {
        entries.push(Entry::Pattern(p.get_ref().clone()));
        offsets.push(p.span().start);
    }
    if entries.is_empty() {
        return Err(ctx.err(
            span.start,
            "give the words to look for: tokens = [\"…\"] or patterns = [\"…\"]",
        ));
    }
    Ok((entries, offsets))
}

fn matcher(
    ctx: &Ctx<'_>,
    entries: &[Entry],
    offsets: &[usize],
    fallback: usize,
    ignorecase: bool,
    nonword: bool,
) -> Result<Matcher, PackError> {
    Matcher::new(entries, ignorecase, nonword).map_err(|e| {
        let at = offsets.get(e.entry).copied().unwrap_or(fallback);
        ctx.err(at, e.message)
    })
}

fn lowered(v: &Option<Vec<String>>) -> Vec<String> {
    v.iter().flatten().map(|s| fold(s)).collect()
}

fn scope(
    ctx: &Ctx<'_>,
    s: &Option<Spanned<String>>,
    allowed: &[Scope],
    default: Scope,
) -> Result<Scope, PackError> {
    let Some(s) = s else { return Ok(default) };
    let found = match s.get_ref().as_str() {
        "sentence" => Some(Scope::Sentence),
        "paragraph" | "block" => Some(Scope::Paragraph),
        "document" => Some(Scope::Document),
        _ => None,
    };
    match found.filter(|f| allowed.contains(f)) {
        Some(f) => Ok(f),
        None => {
            let names: Vec<&str> = allowed.iter().map(|a| a.name()).collect();
            Err(ctx.err(
                s.span().start,
                format!(
                    "unknown scope '{}': use {}",
                    s.get_ref(),
                    names.join(" or ")
                ),
            ))
        }
    }
}

fn limits(
    ctx: &Ctx<'_>,
    r: &RawRule,
    span: &std::ops::Range<usize>,
) -> Result<(Option<f64>, Option<f64>), PackError> {
    let max = r.max.as_ref().map(|m| (*m.get_ref(), m.span().start));
    let min = r.min.as_ref().map(|m| (*m.get_ref(), m.span().start));
    for (v, at) in max.iter().chain(min.iter()) {
        if !v.is_finite() {
            return Err(ctx.err(*at, "the limit must be a number"));
        }
    }
    if max.is_none() && min.is_none() {
        return Err(ctx.err(span.start, "give a limit: max = … or min = …"));
    }
    if let (Some((a, at)), Some((b, _))) = (max, min)
        && b > a
    {
        return Err(ctx.err(at, "min is above max: no text can pass"));
    }
    Ok((max.map(|m| m.0), min.map(|m| m.0)))
}

fn kind(
    ctx: &Ctx<'_>,
    r: &RawRule,
    span: &std::ops::Range<usize>,
    name: &str,
) -> Result<Kind, PackError> {
    let ignorecase = r.ignorecase.unwrap_or(true);
    let nonword = r.nonword.unwrap_or(false);
    Ok(match name {
        "existence" => {
            let (entries, offsets) = entries(ctx, r, span)?;
            Kind::Existence {
                matcher: matcher(ctx, &entries, &offsets, span.start, ignorecase, nonword)?,
                exceptions: lowered(&r.exceptions),
            }
        }
        "substitution" => {
            let Some(swap) = &r.swap else {
                return Err(ctx.err(
                    span.start,
                    "a substitution needs swap = { \"words\" = \"plain words\" }",
                ));
            };
            let at = swap.span().start;
            let mut swaps = Vec::new();
            let mut keys: HashSet<String> = HashSet::new();
            for (key, alts) in &swap.get_ref().0 {
                if key.trim().is_empty() {
                    return Err(ctx.err(at, "swap: an empty word to replace"));
                }
                if alts.is_empty() {
                    return Err(ctx.err(at, format!("swap: no alternative for '{key}'")));
                }
                let folded = if ignorecase {
                    key.to_lowercase()
                } else {
                    key.clone()
                };
                if !keys.insert(folded) {
                    return Err(ctx.err(at, format!("swap: '{key}' is given twice")));
                }
                swaps.push(Swap {
                    key: key.clone(),
                    alternatives: alts.iter().map(|a| a.trim().to_string()).collect(),
                });
            }
            if swaps.is_empty() {
                return Err(ctx.err(at, "swap is empty"));
            }
            let entries: Vec<Entry> = swaps
                .iter()
                .map(|s| Entry::Literal(s.key.clone()))
                .collect();
            Kind::Substitution {
                matcher: matcher(ctx, &entries, &[], at, ignorecase, false)?,
                swaps,
            }
        }
        "occurrence" => {
            let (entries, offsets) = entries(ctx, r, span)?;
            let (max, min) = limits(ctx, r, span)?;
            Kind::Occurrence {
                matcher: matcher(ctx, &entries, &offsets, span.start, ignorecase, nonword)?,
                exceptions: lowered(&r.exceptions),
                scope: scope(
                    ctx,
                    &r.scope,
                    &[Scope::Sentence, Scope::Paragraph, Scope::Document],
                    Scope::Sentence,
                )?,
                max,
                min,
            }
        }
        "repetition" => {
            let window = match &r.window {
                Some(w) if !(1..=50).contains(w.get_ref()) => {
                    return Err(ctx.err(w.span().start, "window must be between 1 and 50 words"));
                }
                Some(w) => usize::try_from(*w.get_ref()).unwrap_or(1),
                None => 1,
            };
            Kind::Repetition {
                window,
                include_stopwords: r.include_stopwords.unwrap_or(false),
                exceptions: lowered(&r.exceptions),
                scope: scope(
                    ctx,
                    &r.scope,
                    &[Scope::Sentence, Scope::Paragraph],
                    Scope::Sentence,
                )?,
            }
        }
        "consistency" => {
            let Some(groups) = &r.groups else {
                return Err(ctx.err(
                    span.start,
                    "a consistency rule needs groups = [[\"form\", \"other form\"]]",
                ));
            };
            let at = groups.span().start;
            let mut entries = Vec::new();
            let mut forms = Vec::new();
            let mut spellings: Vec<Vec<Vec<String>>> = Vec::new();
            let mut all: HashMap<String, usize> = HashMap::new();
            for (g, group) in groups.get_ref().iter().enumerate() {
                if group.len() < 2 {
                    return Err(ctx.err(at, format!("group {} needs at least two forms", g + 1)));
                }
                let mut group_spellings = Vec::new();
                for (f, form) in group.iter().enumerate() {
                    let variants: Vec<String> = match form {
                        OneOrMany::One(s) => vec![s.trim().to_string()],
                        OneOrMany::Many(v) => v.iter().map(|s| s.trim().to_string()).collect(),
                    };
                    if variants.is_empty() || variants.iter().any(String::is_empty) {
                        return Err(ctx.err(at, format!("group {}: an empty form", g + 1)));
                    }
                    for (v, variant) in variants.iter().enumerate() {
                        let key = if ignorecase {
                            variant.to_lowercase()
                        } else {
                            variant.clone()
                        };
                        if let Some(other) = all.insert(key, g) {
                            let hint = if ignorecase {
                                " (with ignorecase = true, case does not count)"
                            } else {
                                ""
                            };
                            return Err(ctx.err(
                                at,
                                format!(
                                    "the form '{variant}' is listed twice (groups {} and {}){hint}",
                                    other + 1,
                                    g + 1
                                ),
                            ));
                        }
                        entries.push(Entry::Literal(variant.clone()));
                        forms.push(Form {
                            group: g,
                            form: f,
                            variant: v,
                        });
                    }
                    group_spellings.push(variants);
                }
                spellings.push(group_spellings);
            }
            if entries.is_empty() {
                return Err(ctx.err(at, "groups is empty"));
            }
            Kind::Consistency {
                matcher: matcher(ctx, &entries, &[], at, ignorecase, false)?,
                forms,
                spellings,
            }
        }
        "conditional" => {
            let (Some(first), Some(explained_by)) = (&r.first, &r.explained_by) else {
                return Err(ctx.err(
                    span.start,
                    "a conditional rule needs first = \"pattern\" and explained_by = \"pattern\"",
                ));
            };
            let compile = |p: &Spanned<String>| {
                Matcher::new(&[Entry::Pattern(p.get_ref().clone())], false, nonword)
                    .map_err(|e| ctx.err(p.span().start, e.message))
            };
            Kind::Conditional {
                first: compile(first)?,
                explained_by: compile(explained_by)?,
                exceptions: lowered(&r.exceptions),
            }
        }
        "metric" => {
            let Some(m) = &r.metric else {
                return Err(ctx.err(
                    span.start,
                    "a metric rule needs metric = \"…\" (e.g. \"words / sentences\")",
                ));
            };
            let expr = metric::parse(m.get_ref()).map_err(|e| ctx.err(m.span().start, e))?;
            let (max, min) = limits(ctx, r, span)?;
            let min_words = match &r.min_words {
                Some(w) => u32::try_from(*w.get_ref())
                    .map_err(|_| ctx.err(w.span().start, "min_words must be 0 or more"))?,
                None => 10,
            };
            Kind::Metric {
                expr,
                scope: scope(
                    ctx,
                    &r.scope,
                    &[Scope::Paragraph, Scope::Document],
                    Scope::Paragraph,
                )?,
                max,
                min,
                min_words,
            }
        }
        _ => return Err(ctx.err(span.start, format!("unknown kind '{name}'"))),
    })
}

fn example(
    ctx: &Ctx<'_>,
    se: &Spanned<RawExample>,
    langs: &[Lang],
    has_fixes: bool,
) -> Result<PackExample, PackError> {
    let at = se.span().start;
    let e = se.get_ref();
    let lang = match (&e.lang, langs) {
        (Some(l), _) => {
            let lang = l
                .get_ref()
                .parse::<Lang>()
                .map_err(|err| ctx.err(l.span().start, format!("example: {err}")))?;
            if !langs.contains(&lang) {
                let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
                return Err(ctx.err(
                    l.span().start,
                    format!(
                        "example in {lang}, but the rule covers {}",
                        codes.join(", ")
                    ),
                ));
            }
            lang
        }
        (None, [only]) => *only,
        (None, _) => {
            return Err(ctx.err(
                at,
                "example: say its language with lang = \"fr\" (the rule covers several)",
            ));
        }
    };
    let audience = match &e.profile {
        Some(p) => p
            .get_ref()
            .parse::<Audience>()
            .map_err(|err| ctx.err(p.span().start, format!("example: {err}")))?,
        None => Audience::Standard,
    };
    if e.text.trim().is_empty() {
        return Err(ctx.err(at, "example: the text is empty"));
    }
    if e.fixed.is_some() && !has_fixes {
        return Err(ctx.err(at, "example: 'fixed' applies only to kinds that offer fixes (substitution, repetition, consistency)"));
    }
    if e.fixed.is_some() && !e.triggers {
        return Err(ctx.err(at, "example: 'fixed' needs triggers = true"));
    }
    Ok(PackExample {
        line: line_of(ctx.text, at),
        lang,
        audience,
        text: e.text.clone(),
        triggers: e.triggers,
        fixed: e.fixed.clone(),
    })
}

/// What a pack rule's documentation holds; equal keys share one leaked [`RuleDoc`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DocKey {
    id: String,
    family: Family,
    severity: Severity,
    langs: Vec<Lang>,
    what: String,
    why: String,
    examples: Vec<(Lang, Audience, String, bool)>,
}

/// `RuleDoc` wants `&'static` data, and pack rules are read at run time. Each distinct
/// documentation is leaked once and interned: loading the same pack again (the language
/// server re-reading a configuration) reuses it, so memory grows only with distinct pack
/// contents, a few kilobytes each.
fn intern_doc(key: DocKey) -> &'static RuleDoc {
    static DOCS: OnceLock<Mutex<HashMap<DocKey, &'static RuleDoc>>> = OnceLock::new();
    let map = DOCS.get_or_init(Default::default);
    let mut guard = match map.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(doc) = guard.get(&key) {
        return doc;
    }
    let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
    let examples: Vec<Example> = key
        .examples
        .iter()
        .map(|(lang, audience, text, triggers)| Example {
            lang: *lang,
            audience: *audience,
            text: leak(text),
            triggers: *triggers,
        })
        .collect();
    let doc: &'static RuleDoc = Box::leak(Box::new(RuleDoc {
        id: leak(&key.id),
        family: key.family,
        default_severity: key.severity,
        langs: Box::leak(key.langs.clone().into_boxed_slice()),
        what: leak(&key.what),
        why: leak(&key.why),
        examples: Box::leak(examples.into_boxed_slice()),
    }));
    guard.insert(key, doc);
    doc
}
