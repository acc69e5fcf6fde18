//! Mandatory mentions: every test snippet of MANDATORY-MENTIONS.md §5.2 (transcribed into
//! the table below) and the team-written decision fixtures of `fixtures/decisions/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plainly_readers::{Format, Limits};
use plainly_rules::mentions::{self, Evaluation, Status};
use plainly_rules::{Engine, Settings, Severity};
use plainly_text::{BlockAnalysis, Document, Lang, analyze_block, detect};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(text: &str, format: Format, lang: Lang) -> (Document, Vec<BlockAnalysis>) {
    let mut doc = plainly_readers::read(text.as_bytes(), format, &Limits::default()).unwrap();
    detect::assign_languages(&mut doc, Some(lang), lang);
    let analyses = doc
        .blocks
        .iter()
        .map(|b| analyze_block(&b.text, b.kind, lang))
        .collect();
    (doc, analyses)
}

fn eval(text: &str, format: Format, lang: Lang, profile: Option<&str>) -> Evaluation {
    let (doc, analyses) = read(text, format, lang);
    mentions::evaluate(&doc, &analyses, lang, profile)
}

#[test]
fn data_loads() {
    let data = mentions::data().expect("mandatory-mentions data");
    for id in [
        "decision",
        "social-security-decision",
        "unemployment-decision",
        "cpas-decision",
        "cpas-decision-dg",
        "family-allowance-decision-flanders",
        "brussels-decision",
        "information-letter",
        "brochure",
    ] {
        assert!(data.profiles.contains_key(id), "{id}");
    }
    let dg = &data.profiles["cpas-decision-dg"];
    assert_eq!(
        dg.chain,
        [
            "decision",
            "social-security-decision",
            "cpas-decision",
            "cpas-decision-dg"
        ]
    );
    assert!(dg.require.contains_key("appeal-not-suspensive"));
    assert_eq!(dg.route.deadline, Some((3, mentions::data::Unit::Month)));
    // Every element has a template in fr, nl and de.
    for id in mentions::data::ELEMENTS {
        let el = &data.elements[*id];
        for l in ["fr", "nl", "de"] {
            assert!(el.template.contains_key(l), "{id} {l}");
        }
    }
}

#[test]
fn deadlines_parse_or_fail_loudly() {
    use mentions::data::{Unit, parse_deadline};
    assert_eq!(parse_deadline("3 months"), Ok(Some((3, Unit::Month))));
    assert_eq!(parse_deadline("120 days"), Ok(Some((120, Unit::Day))));
    assert_eq!(parse_deadline("to-check"), Ok(None));
    assert!(parse_deadline("trois mois").is_err());
}

/// One test case of MANDATORY-MENTIONS.md §5.2. Statuses and findings are checked for
/// the elements v1 implements; `deferred` names what the case also expects but v1 leaves
/// for later.
struct Case {
    id: &'static str,
    lang: Lang,
    profile: Option<&'static str>,
    scope: &'static [&'static str],
    text: &'static str,
    present: &'static [&'static str],
    partial: &'static [&'static str],
    missing: &'static [&'static str],
    misleading: &'static [&'static str],
    /// "code severity"
    findings: &'static [&'static str],
    not_findings: &'static [&'static str],
    deferred: &'static str,
}

const R: &[&str] = &[
    "appeal-right",
    "appeal-court",
    "court-address",
    "appeal-deadline",
    "appeal-form",
];
const RJ: &[&str] = &[
    "appeal-right",
    "appeal-court",
    "court-address",
    "appeal-deadline",
    "appeal-form",
    "judicial-code-728-1017",
];

const T07: &str =
    "Gaat u niet akkoord met deze beslissing? Dan kunt u beroep instellen bij de arbeidsrechtbank
Gent, afdeling Brugge, Griffiestraat 1, 8000 Brugge. Dat moet binnen drie maanden na de
ontvangst van deze brief. U doet dat met een verzoekschrift dat u aangetekend naar de griffie
stuurt of daar afgeeft. U kunt zelf verschijnen of u laten vertegenwoordigen door een advocaat
of door een afgevaardigde van uw vakbond met een schriftelijke volmacht. De gerechtskosten zijn
ten laste van de RVA, behalve als het beroep tergend of roekeloos is.";

const CASES: &[Case] = &[
    Case {
        id: "T01",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: "Vous n'êtes pas d'accord avec cette décision ? Vous pouvez introduire un recours auprès du
tribunal du travail de Liège, division Namur, Rue du Greffe 1, 5000 Namur. Vous devez le faire
dans les trois mois à partir du jour où vous recevez cette lettre. Envoyez une requête datée et
signée au greffe du tribunal par lettre recommandée, ou déposez-la au greffe. Au tribunal, vous
pouvez comparaître en personne ou vous faire représenter par un avocat ou par un délégué de
votre syndicat muni d'une procuration écrite. Les frais de la procédure sont à charge de l'ONEM,
sauf si votre recours est téméraire ou vexatoire.",
        present: RJ,
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T02",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: R,
        text: "Si vous souhaitez contester cette décision, adressez-vous au tribunal du travail de votre
domicile dans les meilleurs délais.",
        present: &["appeal-right"],
        partial: &["appeal-court"],
        missing: &["court-address", "appeal-form", "appeal-deadline"],
        misleading: &[],
        findings: &[
            "appeal-court/not-identified blocker",
            "court-address/missing blocker",
            "appeal-deadline/vague blocker",
            "appeal-form/missing blocker",
        ],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T03",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: "Vous pouvez introduire un recours auprès du tribunal du travail francophone de Bruxelles,
Rue du Greffe 3, 1000 Bruxelles, dans un délai de trois mois à compter de la notification de la
présente décision. Les articles 728 et 1017 du Code judiciaire sont d'application.",
        present: &["appeal-right", "appeal-court", "court-address", "appeal-deadline"],
        partial: &[],
        missing: &["appeal-form", "judicial-code-728-1017"],
        misleading: &[],
        findings: &["judicial-code-728-1017/numbers-only blocker", "appeal-form/missing blocker"],
        not_findings: &["appeal-deadline/wrong-start"],
        deferred: "",
    },
    Case {
        id: "T04",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: &["appeal-deadline"],
        text: "Un recours peut être introduit devant le tribunal du travail du Hainaut, division Charleroi,
Rue du Greffe 5, 6000 Charleroi, endéans les 3 mois à dater de la présente.",
        present: &[],
        partial: &[],
        missing: &[],
        misleading: &["appeal-deadline"],
        findings: &["appeal-deadline/wrong-start blocker"],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T05",
        lang: Lang::Fr,
        profile: Some("cpas-decision"),
        scope: &["payment-details", "appeal-not-suspensive"],
        text: "Le CPAS vous accorde le revenu d'intégration au taux isolé à partir du 1er avril 2025, soit
1.090,00 € par mois : le montant de base de 1.200,00 € moins vos revenus de 110,00 € par mois.
Si vous introduisez un recours devant le tribunal du travail, ce recours ne suspend pas la
présente décision.",
        present: &["payment-details", "appeal-not-suspensive"],
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T06",
        lang: Lang::Fr,
        profile: Some("social-security-decision"),
        scope: &["recovery-details", "prescription-period"],
        text: "Vous avez perçu indûment 1.345,20 € d'allocations du 1er janvier au 31 mars 2025, parce que
vous travailliez à temps plein (article 44 de l'arrêté royal du 25 novembre 1991). Ce montant
correspond à 60 allocations journalières de 22,42 €. Cette dette se prescrit par trois ans.",
        present: &["prescription-period"],
        partial: &["recovery-details"],
        missing: &[],
        misleading: &[],
        // Capped at warning: the sanction of the recovery mentions is unconfirmed.
        findings: &[
            "recovery-details/waiver-missing warning",
            "recovery-details/instalments-missing warning",
            "recovery-details/quote-provision-text info",
        ],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T07",
        lang: Lang::Nl,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: T07,
        present: RJ,
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T08",
        lang: Lang::Nl,
        profile: Some("unemployment-decision"),
        scope: R,
        text: "U kunt binnen een redelijke termijn beroep aantekenen bij de arbeidsrechtbank Tongeren.",
        present: &["appeal-right"],
        partial: &["appeal-court"],
        missing: &["court-address", "appeal-deadline", "appeal-form"],
        misleading: &[],
        findings: &[
            "x/outdated-court error",
            "court-address/missing blocker",
            "appeal-deadline/vague blocker",
            "appeal-form/missing blocker",
        ],
        not_findings: &["appeal-court/not-identified"],
        deferred: "",
    },
    Case {
        id: "T09",
        lang: Lang::Nl,
        profile: Some("family-allowance-decision-flanders"),
        scope: &["ombudsman"],
        text: "Ben je het niet eens? Dien dan eerst een klacht in bij onze klachtendienst. Zolang we je klacht
behandelen, loopt de termijn om naar de arbeidsrechtbank te gaan niet.",
        present: &[],
        partial: &["ombudsman"],
        missing: &[],
        misleading: &[],
        findings: &["ombudsman/bodies-missing error", "x/complaint-as-appeal error"],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T10",
        lang: Lang::Nl,
        profile: Some("social-security-decision"),
        scope: &["judicial-code-728-1017"],
        text: "Naar de arbeidsrechtbank gaan is gratis. U kunt zelf naar de zitting komen of een advocaat
meebrengen.",
        present: &[],
        partial: &["judicial-code-728-1017"],
        missing: &[],
        misleading: &[],
        findings: &[
            "judicial-code-728-1017/costs-without-exception blocker",
            "judicial-code-728-1017/representation-incomplete blocker",
        ],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T11",
        lang: Lang::Nl,
        profile: Some("information-letter"),
        scope: &["appeal-right", "appeal-deadline", "contact-person"],
        text: "Beste heer Janssens
U vroeg ons hoe uw werkloosheidsuitkering berekend wordt. Hieronder vindt u de uitleg.
Wij hebben ook beslist uw uitkering vanaf 1 mei te verminderen tot 45 euro per dag.
Met vriendelijke groeten",
        present: &[],
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &["x/hidden-decision warning", "contact-person/missing info"],
        not_findings: &["appeal-right/missing", "appeal-deadline/missing"],
        deferred: "",
    },
    Case {
        id: "T12",
        lang: Lang::De,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: "Wenn Sie mit dieser Entscheidung nicht einverstanden sind, können Sie beim Arbeitsgericht
Eupen, Gerichtsweg 1, 4700 Eupen, Einspruch einlegen. Die Frist beträgt drei Monate ab dem
Erhalt dieses Schreibens. Schicken Sie dazu eine datierte und unterschriebene Antragsschrift
per Einschreiben an die Kanzlei des Arbeitsgerichts oder geben Sie sie dort ab. Sie können
persönlich erscheinen oder sich von einem Rechtsanwalt oder einem Vertreter Ihrer Gewerkschaft
mit schriftlicher Vollmacht vertreten lassen. Die Gerichtskosten trägt das LfA, außer wenn die
Klage leichtfertig oder schikanös ist.",
        present: RJ,
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T13",
        lang: Lang::De,
        profile: Some("unemployment-decision"),
        scope: R,
        text: "Gegen diesen Bescheid können Sie umgehend Klage beim Arbeitsgericht Ihres Wohnortes erheben.",
        present: &["appeal-right"],
        partial: &["appeal-court"],
        missing: &["court-address", "appeal-deadline", "appeal-form"],
        misleading: &[],
        findings: &[
            "appeal-court/not-identified blocker",
            "court-address/missing blocker",
            "appeal-deadline/vague blocker",
            "appeal-form/missing blocker",
        ],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T14",
        lang: Lang::De,
        profile: Some("cpas-decision-dg"),
        scope: &["appeal-not-suspensive", "ombudsman"],
        text: "Der Einspruch beim Arbeitsgericht hat keine aufschiebende Wirkung. Wenn Sie mit unserer Arbeit
unzufrieden sind, können Sie sich an die Ombudsperson der Deutschsprachigen Gemeinschaft wenden:
www.dg-ombudsdienst.be. Eine Beschwerde dort ersetzt den Einspruch nicht.",
        present: &["appeal-not-suspensive", "ombudsman"],
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &["x/complaint-as-appeal"],
        deferred: "",
    },
    Case {
        id: "T15",
        lang: Lang::De,
        profile: Some("cpas-decision"),
        scope: R,
        text: "Sie können innerhalb von drei Monaten ab Zustellung Einspruch beim [NAME GERICHT], [ADRESSE],
einlegen.",
        present: &["appeal-right", "appeal-deadline"],
        partial: &[],
        missing: &["appeal-court", "court-address", "appeal-form"],
        misleading: &[],
        findings: &[
            "x/placeholder-left error",
            "appeal-court/missing blocker",
            "court-address/missing blocker",
            "appeal-form/missing blocker",
        ],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T16",
        lang: Lang::Fr,
        profile: Some("brochure"),
        scope: &["appeal-right", "appeal-deadline"],
        text: "Vous êtes en chômage temporaire ? Cette brochure explique vos droits. Si vous n'êtes pas
d'accord avec une décision de l'ONEM, vous pouvez introduire un recours au tribunal du travail
dans les trois mois.",
        present: &[],
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &["x/hidden-decision", "mandatory/consistency"],
        deferred: "",
    },
    Case {
        id: "T17a",
        lang: Lang::Nl,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: "",
        present: RJ,
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &[],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T17b",
        lang: Lang::Nl,
        profile: Some("unemployment-decision"),
        scope: RJ,
        text: "",
        present: RJ,
        partial: &[],
        missing: &[],
        misleading: &[],
        findings: &["x/annex-unreferenced warning"],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T18",
        lang: Lang::De,
        profile: Some("cpas-decision"),
        scope: &["gdpr-information", "appeal-deadline"],
        text: "Bitte senden Sie uns bis zum 30. Juni Ihre Lohnzettel der letzten drei Monate. Verantwortlich
für die Verarbeitung Ihrer Daten ist das ÖSHZ; Datenschutzbeauftragter: datenschutz@oeshz.example.
Zweck: Wir prüfen damit Ihren Anspruch auf Eingliederungseinkommen.
Rechtsgrundlage: Gesetz vom 26. Mai 2002.",
        present: &[],
        partial: &["gdpr-information"],
        missing: &["appeal-deadline"],
        misleading: &[],
        findings: &["gdpr-information/partial warning", "appeal-deadline/missing blocker"],
        not_findings: &["appeal-deadline/wrong-value"],
        deferred: "",
    },
    Case {
        id: "T19",
        lang: Lang::Fr,
        profile: Some("social-security-decision"),
        scope: R,
        text: "Madame, nous avons décidé de refuser votre demande d'allocation parce que vos revenus dépassent
le plafond. Gaat u niet akkoord met deze beslissing? Dan kunt u beroep instellen bij de
arbeidsrechtbank Leuven, Griffiestraat 2, 3000 Leuven, binnen drie maanden na de ontvangst van
deze brief, met een verzoekschrift dat u aangetekend naar de griffie stuurt.",
        present: R,
        partial: &[],
        missing: &[],
        misleading: &[],
        // Capped at warning: the language laws' basis is unconfirmed (L27 "?").
        findings: &["x/other-language-only warning"],
        not_findings: &[],
        deferred: "",
    },
    Case {
        id: "T20",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: &["appeal-deadline"],
        text: "Vous pouvez introduire un recours devant le tribunal du travail de Liège, division Verviers,
Rue du Greffe 2, 4800 Verviers, dans les deux mois suivant la réception de cette décision.",
        present: &[],
        partial: &[],
        missing: &[],
        misleading: &["appeal-deadline"],
        findings: &["appeal-deadline/wrong-value blocker"],
        not_findings: &["appeal-deadline/no-start", "appeal-deadline/wrong-start"],
        deferred: "",
    },
    Case {
        id: "T21",
        lang: Lang::Fr,
        profile: Some("unemployment-decision"),
        scope: &["appeal-deadline"],
        text: "Vous êtes exclu du bénéfice des allocations pendant 8 semaines. Vous pouvez introduire un
recours auprès du tribunal du travail du Brabant wallon, Rue du Greffe 4, 1400 Nivelles.",
        present: &[],
        partial: &[],
        missing: &["appeal-deadline"],
        misleading: &[],
        findings: &["appeal-deadline/missing blocker"],
        not_findings: &["appeal-deadline/wrong-value"],
        deferred: "",
    },
    Case {
        id: "T22",
        lang: Lang::Fr,
        profile: None,
        // Detection only: the fallback profile's own checks (appeal-right, appeal-deadline
        // missing, at info) are out of this case's scope.
        scope: &[],
        text: "Madame, nous avons décidé de vous accorder une intervention à partir du 1er juin 2025.",
        present: &[],
        partial: &[],
        missing: &[],
        misleading: &[],
        // v1 reports heuristic assignments at info (see docs/mentions.md).
        findings: &["profile/uncertain info"],
        not_findings: &["appeal-deadline/wrong-value"],
        deferred: "",
    },
];

fn case_text(c: &Case) -> String {
    match c.id {
        "T17a" => format!(
            "Wij hebben beslist dat u geen uitkering krijgt. Hoe u beroep kunt instellen, leest u op de achterkant van deze brief.\n\nMet vriendelijke groeten\n\n# Achterkant\n\n{T07}\n"
        ),
        "T17b" => format!(
            "Wij hebben beslist dat u geen uitkering krijgt.\n\nMet vriendelijke groeten\n\n# Achterkant\n\n{T07}\n"
        ),
        _ => c.text.to_string(),
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Present => "present",
        Status::Partial => "partial",
        Status::Missing => "missing",
        Status::Misleading => "misleading",
        Status::NotApplicable => "n/a",
    }
}

/// Problems with one case (empty when it passes).
fn check_case(c: &Case) -> Vec<String> {
    let text = case_text(c);
    let ev = eval(&text, Format::Markdown, c.lang, c.profile);
    let mut errs = Vec::new();
    let in_scope = |code: &str, element: Option<&str>| {
        code.starts_with("x/") || element.is_some_and(|e| c.scope.contains(&e))
    };
    for (want, list) in [
        (Status::Present, c.present),
        (Status::Partial, c.partial),
        (Status::Missing, c.missing),
        (Status::Misleading, c.misleading),
    ] {
        for e in list {
            let got = ev.statuses.get(*e).copied();
            if got != Some(want) {
                errs.push(format!(
                    "{e}: expected {}, got {:?}",
                    status_name(want),
                    got.map(status_name)
                ));
            }
        }
    }
    let mut expected: Vec<(&str, &str)> = c
        .findings
        .iter()
        .map(|f| f.split_once(' ').unwrap())
        .collect();
    for (code, sev) in &expected {
        let sev: Severity = sev.parse().unwrap();
        if !ev
            .findings
            .iter()
            .any(|f| f.code == *code && f.severity == sev)
        {
            errs.push(format!("missing finding {code} {sev}"));
        }
    }
    for code in c.not_findings {
        if ev.findings.iter().any(|f| f.code == *code) {
            errs.push(format!("unexpected finding {code}"));
        }
    }
    // Nothing else in scope.
    expected.sort();
    for f in &ev.findings {
        if f.code.starts_with("profile/") && !expected.iter().any(|(c, _)| *c == f.code) {
            continue;
        }
        if (in_scope(&f.code, f.element.as_deref()) || f.code.starts_with("profile/"))
            && !expected.iter().any(|(code, _)| *code == f.code)
        {
            errs.push(format!(
                "unexpected finding {} {} ({})",
                f.code, f.severity, f.message
            ));
        }
    }
    errs
}

#[test]
fn doc_snippets() {
    let mut failures = Vec::new();
    let mut full = 0;
    let mut partly = Vec::new();
    for c in CASES {
        let errs = check_case(c);
        if !errs.is_empty() {
            failures.push(format!("{}: {}", c.id, errs.join("; ")));
        } else if c.deferred.is_empty() {
            full += 1;
        } else {
            partly.push(format!("{} (deferred: {})", c.id, c.deferred));
        }
    }
    println!(
        "doc snippets: {full}/{} fully checked, {} with deferred parts:\n  {}",
        CASES.len(),
        partly.len(),
        partly.join("\n  ")
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn region_profiles_need_their_region() {
    let nl = "OCMW Gent\n\nHet OCMW heeft beslist: u krijgt het leefloon vanaf 1 april 2025.";
    let a = eval(nl, Format::Text, Lang::Nl, None).assignment.unwrap();
    assert_eq!(a.profile, "cpas-decision", "{a:?}");
    let de = "ÖSHZ Eupen\n\nHerrn Ralf Schröder\nBeispielstraße 12\n4700 Eupen\n\nDer Sozialhilferat hat Folgendes beschlossen: Ihr Antrag auf Eingliederungseinkommen wird abgelehnt.";
    let a = eval(de, Format::Text, Lang::De, None).assignment.unwrap();
    assert_eq!(a.profile, "cpas-decision-dg", "{a:?}");
    assert!(a.cues.iter().any(|c| c.contains("4700")), "{a:?}");
}

#[test]
fn assignment_t22_falls_back_to_decision() {
    let ev = eval(
        "Madame, nous avons décidé de vous accorder une intervention à partir du 1er juin 2025.",
        Format::Text,
        Lang::Fr,
        None,
    );
    let a = ev.assignment.unwrap();
    assert_eq!(a.profile, "decision");
    assert!(a.uncertain);
    assert!(
        a.cues.iter().any(|c| c.contains("nous avons décidé")),
        "{:?}",
        a.cues
    );
}

fn fixture_profile(lang: &str) -> &'static str {
    match lang {
        "de" => "cpas-decision",
        _ => "social-security-decision",
    }
}

fn mandatory(ev: &Evaluation) -> Vec<(String, Option<String>)> {
    ev.findings
        .iter()
        .filter(|f| !f.code.starts_with("profile/"))
        .map(|f| (f.code.clone(), f.element.clone()))
        .collect()
}

#[test]
fn decision_fixtures() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for lang in ["fr", "nl", "de"] {
        let l: Lang = lang.parse().unwrap();
        let dir = root().join("fixtures/decisions").join(lang);
        let profile = fixture_profile(lang);
        let complete = std::fs::read_to_string(dir.join("complete.md")).unwrap();
        let ev = eval(&complete, Format::Markdown, l, Some(profile));
        ran += 1;
        if !mandatory(&ev).is_empty() {
            failures.push(format!("{lang}/complete.md: {:?}", mandatory(&ev)));
        }
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("missing-")
            })
            .collect();
        files.sort();
        assert!(files.len() >= 9, "{lang}: variants missing");
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            let element = name.trim_start_matches("missing-").trim_end_matches(".md");
            let ev = eval(
                &std::fs::read_to_string(&f).unwrap(),
                Format::Markdown,
                l,
                Some(profile),
            );
            ran += 1;
            let got = mandatory(&ev);
            let expected: &[&str] = std::slice::from_ref(&element);
            let elements: Vec<&str> = got.iter().filter_map(|(_, e)| e.as_deref()).collect();
            if got.len() != expected.len() || elements != expected {
                failures.push(format!("{lang}/{name}: {got:?}"));
            }
            // Each missing-element finding carries a fix in the letter's language.
            if let Some(f) = ev.findings.iter().find(|f| f.code.ends_with("/missing")) {
                let fix = f.fix.as_ref().expect("fix");
                assert!(
                    fix.edits[0].span.is_empty() && fix.edits[0].replacement.starts_with("\n\n")
                );
            }
        }
    }
    println!("decision fixtures: {ran} checked");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn deadline_fix_fills_the_profile_parameters() {
    let dir = root().join("fixtures/decisions");
    for (lang, needle) in [("fr", "3 mois"), ("nl", "3 maanden"), ("de", "3 Monate")] {
        let l: Lang = lang.parse().unwrap();
        let text =
            std::fs::read_to_string(dir.join(lang).join("missing-appeal-deadline.md")).unwrap();
        let ev = eval(&text, Format::Markdown, l, Some(fixture_profile(lang)));
        let f = ev
            .findings
            .iter()
            .find(|f| f.code == "appeal-deadline/missing")
            .unwrap();
        let fix = f.fix.as_ref().unwrap();
        assert!(
            fix.edits[0].replacement.contains(needle),
            "{lang}: {:?}",
            fix.edits[0].replacement
        );
        assert!(f.message.contains(needle), "{lang}: {}", f.message);
        // The fix goes at the end of the appeal section: after the 728/1017 paragraph.
        let (doc, _) = read(&text, Format::Markdown, l);
        let block = &doc.blocks[f.block.unwrap()].text;
        assert_eq!(fix.edits[0].span.start as usize, block.len());
    }
}

#[test]
fn no_profile_and_no_decision_means_no_finding() {
    for (lang, dir) in [("fr", "fr"), ("nl", "nl"), ("de", "de"), ("en", "en")] {
        let l: Lang = lang.parse().unwrap();
        for e in std::fs::read_dir(root().join("fixtures/letters").join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let is_decision = ["refus", "ablehnung", "beslissing", "sanction"]
                .iter()
                .any(|k| name.contains(k));
            if is_decision {
                continue;
            }
            let format = if name.ends_with(".md") {
                Format::Markdown
            } else {
                Format::Text
            };
            let ev = eval(&std::fs::read_to_string(&p).unwrap(), format, l, None);
            assert!(ev.findings.is_empty(), "{name}: {:?}", ev.codes());
        }
    }
}

#[test]
fn engine_reports_heuristic_findings_as_info_and_explicit_as_blockers() {
    let text =
        std::fs::read_to_string(root().join("fixtures/decisions/fr/missing-appeal-deadline.md"))
            .unwrap();
    let (doc, _) = read(&text, Format::Markdown, Lang::Fr);
    let engine = Engine::default();
    let report = engine.check(&doc, &Settings::default(), Lang::Fr);
    let ours: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "mandatory-mentions")
        .collect();
    assert!(
        ours.iter().all(|f| f.severity == Severity::Info),
        "{ours:#?}"
    );
    assert!(
        ours.iter().any(|f| f.block.is_none()
            && f.message.contains("unemployment-decision")
            && f.message.contains("« Office national de l'Emploi »")),
        "{ours:#?}"
    );
    let settings = Settings {
        profile: Some("social-security-decision".into()),
        ..Default::default()
    };
    let report = engine.check(&doc, &settings, Lang::Fr);
    let blockers: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "mandatory-mentions" && f.severity == Severity::Blocker)
        .collect();
    assert_eq!(blockers.len(), 1, "{blockers:#?}");
    assert!(blockers[0].message.contains("3 mois"));
}

/// Cross-checks X4 wrong-forum, X7 discouraging and X9 filing-by-email, each with its
/// negative guards (team-written snippets, checked as an unemployment decision).
#[test]
fn cross_checks_and_their_guards() {
    type XCase = (
        &'static str,
        Lang,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );
    let x4 = &["x/wrong-forum"][..];
    let x7 = &["x/discouraging"][..];
    let x9 = &["x/filing-by-email"][..];
    let cases: &[XCase] = &[
        (
            "X4 fr other court",
            Lang::Fr,
            "Vous pouvez introduire un recours auprès du tribunal de première instance de Namur dans les trois mois.",
            x4,
            &[],
        ),
        (
            "X4 fr institution",
            Lang::Fr,
            "Si vous n'êtes pas d'accord, envoyez-nous votre recours dans les trois mois.",
            x4,
            &[],
        ),
        (
            "X4 nl",
            Lang::Nl,
            "U kunt beroep instellen bij de vrederechter van uw woonplaats.",
            x4,
            &[],
        ),
        (
            "X4 de",
            Lang::De,
            "Sie können beim Friedensgericht Eupen Einspruch einlegen.",
            x4,
            &[],
        ),
        (
            "X4 guard: negated",
            Lang::Fr,
            "Votre recours ne va pas au juge de paix : adressez-vous au tribunal du travail de Liège.",
            &[],
            x4,
        ),
        (
            "X4 guard: no appeal word",
            Lang::Fr,
            "Le juge de paix a désigné un médiateur de dettes le 3 mars 2025.",
            &[],
            x4,
        ),
        (
            "X4 guard: nl negated",
            Lang::Nl,
            "Uw beroep gaat niet naar de vrederechter, maar naar de arbeidsrechtbank Gent.",
            &[],
            x4,
        ),
        (
            "X7 fr",
            Lang::Fr,
            "Il est inutile de contester cette décision devant le tribunal du travail.",
            x7,
            &[],
        ),
        (
            "X7 nl",
            Lang::Nl,
            "Beroep instellen bij de arbeidsrechtbank is zinloos.",
            x7,
            &[],
        ),
        (
            "X7 de",
            Lang::De,
            "Ein Einspruch beim Arbeitsgericht ist aussichtslos.",
            x7,
            &[],
        ),
        (
            "X7 guard: no appeal word",
            Lang::Nl,
            "Hebt u geen zin om te wachten? Bel ons op 050 00 12 34.",
            &[],
            x7,
        ),
        (
            "X9 fr",
            Lang::Fr,
            "Vous pouvez introduire votre recours par e-mail à recours@onem.example.",
            x9,
            &[],
        ),
        (
            "X9 nl",
            Lang::Nl,
            "U kunt uw verzoekschrift per e-mail naar de griffie sturen.",
            x9,
            &[],
        ),
        (
            "X9 de",
            Lang::De,
            "Sie können Ihren Einspruch per E-Mail an die Kanzlei schicken.",
            x9,
            &[],
        ),
        (
            "X9 guard: negated",
            Lang::Fr,
            "Envoyez votre requête au greffe par recommandé, pas par e-mail.",
            &[],
            x9,
        ),
        (
            "X9 guard: questions",
            Lang::Fr,
            "Vous avez une question sur votre recours ? Écrivez à info@onem.example.",
            &[],
            x9,
        ),
        (
            "X9 guard: e-Deposit",
            Lang::Nl,
            "U kunt uw verzoekschrift ook elektronisch indienen via e-Deposit.",
            &[],
            x9,
        ),
    ];
    let mut failures = Vec::new();
    for (id, lang, text, must, must_not) in cases {
        let ev = eval(text, Format::Text, *lang, Some("unemployment-decision"));
        let codes = ev.codes();
        for m in *must {
            if !codes.contains(m) {
                failures.push(format!("{id}: missing {m}: {codes:?}"));
            }
        }
        for m in *must_not {
            if codes.contains(m) {
                failures.push(format!("{id}: unexpected {m}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Precision: the cross-checks and the new elements' botches stay quiet on the team's plain
/// and admin fixture letters, whether the profile is detected or given.
#[test]
fn cross_checks_stay_quiet_on_the_fixture_letters() {
    let quiet = [
        "x/wrong-forum",
        "x/discouraging",
        "x/filing-by-email",
        "x/annex-unreferenced",
        "x/other-language-only",
        "x/complaint-as-appeal",
        "x/placeholder-left",
        "appeal-not-suspensive/misstated",
        "judicial-code-728-1017/costs-misstated",
    ];
    let mut failures = Vec::new();
    for (lang, profile) in [
        ("fr", "unemployment-decision"),
        ("nl", "cpas-decision"),
        ("de", "cpas-decision-dg"),
    ] {
        let l: Lang = lang.parse().unwrap();
        for e in std::fs::read_dir(root().join("fixtures/letters").join(lang)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.contains("template") {
                continue; // a template with markers on purpose
            }
            let format = if name.ends_with(".md") {
                Format::Markdown
            } else {
                Format::Text
            };
            let text = std::fs::read_to_string(&p).unwrap();
            for prof in [None, Some(profile)] {
                let ev = eval(&text, format, l, prof);
                for c in ev.codes() {
                    if quiet.contains(&c) {
                        failures.push(format!("{lang}/{name} ({prof:?}): {c}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Severities come from sources.toml: sanction → default severity, the `?` cap, and the
/// stricter of profile and mixin.
#[test]
fn severities_follow_the_legal_sources() {
    let data = mentions::data().unwrap();
    let req = |p: &str, e: &str| data.profiles[p].require[e].clone();
    // Charter art. 14 al. 2: the deadline never starts.
    assert_eq!(
        req("social-security-decision", "appeal-deadline").severity,
        Severity::Blocker
    );
    // GP decree: the deadline starts 4 months late.
    assert_eq!(
        req("family-allowance-decision-flanders", "appeal-deadline").severity,
        Severity::Error
    );
    assert_eq!(
        req("family-allowance-decision-flanders", "ombudsman").severity,
        Severity::Error
    );
    // DIS law art. 21 § 3, 8°: periodicity is a blocker, amount and calculation errors.
    let pay = req("cpas-decision", "payment-details");
    assert_eq!(pay.parts["periodicity"], Severity::Blocker);
    assert_eq!(pay.parts["calculation"], Severity::Error);
    // Mixin federal-authority: the contact person at warning (loi 1994, no sanction).
    assert_eq!(
        req("unemployment-decision", "contact-person").severity,
        Severity::Warning
    );
    assert_eq!(
        req("social-security-decision", "contact-person").severity,
        Severity::Info
    );
    // Mixin dg-authority: the Ombudsdekret's reach to ÖSHZ is unconfirmed → capped.
    let dg = req("cpas-decision-dg", "ombudsman");
    assert_eq!(dg.severity, Severity::Warning);
    assert!(dg.capped);
    assert!(dg.bodies.contains(&"dg-ombudsdienst".to_string()));
    // Recovery: sanction unconfirmed → error capped at warning.
    let rec = &data.mixins["recovery"].require["recovery-details"];
    assert_eq!(rec.severity, Severity::Warning);
    assert!(rec.capped);
    // The decision fallback lowers its severity with a written why.
    assert_eq!(req("decision", "appeal-right").severity, Severity::Error);
    // Every basis cited exists.
    for p in data.profiles.values() {
        for r in p.require.values() {
            for b in &r.basis {
                assert!(data.sources.contains_key(b), "{}: {b}", p.id);
            }
        }
    }
    // Capped findings say so.
    let ev = eval(
        "Vous avez perçu indûment 1.345,20 € d'allocations du 1er janvier au 31 mars 2025.",
        Format::Text,
        Lang::Fr,
        Some("social-security-decision"),
    );
    let f = ev
        .findings
        .iter()
        .find(|f| f.code == "recovery-details/waiver-missing")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("à confirmer"), "{}", f.message);
    assert!(ev.codes().contains(&"profile/mixin"), "{:?}", ev.codes());
}

/// Profile detection on the team's letters: every decision in fr, nl and de is taken for
/// one (with its evidence shown), no other letter is. English letters are courtesy
/// translations: Belgian law asks no mentions in English, so they are not counted.
#[test]
fn detection_confusion_on_the_fixtures() {
    let mut tp = 0;
    let mut fn_ = Vec::new();
    let mut fp = Vec::new();
    let mut tn = 0;
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for lang in ["fr", "nl", "de"] {
        for e in std::fs::read_dir(root().join("fixtures/decisions").join(lang)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                files.push((p, true));
            }
        }
        for e in std::fs::read_dir(root().join("fixtures/letters").join(lang)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let decision = ["refus", "ablehnung", "beslissing"]
                .iter()
                .any(|k| name.contains(k));
            files.push((p, decision));
        }
    }
    for (p, decision) in &files {
        let lang: Lang = p
            .parent()
            .and_then(|d| d.file_name())
            .unwrap()
            .to_string_lossy()
            .parse()
            .unwrap();
        let name = p.to_string_lossy().to_string();
        let format = if name.ends_with(".md") {
            Format::Markdown
        } else {
            Format::Text
        };
        let ev = eval(&std::fs::read_to_string(p).unwrap(), format, lang, None);
        match (decision, &ev.assignment) {
            (true, Some(a)) => {
                tp += 1;
                assert!(!a.cues.is_empty(), "{name}: no evidence");
            }
            (true, None) => fn_.push(name),
            (false, None) => tn += 1,
            (false, Some(a)) => fp.push(format!("{name}: {}", a.profile)),
        }
    }
    println!(
        "detection: {tp} decisions found, {} missed, {} false alarms, {tn} non-decisions left alone",
        fn_.len(),
        fp.len()
    );
    assert!(
        fn_.is_empty() && fp.is_empty(),
        "missed {fn_:?}\nfalse {fp:?}"
    );
}

/// Missing reasons go with the decision (before the appeal section); the fix is a
/// team-written paragraph in the letter's language with placeholders.
#[test]
fn reasons_fix_goes_after_the_decision() {
    let dir = root().join("fixtures/decisions");
    for (lang, needle) in [
        ("fr", "Pourquoi cette décision ?"),
        ("nl", "Waarom deze beslissing?"),
        ("de", "Warum dieser Beschluss?"),
    ] {
        let l: Lang = lang.parse().unwrap();
        let text = std::fs::read_to_string(dir.join(lang).join("missing-reasons.md")).unwrap();
        let ev = eval(&text, Format::Markdown, l, Some(fixture_profile(lang)));
        let f = ev
            .findings
            .iter()
            .find(|f| f.code == "reasons/no-basis")
            .unwrap_or_else(|| panic!("{lang}: {:?}", ev.codes()));
        assert_eq!(f.severity, Severity::Error, "{lang}");
        let fix = f.fix.as_ref().unwrap();
        assert!(fix.edits[0].replacement.contains(needle), "{lang}");
        assert!(
            fix.edits[0].replacement.contains('⟦'),
            "{lang}: placeholders"
        );
        let (doc, _) = read(&text, Format::Markdown, l);
        let block = &doc.blocks[f.block.unwrap()].text;
        // The decision paragraph, not the appeal section.
        assert!(
            block.contains("212") || block.contains("1.650"),
            "{lang}: {block}"
        );
    }
}

/// The worked examples of spec §4.10 (letter excerpts), checked for the elements v1 covers.
#[test]
fn spec_worked_examples() {
    let ex1 = "Office national de l'Emploi – Bureau du chômage de Namur
Notre référence : NA-2025-031874

Madame,

Le 14 janvier 2025, nous vous avons convoquée à un entretien au bureau du chômage.
Vous n'êtes pas venue et vous ne nous avez pas donné de motif.
En application de l'article 70 de l'arrêté royal du 25 novembre 1991, vous êtes exclue
du bénéfice des allocations à partir du 3 février 2025, jusqu'au jour où vous vous
présenterez à nos bureaux.

Si vous contestez cette décision, vous pouvez introduire un recours auprès du tribunal
du travail compétent dans les trois mois à dater de la présente. La procédure est régie
par les articles 728 et 1017 du Code judiciaire.

Veuillez agréer, Madame, nos salutations distinguées.";
    let ex2 = "Groeipakket – uitbetaler Zonnekind
Dossiernummer: GP-0457-2219

Beste mevrouw Peeters

Je vroeg een schooltoeslag aan voor je zoon Lucas voor het schooljaar 2025-2026.
Je krijgt die schooltoeslag niet. Het inkomen van je gezin in 2023 was € 41.520.
Dat is meer dan de grens voor een gezin met één kind.

Ben je het niet eens met deze beslissing? Dan kan je binnen de drie maanden naar de
arbeidsrechtbank gaan.
Heb je nog vragen? Bel ons op 078 15 00 99.

Vriendelijke groeten";
    let ex3 = "Öffentliches Sozialhilfezentrum – Sozialdienst
Aktenzeichen: SD/2025/0118

Herrn Ralf Schröder
Beispielstraße 12
4700 Eupen

Sehr geehrter Herr Schröder,

der Sozialhilferat hat am 11. März 2025 über Ihren Antrag vom 17. Februar 2025 beraten
und Folgendes beschlossen: Sie erhalten ab dem 17. Februar 2025 das Eingliederungseinkommen
für eine alleinstehende Person. Sie hatten den Satz für eine Person mit Familie zu Lasten
beantragt. Ihre Tochter wohnt aber seit Januar 2025 nicht mehr bei Ihnen
(Hausbesuch vom 28. Februar 2025).
Sie erhalten 1.200,00 € pro Monat.

Gegen diesen Beschluss können Sie innerhalb eines Monats Einspruch beim Arbeitsgericht
einlegen. Das Verfahren ist kostenlos.

Bei Fragen erreichen Sie den Sozialdienst unter 087 59 33 10.

Mit freundlichen Grüßen";
    let cases: &[(&str, Lang, &str, &str, &[&str])] = &[
        (
            "ex1",
            Lang::Fr,
            ex1,
            "unemployment-decision",
            &[
                "appeal-court/not-identified blocker",
                "court-address/missing blocker",
                "appeal-deadline/wrong-start blocker",
                "appeal-form/missing blocker",
                "judicial-code-728-1017/numbers-only blocker",
                "contact-person/missing warning",
                "right-to-explanation/missing blocker",
                // Matrix §3.3: E16 is info (good practice) for social-security decisions.
                "ombudsman/missing info",
            ],
        ),
        (
            "ex2",
            Lang::Nl,
            ex2,
            "family-allowance-decision-flanders",
            &[
                "appeal-court/not-identified error",
                "court-address/missing error",
                "appeal-deadline/no-start error",
                "appeal-form/missing error",
                "judicial-code-728-1017/missing error",
                "handling-service/missing error",
                "contact-person/missing error",
                "reasons/no-basis error",
                "ombudsman/missing error",
            ],
        ),
        (
            "ex3",
            Lang::De,
            ex3,
            "cpas-decision-dg",
            &[
                "appeal-court/not-identified blocker",
                "court-address/missing blocker",
                "appeal-deadline/wrong-value blocker",
                "appeal-deadline/no-start blocker",
                "appeal-form/missing blocker",
                "judicial-code-728-1017/costs-without-exception blocker",
                "judicial-code-728-1017/representation-incomplete blocker",
                "contact-person/missing blocker",
                "reasons/no-basis error",
                "payment-details/calculation-missing error",
                "appeal-not-suspensive/missing blocker",
                "ombudsman/missing warning",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (id, lang, text, profile, expected) in cases {
        let ev = eval(text, Format::Text, *lang, Some(profile));
        let got: Vec<String> = ev
            .findings
            .iter()
            .filter(|f| !f.code.starts_with("profile/"))
            .map(|f| format!("{} {}", f.code, f.severity))
            .collect();
        for e in *expected {
            if !got.iter().any(|g| g == e) {
                failures.push(format!("{id}: missing {e}"));
            }
        }
        for g in &got {
            if !expected.contains(&g.as_str()) {
                failures.push(format!("{id}: unexpected {g}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The phrase search (candidate starts without look-arounds, anchored exact match) finds exactly
/// what `regex::Regex::find_iter` finds, for every pattern of the data, on every fixture
/// letter and decision, alone and joined into one document.
#[test]
fn phrase_search_equals_regex_find_iter() {
    let data = mentions::data().expect("mandatory-mentions data");
    let mut texts = Vec::new();
    for dir in [
        "fixtures/letters/fr",
        "fixtures/letters/nl",
        "fixtures/letters/de",
        "fixtures/letters/en",
        "fixtures/decisions/fr",
        "fixtures/decisions/nl",
        "fixtures/decisions/de",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(t);
            }
        }
    }
    assert!(texts.len() > 20, "fixtures found: {}", texts.len());
    let joined = texts.join("\n\n");
    texts.push(joined);
    let patterns = data.patterns();
    assert!(patterns.len() > 50, "{}", patterns.len());
    for p in patterns {
        p.compile().unwrap();
        let re = regex::Regex::new(p.source()).unwrap();
        for t in &texts {
            let want: Vec<(usize, usize)> = re.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(p.find_all(t), want, "{}", p.source());
            assert_eq!(p.is_match(t), !want.is_empty());
        }
    }
}

#[test]
fn profile_markers_in_text_markdown_and_html() {
    let cases = [
        (
            "---\ntitle: Refus\nplainly-profile: cpas-decision\n---\n\nBonjour.\n",
            Format::Markdown,
            Some("cpas-decision"),
        ),
        (
            "Bonjour.\n\n<!-- plainly-profile: brochure -->\n",
            Format::Markdown,
            Some("brochure"),
        ),
        (
            "<html><body><!-- plainly-profile: \"information-letter\" --><p>Bonjour.</p></body></html>",
            Format::Html,
            Some("information-letter"),
        ),
        (
            "plainly-profile: decision\n\nBonjour.\n",
            Format::Text,
            Some("decision"),
        ),
        // Only at the start of a line, in a comment, or in the front matter.
        (
            "Bonjour, voir plainly-profile: decision.\n",
            Format::Text,
            None,
        ),
        (
            "Bonjour.\n\nplainly-profile: decision\n",
            Format::Markdown,
            None,
        ),
    ];
    for (text, format, want) in cases {
        let (doc, _) = read(text, format, Lang::Fr);
        assert_eq!(mentions::marker(&doc).as_deref(), want, "{text}");
    }
}
