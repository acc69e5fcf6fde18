//! What each kind of pack rule does with a block or a document.

use super::matcher::{Hit, Matcher};
use super::metric::{self, Expr};
use super::stopwords::is_stopword;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::rule::{BlockContext, DocContext, Rule, RuleDoc};
use crate::settings::Settings;
use plainly_text::words::opaque_spans;
use plainly_text::{BlockKind, Counts, Lang, Span, WordKind};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Where a count or a measure applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Sentence,
    /// One block: a paragraph, a list item, a heading, a table cell…
    Paragraph,
    Document,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
        }
    }
}

/// A `swap` entry of a substitution rule.
#[derive(Debug, Clone)]
pub struct Swap {
    pub key: String,
    /// Plain alternatives, first preferred; `""` means "leave it out".
    pub alternatives: Vec<String>,
}

/// A compiled rule kind.
#[derive(Debug)]
pub enum Kind {
    Existence {
        matcher: Matcher,
        exceptions: Vec<String>,
    },
    Substitution {
        matcher: Matcher,
        swaps: Vec<Swap>,
    },
    Occurrence {
        matcher: Matcher,
        exceptions: Vec<String>,
        scope: Scope,
        max: Option<f64>,
        min: Option<f64>,
    },
    Repetition {
        window: usize,
        include_stopwords: bool,
        exceptions: Vec<String>,
        scope: Scope,
    },
    Consistency {
        matcher: Matcher,
        /// For each entry of the matcher: which group, form and variant it is.
        forms: Vec<Form>,
        /// The spellings as written: `[group][form][variant]` (`e-mail`, `e-mails`).
        spellings: Vec<Vec<Vec<String>>>,
    },
    Conditional {
        first: Matcher,
        explained_by: Matcher,
        exceptions: Vec<String>,
    },
    Metric {
        expr: Expr,
        scope: Scope,
        max: Option<f64>,
        min: Option<f64>,
        min_words: u32,
    },
}

/// Where a consistency entry sits: the group, the form within it, and the variant of the
/// form (a plural, say) that the replacement keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub group: usize,
    pub form: usize,
    pub variant: usize,
}

/// Lower case with spaces, apostrophes and hyphens written one way, for comparisons.
pub fn fold(s: &str) -> String {
    normalise(&s.to_lowercase())
}

/// A message in one or more languages.
#[derive(Debug, Clone)]
pub struct Messages(pub Vec<(Option<Lang>, String)>);

impl Messages {
    /// The text for `lang`: that language, else English, else the first given; with
    /// `{name}` placeholders filled.
    pub fn render(&self, lang: Lang, args: &[(&str, &str)]) -> String {
        let pick = |l: Lang| self.0.iter().find(|(x, _)| *x == Some(l));
        let template = pick(lang)
            .or_else(|| pick(Lang::En))
            .or_else(|| self.0.first())
            .map(|(_, s)| s.as_str())
            .unwrap_or_default();
        fill(template, args)
    }
}

/// Replace `{name}` with its value, in one pass (a value holding braces stays as it is).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let value = after.find('}').and_then(|close| {
            let name = after.get(..close)?;
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// An example of a pack rule.
#[derive(Debug, Clone)]
pub struct PackExample {
    /// Line of the example in the pack file.
    pub line: usize,
    pub lang: Lang,
    pub audience: crate::settings::Audience,
    pub text: String,
    pub triggers: bool,
    /// The text after applying the first fix of every finding.
    pub fixed: Option<String>,
}

/// One compiled rule of a pack.
#[derive(Debug)]
pub struct PackRule {
    /// `<pack-id>/<rule-id>`.
    pub id: String,
    /// Line of the rule in its pack file.
    pub line: usize,
    pub doc: &'static RuleDoc,
    pub severity: Severity,
    pub langs: Vec<Lang>,
    /// Block kinds the rule reads (by name).
    pub blocks: Vec<&'static str>,
    pub message: Messages,
    pub kind: Kind,
    pub examples: Vec<PackExample>,
}

/// A pack rule as the engine holds it.
#[derive(Debug, Clone)]
pub struct PackRuleHandle(pub Arc<PackRule>);

impl Rule for PackRuleHandle {
    fn doc(&self) -> &'static RuleDoc {
        self.0.doc
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        self.0.check_block(cx, out);
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        self.0.check_document(cx, out);
    }
}

fn fix_label(lang: Lang, replacement: &str, matched: &str) -> String {
    if replacement.is_empty() {
        return match lang {
            Lang::Fr => format!("Supprimer « {matched} »"),
            Lang::Nl => format!("Schrap ‘{matched}’"),
            Lang::De => format!("„{matched}“ streichen"),
            Lang::En => format!("Delete ‘{matched}’"),
        };
    }
    match lang {
        Lang::Fr => format!("Remplacer par « {replacement} »"),
        Lang::Nl => format!("Vervang door ‘{replacement}’"),
        Lang::De => format!("Durch „{replacement}“ ersetzen"),
        Lang::En => format!("Replace with ‘{replacement}’"),
    }
}

fn repetition_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Supprimer le mot répété",
        Lang::Nl => "Schrap het herhaalde woord",
        Lang::De => "Wiederholtes Wort streichen",
        Lang::En => "Delete the repeated word",
    }
}

/// Spaces, apostrophes and hyphens written one way, for comparing forms.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.push(match c {
            '’' | 'ʼ' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        });
    }
    out
}

/// `alt` with its first letter capitalised when `matched` starts with a capital that `key`
/// (as written in the pack) does not have: `E-mail` for `e-mail` gives `Email` for
/// `email`, `À l'heure actuelle` gives `Maintenant`. A match in capitals (`VNIC` for
/// `vnic`) and a key written with a capital keep `alt` as written.
pub fn adapt_case(key: &str, matched: &str, alt: &str) -> String {
    let (Some(k0), Some(m0)) = (key.chars().next(), matched.chars().next()) else {
        return alt.to_string();
    };
    let letters = matched.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters > 1 && !matched.chars().any(char::is_lowercase);
    let capitalised = m0.is_uppercase() && k0.is_lowercase() && !all_caps;
    let mut a = alt.chars();
    match a.next() {
        Some(a0) if capitalised && a0.is_lowercase() => {
            let mut s: String = a0.to_uppercase().collect();
            s.push_str(a.as_str());
            s
        }
        _ => alt.to_string(),
    }
}

/// The span to delete with a left-out alternative: the match and one space next to it.
fn deletion_span(text: &str, span: Span) -> Span {
    let after = text.get(span.end as usize..).unwrap_or_default();
    if after.starts_with(' ') {
        return Span::new(span.start as usize, span.end as usize + 1);
    }
    let before = text.get(..span.start as usize).unwrap_or_default();
    if before.ends_with(' ') {
        return Span::new(span.start as usize - 1, span.end as usize);
    }
    span
}

fn block_kind_name(kind: BlockKind) -> &'static str {
    kind.name()
}

/// A configured limit (`[rules."pack/rule"] max = 3`) over the pack's.
fn limit(settings: &Settings, id: &str, name: &str, default: Option<f64>) -> Option<f64> {
    settings
        .rules
        .get(id)
        .and_then(|r| r.thresholds.get(name))
        .copied()
        .or(default)
}

fn is_excepted(exceptions: &[String], settings: &Settings, matched: &str) -> bool {
    if settings.is_allowed(matched) {
        return true;
    }
    if exceptions.is_empty() {
        return false;
    }
    let folded = fold(matched);
    exceptions.contains(&folded)
}

/// A hit is excepted when its flagged part or its whole match is.
fn hit_excepted(exceptions: &[String], settings: &Settings, text: &str, h: &Hit) -> bool {
    is_excepted(exceptions, settings, h.span.slice(text))
        || (h.full != h.span && is_excepted(exceptions, settings, h.full.slice(text)))
}

impl PackRule {
    fn applies(&self, lang: Lang, kind: BlockKind) -> bool {
        self.langs.contains(&lang) && self.blocks.contains(&block_kind_name(kind))
    }

    fn finding(
        &self,
        block: Option<usize>,
        span: Span,
        message: String,
        fixes: Vec<Fix>,
    ) -> Finding {
        Finding {
            rule: self.id.clone(),
            severity: self.severity,
            block,
            span,
            message,
            fixes,
        }
    }

    fn limits(
        &self,
        settings: &Settings,
        max: Option<f64>,
        min: Option<f64>,
    ) -> (Option<f64>, Option<f64>) {
        (
            limit(settings, &self.id, "max", max),
            limit(settings, &self.id, "min", min),
        )
    }

    pub fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        let lang = cx.lang();
        if !self.applies(lang, cx.block.kind) {
            return;
        }
        let text = cx.text();
        match &self.kind {
            Kind::Existence {
                matcher,
                exceptions,
            } => {
                for h in matcher.hits(text, cx.opaque_spans()) {
                    if hit_excepted(exceptions, cx.settings, text, &h) {
                        continue;
                    }
                    let m = h.span.slice(text);
                    let message = self.message.render(lang, &[("match", m)]);
                    out.push(self.finding(Some(cx.index), h.span, message, Vec::new()));
                }
            }
            Kind::Substitution { matcher, swaps } => {
                for h in matcher.hits(text, cx.opaque_spans()) {
                    let Some(swap) = swaps.get(h.entry) else {
                        continue;
                    };
                    let m = h.span.slice(text);
                    if cx.settings.is_allowed(m) {
                        continue;
                    }
                    let alts: Vec<String> = swap
                        .alternatives
                        .iter()
                        .map(|a| adapt_case(&swap.key, m, a))
                        .collect();
                    if alts.iter().any(|a| a == m) {
                        continue;
                    }
                    let fixes = alts
                        .iter()
                        .map(|a| {
                            let span = if a.is_empty() {
                                deletion_span(text, h.span)
                            } else {
                                h.span
                            };
                            Fix {
                                label: fix_label(lang, a, m),
                                edits: vec![Edit {
                                    span,
                                    replacement: a.clone(),
                                }],
                            }
                        })
                        .collect();
                    let alternative = alts.first().map(String::as_str).unwrap_or_default();
                    let message = self
                        .message
                        .render(lang, &[("match", m), ("alternative", alternative)]);
                    out.push(self.finding(Some(cx.index), h.span, message, fixes));
                }
            }
            Kind::Occurrence {
                matcher,
                exceptions,
                scope,
                max,
                min,
            } => {
                let (max, min) = self.limits(cx.settings, *max, *min);
                let hits: Vec<Hit> = matcher
                    .hits(text, cx.opaque_spans())
                    .into_iter()
                    .filter(|h| !hit_excepted(exceptions, cx.settings, text, h))
                    .collect();
                match scope {
                    Scope::Sentence => {
                        for u in &cx.analysis.units {
                            let span = u.unit.span;
                            let inside: Vec<&Hit> = hits
                                .iter()
                                .filter(|h| span.start <= h.span.start && h.span.start < span.end)
                                .collect();
                            let counts = u.unit.kind.counts();
                            self.occurrence(
                                cx.index,
                                lang,
                                text,
                                &inside,
                                span,
                                max,
                                min.filter(|_| counts),
                                out,
                            );
                        }
                    }
                    Scope::Paragraph => {
                        let all: Vec<&Hit> = hits.iter().collect();
                        let whole = trimmed(text);
                        self.occurrence(cx.index, lang, text, &all, whole, max, min, out);
                    }
                    Scope::Document => {}
                }
            }
            Kind::Repetition {
                window,
                include_stopwords,
                exceptions,
                scope,
            } => {
                let window = limit(cx.settings, &self.id, "window", Some(*window as f64))
                    .map_or(*window, |w| w.max(1.0) as usize);
                match scope {
                    Scope::Paragraph => {
                        let words: Vec<plainly_text::Word> = cx
                            .analysis
                            .units
                            .iter()
                            .flat_map(|u| u.words.iter().copied())
                            .collect();
                        self.repetition(cx, &words, window, *include_stopwords, exceptions, out);
                    }
                    _ => {
                        for u in &cx.analysis.units {
                            self.repetition(
                                cx,
                                &u.words,
                                window,
                                *include_stopwords,
                                exceptions,
                                out,
                            );
                        }
                    }
                }
            }
            Kind::Metric {
                expr,
                scope: Scope::Paragraph | Scope::Sentence,
                max,
                min,
                min_words,
            } => {
                // Only prose has counts (READABILITY.md §5.1): headings and cells are not measured.
                if !cx.block.kind.is_prose() {
                    return;
                }
                let (max, min) = self.limits(cx.settings, *max, *min);
                let min_words = limit(
                    cx.settings,
                    &self.id,
                    "min_words",
                    Some(f64::from(*min_words)),
                )
                .unwrap_or_default();
                if let Some(message) =
                    self.measure(&cx.analysis.counts, lang, expr, max, min, min_words)
                {
                    out.push(self.finding(Some(cx.index), trimmed(text), message, Vec::new()));
                }
            }
            Kind::Metric { .. } | Kind::Consistency { .. } | Kind::Conditional { .. } => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn occurrence(
        &self,
        block: usize,
        lang: Lang,
        text: &str,
        hits: &[&Hit],
        scope_span: Span,
        max: Option<f64>,
        min: Option<f64>,
        out: &mut Vec<Finding>,
    ) {
        let n = hits.len();
        let count = n.to_string();
        if let Some(max) = max
            && (n as f64) > max
        {
            // Flag the first hit over the limit: where the text starts to say it too often.
            let over = hits.get(max.max(0.0) as usize).or(hits.last());
            if let Some(h) = over {
                let limit = metric::format_value(max);
                let message = self.message.render(
                    lang,
                    &[
                        ("match", h.span.slice(text)),
                        ("count", &count),
                        ("limit", &limit),
                    ],
                );
                out.push(self.finding(Some(block), h.span, message, Vec::new()));
            }
            return;
        }
        if let Some(min) = min
            && (n as f64) < min
        {
            let limit = metric::format_value(min);
            let first = hits.first().map(|h| h.span.slice(text)).unwrap_or_default();
            let message = self.message.render(
                lang,
                &[("match", first), ("count", &count), ("limit", &limit)],
            );
            out.push(self.finding(Some(block), scope_span, message, Vec::new()));
        }
    }

    fn repetition(
        &self,
        cx: &BlockContext<'_>,
        words: &[plainly_text::Word],
        window: usize,
        include_stopwords: bool,
        exceptions: &[String],
        out: &mut Vec<Finding>,
    ) {
        let text = cx.text();
        let lang = cx.lang();
        let folded: Vec<Option<String>> = words
            .iter()
            .map(|w| {
                if !matches!(w.kind, WordKind::Word | WordKind::Acronym) {
                    return None;
                }
                let s = w.span.slice(text);
                let lower = s.to_lowercase();
                if (!include_stopwords && is_stopword(lang, &lower))
                    || is_excepted(exceptions, cx.settings, s)
                {
                    return None;
                }
                Some(lower)
            })
            .collect();
        for (j, (w, f)) in words.iter().zip(&folded).enumerate() {
            let Some(f) = f else { continue };
            let from = j.saturating_sub(window);
            let Some(k) = (from..j)
                .rev()
                .find(|&k| folded.get(k).and_then(|x| x.as_ref()) == Some(f))
            else {
                continue;
            };
            let Some(prev) = words.get(k) else { continue };
            let gap = text
                .get(prev.span.end as usize..w.span.start as usize)
                .unwrap_or_default();
            let adjacent = k + 1 == j;
            if adjacent && !gap.chars().all(char::is_whitespace) {
                // `Oui, oui` or `non – non`: punctuation between marks a deliberate repetition.
                continue;
            }
            let fixes = if adjacent {
                vec![Fix {
                    label: repetition_label(lang).into(),
                    edits: vec![Edit {
                        span: Span::new(prev.span.end as usize, w.span.end as usize),
                        replacement: String::new(),
                    }],
                }]
            } else {
                Vec::new()
            };
            let message = self.message.render(lang, &[("match", w.span.slice(text))]);
            out.push(self.finding(Some(cx.index), w.span, message, fixes));
        }
    }

    fn measure(
        &self,
        counts: &Counts,
        lang: Lang,
        expr: &Expr,
        max: Option<f64>,
        min: Option<f64>,
        min_words: f64,
    ) -> Option<String> {
        if f64::from(counts.words) < min_words {
            return None;
        }
        let value = metric::eval(expr, counts, lang)?;
        let over = max.filter(|m| value > *m).or(min.filter(|m| value < *m))?;
        let (value, limit) = (metric::format_value(value), metric::format_value(over));
        Some(
            self.message
                .render(lang, &[("value", &value), ("limit", &limit)]),
        )
    }

    pub fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        match &self.kind {
            Kind::Consistency {
                matcher,
                forms,
                spellings,
            } => self.consistency(cx, matcher, forms, spellings, out),
            Kind::Conditional {
                first,
                explained_by,
                exceptions,
            } => self.conditional(cx, first, explained_by, exceptions, out),
            Kind::Occurrence {
                matcher,
                exceptions,
                scope: Scope::Document,
                max,
                min,
            } => {
                let (max, min) = self.limits(cx.settings, *max, *min);
                let mut hits: Vec<(usize, Lang, String, Span)> = Vec::new();
                for (i, text, lang) in self.blocks_of(cx) {
                    for h in matcher.hits(text, &opaque_spans(text)) {
                        if !hit_excepted(exceptions, cx.settings, text, &h) {
                            hits.push((i, lang, h.span.slice(text).to_string(), h.span));
                        }
                    }
                }
                let n = hits.len();
                let count = n.to_string();
                if let Some(max) = max
                    && (n as f64) > max
                {
                    if let Some((i, lang, m, span)) =
                        hits.get(max.max(0.0) as usize).or(hits.last())
                    {
                        let limit = metric::format_value(max);
                        let message = self
                            .message
                            .render(*lang, &[("match", m), ("count", &count), ("limit", &limit)]);
                        out.push(self.finding(Some(*i), *span, message, Vec::new()));
                    }
                } else if let Some(min) = min
                    && (n as f64) < min
                    && self.langs.contains(&cx.lang)
                {
                    let limit = metric::format_value(min);
                    let first = hits.first().map(|h| h.2.as_str()).unwrap_or_default();
                    let message = self.message.render(
                        cx.lang,
                        &[("match", first), ("count", &count), ("limit", &limit)],
                    );
                    out.push(self.finding(None, Span::default(), message, Vec::new()));
                }
            }
            Kind::Metric {
                expr,
                scope: Scope::Document,
                max,
                min,
                min_words,
            } => {
                if !self.langs.contains(&cx.lang) {
                    return;
                }
                let (max, min) = self.limits(cx.settings, *max, *min);
                let min_words = limit(
                    cx.settings,
                    &self.id,
                    "min_words",
                    Some(f64::from(*min_words)),
                )
                .unwrap_or_default();
                let mut counts = Counts::default();
                for (i, a) in cx.analyses.iter().enumerate() {
                    let kind_ok = cx
                        .doc
                        .blocks
                        .get(i)
                        .is_some_and(|b| self.blocks.contains(&b.kind.name()));
                    if a.lang == cx.lang && kind_ok {
                        counts.add(&a.counts);
                    }
                }
                if let Some(message) = self.measure(&counts, cx.lang, expr, max, min, min_words) {
                    out.push(self.finding(None, Span::default(), message, Vec::new()));
                }
            }
            _ => {}
        }
    }

    /// (index, text, language) of the blocks this rule reads, in document order.
    fn blocks_of<'a>(
        &'a self,
        cx: &'a DocContext<'_>,
    ) -> impl Iterator<Item = (usize, &'a str, Lang)> + 'a {
        cx.doc.blocks.iter().enumerate().filter_map(move |(i, b)| {
            let lang = cx.analyses.get(i).map(|a| a.lang)?;
            self.applies(lang, b.kind)
                .then_some((i, b.text.as_str(), lang))
        })
    }

    fn consistency(
        &self,
        cx: &DocContext<'_>,
        matcher: &Matcher,
        forms: &[Form],
        spellings: &[Vec<Vec<String>>],
        out: &mut Vec<Finding>,
    ) {
        struct Use {
            block: usize,
            lang: Lang,
            span: Span,
            text: String,
            form: Form,
        }
        // (language, group) → uses in document order.
        let mut groups: HashMap<(Lang, usize), Vec<Use>> = HashMap::new();
        let mut order: Vec<(Lang, usize)> = Vec::new();
        for (i, text, lang) in self.blocks_of(cx) {
            for h in matcher.hits(text, &opaque_spans(text)) {
                let Some(form) = forms.get(h.entry).copied() else {
                    continue;
                };
                let m = h.span.slice(text);
                if cx.settings.is_allowed(m) {
                    continue;
                }
                let key = (lang, form.group);
                if !groups.contains_key(&key) {
                    order.push(key);
                }
                groups.entry(key).or_default().push(Use {
                    block: i,
                    lang,
                    span: h.span,
                    text: m.to_string(),
                    form,
                });
            }
        }
        for key in order {
            let Some(uses) = groups.get(&key) else {
                continue;
            };
            // The document's form: the most used; on a tie, the first used.
            let mut tally: Vec<(usize, usize)> = Vec::new(); // (form, count), in order of first use
            for u in uses {
                match tally.iter_mut().find(|(f, _)| *f == u.form.form) {
                    Some((_, n)) => *n += 1,
                    None => tally.push((u.form.form, 1)),
                }
            }
            if tally.len() < 2 {
                continue;
            }
            let Some(&(chosen, _)) = tally.iter().rev().max_by_key(|(_, n)| *n) else {
                continue;
            };
            let Some(chosen_variants) = spellings.get(key.1).and_then(|g| g.get(chosen)) else {
                continue;
            };
            for u in uses.iter().filter(|u| u.form.form != chosen) {
                let written = spellings
                    .get(u.form.group)
                    .and_then(|g| g.get(u.form.form))
                    .and_then(|f| f.get(u.form.variant))
                    .map(String::as_str)
                    .unwrap_or_default();
                let target = chosen_variants
                    .get(u.form.variant)
                    .or(chosen_variants.first())
                    .map(String::as_str)
                    .unwrap_or_default();
                let alt = adapt_case(written, &u.text, target);
                let message = self
                    .message
                    .render(u.lang, &[("match", &u.text), ("alternative", &alt)]);
                let fix = Fix {
                    label: fix_label(u.lang, &alt, &u.text),
                    edits: vec![Edit {
                        span: u.span,
                        replacement: alt.clone(),
                    }],
                };
                out.push(self.finding(Some(u.block), u.span, message, vec![fix]));
            }
        }
    }

    fn conditional(
        &self,
        cx: &DocContext<'_>,
        first: &Matcher,
        explained_by: &Matcher,
        exceptions: &[String],
        out: &mut Vec<Finding>,
    ) {
        let mut explained: HashSet<String> = HashSet::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (i, text, lang) in self.blocks_of(cx) {
            let opaque = opaque_spans(text);
            let here: Vec<(u32, String)> = explained_by
                .hits(text, &opaque)
                .into_iter()
                .map(|h| (h.full.start, h.span.slice(text).to_string()))
                .collect();
            for h in first.hits(text, &opaque) {
                let term = h.span.slice(text);
                if seen.contains(term) || is_excepted(exceptions, cx.settings, term) {
                    continue;
                }
                seen.insert(term.to_string());
                // Explained before or at its first use (the explanation may surround it).
                let ok = explained.contains(term)
                    || here
                        .iter()
                        .any(|(start, t)| *start < h.span.end && t == term);
                if !ok {
                    let message = self.message.render(lang, &[("match", term)]);
                    out.push(self.finding(Some(i), h.span, message, Vec::new()));
                }
            }
            explained.extend(here.into_iter().map(|(_, t)| t));
        }
    }
}

/// The block's text span without surrounding white space.
fn trimmed(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    Span::new(start, end.max(start))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_sentence() {
        assert_eq!(adapt_case("e-mail", "E-mail", "email"), "Email");
        assert_eq!(adapt_case("e-mail", "e-mail", "email"), "email");
        assert_eq!(adapt_case("vnic", "VNIC", "vNIC"), "vNIC");
        assert_eq!(
            adapt_case("à l'heure actuelle", "À l’heure actuelle", "maintenant"),
            "Maintenant"
        );
        assert_eq!(adapt_case("E-Mail", "E-Mail", "Email"), "Email");
        assert_eq!(adapt_case("e-mail", "E-Mail", "email"), "Email");
        assert_eq!(adapt_case("en date du", "EN DATE DU", "le"), "le");
    }

    #[test]
    fn placeholders_fill_once() {
        assert_eq!(
            fill(
                "« {alternative} » pour « {match} » {x}",
                &[("match", "{alternative}"), ("alternative", "a")]
            ),
            "« a » pour « {alternative} » {x}"
        );
    }
}
