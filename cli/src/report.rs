//! `plainly report`: one self-contained HTML file for auditors — no network, no external
//! scripts or fonts — that opens from a USB stick, prints, and works with a keyboard.

use crate::batch::{Analysed, FileResult, Located};
use plainly_rules::{Readability, Severity};
use plainly_text::{BlockKind, Lang};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The report's own words, in the auditor's language.
struct Words {
    title: &'static str,
    overview: &'static str,
    documents: &'static str,
    unreadable: &'static str,
    rank: &'static str,
    document: &'static str,
    language: &'static str,
    profile: &'static str,
    score: &'static str,
    findings: &'static str,
    all: &'static str,
    rule: &'static str,
    severity: &'static str,
    distribution: &'static str,
    frequent: &'static str,
    missing_mentions: &'static str,
    text: &'static str,
    no_findings: &'static str,
    readability: &'static str,
    breakdown: [&'static str; 5],
    meaning: [&'static str; 4],
    sentences: &'static str,
    words_w: &'static str,
    shown: &'static str,
    skip: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Fr => Words {
            title: "Rapport de lisibilité",
            overview: "Vue d'ensemble",
            documents: "documents",
            unreadable: "Fichiers illisibles",
            rank: "Rang",
            document: "Document",
            language: "Langue",
            profile: "Profil",
            score: "Score",
            findings: "Constats",
            all: "tous",
            rule: "Règle",
            severity: "Gravité",
            distribution: "Répartition des scores",
            frequent: "Problèmes les plus fréquents",
            missing_mentions: "Mentions obligatoires manquantes",
            text: "Le texte, avec les passages signalés",
            no_findings: "Aucun constat.",
            readability: "Lisibilité",
            breakdown: [
                "lisibilité",
                "vocabulaire",
                "structure des phrases",
                "adresse au lecteur",
                "mise en page",
            ],
            meaning: [
                "Facile à lire pour la plupart des lecteurs.",
                "Plutôt clair ; quelques passages sont à revoir.",
                "Difficile pour beaucoup de lecteurs : à réécrire en partie.",
                "Très difficile : à réécrire.",
            ],
            sentences: "phrases",
            words_w: "mots",
            shown: "documents affichés",
            skip: "Aller au contenu",
        },
        Lang::Nl => Words {
            title: "Leesbaarheidsrapport",
            overview: "Overzicht",
            documents: "documenten",
            unreadable: "Onleesbare bestanden",
            rank: "Rang",
            document: "Document",
            language: "Taal",
            profile: "Profiel",
            score: "Score",
            findings: "Opmerkingen",
            all: "alle",
            rule: "Regel",
            severity: "Ernst",
            distribution: "Verdeling van de scores",
            frequent: "Meest voorkomende problemen",
            missing_mentions: "Ontbrekende verplichte vermeldingen",
            text: "De tekst, met de gemelde passages",
            no_findings: "Geen opmerkingen.",
            readability: "Leesbaarheid",
            breakdown: [
                "leesbaarheid",
                "woordkeuze",
                "zinsbouw",
                "de lezer aanspreken",
                "opmaak",
            ],
            meaning: [
                "Makkelijk te lezen voor de meeste lezers.",
                "Vrij duidelijk; enkele passages kunnen beter.",
                "Moeilijk voor veel lezers: deels herschrijven.",
                "Zeer moeilijk: herschrijven.",
            ],
            sentences: "zinnen",
            words_w: "woorden",
            shown: "documenten getoond",
            skip: "Naar de inhoud",
        },
        Lang::De => Words {
            title: "Bericht zur Verständlichkeit",
            overview: "Überblick",
            documents: "Dokumente",
            unreadable: "Nicht lesbare Dateien",
            rank: "Rang",
            document: "Dokument",
            language: "Sprache",
            profile: "Profil",
            score: "Wert",
            findings: "Hinweise",
            all: "alle",
            rule: "Regel",
            severity: "Schwere",
            distribution: "Verteilung der Werte",
            frequent: "Häufigste Probleme",
            missing_mentions: "Fehlende Pflichtangaben",
            text: "Der Text, mit den gemeldeten Stellen",
            no_findings: "Keine Hinweise.",
            readability: "Lesbarkeit",
            breakdown: [
                "Lesbarkeit",
                "Wortwahl",
                "Satzbau",
                "Ansprache",
                "Gestaltung",
            ],
            meaning: [
                "Für die meisten Leser leicht zu lesen.",
                "Recht klar; einige Stellen sollten überarbeitet werden.",
                "Für viele Leser schwer: teilweise neu schreiben.",
                "Sehr schwer: neu schreiben.",
            ],
            sentences: "Sätze",
            words_w: "Wörter",
            shown: "Dokumente angezeigt",
            skip: "Zum Inhalt",
        },
        Lang::En => Words {
            title: "Plain-language report",
            overview: "Overview",
            documents: "documents",
            unreadable: "Files that could not be read",
            rank: "Rank",
            document: "Document",
            language: "Language",
            profile: "Profile",
            score: "Score",
            findings: "Findings",
            all: "all",
            rule: "Rule",
            severity: "Severity",
            distribution: "Score distribution",
            frequent: "Most frequent problems",
            missing_mentions: "Missing mandatory mentions",
            text: "The text, with the flagged passages",
            no_findings: "No findings.",
            readability: "Readability",
            breakdown: [
                "readability",
                "vocabulary",
                "sentence structure",
                "addressing the reader",
                "layout",
            ],
            meaning: [
                "Easy to read for most readers.",
                "Mostly clear; some passages need work.",
                "Hard for many readers: rewrite in part.",
                "Very hard: rewrite.",
            ],
            sentences: "sentences",
            words_w: "words",
            shown: "documents shown",
            skip: "Skip to content",
        },
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn meaning(w: &Words, score: f64) -> &'static str {
    match score {
        s if s >= 80.0 => w.meaning[0],
        s if s >= 60.0 => w.meaning[1],
        s if s >= 40.0 => w.meaning[2],
        _ => w.meaning[3],
    }
}

fn score_class(score: f64) -> &'static str {
    match score {
        s if s >= 80.0 => "good",
        s if s >= 60.0 => "fair",
        s if s >= 40.0 => "poor",
        _ => "bad",
    }
}

fn is_mention(l: &Located) -> bool {
    l.finding.rule.starts_with("mandatory-") || l.finding.rule.starts_with("mention-")
}

const STYLE: &str = r#"
:root { --fg:#1b1b1b; --muted:#4a4a4a; --bg:#fff; --line:#c8c8c8; --accent:#0b4f8a;
  --good:#1d6b2f; --fair:#7a5a00; --poor:#9a3d00; --bad:#a0101d; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; }
a { color: var(--accent); }
a:focus, button:focus, select:focus, mark:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin-top: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; } figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.5rem 0 .5rem; }
label { font-weight: 600; } select { font: inherit; margin-left: .3rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: var(--fg); }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
td.num, th.num { text-align: right; }
.score { font-weight: 700; } .good { color: var(--good); } .fair { color: var(--fair); } .poor { color: var(--poor); } .bad { color: var(--bad); }
.badge { display: inline-block; min-width: 4.5rem; font-size: .8rem; font-weight: 700; text-transform: uppercase; padding: 0 .35rem; border-radius: .2rem; color: #fff; text-align: center; }
.sev-blocker, .sev-error { background: var(--bad); } .sev-warning { background: var(--poor); } .sev-info { background: var(--accent); } .sev-hint { background: var(--muted); }
mark { background: #fff1b8; border-bottom: 2px solid var(--poor); padding: 0 .1rem; }
mark.m-error, mark.m-blocker { background: #ffd9dc; border-color: var(--bad); }
mark.m-info, mark.m-hint { background: #e4efff; border-color: var(--accent); }
.doctext { border-left: 4px solid var(--line); padding-left: 1rem; }
.doctext .k-heading { font-weight: 700; }
ol.findings li { margin-bottom: .4rem; } .mentions { border: 2px solid var(--bad); padding: .5rem 1rem; }
dl.breakdown { display: grid; grid-template-columns: max-content max-content; gap: .1rem 1rem; }
dl.breakdown dt { color: var(--muted); } dl.breakdown dd { margin: 0; font-weight: 600; }
svg rect.bar-good { fill: var(--good); } svg rect.bar-fair { fill: var(--fair); }
svg rect.bar-poor { fill: var(--poor); } svg rect.bar-bad { fill: var(--bad); }
@media print { .filters, .skip { display: none; } section.doc { break-before: page; } a { color: var(--fg); text-decoration: none; } }
"#;

const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('docs');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var headers = table.querySelectorAll('th[data-key]');
  headers.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.classList.contains('num');
      rows.sort(function (a, b) {
        var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
        var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  var filters = document.querySelectorAll('.filters select');
  var count = document.getElementById('shown');
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = true;
      filters.forEach(function (f) {
        var v = f.value; if (!v) return;
        var have = (r.getAttribute('data-' + f.name) || '').split(' ');
        if (have.indexOf(v) < 0) ok = false;
      });
      r.hidden = !ok; if (ok) shown++;
    });
    if (count) count.textContent = shown;
  }
  filters.forEach(function (f) { f.addEventListener('change', apply); });
  // A link may carry filters: report.html#filter=lang:nl,severities:error
  var m = /filter=([^&]*)/.exec(decodeURIComponent(location.hash || ''));
  if (m) m[1].split(',').forEach(function (kv) {
    var p = kv.split(':');
    filters.forEach(function (f) { if (f.name === p[0]) f.value = p[1] || ''; });
  });
  apply();
})();
"#;

/// Histogram of scores in bands of 10, as an accessible inline SVG.
fn histogram(scores: &[f64], caption: &str) -> String {
    let mut bins = [0usize; 10];
    for s in scores {
        bins[((s / 10.0).floor() as usize).min(9)] += 1;
    }
    let max = bins.iter().copied().max().unwrap_or(1).max(1);
    let (w, h, bar) = (360, 160, 32);
    let mut svg = format!(
        "<figure><figcaption id=\"hist-cap\">{}</figcaption><svg role=\"img\" aria-labelledby=\"hist-cap\" width=\"{w}\" height=\"{}\" viewBox=\"0 0 {w} {}\">",
        esc(caption),
        h + 24,
        h + 24
    );
    for (i, n) in bins.iter().enumerate() {
        let bh = (*n * (h - 16)) / max;
        let x = i * (bar + 4);
        let class = score_class(i as f64 * 10.0 + 5.0);
        let _ = write!(
            svg,
            "<g><title>{}–{}: {n}</title><rect class=\"bar-{class}\" x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{bh}\" fill=\"currentColor\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>{}</g>",
            i * 10,
            i * 10 + 9,
            h - bh,
            x + bar / 2,
            h + 14,
            i * 10,
            if *n > 0 {
                format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{n}</text>",
                    x + bar / 2,
                    (h - bh).saturating_sub(3).max(10)
                )
            } else {
                String::new()
            }
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

/// Horizontal bars of the most frequent rules.
fn top_rules(counts: &[(String, usize)], caption: &str) -> String {
    let max = counts.first().map(|c| c.1).unwrap_or(1).max(1);
    let row = 22;
    let h = counts.len() * row + 4;
    let mut svg = format!(
        "<figure><figcaption id=\"rules-cap\">{}</figcaption><svg role=\"img\" aria-labelledby=\"rules-cap\" width=\"420\" height=\"{h}\" viewBox=\"0 0 420 {h}\">",
        esc(caption)
    );
    for (i, (rule, n)) in counts.iter().enumerate() {
        let y = i * row;
        let w = (n * 220) / max;
        let _ = write!(
            svg,
            "<g><title>{}: {n}</title><text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"170\" y=\"{}\" width=\"{w}\" height=\"16\" fill=\"#0b4f8a\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{n}</text></g>",
            esc(rule),
            y + 13,
            esc(rule),
            y + 2,
            175 + w,
            y + 13
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

/// A block's text with the findings' spans marked (overlaps: the first one wins).
fn marked_text(doc_id: usize, block: usize, text: &str, findings: &[(usize, &Located)]) -> String {
    let mut spans: Vec<(usize, usize, usize, &Located)> = findings
        .iter()
        .filter(|(_, l)| l.finding.block == Some(block) && !l.finding.span.is_empty())
        .map(|(i, l)| {
            (
                l.finding.span.start as usize,
                l.finding.span.end as usize,
                *i,
                *l,
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::new();
    let mut pos = 0;
    for (start, end, i, l) in spans {
        if start < pos
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&esc(&text[pos..start]));
        let _ = write!(
            out,
            "<mark class=\"m-{}\" id=\"m-{doc_id}-{i}\" tabindex=\"0\" title=\"{}\" aria-describedby=\"f-{doc_id}-{i}\">{}</mark>",
            l.finding.severity.name(),
            esc(&l.finding.message),
            esc(&text[start..end])
        );
        pos = end;
    }
    out.push_str(&esc(text.get(pos..).unwrap_or("")));
    out.replace('\n', "<br>")
}

fn readability_line(r: &Readability) -> String {
    match r.main() {
        Some(s) => format!(
            "{} {:.1}{}",
            s.name,
            s.value,
            s.band.map(|b| format!(" ({b})")).unwrap_or_default()
        ),
        None => "—".into(),
    }
}

fn doc_section(out: &mut String, w: &Words, id: usize, r: &FileResult, a: &Analysed) {
    let path = r.path.display().to_string();
    let _ = writeln!(
        out,
        "<section class=\"doc\" id=\"doc-{id}\" aria-labelledby=\"doc-{id}-h\">"
    );
    let _ = writeln!(out, "<h2 id=\"doc-{id}-h\">{}</h2>", esc(&path));
    let _ = writeln!(
        out,
        "<p><span class=\"score {}\">{} {:.0}/100</span> — {}</p>",
        score_class(a.score.value),
        w.score,
        a.score.value,
        meaning(w, a.score.value)
    );
    let b = &a.score.breakdown;
    let _ = write!(out, "<dl class=\"breakdown\">");
    for (label, v) in w.breakdown.iter().zip([
        b.readability,
        b.vocabulary,
        b.structure,
        b.address,
        b.layout,
    ]) {
        let _ = write!(
            out,
            "<dt>{label}</dt><dd class=\"{}\">{v:.0}</dd>",
            score_class(v)
        );
    }
    let _ = writeln!(out, "</dl>");
    let _ = writeln!(
        out,
        "<p>{} ({}) : {} · {} {}, {} {}</p>",
        w.readability,
        a.lang,
        esc(&readability_line(&a.readability)),
        a.readability.counts.sentences,
        w.sentences,
        a.readability.counts.words,
        w.words_w
    );
    let indexed: Vec<(usize, &Located)> = a.findings.iter().enumerate().collect();
    let mentions: Vec<&(usize, &Located)> = indexed.iter().filter(|(_, l)| is_mention(l)).collect();
    if !mentions.is_empty() {
        let _ = writeln!(
            out,
            "<div class=\"mentions\"><h3>{}</h3><ul>",
            w.missing_mentions
        );
        for (_, l) in &mentions {
            let _ = writeln!(out, "<li>{}</li>", esc(&l.finding.message));
        }
        let _ = writeln!(out, "</ul></div>");
    }
    let _ = writeln!(out, "<h3>{} ({})</h3>", w.findings, a.findings.len());
    if a.findings.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.no_findings);
    } else {
        let _ = writeln!(out, "<ol class=\"findings\">");
        let mut ordered: Vec<&(usize, &Located)> = indexed.iter().collect();
        ordered.sort_by_key(|(i, l)| (!is_mention(l), std::cmp::Reverse(l.finding.severity), *i));
        for (i, l) in ordered {
            let f = &l.finding;
            let link = if f.block.is_some() && !f.span.is_empty() {
                format!(
                    " <a href=\"#m-{id}-{i}\">«{}»</a>",
                    esc(&l.location.excerpt)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<li id=\"f-{id}-{i}\" data-rule=\"{}\"><span class=\"badge sev-{}\">{}</span> {} <small>({})</small>{link}</li>",
                esc(&f.rule),
                f.severity.name(),
                f.severity.name(),
                esc(&f.message),
                esc(&f.rule)
            );
        }
        let _ = writeln!(out, "</ol>");
    }
    if let Some(blocks) = &a.blocks {
        let _ = writeln!(
            out,
            "<h3>{}</h3><div class=\"doctext\" lang=\"{}\">",
            w.text, a.lang
        );
        for (bi, (kind, text)) in blocks.iter().enumerate() {
            let inner = marked_text(id, bi, text, &indexed);
            match kind {
                BlockKind::Heading(_) => {
                    let _ = writeln!(out, "<p class=\"k-heading\">{inner}</p>");
                }
                BlockKind::ListItem => {
                    let _ = writeln!(out, "<p class=\"k-item\">• {inner}</p>");
                }
                _ => {
                    let _ = writeln!(out, "<p>{inner}</p>");
                }
            }
        }
        let _ = writeln!(out, "</div>");
    }
    let _ = writeln!(out, "</section>");
}

/// One readable document: its index, its file result, its analysis.
type Row<'a> = (usize, &'a FileResult, &'a Analysed);

/// Build the report.
pub fn render(files: &[FileResult], lang: Lang) -> String {
    let w = words(lang);
    let mut ok: Vec<(usize, &FileResult, &Analysed)> = files
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|a| (r, a)))
        .enumerate()
        .map(|(i, (r, a))| (i, r, a))
        .collect();
    // Ranked: lowest score first (what needs work most), then path.
    ok.sort_by(|x, y| {
        x.2.score
            .value
            .total_cmp(&y.2.score.value)
            .then_with(|| x.1.path.cmp(&y.1.path))
    });
    let failed: Vec<&FileResult> = files.iter().filter(|r| r.outcome.is_err()).collect();
    let mut rule_counts: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, a) in &ok {
        for l in &a.findings {
            *rule_counts.entry(l.finding.rule.clone()).or_default() += 1;
        }
    }
    let mut top: Vec<(String, usize)> = rule_counts.clone().into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(10);
    let scores: Vec<f64> = ok.iter().map(|(_, _, a)| a.score.value).collect();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        w.title
    );
    let _ = writeln!(out, "<a class=\"skip\" href=\"#overview\">{}</a>", w.skip);
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"meta\">{} {} · plainly {}</p></header>\n<main>",
        w.title,
        files.len(),
        w.documents,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">{}</h2>",
        w.overview
    );
    let _ = writeln!(
        out,
        "<div class=\"charts\">{}{}</div>",
        histogram(&scores, w.distribution),
        top_rules(&top, w.frequent)
    );
    // Filters.
    let select = |name: &str, label: &str, values: Vec<String>| {
        let mut s = format!(
            "<label>{label}<select name=\"{name}\"><option value=\"\">{}</option>",
            w.all
        );
        for v in values {
            let _ = write!(s, "<option value=\"{}\">{}</option>", esc(&v), esc(&v));
        }
        s.push_str("</select></label>");
        s
    };
    let uniq = |f: &dyn Fn(&Row<'_>) -> Vec<String>| {
        let mut v: Vec<String> = ok.iter().flat_map(f).collect();
        v.sort();
        v.dedup();
        v
    };
    let langs = uniq(&|x| vec![x.2.lang.code().to_string()]);
    let profiles = uniq(&|x| vec![x.1.profile.clone()]);
    let rules: Vec<String> = rule_counts.keys().cloned().collect();
    let sevs = uniq(&|x| {
        x.2.findings
            .iter()
            .map(|l| l.finding.severity.name().to_string())
            .collect()
    });
    let _ = writeln!(
        out,
        "<div class=\"filters\" role=\"group\">{}{}{}{}</div>",
        select("lang", w.language, langs),
        select("profile", w.profile, profiles),
        select("rules", w.rule, rules),
        select("severities", w.severity, sevs)
    );
    let _ = writeln!(
        out,
        "<p><span id=\"shown\">{}</span> {}</p>",
        ok.len(),
        w.shown
    );
    let _ = writeln!(
        out,
        "<table id=\"docs\"><thead><tr><th class=\"num\" data-key=\"rank\" aria-sort=\"ascending\"><button>{}</button></th><th data-key=\"path\"><button>{}</button></th><th data-key=\"lang\"><button>{}</button></th><th data-key=\"profile\"><button>{}</button></th><th class=\"num\" data-key=\"score\"><button>{}</button></th><th class=\"num\" data-key=\"count\"><button>{}</button></th></tr></thead><tbody>",
        w.rank, w.document, w.language, w.profile, w.score, w.findings
    );
    for (rank, (id, r, a)) in ok.iter().enumerate() {
        let mut rule_set: Vec<&str> = a.findings.iter().map(|l| l.finding.rule.as_str()).collect();
        rule_set.sort();
        rule_set.dedup();
        let mut sev_set: Vec<&str> = a
            .findings
            .iter()
            .map(|l| l.finding.severity.name())
            .collect();
        sev_set.sort();
        sev_set.dedup();
        let worst = a
            .findings
            .iter()
            .map(|l| l.finding.severity)
            .max()
            .unwrap_or(Severity::Hint);
        let path = r.path.display().to_string();
        let _ = writeln!(
            out,
            "<tr data-rank=\"{}\" data-path=\"{}\" data-lang=\"{}\" data-profile=\"{}\" data-score=\"{:.1}\" data-count=\"{}\" data-rules=\"{}\" data-severities=\"{}\"><td class=\"num\">{}</td><td><a href=\"#doc-{id}\">{}</a></td><td>{}</td><td>{}</td><td class=\"num score {}\">{:.0}</td><td class=\"num\">{}{}</td></tr>",
            rank + 1,
            esc(&path),
            a.lang,
            esc(&r.profile),
            a.score.value,
            a.findings.len(),
            esc(&rule_set.join(" ")),
            sev_set.join(" "),
            rank + 1,
            esc(&path),
            a.lang,
            esc(&r.profile),
            score_class(a.score.value),
            a.score.value,
            a.findings.len(),
            if a.findings.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"badge sev-{}\">{}</span>",
                    worst.name(),
                    worst.name()
                )
            }
        );
    }
    let _ = writeln!(out, "</tbody></table>");
    if !failed.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3><ul id=\"unreadable\">", w.unreadable);
        for r in &failed {
            if let Err(e) = &r.outcome {
                let _ = writeln!(
                    out,
                    "<li>{}: {}</li>",
                    esc(&r.path.display().to_string()),
                    esc(e)
                );
            }
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
    for (id, r, a) in &ok {
        doc_section(&mut out, &w, *id, r, a);
    }
    let _ = writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}
