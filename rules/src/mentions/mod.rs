//! Mandatory mentions in decision letters (MANDATORY-MENTIONS.md): letter profiles,
//! element detectors and profile detection. The rule `mandatory-mentions` turns an
//! [`Evaluation`] into findings.
//!
//! Matching runs over the whole document (headers, footers and annexes included), in
//! every language at once; messages and fixes are in the letter's language.

pub mod data;
mod detect;
pub mod pattern;
pub mod phrase;

use crate::finding::{Edit, Fix, Severity};
use crate::messages::msg;
use crate::settings::ProfileSource;
pub use data::{Data, Kind, Profile, data, profile_ids};
use pattern::Pattern;
use plainly_text::{BlockAnalysis, BlockKind, Document, Lang, Span};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The rule id of the family.
pub const RULE: &str = "mandatory-mentions";

/// How far an element is satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Present,
    Partial,
    Missing,
    Misleading,
    /// The element does not apply to this letter (e.g. payment details in a refusal).
    NotApplicable,
}

/// Where the profile came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--profile` on the command line.
    Cli,
    /// A `plainly-profile:` marker in the document (front matter or hidden comment).
    Marker,
    /// `plainly.toml`: `profile`, `[[overrides]]` or `[[mandatory.assign]]`.
    Config,
    /// Detected from the text.
    Heuristic,
}

/// How the profile is chosen (§3.5): the configured name and where it came from, and the
/// `[mandatory]` options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choice<'a> {
    pub profile: Option<&'a str>,
    pub source: ProfileSource,
    /// A profile chosen by the heuristics becomes an error finding.
    pub require_explicit: bool,
    /// Threshold of the heuristics (default [`MIN_CONFIDENCE`]).
    pub min_confidence: Option<f64>,
    /// Mixins added by the configuration.
    pub with: &'a [String],
}

/// Default threshold of the profile heuristics (§3.5).
pub const MIN_CONFIDENCE: f64 = 0.75;

/// Confidence from which a heuristic profile that contradicts an explicit one is reported.
const CONFLICT_CONFIDENCE: f64 = 0.8;

/// The `plainly-profile: <id>` marker of a text, Markdown or HTML document: in Markdown
/// front matter, in an HTML / Markdown comment, or alone on a line of a text file.
pub fn marker(doc: &Document) -> Option<String> {
    let src = doc.sources.first()?;
    let text = src.text.as_str();
    let value = |line: &str| -> Option<String> {
        let rest = line.trim().strip_prefix("plainly-profile:")?;
        let id = rest.split_whitespace().next()?;
        Some(id.trim_matches(|c| c == '"' || c == '\'').to_string())
    };
    match doc.format.as_str() {
        "md" | "html" => {
            if doc.format == "md"
                && let Some(body) = text
                    .strip_prefix("---\n")
                    .or_else(|| text.strip_prefix("---\r\n"))
            {
                for line in body.lines() {
                    if line.trim_end() == "---" {
                        break;
                    }
                    if let Some(id) = value(line) {
                        return Some(id);
                    }
                }
            }
            let mut from = 0;
            while let Some(start) = text.get(from..).and_then(|t| t.find("<!--")) {
                let body = from + start + 4;
                let end = text
                    .get(body..)
                    .and_then(|t| t.find("-->"))
                    .map_or(text.len(), |e| body + e);
                if let Some(id) = text.get(body..end).and_then(value) {
                    return Some(id);
                }
                from = end;
            }
            None
        }
        "txt" => text.lines().find_map(value),
        _ => None,
    }
}

/// The profile a document was checked with, and why.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub profile: String,
    pub source: Source,
    pub confidence: f64,
    /// No profile led clearly: a common ancestor was assigned and values are not validated.
    pub uncertain: bool,
    /// The cues that matched, as quoted text.
    pub cues: Vec<String>,
    /// Candidate profiles and their scores (heuristics only), best first.
    pub candidates: Vec<(String, f64)>,
}

/// One problem found, before it becomes a [`crate::Finding`].
#[derive(Debug, Clone)]
pub struct MentionFinding {
    /// `profile/detected`, `appeal-deadline/vague`, `x/complaint-as-appeal`, …
    pub code: String,
    pub element: Option<String>,
    pub severity: Severity,
    pub block: Option<usize>,
    pub span: Span,
    pub message: String,
    pub fix: Option<Fix>,
}

/// The outcome of checking one document.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub assignment: Option<Assignment>,
    /// Status of every element the profile requires.
    pub statuses: BTreeMap<String, Status>,
    pub findings: Vec<MentionFinding>,
}

impl Evaluation {
    /// The finding codes, for tests and summaries.
    pub fn codes(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.code.as_str()).collect()
    }
}

/// The document as one text (blocks joined by blank lines), with word positions.
#[derive(Debug)]
pub(crate) struct DocText<'a> {
    pub text: String,
    starts: Vec<usize>,
    words: Vec<usize>,
    pub doc: &'a Document,
}

/// A match: global byte range.
pub(crate) type Hit = (usize, usize);

fn word_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}]+").ok())
        .as_ref()
}

impl<'a> DocText<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(doc.blocks.len());
        for (i, b) in doc.blocks.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
            }
            starts.push(text.len());
            text.push_str(&b.text);
        }
        let words = word_re()
            .map(|re| re.find_iter(&text).map(|m| m.start()).collect())
            .unwrap_or_default();
        DocText {
            text,
            starts,
            words,
            doc,
        }
    }

    pub fn find_all(&self, re: &Pattern) -> Vec<Hit> {
        re.find_all(&self.text)
    }

    pub fn find_in(&self, re: &Pattern, range: (usize, usize)) -> Vec<Hit> {
        self.find_all(re)
            .into_iter()
            .filter(|h| h.0 >= range.0 && h.1 <= range.1)
            .collect()
    }

    pub fn slice(&self, h: Hit) -> &str {
        self.text.get(h.0..h.1).unwrap_or("")
    }

    fn word_index(&self, pos: usize) -> usize {
        self.words.partition_point(|&s| s < pos)
    }

    /// Words strictly between two hits (0 when they overlap).
    pub fn gap(&self, a: Hit, b: Hit) -> usize {
        if b.0 >= a.1 {
            self.word_index(b.0).saturating_sub(self.word_index(a.1))
        } else if a.0 >= b.1 {
            self.word_index(a.0).saturating_sub(self.word_index(b.1))
        } else {
            0
        }
    }

    /// Block index and block-relative offset of a global offset.
    pub fn locate(&self, pos: usize) -> (usize, usize) {
        let i = self.starts.partition_point(|&s| s <= pos).saturating_sub(1);
        (
            i,
            pos.saturating_sub(self.starts.get(i).copied().unwrap_or(0)),
        )
    }

    pub fn block_range(&self, i: usize) -> (usize, usize) {
        let s = self.starts.get(i).copied().unwrap_or(0);
        let len = self.doc.blocks.get(i).map(|b| b.text.len()).unwrap_or(0);
        (s, s + len)
    }

    pub fn block_of(&self, h: Hit) -> Option<BlockKind> {
        self.doc.blocks.get(self.locate(h.0).0).map(|b| b.kind)
    }
}

/// Check a document. `profile` is the configured profile name, if any; names that are
/// not letter profiles (`standard`, `letter`, …) leave the choice to the heuristics.
pub fn evaluate(
    doc: &Document,
    analyses: &[BlockAnalysis],
    lang: Lang,
    profile: Option<&str>,
) -> Evaluation {
    let choice = Choice {
        profile,
        source: ProfileSource::Config,
        ..Default::default()
    };
    evaluate_with(doc, analyses, lang, &choice)
}

/// Check a document, the profile chosen as §3.5 says: `--profile`, then a document
/// marker, then `plainly.toml`, then the heuristics.
pub fn evaluate_with(
    doc: &Document,
    analyses: &[BlockAnalysis],
    lang: Lang,
    choice: &Choice<'_>,
) -> Evaluation {
    let Ok(data) = data() else {
        return Evaluation::default();
    };
    let dt = DocText::new(doc);
    let min_confidence = choice.min_confidence.unwrap_or(MIN_CONFIDENCE);
    let mut early: Vec<MentionFinding> = Vec::new();
    let configured = choice.profile.and_then(|p| data.profiles.get(p));
    let marked = marker(doc);
    let marked_profile = marked.as_deref().and_then(|p| data.profiles.get(p));
    if let (Some(id), None) = (&marked, marked_profile) {
        early.push(MentionFinding {
            message: msg(lang, &format!("{RULE}.profile/bad-marker"), &[("id", id)]),
            code: "profile/bad-marker".into(),
            element: None,
            severity: Severity::Warning,
            block: None,
            span: Span::default(),
            fix: None,
        });
    }
    let explicit = match (configured, choice.source) {
        (Some(p), ProfileSource::Cli) => Some((p, Source::Cli)),
        _ => match (marked_profile, configured) {
            (Some(p), _) => Some((p, Source::Marker)),
            (None, Some(p)) => Some((p, Source::Config)),
            (None, None) => None,
        },
    };
    let assignment = match explicit {
        Some((p, source)) => Some(Assignment {
            profile: p.id.clone(),
            source,
            confidence: 1.0,
            uncertain: false,
            cues: Vec::new(),
            candidates: Vec::new(),
        }),
        None => detect::assign(data, &dt, lang, min_confidence),
    };
    let Some(assignment) = assignment else {
        return Evaluation {
            findings: early,
            ..Default::default()
        };
    };
    let Some(prof) = data.profiles.get(&assignment.profile) else {
        return Evaluation::default();
    };
    let mut ev = Evaluation {
        assignment: Some(assignment.clone()),
        ..Default::default()
    };
    let heuristic = assignment.source == Source::Heuristic;
    // Heuristic assignments only inform (every profile is a draft, §0.3 cap 2): explicit
    // profiles give the severities of the requirement matrix.
    let cap = |s: Severity| if heuristic { Severity::Info } else { s };
    let place = detect::Places::new(data, &dt, analyses);
    ev.findings
        .push(profile_finding(prof, choice.with, &assignment, lang));
    ev.findings.append(&mut early);
    if heuristic && choice.require_explicit {
        ev.findings.push(MentionFinding {
            message: msg(
                lang,
                &format!("{RULE}.profile/not-chosen"),
                &[("id", &prof.id)],
            ),
            code: "profile/not-chosen".into(),
            element: None,
            severity: Severity::Error,
            block: None,
            span: Span::default(),
            fix: None,
        });
    }
    // An explicit profile is never overridden, but a clear contradiction is reported.
    let mut conflict = None;
    if !heuristic
        && let Some(guess) = detect::assign(data, &dt, lang, min_confidence)
        && !guess.uncertain
        && guess.confidence >= CONFLICT_CONFIDENCE - 1e-9
        && !prof.chain.contains(&guess.profile)
        && data
            .profiles
            .get(&guess.profile)
            .is_some_and(|g| !g.chain.contains(&prof.id))
    {
        conflict = Some(guess);
    }
    // Requirements: the profile's (declared mixins included), plus mixins detected from
    // the text, each reported with its cue.
    let mut require = prof.require.clone();
    for m in choice.with.iter().filter_map(|m| data.mixins.get(m)) {
        for (e, r) in &m.require {
            data::merge_requirement(&mut require, e, r);
        }
    }
    if prof.kind != Kind::Brochure {
        for (m, h) in detect::detected_mixins(data, &dt) {
            if prof.with.contains(&m.id) || choice.with.contains(&m.id) {
                continue;
            }
            for (e, r) in &m.require {
                data::merge_requirement(&mut require, e, r);
            }
            let name = m.name_in(lang).to_string();
            let cue = quote(lang, dt.slice(h));
            let (block, span) = place.span_of(&dt, h);
            ev.findings.push(MentionFinding {
                message: msg(
                    lang,
                    &format!("{RULE}.profile/mixin"),
                    &[("mixin", &name), ("id", &m.id), ("cue", &cue)],
                ),
                code: "profile/mixin".into(),
                element: None,
                severity: Severity::Info,
                block,
                span,
                fix: None,
            });
        }
    }
    let unconfirmed = msg(lang, &format!("{RULE}.tag/unconfirmed"), &[]);
    let mut ordered: Vec<(&String, &data::Requirement)> = require.iter().collect();
    ordered.sort_by_key(|(e, _)| {
        data::ELEMENTS
            .iter()
            .position(|x| x == e)
            .unwrap_or(usize::MAX)
    });
    for (element, req) in ordered {
        if !prof.route.court && element == "judicial-code-728-1017" {
            continue;
        }
        let outcome = detect::element(data, &dt, &place, prof, &assignment, element, req);
        ev.statuses.insert(element.clone(), outcome.status);
        for p in outcome.problems {
            // A finding with a fix sits where the mention belongs (the fix's edit is
            // relative to that block); others at the faulty wording.
            let (block, span) = match p.hit {
                Some(h) if !p.fix => place.span_of(&dt, h),
                _ => place.insertion_span(&dt, analyses, after_decision(element)),
            };
            let deadline = deadline_text(prof, lang);
            let mut args: Vec<(&str, &dyn std::fmt::Display)> = p
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display))
                .collect();
            args.push(("deadline", &deadline));
            let code = format!("{element}/{}", p.code);
            let fix = if p.fix {
                fix_for(data, &dt, &place, prof, element, lang)
            } else {
                None
            };
            let severity = p.severity.unwrap_or(req.severity);
            let mut message = msg(lang, &format!("{RULE}.{code}"), &args);
            if req.capped && severity >= Severity::Warning {
                message.push(' ');
                message.push_str(&unconfirmed);
            }
            ev.findings.push(MentionFinding {
                message,
                code,
                element: Some(element.clone()),
                severity: cap(severity),
                block,
                span,
                fix,
            });
        }
    }
    match prof.kind {
        Kind::Decision => {
            let crosses = detect::cross_checks(data, &dt, analyses)
                .into_iter()
                .chain(detect::more_cross_checks(data, &dt, lang, prof.route.court));
            for x in crosses {
                let (block, span) = place.span_of(&dt, x.hit);
                let args: Vec<(&str, &dyn std::fmt::Display)> = x
                    .args
                    .iter()
                    .map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display))
                    .collect();
                ev.findings.push(MentionFinding {
                    message: msg(lang, &format!("{RULE}.x/{}", x.code), &args),
                    code: format!("x/{}", x.code),
                    element: None,
                    severity: cap(x.severity),
                    block,
                    span,
                    fix: None,
                });
            }
            for x in detect::outdated_courts(data, &dt) {
                let (block, span) = place.span_of(&dt, x.hit);
                let args: Vec<(&str, &dyn std::fmt::Display)> = x
                    .args
                    .iter()
                    .map(|(k, v)| (k.as_str(), v as &dyn std::fmt::Display))
                    .collect();
                ev.findings.push(MentionFinding {
                    message: msg(lang, &format!("{RULE}.x/{}", x.code), &args),
                    code: format!("x/{}", x.code),
                    element: Some("appeal-court".into()),
                    severity: cap(x.severity),
                    block,
                    span,
                    fix: None,
                });
            }
        }
        Kind::Information | Kind::Brochure => {
            // X8: a decision addressed to the reader in a letter declared as information.
            if let Some(h) = detect::decision_cues(data, &dt).first().copied() {
                let (block, span) = place.span_of(&dt, h);
                let cue = quote(lang, dt.slice(h));
                ev.findings.push(MentionFinding {
                    message: msg(lang, &format!("{RULE}.x/hidden-decision"), &[("cue", &cue)]),
                    code: "x/hidden-decision".into(),
                    element: None,
                    severity: Severity::Warning,
                    block,
                    span,
                    fix: None,
                });
                // X8 already says the letter makes a decision.
                conflict = None;
            }
        }
    }
    if let Some(guess) = conflict {
        let name = data
            .profiles
            .get(&guess.profile)
            .map_or(guess.profile.as_str(), |g| g.name_in(lang))
            .to_string();
        let chosen = prof.name_in(lang).to_string();
        ev.findings.push(MentionFinding {
            message: msg(
                lang,
                &format!("{RULE}.profile/conflict"),
                &[
                    ("chosen", &chosen),
                    ("chosen_id", &prof.id),
                    ("profile", &name),
                    ("id", &guess.profile),
                    ("cues", &guess.cues.join(", ")),
                    ("confidence", &format!("{:.2}", guess.confidence)),
                ],
            ),
            code: "profile/conflict".into(),
            element: None,
            severity: Severity::Warning,
            block: None,
            span: Span::default(),
            fix: None,
        });
    }
    ev
}

/// Elements whose missing text belongs with the decision itself, before the appeal section.
fn after_decision(element: &str) -> bool {
    matches!(
        element,
        "reasons" | "payment-details" | "recovery-details" | "prescription-period"
    )
}

/// Quote `s` the way `lang` does.
pub fn quote(lang: Lang, s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match lang {
        Lang::Fr => format!("« {s} »"),
        Lang::Nl => format!("‘{s}’"),
        Lang::De => format!("„{s}“"),
        Lang::En => format!("“{s}”"),
    }
}

fn profile_finding(prof: &Profile, with: &[String], a: &Assignment, lang: Lang) -> MentionFinding {
    let name = prof.name_in(lang).to_string();
    // Declared mixins are part of the profile's identity: "unemployment-decision +
    // federal-authority".
    let id = std::iter::once(prof.id.as_str())
        .chain(prof.with.iter().map(String::as_str))
        .chain(
            with.iter()
                .filter(|m| !prof.with.contains(m))
                .map(String::as_str),
        )
        .collect::<Vec<_>>()
        .join(" + ");
    let cues = a.cues.join(", ");
    let (code, severity) = match (a.source, a.uncertain) {
        (Source::Marker, _) => ("profile/marker", Severity::Info),
        (Source::Cli, _) => ("profile/cli", Severity::Info),
        (Source::Config, _) => ("profile/explicit", Severity::Info),
        (Source::Heuristic, false) => ("profile/detected", Severity::Info),
        (Source::Heuristic, true) => ("profile/uncertain", Severity::Info),
    };
    let candidates = a
        .candidates
        .iter()
        .map(|(id, s)| format!("{id} {s:.2}"))
        .collect::<Vec<_>>()
        .join(", ");
    MentionFinding {
        message: msg(
            lang,
            &format!("{RULE}.{code}"),
            &[
                ("profile", &name),
                ("id", &id),
                ("cues", &cues),
                ("confidence", &format!("{:.2}", a.confidence)),
                ("candidates", &candidates),
            ],
        ),
        code: code.into(),
        element: None,
        severity,
        block: None,
        span: Span::default(),
        fix: None,
    }
}

/// The deadline of the profile's route in `lang` ("3 mois", "3 maanden", "3 Monate").
pub fn deadline_text(prof: &Profile, lang: Lang) -> String {
    match prof.route.deadline {
        Some((n, u)) => format!("{n} {}", u.word(lang, n)),
        None => placeholder(lang, "deadline"),
    }
}

fn placeholder(lang: Lang, what: &str) -> String {
    let word = match (lang, what) {
        (Lang::Fr, "deadline") => "délai",
        (Lang::Nl, "deadline") => "termijn",
        (Lang::De, "deadline") => "Frist",
        (Lang::Fr, "start") => "début du délai",
        (Lang::Nl, "start") => "begin van de termijn",
        (Lang::De, "start") => "Beginn der Frist",
        (Lang::Fr, _) => "nom de l'institution",
        (Lang::Nl, _) => "naam van de instelling",
        (Lang::De, _) => "Name der Einrichtung",
        (Lang::En, w) => w,
    };
    format!("⟦{word}⟧")
}

fn fix_for(
    data: &Data,
    dt: &DocText<'_>,
    place: &detect::Places,
    prof: &Profile,
    element: &str,
    lang: Lang,
) -> Option<Fix> {
    let el = data.elements.get(element)?;
    let template = el
        .template
        .get(lang.code())
        .or_else(|| el.template.get("fr"))?;
    let code = lang.code();
    let start = prof
        .route
        .start_text
        .get(code)
        .cloned()
        .unwrap_or_else(|| placeholder(lang, "start"));
    let institution = prof
        .route
        .institution
        .get(code)
        .cloned()
        .unwrap_or_else(|| placeholder(lang, "institution"));
    let text = template
        .replace("{deadline}", &deadline_text(prof, lang))
        .replace("{start}", &start)
        .replace("{institution}", &institution);
    let (_, at) = place.insertion_point(dt, after_decision(element))?;
    Some(Fix {
        label: msg(
            lang,
            &format!("{RULE}.fix-label"),
            &[(
                "element",
                &msg(lang, &format!("{RULE}.label/{element}"), &[]),
            )],
        ),
        edits: vec![Edit {
            span: Span::new(at, at),
            replacement: format!("\n\n{text}"),
        }],
    })
}
