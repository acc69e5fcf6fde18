//! Element detectors, cross-cutting checks, letter sections and profile detection.

use super::data::{Data, Kind, Mixin, Profile, Requirement, Unit};
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
    fn not_applicable() -> Self {
        Outcome {
            status: Status::NotApplicable,
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
    /// The block where missing reasons and payment details go: the last paragraph before
    /// the appeal section (spec §4.7 `after-decision`).
    pub decision_block: Option<usize>,
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
        let decision_block = match section {
            Some((a, _)) if a > 0 => (0..a).rev().find(|&i| prose(i)).or(insert_block),
            _ => insert_block,
        };
        Places {
            appeal,
            insert_block,
            decision_block,
        }
    }

    /// Block and block-relative span of a global hit (clipped to its block).
    pub fn span_of(&self, dt: &DocText<'_>, h: Hit) -> (Option<usize>, Span) {
        let (b, s) = dt.locate(h.0);
        let (bs, be) = dt.block_range(b);
        let end = h.1.min(be).saturating_sub(bs);
        (Some(b), Span::new(s, end.max(s)))
    }

    /// Where a missing mention is reported: the last sentence of the insertion block (or,
    /// for the decision's own parts, of the last paragraph before the appeal section).
    pub fn insertion_span(
        &self,
        dt: &DocText<'_>,
        analyses: &[BlockAnalysis],
        after_decision: bool,
    ) -> (Option<usize>, Span) {
        let block = if after_decision {
            self.decision_block
        } else {
            self.insert_block
        };
        let Some(b) = block else {
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
    pub fn insertion_point(
        &self,
        dt: &DocText<'_>,
        after_decision: bool,
    ) -> Option<(usize, usize)> {
        let b = if after_decision {
            self.decision_block?
        } else {
            self.insert_block?
        };
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
pub fn assign(
    data: &Data,
    dt: &DocText<'_>,
    lang: Lang,
    min_confidence: f64,
) -> Option<Assignment> {
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
        && *score >= min_confidence
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
    req: &Requirement,
) -> Outcome {
    match element {
        "contact-person" => contact_person(data, dt, req),
        "reasons" => reasons(data, dt, places),
        "payment-details" => payment_details(data, dt, places, req),
        "recovery-details" => recovery_details(data, dt),
        "prescription-period" => simple(hits(data, dt, element, "hit")),
        "ombudsman" => ombudsman(data, dt, req),
        "gdpr-information" => gdpr(data, dt),
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
    // Courts are reached through their registry (« greffe », « griffie », « Kanzlei »): an
    // address right after the registry word is the court's address too.
    let registry = hits(data, dt, "appeal-form", "registry");
    let courts: Vec<Hit> = register
        .into_iter()
        .chain(outdated)
        .chain(generic)
        .chain(registry)
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
    let mut channels = hits(data, dt, e, "channel");
    channels.extend(dt.find_all(&data.person));
    channels.extend(hits(data, dt, "contact-person", "role"));
    channels.extend(hits(data, dt, "contact-person", "label"));
    if !dt.find_all(&data.address).is_empty() {
        channels.extend(hits(data, dt, "handling-service", "unit"));
    }
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

/// The sentence around a global offset (bounded by `.`, `!` or `?` followed by white
/// space, a blank line, or the text's ends).
pub fn sentence_of(dt: &DocText<'_>, pos: usize) -> Hit {
    let t = dt.text.as_bytes();
    let is_end = |i: usize| {
        let c = t.get(i).copied().unwrap_or(b'\n');
        // A single line break is a soft wrap; a blank line ends the block.
        (c == b'\n' && (t.get(i + 1) == Some(&b'\n') || i == 0 || t.get(i - 1) == Some(&b'\n')))
            || (matches!(c, b'.' | b'!' | b'?')
                && t.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
    };
    let mut s = pos.min(t.len());
    while s > 0 && !is_end(s - 1) {
        s -= 1;
    }
    let mut e = pos.min(t.len());
    while e < t.len() && !is_end(e) {
        e += 1;
    }
    let e = (e + 1).min(t.len());
    let fix = |mut i: usize| {
        while i > 0 && !dt.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    (fix(s), fix(e))
}

fn within(h: Hit, r: Hit) -> bool {
    h.0 >= r.0 && h.1 <= r.1
}

/// The decision section: everything before the appeal section (the whole text without one).
fn decision_scope(dt: &DocText<'_>, places: &Places) -> Hit {
    match places.appeal {
        Some((s, _)) if s > 0 => (0, s),
        _ => (0, dt.text.len()),
    }
}

fn outside_letterhead(dt: &DocText<'_>, h: Hit) -> bool {
    !matches!(
        dt.block_of(h),
        Some(BlockKind::Sender | BlockKind::Header | BlockKind::Address)
    )
}

/// E9 contact-person: a named person near a label, role word, phone or e-mail, with the
/// fields the profile asks for.
fn contact_person(data: &Data, dt: &DocText<'_>, req: &Requirement) -> Outcome {
    let e = "contact-person";
    let labels = hits(data, dt, e, "label");
    let roles = hits(data, dt, e, "role");
    let phones = dt.find_all(&data.phone);
    let emails = dt.find_all(&data.email);
    let not_addressee = |n: &Hit| !matches!(dt.block_of(*n), Some(BlockKind::Address));
    let mut names: Vec<Hit> = dt
        .find_all(&data.person)
        .into_iter()
        .filter(not_addressee)
        .filter(|n| {
            labels.iter().chain(&roles).any(|l| dt.gap(*l, *n) <= 12)
                || phones
                    .iter()
                    .chain(&emails)
                    .any(|p| p.0 >= n.1 && dt.gap(*n, *p) <= 12)
        })
        .collect();
    names.extend(
        dt.find_all(&data.person_loose)
            .into_iter()
            .filter(not_addressee)
            .filter(|n| labels.iter().chain(&roles).any(|l| dt.gap(*l, *n) <= 3)),
    );
    if names.is_empty() {
        return Outcome::missing("missing", None);
    }
    let near = |list: &[Hit], n: usize| {
        names
            .iter()
            .any(|m| list.iter().any(|x| dt.gap(*m, *x) <= n))
    };
    let mut missing = Vec::new();
    for f in &req.fields {
        let ok = match f.as_str() {
            "name" => true,
            "role" => {
                // The profile's role (social worker, dossierbeheerder) or any capacity
                // word: a case handler named with a capacity is not flagged.
                let mut list = match req.role.as_deref() {
                    Some("social-worker") => hits(data, dt, e, "role-social-worker"),
                    Some("dossierbeheerder") => hits(data, dt, e, "role-dossierbeheerder"),
                    _ => Vec::new(),
                };
                list.extend(roles.iter().copied());
                list.extend(labels.iter().copied());
                near(&list, 15)
            }
            "phone" => near(&phones, 30),
            "email" => near(&emails, 30),
            "address" => !dt.find_all(&data.address).is_empty(),
            _ => true,
        };
        if !ok {
            missing.push(f.clone());
        }
    }
    if missing.is_empty() {
        return Outcome::present();
    }
    let lang = dt.doc.main_lang().unwrap_or(Lang::Fr);
    let words: Vec<&str> = missing.iter().map(|f| field_word(lang, f)).collect();
    Outcome {
        status: Status::Partial,
        problems: vec![Problem::new("fields-missing", None, true).arg("fields", words.join(", "))],
    }
}

fn field_word(lang: Lang, f: &str) -> &'static str {
    match (lang, f) {
        (Lang::Fr, "role") => "fonction",
        (Lang::Fr, "phone") => "téléphone",
        (Lang::Fr, "email") => "adresse e-mail",
        (Lang::Fr, "address") => "adresse",
        (Lang::Fr, _) => "nom",
        (Lang::Nl, "role") => "functie",
        (Lang::Nl, "phone") => "telefoonnummer",
        (Lang::Nl, "email") => "e-mailadres",
        (Lang::Nl, "address") => "adres",
        (Lang::Nl, _) => "naam",
        (Lang::De, "role") => "Funktion",
        (Lang::De, "phone") => "Telefonnummer",
        (Lang::De, "email") => "E-Mail-Adresse",
        (Lang::De, "address") => "Anschrift",
        (Lang::De, _) => "Name",
        (Lang::En, "role") => "role",
        (Lang::En, "phone") => "phone",
        (Lang::En, "email") => "e-mail",
        (Lang::En, "address") => "address",
        (Lang::En, _) => "name",
    }
}

/// E11 reasons: facts and legal grounds before the appeal section.
fn reasons(data: &Data, dt: &DocText<'_>, places: &Places) -> Outcome {
    let e = "reasons";
    let scope = decision_scope(dt, places);
    let in_scope = |list: &str| -> Vec<Hit> {
        hits(data, dt, e, list)
            .into_iter()
            .filter(|h| within(*h, scope))
            .collect()
    };
    let basis: Vec<Hit> = in_scope("legal-basis")
        .into_iter()
        .filter(|h| {
            let s = dt.slice(*h);
            !(s.contains("728") || s.contains("1017"))
        })
        .collect();
    let concrete: Vec<Hit> = dt
        .find_all(&data.date)
        .into_iter()
        .chain(dt.find_all(&data.amount))
        .chain(number_re().map(|re| dt.find_all(re)).unwrap_or_default())
        .filter(|h| within(*h, scope) && outside_letterhead(dt, *h))
        .collect();
    let cues: Vec<Hit> = decision_cues(data, dt)
        .into_iter()
        .filter(|h| within(*h, scope))
        .collect();
    let facts = !in_scope("connective").is_empty()
        || cues
            .iter()
            .any(|c| concrete.iter().any(|x| dt.gap(*c, *x) <= 40));
    let mut problems = Vec::new();
    let status = match (facts, !basis.is_empty()) {
        (true, true) => Status::Present,
        (false, true) => {
            problems.push(Problem::new("basis-only", basis.first().copied(), false));
            Status::Partial
        }
        (true, false) => {
            problems.push(Problem::new("no-basis", None, true));
            Status::Partial
        }
        (false, false) => match in_scope("stock-formula").first() {
            Some(h) => {
                problems.push(Problem::new("stock-formula", Some(*h), false));
                Status::Partial
            }
            None => {
                problems.push(Problem::new("missing", None, true));
                Status::Missing
            }
        },
    };
    if let Some(u) = hits(data, dt, e, "unattached").first()
        && hits(data, dt, e, "attached").is_empty()
    {
        let mut p = Problem::new("unattached-reference", Some(*u), false);
        p.severity = Some(Severity::Warning);
        problems.push(p);
    }
    Outcome { status, problems }
}

fn number_re() -> Option<&'static Pattern> {
    static RE: std::sync::OnceLock<Option<Pattern>> = std::sync::OnceLock::new();
    RE.get_or_init(|| Pattern::new(r"\b\d+(?:[.,]\d+)?\b").ok())
        .as_ref()
}

/// E12 payment-details: only when the decision grants money (an amount and a grant cue in
/// one sentence of the decision section).
fn payment_details(data: &Data, dt: &DocText<'_>, places: &Places, req: &Requirement) -> Outcome {
    let e = "payment-details";
    let scope = decision_scope(dt, places);
    let Some(grant) = list(data, e, "grant") else {
        return Outcome::not_applicable();
    };
    let amounts: Vec<Hit> = dt
        .find_all(&data.amount)
        .into_iter()
        .filter(|h| within(*h, scope))
        .filter(|h| {
            let s = sentence_of(dt, h.0);
            grant.is_match(dt.slice(s))
        })
        .collect();
    if amounts.is_empty() {
        return Outcome::not_applicable();
    }
    let near = |name: &str, n: usize| {
        hits(data, dt, e, name)
            .iter()
            .any(|x| amounts.iter().any(|a| dt.gap(*a, *x) <= n))
    };
    let mut problems = Vec::new();
    for (part, sev) in &req.parts {
        let ok = match part.as_str() {
            "calculation" => near("calculation", 40),
            "periodicity" => near("periodicity", 20),
            _ => true,
        };
        if !ok {
            let code = match part.as_str() {
                "calculation" => "calculation-missing",
                _ => "periodicity-missing",
            };
            let mut p = Problem::new(code, None, problems.is_empty());
            p.severity = Some(*sev);
            problems.push(p);
        }
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

/// E14 recovery-details (mixin `recovery`); the prescription part is E15.
fn recovery_details(data: &Data, dt: &DocText<'_>) -> Outcome {
    let e = "recovery-details";
    let has = |name: &str| !hits(data, dt, e, name).is_empty();
    let amounts = dt.find_all(&data.amount);
    let explained: Vec<Hit> = hits(data, dt, "payment-details", "calculation")
        .into_iter()
        .chain(hits(data, dt, e, "period"))
        .collect();
    let amount_calc = amounts
        .iter()
        .any(|a| explained.iter().any(|x| dt.gap(*a, *x) <= 30));
    let provisions = hits(data, dt, "reasons", "legal-basis");
    let mut problems = Vec::new();
    for (ok, code) in [
        (has("finding"), "finding-missing"),
        (amount_calc, "amount-calculation-missing"),
        (!provisions.is_empty(), "provisions-missing"),
        (has("waiver"), "waiver-missing"),
        (has("instalments"), "instalments-missing"),
    ] {
        if !ok {
            let fix = matches!(code, "waiver-missing" | "instalments-missing")
                && !problems.iter().any(|p: &Problem| p.fix);
            problems.push(Problem::new(code, None, fix));
        }
    }
    let status = if problems.is_empty() {
        Status::Present
    } else {
        Status::Partial
    };
    if let Some(p) = provisions.first()
        && !has("quote")
    {
        let mut hint = Problem::new("quote-provision-text", Some(*p), false);
        hint.severity = Some(Severity::Info);
        problems.push(hint);
    }
    Outcome { status, problems }
}

/// E16 ombudsman: each required body named, with a way to reach it.
fn ombudsman(data: &Data, dt: &DocText<'_>, req: &Requirement) -> Outcome {
    let e = "ombudsman";
    let contacts = hits(data, dt, e, "contact");
    let bodies: Vec<String> = if req.bodies.is_empty() {
        vec!["any".into()]
    } else {
        req.bodies.clone()
    };
    let all_names = [
        "any",
        "payer-complaints",
        "agency-complaints",
        "vlaamse-ombudsdienst",
        "dg-ombudsdienst",
        "federal-ombudsman",
        "brussels-mediator",
    ];
    let mut unnamed = Vec::new();
    let mut unreachable = false;
    let mut any_named = false;
    for b in &bodies {
        let found: Vec<Hit> = if b == "any" {
            all_names
                .iter()
                .flat_map(|n| hits(data, dt, e, n))
                .collect()
        } else {
            hits(data, dt, e, b)
        };
        if found.is_empty() {
            unnamed.push(b.clone());
            continue;
        }
        any_named = true;
        if !found
            .iter()
            .any(|f| contacts.iter().any(|c| dt.gap(*f, *c) <= 30))
        {
            unreachable = true;
        }
    }
    if !any_named {
        return Outcome::missing("missing", None);
    }
    let lang = dt.doc.main_lang().unwrap_or(Lang::Fr);
    if !unnamed.is_empty() {
        let names: Vec<&str> = unnamed.iter().map(|b| body_name(lang, b)).collect();
        return Outcome {
            status: Status::Partial,
            problems: vec![
                Problem::new("bodies-missing", None, true).arg("bodies", names.join(", ")),
            ],
        };
    }
    if unreachable {
        return Outcome {
            status: Status::Partial,
            problems: vec![Problem::new("no-contact", None, false)],
        };
    }
    Outcome::present()
}

fn body_name(lang: Lang, b: &str) -> &'static str {
    match (lang, b) {
        (Lang::Nl, "payer-complaints") => "de klachtendienst van de uitbetaler",
        (Lang::Nl, "agency-complaints") => "de klachtendienst van het agentschap Opgroeien",
        (Lang::Nl, "vlaamse-ombudsdienst") => "de Vlaamse Ombudsdienst",
        (Lang::Nl, "dg-ombudsdienst") => "de Ombudsdienst van de Duitstalige Gemeenschap",
        (Lang::Nl, "federal-ombudsman") => "de Federale Ombudsman",
        (Lang::Nl, _) => "een klachtendienst of ombudsdienst",
        (Lang::Fr, "payer-complaints") => "le service des plaintes de la caisse",
        (Lang::Fr, "agency-complaints") => "le service des plaintes de l'agence Opgroeien",
        (Lang::Fr, "vlaamse-ombudsdienst") => "le Médiateur flamand (Vlaamse Ombudsdienst)",
        (Lang::Fr, "dg-ombudsdienst") => "le service de médiation de la Communauté germanophone",
        (Lang::Fr, "federal-ombudsman") => "le Médiateur fédéral",
        (Lang::Fr, _) => "un service des plaintes ou un médiateur",
        (Lang::De, "payer-complaints") => "die Beschwerdestelle der Kasse",
        (Lang::De, "agency-complaints") => "die Beschwerdestelle der Agentur Opgroeien",
        (Lang::De, "vlaamse-ombudsdienst") => "den Flämischen Ombudsdienst",
        (Lang::De, "dg-ombudsdienst") => "den Ombudsdienst der Deutschsprachigen Gemeinschaft",
        (Lang::De, "federal-ombudsman") => "den Föderalen Ombudsmann",
        (Lang::De, _) => "eine Beschwerdestelle oder einen Ombudsdienst",
        (Lang::En, "payer-complaints") => "the payer's complaints service",
        (Lang::En, "agency-complaints") => "the agency's complaints service",
        (Lang::En, "vlaamse-ombudsdienst") => "the Flemish Ombudsman",
        (Lang::En, "dg-ombudsdienst") => "the Ombudsman of the German-speaking Community",
        (Lang::En, "federal-ombudsman") => "the Federal Ombudsman",
        (Lang::En, _) => "a complaints service or ombudsman",
    }
}

const GDPR_PARTS: &[&str] = &[
    "controller",
    "dpo",
    "purpose-basis",
    "retention",
    "rights",
    "complaint",
    "mandatory",
];

/// E17 gdpr-information (mixin `data-request`).
fn gdpr(data: &Data, dt: &DocText<'_>) -> Outcome {
    let e = "gdpr-information";
    if let Some(h) = hits(data, dt, e, "by-reference").first() {
        let mut p = Problem::new("by-reference", Some(*h), false);
        p.severity = Some(Severity::Info);
        return Outcome {
            status: Status::Present,
            problems: vec![p],
        };
    }
    let missing: Vec<&str> = GDPR_PARTS
        .iter()
        .copied()
        .filter(|p| hits(data, dt, e, p).is_empty())
        .collect();
    if missing.is_empty() {
        return Outcome::present();
    }
    if missing.len() == GDPR_PARTS.len() {
        return Outcome::missing("missing", None);
    }
    let lang = dt.doc.main_lang().unwrap_or(Lang::Fr);
    let words: Vec<&str> = missing.iter().map(|p| gdpr_word(lang, p)).collect();
    Outcome {
        status: Status::Partial,
        problems: vec![Problem::new("partial", None, true).arg("parts", words.join(", "))],
    }
}

fn gdpr_word(lang: Lang, p: &str) -> &'static str {
    match (lang, p) {
        (Lang::Fr, "controller") => "responsable du traitement",
        (Lang::Fr, "dpo") => "délégué à la protection des données",
        (Lang::Fr, "purpose-basis") => "finalité et base juridique",
        (Lang::Fr, "retention") => "durée de conservation",
        (Lang::Fr, "rights") => "droits d'accès et de rectification",
        (Lang::Fr, "complaint") => "plainte auprès de l'Autorité de protection des données",
        (Lang::Fr, _) => "caractère obligatoire et conséquences",
        (Lang::Nl, "controller") => "verwerkingsverantwoordelijke",
        (Lang::Nl, "dpo") => "functionaris voor gegevensbescherming",
        (Lang::Nl, "purpose-basis") => "doel en rechtsgrond",
        (Lang::Nl, "retention") => "bewaartermijn",
        (Lang::Nl, "rights") => "recht op inzage en verbetering",
        (Lang::Nl, "complaint") => "klacht bij de Gegevensbeschermingsautoriteit",
        (Lang::Nl, _) => "verplicht of niet, en de gevolgen",
        (Lang::De, "controller") => "Verantwortlicher",
        (Lang::De, "dpo") => "Datenschutzbeauftragter",
        (Lang::De, "purpose-basis") => "Zweck und Rechtsgrundlage",
        (Lang::De, "retention") => "Speicherdauer",
        (Lang::De, "rights") => "Recht auf Auskunft und Berichtigung",
        (Lang::De, "complaint") => "Beschwerde bei der Datenschutzbehörde",
        (Lang::De, _) => "Pflicht oder nicht, und die Folgen",
        (Lang::En, "controller") => "controller",
        (Lang::En, "dpo") => "data protection officer",
        (Lang::En, "purpose-basis") => "purpose and legal basis",
        (Lang::En, "retention") => "retention period",
        (Lang::En, "rights") => "rights of access and rectification",
        (Lang::En, "complaint") => "complaint to the Data Protection Authority",
        (Lang::En, _) => "whether mandatory, and the consequences",
    }
}

/// Mixins detected from the text (recovery, data request), with the cue that matched.
pub fn detected_mixins<'d>(data: &'d Data, dt: &DocText<'_>) -> Vec<(&'d Mixin, Hit)> {
    let mut out = Vec::new();
    let amounts = dt.find_all(&data.amount);
    for m in data.mixins.values() {
        let Some(re) = &m.cue else { continue };
        let hit = dt.find_all(re).into_iter().find(|h| match m.near_amount {
            Some(n) => amounts.iter().any(|a| dt.gap(*h, *a) <= n),
            None => true,
        });
        if let Some(h) = hit {
            out.push((m, h));
        }
    }
    out
}

/// X4, X5, X6, X7, X9. `court`: the profile's route goes to a court.
pub fn more_cross_checks(data: &Data, dt: &DocText<'_>, lang: Lang, court: bool) -> Vec<Cross> {
    let x = "cross-checks";
    let mut out = Vec::new();
    let sentence_has = |h: Hit, name: &str| {
        let s = sentence_of(dt, h.0);
        list(data, x, name).is_some_and(|re| re.is_match(dt.slice(s)))
    };
    if court {
        // X4 wrong-forum.
        for h in
            hits(data, dt, x, "other-court")
                .into_iter()
                .chain(hits(data, dt, x, "self-addressee"))
        {
            if sentence_has(h, "appeal-word") && !sentence_has(h, "forum-negated") {
                out.push(Cross {
                    code: "wrong-forum",
                    hit: h,
                    severity: Severity::Error,
                    args: vec![("name".into(), dt.slice(h).to_string())],
                });
            }
        }
        // X9 filing-by-email.
        for h in hits(data, dt, x, "email-channel") {
            if sentence_has(h, "filing") && !sentence_has(h, "email-guard") {
                out.push(Cross {
                    code: "filing-by-email",
                    hit: h,
                    severity: basis_severity(data, "filing-by-email", Severity::Warning),
                    args: Vec::new(),
                });
                break;
            }
        }
    }
    // X7 discouraging.
    for h in hits(data, dt, x, "discouraging") {
        if sentence_has(h, "appeal-word") {
            out.push(Cross {
                code: "discouraging",
                hit: h,
                severity: Severity::Warning,
                args: vec![("cue".into(), dt.slice(h).to_string())],
            });
        }
    }
    let appeal = hits(data, dt, "appeal-right", "hit");
    // X5 annex-unreferenced: the appeal is explained only in an annex the body never
    // points to.
    if let Some(annex) = annex_start(data, dt)
        && !appeal.is_empty()
        && appeal.iter().all(|h| h.0 >= annex)
        && !hits(data, dt, x, "annex-reference")
            .iter()
            .any(|r| r.1 <= annex)
    {
        out.push(Cross {
            code: "annex-unreferenced",
            hit: (annex, dt.block_range(dt.locate(annex).0).1),
            severity: Severity::Warning,
            args: Vec::new(),
        });
    }
    // X6 other-language-only: the appeal is explained, but not in the letter's language.
    if lang != Lang::En
        && let Some(first) = appeal.first()
        && let Some(el) = data.elements.get("appeal-right")
        && el
            .list_in("hit", lang.code())
            .is_some_and(|re| dt.find_all(re).is_empty())
    {
        out.push(Cross {
            code: "other-language-only",
            hit: *first,
            severity: basis_severity(data, "language-laws-1966", Severity::Warning),
            args: Vec::new(),
        });
    }
    out
}

/// Severity of a single basis, with the `?` cap.
fn basis_severity(data: &Data, id: &str, default: Severity) -> Severity {
    match data.sources.get(id) {
        Some(s) if s.unconfirmed => s.severity.min(Severity::Warning),
        Some(s) => s.severity,
        None => default,
    }
}

/// Where an annex or back page starts: a heading (or a short line) naming it, after the
/// first block.
fn annex_start(data: &Data, dt: &DocText<'_>) -> Option<usize> {
    let re = list(data, "cross-checks", "annex-heading")?;
    dt.doc.blocks.iter().enumerate().skip(1).find_map(|(i, b)| {
        let short = b.text.split_whitespace().count() <= 6;
        (short && (is_heading(b.kind) || b.text.trim().len() < 40))
            .then(|| re.find(b.text.trim_start()))
            .flatten()
            .filter(|m| m.0 == 0)
            .map(|_| dt.block_range(i).0)
    })
}
