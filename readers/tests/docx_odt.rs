#![allow(clippy::unwrap_used, clippy::expect_used)]
//! DOCX and ODT readers: each feature on a small document built here with the zip crate from
//! XML written in the test, plus the two letters of `fixtures/office/` (kept as XML sources
//! and zipped at test time), the error cases and random mutations that must never panic.

use plainly_readers::{Limits, ReadError, docx, odt};
use plainly_text::document::Place;
use plainly_text::{BlockKind, Document, Lang};
use proptest::prelude::*;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

// ---------------------------------------------------------------------------------------
// Building packages

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_parts(parts: &[(String, Vec<u8>)], method: CompressionMethod) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        let m = if name == "mimetype" {
            CompressionMethod::Stored
        } else {
            method
        };
        w.start_file(
            name.as_str(),
            SimpleFileOptions::default().compression_method(m),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A DOCX under construction: `document.xml`'s body plus extra parts, each related from the
/// document with the id `rId_<file stem>` (e.g. `rId_header1`).
struct Docx {
    body: String,
    parts: Vec<(String, String, String)>,
}

impl Docx {
    fn new(body: &str) -> Self {
        Docx {
            body: body.to_string(),
            parts: Vec::new(),
        }
    }

    /// Add `word/<file>` of relationship type `ty`, its root element `root` wrapping `inner`.
    fn part(mut self, ty: &str, file: &str, root: &str, inner: &str) -> Self {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {W_NS}>{inner}</w:{root}>"#
        );
        self.parts.push((ty.to_string(), file.to_string(), xml));
        self
    }

    fn styles(self, inner: &str) -> Self {
        self.part("styles", "styles.xml", "styles", inner)
    }

    fn header(self, file: &str, inner: &str) -> Self {
        self.part("header", file, "hdr", inner)
    }

    fn footer(self, file: &str, inner: &str) -> Self {
        self.part("footer", file, "ftr", inner)
    }

    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        for (ty, file, _) in &self.parts {
            let stem = file.trim_end_matches(".xml");
            rels.push_str(&format!(
                r#"<Relationship Id="rId_{stem}" Type="{REL}/{ty}" Target="{file}"/>"#
            ));
        }
        rels.push_str("</Relationships>");
        let mut files = vec![
            (
                "[Content_Types].xml".to_string(),
                br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
            ),
            (
                "_rels/.rels".to_string(),
                format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#).into_bytes(),
            ),
            (
                "word/document.xml".to_string(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{}</w:body></w:document>"#,
                    self.body
                )
                .into_bytes(),
            ),
            ("word/_rels/document.xml.rels".to_string(), rels.into_bytes()),
        ];
        for (_, file, xml) in &self.parts {
            files.push((format!("word/{file}"), xml.clone().into_bytes()));
        }
        files
    }

    fn build(&self) -> Vec<u8> {
        zip_parts(&self.files(), CompressionMethod::Deflated)
    }

    fn read(&self) -> Document {
        read_docx(&self.build())
    }
}

/// A paragraph with one run of text.
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph of style `style` with one run.
fn ps(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

const ODT_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

/// An ODT whose `content.xml` has `auto_styles` and the body `text`; `styles` is the inner
/// XML of `styles.xml` (empty: no styles.xml).
fn odt(auto_styles: &str, text: &str, styles: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS} office:version="1.2"><office:automatic-styles>{auto_styles}</office:automatic-styles><office:body><office:text>{text}</office:text></office:body></office:document-content>"#
    );
    let mut files = vec![
        (
            "mimetype".to_string(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        ("content.xml".to_string(), content.into_bytes()),
    ];
    if !styles.is_empty() {
        files.push((
            "styles.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODT_NS} office:version="1.2">{styles}</office:document-styles>"#
            )
            .into_bytes(),
        ));
    }
    zip_parts(&files, CompressionMethod::Deflated)
}

/// Zip a folder of `fixtures/office/` (`mimetype` first, stored).
fn zip_fixture(dir: &str) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/office")
        .join(dir);
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort_by_key(|(name, _)| (name != "mimetype", name.clone()));
    zip_parts(&files, CompressionMethod::Deflated)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading and checking

fn read_docx(bytes: &[u8]) -> Document {
    let doc = docx::read(bytes, &Limits::default()).unwrap();
    check_sources(&doc);
    doc
}

fn read_odt(bytes: &[u8]) -> Document {
    let doc = odt::read(bytes, &Limits::default()).unwrap();
    check_sources(&doc);
    doc
}

/// Every block points at its own text in its part's source; a source is its blocks' texts
/// joined by blank lines.
fn check_sources(doc: &Document) {
    for (i, src) in doc.sources.iter().enumerate() {
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.origin.source as usize == i)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(src.text, texts.join("\n\n"), "source {}", src.name);
    }
    for b in &doc.blocks {
        let src = &doc.sources[b.origin.source as usize];
        let (s, e) = (
            b.origin.map.to_source(0),
            b.origin.map.to_source(b.text.len()),
        );
        assert_eq!(&src.text[s..e], b.text);
        assert_eq!(b.origin.place.part.as_deref(), Some(src.name.as_str()));
        assert!(!b.text.is_empty() && b.text.trim() == b.text);
    }
}

fn kinds_texts(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect()
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

/// Each block's kind, text and place.
fn kinds_texts_places(doc: &Document) -> Vec<(BlockKind, &str, Place)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str(), b.origin.place.clone()))
        .collect()
}

/// Each block's text and paragraph number.
fn texts_and_paragraphs(doc: &Document) -> Vec<(&str, Option<u32>)> {
    doc.blocks
        .iter()
        .map(|b| (b.text.as_str(), b.origin.place.paragraph))
        .collect()
}

fn assert_absent(doc: &Document, words: &[&str]) {
    for w in words {
        assert!(
            doc.blocks.iter().all(|b| !b.text.contains(w))
                && doc.sources.iter().all(|s| !s.text.contains(w)),
            "{w:?} must not be read: {:#?}",
            texts(doc)
        );
    }
}

fn place(part: &str, paragraph: u32) -> Place {
    Place {
        part: Some(part.to_string()),
        paragraph: Some(paragraph),
        ..Place::default()
    }
}

fn cell_place(part: &str, paragraph: u32, table: (u32, u32, u32)) -> Place {
    Place {
        table: Some(table),
        ..place(part, paragraph)
    }
}

fn note_place(part: &str, paragraph: u32, note: u32) -> Place {
    Place {
        note: Some(note),
        ..place(part, paragraph)
    }
}

const DOC: &str = "word/document.xml";

// ---------------------------------------------------------------------------------------
// DOCX features

#[test]
fn docx_body_paragraphs_in_order_with_places() {
    let doc = Docx::new(&format!(
        "{}<w:p/>{}<w:p>{}{}{}</w:p><w:p><w:r><w:t> </w:t></w:r></w:p>{}",
        p("Madame,"),
        p("Nous avons reçu votre demande."),
        run("Vous "),
        run("pouvez"),
        run(" nous appeler."),
        p("Bien à vous.")
    ))
    .read();
    assert_eq!(doc.format, "docx");
    assert_eq!(
        texts(&doc),
        [
            "Madame,",
            "Nous avons reçu votre demande.",
            "Vous pouvez nous appeler.",
            "Bien à vous."
        ]
    );
    let places: Vec<_> = doc.blocks.iter().map(|b| b.origin.place.clone()).collect();
    assert_eq!(
        places,
        [place(DOC, 1), place(DOC, 3), place(DOC, 4), place(DOC, 6)]
    );
    assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    assert_eq!(doc.sources.len(), 1);
    assert_eq!(doc.sources[0].name, DOC);
    assert_eq!(
        doc.sources[0].text,
        "Madame,\n\nNous avons reçu votre demande.\n\nVous pouvez nous appeler.\n\nBien à vous."
    );
    let b = &doc.blocks[1];
    assert_eq!(b.origin.map.to_source(0), 9);
    assert_eq!(doc.declared_lang, None);
}

#[test]
fn docx_tables_give_cells_row_by_row() {
    let cell = |inner: &str| format!("<w:tc><w:tcPr/>{inner}</w:tc>");
    let table = format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}<w:sdt><w:sdtPr><w:alias w:val=\"Montant\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:tr></w:tbl>",
        cell(&p("Nom")),
        cell(&p("Montant")),
        cell(&format!("{}{}", p("Allocation"), p("de chômage"))),
        cell(&p("1 200 €")),
    );
    let nested = format!(
        "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        cell(&format!(
            "{}<w:tbl><w:tr>{}{}</w:tr></w:tbl><w:p/>",
            p("Extérieur"),
            cell(&p("A")),
            cell(&p("B"))
        ))
    );
    let doc = Docx::new(&format!("{}{table}{}{nested}", p("Avant"), p("Après"))).read();
    let got = kinds_texts_places(&doc);
    let c = BlockKind::TableCell;
    assert_eq!(
        got,
        [
            (BlockKind::Paragraph, "Avant", place(DOC, 1)),
            (c, "Nom", cell_place(DOC, 2, (1, 1, 1))),
            (c, "Montant", cell_place(DOC, 3, (1, 1, 2))),
            (c, "Allocation", cell_place(DOC, 4, (1, 2, 1))),
            (c, "de chômage", cell_place(DOC, 5, (1, 2, 1))),
            (c, "1 200 €", cell_place(DOC, 6, (1, 2, 2))),
            (BlockKind::Paragraph, "Après", place(DOC, 7)),
            (c, "Extérieur", cell_place(DOC, 8, (2, 1, 1))),
            (c, "A", cell_place(DOC, 9, (3, 1, 1))),
            (c, "B", cell_place(DOC, 10, (3, 1, 2))),
        ]
    );
}

fn sect(refs: &str) -> String {
    format!("<w:sectPr>{refs}<w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>")
}

#[test]
fn docx_headers_and_footers_once_each() {
    let sender = format!(
        "{}{}",
        p("Office national de l’emploi"),
        p("Bureau de Namur")
    );
    let body = format!(
        "{}<w:p><w:pPr>{}</w:pPr></w:p>{}{}",
        p("Première section."),
        sect(
            r#"<w:headerReference w:type="default" r:id="rId_header1"/><w:headerReference w:type="first" r:id="rId_header3"/><w:headerReference w:type="even" r:id="rId_header4"/><w:footerReference w:type="default" r:id="rId_footer1"/>"#
        ),
        p("Deuxième section."),
        sect(
            r#"<w:headerReference w:type="default" r:id="rId_header2"/><w:footerReference w:type="default" r:id="rId_footer1"/>"#
        ),
    );
    let footer = format!(
        r#"<w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        run("Page "),
        run("1")
    );
    let doc = Docx::new(&body)
        .header("header1.xml", &sender)
        // The second section repeats the same sender in another part: read once.
        .header("header2.xml", &sender)
        // A first-page header without w:titlePg and an even-page header without
        // w:evenAndOddHeaders are not shown by Word.
        .header("header3.xml", &p("Première page"))
        .header("header4.xml", &p("Page paire"))
        .footer("footer1.xml", &footer)
        .read();
    let got = kinds_texts_places(&doc);
    assert_eq!(
        got,
        [
            (
                BlockKind::Header,
                "Office national de l’emploi",
                place("word/header1.xml", 1)
            ),
            (
                BlockKind::Header,
                "Bureau de Namur",
                place("word/header1.xml", 2)
            ),
            (BlockKind::Paragraph, "Première section.", place(DOC, 1)),
            (BlockKind::Paragraph, "Deuxième section.", place(DOC, 3)),
            (BlockKind::Footer, "Page 1", place("word/footer1.xml", 1)),
        ]
    );
    assert_absent(&doc, &["PAGE ", "Première page", "Page paire"]);
    assert_eq!(doc.sources.len(), 3);
}

#[test]
fn docx_first_and_even_headers_when_switched_on() {
    let body = format!(
        "{}{}",
        p("Texte."),
        sect(
            r#"<w:headerReference w:type="first" r:id="rId_header1"/><w:headerReference w:type="even" r:id="rId_header2"/><w:titlePg/>"#
        )
    );
    let doc = Docx::new(&body)
        .part(
            "settings",
            "settings.xml",
            "settings",
            "<w:evenAndOddHeaders/>",
        )
        .header("header1.xml", &p("Première page"))
        .header("header2.xml", &p("Page paire"))
        .read();
    assert_eq!(
        kinds_texts(&doc),
        [
            (BlockKind::Header, "Première page"),
            (BlockKind::Header, "Page paire"),
            (BlockKind::Paragraph, "Texte."),
        ]
    );
}

#[test]
fn docx_footnotes_and_endnotes_numbered_by_reference() {
    let fref = |id: u32| {
        format!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        )
    };
    let body = format!(
        "<w:p>{}{}{}</w:p><w:p>{}{}{}<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>",
        run("Texte"),
        fref(2),
        run(" ici."),
        run("Autre"),
        fref(1),
        run("."),
    );
    let note_p = |t: &str| {
        format!(
            r#"<w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {t}</w:t></w:r></w:p>"#
        )
    };
    let footnotes = format!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1">{}</w:footnote><w:footnote w:id="2">{}{}</w:footnote><w:footnote w:id="3">{}</w:footnote>"#,
        note_p("Note B."),
        note_p("Note A."),
        p("Suite de la note A."),
        note_p("Note orpheline."),
    );
    let doc = Docx::new(&body)
        .part("footnotes", "footnotes.xml", "footnotes", &footnotes)
        .part(
            "endnotes",
            "endnotes.xml",
            "endnotes",
            &format!(r#"<w:endnote w:id="1">{}</w:endnote>"#, note_p("Fin.")),
        )
        .read();
    let got = kinds_texts_places(&doc);
    let f = BlockKind::Footnote;
    assert_eq!(
        got,
        [
            (BlockKind::Paragraph, "Texte ici.", place(DOC, 1)),
            (BlockKind::Paragraph, "Autre.", place(DOC, 2)),
            (f, "Note A.", note_place("word/footnotes.xml", 1, 1)),
            (
                f,
                "Suite de la note A.",
                note_place("word/footnotes.xml", 2, 1)
            ),
            (f, "Note B.", note_place("word/footnotes.xml", 1, 2)),
            (f, "Fin.", note_place("word/endnotes.xml", 1, 1)),
        ]
    );
    assert_absent(&doc, &["orpheline"]);
}

#[test]
fn docx_text_box_read_once() {
    let txbx = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let body = format!(
        r#"{}<w:p>{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}</w:p><w:p><w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r></w:p>{}"#,
        p("Avant."),
        run("Ancre "),
        txbx("Dans la boîte."),
        txbx("Dans la boîte."),
        run("du cadre."),
        txbx("Ancienne zone VML."),
        p("Après."),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts_and_paragraphs(&doc),
        [
            ("Avant.", Some(1)),
            ("Dans la boîte.", Some(2)),
            ("Ancre du cadre.", Some(2)),
            ("Ancienne zone VML.", Some(3)),
            ("Après.", Some(4)),
        ]
    );
}

#[test]
fn docx_content_controls_give_their_content() {
    let body = format!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="Décision"/><w:placeholder><w:docPart w:val="X"/></w:placeholder><w:dropDownList><w:listItem w:displayText="Choix A" w:value="A"/></w:dropDownList></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt><w:p>{}<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>{}</w:p>"#,
        p("Votre demande est acceptée."),
        run("Nom : "),
        run("Dupont"),
        run("."),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts(&doc),
        ["Votre demande est acceptée.", "Nom : Dupont."]
    );
    assert_absent(&doc, &["Choix A", "Décision"]);
}

#[test]
fn docx_tracked_changes_keep_insertions_only() {
    let body = format!(
        r#"<w:p>{}<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">ancien </w:delText></w:r></w:del><w:ins w:id="2" w:author="A">{}</w:ins>{}</w:p><w:p><w:moveFrom w:id="3">{}</w:moveFrom>{}<w:moveTo w:id="4">{}</w:moveTo></w:p><w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        run("Le montant "),
        run("nouveau "),
        run("est dû."),
        run("déplacé "),
        run("Texte "),
        run("déplacé"),
        p("Ligne gardée"),
        p("Ligne supprimée"),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts(&doc),
        [
            "Le montant nouveau est dû.",
            "Texte déplacé",
            "Ligne gardée"
        ]
    );
    assert_absent(&doc, &["ancien", "supprimée"]);
}

#[test]
fn docx_comments_stay_out() {
    let body = format!(
        r#"<w:p>{}<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>{}</w:p>"#,
        run("Nous vous "),
        run("informons"),
        run(" de notre décision."),
    );
    let doc = Docx::new(&body)
        .part(
            "comments",
            "comments.xml",
            "comments",
            r#"<w:comment w:id="0" w:author="Relecteur"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Commentaire interne.</w:t></w:r></w:p></w:comment>"#,
        )
        .read();
    assert_eq!(texts(&doc), ["Nous vous informons de notre décision."]);
    assert_absent(&doc, &["Commentaire"]);
}

#[test]
fn docx_hidden_text_stays_out() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Consigne"><w:name w:val="Consigne"/><w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ConsigneBis"><w:name w:val="Consigne bis"/><w:basedOn w:val="Consigne"/></w:style><w:style w:type="character" w:styleId="Cache"><w:name w:val="Caché"/><w:rPr><w:vanish/></w:rPr></w:style>"#;
    let body = format!(
        r#"<w:p>{}<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">caché </w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve">visible </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Cache"/></w:rPr><w:t>style caché</w:t></w:r>{}</w:p>{}{}<w:p><w:pPr><w:pStyle w:val="Consigne"/></w:pPr>{}<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>montré</w:t></w:r></w:p><w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>{}</w:p>"#,
        run("Texte "),
        run("fin."),
        ps("Consigne", "Consigne pour le gestionnaire."),
        ps("ConsigneBis", "Consigne héritée."),
        run("Consigne "),
        run("Marque de paragraphe masquée seulement."),
    );
    let doc = Docx::new(&body).styles(styles).read();
    assert_eq!(
        texts(&doc),
        [
            "Texte visible fin.",
            "montré",
            "Marque de paragraphe masquée seulement."
        ]
    );
    assert_absent(&doc, &["caché", "Consigne"]);
}

#[test]
fn docx_merge_fields_become_placeholders() {
    let complex = |instr: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run(result)
        )
    };
    let body = format!(
        r#"<w:p>{}{}{}</w:p><w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r><w:r><w:instrText xml:space="preserve">FIELD Prenom </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p><w:p>{}<w:fldSimple w:instr=" MERGEFIELD &quot;Date de naissance&quot; \* MERGEFORMAT ">{}</w:fldSimple>{}</w:p>"#,
        run("Madame "),
        complex(" MERGEFIELD  Nom  \\* MERGEFORMAT ", "«Nom»"),
        run(","),
        run("Bonjour "),
        run("."),
        run("Née le "),
        run("XX/XX/XXXX"),
        run("."),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts(&doc),
        [
            "Madame «Nom»,",
            "Bonjour «Prenom».",
            "Née le «Date de naissance»."
        ]
    );
    assert_absent(&doc, &["MERGEFIELD", "MERGEFORMAT", "XX/XX"]);
}

#[test]
fn docx_field_codes_never_leak_and_results_stay() {
    let body = format!(
        r#"<w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD Sexe </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = "F" "Madame" "Monsieur" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p><w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \@ "d MMMM yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:p><w:hyperlink r:id="rId9">{}</w:hyperlink></w:p>"#,
        run("Chère "),
        run("«Sexe»"),
        run("Madame"),
        run(","),
        run("Namur, le "),
        run("3 mars 2024"),
        run("www.onem.be"),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts(&doc),
        ["Chère Madame,", "Namur, le 3 mars 2024", "www.onem.be"]
    );
    assert_absent(&doc, &["IF", "«Sexe»", "DATE", "MMMM", "Monsieur"]);
}

#[test]
fn docx_drop_cap_joins_the_next_paragraph() {
    let body = format!(
        r#"<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around"/></w:pPr>{}</w:p>{}<w:p/>{}<w:p><w:pPr><w:framePr w:dropCap="none" w:w="2000"/></w:pPr>{}</w:p>"#,
        run("L"),
        p("e bureau vous informe."),
        p("Suite."),
        run("Cadre sans lettrine."),
    );
    let doc = Docx::new(&body).read();
    assert_eq!(
        texts_and_paragraphs(&doc),
        [
            ("Le bureau vous informe.", Some(1)),
            ("Suite.", Some(4)),
            ("Cadre sans lettrine.", Some(5)),
        ]
    );
}

#[test]
fn docx_headings_and_lists() {
    let style = |id: &str, name: &str, extra: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/>{extra}</w:style>"#
        )
    };
    let styles = [
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#.to_string(),
        style("Heading1", "heading 1", ""),
        style("Titre2", "Titre 2", ""),
        style("Kop3", "Kop 3", ""),
        style("berschrift4", "Überschrift 4", ""),
        style("MonTitre", "heading 5", ""),
        style("Sous", "Sous-titre maison", r#"<w:basedOn w:val="Heading1"/>"#),
        style("Plan", "Plan", r#"<w:pPr><w:outlineLvl w:val="5"/></w:pPr>"#),
        style("Puces", "List Bullet", r#"<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr>"#),
        style("TitreNum", "heading 2", r#"<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr>"#),
    ]
    .concat();
    let body = [
        ps("Heading1", "Un"),
        ps("Titre2", "Deux"),
        ps("Kop3", "Drie"),
        ps("berschrift4", "Vier"),
        ps("MonTitre", "Cinq"),
        ps("Sous", "Hérité"),
        ps("Plan", "Niveau plan"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Niveau direct</w:t></w:r></w:p>"#.to_string(),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Corps de texte</w:t></w:r></w:p>"#.to_string(),
        ps("Puces", "Puce de style"),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Puce directe</w:t></w:r></w:p>"#.to_string(),
        r#"<w:p><w:pPr><w:pStyle w:val="Puces"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Sans puce</w:t></w:r></w:p>"#.to_string(),
        ps("TitreNum", "Titre numéroté"),
        ps("Inconnu", "Style inconnu"),
    ]
    .concat();
    let doc = Docx::new(&body).styles(&styles).read();
    use BlockKind::{Heading, ListItem, Paragraph};
    assert_eq!(
        kinds_texts(&doc),
        [
            (Heading(1), "Un"),
            (Heading(2), "Deux"),
            (Heading(3), "Drie"),
            (Heading(4), "Vier"),
            (Heading(5), "Cinq"),
            (Heading(1), "Hérité"),
            (Heading(6), "Niveau plan"),
            (Heading(3), "Niveau direct"),
            (Paragraph, "Corps de texte"),
            (ListItem, "Puce de style"),
            (ListItem, "Puce directe"),
            (Paragraph, "Sans puce"),
            (Heading(2), "Titre numéroté"),
            (Paragraph, "Style inconnu"),
        ]
    );
}

#[test]
fn docx_tabs_breaks_and_hyphens() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2268"/></w:tabs></w:pPr><w:r><w:t>Nom :</w:t><w:tab/><w:t>Dupont</w:t><w:br/><w:t>Rue de la Loi 16</w:t><w:cr/><w:t>BE</w:t><w:noBreakHyphen/><w:t>1000 Bruxelles</w:t></w:r></w:p><w:p><w:r><w:t>alloca</w:t><w:softHyphen/><w:t>tion</w:t><w:br w:type="page"/></w:r></w:p>"#;
    let doc = Docx::new(body).read();
    assert_eq!(
        texts(&doc),
        [
            "Nom :\tDupont\nRue de la Loi 16\nBE-1000 Bruxelles",
            "allocation"
        ]
    );
}

#[test]
fn docx_declared_language() {
    let defaults = |lang: &str| {
        format!(
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault></w:docDefaults>"#
        )
    };
    // The default run language of styles.xml.
    let doc = Docx::new(&p("Bonjour Madame."))
        .styles(&defaults("fr-BE"))
        .read();
    assert_eq!(doc.declared_lang, Some(Lang::Fr));
    // Most text is tagged nl-BE although the default is en-US.
    let body = format!(
        r#"<w:p><w:r><w:rPr><w:lang w:val="nl-BE"/></w:rPr><w:t>Geachte mevrouw, wij hebben uw aanvraag goed ontvangen.</w:t></w:r>{}</w:p>"#,
        run("OK")
    );
    let doc = Docx::new(&body).styles(&defaults("en-US")).read();
    assert_eq!(doc.declared_lang, Some(Lang::Nl));
    // Nothing declared, or a language plainly does not know.
    assert_eq!(Docx::new(&p("Tere")).read().declared_lang, None);
    let doc = Docx::new(&p("Tere")).styles(&defaults("et-EE")).read();
    assert_eq!(doc.declared_lang, None);
}

#[test]
fn docx_strict_namespace_and_other_prefixes() {
    // Another producer's prefix for the same namespace, and Strict OOXML's namespace.
    let xml = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>Préfixe x.</x:t></x:r></x:p></x:body></x:document>"#;
    let bytes = zip_parts(
        &[("word/document.xml".to_string(), xml.as_bytes().to_vec())],
        CompressionMethod::Deflated,
    );
    assert_eq!(texts(&read_docx(&bytes)), ["Préfixe x."]);
    let xml = r#"<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Strict.</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = zip_parts(
        &[("word/document.xml".to_string(), xml.as_bytes().to_vec())],
        CompressionMethod::Stored,
    );
    assert_eq!(texts(&read_docx(&bytes)), ["Strict."]);
    // A byte order mark before the declaration.
    let xml = format!(
        "\u{FEFF}<?xml version=\"1.0\"?><w:document {W_NS}><w:body>{}</w:body></w:document>",
        p("Avec BOM.")
    );
    let bytes = zip_parts(
        &[("word/document.xml".to_string(), xml.into_bytes())],
        CompressionMethod::Deflated,
    );
    assert_eq!(texts(&read_docx(&bytes)), ["Avec BOM."]);
}

#[test]
fn soft_hyphens_are_dropped_everywhere() {
    let doc = Docx::new(&p("werkloosheids\u{AD}uitkering")).read();
    assert_eq!(texts(&doc), ["werkloosheidsuitkering"]);
    let doc = read_odt(&odt(
        "",
        "<text:p>werkloosheids\u{AD}uitkering</text:p>",
        "",
    ));
    assert_eq!(texts(&doc), ["werkloosheidsuitkering"]);
}

#[test]
fn docx_fixture_letter() {
    let doc = read_docx(&zip_fixture("docx-lettre-fr"));
    use BlockKind::*;
    let got = kinds_texts_places(&doc);
    let h = "word/header1.xml";
    assert_eq!(
        got,
        [
            (Header, "Office national de l’emploi", place(h, 1)),
            (
                Header,
                "Bureau de Namur\nRue des Tanneries 2, 5000 Namur",
                place(h, 2)
            ),
            (
                Heading(1),
                "Objet : votre demande d’allocations de chômage",
                place(DOC, 1)
            ),
            (Paragraph, "Madame «Nom»,", place(DOC, 2)),
            (
                Paragraph,
                "Nous avons examiné votre demande du «DateDemande».",
                place(DOC, 4)
            ),
            (Heading(2), "Ce que nous avons décidé", place(DOC, 6)),
            (
                Paragraph,
                "Vous recevez une allocation de «Montant» € par mois.",
                place(DOC, 7)
            ),
            (TableCell, "Période", cell_place(DOC, 8, (1, 1, 1))),
            (TableCell, "Montant", cell_place(DOC, 9, (1, 1, 2))),
            (
                TableCell,
                "Du 1er avril au 30 juin",
                cell_place(DOC, 10, (1, 2, 1))
            ),
            (TableCell, "1 234,56 €", cell_place(DOC, 11, (1, 2, 2))),
            (Heading(2), "Vos droits", place(DOC, 12)),
            (
                ListItem,
                "Vous pouvez contester cette décision dans les trois mois.",
                place(DOC, 13)
            ),
            (ListItem, "Téléphone :\t081 23 45 67", place(DOC, 14)),
            (Paragraph, "Cachet du bureau", place(DOC, 15)),
            (Paragraph, "Cordialement,", place(DOC, 15)),
            (
                Paragraph,
                "Marie Dupont, gestionnaire de dossier",
                place(DOC, 16)
            ),
            (
                Footnote,
                "Article 27 de l’arrêté royal du 25 novembre 1991.",
                note_place("word/footnotes.xml", 1, 1)
            ),
            (Footer, "Page 1 sur 2", place("word/footer1.xml", 1)),
        ]
    );
    assert_eq!(doc.declared_lang, Some(Lang::Fr));
    assert_absent(
        &doc,
        &[
            "bien ",
            "Phrase trop longue",
            "À compléter",
            "montant brut",
            "MERGEFIELD",
            "PAGE",
            "NUMPAGES",
            "Choisissez",
        ],
    );
    let names: Vec<_> = doc.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "word/header1.xml",
            DOC,
            "word/footnotes.xml",
            "word/footer1.xml"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// DOCX errors and limits

fn docx_err(bytes: &[u8]) -> ReadError {
    docx::read(bytes, &Limits::default()).expect_err("must be refused")
}

fn document_xml(xml: &str) -> Vec<u8> {
    zip_parts(
        &[("word/document.xml".to_string(), xml.as_bytes().to_vec())],
        CompressionMethod::Deflated,
    )
}

/// A minimal OLE compound file header followed by directory names in UTF-16LE.
fn cfb_with(names: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for n in names {
        for u in n.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        bytes.resize(bytes.len().next_multiple_of(128), 0);
    }
    bytes
}

#[test]
fn docx_errors_are_clear() {
    assert!(matches!(
        docx_err(b"Bonjour"),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
    // Password-protected DOCX: an OLE file with the encryption streams.
    assert!(matches!(
        docx_err(&cfb_with(&[
            "Root Entry",
            "EncryptionInfo",
            "EncryptedPackage"
        ])),
        ReadError::Encrypted
    ));
    // A legacy .doc renamed .docx.
    assert!(matches!(
        docx_err(&cfb_with(&["Root Entry", "WordDocument", "1Table"])),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
    // A zip that is not a DOCX (an ODT given as .docx).
    let odt_bytes = odt("", "<text:p>Hallo</text:p>", "");
    assert!(matches!(
        docx_err(&odt_bytes),
        ReadError::WrongFormat { expected: "DOCX" }
    ));
    // Broken XML, an unknown entity, a mismatched end tag.
    for xml in [
        format!("<w:document {W_NS}><w:body><w:p><w:r><w:t>a</w:p></w:body></w:document>"),
        format!(
            "<w:document {W_NS}><w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>"
        ),
        format!("<w:document {W_NS}><w:body><w:p>"),
        "\u{0}\u{1}not xml at all <<<".to_string(),
    ] {
        assert!(
            matches!(docx_err(&document_xml(&xml)), ReadError::Corrupt(_)),
            "{xml}"
        );
    }
    // Predefined and numeric entities are fine.
    let xml = format!(
        "<w:document {W_NS}><w:body><w:p><w:r><w:t>&lt;A&gt; &amp; &quot;B&quot; &#233;t&#xE9;</w:t></w:r></w:p></w:body></w:document>"
    );
    assert_eq!(texts(&read_docx(&document_xml(&xml))), ["<A> & \"B\" été"]);
    // A document type declaration, even a harmless one.
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE w:document><w:document {W_NS}><w:body/></w:document>"
    );
    assert!(matches!(
        docx_err(&document_xml(&xml)),
        ReadError::Hostile(m) if m == "XML with a document type declaration"
    ));
}

#[test]
fn docx_encrypted_zip_entry_is_encrypted() {
    let mut bytes = Docx::new(&p("Secret")).build();
    // Set the "encrypted" flag of every central directory entry.
    let mut i = 0;
    while let Some(pos) = bytes[i..].windows(4).position(|w| w == b"PK\x01\x02") {
        let at = i + pos;
        bytes[at + 8] |= 1;
        i = at + 4;
    }
    assert!(matches!(docx_err(&bytes), ReadError::Encrypted));
}

#[test]
fn docx_limits_are_honoured() {
    let bytes = Docx::new(&p("Bonjour Madame, voici notre décision.")).build();
    let read = |limits: Limits| docx::read(&bytes, &limits);
    assert!(matches!(
        read(Limits {
            max_seconds: 0,
            ..Limits::default()
        }),
        Err(ReadError::Timeout(0))
    ));
    assert!(matches!(
        read(Limits {
            max_entries: 2,
            ..Limits::default()
        }),
        Err(ReadError::Hostile(_))
    ));
    assert!(matches!(
        read(Limits {
            max_entry_bytes: 100,
            ..Limits::default()
        }),
        Err(ReadError::Hostile(_))
    ));
    assert!(matches!(
        read(Limits {
            max_total_bytes: 500,
            ..Limits::default()
        }),
        Err(ReadError::Hostile(_))
    ));
    assert!(matches!(
        read(Limits {
            max_text_chars: 10,
            ..Limits::default()
        }),
        Err(ReadError::TooLarge {
            limit: plainly_readers::Limit::TextChars,
            max: 10,
            ..
        })
    ));
    assert!(read(Limits::default()).is_ok());
}

// ---------------------------------------------------------------------------------------
// ODT features

const CONTENT: &str = "content.xml";

#[test]
fn odt_paragraphs_headings_lists_tables_and_spaces() {
    let text = r#"<text:sequence-decls><text:sequence-decl text:name="Tabel"/></text:sequence-decls>
        <text:h text:outline-level="1">Betreft: uw aanvraag</text:h>
        <text:p>Geachte   mevrouw,
            wij hebben<text:s text:c="3"/>uw brief<text:tab/>ontvangen.<text:line-break/>Tot ziens.</text:p>
        <text:p/>
        <text:h text:outline-level="2"><text:span>Uw </text:span>rechten</text:h>
        <text:h>Zonder niveau</text:h>
        <text:list><text:list-item><text:p>Eerste punt</text:p><text:list><text:list-item><text:p>Genest punt</text:p></text:list-item></text:list></text:list-item><text:list-header><text:p>Kop van de lijst</text:p></text:list-header></text:list>
        <table:table><table:table-column table:number-columns-repeated="2"/><table:table-header-rows><table:table-row><table:table-cell><text:p>Periode</text:p></table:table-cell><table:table-cell><text:p>Bedrag</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Samen</text:p><text:p>Tweede alinea</text:p></table:table-cell><table:covered-table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="1"/><table:table-cell><text:p><text:a xlink:href="https://www.rva.be" xmlns:xlink="http://www.w3.org/1999/xlink">www.rva.be</text:a></text:p></table:table-cell></table:table-row></table:table>
        <text:p>Einde</text:p>"#;
    let doc = read_odt(&odt("", text, ""));
    assert_eq!(doc.format, "odt");
    use BlockKind::*;
    let got = kinds_texts_places(&doc);
    assert_eq!(
        got,
        [
            (Heading(1), "Betreft: uw aanvraag", place(CONTENT, 1)),
            (
                Paragraph,
                "Geachte mevrouw, wij hebben   uw brief\tontvangen.\nTot ziens.",
                place(CONTENT, 2)
            ),
            (Heading(2), "Uw rechten", place(CONTENT, 4)),
            (Heading(1), "Zonder niveau", place(CONTENT, 5)),
            (ListItem, "Eerste punt", place(CONTENT, 6)),
            (ListItem, "Genest punt", place(CONTENT, 7)),
            (ListItem, "Kop van de lijst", place(CONTENT, 8)),
            (TableCell, "Periode", cell_place(CONTENT, 9, (1, 1, 1))),
            (TableCell, "Bedrag", cell_place(CONTENT, 10, (1, 1, 2))),
            (TableCell, "Samen", cell_place(CONTENT, 11, (1, 2, 1))),
            (
                TableCell,
                "Tweede alinea",
                cell_place(CONTENT, 12, (1, 2, 1))
            ),
            (TableCell, "www.rva.be", cell_place(CONTENT, 13, (1, 3, 2))),
            (Paragraph, "Einde", place(CONTENT, 14)),
        ]
    );
    assert_absent(&doc, &["Tabel"]);
}

#[test]
fn odt_notes_are_their_own_blocks() {
    let text = r#"<text:p>Zie artikel 27<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Koninklijk besluit van 25 november 1991.</text:p><text:p>Tweede alinea.</text:p></text:note-body></text:note> en de bijlage<text:note text:id="n2" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>Bijlage 3.</text:p></text:note-body></text:note><text:note text:id="n3"><text:note-citation>2</text:note-citation><text:note-body><text:p>Tweede voetnoot.</text:p></text:note-body></text:note>.</text:p><text:p>Volgende.</text:p>"#;
    let doc = read_odt(&odt("", text, ""));
    let got = kinds_texts_places(&doc);
    let f = BlockKind::Footnote;
    assert_eq!(
        got,
        [
            (
                BlockKind::Paragraph,
                "Zie artikel 27 en de bijlage.",
                place(CONTENT, 1)
            ),
            (BlockKind::Paragraph, "Volgende.", place(CONTENT, 2)),
            (
                f,
                "Koninklijk besluit van 25 november 1991.",
                note_place(CONTENT, 1, 1)
            ),
            (f, "Tweede alinea.", note_place(CONTENT, 2, 1)),
            (f, "Tweede voetnoot.", note_place(CONTENT, 1, 2)),
            (f, "Bijlage 3.", note_place(CONTENT, 1, 1)),
        ]
    );
    // Body and notes share the content.xml source.
    assert_eq!(doc.sources.len(), 1);
}

#[test]
fn odt_tracked_changes_and_annotations_stay_out() {
    let text = r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>Nazicht</dc:creator></office:change-info><text:p>oude tekst</text:p></text:deletion></text:changed-region><text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>Nazicht</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes><text:p>Het bedrag is <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>nieuw<text:change-end text:change-id="c2"/>.<office:annotation><dc:creator>Lezer</dc:creator><dc:date>2024-01-01</dc:date><text:p>Te moeilijk.</text:p></office:annotation><office:annotation-end/></text:p>"#;
    let doc = read_odt(&odt("", text, ""));
    assert_eq!(texts(&doc), ["Het bedrag is nieuw."]);
    assert_absent(
        &doc,
        &["oude tekst", "Nazicht", "Lezer", "Te moeilijk", "2024"],
    );
}

#[test]
fn odt_hidden_text_stays_out() {
    let common = r#"<office:styles><style:style style:name="Verborgen" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="Instructie" style:family="paragraph"><style:text-properties text:display="none"/></style:style><style:style style:name="InstructieBis" style:family="paragraph" style:parent-style-name="Instructie"/><style:style style:name="Zichtbaar" style:family="text" style:parent-style-name="Verborgen"><style:text-properties text:display="true"/></style:style></office:styles>"#;
    let auto = r#"<style:style style:name="T1" style:family="text" style:parent-style-name="Verborgen"/><style:style style:name="P1" style:family="paragraph" style:parent-style-name="InstructieBis"/><style:style style:name="T2" style:family="text"><style:text-properties text:display="none"/></style:style>"#;
    let text = r#"<text:p>Zichtbaar<text:span text:style-name="T1"> verborgen</text:span><text:span text:style-name="T2"> ook weg</text:span><text:span text:style-name="Zichtbaar"> toch</text:span>.</text:p><text:p text:style-name="P1">Instructie voor de dossierbeheerder.</text:p><text:p text:style-name="Instructie">Nog een instructie.</text:p><text:p>Naam<text:hidden-text text:condition="ooow:1" text:string-value="geheim" text:is-hidden="true">geheim</text:hidden-text>.</text:p><text:p>Verborgen alinea<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/></text:p><text:p>Getoonde alinea<text:hidden-paragraph text:condition="ooow:0" text:is-hidden="false"/></text:p><text:section text:name="S1" text:display="none"><text:p>Verborgen sectie</text:p></text:section><text:section text:name="S2"><text:p>Zichtbare sectie</text:p></text:section>"#;
    let doc = read_odt(&odt(auto, text, common));
    assert_eq!(
        texts(&doc),
        [
            "Zichtbaar toch.",
            "Naam.",
            "Getoonde alinea",
            "Zichtbare sectie"
        ]
    );
    assert_absent(
        &doc,
        &["verborgen", "ook weg", "nstructie", "geheim", "Verborgen"],
    );
}

#[test]
fn odt_headers_and_footers_from_master_pages() {
    let styles = r#"<office:automatic-styles><style:page-layout style:name="pm1"><style:header-style/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>Federale Overheidsdienst</text:p><text:p>Dienst uitkeringen</text:p></style:header><style:header-left><text:p>Federale Overheidsdienst</text:p><text:p>Dienst uitkeringen</text:p></style:header-left><style:header-first style:display="false"><text:p>Eerste pagina</text:p></style:header-first><style:footer><text:p>Pagina <text:page-number>1</text:page-number></text:p></style:footer></style:master-page><style:master-page style:name="Tweede" style:page-layout-name="pm1"><style:header><text:p>Federale Overheidsdienst</text:p><text:p>Dienst uitkeringen</text:p></style:header><style:footer><text:p>Andere voettekst</text:p></style:footer></style:master-page></office:master-styles>"#;
    let doc = read_odt(&odt("", "<text:p>Brief.</text:p>", styles));
    let got = kinds_texts_places(&doc);
    let s = "styles.xml";
    assert_eq!(
        got,
        [
            (BlockKind::Header, "Federale Overheidsdienst", place(s, 1)),
            (BlockKind::Header, "Dienst uitkeringen", place(s, 2)),
            (BlockKind::Paragraph, "Brief.", place(CONTENT, 1)),
            (BlockKind::Footer, "Pagina 1", place(s, 1)),
            (BlockKind::Footer, "Andere voettekst", place(s, 1)),
        ]
    );
    assert_absent(&doc, &["Eerste pagina"]);
}

#[test]
fn odt_text_boxes_database_fields_and_language() {
    let styles = r#"<office:styles><style:default-style style:family="paragraph"><style:text-properties fo:language="de" fo:country="BE"/></style:default-style></office:styles>"#;
    let text = r#"<text:p>Sehr geehrte Frau <text:database-display text:table-name="Adressen" text:column-name="Name">&lt;Name&gt;</text:database-display>,<draw:frame draw:name="Rahmen1"><svg:title>Rahmen</svg:title><draw:text-box><text:p>Im Kasten.</text:p></draw:text-box></draw:frame></text:p><text:p>Danach.</text:p><text:table-of-content><text:table-of-content-source><text:index-title-template>Inhalt</text:index-title-template></text:table-of-content-source><text:index-body><text:p>Kapitel 1</text:p></text:index-body></text:table-of-content>"#;
    let doc = read_odt(&odt("", text, styles));
    assert_eq!(
        texts_and_paragraphs(&doc),
        [
            ("Im Kasten.", Some(1)),
            ("Sehr geehrte Frau «Name»,", Some(1)),
            ("Danach.", Some(2)),
            ("Kapitel 1", Some(3)),
        ]
    );
    assert_absent(&doc, &["Rahmen", "Inhalt", "<Name>"]);
    assert_eq!(doc.declared_lang, Some(Lang::De));
}

#[test]
fn odt_fixture_letter() {
    let doc = read_odt(&zip_fixture("odt-brief-nl"));
    use BlockKind::*;
    let got = kinds_texts_places(&doc);
    let s = "styles.xml";
    assert_eq!(
        got,
        [
            (Header, "Rijksdienst voor Arbeidsvoorziening", place(s, 1)),
            (Header, "Kantoor Gent\nKouter 1, 9000 Gent", place(s, 2)),
            (
                Heading(1),
                "Betreft: uw aanvraag om een uitkering",
                place(CONTENT, 1)
            ),
            (Paragraph, "Geachte mevrouw «Naam»,", place(CONTENT, 2)),
            (
                Paragraph,
                "We hebben uw aanvraag goed ontvangen. U krijgt een uitkering van   1 234,56 euro per maand.",
                place(CONTENT, 4)
            ),
            (Heading(2), "Uw rechten", place(CONTENT, 6)),
            (
                ListItem,
                "U kunt binnen drie maanden in beroep gaan.",
                place(CONTENT, 7)
            ),
            (ListItem, "Telefoon:\t09 123 45 67", place(CONTENT, 8)),
            (TableCell, "Periode", cell_place(CONTENT, 9, (1, 1, 1))),
            (TableCell, "Bedrag", cell_place(CONTENT, 10, (1, 1, 2))),
            (
                TableCell,
                "1 april tot 30 juni",
                cell_place(CONTENT, 11, (1, 2, 1))
            ),
            (
                TableCell,
                "1 234,56 euro",
                cell_place(CONTENT, 12, (1, 2, 2))
            ),
            (Paragraph, "Stempel van het kantoor", place(CONTENT, 13)),
            (Paragraph, "Met vriendelijke groeten,", place(CONTENT, 13)),
            (Paragraph, "Jan Peeters", place(CONTENT, 14)),
            (
                Footnote,
                "Artikel 27 van het koninklijk besluit van 25 november 1991.",
                note_place(CONTENT, 1, 1)
            ),
            (Footer, "Pagina 1 van 2", place(s, 1)),
        ]
    );
    assert_eq!(doc.declared_lang, Some(Lang::Nl));
    assert_absent(
        &doc,
        &[
            "zeer",
            "Nazicht",
            "Te lange zin",
            "brutobedrag",
            "In te vullen",
            "intern",
            "Concept",
            "Eerste pagina",
            "Tekstvak",
            "Tabel",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// ODT errors

fn odt_err(bytes: &[u8]) -> ReadError {
    odt::read(bytes, &Limits::default()).expect_err("must be refused")
}

#[test]
fn odt_errors_are_clear() {
    assert!(matches!(
        odt_err(b"Hallo"),
        ReadError::WrongFormat { expected: "ODT" }
    ));
    // An encrypted package: the manifest has encryption data.
    let manifest = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="1824"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>"#;
    let bytes = zip_parts(
        &[
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.text".to_vec(),
            ),
            (
                "META-INF/manifest.xml".to_string(),
                manifest.as_bytes().to_vec(),
            ),
            ("content.xml".to_string(), vec![0x8f, 0x12, 0xff, 0x00]),
        ],
        CompressionMethod::Deflated,
    );
    assert!(matches!(odt_err(&bytes), ReadError::Encrypted));
    // A spreadsheet given as .odt.
    let bytes = zip_parts(
        &[
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("content.xml".to_string(), b"<x/>".to_vec()),
        ],
        CompressionMethod::Deflated,
    );
    assert!(matches!(
        odt_err(&bytes),
        ReadError::WrongFormat { expected: "ODT" }
    ));
    // A DOCX given as .odt.
    assert!(matches!(
        odt_err(&Docx::new(&p("x")).build()),
        ReadError::WrongFormat { expected: "ODT" }
    ));
    // Broken content.xml.
    assert!(matches!(
        odt_err(&odt("", "<text:p>open", "")),
        ReadError::Corrupt(_)
    ));
}

// ---------------------------------------------------------------------------------------
// Random damage never panics

fn sample_docx(method: CompressionMethod) -> Vec<u8> {
    let bytes = zip_fixture("docx-lettre-fr");
    // Re-pack with the wanted compression.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        files.push((f.name().to_string(), data));
    }
    zip_parts(&files, method)
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    for (at, val) in edits {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] = *val;
        }
    }
    if let Some(c) = cut {
        let len = bytes.len();
        bytes.truncate(c % (len + 1));
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mutated_docx_never_panics(
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<usize>()),
        stored in any::<bool>(),
    ) {
        let method = if stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let bytes = mutate(sample_docx(method), &edits, cut);
        let _ = docx::read(&bytes, &Limits::default());
    }

    #[test]
    fn mutated_xml_parts_never_panic(
        edits in prop::collection::vec((any::<usize>(), prop::sample::select(b"<>/=\"'&;:! wpt#x0".to_vec())), 1..12),
        part in prop::sample::select(vec!["word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/header1.xml", "word/_rels/document.xml.rels"]),
    ) {
        // Damage one XML part inside an intact zip, so the XML walk sees the damage.
        let bytes = zip_fixture("docx-lettre-fr");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut files = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            let name = f.name().to_string();
            if name == part {
                data = mutate(data, &edits, None);
            }
            files.push((name, data));
        }
        let bytes = zip_parts(&files, CompressionMethod::Stored);
        if let Ok(doc) = docx::read(&bytes, &Limits::default()) {
            check_sources(&doc);
        }
    }

    #[test]
    fn mutated_odt_never_panics(
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        cut in prop::option::of(any::<usize>()),
    ) {
        let bytes = mutate(zip_fixture("odt-brief-nl"), &edits, cut);
        let _ = odt::read(&bytes, &Limits::default());
    }
}

#[test]
fn every_truncation_gives_an_error_not_a_panic() {
    let bytes = Docx::new(&p("Bonjour")).build();
    for cut in 0..bytes.len() {
        assert!(docx::read(&bytes[..cut], &Limits::default()).is_err());
    }
}

/// Write the two fixture letters as real files to open them in Word or LibreOffice.
#[test]
#[ignore = "writes files to the temporary directory; run by hand"]
fn write_office_fixtures() {
    let dir = std::env::temp_dir();
    for (name, folder) in [
        ("lettre-fr.docx", "docx-lettre-fr"),
        ("brief-nl.odt", "odt-brief-nl"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, zip_fixture(folder)).unwrap();
        println!("wrote {}", path.display());
    }
}
