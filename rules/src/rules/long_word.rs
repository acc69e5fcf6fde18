//! `long-word`: words with many syllables (French and English; Dutch and German compounds
//! are `long-compound`'s business).

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, WordKind};

#[derive(Debug)]
pub struct LongWord;

const ID: &str = "long-word";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Words,
    default_severity: Severity::Hint,
    langs: &[Lang::Fr, Lang::En],
    what: "Words of 6 syllables or more (easy-to-read: 5). Names, acronyms, numbers and \
           placeholders are skipped.",
    why: "Long words are read more slowly and are more often misread.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous devons vérifier l'incompatibilité des deux allocations.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Nous devons vérifier si vous pouvez recevoir les deux allocations.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We must check the incompatibility of the two benefits.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "We must check if you can get both benefits.",
            triggers: false,
        },
    ],
};

impl Rule for LongWord {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        let lang = cx.lang();
        if !DOC.langs.contains(&lang) || !cx.block.kind.is_prose() {
            return;
        }
        let (min, severity) = match cx.settings.audience {
            Audience::Standard => (6.0, Severity::Hint),
            Audience::EasyToRead => (5.0, Severity::Info),
        };
        let min = cx.settings.threshold(ID, "syllables", min);
        let text = cx.text();
        for u in cx.analysis.units.iter().filter(|u| u.unit.kind.counts()) {
            for (i, (w, syl)) in u.words.iter().zip(&u.syllables).enumerate() {
                if w.kind != WordKind::Word || f64::from(*syl) < min {
                    continue;
                }
                let word = w.span.slice(text);
                // A capital inside a sentence marks a name (an institution, a place).
                if i > 0 && word.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(cx.index),
                    span: w.span,
                    message: msg(
                        lang,
                        "long-word.long",
                        &[("word", &word), ("syllables", syl)],
                    ),
                    fixes: Vec::new(),
                });
            }
        }
    }
}
