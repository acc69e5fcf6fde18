#![allow(clippy::unwrap_used, clippy::expect_used)]
//! PDF reader: each feature on a small PDF built here with lopdf (no binary is committed):
//! encodings and ToUnicode, spaces from positions, columns, running headers and footers,
//! hyphenation, ligatures, footnote markers, headings and lists, the source maps, and the
//! errors (not a PDF, encrypted, truncated, decompression bomb, page-tree cycle, scanned,
//! unmapped fonts, time budget).

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};
use plainly_readers::{Format, Limits, ReadError, pdf, read};
use plainly_text::{BlockKind, Document, Lang, Span};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// Building PDFs

/// A PDF under construction: fonts shared by all pages, pages given as raw content.
struct Pdf {
    doc: lopdf::Document,
    pages_id: ObjectId,
    fonts: Dictionary,
    xobjects: Dictionary,
    pages: Vec<ObjectId>,
    lang: Option<&'static str>,
}

impl Pdf {
    fn new() -> Self {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut p = Pdf {
            doc,
            pages_id,
            fonts: Dictionary::new(),
            xobjects: Dictionary::new(),
            pages: Vec::new(),
            lang: None,
        };
        // F1: Helvetica in WinAnsi, no widths (the standard metrics apply).
        p.font(
            "F1",
            dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding",
            },
        );
        p.font(
            "F2",
            dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold",
                "Encoding" => "WinAnsiEncoding",
            },
        );
        p
    }

    fn font(&mut self, name: &str, dict: Dictionary) -> &mut Self {
        let id = self.doc.add_object(dict);
        self.fonts.set(name, id);
        self
    }

    fn page(&mut self, content: &str) -> &mut Self {
        self.page_bytes(content.as_bytes().to_vec())
    }

    fn page_bytes(&mut self, content: Vec<u8>) -> &mut Self {
        let content_id = self.doc.add_object(Stream::new(Dictionary::new(), content));
        let page = self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "Contents" => content_id,
        });
        self.pages.push(page);
        self
    }

    fn build_doc(&mut self) -> lopdf::Document {
        let mut doc = std::mem::replace(&mut self.doc, lopdf::Document::with_version("1.5"));
        let kids: Vec<Object> = self.pages.iter().map(|id| Object::Reference(*id)).collect();
        let pages = dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => self.pages.len() as i64,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {
                "Font" => self.fonts.clone(),
                "XObject" => self.xobjects.clone(),
            },
        };
        doc.objects.insert(self.pages_id, Object::Dictionary(pages));
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => self.pages_id };
        if let Some(l) = self.lang {
            catalog.set(
                "Lang",
                Object::String(l.as_bytes().to_vec(), StringFormat::Literal),
            );
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        doc
    }

    fn bytes(&mut self) -> Vec<u8> {
        let mut doc = self.build_doc();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }
}

/// A text line at (x, y) in font `font` of size `size`.
fn line(font: &str, size: f64, x: f64, y: f64, text: &str) -> String {
    format!("BT /{font} {size} Tf {x} {y} Td ({}) Tj ET\n", escape(text))
}

/// WinAnsi bytes of `text`, escaped for a literal string.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let s = c.to_string();
                let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
                for b in bytes.iter() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
        }
    }
    out
}

fn read_ok(bytes: &[u8]) -> Document {
    match pdf::read(bytes, &Limits::default()) {
        Ok(d) => d,
        Err(e) => panic!("expected a document, got {e:?}"),
    }
}

fn read_err(bytes: &[u8], limits: &Limits) -> ReadError {
    let started = Instant::now();
    let r = pdf::read(bytes, limits);
    let took = started.elapsed();
    println!("error case took {took:?}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    match r {
        Ok(d) => panic!("expected an error, got {:#?}", d.blocks),
        Err(e) => e,
    }
}

fn texts(d: &Document) -> Vec<(BlockKind, &str)> {
    d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

/// Every word of every block is found at the source offsets its map gives, on the page its
/// place names.
fn assert_maps(d: &Document) {
    for b in &d.blocks {
        let src = &d.sources[b.origin.source as usize];
        assert_eq!(
            src.name,
            format!("page {}", b.origin.place.page.unwrap()),
            "block {:?}",
            b.text
        );
        for w in b.text.split_whitespace() {
            let start = w.as_ptr() as usize - b.text.as_ptr() as usize;
            let span = b
                .origin
                .map
                .span_to_source(Span::new(start, start + w.len()));
            let found = &src.text[span.start as usize..span.end as usize];
            if found.contains('\n') {
                // A word joined across a line break (hyphenation).
                assert_eq!(found.replace("-\n", ""), w);
            } else {
                assert_eq!(found, w, "block {:?}", b.text);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Text

#[test]
fn winansi_text_with_spaces_from_positions() {
    let mut p = Pdf::new();
    let mut c = String::new();
    c += &line("F1", 11.0, 72.0, 760.0, "Madame, Monsieur,");
    // Three runs on one line: a gap of about one space, then a kerned TJ.
    c += "BT /F1 11 Tf 72 730 Td (Nous avons bien re\\347u) Tj ET\n";
    c += "BT /F1 11 Tf 181.5 730 Td (votre) Tj ET\n";
    c += "BT /F1 11 Tf 210 730 Td [(demande)-300(d\\222allocations.)] TJ ET\n";
    c += &line(
        "F1",
        11.0,
        72.0,
        716.0,
        "Elle sera trait\u{e9}e rapidement.",
    );
    let d = read_ok(&p.page(&c).bytes());
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Paragraph, "Madame, Monsieur,"),
            (
                BlockKind::Paragraph,
                "Nous avons bien reçu votre demande d’allocations. Elle sera traitée rapidement."
            ),
        ]
    );
    assert_eq!(d.format, "pdf");
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].name, "page 1");
    assert_eq!(
        d.sources[0].text,
        "Madame, Monsieur,\nNous avons bien reçu votre demande d’allocations.\nElle sera traitée rapidement.\n"
    );
    assert_eq!(d.blocks[1].origin.place.page, Some(1));
    assert_maps(&d);
}

#[test]
fn tounicode_cmap_on_an_identity_h_font() {
    let mut p = Pdf::new();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
3 beginbfchar <0001> <0042> <0002> <006F> <0003> <0020> endbfchar\n\
1 beginbfrange <0010> <0014> <006A> endbfrange\n\
1 beginbfrange <0020> <0021> [<00E9> <0153>] endbfrange\n\
endcmap CMapName currentdict /CMap defineresource pop end end"
        .to_vec();
    let tu = p.doc.add_object(Stream::new(Dictionary::new(), cmap));
    let cid = p.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Arial",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 600,
    });
    p.font(
        "F3",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Arial",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)],
            "ToUnicode" => tu,
        },
    );
    // B o n j o, a space, é œ (a bfrange with an array), a space, B o n j.
    let c = "BT /F3 12 Tf 72 700 Td <0001000200140010000200030020002100030001000200140010> Tj ET\n\
             BT /F1 12 Tf 72 680 Td (Une ligne en WinAnsi pour le contr\\364le du texte.) Tj ET\n";
    let d = read_ok(&p.page(c).bytes());
    // The short first line keeps its break.
    assert_eq!(
        d.blocks[0].text,
        "Bonjo éœ Bonj\nUne ligne en WinAnsi pour le contrôle du texte."
    );
    assert_maps(&d);
}

#[test]
fn two_columns_are_read_column_by_column() {
    let mut p = Pdf::new();
    let left = [
        "La colonne de gauche commence ici et",
        "continue sur plusieurs lignes de texte",
        "qui forment un seul paragraphe bien",
        "rempli pour le lecteur attentif.",
    ];
    let right = [
        "La colonne de droite vient ensuite et",
        "elle aussi occupe plusieurs lignes de",
        "texte qui forment un paragraphe bien",
        "distinct du premier, en fin de page.",
    ];
    let mut c = line("F2", 16.0, 72.0, 780.0, "Un titre sur toute la largeur");
    // Drawn row by row, left then right: the reading order must still be by column.
    for (i, (l, r)) in left.iter().zip(right.iter()).enumerate() {
        let y = 740.0 - 13.0 * i as f64;
        c += &line("F1", 10.0, 60.0, y, l);
        c += &line("F1", 10.0, 320.0, y, r);
    }
    let d = read_ok(&p.page(&c).bytes());
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Heading(1), "Un titre sur toute la largeur"),
            (BlockKind::Paragraph, &left.join(" ") as &str),
            (BlockKind::Paragraph, &right.join(" ") as &str),
        ]
    );
    assert_maps(&d);
}

#[test]
fn running_header_and_footer_come_once() {
    let mut p = Pdf::new();
    for n in 1..=3 {
        let mut c = line(
            "F1",
            9.0,
            72.0,
            810.0,
            "Office national de l'emploi - Bureau de Bruxelles",
        );
        c += &line(
            "F1",
            11.0,
            72.0,
            700.0,
            &format!("Ceci est le texte propre \u{e0} la page {n}, qui change."),
        );
        c += &line("F1", 9.0, 72.0, 30.0, &format!("Page {n} / 3"));
        p.page(&c);
    }
    let d = read_ok(&p.bytes());
    assert_eq!(
        texts(&d),
        vec![
            (
                BlockKind::Header,
                "Office national de l'emploi - Bureau de Bruxelles"
            ),
            (
                BlockKind::Paragraph,
                "Ceci est le texte propre à la page 1, qui change."
            ),
            (BlockKind::Footer, "Page 1 / 3"),
            (
                BlockKind::Paragraph,
                "Ceci est le texte propre à la page 2, qui change."
            ),
            (
                BlockKind::Paragraph,
                "Ceci est le texte propre à la page 3, qui change."
            ),
        ]
    );
    assert_eq!(d.sources.len(), 3);
    // The header stays in every page's text.
    assert!(d.sources[2].text.starts_with("Office national"));
    assert_eq!(d.blocks[3].origin.place.page, Some(2));
    assert_maps(&d);
}

#[test]
fn hyphenated_line_end_is_joined() {
    let mut p = Pdf::new();
    let mut c = String::new();
    c += &line(
        "F1",
        11.0,
        72.0,
        700.0,
        "Votre dossier suit la proc\u{e9}dure adminis-",
    );
    c += &line(
        "F1",
        11.0,
        72.0,
        686.0,
        "trative habituelle, comme les autres. Un Belgo-",
    );
    c += &line("F1", 11.0, 72.0, 672.0, "Marocain garde son trait d'union.");
    let d = read_ok(&p.page(&c).bytes());
    let b = &d.blocks[0];
    assert_eq!(
        b.text,
        "Votre dossier suit la procédure administrative habituelle, comme les autres. Un Belgo- Marocain garde son trait d'union."
    );
    // The joined word maps to both halves in the page text.
    let at = b.text.find("administrative").unwrap();
    let span = b
        .origin
        .map
        .span_to_source(Span::new(at, at + "administrative".len()));
    assert_eq!(
        &d.sources[0].text[span.start as usize..span.end as usize],
        "adminis-\ntrative"
    );
    assert_maps(&d);
}

#[test]
fn ligature_glyphs_are_expanded() {
    let mut p = Pdf::new();
    p.font(
        "F4",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
            "Encoding" => dictionary! {
                "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![1.into(), "fi".into(), "fl".into(), "ffi".into(), "oe".into(), "uni00E9".into()],
            },
        },
    );
    let c = "BT /F4 12 Tf 72 700 Td (Le \\001chier \\002ottant, l'e\\003cacit\\005 et l'\\004uvre.) Tj ET\n";
    let d = read_ok(&p.page(c).bytes());
    assert_eq!(
        d.blocks[0].text,
        "Le fichier flottant, l'efficacité et l'œuvre."
    );
    assert_maps(&d);
}

#[test]
fn footnote_markers_leave_the_prose() {
    let mut p = Pdf::new();
    let mut c = String::new();
    c += "BT /F1 11 Tf 72 700 Td (Voir la d\\351cision) Tj /F1 7 Tf 4 Ts (1) Tj 0 Ts /F1 11 Tf ( pour le d\\351tail de la proc\\351dure.) Tj ET\n";
    c += &line("F1", 11.0, 72.0, 686.0, "La suite du texte de la lettre.");
    c += &line(
        "F1",
        8.0,
        72.0,
        60.0,
        "1 Décision du 3 mars 2024, article 12.",
    );
    let d = read_ok(&p.page(&c).bytes());
    assert_eq!(
        texts(&d),
        vec![
            (
                BlockKind::Paragraph,
                "Voir la décision pour le détail de la procédure. La suite du texte de la lettre."
            ),
            (
                BlockKind::Footnote,
                "1 Décision du 3 mars 2024, article 12."
            ),
        ]
    );
    // The marker stays in the page text.
    assert!(d.sources[0].text.contains("décision1 pour"));
    assert_maps(&d);
}

#[test]
fn headings_and_list_items() {
    let mut p = Pdf::new();
    let mut c = String::new();
    c += &line("F2", 18.0, 72.0, 780.0, "Votre allocation");
    c += &line(
        "F1",
        11.0,
        72.0,
        750.0,
        "Nous avons examin\u{e9} votre demande et nous avons pris une d\u{e9}cision.",
    );
    c += &line("F2", 11.0, 72.0, 720.0, "Ce que vous devez faire");
    c += &line("F1", 11.0, 72.0, 700.0, "• Remplir le formulaire joint.");
    c += &line("F1", 11.0, 72.0, 686.0, "• Le renvoyer avant le 1er mai.");
    c += &line(
        "F1",
        11.0,
        72.0,
        672.0,
        "1. Une liste num\u{e9}rot\u{e9}e aussi.",
    );
    let d = read_ok(&p.page(&c).bytes());
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Heading(1), "Votre allocation"),
            (
                BlockKind::Paragraph,
                "Nous avons examiné votre demande et nous avons pris une décision."
            ),
            (BlockKind::Heading(2), "Ce que vous devez faire"),
            (BlockKind::ListItem, "• Remplir le formulaire joint."),
            (BlockKind::ListItem, "• Le renvoyer avant le 1er mai."),
            (BlockKind::ListItem, "1. Une liste numérotée aussi."),
        ]
    );
}

#[test]
fn form_xobject_text_and_declared_language() {
    let mut p = Pdf::new();
    p.lang = Some("fr-BE");
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 100.into()],
        },
        line("F1", 11.0, 72.0, 500.0, "Texte dans un formulaire XObject.").into_bytes(),
    );
    let id = p.doc.add_object(form);
    p.xobjects.set("X1", id);
    let c = line("F1", 11.0, 72.0, 700.0, "Texte de la page.") + "q /X1 Do Q\n";
    let d = read_ok(&p.page(&c).bytes());
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Paragraph, "Texte de la page."),
            (BlockKind::Paragraph, "Texte dans un formulaire XObject."),
        ]
    );
    assert_eq!(d.declared_lang, Some(Lang::Fr));
}

#[test]
fn read_dispatches_pdf() {
    let mut p = Pdf::new();
    let bytes = p
        .page(&line(
            "F1",
            11.0,
            72.0,
            700.0,
            "Bonjour Madame, voici votre courrier.",
        ))
        .bytes();
    let d = read(&bytes, Format::Pdf, &Limits::default()).unwrap();
    assert_eq!(d.blocks.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Errors

fn simple_pdf() -> Vec<u8> {
    let mut p = Pdf::new();
    let mut c = String::new();
    for i in 0..20 {
        c += &line(
            "F1",
            11.0,
            72.0,
            760.0 - 14.0 * i as f64,
            "Nous avons bien re\u{e7}u votre demande et nous la traitons.",
        );
    }
    p.page(&c).bytes()
}

#[test]
fn not_a_pdf_is_wrong_format() {
    for bytes in [&b""[..], b"Madame, Monsieur,", b"PK\x03\x04zipzip", b"%PD"] {
        let e = read_err(bytes, &Limits::default());
        assert!(
            matches!(e, ReadError::WrongFormat { expected: "PDF" }),
            "{e:?}"
        );
    }
}

#[test]
fn encrypted_trailer_is_refused() {
    let mut p = Pdf::new();
    p.page(&line("F1", 11.0, 72.0, 700.0, "Secret."));
    let mut doc = p.build_doc();
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128,
        "O" => Object::String(vec![0x11; 32], StringFormat::Hexadecimal),
        "U" => Object::String(vec![0x22; 32], StringFormat::Hexadecimal),
        "P" => -3904,
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ],
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let e = read_err(&bytes, &Limits::default());
    assert!(matches!(e, ReadError::Encrypted), "{e:?}");
}

#[test]
fn truncated_file_is_corrupt() {
    let full = simple_pdf();
    assert!(pdf::read(&full, &Limits::default()).is_ok());
    for cut in [full.len() / 2, full.len() - 30, 200, 9] {
        let e = read_err(&full[..cut], &Limits::default());
        assert!(matches!(e, ReadError::Corrupt(_)), "cut at {cut}: {e:?}");
    }
}

#[test]
fn stream_bomb_is_refused() {
    // A content stream that inflates to 65 MB, past the 64 MB cap on one stream.
    let mut p = Pdf::new();
    let mut content = line("F1", 11.0, 72.0, 700.0, "Bombe.").into_bytes();
    content.resize(65 * 1024 * 1024, b' ');
    let mut stream = Stream::new(Dictionary::new(), content);
    stream.compress().unwrap();
    assert!(
        stream.content.len() < 1024 * 1024,
        "{}",
        stream.content.len()
    );
    let content_id = p.doc.add_object(stream);
    let page = p.doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => p.pages_id, "Contents" => content_id,
    });
    p.pages.push(page);
    let bytes = p.bytes();
    let e = read_err(&bytes, &Limits::default());
    assert!(
        matches!(&e, ReadError::Hostile(m) if m.contains("unpacks")),
        "{e:?}"
    );

    // With a small total budget, several small streams add up past it.
    let mut p = Pdf::new();
    for i in 0..4 {
        let mut content = line("F1", 11.0, 72.0, 700.0, &format!("Page {i}.")).into_bytes();
        content.resize(400 * 1024, b' ');
        let mut stream = Stream::new(Dictionary::new(), content);
        stream.compress().unwrap();
        let content_id = p.doc.add_object(stream);
        let page = p.doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => p.pages_id, "Contents" => content_id,
        });
        p.pages.push(page);
    }
    let limits = Limits {
        max_entry_bytes: 1024 * 1024,
        max_total_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let e = read_err(&p.bytes(), &limits);
    assert!(matches!(e, ReadError::Hostile(_)), "{e:?}");
}

#[test]
fn page_tree_cycle_ends() {
    let mut p = Pdf::new();
    p.page(&line(
        "F1",
        11.0,
        72.0,
        700.0,
        "La seule page de ce document bouclé.",
    ));
    let mut doc = p.build_doc();
    // The page tree lists itself among its kids.
    let pages_id = p.pages_id;
    if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&pages_id) {
        let mut kids = d.get(b"Kids").unwrap().as_array().unwrap().clone();
        kids.push(Object::Reference(pages_id));
        kids.push(Object::Reference(pages_id));
        d.set("Kids", kids);
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let started = Instant::now();
    let d = pdf::read(&bytes, &Limits::default()).unwrap();
    println!("cycle took {:?}", started.elapsed());
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.blocks[0].text, "La seule page de ce document bouclé.");
}

#[test]
fn a_page_without_text_is_no_text() {
    let mut p = Pdf::new();
    // Only a drawing: a scan would be an image; a rectangle is enough.
    p.page("0.5 g 72 72 400 600 re f\n");
    p.page("q 100 0 0 100 0 0 cm Q\n");
    let e = read_err(&p.bytes(), &Limits::default());
    assert!(
        matches!(&e, ReadError::NoText(m) if m == "no usable text layer (scanned or unmapped fonts)"),
        "{e:?}"
    );
}

#[test]
fn unmapped_fonts_are_no_text() {
    // A composite font with an embedded program and no ToUnicode: the codes are glyph ids.
    let mut p = Pdf::new();
    let file = p
        .doc
        .add_object(Stream::new(Dictionary::new(), b"not a font".to_vec()));
    let descriptor = p.doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "ABCDEF+Secret", "Flags" => 4, "FontFile2" => file,
    });
    let cid = p.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Secret",
        "FontDescriptor" => descriptor,
    });
    p.font(
        "F5",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Secret",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)],
        },
    );
    let mut c = String::new();
    for i in 0..30 {
        c += &format!(
            "BT /F5 11 Tf 72 {} Td <0024002500260027002800290003002A002B> Tj ET\n",
            760 - 14 * i
        );
    }
    let e = read_err(&p.page(&c).bytes(), &Limits::default());
    assert!(matches!(e, ReadError::NoText(_)), "{e:?}");

    // A simple font whose codes were shifted (no usable encoding): letters that spell
    // nothing.
    let mut p = Pdf::new();
    let mut c = String::new();
    for i in 0..30 {
        c += &line(
            "F1",
            11.0,
            72.0,
            760.0 - 14.0 * i as f64,
            "FRQGLWLRQV SHUPHWWDQW G HQ EpQpILFLHU FHUWLILH H[DFWV HW VLQFqUHV",
        );
    }
    let e = read_err(&p.page(&c).bytes(), &Limits::default());
    assert!(matches!(e, ReadError::NoText(_)), "{e:?}");
}

#[test]
fn non_embedded_truetype_without_tounicode_reads_through_the_mac_glyph_order() {
    // Ghostscript wrote such fonts (see issue6127.pdf): glyph ids in the standard order.
    let mut p = Pdf::new();
    let cid = p.doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "TimesNewRoman",
    });
    p.font(
        "F6",
        dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "TimesNewRoman",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)],
        },
    );
    // "conditions é" → glyph ids c=70 o=82 n=81 d=71 i=76 t=87 s=86, space=3, é=112.
    let c = "BT /F6 11 Tf 72 700 Td <0046005200510047004C0057004C00520051005600030070> Tj ET\n\
             BT /F1 11 Tf 72 686 Td (et la suite du texte en clair.) Tj ET\n";
    let d = read_ok(&p.page(c).bytes());
    assert_eq!(
        d.blocks[0].text,
        "conditions é et la suite du texte en clair."
    );
}

#[test]
fn time_budget_is_kept() {
    // Many operators and no time at all: the walker stops with a timeout.
    let mut p = Pdf::new();
    let mut c = String::with_capacity(4_000_000);
    for _ in 0..200_000 {
        c += "1 0 0 1 0 0 cm\n";
    }
    c += &line("F1", 11.0, 72.0, 700.0, "Trop tard.");
    let bytes = p.page(&c).bytes();
    let limits = Limits {
        max_seconds: 0,
        ..Limits::default()
    };
    let e = read_err(&bytes, &limits);
    assert!(matches!(e, ReadError::Timeout(0)), "{e:?}");
}

#[test]
fn mutated_files_never_panic() {
    let full = simple_pdf();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let started = Instant::now();
    for _ in 0..300 {
        let mut bytes = full.clone();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = (next() & 0xFF) as u8;
        }
        let _ = pdf::read(&bytes, &Limits::default());
    }
    println!("300 mutated files in {:?}", started.elapsed());
}

#[test]
fn hostile_content_streams_stay_bounded() {
    let mut p = Pdf::new();
    let mut c = String::new();
    // Deep q nesting, deep arrays, an unterminated string, junk operators and numbers.
    c += &"q ".repeat(100_000);
    c += &"[".repeat(10_000);
    c += "BT /F1 11 Tf 72 700 Td (Texte lisible malgr\\351 tout.) Tj ET\n";
    c += &"1e999 -- 3.4.5 foo bar ".repeat(1000);
    c += "/Missing 12 Tf (texte sans police) Tj BI /W 1 /H 1 ID \x00\x01 EI (unterminated";
    let started = Instant::now();
    let r = pdf::read(&p.page(&c).bytes(), &Limits::default());
    println!(
        "hostile content: {:?} in {:?}",
        r.as_ref().map(|d| d.blocks.len()),
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn scattered_glyphs_stay_fast() {
    // 60,000 one-letter runs at pseudo-random places: layout must not be quadratic.
    let mut p = Pdf::new();
    let mut c = String::with_capacity(2_000_000);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..60_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let x = 20 + seed % 550;
        let y = 20 + (seed >> 20) % 800;
        let ch = (b'a' + (i % 26) as u8) as char;
        c += &format!("BT /F1 {} Tf {x} {y} Td ({ch}) Tj ET\n", 4 + seed % 9);
    }
    let bytes = p.page(&c).bytes();
    let started = Instant::now();
    let r = pdf::read(&bytes, &Limits::default());
    let took = started.elapsed();
    println!(
        "scattered glyphs: {:?} in {took:?}",
        r.as_ref().map(|d| d.blocks.len())
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}
