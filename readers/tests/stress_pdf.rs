#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Stress tests of the PDF reader on real files of the shared corpus, read in place (never
//! copied into the repository): `/work/shared/corpus/readers-stress/` (hostile and tricky
//! PDFs) and the PDF letters of `/work/shared/corpus/letters-*/`. A table says what each must
//! give; the time of each is printed, not asserted. When the corpus is absent the tests
//! print why and skip.
//!
//! `PDF=path cargo test -p plainly-readers --test stress_pdf dump -- --ignored --nocapture`
//! prints the blocks of any PDF.

use plainly_readers::{Limits, ReadError, pdf};
use plainly_text::{BlockKind, Document, Span};
use std::path::PathBuf;
use std::time::Instant;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// What a corpus file must give.
enum Expect {
    Ok {
        pages: usize,
        /// Phrases that must each be found inside one block.
        phrases: &'static [&'static str],
        /// (kind, exact text) blocks that must each appear exactly once.
        blocks: &'static [(BlockKind, &'static str)],
        /// Phrases that must appear in this order (each in some block).
        order: &'static [&'static str],
        /// Text that must appear in no block.
        absent: &'static [&'static str],
    },
    Err(&'static str),
}

struct Case {
    file: &'static str,
    why: &'static str,
    expect: Expect,
}

const CASES: &[Case] = &[
    Case {
        file: "readers-stress/IAmWrongPDF.pdf",
        why: "150 KB of noise named .pdf",
        expect: Expect::Err("WrongFormat"),
    },
    Case {
        file: "readers-stress/address_where_paragraphs_do_not_match_visual_order.pdf",
        why: "address lines drawn out of visual order, a mixed-font line",
        expect: Expect::Ok {
            pages: 1,
            phrases: &[
                "Test letter: address box has a mixed-font line and lines drawn out of visual order.",
                "Reference: TEST-LETTER",
            ],
            blocks: &[(
                BlockKind::Paragraph,
                "My User\n42 The Parkway\nCity\nCounty\nSW1 1AA",
            )],
            order: &[
                "My User",
                "42 The Parkway",
                "City",
                "County",
                "SW1 1AA",
                "Test letter",
            ],
            absent: &["42The"],
        },
    },
    Case {
        file: "readers-stress/blg-1007826.pdf",
        why: "a scan without a text layer",
        expect: Expect::Err("NoText"),
    },
    Case {
        file: "readers-stress/bomb_giant.pdf",
        why: "JBIG2 image bombs: images are never decoded, the text is read",
        expect: Expect::Ok {
            pages: 1,
            phrases: &["GIANT JBIG2 BOMB"],
            blocks: &[],
            order: &[],
            absent: &[],
        },
    },
    Case {
        file: "readers-stress/bug1815476.pdf",
        why: "owner password only (copy:no): opens without a password, so it is read",
        expect: Expect::Ok {
            pages: 1,
            phrases: &[
                "Escuela Oficial de Idiomas de Salamanca",
                "La expedición del certificado del mencionado NIVEL, para lo que adjunta la documentación requerida.",
            ],
            blocks: &[],
            order: &["A N E X O", "E X P O N E", "S O L I C I T A"],
            absent: &[],
        },
    },
    Case {
        file: "readers-stress/copy_paste_ligatures.pdf",
        why: "ligature glyphs ff fi fl ffi ffl ſt st",
        expect: Expect::Ok {
            pages: 1,
            phrases: &[],
            blocks: &[(BlockKind::Paragraph, "abcdeffffiflffifflststghijklmno")],
            order: &[],
            absent: &["\u{FB01}", "\u{FB00}"],
        },
    },
    Case {
        file: "readers-stress/issue21579.pdf",
        why: "user password, AES-256",
        expect: Expect::Err("Encrypted"),
    },
    Case {
        file: "readers-stress/tracemonkey.pdf",
        why: "two columns, ligatures, hyphenation, footnotes, figures",
        expect: Expect::Ok {
            pages: 14,
            phrases: &[
                "Trace-based Just-in-Time Type Specialization for Dynamic",
                // "com-" + "pile" at a line end.
                "Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.",
                // The fi ligature.
                "We explain how to speculatively generate efficient type-specialized code",
            ],
            blocks: &[(BlockKind::Heading(2), "1. Introduction")],
            // The left column before the right one, page 1 then page 2.
            order: &[
                "Dynamic languages such as JavaScript, Python, and Ruby, are popular",
                "Compilers for statically typed languages rely on type information",
                "We present a trace-based compilation technique for dynamic languages",
                "Hence, recording and compiling a trace speculates",
                "This paper makes the following contributions:",
            ],
            absent: &["\u{FB01}", "com- pile"],
        },
    },
    Case {
        file: "letters-de/aids.IncomeConfirmation-1.pdf",
        why: "East-Belgian attestation, letterhead beside the body",
        expect: Expect::Ok {
            pages: 1,
            phrases: &[
                "Hiermit bescheinigen wir, dass",
                "seit dem 29. September 2012 das durch Gesetz vom 26. Mai 2002 eingeführte Eingliederungseinkommen in Höhe von 123,00 €/Monat (Kategorie: Zusammenlebend) bezieht.",
            ],
            blocks: &[(BlockKind::Heading(1), "BESCHEINIGUNG")],
            order: &["BESCHEINIGUNG", "Hiermit bescheinigen", "Theresia Thelen"],
            absent: &[],
        },
    },
    Case {
        file: "letters-de/isip.Contract-1.pdf",
        why: "four pages of contract, numbered clauses, page footers",
        expect: Expect::Ok {
            pages: 4,
            phrases: &[
                "Um die soziale und/oder berufliche Eingliederung von Herrn Alfons AUSDEMWALD zu fördern",
                "Der vorliegende Vertrag tritt am 29.09.12 in Kraft und wird am 07.08.13 beendet.",
            ],
            blocks: &[
                (BlockKind::Footer, "Seite 1/4"),
                (BlockKind::Footer, "VSE Ausbildung Nr. 1"),
            ],
            order: &[
                "VERTRAG ZUR SOZIALEN EINGLIEDERUNG",
                "wird Folgendes vereinbart",
            ],
            absent: &[],
        },
    },
    Case {
        file: "letters-en/example_dwp_pdf.pdf",
        why: "DWP letter: address window, reference box, leaflet",
        expect: Expect::Ok {
            pages: 4,
            phrases: &[
                "When you reach £159.55, you may still need to pay National Insurance contributions until 22 December 2046 if you're working.",
                "In the past you've been ‘contracted out’ of the additional State Pension.",
            ],
            blocks: &[
                (BlockKind::Footer, "Page 1 of 2"),
                (BlockKind::Heading(2), "Your State Pension forecast"),
            ],
            order: &["MR J DOE", "Your State Pension forecast", "Yours sincerely"],
            absent: &[],
        },
    },
    Case {
        file: "letters-en/hackney_sample.pdf",
        why: "council letter from wkhtmltopdf, Identity-H fonts with ToUnicode",
        expect: Expect::Ok {
            pages: 3,
            phrases: &[
                "As you have recently missed some rent payments, I am writing to ask whether there is anything we can do to support you during this difficult time.",
                "If you don’t talk to us, and we can’t solve the problem you may receive a Notice of Seeking Possession",
            ],
            blocks: &[],
            order: &["Dear Mr", "What you need to do", "Yours sincerely"],
            absent: &[],
        },
    },
    Case {
        file: "letters-fr/aids.RefundConfirmation-1.pdf",
        why: "CPAS attestation in French, bullet list",
        expect: Expect::Ok {
            pages: 3,
            phrases: &[
                "Par la présente nous certifions que",
                "Si des traîtements supplémentaires sont nécessaires, il nous faut absolument un devis des frais.",
            ],
            blocks: &[(BlockKind::Heading(1), "ATTESTATION")],
            order: &["ATTESTATION", "Par la présente", "Theresia Thelen"],
            absent: &[],
        },
    },
    Case {
        file: "letters-fr/issue6127.pdf",
        why: "fonts without ToUnicode, not embedded: read through the standard glyph order",
        expect: Expect::Ok {
            pages: 3,
            phrases: &[
                "conditions permettant d'en bénéficier",
                "Ce formulaire permet de demander le rattachement à un(e) assuré(e) des ayants droit autres que les enfants",
            ],
            blocks: &[],
            order: &["DEMANDE DE RATTACHEMENT", "NOTICE", "Pièces à fournir"],
            absent: &["FRQGLWLRQV", "SHUPHWWDQW", "YRLUQRWLFH"],
        },
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

/// Every block maps into its page's text: each word at its offsets.
fn assert_maps(name: &str, d: &Document) {
    for (i, s) in d.sources.iter().enumerate() {
        assert_eq!(s.name, format!("page {}", i + 1), "{name}");
    }
    for b in &d.blocks {
        let src = &d.sources[b.origin.source as usize];
        assert_eq!(
            Some(b.origin.source + 1),
            b.origin.place.page,
            "{name}: page of {:?}",
            b.text
        );
        for w in b.text.split_whitespace() {
            let start = w.as_ptr() as usize - b.text.as_ptr() as usize;
            let span = b
                .origin
                .map
                .span_to_source(Span::new(start, start + w.len()));
            let found = &src.text[span.start as usize..span.end as usize];
            let found = found.replace("-\n", "").replace("\u{2010}\n", "");
            if found != w {
                // A footnote marker dropped inside the word stays in the page text.
                assert!(
                    found.starts_with(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                        || found.len() > w.len(),
                    "{name}: word {w:?} maps to {found:?} in block {:?}",
                    b.text
                );
            }
        }
    }
}

fn check(case: &Case, d: &Document) {
    let Expect::Ok {
        pages,
        phrases,
        blocks,
        order,
        absent,
    } = &case.expect
    else {
        return;
    };
    let name = case.file;
    assert_eq!(d.sources.len(), *pages, "{name}: pages");
    assert_eq!(d.format, "pdf");
    for p in *phrases {
        assert!(
            d.blocks.iter().any(|b| b.text.contains(p)),
            "{name}: no block with {p:?}"
        );
    }
    for (kind, text) in *blocks {
        let n = d
            .blocks
            .iter()
            .filter(|b| b.kind == *kind && b.text == *text)
            .count();
        assert_eq!(n, 1, "{name}: expected one {kind:?} block {text:?}");
    }
    let mut last = 0;
    for p in *order {
        let at = d
            .blocks
            .iter()
            .enumerate()
            .skip(last)
            .find(|(_, b)| b.text.contains(p))
            .map(|(i, _)| i);
        let Some(at) = at else {
            panic!("{name}: {p:?} not found after block {last}");
        };
        last = at;
    }
    for a in *absent {
        assert!(
            d.blocks.iter().all(|b| !b.text.contains(a)),
            "{name}: {a:?} must not be in a block"
        );
    }
    assert_maps(name, d);
}

#[test]
fn corpus_pdfs() {
    let dir = corpus();
    if !dir.is_dir() {
        println!("skipped: corpus not found at {}", dir.display());
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
        let result = pdf::read(&bytes, &Limits::default());
        let took = started.elapsed();
        match (&case.expect, result) {
            (Expect::Ok { .. }, Ok(d)) => {
                println!(
                    "{:<72} {:>4} blocks {:>3} pages {:>10.1?}  ({})",
                    case.file,
                    d.blocks.len(),
                    d.sources.len(),
                    took,
                    case.why
                );
                check(case, &d);
            }
            (Expect::Err(want), Err(e)) => {
                println!(
                    "{:<72} {:<20} {:>10.1?}  ({})",
                    case.file,
                    variant(&e),
                    took,
                    case.why
                );
                assert_eq!(variant(&e), *want, "{}: {e}", case.file);
            }
            (Expect::Ok { .. }, Err(e)) => panic!("{}: expected a document, got {e:?}", case.file),
            (Expect::Err(want), Ok(d)) => {
                panic!(
                    "{}: expected {want}, got {} blocks",
                    case.file,
                    d.blocks.len()
                )
            }
        }
        checked += 1;
    }
    println!("checked {checked} corpus PDFs");
}

/// Every PDF found in the letter folders reads or fails with a clear error, quickly.
#[test]
fn every_corpus_pdf_finishes() {
    let dir = corpus();
    let Ok(folders) = std::fs::read_dir(&dir) else {
        println!("skipped: corpus not found at {}", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for f in folders.flatten() {
        if let Ok(entries) = std::fs::read_dir(f.path()) {
            files.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "pdf")),
            );
        }
    }
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        // Twice: the same input gives the same document.
        let started = Instant::now();
        let a = pdf::read(&bytes, &Limits::default());
        let took = started.elapsed();
        let b = pdf::read(&bytes, &Limits::default());
        match (&a, &b) {
            (Ok(x), Ok(y)) => assert_eq!(x, y, "{}", path.display()),
            (Err(x), Err(y)) => assert_eq!(x.to_string(), y.to_string()),
            _ => panic!("{}: two reads differ", path.display()),
        }
        println!(
            "{:<60} {:<24} {:>10.1?}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            match &a {
                Ok(d) => format!("{} blocks", d.blocks.len()),
                Err(e) => variant(e).to_string(),
            },
            took
        );
    }
}

/// Print the blocks of the PDF named by `PDF` (and its page texts with `SRC=1`).
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PDF") else {
        println!("set PDF=path");
        return;
    };
    let bytes = std::fs::read(PathBuf::from(&path)).unwrap();
    let t = Instant::now();
    let r = pdf::read(&bytes, &Limits::default());
    println!("took {:?}", t.elapsed());
    match r {
        Ok(doc) => {
            for b in &doc.blocks {
                println!(
                    "[p{} {:?}] {}",
                    b.origin.place.page.unwrap_or(0),
                    b.kind,
                    b.text
                );
            }
            if std::env::var("SRC").is_ok() {
                for s in &doc.sources {
                    println!("=== {}\n{}", s.name, s.text);
                }
            }
        }
        Err(e) => println!("ERROR {e:?}"),
    }
}
