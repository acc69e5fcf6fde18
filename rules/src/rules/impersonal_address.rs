//! `impersonal-address`: letters that never address the reader, sentences that name the
//! reader in the third person, and impersonal constructions.
//!
//! Document level: a letter (it has a salutation or a closing) of 50 words or more without
//! any second-person form (`lexicons/<lang>/reader-address.txt`: *vous, votre*, imperatives
//! in *-ez*; *u, uw, je*; *Sie, Ihr-* with their capital, *du, dein-*; *you, your*) gets a
//! warning. Per occurrence: third-person role nouns (*le demandeur*, *de aanvrager*, *der
//! Antragsteller*, *the applicant*) and impersonal constructions (*il convient*, *er wordt
//! verwacht*, *es wird gebeten*, *it is requested*): info (easy-to-read: warning); general
//! pronouns (*men*, *man*, *one must*): hint.
//!
//! A document of 50 words or more that is no letter and never addresses anyone (an annex on
//! "the applicant's" rights, a form for an employer) is about third parties: nothing is
//! reported. Quotations, tables, footnotes and letterheads are skipped.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{DocContext, Example, Family, Rule, RuleDoc};
use crate::rules::all_caps::is_letterhead;
use crate::rules::numeric_date::{data_lines, lang_index};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span, UnitKind, Word};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct ImpersonalAddress;

const ID: &str = "impersonal-address";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Reader,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Letters of 50 words or more that never address the reader as vous, u/je, Sie/du \
           or you (warning); sentences that name the reader in the third person (the \
           applicant) or hide who must act (it is requested that): info, easy-to-read \
           warning.",
    why: "Readers grasp faster that a sentence concerns them, and what they must do, when it \
          speaks to them.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Le demandeur doit joindre une copie de sa carte d'identité.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Il convient de renvoyer le formulaire avant le 15 mars.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Madame,\n\nLa demande d'allocations introduite le 6 janvier a été examinée par nos services. Les conditions d'admissibilité ne sont pas remplies, car le nombre de journées de travail est insuffisant. Une nouvelle demande pourra être introduite dès que le nombre de journées requis sera atteint. Un recours peut être introduit auprès du tribunal du travail dans les trois mois.\n\nSalutations distinguées,",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Joignez une copie de votre carte d'identité.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Renvoyez le formulaire avant le 15 mars.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Cette annexe décrit la procédure de recours. Le demandeur introduit sa requête auprès du tribunal du travail dans les trois mois qui suivent la notification. La requête contient ses nom, prénom et adresse, l'objet de la demande et un exposé des faits. Le greffe convoque les parties à l'audience. Le tribunal rend sa décision après avoir entendu les parties et, le cas échéant, l'auditeur du travail.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "De aanvrager dient een kopie van zijn identiteitskaart bij te voegen.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Er wordt verwacht dat het formulier tijdig wordt teruggestuurd.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Voeg een kopie van uw identiteitskaart toe.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Stuur het formulier op tijd terug.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Der Antragsteller muss eine Kopie seines Personalausweises beifügen.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Es wird gebeten, das Formular fristgerecht zurückzusenden.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Legen Sie bitte eine Kopie Ihres Personalausweises bei.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Schicken Sie das Formular bitte rechtzeitig zurück. Sie hat es schon unterschrieben.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "The applicant must enclose a copy of his or her identity card.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "It is requested that the form be returned on time.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please enclose a copy of your identity card.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please send the form back on time.",
            triggers: false,
        },
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Second,
    Role,
    Impersonal,
    General,
}

#[derive(Debug)]
struct Phrase {
    kind: Kind,
    words: Vec<String>,
}

/// Typographic apostrophes as `'`.
fn apostrophes(s: &str) -> String {
    s.chars()
        .map(|c| if matches!(c, '’' | 'ʼ') { '\'' } else { c })
        .collect()
}

fn phrases(lang: Lang) -> &'static [Phrase] {
    static CELLS: [OnceLock<Vec<Phrase>>; 4] = [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/reader-address.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/reader-address.txt"),
        Lang::De => include_str!("../../../lexicons/de/reader-address.txt"),
        Lang::En => include_str!("../../../lexicons/en/reader-address.txt"),
    };
    CELLS
        .get(lang_index(lang))
        .map(|c| {
            c.get_or_init(|| {
                data_lines(src)
                    .filter_map(|l| {
                        let (k, p) = l.split_once('|')?;
                        let kind = match k.trim() {
                            "second" => Kind::Second,
                            "role" => Kind::Role,
                            "impersonal" => Kind::Impersonal,
                            "general" => Kind::General,
                            _ => return None,
                        };
                        let words: Vec<String> = p.split_whitespace().map(apostrophes).collect();
                        (!words.is_empty()).then_some(Phrase { kind, words })
                    })
                    .collect()
            })
            .as_slice()
        })
        .unwrap_or(&[])
}

/// A text piece with typographic apostrophes as `'`, as typed and lowercased: computed once
/// per word, not once per comparison with a phrase word.
struct Piece {
    raw: String,
    lower: String,
}

impl Piece {
    fn new(s: &str) -> Self {
        let raw = apostrophes(s);
        let lower = raw.to_lowercase();
        Piece { raw, lower }
    }
}

/// Whether a text piece matches a phrase word (a capital in the phrase asks for case).
fn same(piece: &Piece, word: &str) -> bool {
    // Most comparisons fail on length: skip the scan for capitals then.
    if piece.raw.len() != word.len() && piece.lower.len() != word.len() {
        return false;
    }
    if word.chars().any(char::is_uppercase) {
        piece.raw == word
    } else {
        piece.lower == word
    }
}

/// Sentence openings in -ez that are no imperatives.
const NOT_IMPERATIVES: &[&str] = &["chez", "assez", "nez", "rez", "lez"];

/// Second-person forms in one unit's words.
fn second_person(text: &str, words: &[Word], lang: Lang) -> usize {
    let seconds: Vec<&Phrase> = phrases(lang)
        .iter()
        .filter(|p| p.kind == Kind::Second)
        .collect();
    let mut n = 0;
    for (i, w) in words.iter().enumerate() {
        let token = apostrophes(w.span.slice(text));
        let before = n;
        for piece in token.split('-') {
            // French `t'inscrire`: the elided pronoun is a piece of its own.
            let pieces: Vec<Piece> = match piece.split_once('\'') {
                Some((head, _)) if lang == Lang::Fr => {
                    vec![Piece::new(&format!("{head}'")), Piece::new(piece)]
                }
                _ => vec![Piece::new(piece)],
            };
            if pieces.iter().any(|p| {
                seconds
                    .iter()
                    .any(|s| s.words.first().is_some_and(|sw| same(p, sw)))
            }) {
                n += 1;
            }
        }
        // An imperative at the start of a sentence: `Renvoyez-le`, `Envoyez-nous`.
        let first = token.split('-').next().unwrap_or("").to_lowercase();
        if lang == Lang::Fr
            && n == before
            && i == 0
            && first.chars().count() >= 4
            && first.ends_with("ez")
            && !NOT_IMPERATIVES.contains(&first.as_str())
        {
            n += 1;
        }
    }
    n
}

/// The role, impersonal and general phrases of a language by their first word, lowercased,
/// in list order: a piece can only match a phrase word that lowercases to the piece's
/// lowercase, so `occurrences` tries the few phrases that can start at a word, not all.
struct Starts {
    by_first: HashMap<String, Vec<usize>>,
    /// Phrases whose first word has no capital but changes when lowercased (none in the
    /// built-in lists): tried at every word, as before.
    always: Vec<usize>,
}

fn starts(lang: Lang) -> &'static Starts {
    static CELLS: [OnceLock<Starts>; 4] = [const { OnceLock::new() }; 4];
    static EMPTY: OnceLock<Starts> = OnceLock::new();
    let build = || {
        let mut st = Starts {
            by_first: HashMap::new(),
            always: Vec::new(),
        };
        for (k, p) in phrases(lang).iter().enumerate() {
            let Some(first) = p.words.first().filter(|_| p.kind != Kind::Second) else {
                continue;
            };
            let key = first.to_lowercase();
            if first.chars().any(char::is_uppercase) || key == *first {
                st.by_first.entry(key).or_default().push(k);
            } else {
                st.always.push(k);
            }
        }
        st
    };
    match CELLS.get(lang_index(lang)) {
        Some(c) => c.get_or_init(build),
        None => EMPTY.get_or_init(build),
    }
}

/// Role, impersonal and general phrases in one unit: (first word, end word, kind).
fn occurrences(text: &str, words: &[Word], lang: Lang) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    let pieces: Vec<Piece> = words
        .iter()
        .map(|w| Piece::new(w.span.slice(text)))
        .collect();
    let (all, st) = (phrases(lang), starts(lang));
    let mut merged: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let keyed = pieces
            .get(i)
            .and_then(|p| st.by_first.get(p.lower.as_str()))
            .map_or(&[][..], Vec::as_slice);
        let candidates: &[usize] = if st.always.is_empty() {
            keyed
        } else {
            merged.clear();
            merged.extend(keyed.iter().chain(&st.always));
            merged.sort_unstable();
            &merged
        };
        let mut best: Option<(usize, Kind)> = None;
        for p in candidates.iter().filter_map(|&k| all.get(k)) {
            let n = p.words.len();
            let Some(slice) = pieces.get(i..i + n) else {
                continue;
            };
            if slice.iter().zip(&p.words).all(|(w, pw)| same(w, pw))
                && best.is_none_or(|(e, _)| i + n > e)
            {
                best = Some((i + n, p.kind));
            }
        }
        match best {
            Some((end, kind)) => {
                out.push((i, end, kind));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn skipped_block(kind: BlockKind, text: &str) -> bool {
    !matches!(kind, BlockKind::Paragraph | BlockKind::ListItem) || is_letterhead(kind, text)
}

impl Rule for ImpersonalAddress {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let easy = cx.settings.audience == Audience::EasyToRead;
        let mut words = 0u32;
        let mut seconds = 0usize;
        let mut letter = false;
        for (block, a) in cx.doc.blocks.iter().zip(cx.analyses) {
            words += a.counts.words;
            letter |= a
                .units
                .iter()
                .any(|u| matches!(u.unit.kind, UnitKind::Salutation | UnitKind::Closing));
            if matches!(block.kind, BlockKind::Quote | BlockKind::TableCell) {
                continue;
            }
            for u in &a.units {
                seconds += second_person(&block.text, &u.words, a.lang);
            }
        }
        let min_words = cx.settings.threshold(ID, "words", 50.0);
        let long = f64::from(words) >= min_words;
        if seconds == 0 && long {
            if letter {
                out.push(Finding {
                    rule: ID.into(),
                    severity: Severity::Warning,
                    block: None,
                    span: Span::default(),
                    message: msg(cx.lang, "impersonal-address.never", &[("words", &words)]),
                    fixes: Vec::new(),
                });
            } else {
                // A document about third parties (an annex, a form for an employer).
                return;
            }
        }
        let occurrence_severity = if easy {
            Severity::Warning
        } else {
            Severity::Info
        };
        for (bi, (block, a)) in cx.doc.blocks.iter().zip(cx.analyses).enumerate() {
            let text = block.text.as_str();
            if skipped_block(block.kind, text) {
                continue;
            }
            for u in a.units.iter().filter(|u| u.unit.kind.counts()) {
                for (s, e, kind) in occurrences(text, &u.words, a.lang) {
                    let (Some(w0), Some(w1)) = (u.words.get(s), u.words.get(e.saturating_sub(1)))
                    else {
                        continue;
                    };
                    let span = Span::new(w0.span.start as usize, w1.span.end as usize);
                    let phrase = span.slice(text);
                    if cx.settings.is_allowed(phrase) {
                        continue;
                    }
                    let (key, severity) = match kind {
                        Kind::Role => ("impersonal-address.role", occurrence_severity),
                        Kind::Impersonal => ("impersonal-address.impersonal", occurrence_severity),
                        Kind::General | Kind::Second => {
                            ("impersonal-address.general", Severity::Hint)
                        }
                    };
                    out.push(Finding {
                        rule: ID.into(),
                        severity,
                        block: Some(bi),
                        span,
                        message: msg(a.lang, key, &[("phrase", &phrase)]),
                        fixes: Vec::new(),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use plainly_text::{Block, Document, analyze_block};

    fn count_second(text: &str, lang: Lang) -> usize {
        let ws = plainly_text::words::words(text, Span::new(0, text.len()), lang);
        second_person(text, &ws, lang)
    }

    fn check(blocks: &[&str], lang: Lang) -> Vec<Finding> {
        let doc = Document {
            format: "txt".into(),
            blocks: blocks
                .iter()
                .map(|t| {
                    let mut b = Block::new(BlockKind::Paragraph, *t, Default::default());
                    b.lang = Some(lang);
                    b
                })
                .collect(),
            sources: vec![],
            declared_lang: Some(lang),
        };
        let analyses: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| analyze_block(&b.text, b.kind, lang))
            .collect();
        let settings = Settings::default();
        let cx = DocContext {
            doc: &doc,
            analyses: &analyses,
            settings: &settings,
            lexicon: &crate::lexicon::Compiled::builtin(),
            lang,
        };
        let mut out = Vec::new();
        ImpersonalAddress.check_document(&cx, &mut out);
        out
    }

    #[test]
    fn second_person_forms() {
        assert_eq!(
            count_second("Pouvez-vous nous envoyer votre fiche ?", Lang::Fr),
            2
        );
        assert_eq!(count_second("Renvoyez-le avant lundi.", Lang::Fr), 1);
        assert_eq!(count_second("Chez nous, tout va bien.", Lang::Fr), 0);
        assert_eq!(count_second("Tu peux t'inscrire.", Lang::Fr), 2);
        assert_eq!(count_second("Sie hat es gesagt, sie kommt.", Lang::De), 1);
        assert_eq!(count_second("Haben Sie Ihre Unterlagen?", Lang::De), 2);
        assert_eq!(count_second("Hebt u uw formulier?", Lang::Nl), 2);
        assert_eq!(count_second("Did you send your form?", Lang::En), 2);
    }

    #[test]
    fn occurrences_and_severities() {
        let f = check(
            &["Le demandeur doit joindre une copie. Vous pouvez nous appeler."],
            Lang::Fr,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        let f = check(
            &["Man kann uns anrufen. Schicken Sie das Formular."],
            Lang::De,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Hint);
    }
}
