//! `plainly extract`: the text of a document exactly as plainly reads it, so a writer can
//! see what plainly saw in a PDF or a Word file (and a benchmark can time reading alone).
//!
//! Blocks come in reading order, separated by blank lines. With `--places`, each block is
//! preceded by where it comes from and what kind of block it is:
//!
//! ```text
//! [page 1, line 4 · heading 1]
//! Votre demande d'allocation
//! ```

use crate::load;
use crate::locate::{Locator, describe_place};
use anyhow::Result;
use plainly_rules::config::LimitSettings;
use plainly_rules::discover::Finder;
use plainly_text::{Block, BlockKind, Document};
use std::io::{self, Write};
use std::path::PathBuf;

/// Print each file's blocks; a file that cannot be read gets one line on stderr and the
/// others are still printed. Exit status 2 when a file could not be read. Each file is read
/// within the limits of the command line (`flags`), else of its `plainly.toml`, as
/// `plainly check` reads it.
pub fn run(files: &[PathBuf], places: bool, flags: &LimitSettings) -> Result<u8> {
    let finder = Finder::new(None)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for (i, path) in files.iter().enumerate() {
        let read = finder
            .config_for(path)
            .map_err(|e| load::FileError::Config(e.to_string()))
            .and_then(|(config, rel)| {
                let limits = config.resolve(&rel).limits;
                load::read_within(path, flags, &limits, config.origin.as_deref())
            });
        match read {
            Ok((doc, _)) => {
                let written = (|| {
                    if files.len() > 1 {
                        if i > 0 {
                            writeln!(out)?;
                        }
                        writeln!(out, "==> {} <==", path.display())?;
                    }
                    write_document(&mut out, &doc, places)?;
                    out.flush()
                })();
                match written {
                    Ok(()) => {}
                    // `plainly extract x.pdf | head`: the reader has seen enough.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        return Ok(crate::EXIT_CLEAN);
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Err(e) => {
                failed = true;
                let _ = out.flush();
                eprintln!("{}: cannot read: {e}", path.display());
            }
        }
    }
    Ok(if failed {
        crate::EXIT_ERROR
    } else {
        crate::EXIT_CLEAN
    })
}

/// Write a document's blocks, separated by blank lines.
pub fn write_document(out: &mut impl Write, doc: &Document, places: bool) -> io::Result<()> {
    let loc = Locator::new(doc);
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if places {
            writeln!(out, "[{}]", place_of(&loc, block))?;
        }
        writeln!(out, "{}", block.text)?;
    }
    Ok(())
}

/// "page 2, line 14 · paragraph", "word/document.xml, table 1, row 2, cell 1 · table
/// cell", "line 7 · list item".
fn place_of(loc: &Locator<'_>, block: &Block) -> String {
    let place = &block.origin.place;
    let source = block.origin.source as usize;
    let mut parts = Vec::new();
    if let Some(p) = describe_place(place, loc.source_name(source)) {
        parts.push(p);
    }
    // Lines mean something in text formats and in a PDF page's text; in a DOCX or ODT
    // part they are XML lines, which no person sees.
    if place.part.is_none()
        && let Some(index) = loc.index(source)
    {
        let offset = block.origin.map.to_source(0);
        parts.push(format!("line {}", index.line_of(offset) + 1));
    }
    let place = parts.join(", ");
    format!("{place} · {}", kind_name(block.kind))
}

fn kind_name(kind: BlockKind) -> String {
    match kind {
        BlockKind::Heading(level) => format!("heading {level}"),
        BlockKind::Paragraph => "paragraph".into(),
        BlockKind::ListItem => "list item".into(),
        BlockKind::TableCell => "table cell".into(),
        BlockKind::Header => "header".into(),
        BlockKind::Footer => "footer".into(),
        BlockKind::Footnote => "note".into(),
        BlockKind::Quote => "quotation".into(),
        BlockKind::Sender => "sender".into(),
        BlockKind::Address => "address".into(),
    }
}
