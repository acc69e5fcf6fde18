//! `readability-score`: a document whose readability score (READABILITY.md §3) falls below
//! the target band of its language.
//!
//! Document level, one verdict per language present (its blocks' counts added up), with
//! the language's default formula through [`crate::readability::Readability`]:
//! Kandel–Moles (fr), Flesch–Douma (nl), Amstad (de), Flesch (en). Only with at least 50
//! words and 3 sentences; under 100 words the message says the score is indicative.
//!
//! | language | standard: info below | standard: warning below | easy-to-read: warning below |
//! |---|---|---|---|
//! | fr | 70 | 60 | 80 |
//! | nl | 60 | 45 | 70 |
//! | de | 60 | 50 | 70 |
//! | en | 60 | 50 | 80 |
//!
//! Thresholds: `info`, `warning` (or `info-fr`, `warning-nl`, … per language). The message
//! names the formula, its value and band, the two drivers (average sentence length,
//! syllables per word) and the longest sentence, where to start.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::readability::Readability;
use crate::rule::{DocContext, Example, Family, Rule, RuleDoc};
use crate::settings::Audience;
use plainly_text::{Counts, Lang, Span};

#[derive(Debug)]
pub struct ReadabilityScore;

const ID: &str = "readability-score";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Scores,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "A document whose readability score is below the target of its language \
           (Kandel–Moles for French: info below 70, warning below 60; Flesch–Douma for Dutch: \
           60 / 45; Amstad for German: 60 / 50; Flesch for English: 60 / 50; easy-to-read: \
           warning below 80, 70, 70, 80). No verdict under 50 words or 3 sentences.",
    why: "A low score means long sentences and long words together; it tells the writer \
          where to start, not what to fix.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Madame, Monsieur,\n\nConformément à l'article 12 de l'arrêté royal du 25 novembre 1991, nous vous informons que votre demande d'allocations a été examinée par nos services. Veuillez trouver ci-joint le formulaire C4 dûment complété, lequel doit être renvoyé au bureau du chômage compétent dans un délai de quinze jours à compter de la réception de la présente. À défaut de réponse dans le délai imparti, le dossier sera considéré comme clôturé et aucune suite ne pourra y être réservée.\n\nNous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Bonjour,\n\nNous avons lu votre demande. Vous trouverez le formulaire C4 avec cette lettre. Remplissez-le et renvoyez-le-nous avant le 15 mars. Si nous ne recevons rien, nous fermerons votre dossier. Vous avez une question ? Appelez-nous au 02 515 44 44.\n\nBien à vous,",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Vous avez demandé des allocations de chômage le 6 janvier 2025. Nous avons étudié votre demande. Nous ne pouvons pas vous payer d'allocations pour le moment. Pour recevoir des allocations, vous devez avoir travaillé assez de jours avant votre demande. À votre âge, il faut 312 jours de travail. Nous avons compté 212 jours. Il vous manque donc 100 jours. Envoyez-nous une preuve si nous avons oublié des jours.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Geachte heer, mevrouw,\n\nIn overeenstemming met artikel 12 van het koninklijk besluit van 25 november 1991 delen wij u mede dat uw aanvraag tot het bekomen van uitkeringen door onze diensten werd onderzocht. In bijlage gelieve u het behoorlijk ingevulde formulier C4 te vinden, hetwelk binnen een termijn van vijftien dagen te rekenen vanaf de ontvangst van onderhavig schrijven aan het bevoegde werkloosheidsbureau dient te worden teruggestuurd. Bij gebrek aan antwoord binnen de gestelde termijn zal het dossier als afgesloten worden beschouwd.\n\nMet de meeste hoogachting,",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Op 20 januari 2025 vroeg u een leefloon aan. Een leefloon is een bedrag voor wie te weinig inkomen heeft. We hebben uw vraag goedgekeurd. U krijgt een leefloon vanaf 20 januari 2025. U woont samen met iemand. Daarom krijgt u het bedrag voor samenwonenden. We storten het geld elke maand op uw rekening. Hebt u een vraag? Bel ons.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sehr geehrte Damen und Herren,\n\ngemäß Artikel 12 des Königlichen Erlasses vom 25. November 1991 teilen wir Ihnen mit, dass Ihr Antrag auf Gewährung von Arbeitslosenunterstützung von unseren Dienststellen geprüft wurde. Anbei erhalten Sie das ordnungsgemäß ausgefüllte Formular C4, welches innerhalb einer Frist von fünfzehn Tagen ab Eingang des vorliegenden Schreibens an das zuständige Arbeitslosenbüro zurückzusenden ist. Bei Nichteinhaltung der vorgenannten Frist wird die Akte als abgeschlossen betrachtet.\n\nMit freundlichen Grüßen",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wir haben Ihren Antrag gelesen. Mit diesem Brief bekommen Sie das Formular C4. Füllen Sie es aus. Schicken Sie es bis zum 15. März an uns zurück. Bekommen wir nichts? Dann schließen wir Ihre Akte. Haben Sie eine Frage? Rufen Sie uns an. Wir sind von Montag bis Freitag für Sie da. Wir helfen Ihnen gern.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Dear Sir or Madam,\n\nPursuant to Article 12 of the Royal Decree of 25 November 1991, we hereby inform you that your application for unemployment benefits has been examined by our services. Please find enclosed the duly completed form C4, which must be returned to the competent unemployment office within a period of fifteen days from the date of receipt of the present letter. In the absence of a reply within the prescribed period, the file shall be deemed to be closed.\n\nYours faithfully,",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "On 27 March 2025, you came to our office to explain why you left your job. Thank you for coming. We have now made a decision. You left your job on 28 February 2025. In our view, you did not have a good reason to leave. You will not get benefit for 10 weeks. From 10 May 2025, you can get your benefit again.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::EasyToRead,
            text: "Your application for unemployment benefit has been examined by our services. The decision takes into account the information provided by your former employer. The benefit cannot be granted for a period of ten weeks following the termination of your employment. You may appeal against this decision before the Labour Court within three months.",
            triggers: true,
        },
    ],
};

/// (info below, warning below) for the standard profile, and the easy-to-read warning.
fn targets(lang: Lang) -> (f64, f64, f64) {
    match lang {
        Lang::Fr => (70.0, 60.0, 80.0),
        Lang::Nl => (60.0, 45.0, 70.0),
        Lang::De => (60.0, 50.0, 70.0),
        Lang::En => (60.0, 50.0, 80.0),
    }
}

/// A number with one decimal, with the language's decimal separator.
fn decimal(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

/// The first words of a sentence, to quote it.
fn opening(text: &str, words: &[plainly_text::Word]) -> String {
    const QUOTED: usize = 6;
    let (Some(first), Some(last)) = (
        words.first(),
        QUOTED
            .min(words.len())
            .checked_sub(1)
            .and_then(|i| words.get(i)),
    ) else {
        return String::new();
    };
    let span = Span::new(first.span.start as usize, last.span.end as usize);
    let mut s = span
        .slice(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > QUOTED {
        s.push('…');
    }
    s
}

impl Rule for ReadabilityScore {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let easy = cx.settings.audience == Audience::EasyToRead;
        // The document's main language first, then the others.
        let mut langs = vec![cx.lang];
        langs.extend(Lang::ALL.iter().copied().filter(|l| *l != cx.lang));
        for lang in langs {
            let mut counts = Counts::default();
            // Longest sentence: (words, block, quoted opening).
            let mut longest: Option<(usize, String)> = None;
            for (block, a) in cx.doc.blocks.iter().zip(cx.analyses) {
                if a.lang != lang {
                    continue;
                }
                counts.add(&a.counts);
                if !block.kind.is_prose() {
                    continue;
                }
                for u in a.units.iter().filter(|u| u.unit.kind.counts()) {
                    if longest.as_ref().is_none_or(|(n, _)| u.words.len() > *n) {
                        longest = Some((u.words.len(), opening(&block.text, &u.words)));
                    }
                }
            }
            let r = Readability::new(lang, counts);
            if !r.enough_for_verdict {
                continue;
            }
            let Some(score) = r.main() else {
                continue;
            };
            let (info, warn, easy_warn) = targets(lang);
            let code = lang.code();
            let get = |name: &str, default: f64| {
                let general = cx.settings.threshold(ID, name, default);
                cx.settings
                    .threshold(ID, &format!("{name}-{code}"), general)
            };
            let (severity, target) = if easy {
                let w = get("warning", easy_warn);
                (score.value < w).then_some((Severity::Warning, w)).unzip()
            } else {
                let (i, w) = (get("info", info), get("warning", warn));
                if score.value < w {
                    (Some(Severity::Warning), Some(i.max(w)))
                } else if score.value < i {
                    (Some(Severity::Info), Some(i))
                } else {
                    (None, None)
                }
            };
            let (Some(severity), Some(target)) = (severity, target) else {
                continue;
            };
            let words = f64::from(counts.words);
            let asl = words / f64::from(counts.sentences.max(1));
            let asw = f64::from(counts.syllables) / words.max(1.0);
            let mut message = msg(
                lang,
                "readability-score.low",
                &[
                    ("formula", &score.name),
                    ("score", &format!("{:.0}", score.value)),
                    ("band", &score.band.unwrap_or("")),
                    ("target", &target),
                    ("asl", &decimal(lang, asl)),
                    ("asw", &decimal(lang, asw)),
                ],
            );
            if let Some((n, quote)) = longest.filter(|(_, q)| !q.is_empty()) {
                message.push(' ');
                message.push_str(&msg(
                    lang,
                    "readability-score.longest",
                    &[("sentence", &quote), ("words", &n)],
                ));
            }
            if r.low_confidence {
                message.push(' ');
                message.push_str(&msg(
                    lang,
                    "readability-score.short-text",
                    &[("words", &counts.words)],
                ));
            }
            out.push(Finding {
                rule: ID.into(),
                severity,
                block: None,
                span: Span::default(),
                message,
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use plainly_text::{Block, BlockKind, Document, analyze_block};

    fn check(text: &str, lang: Lang, audience: Audience) -> Vec<Finding> {
        let mut b = Block::new(BlockKind::Paragraph, text, Default::default());
        b.lang = Some(lang);
        let doc = Document {
            format: "txt".into(),
            blocks: vec![b],
            sources: vec![],
            declared_lang: Some(lang),
        };
        let analyses = vec![analyze_block(text, BlockKind::Paragraph, lang)];
        let settings = Settings::with_audience(audience);
        let cx = DocContext {
            doc: &doc,
            analyses: &analyses,
            settings: &settings,
            lexicon: &crate::lexicon::Compiled::builtin(),
            lang,
        };
        let mut out = Vec::new();
        ReadabilityScore.check_document(&cx, &mut out);
        out
    }

    #[test]
    fn reference_cases() {
        for ex in DOC
            .examples
            .iter()
            .filter(|e| e.audience == Audience::Standard)
        {
            let f = check(ex.text, ex.lang, ex.audience);
            assert_eq!(!f.is_empty(), ex.triggers, "{}: {f:?}", ex.text);
            if ex.triggers {
                assert_eq!(f[0].severity, Severity::Warning, "{}", f[0].message);
            }
        }
    }

    #[test]
    fn too_short_for_a_verdict() {
        let f = check(
            "Conformément à l'article 12 de l'arrêté royal du 25 novembre 1991, nous vous informons que votre demande d'allocations a été examinée par nos services compétents.",
            Lang::Fr,
            Audience::EasyToRead,
        );
        assert!(f.is_empty());
    }
}
