//! `paragraph-length`: paragraphs with too many sentences or words.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span};

#[derive(Debug)]
pub struct ParagraphLength;

const ID: &str = "paragraph-length";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Sentences,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Paragraphs with more than 6 sentences or 120 words (easy-to-read: 3 sentences or \
           50 words). List items, headings and table cells are not paragraphs.",
    why: "A long block hides the one thing the reader has to do, and many readers skip it.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous avons calculé votre allocation. Elle dépend de votre salaire. Elle dépend aussi de votre situation familiale. Vous vivez seul. Vous recevez donc le taux isolé. Le montant change après un an. Vous pouvez contester cette décision. Vous avez trois mois pour le faire.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous avons calculé votre allocation. Elle dépend de votre salaire et de votre situation familiale.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "We have looked at your request. You can get the benefit. We pay it every month. The first payment comes in May.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "We hebben uw aanvraag bekeken. U krijgt de uitkering vanaf 1 mei.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag geprüft. Sie bekommen das Geld ab dem 1. Mai.",
            triggers: false,
        },
    ],
};

impl Rule for ParagraphLength {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if cx.block.kind != BlockKind::Paragraph {
            return;
        }
        let (max_s, max_w) = match cx.settings.audience {
            Audience::Standard => (6.0, 120.0),
            Audience::EasyToRead => (3.0, 50.0),
        };
        let max_s = cx.settings.threshold(ID, "sentences", max_s);
        let max_w = cx.settings.threshold(ID, "words", max_w);
        let c = cx.analysis.counts;
        let (s, w) = (f64::from(c.sentences), f64::from(c.words));
        if s <= max_s && w <= max_w {
            return;
        }
        let Some(first) = cx.analysis.units.iter().find(|u| u.unit.kind.counts()) else {
            return;
        };
        let last = cx
            .analysis
            .units
            .iter()
            .rev()
            .find(|u| u.unit.kind.counts())
            .unwrap_or(first);
        let lang = cx.lang();
        out.push(Finding {
            rule: ID.into(),
            severity: Severity::Warning,
            block: Some(cx.index),
            span: Span::new(first.unit.span.start as usize, last.unit.span.end as usize),
            message: msg(
                lang,
                "paragraph-length.too-long",
                &[
                    ("sentences", &c.sentences),
                    ("words", &c.words),
                    ("max_sentences", &max_s),
                    ("max_words", &max_w),
                ],
            ),
            fixes: Vec::new(),
        });
    }
}
