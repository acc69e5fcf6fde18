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
        "cross-checks.toml",
        include_str!("../../../lexicons/mentions/elements/cross-checks.toml"),
    ),
];

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
        let one = n == 1;
        match (lang, self) {
            (Lang::Fr, Unit::Day) => {
                if one {
                    "jour"
                } else {
                    "jours"
                }
            }
            (Lang::Fr, Unit::Week) => {
                if one {
                    "semaine"
                } else {
                    "semaines"
                }
            }
            (Lang::Fr, Unit::Month) => "mois",
            (Lang::Fr, Unit::Year) => {
                if one {
                    "an"
                } else {
                    "ans"
                }
            }
            (Lang::Nl, Unit::Day) => {
                if one {
                    "dag"
                } else {
                    "dagen"
                }
            }
            (Lang::Nl, Unit::Week) => {
                if one {
                    "week"
                } else {
                    "weken"
                }
            }
            (Lang::Nl, Unit::Month) => {
                if one {
                    "maand"
                } else {
                    "maanden"
                }
            }
            (Lang::Nl, Unit::Year) => "jaar",
            (Lang::De, Unit::Day) => {
                if one {
                    "Tag"
                } else {
                    "Tage"
                }
            }
            (Lang::De, Unit::Week) => {
                if one {
                    "Woche"
                } else {
                    "Wochen"
                }
            }
            (Lang::De, Unit::Month) => {
                if one {
                    "Monat"
                } else {
                    "Monate"
                }
            }
            (Lang::De, Unit::Year) => {
                if one {
                    "Jahr"
                } else {
                    "Jahre"
                }
            }
            (Lang::En, Unit::Day) => {
                if one {
                    "day"
                } else {
                    "days"
                }
            }
            (Lang::En, Unit::Week) => {
                if one {
                    "week"
                } else {
                    "weeks"
                }
            }
            (Lang::En, Unit::Month) => {
                if one {
                    "month"
                } else {
                    "months"
                }
            }
            (Lang::En, Unit::Year) => {
                if one {
                    "year"
                } else {
                    "years"
                }
            }
        }
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
    pub template: BTreeMap<String, String>,
}

impl Element {
    pub fn list(&self, name: &str) -> Option<&Pattern> {
        self.lists.get(name)
    }
}

/// What a profile requires of one element.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub severity: Severity,
    pub basis: String,
}

/// The appeal route of a profile and its parameters (v1: one route per profile).
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub id: String,
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
}

impl Data {
    /// Every phrase pattern of the data (for tests: each compiles and matches as `regex`).
    pub fn patterns(&self) -> Vec<&Pattern> {
        let mut out: Vec<&Pattern> = self
            .elements
            .values()
            .flat_map(|e| e.lists.values())
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
        ]);
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
    deadline: Option<String>,
    #[serde(default)]
    start_text: BTreeMap<String, String>,
    #[serde(default)]
    institution: BTreeMap<String, String>,
}

#[derive(Deserialize, Clone)]
struct RawReq {
    severity: String,
    basis: String,
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
        for (name, langs) in &raw.lists {
            if let Some(re) = regex_of(&all_langs(langs), &slots, file)? {
                lists.insert(name.clone(), re);
            }
        }
        elements.insert(
            raw.id.clone(),
            Element {
                id: raw.id,
                number: raw.number,
                lists,
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

    let profiles = load_profiles(&slots)?;
    for p in profiles.values() {
        for e in p.require.keys() {
            if !ELEMENTS.contains(&e.as_str()) {
                return Err(format!("{}.toml: unknown element '{e}'", p.id));
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
    })
}

fn load_profiles(slots: &Slots) -> Result<BTreeMap<String, Profile>, String> {
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
        let mut require = BTreeMap::new();
        let mut cues = RawDetect::default();
        let mut region: Option<RawRegion> = None;
        let mut me: Option<&RawProfile> = None;
        for pid in &chain {
            let Some(p) = raw.get(pid) else { continue };
            me = Some(p);
            if let Some(r) = &p.route {
                if r.id.is_some() {
                    route.id = r.id.clone();
                }
                if r.deadline.is_some() {
                    route.deadline = r.deadline.clone();
                }
                route.start_text.extend(r.start_text.clone());
                route.institution.extend(r.institution.clone());
            }
            for (e, r) in &p.require {
                require.insert(e.clone(), r.clone());
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
        for (e, r) in require {
            let severity = r
                .severity
                .parse::<Severity>()
                .map_err(|err| format!("{file}: {e}: {err}"))?;
            req.insert(
                e,
                Requirement {
                    severity,
                    basis: r.basis,
                },
            );
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
                    id: route.id.unwrap_or_else(|| "appeal".into()),
                    deadline,
                    start_text: route.start_text,
                    institution: route.institution,
                },
                require: req,
                detect,
            },
        );
    }
    Ok(out)
}
