//! Element detectors, cross-cutting checks, letter sections and profile detection.

use super::data::{Data, Kind, Profile, Unit};
use super::pattern::Pattern;
use super::{Assignment, DocText, Hit, Source, Status, quote};
use crate::finding::Severity;
use plainly_text::{BlockAnalysis, BlockKind, Lang, Span};

/// One problem with an element.
#[derive(Debug)]
pub struct Problem {
    /// The part after `<element>/`: `missing`, `vague`, `wrong-start`, …
    pub code: &'static str,
    /// The wording at fault, if any.
    pub hit: Option<Hit>,
    pub args: Vec<(String, String)>,
    /// Offer the element's template paragraph as a fix.
    pub fix: bool,
    /// Overrides the requirement's severity.
    pub severity: Option<Severity>,
}

impl Problem {
    fn new(code: &'static str, hit: Option<Hit>, fix: bool) -> Self {
        Problem {
            code,
            hit,
            args: Vec::new(),
            fix,
            severity: None,
        }
    }
    fn arg(mut self, k: &str, v: String) -> Self {
        self.args.push((k.into(), v));
        self
    }
}

/// An element's status and its problems.
#[derive(Debug)]
pub struct Outcome {
    pub status: Status,
    pub problems: Vec<Problem>,
}

impl Outcome {
    fn present() -> Self {
        Outcome {
            status: Status::Present,
            problems: Vec::new(),
        }
    }
    fn missing(code: &'static str, hit: Option<Hit>) -> Self {
        Outcome {
            status: Status::Missing,
            problems: vec![Problem::new(code, hit, true)],
        }
    }
}

/// A cross-cutting finding (X-check).
#[derive(Debug)]
pub struct Cross {
    pub code: &'static str,
    pub hit: Hit,
    pub severity: Severity,
    pub args: Vec<(String, String)>,
}

/// Where things are in the letter.
#[derive(Debug)]
pub struct Places {
    /// The appeal section, as a global byte range.
    pub appeal: Option<Hit>,
    /// The block where missing mentions go (at its end).
    pub insert_block: Option<usize>,
}

fn is_heading(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Heading(_))
}

impl Places {
    pub fn new(data: &Data, dt: &DocText<'_>, _analyses: &[BlockAnalysis]) -> Self {
        let blocks = &dt.doc.blocks;
        let closing = blocks.iter().enumerate().skip(1).find_map(|(i, b)| {
            data.closings
                .find(b.text.trim_start())
                .filter(|m| m.0 < 3)
                .map(|_| i)
        });
        let end_before = |from: usize, stop_at_heading: bool| {
            blocks
                .iter()
                .enumerate()
                .skip(from + 1)
                .find(|(i, b)| Some(*i) == closing || (stop_at_heading && is_heading(b.kind)))
                .map(|(i, _)| i)
                .unwrap_or(blocks.len())
        };
        let heading = blocks.iter().enumerate().find(|(_, b)| {
            let short = b.text.split_whitespace().count() <= 16;
            (is_heading(b.kind) || (short && b.text.trim_end().ends_with('?')))
                && data.headings.is_match(&b.text)
        });
        let section = match heading {
            Some((h, _)) => Some((h, end_before(h, true))),
            None => data
                .elements
                .get("appeal-right")
                .and_then(|e| e.list("hit"))
                .and_then(|re| dt.find_all(re).first().copied())
                .map(|hit| {
                    let b = dt.locate(hit.0).0;
                    (b, end_before(b, false))
                }),
        };
        let appeal = section.map(|(a, b)| {
            let (s, _) = dt.block_range(a);
            let (_, e) = dt.block_range(b.saturating_sub(1).max(a));
            (s, e)
        });
        let prose = |i: usize| {
            blocks
                .get(i)
                .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
        };
        let insert_block = match section {
            Some((a, b)) => (a..b).rev().find(|&i| prose(i)).or(Some(a)),
            None => {
                let limit = closing.unwrap_or(blocks.len());
                (0..limit)
                    .rev()
                    .find(|&i| prose(i))
                    .or_else(|| (0..blocks.len()).rev().find(|&i| prose(i)))
                    .or(blocks.len().checked_sub(1))
            }
        };
        Places {
            appeal,
            insert_block,
        }
    }

    /// Block and block-relative span of a global hit (clipped to its block).
    pub fn span_of(&self, dt: &DocText<'_>, h: Hit) -> (Option<usize>, Span) {
        let (b, s) = dt.locate(h.0);
        let (bs, be) = dt.block_range(b);
        let end = h.1.min(be).saturating_sub(bs);
        (Some(b), Span::new(s, end.max(s)))
    }

    /// Where a missing mention is reported: the last sentence of the insertion block.
    pub fn insertion_span(
        &self,
        dt: &DocText<'_>,
        analyses: &[BlockAnalysis],
    ) -> (Option<usize>, Span) {
        let Some(b) = self.insert_block else {
            return (None, Span::default());
        };
        let len = dt.doc.blocks.get(b).map(|x| x.text.len()).unwrap_or(0);
        let span = analyses
            .get(b)
            .and_then(|a| a.units.iter().rev().find(|u| !u.unit.span.is_empty()))
            .map(|u| u.unit.span)
            .unwrap_or(Span::new(0, len));
        (Some(b), span)
    }

    /// Block and block-relative offset where a template paragraph goes.
    pub fn insertion_point(&self, dt: &DocText<'_>) -> Option<(usize, usize)> {
        let b = self.insert_block?;
        let len = dt.doc.blocks.get(b)?.text.len();
        Some((b, len))
    }
}

fn list<'d>(data: &'d Data, element: &str, name: &str) -> Option<&'d Pattern> {
    data.elements.get(element).and_then(|e| e.list(name))
}

fn hits(data: &Data, dt: &DocText<'_>, element: &str, name: &str) -> Vec<Hit> {
    list(data, element, name)
        .map(|re| dt.find_all(re))
        .unwrap_or_default()
}

/// Decision cues (shared by every decision profile).
pub fn decision_cues(data: &Data, dt: &DocText<'_>) -> Vec<Hit> {
    data.profiles
        .get("decision")
        .and_then(|p| p.detect.decision.as_ref())
        .map(|re| dt.find_all(re))
        .unwrap_or_default()
}

/// Profile detection (§3.5). `None` when the text makes no decision: such letters get no
/// mandatory-mention findings.
pub fn assign(data: &Data, dt: &DocText<'_>, lang: Lang) -> Option<Assignment> {
    let decision = decision_cues(data, dt);
    let first = *decision.first()?;
    // The pattern is `\b([1-9]\d{3})\s+\p{Lu}`: the code is the match's first four characters.
    let postcodes: Vec<u32> = dt
        .find_all(&data.postcode)
        .into_iter()
        .filter_map(|h| {
            let s = dt.slice(h);
            let end = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
            s.get(..end).and_then(|code| code.parse().ok())
        })
        .collect();
    let mut scored: Vec<(&Profile, f64, Vec<String>)> = Vec::new();
    for p in data.profiles.values() {
        if p.kind != Kind::Decision || !p.detect.concrete {
            continue;
        }
        let mut score = 0.25;
        let mut cues = vec![format!(
            "{} {}",
            cue_word(lang, "decision"),
            quote(lang, dt.slice(first))
        )];
        if let Some(h) = p.detect.senders.as_ref().and_then(|re| re.find(&dt.text)) {
            score += 0.35;
            cues.push(format!(
                "{} {}",
                cue_word(lang, "sender"),
                quote(lang, dt.slice(h))
            ));
        }
        if let Some(h) = p.detect.domain.as_ref().and_then(|re| re.find(&dt.text)) {
            score += 0.25;
            cues.push(format!(
                "{} {}",
                cue_word(lang, "domain"),
                quote(lang, dt.slice(h))
            ));
        }
        if !p.detect.postcodes.is_empty() || p.detect.region_lang.is_some() {
            let pc = postcodes.iter().find(|&&c| {
                p.detect
                    .postcodes
                    .iter()
                    .any(|&(a, b)| (a..=b).contains(&c))
            });
            let lang_ok = p.detect.region_lang.is_none_or(|l| l == lang);
            if let (Some(pc), true) = (pc, lang_ok) {
                score += 0.15;
                cues.push(format!("{} {pc}", cue_word(lang, "postcode")));
            } else if p.detect.region_only {
                continue;
            }
        }
        scored.push((p, f64::min(score, 0.95), cues));
    }
    scored.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.0.chain.len().cmp(&a.0.chain.len()))
    });
    let candidates: Vec<(String, f64)> = scored
        .iter()
        .filter(|s| s.1 > 0.25)
        .map(|s| (s.0.id.clone(), s.1))
        .collect();
    if let Some((best, score, cues)) = scored.first()
        && *score >= 0.75
    {
        let leads = scored
            .iter()
            .skip(1)
            .filter(|(q, _, _)| !best.chain.contains(&q.id))
            .all(|(_, s, _)| score - s >= 0.15 - 1e-9);
        if leads {
            return Some(Assignment {
                profile: best.id.clone(),
                source: Source::Heuristic,
                confidence: *score,
                uncertain: false,
                cues: cues.clone(),
                candidates,
            });
        }
    }
    // Fallback: the lowest common ancestor of the candidates at 0.5 or more.
    let strong: Vec<&(&Profile, f64, Vec<String>)> = scored.iter().filter(|s| s.1 >= 0.5).collect();
    let (profile, confidence, cues) = match strong.first() {
        Some(first) => {
            let mut common: Vec<String> = first.0.chain.clone();
            for s in &strong {
                let n = common
                    .iter()
                    .zip(&s.0.chain)
                    .take_while(|(a, b)| a == b)
                    .count();
                common.truncate(n);
            }
            let id = common.last().cloned().unwrap_or_else(|| "decision".into());
            (id, first.1, first.2.clone())
        }
        None => (
            "decision".to_string(),
            0.25,
            vec![format!(
                "{} {}",
                cue_word(lang, "decision"),
                quote(lang, dt.slice(first))
            )],
        ),
    };
    Some(Assignment {
        profile,
        source: Source::Heuristic,
        confidence,
        uncertain: true,
        cues,
        candidates,
    })
}

fn cue_word(lang: Lang, what: &str) -> &'static str {
    match (lang, what) {
        (Lang::Fr, "decision") => "décision",
        (Lang::Fr, "sender") => "expéditeur",
        (Lang::Fr, "domain") => "domaine",
        (Lang::Fr, _) => "code postal",
        (Lang::Nl, "decision") => "beslissing",
        (Lang::Nl, "sender") => "afzender",
        (Lang::Nl, "domain") => "domein",
        (Lang::Nl, _) => "postcode",
        (Lang::De, "decision") => "Entscheidung",
        (Lang::De, "sender") => "Absender",
        (Lang::De, "domain") => "Bereich",
        (Lang::De, _) => "Postleitzahl",
        (Lang::En, "decision") => "decision",
        (Lang::En, "sender") => "sender",
        (Lang::En, "domain") => "domain",
        (Lang::En, _) => "postcode",
    }
}

/// Evaluate one element.
pub fn element(
    data: &Data,
    dt: &DocText<'_>,
    places: &Places,
    prof: &Profile,
    a: &Assignment,
    element: &str,
) -> Outcome {
    match element {
        "appeal-right" => simple(hits(data, dt, element, "hit")),
        "appeal-court" => appeal_court(data, dt),
        "court-address" => court_address(data, dt),
        "appeal-deadline" => deadline(data, dt, places, prof, a),
        "appeal-form" => appeal_form(data, dt, places),
        "judicial-code-728-1017" => judicial_code(data, dt),
        "file-reference" => file_reference(data, dt),
        "handling-service" => simple(hits(data, dt, element, "unit")),
        "right-to-explanation" => explanation(data, dt),
        "appeal-not-suspensive" => {
            let bad = hits(data, dt, element, "misstated");
            if let Some(h) = bad.first() {
                return Outcome {
                    status: Status::Misleading,
                    problems: vec![Problem::new("misstated", Some(*h), false)],
                };
            }
            simple(hits(data, dt, element, "hit"))
        }
        _ => Outcome::present(),
    }
}

fn simple(h: Vec<Hit>) -> Outcome {
    if h.is_empty() {
        Outcome::missing("missing", None)
    } else {
        Outcome::present()
    }
}

/// Court names: register names, outdated names and generic forms.
fn court_hits(data: &Data, dt: &DocText<'_>) -> (Vec<Hit>, Vec<Hit>, Vec<Hit>) {
    let register = dt.find_all(&data.court);
    let outdated: Vec<Hit> = data
        .outdated
        .iter()
        .flat_map(|o| dt.find_all(&o.re))
        .collect();
    let generic = hits(data, dt, "appeal-court", "generic");
    (register, outdated, generic)
}

fn addresses(data: &Data, dt: &DocText<'_>) -> Vec<Hit> {
    dt.find_all(&data.address)
        .into_iter()
        .filter(|h| {
            !matches!(
                dt.block_of(*h),
                Some(BlockKind::Sender | BlockKind::Header | BlockKind::Address)
            )
        })
        .collect()
}

fn address_after(dt: &DocText<'_>, court: Hit, addrs: &[Hit]) -> bool {
    addrs
        .iter()
        .any(|a| a.0 >= court.1 && dt.gap(court, *a) <= 30)
}

fn appeal_court(data: &Data, dt: &DocText<'_>) -> Outcome {
    let (register, outdated, generic) = court_hits(data, dt);
    if !register.is_empty() {
        return Outcome::present();
    }
    if !outdated.is_empty() {
        // Reported by X2 (`x/outdated-court`), with the current name.
        return Outcome {
            status: Status::Partial,
            problems: Vec::new(),
        };
    }
    let addrs = addresses(data, dt);
    if generic.iter().any(|g| address_after(dt, *g, &addrs)) {
        return Outcome::present();
    }
    match generic.first() {
        Some(g) => Outcome {
            status: Status::Partial,
            problems: vec![Problem::new("not-identified", Some(*g), true)],
        },
        None => Outcome::missing("missing", None),
    }
}

fn court_address(data: &Data, dt: &DocText<'_>) -> Outcome {
    let (register, outdated, generic) = court_hits(data, dt);
    let courts: Vec<Hit> = register
        .into_iter()
        .chain(outdated)
        .chain(generic)
        .collect();
    let addrs = addresses(data, dt);
    if courts.iter().any(|c| address_after(dt, *c, &addrs)) {
        return Outcome::present();
    }
    let web = hits(data, dt, "court-address", "website");
    let web_near = web
        .iter()
        .find(|w| courts.iter().any(|c| w.0 >= c.1 && dt.gap(*c, **w) <= 30));
    match web_near {
        Some(w) => Outcome::missing("website-only", Some(*w)),
        None => Outcome::missing("missing", None),
    }
}

fn in_range(h: Hit, r: Option<Hit>) -> bool {
    r.is_some_and(|r| h.0 >= r.0 && h.1 <= r.1)
}

/// The number and unit inside a deadline phrase.
fn parse_value(data: &Data, s: &str) -> Option<(u32, Unit)> {
    let toks: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    for (i, t) in toks.iter().enumerate() {
        let n = t
            .parse::<u32>()
            .ok()
            .or_else(|| data.numbers.get(t).copied());
        if let (Some(n), Some(u)) = (n, toks.get(i + 1).and_then(|u| data.units.get(u))) {
            return Some((n, *u));
        }
    }
    None
}

fn deadline(
    data: &Data,
    dt: &DocText<'_>,
    places: &Places,
    prof: &Profile,
    a: &Assignment,
) -> Outcome {
    let e = "appeal-deadline";
    let anchors = hits(data, dt, e, "anchor");
    let unless = hits(data, dt, e, "unless-before");
    let near_anchor = |h: Hit, n: usize| anchors.iter().any(|x| dt.gap(h, *x) <= n);
    let values: Vec<Hit> = hits(data, dt, e, "value")
        .into_iter()
        .filter(|h| in_range(*h, places.appeal) || near_anchor(*h, 15))
        .filter(|h| !unless.iter().any(|u| u.1 <= h.0 && dt.gap(*u, *h) <= 3))
        .collect();
    let Some(value) = values.first().copied() else {
        let vague = hits(data, dt, e, "vague")
            .into_iter()
            .find(|h| in_range(*h, places.appeal) || near_anchor(*h, 15));
        return match vague {
            Some(v) => Outcome::missing("vague", Some(v)),
            None => Outcome::missing("missing", None),
        };
    };
    let mut problems = Vec::new();
    let mut status = Status::Present;
    let good = hits(data, dt, e, "start-good");
    let bad = hits(data, dt, e, "start-bad");
    if !good.iter().any(|g| dt.gap(value, *g) <= 20) {
        if let Some(b) = bad.iter().find(|b| dt.gap(value, **b) <= 20) {
            status = Status::Misleading;
            problems.push(Problem::new("wrong-start", Some(*b), false));
        } else {
            status = Status::Partial;
            problems.push(Problem::new("no-start", Some(value), false));
        }
    }
    if let (Some(expected), false) = (prof.route.deadline, a.uncertain)
        && let Some(found) = parse_value(data, dt.slice(value))
        && found != expected
    {
        status = Status::Misleading;
        let lang = dt.doc.main_lang().unwrap_or(Lang::Fr);
        problems.push(
            Problem::new("wrong-value", Some(value), false)
                .arg(
                    "found",
                    format!("{} {}", found.0, found.1.word(lang, found.0)),
                )
                .arg("deadline", super::deadline_text(prof, lang)),
        );
    }
    Outcome { status, problems }
}

fn appeal_form(data: &Data, dt: &DocText<'_>, places: &Places) -> Outcome {
    let e = "appeal-form";
    let scope = places.appeal.unwrap_or((0, dt.text.len()));
    let found = |name: &str| {
        list(data, e, name)
            .map(|re| !dt.find_in(re, scope).is_empty())
            .unwrap_or(false)
    };
    let (written, registry, channel) = (found("written"), found("registry"), found("channel"));
    let groups = [written, registry, channel].iter().filter(|x| **x).count();
    if channel && groups >= 2 {
        Outcome::present()
    } else if groups > 0 {
        Outcome {
            status: Status::Partial,
            problems: vec![Problem::new("incomplete", None, true)],
        }
    } else {
        Outcome::missing("missing", None)
    }
}

fn judicial_code(data: &Data, dt: &DocText<'_>) -> Outcome {
    let e = "judicial-code-728-1017";
    let has = |name: &str| !hits(data, dt, e, name).is_empty();
    if let Some(m) = hits(data, dt, e, "misstated").first() {
        return Outcome {
            status: Status::Misleading,
            problems: vec![Problem::new("costs-misstated", Some(*m), false)],
        };
    }
    let (in_person, lawyer, delegate, family, proxy) = (
        has("in-person"),
        has("lawyer"),
        has("delegate"),
        has("family"),
        has("proxy"),
    );
    let rep = [in_person, lawyer, delegate, family, proxy]
        .iter()
        .filter(|x| **x)
        .count();
    let (costs, exception) = (has("costs"), has("exception"));
    if rep < 2 && !costs && !exception {
        return match hits(data, dt, e, "numbers").first() {
            Some(n) => Outcome::missing("numbers-only", Some(*n)),
            None => Outcome::missing("missing", None),
        };
    }
    let mut problems = Vec::new();
    if !(rep >= 3 && lawyer && (delegate || family)) {
        problems.push(Problem::new("representation-incomplete", None, true));
    }
    if costs && !exception {
        problems.push(Problem::new("costs-without-exception", None, true));
    } else if !costs && !exception {
        problems.push(Problem::new("costs-missing", None, true));
    }
    // One fix is enough: the template covers both parts.
    for p in problems.iter_mut().skip(1) {
        p.fix = false;
    }
    Outcome {
        status: if problems.is_empty() {
            Status::Present
        } else {
            Status::Partial
        },
        problems,
    }
}

fn file_reference(data: &Data, dt: &DocText<'_>) -> Outcome {
    let labels = hits(data, dt, "file-reference", "label");
    let ok = labels.iter().any(|l| {
        let end = (l.1 + 120).min(dt.text.len());
        let end = (end..=dt.text.len())
            .find(|&i| dt.text.is_char_boundary(i))
            .unwrap_or(dt.text.len());
        let tail = dt.text.get(l.1..end).unwrap_or("");
        data.ref_code.find_iter(tail).any(|m| {
            m.as_str().chars().any(|c| c.is_ascii_digit())
                && dt.gap(*l, (l.1 + m.start(), l.1 + m.end())) <= 5
        })
    });
    if ok {
        Outcome::present()
    } else {
        Outcome::missing("missing", None)
    }
}

fn explanation(data: &Data, dt: &DocText<'_>) -> Outcome {
    let e = "right-to-explanation";
    let phrases = hits(data, dt, e, "hit");
    let channels = hits(data, dt, e, "channel");
    if phrases
        .iter()
        .any(|p| channels.iter().any(|c| c.0 >= p.0 && dt.gap(*p, *c) <= 25))
    {
        return Outcome::present();
    }
    match phrases.first() {
        Some(p) => Outcome {
            status: Status::Partial,
            problems: vec![Problem::new("no-channel", Some(*p), true)],
        },
        None => Outcome::missing("missing", None),
    }
}

/// X1 placeholders left, X3 complaint said to stop the appeal clock.
pub fn cross_checks(data: &Data, dt: &DocText<'_>, analyses: &[BlockAnalysis]) -> Vec<Cross> {
    let mut out = Vec::new();
    for h in dt.find_all(&data.placeholders) {
        out.push(Cross {
            code: "placeholder-left",
            hit: h,
            severity: Severity::Error,
            args: vec![("marker".into(), dt.slice(h).trim().to_string())],
        });
    }
    let x = "cross-checks";
    let (Some(complaint), Some(deadline), Some(stops), Some(negated)) = (
        list(data, x, "complaint"),
        list(data, x, "deadline-word"),
        list(data, x, "stops"),
        list(data, x, "negated"),
    ) else {
        return out;
    };
    for (b, a) in analyses.iter().enumerate() {
        let Some(block) = dt.doc.blocks.get(b) else {
            continue;
        };
        let (bs, _) = dt.block_range(b);
        for u in &a.units {
            let s = u.unit.span.slice(&block.text);
            if complaint.is_match(s)
                && deadline.is_match(s)
                && !negated.is_match(s)
                && let Some(m) = stops.find(s)
            {
                let _ = m;
                let start = bs + u.unit.span.start as usize;
                out.push(Cross {
                    code: "complaint-as-appeal",
                    hit: (start, bs + u.unit.span.end as usize),
                    severity: Severity::Error,
                    args: Vec::new(),
                });
            }
        }
    }
    out
}

/// X2: pre-2014 court names.
pub fn outdated_courts(data: &Data, dt: &DocText<'_>) -> Vec<Cross> {
    let mut out = Vec::new();
    for o in &data.outdated {
        for h in dt.find_all(&o.re) {
            out.push(Cross {
                code: "outdated-court",
                hit: h,
                severity: Severity::Error,
                args: vec![
                    ("name".into(), dt.slice(h).to_string()),
                    ("now".into(), o.now.clone()),
                ],
            });
        }
    }
    out
}
