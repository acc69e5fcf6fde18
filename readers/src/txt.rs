//! Plain text: decoding (UTF-8, UTF-16 with BOM, Windows-1252 fallback) and blocks.
//!
//! Blocks are separated by blank lines; each block's text is the exact slice of the
//! decoded file, so offsets map one to one. Line roles inside a block (salutations, list
//! items, headings) are the segmenter's business.

use crate::{Limits, ReadError};
use plainly_text::document::{Origin, Place, Source, SourceMap};
use plainly_text::{Block, BlockKind, Directive, Document, directive};

/// How a text file was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Decode text bytes: BOMs first, then strict UTF-8, then Windows-1252 (which maps every
/// byte, so Latin-1 and cp1252 letters from Belgian administrations read right). Line
/// endings become `\n`.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let (text, enc) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8)
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        let (t, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        (t.into_owned(), Encoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        let (t, _, _) = encoding_rs::UTF_16BE.decode(bytes);
        (t.into_owned(), Encoding::Utf16Be)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), Encoding::Utf8),
            Err(_) => {
                let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (t.into_owned(), Encoding::Windows1252)
            }
        }
    };
    let text = text.trim_start_matches('\u{feff}');
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    (text, enc)
}

/// Read a plain-text file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if bytes.contains(&0) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(ReadError::WrongFormat { expected: "text" });
    }
    let (text, _) = decode(bytes);
    limits.check_text(&text)?;
    let blocks = paragraph_blocks(&text, 0);
    Ok(Document {
        format: "txt".into(),
        blocks,
        sources: vec![Source {
            name: String::new(),
            text,
        }],
        declared_lang: None,
    })
}

/// Suppression directives of a plain-text file: lines of their own (see
/// [`plainly_text::directive`]).
pub fn directives(text: &str) -> Vec<Directive> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            directive::parse(l).map(|(kind, rules)| Directive {
                kind,
                rules,
                line: u32::try_from(i).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Split `text` into blocks at blank lines; offsets in the returned maps are into `text`.
pub fn paragraph_blocks(text: &str, source: u32) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        // Blank lines, suppression directives and a `plainly-profile:` marker (read by the
        // mandatory-mentions check) end a block: they are not prose.
        if content.trim().is_empty()
            || directive::parse(content).is_some()
            || content.trim_start().starts_with("plainly-profile:")
        {
            if let Some(s) = start.take() {
                blocks.push(block(text, s, end, source));
            }
        } else {
            if start.is_none() {
                start = Some(pos + (content.len() - content.trim_start().len()));
            }
            end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push(block(text, s, end, source));
    }
    blocks
}

fn block(text: &str, start: usize, end: usize, source: u32) -> Block {
    Block::new(
        BlockKind::Paragraph,
        text.get(start..end).unwrap_or_default(),
        Origin {
            source,
            map: SourceMap::identity(start, end - start),
            place: Place::default(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_cp1252_and_utf16() {
        assert_eq!(decode(b"d\xe9cision").0, "décision");
        assert_eq!(decode(&[0xFF, 0xFE, b'h', 0, 0xE9, 0]).0, "hé");
        assert_eq!(decode("é\r\nx".as_bytes()).0, "é\nx");
    }

    #[test]
    fn a_profile_marker_line_is_not_prose() {
        let text = "plainly-profile: cpas-decision\nMadame,\n\nNous avons décidé.";
        let blocks = paragraph_blocks(text, 0);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Madame,", "Nous avons décidé."]);
    }

    #[test]
    fn directive_lines_are_not_prose() {
        let text = "Une phrase.\n# plainly-disable-next-line long-word\nUne autre.";
        let blocks = paragraph_blocks(text, 0);
        assert_eq!(blocks.len(), 2);
        let d = directives(text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 1);
    }

    #[test]
    fn blocks_map_back() {
        let text = "Madame,\n\n  Nous avons\nreçu.  \n\n\nFin.";
        let blocks = paragraph_blocks(text, 0);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].text, "Nous avons\nreçu.");
        let start = blocks[1].origin.map.to_source(0);
        assert_eq!(&text[start..start + 4], "Nous");
    }
}
