//! Markdown via pulldown-cmark with exact offsets.
//!
//! Prose blocks only: paragraphs, headings, list items, block quotes, table cells and
//! footnote definitions. Code blocks, raw HTML, images and front matter are not prose and
//! are left out; inline code stays in the text (the words module treats it as a token).
//! Every block maps back to byte offsets of the file through its [`SourceMap`].

use crate::{Limits, ReadError, txt};
use plainly_text::document::{Origin, Place, Source, SourceMap};
use plainly_text::{Block, BlockKind, Document};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// An HTML comment found in the file (source byte offsets), for inline suppressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub text: String,
}

/// Read a Markdown file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let (text, _) = txt::decode(bytes);
    limits.check_text(&text)?;
    let blocks = parse(&text, 0);
    Ok(Document {
        format: "md".into(),
        blocks,
        sources: vec![Source {
            name: String::new(),
            text,
        }],
        declared_lang: None,
    })
}

struct Building {
    kind: BlockKind,
    text: String,
    map: SourceMap,
}

impl Building {
    fn push(&mut self, piece: &str, src_start: usize, src_len: usize) {
        let (piece, src_start, src_len) = if self.text.is_empty() {
            let trimmed = piece.trim_start();
            let cut = piece.len() - trimmed.len();
            if src_len == piece.len() {
                (trimmed, src_start + cut, src_len - cut)
            } else {
                (trimmed, src_start, src_len)
            }
        } else {
            (piece, src_start, src_len)
        };
        if piece.is_empty() {
            return;
        }
        self.map
            .push(self.text.len(), piece.len(), src_start, src_len);
        self.text.push_str(piece);
    }
}

/// Parse Markdown `text` into prose blocks whose maps point into `text`.
pub fn parse(text: &str, source: u32) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut current: Option<Building> = None;
    // Containers that decide a paragraph's kind.
    let mut items = 0usize;
    let mut quotes = 0usize;
    let mut notes = 0usize;
    // Depth of non-prose regions (code, metadata, images).
    let mut skip = 0usize;

    let flush = |current: &mut Option<Building>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            let trimmed = b.text.trim_end().len();
            if trimmed > 0 {
                let mut text = b.text;
                text.truncate(trimmed);
                blocks.push(Block::new(
                    b.kind,
                    text,
                    Origin {
                        source,
                        map: b.map,
                        place: Place::default(),
                    },
                ));
            }
        }
    };
    let open = |kind: BlockKind| Building {
        kind,
        text: String::new(),
        map: SourceMap::default(),
    };

    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. }) => {
                skip += 1
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Paragraph) => {
                let kind = if notes > 0 {
                    BlockKind::Footnote
                } else if items > 0 {
                    BlockKind::ListItem
                } else if quotes > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                // A tight list item's text arrives without a paragraph; a loose item's
                // first paragraph continues the item block opened at `Item`.
                if !matches!(&current, Some(b) if b.kind == kind && b.text.is_empty()) {
                    flush(&mut current, &mut blocks);
                    current = Some(open(kind));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks);
                current = Some(open(BlockKind::Heading(heading_level(level))));
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks);
                items += 1;
                current = Some(open(BlockKind::ListItem));
            }
            Event::Start(Tag::List(_)) => flush(&mut current, &mut blocks),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quotes += 1;
            }
            Event::Start(Tag::FootnoteDefinition(_)) => {
                flush(&mut current, &mut blocks);
                notes += 1;
            }
            Event::Start(Tag::TableCell) => {
                flush(&mut current, &mut blocks);
                current = Some(open(BlockKind::TableCell));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut blocks);
                items = items.saturating_sub(1);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quotes = quotes.saturating_sub(1);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush(&mut current, &mut blocks);
                notes = notes.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                flush(&mut current, &mut blocks)
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = current.as_mut() {
                    let src = text.get(range.clone()).unwrap_or_default();
                    if src == &*t {
                        b.push(&t, range.start, t.len());
                    } else if let Some(at) = src.find(&*t) {
                        // Inline code: the text sits inside its backticks.
                        b.push(&t, range.start + at, t.len());
                    } else {
                        // Escapes and entities: the piece maps as a whole.
                        b.push(&t, range.start, range.len());
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut()
                    && !b.text.is_empty()
                {
                    b.push("\n", range.start, range.len());
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

/// Suppression directives written as HTML comments in a Markdown file.
pub fn directives(text: &str) -> Vec<plainly_text::Directive> {
    let index = plainly_text::LineIndex::new(text);
    comments(text)
        .into_iter()
        .filter_map(|c| {
            plainly_text::directive::parse(&c.text).map(|(kind, rules)| plainly_text::Directive {
                kind,
                rules,
                line: index.line_of(c.start),
            })
        })
        .collect()
}

/// HTML comments of a Markdown file, with their source offsets.
pub fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            let mut rest: &str = &h;
            let mut base = range.start;
            while let Some(s) = rest.find("<!--") {
                let after = &rest[s + 4..];
                let Some(e) = after.find("-->") else { break };
                out.push(Comment {
                    start: base + s,
                    text: after[..e].trim().to_string(),
                });
                let consumed = s + 4 + e + 3;
                rest = &rest[consumed..];
                base += consumed;
            }
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        parse(text, 0)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn prose_blocks_only() {
        let md = "---\ntitle: x\n---\n# Votre demande\n\nNous avons **bien** reçu `C4`.\nSuite ici.\n\n```\ncode\n```\n\n- un\n- deux\n\n> cité\n\n| a | b |\n|---|---|\n| c | d |\n";
        let got = kinds(md);
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading(1), "Votre demande".to_string()),
                (
                    BlockKind::Paragraph,
                    "Nous avons bien reçu C4.\nSuite ici.".to_string()
                ),
                (BlockKind::ListItem, "un".to_string()),
                (BlockKind::ListItem, "deux".to_string()),
                (BlockKind::Quote, "cité".to_string()),
                (BlockKind::TableCell, "a".to_string()),
                (BlockKind::TableCell, "b".to_string()),
                (BlockKind::TableCell, "c".to_string()),
                (BlockKind::TableCell, "d".to_string()),
            ]
        );
    }

    #[test]
    fn offsets_map_to_source() {
        let md = "Intro *très* `code` fin &amp; ok\n";
        let b = &parse(md, 0)[0];
        for word in ["Intro", "très", "code", "fin", "ok"] {
            let at = b.text.find(word).unwrap_or(0);
            let src = b.origin.map.to_source(at);
            assert_eq!(&md[src..src + word.len()], word);
        }
    }

    #[test]
    fn finds_comments() {
        let c = comments("a <!-- plainly-disable x --> b\n\n<!-- plainly-enable -->\n");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].text, "plainly-disable x");
    }

    proptest! {
        #[test]
        fn block_text_maps_into_source(s in "[a-zé *_`#>\\-\n&;1.]{0,80}") {
            for b in parse(&s, 0) {
                for (i, _) in b.text.char_indices() {
                    let o = b.origin.map.to_source(i);
                    prop_assert!(o <= s.len());
                    prop_assert!(s.is_char_boundary(o));
                }
            }
        }
    }
}
