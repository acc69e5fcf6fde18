//! `mandatory-mentions`: a decision letter must say how to appeal, where and by when
//! (MANDATORY-MENTIONS.md). The letter profile comes from `--profile`, a document marker
//! or `plainly.toml`, or is detected from the text with its evidence shown; letters that
//! make no decision get no finding. Detection and data live in `crate::mentions`.

use crate::finding::{Finding, Severity};
use crate::mentions;
use crate::rule::{DocContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::Lang;

#[derive(Debug)]
pub struct MandatoryMentions;

static DOC: RuleDoc = RuleDoc {
    id: mentions::RULE,
    family: Family::Mentions,
    default_severity: Severity::Blocker,
    langs: &[Lang::Fr, Lang::Nl, Lang::De],
    what: "Mentions the law requires in a decision letter: the right to appeal, the court and its \
           address, the deadline and when it starts, how to appeal, the content of Judicial Code \
           arts 728 and 1017, the file reference, the department, a contact person, where to get \
           explanations, the reasons (facts and legal basis), the amount and its calculation, \
           complaint and ombuds routes (and, for a CPAS, that the appeal does not suspend the \
           decision; for a recovery, waiver, instalments and prescription; for a data request, \
           the data-protection notice). Severities follow the legal sources. The letter profile \
           comes from --profile, a plainly-profile marker in the document or plainly.toml, or \
           is detected from the text with its evidence (findings are then info; \
           --require-explicit-profile makes such a guess an error).",
    why: "Without these mentions the reader cannot defend a right, and under the Charter of the \
          socially insured the appeal deadline does not even start.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous avons décidé de refuser vos allocations de chômage à partir du 1er mars 2025, parce que vous n'avez pas travaillé assez de jours.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous avons bien reçu votre nouvelle adresse. Elle est enregistrée dans votre dossier depuis le 3 mars 2025.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Het OCMW heeft beslist dat u vanaf 1 april 2025 geen leefloon meer krijgt, omdat u nu een loon hebt.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Wilt u ons uw loonfiches van januari en februari sturen? Dan kunnen we uw aanvraag verder behandelen.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Der Sozialhilferat hat am 11. März 2025 Folgendes beschlossen: Ihr Antrag auf Eingliederungseinkommen wird abgelehnt.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihre neue Adresse in Ihrer Akte eingetragen. Sie müssen nichts weiter tun.",
            triggers: false,
        },
    ],
};

impl Rule for MandatoryMentions {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let s = cx.settings;
        let choice = mentions::Choice {
            profile: s.profile.as_deref(),
            source: s.profile_source,
            require_explicit: s.mandatory.require_explicit_profile,
            min_confidence: s.mandatory.min_confidence,
            with: &s.mandatory.with,
        };
        let ev = mentions::evaluate_with(cx.doc, cx.analyses, cx.lang, &choice);
        // Each missing mention is its own finding with its own fix, even when several
        // belong at the same place (the engine keeps findings that say different things).
        out.extend(ev.findings.into_iter().map(|f| Finding {
            rule: mentions::RULE.into(),
            severity: f.severity,
            block: f.block,
            span: f.span,
            message: f.message,
            fixes: f.fix.into_iter().collect(),
        }));
    }
}
