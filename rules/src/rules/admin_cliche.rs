//! `admin-cliche`: officialese phrases and pompous words that have a plain equivalent,
//! from the lexicons (categories `cliche` and `pompous`), with the alternatives as fixes.

use super::util::standard_example as ex;
use crate::finding::{Finding, Severity};
use crate::lexicon::Category;
use crate::lexicon::apply::phrase_findings;
use crate::rule::{BlockContext, Family, Rule, RuleDoc};
use plainly_text::Lang;

#[derive(Debug)]
pub struct AdminCliche;

const ID: &str = "admin-cliche";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Officialese phrases and pompous words that have a plain equivalent (lexicon \
           categories `cliche` and `pompous`), with the plain alternatives as fixes. Matching \
           ignores case and accents, respects word boundaries and crosses line breaks; \
           quotations, allowed terms and phrases that introduce a legal reference are left \
           alone. Set `proposed = 1` to use entries still under review.",
    why: "Stock phrases make the letter distant and hard to read, and the reader learns \
          nothing from them.",
    examples: &[
        ex(
            Lang::Fr,
            "Veuillez trouver ci-joint le formulaire dûment complété.",
            true,
        ),
        ex(
            Lang::Fr,
            "Conformément à votre demande, nous vous envoyons l'attestation.",
            true,
        ),
        ex(
            Lang::Fr,
            "Vous trouverez le formulaire avec cette lettre.",
            false,
        ),
        ex(
            Lang::Fr,
            "Comme vous l'avez demandé, voici l'attestation.",
            false,
        ),
        ex(
            Lang::Nl,
            "In bijlage gelieve u het formulier te vinden.",
            true,
        ),
        ex(
            Lang::Nl,
            "Indien u reeds betaald hebt, mag u deze brief negeren.",
            true,
        ),
        ex(Lang::Nl, "Bij deze brief vindt u het formulier.", false),
        ex(
            Lang::Nl,
            "Hebt u al betaald? Dan mag u deze brief negeren.",
            false,
        ),
        ex(
            Lang::De,
            "Anbei erhalten Sie das Formular gemäß Ihrem Antrag.",
            true,
        ),
        ex(
            Lang::De,
            "Bezüglich Ihrer Anfrage teilen wir Ihnen mit, dass der Betrag überwiesen wurde.",
            true,
        ),
        ex(
            Lang::De,
            "Mit diesem Brief bekommen Sie das Formular, um das Sie gebeten haben.",
            false,
        ),
        ex(Lang::De, "Wir haben den Betrag überwiesen.", false),
        ex(
            Lang::En,
            "Please find enclosed the aforementioned form.",
            true,
        ),
        ex(
            Lang::En,
            "Pursuant to your request, we hereby confirm the payment.",
            true,
        ),
        ex(Lang::En, "We have enclosed the form you asked for.", false),
        ex(
            Lang::En,
            "As you asked, we confirm that we have paid you.",
            false,
        ),
    ],
};

impl Rule for AdminCliche {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        phrase_findings(ID, &[Category::Cliche, Category::Pompous], cx, true, out);
    }
}
