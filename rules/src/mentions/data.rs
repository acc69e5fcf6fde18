//! Loading the embedded mandatory-mentions data: profiles (`lexicons/profiles/*.toml`),
//! element phrase lists, slots, sections and the court register (`lexicons/mentions/`).
//! Loader errors name the file; a test checks that everything loads.

use super::pattern::Pattern;
use super::phrase::{self, Slots};
use crate::finding::Severity;
use plainly_text::Lang;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Profile files, embedded at build time (add a line here when adding a profile).
const PROFILE_FILES: &[(&str, &str)] = &[
    (
        "decision.toml",
        include_str!("../../../lexicons/profiles/decision.toml"),
    ),
    (
        "social-security-decision.toml",
        include_str!("../../../lexicons/profiles/social-security-decision.toml"),
    ),
    (
        "unemployment-decision.toml",
        include_str!("../../../lexicons/profiles/unemployment-decision.toml"),
    ),
    (
        "cpas-decision.toml",
        include_str!("../../../lexicons/profiles/cpas-decision.toml"),
    ),
    (
        "cpas-decision-dg.toml",
        include_str!("../../../lexicons/profiles/cpas-decision-dg.toml"),
    ),
    (
        "family-allowance-decision-flanders.toml",
        include_str!("../../../lexicons/profiles/family-allowance-decision-flanders.toml"),
    ),
    (
        "brussels-decision.toml",
        include_str!("../../../lexicons/profiles/brussels-decision.toml"),
    ),
    (
        "information-letter.toml",
        include_str!("../../../lexicons/profiles/information-letter.toml"),
    ),
    (
        "brochure.toml",
        include_str!("../../../lexicons/profiles/brochure.toml"),
    ),
];

/// Element files (one per element or check).
const ELEMENT_FILES: &[(&str, &str)] = &[
    (
        "appeal-right.toml",
        include_str!("../../../lexicons/mentions/elements/appeal-right.toml"),
    ),
    (
        "appeal-court.toml",
        include_str!("../../../lexicons/mentions/elements/appeal-court.toml"),
    ),
    (
        "court-address.toml",
        include_str!("../../../lexicons/mentions/elements/court-address.toml"),
    ),
    (
        "appeal-deadline.toml",
        include_str!("../../../lexicons/mentions/elements/appeal-deadline.toml"),
    ),
    (
        "appeal-form.toml",
        include_str!("../../../lexicons/mentions/elements/appeal-form.toml"),
    ),
    (
        "judicial-code-728-1017.toml",
        include_str!("../../../lexicons/mentions/elements/judicial-code-728-1017.toml"),
    ),
    (
        "file-reference.toml",
        include_str!("../../../lexicons/mentions/elements/file-reference.toml"),
    ),
    (
        "handling-service.toml",
        include_str!("../../../lexicons/mentions/elements/handling-service.toml"),
    ),
    (
        "right-to-explanation.toml",
        include_str!("../../../lexicons/mentions/elements/right-to-explanation.toml"),
    ),
    (
        "appeal-not-suspensive.toml",
        include_str!("../../../lexicons/mentions/elements/appeal-not-suspensive.toml"),
    ),
    (
        "contact-person.toml",
        include_str!("../../../lexicons/mentions/elements/contact-person.toml"),
    ),
    (
        "reasons.toml",
        include_str!("../../../lexicons/mentions/elements/reasons.toml"),
    ),
    (
        "payment-details.toml",
        include_str!("../../../lexicons/mentions/elements/payment-details.toml"),
    ),
    (
        "recovery-details.toml",
        include_str!("../../../lexicons/mentions/elements/recovery-details.toml"),
    ),
    (
        "prescription-period.toml",
        include_str!("../../../lexicons/mentions/elements/prescription-period.toml"),
    ),
    (
        "ombudsman.toml",
        include_str!("../../../lexicons/mentions/elements/ombudsman.toml"),
    ),
    (
        "gdpr-information.toml",
        include_str!("../../../lexicons/mentions/elements/gdpr-information.toml"),
    ),
    (
        "cross-checks.toml",
        include_str!("../../../lexicons/mentions/elements/cross-checks.toml"),
    ),
];

/// Mixins: blocks of requirements a profile adds with `with = [...]`, or that are detected
/// from the text (`[detect] cue`).
const MIXIN_FILES: &[(&str, &str)] = &[
    (
        "federal-authority.toml",
        include_str!("../../../lexicons/mentions/mixins/federal-authority.toml"),
    ),
    (
        "dg-authority.toml",
        include_str!("../../../lexicons/mentions/mixins/dg-authority.toml"),
    ),
    (
        "recovery.toml",
        include_str!("../../../lexicons/mentions/mixins/recovery.toml"),
    ),
    (
        "data-request.toml",
        include_str!("../../../lexicons/mentions/mixins/data-request.toml"),
    ),
];

/// Legal bases: sanction (→ default severity) and verification marks (spec §4.3).
const SOURCES: &str = include_str!("../../../lexicons/mentions/sources.toml");
const SLOTS: &str = include_str!("../../../lexicons/mentions/slots.toml");
const SECTIONS: &str = include_str!("../../../lexicons/mentions/sections.toml");
const COURTS: &str = include_str!("../../../lexicons/mentions/courts.toml");

/// The elements v1 checks, in the order of the catalogue.
pub const ELEMENTS: &[&str] = &[
    "appeal-right",
    "appeal-court",
    "court-address",
    "appeal-deadline",
    "appeal-form",
    "judicial-code-728-1017",
    "file-reference",
    "handling-service",
    "right-to-explanation",
    "appeal-not-suspensive",
    "contact-person",
    "reasons",
    "payment-details",
    "recovery-details",
    "prescription-period",
    "ombudsman",
    "gdpr-information",
];

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        match s.trim_end_matches('s') {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            _ => None,
        }
    }

    /// The unit in `lang`, for `n` of it.
    pub fn word(self, lang: Lang, n: u32) -> &'static str {
        // (singular, plural)
        let (one, many) = match (lang, self) {
            (Lang::Fr, Unit::Day) => ("jour", "jours"),
            (Lang::Fr, Unit::Week) => ("semaine", "semaines"),
            (Lang::Fr, Unit::Month) => ("mois", "mois"),
            (Lang::Fr, Unit::Year) => ("an", "ans"),
            (Lang::Nl, Unit::Day) => ("dag", "dagen"),
            (Lang::Nl, Unit::Week) => ("week", "weken"),
            (Lang::Nl, Unit::Month) => ("maand", "maanden"),
            (Lang::Nl, Unit::Year) => ("jaar", "jaar"),
            (Lang::De, Unit::Day) => ("Tag", "Tage"),
            (Lang::De, Unit::Week) => ("Woche", "Wochen"),
            (Lang::De, Unit::Month) => ("Monat", "Monate"),
            (Lang::De, Unit::Year) => ("Jahr", "Jahre"),
            (Lang::En, Unit::Day) => ("day", "days"),
            (Lang::En, Unit::Week) => ("week", "weeks"),
            (Lang::En, Unit::Month) => ("month", "months"),
            (Lang::En, Unit::Year) => ("year", "years"),
        };
        if n == 1 { one } else { many }
    }
}

/// A deadline: a number and a unit.
pub type Deadline = (u32, Unit);

/// Parse `"<n> (day|days|week|weeks|month|months|year|years)"`; `Ok(None)` for "to-check".
pub fn parse_deadline(s: &str) -> Result<Option<Deadline>, String> {
    if s == "to-check" {
        return Ok(None);
    }
    let mut it = s.split_whitespace();
    let n = it.next().and_then(|n| n.parse::<u32>().ok());
    let u = it.next().and_then(Unit::parse);
    match (n, u, it.next()) {
        (Some(n), Some(u), None) => Ok(Some((n, u))),
        _ => Err(format!(
            "bad deadline '{s}': use '<n> days|weeks|months|years' or 'to-check'"
        )),
    }
}

/// One element's compiled phrase lists (all languages merged) and its fix templates.
#[derive(Debug)]
pub struct Element {
    pub id: String,
    pub number: String,
    pub lists: BTreeMap<String, Pattern>,
    /// The same lists, one language at a time (for X6 other-language-only).
    pub by_lang: BTreeMap<(String, String), Pattern>,
    pub template: BTreeMap<String, String>,
}

impl Element {
    pub fn list(&self, name: &str) -> Option<&Pattern> {
        self.lists.get(name)
    }

    /// One list in one language only.
    pub fn list_in(&self, name: &str, lang: &str) -> Option<&Pattern> {
        self.by_lang.get(&(name.to_string(), lang.to_string()))
    }
}

/// A verification mark (spec §0.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// T: read in the text of the article.
    Text,
    /// P: paraphrase by an official or expert source.
    Paraphrase,
    /// ?: not confirmed.
    Unconfirmed,
}

/// A legal basis from `sources.toml`.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: BTreeMap<String, String>,
    pub sanction: String,
    /// The default severity that follows from the sanction.
    pub severity: Severity,
    pub check: Check,
    /// True when the article, its scope or its sanction is marked `?`.
    pub unconfirmed: bool,
    pub reviewed: bool,
}

/// The default severity of a sanction (spec §4.3).
pub fn sanction_severity(sanction: &str) -> Option<Severity> {
    Some(match sanction {
        "deadline-never-starts" => Severity::Blocker,
        "deadline-delayed" | "annulment-risk" | "no-sanction-case-law" | "unknown" => {
            Severity::Error
        }
        "other-sanction" | "no-sanction" | "regulatory-exposure" => Severity::Warning,
        "good-practice" => Severity::Info,
        _ => return None,
    })
}

/// What a profile (or mixin) requires of one element.
#[derive(Debug, Clone)]
pub struct Requirement {
    /// After the `?` cap (spec §0.3 cap 1).
    pub severity: Severity,
    /// Ids in `sources.toml`.
    pub basis: Vec<String>,
    /// Every basis is unconfirmed: capped at warning, "legal basis to be confirmed".
    pub capped: bool,
    /// E9: the contact fields required (name, role, address, phone, email).
    pub fields: Vec<String>,
    /// E9: the role required (`social-worker`, `dossierbeheerder`).
    pub role: Option<String>,
    /// E16: the bodies to name (`any`, `dg-ombudsdienst`, …).
    pub bodies: Vec<String>,
    /// E12: the parts required, with their own severity (amount, calculation, periodicity).
    pub parts: BTreeMap<String, Severity>,
}

/// A mixin: requirements added to a profile (spec §3.1).
#[derive(Debug)]
pub struct Mixin {
    pub id: String,
    pub name: BTreeMap<String, String>,
    pub require: BTreeMap<String, Requirement>,
    /// Detected from the text when this matches (recovery, data request).
    pub cue: Option<Pattern>,
    /// The cue counts only with an amount within this many words.
    pub near_amount: Option<usize>,
}

impl Mixin {
    pub fn name_in(&self, lang: Lang) -> &str {
        self.name
            .get(lang.code())
            .or_else(|| self.name.get("en"))
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}

/// Merge a mixin's requirement into a profile's: the stricter severity wins, both bases are
/// cited, lists are joined.
pub fn merge_requirement(into: &mut BTreeMap<String, Requirement>, element: &str, r: &Requirement) {
    match into.get_mut(element) {
        None => {
            into.insert(element.to_string(), r.clone());
        }
        Some(cur) => {
            if r.severity > cur.severity {
                cur.severity = r.severity;
                cur.capped = r.capped;
            }
            for b in &r.basis {
                if !cur.basis.contains(b) {
                    cur.basis.push(b.clone());
                }
            }
            for f in &r.fields {
                if !cur.fields.contains(f) {
                    cur.fields.push(f.clone());
                }
            }
            for b in &r.bodies {
                if !cur.bodies.contains(b) {
                    cur.bodies.push(b.clone());
                }
            }
            if cur.role.is_none() {
                cur.role = r.role.clone();
            }
            for (p, s) in &r.parts {
                let e = cur.parts.entry(p.clone()).or_insert(*s);
                *e = (*e).max(*s);
            }
        }
    }
}

/// The appeal route of a profile and its parameters (v1: one route per profile).
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub id: String,
    /// A court route (labour court): E6, X4 and X9 apply.
    pub court: bool,
    /// `None`: "to-check", only presence is checked.
    pub deadline: Option<Deadline>,
    pub start_text: BTreeMap<String, String>,
    pub institution: BTreeMap<String, String>,
}

/// Detection cues of a profile (inherited cues included).
#[derive(Debug, Default)]
pub struct Detect {
    pub decision: Option<Pattern>,
    pub senders: Option<Pattern>,
    pub domain: Option<Pattern>,
    pub postcodes: Vec<(u32, u32)>,
    pub region_lang: Option<Lang>,
    /// True when the profile itself declares senders, domain or region cues: only such
    /// profiles are candidates of the heuristics.
    pub concrete: bool,
    /// The profile's own cues are a region only (e.g. `cpas-decision-dg`): it is a
    /// candidate only when the region matches, else its parent is the better guess.
    pub region_only: bool,
}

/// The kind of letter a profile describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Decision,
    Information,
    Brochure,
}

/// A resolved profile (inheritance applied).
#[derive(Debug)]
pub struct Profile {
    pub id: String,
    pub kind: Kind,
    pub status: String,
    pub name: BTreeMap<String, String>,
    /// Ancestors from the root, then the profile itself.
    pub chain: Vec<String>,
    pub route: Route,
    pub require: BTreeMap<String, Requirement>,
    /// Mixins declared with `with = [...]` (inherited), already merged into `require`.
    pub with: Vec<String>,
    pub detect: Detect,
}

impl Profile {
    pub fn name_in(&self, lang: Lang) -> &str {
        self.name
            .get(lang.code())
            .or_else(|| self.name.get("en"))
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}

#[derive(Debug)]
pub struct Outdated {
    pub re: Pattern,
    pub now: String,
}

/// Everything the detectors need.
#[derive(Debug)]
pub struct Data {
    pub numbers: HashMap<String, u32>,
    pub units: HashMap<String, Unit>,
    pub elements: BTreeMap<String, Element>,
    pub profiles: BTreeMap<String, Profile>,
    pub headings: Pattern,
    pub closings: Pattern,
    pub placeholders: Pattern,
    pub court: Pattern,
    pub outdated: Vec<Outdated>,
    pub address: Pattern,
    pub ref_code: Regex,
    pub postcode: Pattern,
    pub sources: BTreeMap<String, Source>,
    pub mixins: BTreeMap<String, Mixin>,
    /// `{amount}`: 1.090,00 €, € 41.520, 45 euro.
    pub amount: Pattern,
    /// `{phone}`: Belgian numbers.
    pub phone: Pattern,
    /// `{email}`.
    pub email: Pattern,
    /// `{person-name}`: a title and a name (« Madame Julie Marchal », « dhr. T. Wouters »), or
    /// an initial and a surname (« J. Marchal »).
    pub person: Pattern,
    /// A capitalised first name and surname (« Julie Marchal »). Loose, German nouns look
    /// the same: it counts only right next to a label or role word.
    pub person_loose: Pattern,
    /// `{date}`: 14 janvier 2025, 06/01/2025, 11. März 2025.
    pub date: Pattern,
}

impl Data {
    /// Every phrase pattern of the data (for tests: each compiles and matches as `regex`).
    pub fn patterns(&self) -> Vec<&Pattern> {
        let mut out: Vec<&Pattern> = self
            .elements
            .values()
            .flat_map(|e| e.lists.values().chain(e.by_lang.values()))
            .collect();
        for p in self.profiles.values() {
            out.extend(
                [&p.detect.decision, &p.detect.senders, &p.detect.domain]
                    .into_iter()
                    .flatten(),
            );
        }
        out.extend(self.outdated.iter().map(|o| &o.re));
        out.extend([
            &self.headings,
            &self.closings,
            &self.placeholders,
            &self.court,
            &self.address,
            &self.postcode,
            &self.amount,
            &self.phone,
            &self.email,
            &self.person,
            &self.person_loose,
            &self.date,
        ]);
        out.extend(self.mixins.values().filter_map(|m| m.cue.as_ref()));
        out
    }
}

/// The data, loaded once.
pub fn data() -> Result<&'static Data, &'static str> {
    static DATA: OnceLock<Result<Data, String>> = OnceLock::new();
    DATA.get_or_init(load).as_ref().map_err(String::as_str)
}

/// The ids of every profile file, without loading the phrases (for `--profile` validation).
pub fn profile_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        PROFILE_FILES
            .iter()
            .filter_map(|(_, src)| src.parse::<toml::Table>().ok())
            .filter_map(|t| t.get("id").and_then(|v| v.as_str()).map(str::to_string))
            .collect()
    })
}

type LangLists = BTreeMap<String, Vec<String>>;

fn regex_of(words: &[String], slots: &Slots, file: &str) -> Result<Option<Pattern>, String> {
    if words.is_empty() {
        return Ok(None);
    }
    let frag = phrase::union(words, slots).map_err(|e| format!("{file}: {e}"))?;
    Pattern::new(&format!("(?i){frag}"))
        .map(Some)
        .map_err(|e| format!("{file}: {e}"))
}

fn all_langs(l: &LangLists) -> Vec<String> {
    l.values().flatten().cloned().collect()
}

#[derive(Deserialize)]
struct RawSlots {
    number: BTreeMap<String, BTreeMap<String, u32>>,
    #[serde(rename = "time-unit")]
    time_unit: BTreeMap<String, BTreeMap<String, String>>,
    words: BTreeMap<String, LangLists>,
}

#[derive(Deserialize)]
struct RawElement {
    id: String,
    number: String,
    #[serde(default)]
    lists: BTreeMap<String, LangLists>,
    #[serde(default)]
    template: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawSections {
    headings: LangLists,
    closings: LangLists,
    placeholders: RawPlaceholders,
}

#[derive(Deserialize)]
struct RawPlaceholders {
    re: Vec<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct RawCourts {
    court: Vec<RawCourt>,
    outdated: Vec<RawOutdated>,
}

#[derive(Deserialize)]
struct RawCourt {
    names: Vec<String>,
}

#[derive(Deserialize)]
struct RawOutdated {
    name: String,
    now: String,
}

#[derive(Deserialize, Clone, Default)]
struct RawRoute {
    id: Option<String>,
    kind: Option<String>,
    deadline: Option<String>,
    #[serde(default)]
    start_text: BTreeMap<String, String>,
    #[serde(default)]
    institution: BTreeMap<String, String>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawReq {
    basis: Option<OneOrMany>,
    severity: Option<String>,
    why: Option<String>,
    #[serde(default)]
    fields: Vec<String>,
    role: Option<String>,
    #[serde(default)]
    bodies: Vec<String>,
    #[serde(default)]
    parts: BTreeMap<String, OneOrMany>,
    #[allow(dead_code)]
    when: Option<String>,
}

#[derive(Deserialize)]
struct RawSource {
    #[serde(default)]
    title: BTreeMap<String, String>,
    #[allow(dead_code)]
    url: Option<String>,
    #[allow(dead_code)]
    says: Option<String>,
    sanction: String,
    check: String,
    scope_check: Option<String>,
    sanction_check: Option<String>,
    #[serde(default)]
    reviewed_by: String,
    #[serde(default)]
    reviewed_on: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMixin {
    id: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    require: BTreeMap<String, RawReq>,
    #[serde(default)]
    detect: RawMixinDetect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMixinDetect {
    #[serde(default)]
    cue: LangLists,
    near_amount: Option<usize>,
}

fn parse_check(s: &str, file: &str, id: &str) -> Result<Check, String> {
    match s {
        "T" => Ok(Check::Text),
        "P" => Ok(Check::Paraphrase),
        "?" => Ok(Check::Unconfirmed),
        _ => Err(format!(
            "{file}: [{id}] bad check mark '{s}': use T, P or ?"
        )),
    }
}

fn load_sources() -> Result<BTreeMap<String, Source>, String> {
    let file = "sources.toml";
    let raw: BTreeMap<String, RawSource> = parse(file, SOURCES)?;
    let mut out = BTreeMap::new();
    for (id, r) in raw {
        let severity = sanction_severity(&r.sanction)
            .ok_or_else(|| format!("{file}: [{id}] unknown sanction '{}'", r.sanction))?;
        let check = parse_check(&r.check, file, &id)?;
        let mut unconfirmed = check == Check::Unconfirmed;
        for extra in [&r.scope_check, &r.sanction_check].into_iter().flatten() {
            unconfirmed |= parse_check(extra, file, &id)? == Check::Unconfirmed;
        }
        out.insert(
            id.clone(),
            Source {
                id,
                title: r.title,
                sanction: r.sanction,
                severity,
                check,
                unconfirmed,
                reviewed: !r.reviewed_by.is_empty() && !r.reviewed_on.is_empty(),
            },
        );
    }
    Ok(out)
}

/// Resolve a requirement: severity from its bases (the strongest), capped at warning when
/// every basis is unconfirmed; an explicit `severity` needs a `why`.
fn resolve_requirement(
    r: &RawReq,
    sources: &BTreeMap<String, Source>,
    file: &str,
    element: &str,
) -> Result<Requirement, String> {
    let lookup = |ids: &[String]| -> Result<(Option<Severity>, bool), String> {
        let mut sev: Option<Severity> = None;
        let mut all_unconfirmed = !ids.is_empty();
        for id in ids {
            let s = sources.get(id).ok_or_else(|| {
                format!("{file}: {element}: unknown basis '{id}' (see sources.toml)")
            })?;
            sev = Some(sev.map_or(s.severity, |x| x.max(s.severity)));
            all_unconfirmed &= s.unconfirmed;
        }
        Ok((sev, all_unconfirmed))
    };
    let basis = r.basis.as_ref().map(OneOrMany::list).unwrap_or_default();
    let (mut sev, capped0) = lookup(&basis)?;
    let mut capped = if basis.is_empty() {
        !r.parts.is_empty()
    } else {
        capped0
    };
    let mut parts = BTreeMap::new();
    for (part, b) in &r.parts {
        let (ps, pc) = lookup(&b.list())?;
        let mut ps = ps.unwrap_or(Severity::Info);
        if pc {
            ps = ps.min(Severity::Warning);
        }
        parts.insert(part.clone(), ps);
        sev = Some(sev.map_or(ps, |x| x.max(ps)));
        capped = capped && pc;
    }
    if capped {
        sev = sev.map(|s| s.min(Severity::Warning));
    }
    if let Some(s) = &r.severity {
        if r.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
            return Err(format!(
                "{file}: {element}: 'severity' is set without a 'why' (spec §0.3)"
            ));
        }
        sev = Some(
            s.parse::<Severity>()
                .map_err(|e| format!("{file}: {element}: {e}"))?,
        );
    }
    let severity = sev.ok_or_else(|| {
        format!("{file}: {element}: give a 'basis' (sources.toml) or a 'severity' with a 'why'")
    })?;
    Ok(Requirement {
        severity,
        basis: basis
            .into_iter()
            .chain(r.parts.values().flat_map(OneOrMany::list))
            .fold(Vec::new(), |mut v, b| {
                if !v.contains(&b) {
                    v.push(b);
                }
                v
            }),
        capped: capped && r.severity.is_none(),
        fields: r.fields.clone(),
        role: r.role.clone(),
        bodies: r.bodies.clone(),
        parts,
    })
}

#[derive(Deserialize, Clone, Default)]
struct RawRegion {
    #[serde(default)]
    postcodes: Vec<String>,
    language: Option<String>,
}

#[derive(Deserialize, Clone, Default)]
struct RawDetect {
    #[serde(default)]
    decision: LangLists,
    #[serde(default)]
    senders: LangLists,
    #[serde(default)]
    domain: LangLists,
    region: Option<RawRegion>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: String,
    extends: Option<String>,
    kind: String,
    status: String,
    name: BTreeMap<String, String>,
    #[allow(dead_code)]
    applies_to: Option<String>,
    route: Option<RawRoute>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    require: BTreeMap<String, RawReq>,
    #[serde(default)]
    detect: RawDetect,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, src: &str) -> Result<T, String> {
    toml::from_str(src).map_err(|e| {
        let line = e
            .span()
            .map(|s| crate::config::line_of(src, s.start))
            .unwrap_or(1);
        format!("{file}:{line}: {}", e.message().trim())
    })
}

fn load() -> Result<Data, String> {
    let raw: RawSlots = parse("slots.toml", SLOTS)?;
    let mut numbers = HashMap::new();
    for words in raw.number.values() {
        for (w, v) in words {
            numbers.insert(w.to_lowercase(), *v);
        }
    }
    let mut units = HashMap::new();
    for words in raw.time_unit.values() {
        for (w, u) in words {
            let unit = Unit::parse(u).ok_or_else(|| format!("slots.toml: bad unit '{u}'"))?;
            units.insert(w.to_lowercase(), unit);
        }
    }
    let alt = |words: Vec<String>| {
        let mut w: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        w.sort_by_key(|x| std::cmp::Reverse(x.len()));
        format!("(?:{})", w.join("|"))
    };
    let mut slots = Slots::new();
    let mut num_alt: Vec<String> = numbers
        .keys()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    num_alt.sort_by_key(|x| std::cmp::Reverse(x.len()));
    num_alt.push(r"\d{1,3}".into());
    slots.insert("number".into(), format!("(?:{})", num_alt.join("|")));
    slots.insert("time-unit".into(), alt(units.keys().cloned().collect()));
    let generic = raw
        .words
        .get("court-generic")
        .map(all_langs)
        .unwrap_or_default();
    slots.insert("court-generic".into(), alt(generic));

    // Street names: "Rue du Greffe 1" (word opens the name) or "Griffiestraat 1" (suffix).
    let streets = raw.words.get("street").map(all_langs).unwrap_or_default();
    let mut openers = Vec::new();
    let mut suffixes = Vec::new();
    for s in &streets {
        if let Some(suf) = s.strip_prefix('*') {
            suffixes.push(regex::escape(suf));
        } else {
            openers.push(regex::escape(s));
        }
    }
    let address = Pattern::new(&format!(
        r"(?i)(?:\b(?:{})(?:\s+[\w'’.-]+){{1,5}}|\b\w*(?:{}))\s+\d{{1,4}}[a-z]?(?:\s*(?:bte|bus|boîte|Bte\.?)\s*\d+)?\s*[,\n]?\s*(?:B-)?[1-9]\d{{3}}\s+\p{{Lu}}",
        openers.join("|"),
        suffixes.join("|")
    ))
    .map_err(|e| format!("slots.toml: street: {e}"))?;

    let mut elements = BTreeMap::new();
    for (file, src) in ELEMENT_FILES {
        let raw: RawElement = parse(file, src)?;
        let mut lists = BTreeMap::new();
        let mut by_lang = BTreeMap::new();
        for (name, langs) in &raw.lists {
            if let Some(re) = regex_of(&all_langs(langs), &slots, file)? {
                lists.insert(name.clone(), re);
            }
            for (l, words) in langs {
                if let Some(re) = regex_of(words, &slots, file)? {
                    by_lang.insert((name.clone(), l.clone()), re);
                }
            }
        }
        elements.insert(
            raw.id.clone(),
            Element {
                id: raw.id,
                number: raw.number,
                lists,
                by_lang,
                template: raw.template,
            },
        );
    }

    let sections: RawSections = parse("sections.toml", SECTIONS)?;
    let headings = regex_of(&all_langs(&sections.headings), &slots, "sections.toml")?
        .ok_or("sections.toml: no headings")?;
    let closings = regex_of(&all_langs(&sections.closings), &slots, "sections.toml")?
        .ok_or("sections.toml: no closings")?;
    let mut ph: Vec<String> = sections.placeholders.re.clone();
    ph.extend(sections.placeholders.words.iter().map(|w| regex::escape(w)));
    let placeholders =
        Pattern::new(&ph.join("|")).map_err(|e| format!("sections.toml: placeholders: {e}"))?;

    let courts: RawCourts = parse("courts.toml", COURTS)?;
    let court_names: Vec<String> = courts
        .court
        .iter()
        .flat_map(|c| c.names.iter().cloned())
        .collect();
    let court = regex_of(&court_names, &slots, "courts.toml")?.ok_or("courts.toml: no court")?;
    let mut outdated = Vec::new();
    for o in &courts.outdated {
        let re = regex_of(std::slice::from_ref(&o.name), &slots, "courts.toml")?
            .ok_or("courts.toml: empty name")?;
        outdated.push(Outdated {
            re,
            now: o.now.clone(),
        });
    }

    let sources = load_sources()?;
    let mut mixins = BTreeMap::new();
    for (file, src) in MIXIN_FILES {
        let raw: RawMixin = parse(file, src)?;
        let mut require = BTreeMap::new();
        for (e, r) in &raw.require {
            if !ELEMENTS.contains(&e.as_str()) {
                return Err(format!("{file}: unknown element '{e}'"));
            }
            require.insert(e.clone(), resolve_requirement(r, &sources, file, e)?);
        }
        let cue = regex_of(&all_langs(&raw.detect.cue), &slots, file)?;
        mixins.insert(
            raw.id.clone(),
            Mixin {
                id: raw.id,
                name: raw.name,
                require,
                cue,
                near_amount: raw.detect.near_amount,
            },
        );
    }
    let profiles = load_profiles(&slots, &sources, &mixins)?;
    for p in profiles.values() {
        for e in p.require.keys() {
            if !ELEMENTS.contains(&e.as_str()) {
                return Err(format!("{}.toml: unknown element '{e}'", p.id));
            }
        }
        // A reviewed profile needs reviewed bases (spec §4.8).
        if p.status == "reviewed" {
            for (e, r) in &p.require {
                if let Some(b) = r
                    .basis
                    .iter()
                    .find(|b| sources.get(*b).is_some_and(|s| !s.reviewed))
                {
                    return Err(format!(
                        "{}.toml: status 'reviewed' but basis '{b}' of {e} is not reviewed in sources.toml",
                        p.id
                    ));
                }
            }
        }
    }
    Ok(Data {
        numbers,
        units,
        elements,
        profiles,
        headings,
        closings,
        placeholders,
        court,
        outdated,
        address,
        ref_code: Regex::new(r"[\p{L}\d][\p{L}\d/._-]{2,}[\p{L}\d]").map_err(|e| e.to_string())?,
        postcode: Pattern::new(r"\b([1-9]\d{3})\s+\p{Lu}")?,
        sources,
        mixins,
        amount: Pattern::new(
            r"(?i)(?:€\s?\d{1,3}(?:[.\s]\d{3})*(?:,\d{2})?|\b\d{1,3}(?:[.\s]\d{3})*(?:,\d{1,2})?\s?(?:€|EUR\b|euros?\b))",
        )?,
        phone: Pattern::new(r"(?:\+32\s?|\b0)\d{1,3}(?:[\s./]?\d{2,3}){2,4}\b")?,
        email: Pattern::new(r"[\w.+-]+@[\w-]+\.[\w.]+")?,
        person: Pattern::new(
            r"(?:\b(?:Madame|Monsieur|Mme|M\.|mevrouw|Mevrouw|mevr\.|Mevr\.|meneer|Meneer|de heer|dhr\.|Dhr\.|Frau|Fr\.|Herrn?|Hr\.)[ \t]+(?:\p{Lu}\.[ \t]*)?(?:\p{Lu}[\p{Ll}'’-]+[ \t]+)?(?:(?:van|de|den|der|Van|De|Den|von)[ \t]+)*\p{Lu}[\p{Ll}'’-]+|\b\p{Lu}\.[ \t]*(?:\p{Lu}\.[ \t]*)?\p{Lu}\p{Ll}+\b)",
        )?,
        person_loose: Pattern::new(
            r"\b\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?[ \t]+(?:(?:van|de|den|der|Van|De|Den|von)[ \t]+)*\p{Lu}\p{Ll}+\b",
        )?,
        date: Pattern::new(
            r"(?i)\b\d{1,2}(?:er)?\.?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|Januar|Februar|März|Mai|Juni|Juli|August|Oktober|Dezember)\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        )?,
    })
}

fn load_profiles(
    slots: &Slots,
    sources: &BTreeMap<String, Source>,
    mixins: &BTreeMap<String, Mixin>,
) -> Result<BTreeMap<String, Profile>, String> {
    let mut raw: BTreeMap<String, RawProfile> = BTreeMap::new();
    for (file, src) in PROFILE_FILES {
        let p: RawProfile = parse(file, src)?;
        if raw.contains_key(&p.id) {
            return Err(format!("{file}: duplicate profile id '{}'", p.id));
        }
        raw.insert(p.id.clone(), p);
    }
    let mut out = BTreeMap::new();
    for id in raw.keys() {
        // The chain from the root to the profile.
        let mut chain = vec![id.clone()];
        let mut cur = raw.get(id).and_then(|p| p.extends.clone());
        while let Some(parent) = cur {
            if chain.contains(&parent) {
                return Err(format!("{id}.toml: inheritance cycle through '{parent}'"));
            }
            let p = raw
                .get(&parent)
                .ok_or_else(|| format!("{id}.toml: unknown parent profile '{parent}'"))?;
            chain.push(parent.clone());
            cur = p.extends.clone();
        }
        chain.reverse();
        let mut route = RawRoute::default();
        let mut require: BTreeMap<String, (String, RawReq)> = BTreeMap::new();
        let mut with: Vec<String> = Vec::new();
        let mut cues = RawDetect::default();
        let mut region: Option<RawRegion> = None;
        let mut me: Option<&RawProfile> = None;
        for pid in &chain {
            let Some(p) = raw.get(pid) else { continue };
            me = Some(p);
            if let Some(r) = &p.route {
                if r.id.is_some() {
                    route.id = r.id.clone();
                    route.kind = r.kind.clone();
                }
                if r.deadline.is_some() {
                    route.deadline = r.deadline.clone();
                }
                route.start_text.extend(r.start_text.clone());
                route.institution.extend(r.institution.clone());
            }
            for (e, r) in &p.require {
                require.insert(e.clone(), (format!("{pid}.toml"), r.clone()));
            }
            for m in &p.with {
                if !mixins.contains_key(m) {
                    return Err(format!("{pid}.toml: unknown mixin '{m}'"));
                }
                if !with.contains(m) {
                    with.push(m.clone());
                }
            }
            for (l, v) in &p.detect.decision {
                cues.decision
                    .entry(l.clone())
                    .or_default()
                    .extend(v.iter().cloned());
            }
            for (l, v) in &p.detect.senders {
                cues.senders
                    .entry(l.clone())
                    .or_default()
                    .extend(v.iter().cloned());
            }
            for (l, v) in &p.detect.domain {
                cues.domain
                    .entry(l.clone())
                    .or_default()
                    .extend(v.iter().cloned());
            }
            if p.detect.region.is_some() {
                region = p.detect.region.clone();
            }
        }
        let Some(me) = me else { continue };
        let file = format!("{id}.toml");
        let kind = match me.kind.as_str() {
            "decision" => Kind::Decision,
            "information" => Kind::Information,
            "brochure" => Kind::Brochure,
            k => return Err(format!("{file}: unknown kind '{k}'")),
        };
        let deadline = parse_deadline(route.deadline.as_deref().unwrap_or("to-check"))
            .map_err(|e| format!("{file}: {e}"))?;
        let mut req = BTreeMap::new();
        for (e, (from, r)) in &require {
            req.insert(e.clone(), resolve_requirement(r, sources, from, e)?);
        }
        for m in &with {
            if let Some(mx) = mixins.get(m) {
                for (e, r) in &mx.require {
                    merge_requirement(&mut req, e, r);
                }
            }
        }
        let mut postcodes = Vec::new();
        let mut region_lang = None;
        if let Some(r) = &region {
            for pc in &r.postcodes {
                let (a, b) = pc.split_once('-').unwrap_or((pc, pc));
                match (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                    (Ok(a), Ok(b)) => postcodes.push((a, b)),
                    _ => return Err(format!("{file}: bad postcode range '{pc}'")),
                }
            }
            region_lang = r.language.as_deref().and_then(|l| l.parse::<Lang>().ok());
        }
        let concrete = !me.detect.senders.is_empty()
            || !me.detect.domain.is_empty()
            || me.detect.region.is_some();
        let detect = Detect {
            decision: regex_of(&all_langs(&cues.decision), slots, &file)?,
            senders: regex_of(&all_langs(&cues.senders), slots, &file)?,
            domain: regex_of(&all_langs(&cues.domain), slots, &file)?,
            postcodes,
            region_lang,
            concrete,
            region_only: me.detect.senders.is_empty()
                && me.detect.domain.is_empty()
                && me.detect.region.is_some(),
        };
        out.insert(
            id.clone(),
            Profile {
                id: id.clone(),
                kind,
                status: me.status.clone(),
                name: me.name.clone(),
                chain,
                route: Route {
                    court: route.kind.as_deref() == Some("court")
                        || route.id.as_deref() == Some("labour-court"),
                    id: route.id.unwrap_or_else(|| "appeal".into()),
                    deadline,
                    start_text: route.start_text,
                    institution: route.institution,
                },
                require: req,
                with,
                detect,
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn req(src: &str) -> Result<Requirement, String> {
        let mut sources = load_sources().unwrap();
        sources.insert(
            "unsure".into(),
            Source {
                id: "unsure".into(),
                title: BTreeMap::new(),
                sanction: "deadline-never-starts".into(),
                severity: Severity::Blocker,
                check: Check::Unconfirmed,
                unconfirmed: true,
                reviewed: false,
            },
        );
        let raw: RawReq = toml::from_str(src).unwrap();
        resolve_requirement(&raw, &sources, "test.toml", "appeal-right")
    }

    #[test]
    fn sources_load_and_map_sanctions() {
        let s = load_sources().unwrap();
        assert_eq!(s["charter-14-3"].severity, Severity::Blocker);
        assert_eq!(s["charter-14-3"].check, Check::Text);
        assert_eq!(s["groeipakket-89-2"].severity, Severity::Error);
        assert_eq!(s["gdpr-13-14"].severity, Severity::Warning);
        assert!(s["dg-ombuds-2-1"].unconfirmed, "scope_check ?");
        assert!(!s["charter-14-3"].reviewed);
    }

    #[test]
    fn requirement_severity_from_bases_and_caps() {
        // The strongest basis wins.
        let r = req(r#"basis = ["gdpr-13-14", "charter-14-3"]"#).unwrap();
        assert_eq!(r.severity, Severity::Blocker);
        assert!(!r.capped);
        // Only unconfirmed bases: capped at warning.
        let r = req(r#"basis = "unsure""#).unwrap();
        assert_eq!(r.severity, Severity::Warning);
        assert!(r.capped);
        // One confirmed basis is enough to lift the cap.
        let r = req(r#"basis = ["unsure", "charter-14-3"]"#).unwrap();
        assert_eq!(r.severity, Severity::Blocker);
        // An explicit severity needs a why.
        assert!(
            req(r#"basis = "charter-14-3"
severity = "info""#)
            .unwrap_err()
            .contains("why")
        );
        let r = req(r#"basis = "charter-14-3"
severity = "info"
why = "test""#)
        .unwrap();
        assert_eq!(r.severity, Severity::Info);
        // Unknown basis, or neither basis nor severity: load errors naming the file.
        assert!(req(r#"basis = "nope""#).unwrap_err().contains("test.toml"));
        assert!(req(r#"fields = ["name"]"#).is_err());
    }
}
