#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Stress tests of the DOCX and ODT readers.
//!
//! 1. Real-world files of the shared stress corpus (`/work/shared/corpus/readers-stress/`,
//!    read in place, never copied into the repository): a table says what must come out of
//!    each. When the corpus is absent the test prints why and skips.
//! 2. Generated hostile inputs (zip bomb, a zip entry lying about its size, billion laughs,
//!    10,000-deep nesting, not a zip, a truncated zip): each must give its error quickly.

use plainly_readers::{Limits, ReadError, docx, odt};
use plainly_text::{BlockKind, Document};
use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

// ---------------------------------------------------------------------------------------
// The stress corpus

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/readers-stress")
}

/// What a corpus file must give.
enum Expect {
    /// Read fine. `blocks`: (kind, exact text) that must each appear exactly once;
    /// `absent`: words that must appear in no block and no source text.
    Ok {
        blocks: &'static [(BlockKind, &'static str)],
        absent: &'static [&'static str],
        block_count: Option<usize>,
    },
    /// Refused with this error variant.
    Err(&'static str),
}

struct Case {
    file: &'static str,
    expect: Expect,
}

const CASES: &[Case] = &[
    Case {
        file: "pandoc_comments.docx",
        expect: Expect::Ok {
            blocks: &[
                (
                    BlockKind::Paragraph,
                    "I want some text to have a comment on it.",
                ),
                (BlockKind::Paragraph, "This is a new paragraph."),
                (BlockKind::Paragraph, "And so is this."),
                (
                    BlockKind::Paragraph,
                    "One more. And this is one with a comment in a comment.",
                ),
            ],
            // The comments' own text (word/comments.xml) stays out.
            absent: &[
                "I left a comment",
                "A comment across paragraphs",
                "multiple paragraphs",
                "See?",
                "Do something",
            ],
            block_count: Some(4),
        },
    },
    Case {
        file: "pandoc_drop_cap.docx",
        expect: Expect::Ok {
            blocks: &[
                (BlockKind::Paragraph, "Drop cap."),
                (BlockKind::Paragraph, "Next paragraph."),
                (BlockKind::Paragraph, "Drop cap in margin."),
                (BlockKind::Paragraph, "Drop cap (not really)."),
            ],
            absent: &[],
            block_count: Some(4),
        },
    },
    Case {
        // Its only paragraph has a style with text:display="none".
        file: "pandoc_hiddenTextByStyle.odt",
        expect: Expect::Ok {
            blocks: &[],
            absent: &["Hidden text"],
            block_count: Some(0),
        },
    },
    Case {
        file: "pandoc_notes.docx",
        expect: Expect::Ok {
            blocks: &[
                (BlockKind::Heading(2), "A footnote"),
                (BlockKind::Paragraph, "Test footnote. Test endnote."),
                (BlockKind::Footnote, "My note."),
                (
                    BlockKind::Footnote,
                    "This is an endnote at the end of the document.",
                ),
            ],
            absent: &[],
            block_count: Some(4),
        },
    },
    Case {
        // A table whose middle cell is wrapped in a content control (w:sdt around w:tc).
        file: "pandoc_sdt_elements.docx",
        expect: Expect::Ok {
            blocks: &[
                (BlockKind::TableCell, "col1Header"),
                (BlockKind::TableCell, "col2Header"),
                (BlockKind::TableCell, "col3Header"),
                (BlockKind::TableCell, "col1 content"),
                (BlockKind::TableCell, "Body copy"),
                (BlockKind::TableCell, "col3 content"),
            ],
            // Drop-down entries of the content control and the glossary part stay out.
            absent: &["Choose an item", "Accessibility text", "Tooltip"],
            block_count: Some(6),
        },
    },
    Case {
        // Two text boxes, each in mc:Choice and again in mc:Fallback; a SAVEDATE field.
        file: "pandoc_text_in_shape_format.docx",
        expect: Expect::Ok {
            blocks: &[
                (BlockKind::Paragraph, "Last update: May 1, 2017"),
                (
                    BlockKind::Paragraph,
                    "Using Microsoft Word 2007/2010\nfor Writing Technical Documents",
                ),
                (BlockKind::Paragraph, "Valter Kiisk"),
                (
                    BlockKind::Paragraph,
                    "Institute of Physics, University of Tartu",
                ),
                // A STYLEREF field result in the header: results of fields are kept.
                (
                    BlockKind::Header,
                    "Error! No text of specified style in document.",
                ),
            ],
            absent: &["SAVEDATE", "MERGEFORMAT", "STYLEREF"],
            block_count: Some(5),
        },
    },
    Case {
        file: "pandoc_track_changes_deletion.docx",
        expect: Expect::Ok {
            blocks: &[(BlockKind::Paragraph, "This is a text with a deletion.")],
            absent: &["excessively", "modified"],
            block_count: Some(1),
        },
    },
    Case {
        // Even and odd page headers (w:evenAndOddHeaders is on): both, once each.
        file: "pydocx_doc-odd-even-hdrs.docx",
        expect: Expect::Ok {
            blocks: &[
                (BlockKind::Header, "Even page header."),
                (BlockKind::Header, "Odd page header."),
                (BlockKind::Paragraph, "First Page."),
                (BlockKind::Paragraph, "Second Page."),
            ],
            absent: &[],
            block_count: Some(4),
        },
    },
    Case {
        file: "tika_testODTEncrypted.odt",
        expect: Expect::Err("Encrypted"),
    },
    Case {
        // An OLE compound file with EncryptionInfo/EncryptedPackage streams.
        file: "tika_testWORD_protected_passtika.docx",
        expect: Expect::Err("Encrypted"),
    },
    Case {
        // The first 763 bytes of a DOCX: no central directory.
        file: "tika_testWORD_truncated.docx",
        expect: Expect::Err("Corrupt"),
    },
];

fn variant(e: &ReadError) -> &'static str {
    match e {
        ReadError::TooLarge { .. } => "TooLarge",
        ReadError::Encrypted => "Encrypted",
        ReadError::Corrupt(_) => "Corrupt",
        ReadError::WrongFormat { .. } => "WrongFormat",
        ReadError::NoText(_) => "NoText",
        ReadError::Hostile(_) => "Hostile",
        ReadError::Timeout(_) => "Timeout",
        ReadError::Unsupported(_) => "Unsupported",
    }
}

fn read_by_extension(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    let limits = Limits::default();
    if name.ends_with(".odt") {
        odt::read(bytes, &limits)
    } else {
        docx::read(bytes, &limits)
    }
}

/// Every block's text is found in its source at the offsets its map gives.
fn assert_sources_consistent(name: &str, doc: &Document) {
    for b in &doc.blocks {
        let src = &doc.sources[b.origin.source as usize];
        let start = b.origin.map.to_source(0);
        let end = b.origin.map.to_source(b.text.len());
        assert_eq!(
            &src.text[start..end],
            b.text,
            "{name}: block text not at its source offsets"
        );
        assert_eq!(b.origin.place.part.as_deref(), Some(src.name.as_str()));
        assert!(b.origin.place.paragraph.is_some(), "{name}: no paragraph");
    }
}

#[test]
fn stress_corpus_office_files() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!("skipped: stress corpus not found at {}", dir.display());
        return;
    }
    let mut checked = 0;
    for case in CASES {
        let path = dir.join(case.file);
        let Ok(bytes) = std::fs::read(&path) else {
            println!("skipped {}: not in the corpus", case.file);
            continue;
        };
        let started = Instant::now();
        let result = read_by_extension(case.file, &bytes);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{}: too slow",
            case.file
        );
        match (&case.expect, result) {
            (
                Expect::Ok {
                    blocks,
                    absent,
                    block_count,
                },
                Ok(doc),
            ) => {
                for (kind, text) in *blocks {
                    let n = doc
                        .blocks
                        .iter()
                        .filter(|b| b.kind == *kind && b.text == *text)
                        .count();
                    assert_eq!(
                        n, 1,
                        "{}: expected one {kind:?} block {text:?}, blocks: {:#?}",
                        case.file, doc.blocks
                    );
                }
                for word in *absent {
                    assert!(
                        doc.blocks.iter().all(|b| !b.text.contains(word))
                            && doc.sources.iter().all(|s| !s.text.contains(word)),
                        "{}: {word:?} must not be read",
                        case.file
                    );
                }
                if let Some(n) = block_count {
                    assert_eq!(
                        doc.blocks.len(),
                        *n,
                        "{}: block count; blocks: {:#?}",
                        case.file,
                        doc.blocks
                    );
                }
                assert_sources_consistent(case.file, &doc);
            }
            (Expect::Err(want), Err(e)) => {
                assert_eq!(variant(&e), *want, "{}: {e}", case.file);
            }
            (Expect::Ok { .. }, Err(e)) => panic!("{}: expected Ok, got {e:?}", case.file),
            (Expect::Err(want), Ok(doc)) => {
                panic!("{}: expected {want}, got {:#?}", case.file, doc.blocks)
            }
        }
        checked += 1;
    }
    println!("checked {checked} stress-corpus files");
}

#[test]
fn stress_corpus_places() {
    let dir = corpus_dir();
    let read = |name: &str| -> Option<Document> {
        let bytes = std::fs::read(dir.join(name)).ok()?;
        Some(read_by_extension(name, &bytes).unwrap())
    };
    let Some(notes) = read("pandoc_notes.docx") else {
        println!("skipped: stress corpus not found at {}", dir.display());
        return;
    };
    let find = |doc: &Document, text: &str| {
        doc.blocks
            .iter()
            .find(|b| b.text == text)
            .cloned()
            .unwrap_or_else(|| panic!("no block {text:?}"))
    };
    let note = find(&notes, "My note.");
    assert_eq!(
        note.origin.place.part.as_deref(),
        Some("word/footnotes.xml")
    );
    assert_eq!(note.origin.place.note, Some(1));
    assert_eq!(note.origin.place.paragraph, Some(1));
    let end = find(&notes, "This is an endnote at the end of the document.");
    assert_eq!(end.origin.place.part.as_deref(), Some("word/endnotes.xml"));
    assert_eq!(end.origin.place.note, Some(1));
    // Paragraph 2 is empty: the body text is paragraph 3 as Word counts.
    let body = find(&notes, "Test footnote. Test endnote.");
    assert_eq!(body.origin.place.paragraph, Some(3));
    assert_eq!(body.origin.place.part.as_deref(), Some("word/document.xml"));

    if let Some(sdt) = read("pandoc_sdt_elements.docx") {
        let cell = find(&sdt, "Body copy");
        assert_eq!(cell.origin.place.table, Some((1, 2, 2)));
        let cell = find(&sdt, "col3 content");
        assert_eq!(cell.origin.place.table, Some((1, 2, 3)));
    }
    if let Some(hdrs) = read("pydocx_doc-odd-even-hdrs.docx") {
        let even = find(&hdrs, "Even page header.");
        assert_eq!(even.origin.place.part.as_deref(), Some("word/header1.xml"));
        let odd = find(&hdrs, "Odd page header.");
        assert_eq!(odd.origin.place.part.as_deref(), Some("word/header2.xml"));
        let second = find(&hdrs, "Second Page.");
        assert_eq!(second.origin.place.paragraph, Some(3));
    }
    if let Some(drop) = read("pandoc_drop_cap.docx") {
        // The drop cap paragraph (1) starts the joined block.
        assert_eq!(find(&drop, "Drop cap.").origin.place.paragraph, Some(1));
        assert_eq!(
            find(&drop, "Next paragraph.").origin.place.paragraph,
            Some(4)
        );
        assert!(
            drop.blocks
                .iter()
                .all(|b| b.text != "D" && b.text != "rop cap.")
        );
    }
}

// ---------------------------------------------------------------------------------------
// Generated hostile inputs

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx_with(document_xml: &str) -> Vec<u8> {
    zip_parts(&[("word/document.xml", document_xml.as_bytes())])
}

fn odt_with(content_xml: &str) -> Vec<u8> {
    zip_parts(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content_xml.as_bytes()),
    ])
}

fn simple_docx() -> Vec<u8> {
    docx_with(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Bonjour Madame, nous avons bien reçu votre demande.</w:t></w:r></w:p></w:body></w:document>"#
    ))
}

/// Read with the default limits and give the error variant, asserting it comes quickly.
fn error_of(read: fn(&[u8], &Limits) -> Result<Document, ReadError>, bytes: &[u8]) -> ReadError {
    let started = Instant::now();
    let result = read(bytes, &Limits::default());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    match result {
        Ok(doc) => panic!("expected an error, got {:#?}", doc.blocks),
        Err(e) => e,
    }
}

/// One entry of `mb` megabytes of zeros, compressed while it is written.
fn zeros_zip(name: &str, mb: usize) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(false);
    w.start_file(name, options).unwrap();
    let chunk = vec![0u8; 1024 * 1024];
    for _ in 0..mb {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Make every header of a one-entry zip declare `size` bytes unpacked.
fn lie_about_size(zip: &mut [u8], size: u32) {
    let bytes = size.to_le_bytes();
    // Local file header: uncompressed size at offset 22.
    assert_eq!(&zip[0..4], b"PK\x03\x04");
    zip[22..26].copy_from_slice(&bytes);
    // Central directory header: uncompressed size at offset 24.
    let cd = zip
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    zip[cd + 24..cd + 28].copy_from_slice(&bytes);
}

#[test]
fn zip_bomb_of_200_mb_is_refused() {
    let bomb = zeros_zip("word/document.xml", 200);
    assert!(bomb.len() < 1024 * 1024, "the bomb is {} bytes", bomb.len());
    let e = error_of(docx::read, &bomb);
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");

    // The same entry declaring 1,000 bytes: the read stops right after 1,000 bytes.
    let mut liar = bomb.clone();
    lie_about_size(&mut liar, 1000);
    let e = error_of(docx::read, &liar);
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");

    let mut odt_bomb = zeros_zip("content.xml", 200);
    let e = error_of(odt::read, &odt_bomb);
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
    lie_about_size(&mut odt_bomb, 1000);
    let e = error_of(odt::read, &odt_bomb);
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
}

#[test]
fn ratio_cap_catches_a_bomb_under_the_size_cap() {
    // 20 MB of zeros is under the 64 MB entry cap but compresses ~1000:1.
    let bomb = zeros_zip("word/document.xml", 20);
    let e = error_of(docx::read, &bomb);
    assert!(
        matches!(&e, ReadError::Hostile(m) if m.contains("compressed")),
        "{e:?}"
    );
}

fn billion_laughs(root: &str) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    let mut prev = "lol".to_string();
    for i in 1..10 {
        let name = format!("lol{i}");
        s.push_str(&format!(
            " <!ENTITY {name} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    s.push_str(&format!(
        "]>\n{}",
        root.replace("ENTITY", &format!("&{prev};"))
    ));
    s
}

#[test]
fn billion_laughs_is_refused() {
    let xml = billion_laughs(&format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>ENTITY</w:t></w:r></w:p></w:body></w:document>"#
    ));
    let e = error_of(docx::read, &docx_with(&xml));
    assert!(
        matches!(&e, ReadError::Hostile(m) if m == "XML with a document type declaration"),
        "{e:?}"
    );
    let xml = billion_laughs(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>ENTITY</text:p></office:text></office:body></office:document-content>"#,
    );
    let e = error_of(odt::read, &odt_with(&xml));
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 10_000;
    let xml = format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(depth / 2),
        "</w:sdtContent></w:sdt>".repeat(depth / 2)
    );
    let e = error_of(docx::read, &docx_with(&xml));
    assert!(
        matches!(&e, ReadError::Hostile(m) if m.contains("nested")),
        "{e:?}"
    );
    let xml = format!(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{}{}</office:text></office:body></office:document-content>"#,
        "<text:section>".repeat(depth),
        "</text:section>".repeat(depth)
    );
    let e = error_of(odt::read, &odt_with(&xml));
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
}

#[test]
fn not_a_zip_is_wrong_format() {
    let text = b"Madame, Monsieur, ceci est un simple texte.";
    assert!(matches!(
        error_of(docx::read, text),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
    assert!(matches!(
        error_of(odt::read, text),
        ReadError::WrongFormat { expected: "ODT" }
    ));
    assert!(matches!(
        error_of(docx::read, b""),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
    // A PDF given as .docx.
    assert!(matches!(
        error_of(docx::read, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
}

#[test]
fn truncated_zip_is_corrupt() {
    let full = simple_docx();
    assert!(docx::read(&full, &Limits::default()).is_ok());
    for cut in [full.len() / 2, full.len() - 10, 30, 4] {
        let e = error_of(docx::read, &full[..cut]);
        assert!(matches!(e, ReadError::Corrupt(_)), "cut at {cut}: {e:?}");
    }
    let odt_full = odt_with(
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Bonjour</text:p></office:text></office:body></office:document-content>"#,
    );
    assert!(odt::read(&odt_full, &Limits::default()).is_ok());
    let e = error_of(odt::read, &odt_full[..odt_full.len() / 2]);
    assert!(matches!(e, ReadError::Corrupt(_)), "{e:?}");
}

#[test]
fn truncated_xml_is_corrupt() {
    let xml = format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Bonjour"#);
    let e = error_of(docx::read, &docx_with(&xml));
    assert!(matches!(e, ReadError::Corrupt(_)), "{e:?}");
}

#[test]
fn large_document_reads_in_reasonable_time() {
    // About 20 MB of XML: 40,000 paragraphs of three runs, a table every 100 paragraphs.
    let mut body = String::new();
    for i in 0..40_000 {
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:lang w:val="fr-BE"/></w:rPr><w:t xml:space="preserve">Paragraphe {i} : nous avons </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>bien reçu</w:t></w:r><w:r><w:t xml:space="preserve"> votre demande d’allocations de chômage et nous la traitons.</w:t></w:r></w:p>"#
        ));
        if i % 100 == 0 {
            body.push_str(r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cellule</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Montant</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#);
        }
    }
    let bytes = docx_with(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>"#
    ));
    let started = Instant::now();
    let doc = docx::read(&bytes, &Limits::default()).unwrap();
    let took = started.elapsed();
    println!("{} blocks in {took:?}", doc.blocks.len());
    assert_eq!(doc.blocks.len(), 40_000 + 800);
    assert_eq!(doc.declared_lang, Some(plainly_text::Lang::Fr));
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn too_many_entries_is_refused() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..10_050 {
        w.start_file(format!("x/{i}"), options).unwrap();
    }
    w.start_file("word/document.xml", options).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let e = error_of(docx::read, &bytes);
    assert!(
        matches!(&e, ReadError::Hostile(m) if m.contains("too many entries")),
        "{e:?}"
    );
}

#[test]
fn many_open_fields_and_references_stay_fast() {
    // 100,000 fields that never end, then 100,000 footnote references: linear work only.
    let mut body = String::from("<w:p>");
    for _ in 0..100_000 {
        body.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#);
    }
    body.push_str("</w:p><w:p>");
    for i in 0..100_000 {
        body.push_str(&format!(r#"<w:r><w:footnoteReference w:id="{i}"/></w:r>"#));
    }
    body.push_str("</w:p>");
    let bytes = docx_with(&format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>"#
    ));
    let started = Instant::now();
    let doc = docx::read(&bytes, &Limits::default()).unwrap();
    assert!(doc.blocks.is_empty());
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn entity_declaration_outside_a_doctype_is_hostile() {
    let xml = format!(r#"<w:document xmlns:w="{W_NS}"><!ENTITY x "boom"><w:body/></w:document>"#);
    let e = error_of(docx::read, &docx_with(&xml));
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
}
