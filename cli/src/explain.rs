//! `plainly rules` and `plainly explain`: the rules' own documentation, in the writer's
//! language.

use plainly_rules::messages::msg;
use plainly_rules::{Engine, RuleDoc};
use plainly_text::Lang;
use std::fmt::Write as _;

fn what(doc: &RuleDoc, lang: Lang) -> String {
    let key = format!("{}.what", doc.id);
    let s = msg(lang, &key, &[]);
    if s == key { doc.what.to_string() } else { s }
}

fn why(doc: &RuleDoc, lang: Lang) -> String {
    let key = format!("{}.why", doc.id);
    let s = msg(lang, &key, &[]);
    if s == key { doc.why.to_string() } else { s }
}

fn langs(doc: &RuleDoc) -> String {
    doc.langs
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// One line per rule: id, default severity, languages, what it finds.
pub fn list(engine: &Engine, lang: Lang) -> String {
    let mut out = String::new();
    for r in engine.rules() {
        let d = r.doc();
        let _ = writeln!(
            out,
            "{:<24} {:<8} {:<12} {}",
            d.id,
            d.default_severity.name(),
            langs(d),
            what(d, lang)
        );
    }
    out
}

/// A rule's documentation in `lang`, with its examples in that language.
pub fn explain(engine: &Engine, id: &str, lang: Lang) -> Option<String> {
    let d = engine.rule(id)?.doc();
    let (yes, no, ex_title) = match lang {
        Lang::Fr => ("Signalé", "Pas signalé", "Exemples"),
        Lang::Nl => ("Gemeld", "Niet gemeld", "Voorbeelden"),
        Lang::De => ("Gemeldet", "Nicht gemeldet", "Beispiele"),
        Lang::En => ("Flagged", "Not flagged", "Examples"),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ({}, {}; {})\n",
        d.id,
        d.default_severity.name(),
        langs(d),
        lang
    );
    let _ = writeln!(out, "{}\n", what(d, lang));
    let _ = writeln!(out, "{}\n", why(d, lang));
    let mut examples: Vec<_> = d.examples.iter().filter(|e| e.lang == lang).collect();
    if examples.is_empty() {
        examples = d.examples.iter().collect();
    }
    if !examples.is_empty() {
        let _ = writeln!(out, "{ex_title}:");
        for e in examples {
            let mark = if e.triggers { yes } else { no };
            let easy = match e.audience {
                plainly_rules::Audience::EasyToRead => " [easy-to-read]",
                plainly_rules::Audience::Standard => "",
            };
            let _ = writeln!(out, "  {mark}{easy}: {}", e.text);
        }
    }
    Some(out)
}
