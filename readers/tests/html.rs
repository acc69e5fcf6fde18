#![allow(clippy::unwrap_used, clippy::expect_used)]
//! HTML reader: entities and offsets, what is left out, block kinds, languages, and inputs
//! that must never panic.

use plainly_readers::{Format, Limits, ReadError, html, read};
use plainly_text::{BlockKind, Document, Lang, Span};
use proptest::prelude::*;

fn doc(src: &str) -> Document {
    html::read(src.as_bytes(), &Limits::default()).unwrap()
}

fn texts(d: &Document) -> Vec<(BlockKind, &str)> {
    d.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

/// Every word of every block maps back to the same word in the source, and every block's
/// characters come from inside its source span.
fn assert_offsets(d: &Document) {
    let src = &d.sources[0].text;
    for b in &d.blocks {
        for w in b.text.split_whitespace() {
            let start = w.as_ptr() as usize - b.text.as_ptr() as usize;
            if !w.chars().all(|c| c.is_alphanumeric()) {
                continue;
            }
            let span = b
                .origin
                .map
                .span_to_source(Span::new(start, start + w.len()));
            let found = &src[span.start as usize..span.end as usize];
            if found.contains('&') || found.contains('<') {
                // A word with an entity maps to its source spelling.
                continue;
            }
            assert_eq!(found, w, "word {w:?} of block {:?}", b.text);
        }
    }
}

#[test]
fn paragraphs_inline_elements_and_whitespace() {
    let d = doc(
        "<html><body>\n  <p>Nous   avons <b>bien</b>\n reçu <a href=\"x\">votre</a>demande.</p>\n<div>Deuxième\tbloc</div></body></html>",
    );
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Paragraph, "Nous avons bien reçu votredemande."),
            (BlockKind::Paragraph, "Deuxième bloc"),
        ]
    );
    assert_eq!(d.format, "html");
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].name, "");
    assert_offsets(&d);
}

#[test]
fn entities_are_decoded_with_exact_offsets() {
    let src =
        "<p>Caf&eacute; &amp; th&#233; &#x2014; l&rsquo;avis&nbsp;: 5&euro; &unknown; fin</p>";
    let d = doc(src);
    let b = &d.blocks[0];
    assert_eq!(b.text, "Café & thé — l’avis\u{a0}: 5€ &unknown; fin");
    // "Café" spans the entity in the source.
    let span = b.origin.map.span_to_source(Span::new(0, "Café".len()));
    assert_eq!(&src[span.start as usize..span.end as usize], "Caf&eacute;");
    // "&" is the whole "&amp;".
    let amp = b.text.find('&').unwrap();
    let span = b.origin.map.span_to_source(Span::new(amp, amp + 1));
    assert_eq!(&src[span.start as usize..span.end as usize], "&amp;");
    // "fin" after all the entities.
    let fin = b.text.find("fin").unwrap();
    let span = b.origin.map.span_to_source(Span::new(fin, fin + 3));
    assert_eq!(&src[span.start as usize..span.end as usize], "fin");
    assert_offsets(&d);
}

#[test]
fn script_style_head_nav_and_comments_are_left_out() {
    let src = r#"<!DOCTYPE html>
<html lang="fr-BE"><head><title>Titre de la page</title><style>p { color: red }</style>
<script>var secret = "script text";</script></head>
<body>
<header><nav><a href="/">Accueil</a> <a href="/aide">Aide</a></nav><p>Bandeau du site</p></header>
<main>
<article>
<header><p>Publié le 3 mars</p></header>
<h1>Votre allocation</h1>
<!-- plainly-disable jargon -->
<p>Nous avons pris une décision.</p>
<noscript>Activez JavaScript</noscript>
<template><p>Modèle caché</p></template>
<p hidden>Texte caché</p>
<p style="display: none">Aussi caché</p>
<footer><p>Service des allocations</p></footer>
</article>
<aside>Voir aussi</aside>
</main>
<footer>Mentions légales du site</footer>
</body></html>"#;
    let d = doc(src);
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Header, "Publié le 3 mars"),
            (BlockKind::Heading(1), "Votre allocation"),
            (BlockKind::Paragraph, "Nous avons pris une décision."),
            (BlockKind::Footer, "Service des allocations"),
        ]
    );
    for b in &d.blocks {
        for absent in [
            "Titre",
            "color",
            "secret",
            "Accueil",
            "Bandeau",
            "plainly-disable",
            "JavaScript",
            "Modèle",
            "caché",
            "Voir aussi",
            "Mentions",
        ] {
            assert!(!b.text.contains(absent), "{absent} in {:?}", b.text);
        }
    }
    assert_eq!(d.declared_lang, Some(Lang::Fr));
    assert_offsets(&d);
}

#[test]
fn headings_lists_tables_quotes_and_breaks() {
    let src = "<h2>Ce que vous devez faire</h2>\
<ul><li>Remplir le formulaire</li><li><p>Le <em>renvoyer</em> avant le 1er mai</p></li></ul>\
<ol><li>Un</li></ol>\
<table><tr><th>Montant</th><td>123,00&nbsp;€</td></tr></table>\
<blockquote><p>Une citation.</p></blockquote>\
<address>Rue de la Loi 1<br>1000 Bruxelles</address>\
<h6>Fin</h6>";
    let d = doc(src);
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Heading(2), "Ce que vous devez faire"),
            (BlockKind::ListItem, "Remplir le formulaire"),
            (BlockKind::ListItem, "Le renvoyer avant le 1er mai"),
            (BlockKind::ListItem, "Un"),
            (BlockKind::TableCell, "Montant"),
            (BlockKind::TableCell, "123,00\u{a0}€"),
            (BlockKind::Quote, "Une citation."),
            (BlockKind::Address, "Rue de la Loi 1\n1000 Bruxelles"),
            (BlockKind::Heading(6), "Fin"),
        ]
    );
    // The line break maps to the <br> tag.
    let addr = &d.blocks[7];
    let nl = addr.text.find('\n').unwrap();
    let span = addr.origin.map.span_to_source(Span::new(nl, nl + 1));
    assert_eq!(&src[span.start as usize..span.end as usize], "<br>");
    assert_offsets(&d);
}

#[test]
fn lang_attributes() {
    let d = doc(
        r#"<html lang="nl"><body><p>Wij hebben uw aanvraag ontvangen.</p>
<div lang="fr"><p>Nous avons reçu votre demande.</p></div>
<p lang="de-BE">Wir haben Ihren Antrag erhalten.</p>
<p lang="es">Hemos recibido su solicitud.</p></body></html>"#,
    );
    assert_eq!(d.declared_lang, Some(Lang::Nl));
    let langs: Vec<Option<Lang>> = d.blocks.iter().map(|b| b.lang).collect();
    assert_eq!(langs, vec![None, Some(Lang::Fr), Some(Lang::De), None]);
}

#[test]
fn pre_keeps_white_space() {
    let d = doc("<pre>ligne  un\n  ligne deux</pre><p>a  b</p>");
    assert_eq!(d.blocks[0].text, "ligne  un\n  ligne deux");
    assert_eq!(d.blocks[1].text, "a b");
}

#[test]
fn offsets_hold_in_a_longer_page() {
    let mut src = String::from("<html lang=\"en\"><body>");
    for i in 0..200 {
        src.push_str(&format!(
            "<p class=\"x\">Paragraph {i}: we have <strong>received</strong> your&nbsp;claim &amp; <i>we</i>\n   will write to you.</p>\n"
        ));
    }
    src.push_str("</body></html>");
    let d = doc(&src);
    assert_eq!(d.blocks.len(), 200);
    assert_eq!(
        d.blocks[7].text,
        "Paragraph 7: we have received your\u{a0}claim & we will write to you."
    );
    assert_offsets(&d);
}

#[test]
fn read_dispatches_html_and_decodes_windows_1252() {
    let bytes = b"<p>Caf\xe9 cr\xe8me</p>";
    let d = read(bytes, Format::Html, &Limits::default()).unwrap();
    assert_eq!(d.blocks[0].text, "Café crème");
}

#[test]
fn broken_and_hostile_html_does_not_panic() {
    for src in [
        "",
        "<",
        "<p>unclosed <b>bold <i>italic",
        "</div></p>text after stray end tags",
        "<p>&#xFFFFFFFF; &#0; &#; &",
        "<script>never closed",
        "<!-- never closed",
        "<p><br><br/></br></p>",
    ] {
        let d = doc(src);
        for b in &d.blocks {
            assert!(!b.text.is_empty());
        }
        assert_offsets(&d);
    }
    // 400 nested elements read; 20,000 are refused at once.
    let deep = format!(
        "{}deep{}",
        "<div><span>".repeat(200),
        "</span></div>".repeat(200)
    );
    let started = std::time::Instant::now();
    let d = doc(&deep);
    assert_eq!(texts(&d), vec![(BlockKind::Paragraph, "deep")]);
    println!("400 nested elements: {:?}", started.elapsed());
    let deeper = format!(
        "{}deep{}",
        "<div><span>".repeat(10_000),
        "</span></div>".repeat(10_000)
    );
    let started = std::time::Instant::now();
    let e = html::read(deeper.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ReadError::Hostile(m) if m.contains("nested")),
        "{e:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // Thousands of paragraphs and list items without end tags are not nesting.
    let flat = "<p>Un paragraphe sans fin<li>un point".repeat(3000);
    assert_eq!(doc(&flat).blocks.len(), 6000);
}

#[test]
fn too_much_text_is_refused() {
    let limits = Limits {
        max_text_chars: 10,
        ..Limits::default()
    };
    let e = html::read(b"<p>far more than ten characters</p>", &limits).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge { .. }), "{e:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_markup_never_panics(s in "(<(p|div|b|br|li|h1|script|!--)>|</(p|div|b|li|h1|script)>|&(amp|#233|bogus);|[a-zé ]{0,8}|\n){0,40}") {
        let d = doc(&s);
        assert_offsets(&d);
    }
}

#[test]
fn fixture_letter() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/html/lettre-allocation.html"
    );
    let bytes = std::fs::read(path).unwrap();
    let d = html::read(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        texts(&d),
        vec![
            (BlockKind::Header, "Bruxelles, le 3\u{a0}mars\u{a0}2025"),
            (
                BlockKind::Heading(1),
                "Décision relative à votre allocation"
            ),
            (BlockKind::Paragraph, "Madame,"),
            (
                BlockKind::Paragraph,
                "Nous avons examiné votre demande du 12 février. Conformément à l’article 63 de l’arrêté royal, nous vous informons que votre allocation est accordée à partir du 1er mars."
            ),
            (BlockKind::Heading(2), "Ce que vous devez faire"),
            (
                BlockKind::ListItem,
                "Renvoyez le formulaire C4 signé\u{a0};"
            ),
            (BlockKind::ListItem, "Gardez une copie de cette lettre."),
            (BlockKind::TableCell, "Montant journalier"),
            (BlockKind::TableCell, "62,45\u{a0}€"),
            (BlockKind::Heading(2), "Vous n'êtes pas d'accord\u{a0}?"),
            (
                BlockKind::Paragraph,
                "Vous pouvez introduire un recours auprès du tribunal du travail dans les trois mois.\nAdressez-le au greffe."
            ),
            (
                BlockKind::Quote,
                "Deze brief bestaat ook in het Nederlands."
            ),
            (
                BlockKind::Address,
                "Office de l'emploi\nBoulevard de l'Empereur 7\n1000 Bruxelles"
            ),
        ]
    );
    assert_eq!(d.declared_lang, Some(Lang::Fr));
    assert_eq!(d.blocks[11].lang, Some(Lang::Nl));
    assert_offsets(&d);
    // The source is the file's text: "recours" is found where its block says.
    let b = &d.blocks[10];
    let at = b.text.find("recours").unwrap();
    let span = b.origin.map.span_to_source(Span::new(at, at + 7));
    assert_eq!(
        &d.sources[0].text[span.start as usize..span.end as usize],
        "recours"
    );
}
