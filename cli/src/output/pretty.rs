//! Human output: findings shown rustc-style with the source line (annotate-snippets).

use crate::load::Checked;
use crate::locate::{Locator, describe_place};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use plainly_rules::{Finding, Severity};
use std::fmt::Write as _;

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Blocker => Level::ERROR.with_name("blocker"),
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// Render one checked file: its findings, then a one-line readability summary.
pub fn render(checked: &Checked, color: bool, min_severity: Severity) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path = checked.path.display().to_string();
    let mut out = String::new();
    let (doc, report) = match &checked.outcome {
        Ok(ok) => ok,
        Err(e) => {
            let _ = writeln!(out, "{path}: cannot check: {e}");
            return out;
        }
    };
    let loc = Locator::new(doc);
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity >= min_severity)
    {
        let group = finding_group(&loc, f, &path);
        let _ = writeln!(out, "{}\n", renderer.render(&[group]));
    }
    let _ = writeln!(out, "{}", summary_line(&path, report));
    out
}

fn finding_group<'a>(loc: &'a Locator<'_>, f: &'a Finding, path: &'a str) -> Group<'a> {
    let title = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule.as_str());
    let l = loc.locate(f);
    let place = describe_place(&l.place, loc.source_name(l.source));
    let Some(block) = f.block.and_then(|i| loc.block(i)) else {
        return title.element(Origin::path(path.to_string()));
    };
    // Packaged formats (DOCX, ODT): show the paragraph itself, numbered as Word counts
    // paragraphs, under the part and paragraph a person can find. (PDF blocks point into
    // their page's text, whose lines are the page's lines: the general case below.)
    if let (Some(paragraph), Some(_)) = (l.place.paragraph, &l.place.part) {
        let text = block.text.as_str();
        let span = (f.span.start as usize).min(text.len())..(f.span.end as usize).min(text.len());
        return title
            .element(Origin::path(format!(
                "{path} ({})",
                place.unwrap_or_default()
            )))
            .element(
                Snippet::source(text)
                    .line_start(paragraph as usize)
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
    }
    let shown_path = match place {
        Some(p) => format!("{path} ({p})"),
        None => path.to_string(),
    };
    let text = loc.source_text(l.source);
    let Some(idx) = loc.index(l.source) else {
        return title.element(Origin::path(shown_path));
    };
    let first = idx.line_of(l.span.start as usize);
    let last = idx.line_of(l.span.end.saturating_sub(1).max(l.span.start) as usize);
    let from = idx.line_start(first);
    let to = idx.line_end(text, last).max(from);
    let lines = text.get(from..to).unwrap_or("");
    let rel = (l.span.start as usize - from).min(lines.len())
        ..(l.span.end as usize).saturating_sub(from).min(lines.len());
    title.element(
        Snippet::source(lines.to_string())
            .line_start(first as usize + 1)
            .path(shown_path)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(rel)),
    )
}

/// `path: fr · Kandel–Moles 55.0 (assez difficile) · 4 sentences, 88 words · 2 warnings`
pub fn summary_line(path: &str, report: &plainly_rules::Report) -> String {
    let r = &report.readability;
    let score = match r.main() {
        Some(s) => format!(
            "{} {:.1}{}",
            s.name,
            s.value,
            s.band.map(|b| format!(" ({b})")).unwrap_or_default()
        ),
        None => "no score (no sentences)".to_string(),
    };
    let mut by_sev = Vec::new();
    for sev in [
        Severity::Blocker,
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ] {
        let n = report.findings.iter().filter(|f| f.severity == sev).count();
        if n > 0 {
            by_sev.push(format!(
                "{n} {}{}",
                sev.name(),
                if n > 1 { "s" } else { "" }
            ));
        }
    }
    let findings = if by_sev.is_empty() {
        "no findings".to_string()
    } else {
        by_sev.join(", ")
    };
    format!(
        "{path}: {} · score {:.0}/100 · {score}{} · {} sentence{}, {} word{} · {findings}",
        r.lang,
        report.score.value,
        if r.low_confidence && r.main().is_some() {
            " (short text: indicative)"
        } else {
            ""
        },
        r.counts.sentences,
        if r.counts.sentences == 1 { "" } else { "s" },
        r.counts.words,
        if r.counts.words == 1 { "" } else { "s" },
    )
}
