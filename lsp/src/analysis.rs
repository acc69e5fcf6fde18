//! One analysis of an editor buffer: the same pipeline as the CLI (read → languages →
//! rules → inline suppressions), with everything located in the buffer's text.

use crate::position::Indexed;
use plainly_readers::{Format, Limits};
use plainly_rules::config::Config;
use plainly_rules::discover::Finder;
use plainly_rules::{EngineError, Engines, Finding, PlainScore, Readability, suppress};
use plainly_text::{Lang, Span, detect};
use std::path::Path;

/// A finding located in the buffer.
#[derive(Debug, Clone)]
pub struct Item {
    pub finding: Finding,
    /// Byte span in the analysed text.
    pub span: Span,
    /// Fixes with their edits as byte spans of the analysed text.
    pub fixes: Vec<(String, Vec<(Span, String)>)>,
    /// The words the finding is about.
    pub words: String,
}

/// A block's place and readability, for hover.
#[derive(Debug, Clone)]
pub struct BlockInfo {
    pub span: Span,
    pub readability: Readability,
    pub lang: Lang,
}

/// Everything the server shows about one version of a document.
#[derive(Debug)]
pub struct Analysis {
    /// The text analysed (line endings normalised to `\n`: positions are the same as the
    /// editor's, because `\r` only ends lines).
    pub text: Indexed,
    pub format: Format,
    pub lang: Lang,
    pub items: Vec<Item>,
    pub blocks: Vec<BlockInfo>,
    pub readability: Readability,
    pub score: PlainScore,
    /// One line for the log when something went wrong (e.g. a bad plainly.toml).
    pub problem: Option<String>,
    /// A problem the writer must see (window/showMessage), e.g. an error in a project's
    /// lexicon file: shown once per distinct message.
    pub notice: Option<String>,
}

/// Which reader a buffer needs: from the client's language id, else the file name. A
/// generic id ("text", "plaintext") gives way to a file name that says Markdown or HTML:
/// eglot 1.9 sends one languageId for every mode a server manages (the first buffer's), so
/// a `.md` file opened after a `.txt` one arrives as "text", and a "switch off for this
/// line" comment written as `# …` would become a Markdown heading.
pub fn format_of(language_id: &str, path: Option<&Path>) -> Format {
    let by_name = path
        .and_then(Format::from_path)
        .filter(|f| matches!(f, Format::Markdown | Format::Html | Format::Text));
    match language_id {
        "markdown" | "md" => Format::Markdown,
        "html" => Format::Html,
        _ => by_name.unwrap_or(Format::Text),
    }
}

/// Analyse `text` (blocking: run it on a blocking thread).
pub fn analyse(
    engines: &Engines,
    finder: &Finder,
    path: Option<&Path>,
    language_id: &str,
    text: &str,
) -> Analysis {
    let format = format_of(language_id, path);
    let mut problem = None;
    let (config, resolved) = match path.map(|p| finder.resolve(p)) {
        Some(Ok((c, r))) => (c, Some(r)),
        Some(Err(e)) => {
            problem = Some(format!("configuration ignored: {e}"));
            (Config::default(), None)
        }
        None => (Config::default(), None),
    };
    let mut notice = None;
    let engine = match engines.for_config(&config) {
        Ok(e) => e,
        Err(EngineError::Lexicon(e)) => {
            // Go on with the built-in lexicons (and the packs, if they load).
            let msg = format!(
                "plainly: a lexicon file named in plainly.toml has an error, so only the \
                 built-in lexicons are used: {e}"
            );
            problem = Some(msg.clone());
            notice = Some(msg);
            let without = Config {
                lexicons: Vec::new(),
                ..config.clone()
            };
            engines
                .for_config(&without)
                .or_else(|_| engines.for_config(&Config::default()))
                .unwrap_or_else(|_| std::sync::Arc::new(plainly_rules::Engine::default()))
        }
        Err(e) => {
            problem = Some(format!("rule packs ignored: {e}"));
            match engines.for_config(&Config::default()) {
                Ok(e) => e,
                Err(_) => std::sync::Arc::new(plainly_rules::Engine::default()),
            }
        }
    };
    let (settings, forced, set) = match resolved {
        Some(r) => (r.settings, r.lang, r.limits),
        None => (Default::default(), None, Default::default()),
    };
    // The buffer is text in memory: of the `[limits]` of plainly.toml, only the size and
    // the text length apply (the others bound archives, PDFs and reading time).
    let limits = Limits::with_units(set.max_file_mb, set.max_text_chars, None, None, None);
    let mut doc = match plainly_readers::read(text.as_bytes(), format, &limits) {
        Ok(d) => d,
        Err(e) => {
            problem = Some(format!("cannot read the document: {e}"));
            if e.over_limit().is_some() {
                // Nothing is analysed: say why, once.
                notice = Some(format!(
                    "plainly: this document is not checked: {e} (max-text-chars and \
                     max-file-mb in the [limits] of plainly.toml raise it)"
                ));
            }
            plainly_readers::read(text.as_bytes(), Format::Text, &limits).unwrap_or_default()
        }
    };
    detect::assign_languages(&mut doc, forced, Lang::En);
    let mut report = engine.check(&doc, &settings, forced.unwrap_or(Lang::En));
    let directives = plainly_readers::directives(&doc, format);
    if suppress::apply(&mut report.findings, &doc, &directives) > 0 {
        report.rescore();
    }
    let source = doc
        .sources
        .first()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let items = report
        .findings
        .iter()
        .map(|f| {
            let block = f.block.and_then(|i| doc.blocks.get(i));
            let (span, words) = match block {
                Some(b) if b.origin.source == 0 => (
                    b.origin.map.span_to_source(f.span),
                    f.span.slice(&b.text).to_string(),
                ),
                _ => (Span::default(), String::new()),
            };
            let fixes = match block {
                Some(b) if b.origin.source == 0 => f
                    .fixes
                    .iter()
                    .map(|fix| {
                        let edits = fix
                            .edits
                            .iter()
                            .map(|e| (b.origin.map.span_to_source(e.span), e.replacement.clone()))
                            .collect();
                        (fix.label.clone(), edits)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Item {
                finding: f.clone(),
                span,
                fixes,
                words,
            }
        })
        .collect();
    let blocks = doc
        .blocks
        .iter()
        .zip(&report.analyses)
        .filter(|(b, _)| b.origin.source == 0)
        .map(|(b, a)| BlockInfo {
            span: b.origin.map.span_to_source(Span::new(0, b.text.len())),
            readability: Readability::new(a.lang, a.counts),
            lang: a.lang,
        })
        .collect();
    Analysis {
        text: Indexed::new(source),
        format,
        lang: report.lang,
        items,
        blocks,
        readability: report.readability.clone(),
        score: report.score,
        problem,
        notice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_limit_of_plainly_toml_applies_to_the_buffer() {
        let dir = std::env::temp_dir().join(format!("plainly-lsp-limits-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let written = std::fs::write(dir.join("plainly.toml"), "[limits]\nmax-text-chars = 40\n");
        assert!(written.is_ok());
        let path = dir.join("letter.txt");
        let text = "In accordance with the provisions, the application was received by us.\n";
        let a = analyse(
            &Engines::default(),
            &Finder::empty(),
            Some(&path),
            "text",
            text,
        );
        assert!(a.items.is_empty());
        let notice = a.notice.unwrap_or_default();
        assert!(notice.contains("longer than 40 characters"), "{notice}");
        // Without the file, the default limit leaves room.
        let _ = std::fs::remove_dir_all(&dir);
        let a = analyse(
            &Engines::default(),
            &Finder::empty(),
            Some(&path),
            "text",
            text,
        );
        assert!(a.notice.is_none() && a.problem.is_none());
        assert!(!a.items.is_empty());
    }
}
