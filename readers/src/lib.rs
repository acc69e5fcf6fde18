//! plainly-readers: bytes + format → [`Document`], with exact source maps and one clear
//! error per unreadable file. Knows nothing of rules.

pub mod docx;
pub mod error;
pub mod html;
pub mod limits;
pub mod markdown;
pub mod odt;
mod office;
pub mod pdf;
pub mod txt;
mod xmlutil;
mod zipsafe;

pub use error::ReadError;
pub use limits::{Limit, Limits};
use plainly_text::Document;
use std::path::Path;

/// File formats plainly reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Odt,
    Pdf,
}

impl Format {
    /// Format from a file name's extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" | "docm" | "dotx" => Format::Docx,
            "odt" | "ott" => Format::Odt,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
        }
    }
}

/// Read `bytes` as `format` within `limits`.
pub fn read(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::file_bytes(
            bytes.len() as u64,
            limits.max_file_bytes,
        ));
    }
    match format {
        Format::Text => txt::read(bytes, limits),
        Format::Markdown => markdown::read(bytes, limits),
        Format::Docx => docx::read(bytes, limits),
        Format::Odt => odt::read(bytes, limits),
        Format::Html => html::read(bytes, limits),
        Format::Pdf => pdf::read(bytes, limits),
    }
}

/// Suppression directives written in a document's source. Text formats only: packaged
/// formats (DOCX, ODT, PDF) have no place for them, so a project's `plainly.toml` does it.
pub fn directives(doc: &Document, format: Format) -> Vec<plainly_text::Directive> {
    let Some(src) = doc.sources.first() else {
        return Vec::new();
    };
    match format {
        Format::Text => txt::directives(&src.text),
        Format::Markdown => markdown::directives(&src.text),
        Format::Html => html_directives(&src.text),
        _ => Vec::new(),
    }
}

/// Directives in the comments of an HTML file.
fn html_directives(text: &str) -> Vec<plainly_text::Directive> {
    let index = plainly_text::LineIndex::new(text);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text
        .get(from..)
        .and_then(|t| t.find("<!--"))
        .map(|i| from + i)
    {
        let body_start = start + 4;
        let Some(end) = text
            .get(body_start..)
            .and_then(|t| t.find("-->"))
            .map(|i| body_start + i)
        else {
            break;
        };
        if let Some((kind, rules)) = text
            .get(body_start..end)
            .and_then(plainly_text::directive::parse)
        {
            out.push(plainly_text::Directive {
                kind,
                rules,
                line: index.line_of(start),
            });
        }
        from = end + 3;
    }
    out
}
