//! `sentence-length`: sentences and list items with too many words, and a too high
//! average sentence length in the document.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, DocContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Lang, Span, UnitAnalysis};

#[derive(Debug)]
pub struct SentenceLength;

const ID: &str = "sentence-length";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Sentences,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Sentences and list items with too many words (standard: warning over 25, error over \
           40; easy-to-read: warning over 12, error over 20), and a document whose average \
           sentence is longer than 20 words (easy-to-read: 10).",
    why: "Readers hold only a few ideas at once; a long sentence makes them go back and read \
          it again.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous trouverez le formulaire C4 avec cette lettre. Renvoyez-le avant le 15 mars.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "In bijlage gelieve u het behoorlijk ingevulde formulier C4 te vinden, hetwelk binnen een termijn van vijftien dagen te rekenen vanaf de ontvangst van onderhavig schrijven aan het bevoegde werkloosheidsbureau dient te worden teruggestuurd.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Bij deze brief vindt u het formulier C4. Stuur het terug voor 15 maart.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Anbei erhalten Sie das ordnungsgemäß ausgefüllte Formular C4, welches innerhalb einer Frist von fünfzehn Tagen ab Eingang des vorliegenden Schreibens an das zuständige Arbeitslosenbüro zurückzusenden ist.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Mit diesem Brief bekommen Sie das Formular C4. Schicken Sie es bis zum 15. März zurück.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please find enclosed the duly completed form C4, which must be returned to the competent unemployment office within a period of fifteen days from the date of receipt of the present letter.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "With this letter you will find form C4. Send it back to us by 15 March.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::EasyToRead,
            text: "Vous pouvez demander une aide au CPAS de votre commune si vous avez peu de revenus.",
            triggers: true,
        },
    ],
};

impl SentenceLength {
    fn limits(cx_audience: Audience) -> (f64, f64, f64) {
        match cx_audience {
            Audience::Standard => (25.0, 40.0, 20.0),
            Audience::EasyToRead => (12.0, 20.0, 10.0),
        }
    }
}

impl Rule for SentenceLength {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if !cx.block.kind.is_prose() {
            return;
        }
        let (warn, error, _) = Self::limits(cx.settings.audience);
        let warn = cx.settings.threshold(ID, "warning", warn);
        let error = cx.settings.threshold(ID, "error", error);
        let lang = cx.lang();
        for u in &cx.analysis.units {
            if !u.unit.kind.counts() {
                continue;
            }
            let n = u.words.len();
            if (n as f64) <= warn {
                continue;
            }
            let severity = if (n as f64) > error {
                Severity::Error
            } else {
                Severity::Warning
            };
            let limit = warn as usize;
            let mut message = msg(
                lang,
                "sentence-length.too-long",
                &[("words", &n), ("limit", &limit)],
            );
            if let Some(cut) = cut_point(cx.text(), u, lang) {
                message.push(' ');
                message.push_str(&msg(lang, "sentence-length.cut-here", &[("after", &cut)]));
            }
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: Some(cx.index),
                span: u.unit.span,
                message,
                fixes: Vec::new(),
            });
        }
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let (_, _, avg_limit) = Self::limits(cx.settings.audience);
        let avg_limit = cx.settings.threshold(ID, "average", avg_limit);
        let (mut sentences, mut words) = (0u32, 0u32);
        for a in cx.analyses.iter().filter(|a| a.lang == cx.lang) {
            sentences += a.counts.sentences;
            words += a.counts.words;
        }
        if sentences < 3 {
            return;
        }
        let avg = f64::from(words) / f64::from(sentences);
        if avg > avg_limit {
            out.push(Finding {
                rule: ID.into(),
                severity: Severity::Warning,
                block: None,
                span: Span::default(),
                message: msg(
                    cx.lang,
                    "sentence-length.average",
                    &[("average", &format!("{avg:.0}")), ("limit", &avg_limit)],
                ),
                fixes: Vec::new(),
            });
        }
    }
}

/// Where to cut a long sentence: the candidate nearest the middle among `;`, `:`, a
/// coordinating conjunction after a comma, or a relative pronoun. Returns the words just
/// before the cut, to quote.
fn cut_point(text: &str, u: &UnitAnalysis, lang: Lang) -> Option<String> {
    let (conj, rel): (&[&str], &[&str]) = match lang {
        Lang::Fr => (
            &["et", "mais", "car", "donc"],
            &["lequel", "laquelle", "lesquels", "lesquelles"],
        ),
        Lang::Nl => (
            &["en", "maar", "want", "dus"],
            &["hetwelk", "welke", "dewelke"],
        ),
        Lang::De => (
            &["und", "aber", "denn", "sondern"],
            &["welches", "welche", "welcher"],
        ),
        Lang::En => (&["and", "but", "so"], &["which"]),
    };
    let n = u.words.len();
    let mut best: Option<(usize, usize)> = None; // (distance to middle, word index before cut)
    for i in 1..n.saturating_sub(2) {
        let prev = u.words[i - 1];
        let w = u.words[i];
        let gap = text
            .get(prev.span.end as usize..w.span.start as usize)
            .unwrap_or("");
        let word = w.span.slice(text).to_lowercase();
        let candidate = gap.contains(';')
            || gap.contains(':')
            || (gap.contains(',')
                && (conj.contains(&word.as_str()) || rel.contains(&word.as_str())));
        if candidate {
            let d = i.abs_diff(n / 2);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i - 1));
            }
        }
    }
    let (_, at) = best?;
    let from = at.saturating_sub(2);
    let start = u.words.get(from)?.span.start as usize;
    let end = u.words.get(at)?.span.end as usize;
    Some(text.get(start..end)?.to_string())
}
