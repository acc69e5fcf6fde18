//! `latin-phrase`: Latin and legal Latin expressions (lexicon category `latin`), with a
//! plain equivalent in the block's language as fixes.

use super::util::standard_example as ex;
use crate::finding::{Finding, Severity};
use crate::lexicon::Category;
use crate::lexicon::apply::phrase_findings;
use crate::rule::{BlockContext, Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct LatinPhrase;

const ID: &str = "latin-phrase";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Latin and legal Latin expressions (a closed list, lexicon category `latin`: in \
           casu, pro rata, ex tunc, mutatis mutandis…), with a plain equivalent as fix. \
           Latin words that belong to the language (agenda, minimum, via, CV) are not listed.",
    why: "Most readers do not know Latin; the phrase blocks the sentence around it.",
    examples: &[
        ex(
            Lang::Fr,
            "Le montant est calculé au prorata des jours prestés.",
            true,
        ),
        ex(
            Lang::Fr,
            "In casu, votre demande ne peut pas être acceptée.",
            true,
        ),
        ex(
            Lang::Fr,
            "Le montant dépend du nombre de jours travaillés.",
            false,
        ),
        ex(Lang::Fr, "Envoyez votre CV via notre site.", false),
        ex(Lang::Nl, "De vergoeding wordt pro rata berekend.", true),
        ex(Lang::Nl, "U kunt een advocaat pro deo aanvragen.", true),
        ex(
            Lang::Nl,
            "De vergoeding hangt af van het aantal gewerkte dagen.",
            false,
        ),
        ex(Lang::Nl, "U kunt een gratis advocaat aanvragen.", false),
        ex(Lang::De, "Die Entscheidung gilt ex tunc.", true),
        ex(
            Lang::De,
            "Der Betrag wird pro rata temporis berechnet.",
            true,
        ),
        ex(Lang::De, "Die Entscheidung gilt rückwirkend.", false),
        ex(
            Lang::De,
            "Der Betrag hängt von der Zahl der Arbeitstage ab.",
            false,
        ),
        ex(Lang::En, "The allowance is paid pro rata.", true),
        ex(
            Lang::En,
            "This applies mutatis mutandis to part-time workers.",
            true,
        ),
        ex(
            Lang::En,
            "The allowance depends on the number of days you worked.",
            false,
        ),
        ex(
            Lang::En,
            "This also applies to part-time workers, with the necessary changes.",
            false,
        ),
    ],
};

impl Rule for LatinPhrase {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        phrase_findings(ID, &[Category::Latin], cx, false, out);
    }
}
