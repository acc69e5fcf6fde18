//! `all-caps`: text written in capitals — a run of 3 or more words in capitals (one of
//! them at least 4 letters long), or a line written entirely in capitals with at least 2
//! words of 4 letters or more.
//!
//! Acronyms of the lexicon, Roman numerals, numbers, codes and merge fields neither count
//! nor break a run. Letterhead blocks (sender, address, reference lines: short lines without
//! sentence punctuation), salutations and signatures are skipped: Belgian address blocks
//! write surnames in capitals. The fix lowercases the run and restores the capital at the
//! start of a sentence and on acronyms (fr, nl, en); German needs its nouns capitalised, so
//! it gets no automatic fix.

use crate::finding::{Edit, Finding, Fix, Severity};
use crate::messages::msg;
use crate::rule::{BlockContext, Example, Family, Rule, RuleDoc};
use crate::rules::number_format::is_roman_numeral;
use crate::rules::numeric_date::month_number;
use crate::rules::undefined_abbreviation::is_known_acronym;
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span, UnitKind, Word, WordKind};

#[derive(Debug)]
pub struct AllCaps;

const ID: &str = "all-caps";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Reader,
    default_severity: Severity::Warning,
    langs: &Lang::ALL,
    what: "Text in capitals: a run of 3 or more words, or a line or heading entirely in \
           capitals with at least 2 words of 4 letters or more. Acronyms, Roman numerals, \
           codes, merge fields and address blocks are left alone.",
    why: "Capitals remove the shape of words, so they are read more slowly, and they come \
          across as shouting.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "ATTENTION : VOUS DEVEZ RÉPONDRE AVANT LE 15 MARS.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Attention : vous devez répondre avant le 15 mars.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Le CPAS et l'ONEM travaillent ensemble.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Contactez le CPAS, l'ONEM, l'INAMI ou le SPF Finances.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Madame Sophie LAMBERT-DUPONT\nRUE DES TILLEULS 45\n6001 MARCINELLE",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "OPGELET: LEES DEZE INSTRUCTIES AANDACHTIG.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Opgelet: lees deze instructies aandachtig.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Geef dit formulier aan de heer PEETERS van het OCMW of de RVA.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "WICHTIG: BITTE ANTWORTEN SIE BIS ZUM 15. MÄRZ.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Wichtig: Bitte antworten Sie bis zum 15. März.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "IMPORTANT: YOU MUST REPLY BY 15 MARCH.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Important: you must reply by 15 March.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Send it to the FPS Finance or the NSSO, as King Albert II decided.",
            triggers: false,
        },
    ],
};

/// Whether a block is a letterhead: a sender or address block, a header or footer, or a
/// paragraph of several short lines none of which ends like a sentence (an address, the
/// sender's name and street, a reference line with the date). Such blocks hold names in
/// capitals, postcodes and file numbers that are no business of the prose rules.
pub(crate) fn is_letterhead(kind: BlockKind, text: &str) -> bool {
    match kind {
        BlockKind::Sender | BlockKind::Address | BlockKind::Header | BlockKind::Footer => true,
        BlockKind::Paragraph => {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut n = 0;
            let all_short = lines.all(|l| {
                n += 1;
                l.chars().count() <= 70 && !l.ends_with(['.', '!', '?', ';', ':', '»', '"', '“'])
            });
            all_short && n >= 2
        }
        _ => false,
    }
}

/// What a token is for the run detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caps {
    /// A word in capitals: counts, with its letters.
    Upper(usize),
    /// Ignored: acronyms, numerals, numbers, codes, placeholders, single capitals.
    Neutral,
    /// A word with a lowercase letter: ends a run.
    Lower,
}

/// The part of a token after a French or English elision (`L'ONEM` → `ONEM`).
fn host(token: &str) -> &str {
    token.rsplit(['\'', '’']).next().unwrap_or(token)
}

fn classify(w: &Word, token: &str, lang: Lang) -> Caps {
    if matches!(
        w.kind,
        WordKind::Number | WordKind::Code | WordKind::Placeholder
    ) {
        return Caps::Neutral;
    }
    if token.chars().any(char::is_lowercase) {
        // `l'ONEM`: a lowercase elision before a known acronym.
        let h = host(token);
        if h.len() < token.len() && is_known_acronym(lang, h) {
            return Caps::Neutral;
        }
        return Caps::Lower;
    }
    let h = host(token);
    let letters = h.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || is_known_acronym(lang, h) || is_roman_numeral(h) {
        return Caps::Neutral;
    }
    Caps::Upper(letters)
}

/// Whether the word at `k` stands next to a word in capitals (acronyms of the lexicon,
/// numbers and codes skipped): then it is part of text written in capitals, not an acronym
/// (`VEUILLEZ LIRE`, `« EN L'ETAT »`, `AS IS`).
pub(crate) fn next_to_capitals(text: &str, words: &[Word], k: usize, lang: Lang) -> bool {
    let is_upper = |w: &Word| classify(w, w.span.slice(text), lang);
    let before = words
        .get(..k)
        .unwrap_or(&[])
        .iter()
        .rev()
        .map(is_upper)
        .find(|c| *c != Caps::Neutral);
    let after = words
        .get(k + 1..)
        .unwrap_or(&[])
        .iter()
        .map(is_upper)
        .find(|c| *c != Caps::Neutral);
    matches!(before, Some(Caps::Upper(_))) || matches!(after, Some(Caps::Upper(_)))
}

/// A run of words in capitals: word index range (inclusive) in a unit.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: usize,
    last: usize,
    upper: usize,
    long: usize,
}

fn runs(text: &str, words: &[Word], lang: Lang) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Option<Run> = None;
    let mut prev_end: Option<usize> = None;
    for (i, w) in words.iter().enumerate() {
        let token = w.span.slice(text);
        let line_break = prev_end.is_some_and(|e| {
            text.get(e..w.span.start as usize)
                .is_some_and(|g| g.contains('\n'))
        });
        prev_end = Some(w.span.end as usize);
        if line_break && let Some(r) = cur.take() {
            out.push(r);
        }
        match classify(w, token, lang) {
            Caps::Upper(letters) => {
                let r = cur.get_or_insert(Run {
                    first: i,
                    last: i,
                    upper: 0,
                    long: 0,
                });
                r.last = i;
                r.upper += 1;
                if letters >= 4 {
                    r.long += 1;
                }
            }
            Caps::Neutral => {}
            Caps::Lower => {
                if let Some(r) = cur.take() {
                    out.push(r);
                }
            }
        }
    }
    out.extend(cur);
    out
}

/// The line of `text` around byte `pos`.
fn line_around(text: &str, pos: usize) -> &str {
    let start = text
        .get(..pos)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(pos..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| pos + i);
    text.get(start..end).unwrap_or("")
}

/// Whether a reported run is wanted: 3 words in capitals with one of 4 letters or more,
/// or a whole line in capitals with 2 words of 4 letters or more.
fn reportable(text: &str, words: &[Word], r: &Run) -> bool {
    if r.upper >= 3 && r.long >= 1 {
        return true;
    }
    let Some(w) = words.get(r.first) else {
        return false;
    };
    let line = line_around(text, w.span.start as usize);
    r.long >= 2 && !line.chars().any(char::is_lowercase)
}

/// Sentence case for the run: lowercase, with a capital at a sentence start, on acronyms
/// and numerals, and (English) on month names. `None` for German.
fn sentence_case(
    text: &str,
    words: &[Word],
    r: &Run,
    unit_start: bool,
    lang: Lang,
) -> Option<(Span, String)> {
    if lang == Lang::De {
        return None;
    }
    let first = words.get(r.first)?;
    let last = words.get(r.last)?;
    let span = Span::new(first.span.start as usize, last.span.end as usize);
    let mut out = String::new();
    let mut pos = span.start as usize;
    let mut capitalise = unit_start;
    for w in words.get(r.first..=r.last)? {
        let gap = text.get(pos..w.span.start as usize)?;
        if gap.contains(['.', '!', '?']) {
            capitalise = true;
        }
        out.push_str(gap);
        let token = w.span.slice(text);
        let keep = matches!(classify(w, token, lang), Caps::Neutral)
            || (lang == Lang::En && (token == "I" || month_number(lang, token).is_some()));
        if keep {
            if lang == Lang::En && month_number(lang, token).is_some() {
                out.push_str(&capital_first(&token.to_lowercase(), lang));
            } else {
                out.push_str(token);
            }
        } else if capitalise {
            out.push_str(&capital_first(&token.to_lowercase(), lang));
        } else {
            out.push_str(&token.to_lowercase());
        }
        if w.span.slice(text).chars().any(char::is_alphabetic) {
            capitalise = false;
        }
        pos = w.span.end as usize;
    }
    Some((span, out))
}

/// `word` with its first letter in capitals; Dutch `ij` becomes `IJ`.
fn capital_first(word: &str, lang: Lang) -> String {
    let mut out = String::new();
    let mut done = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            if lang == Lang::Nl && c == 'i' && chars.peek() == Some(&'j') {
                chars.next();
                out.push('J');
            }
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

impl Rule for AllCaps {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_block(&self, cx: &BlockContext<'_>, out: &mut Vec<Finding>) {
        if matches!(cx.block.kind, BlockKind::TableCell | BlockKind::Quote)
            || is_letterhead(cx.block.kind, cx.text())
        {
            return;
        }
        let lang = cx.lang();
        let text = cx.text();
        for u in &cx.analysis.units {
            if matches!(
                u.unit.kind,
                UnitKind::Salutation | UnitKind::Closing | UnitKind::Signature
            ) {
                continue;
            }
            for r in runs(text, &u.words, lang) {
                if !reportable(text, &u.words, &r) {
                    continue;
                }
                let (Some(first), Some(last)) = (u.words.get(r.first), u.words.get(r.last)) else {
                    continue;
                };
                let span = Span::new(first.span.start as usize, last.span.end as usize);
                if cx.settings.is_allowed(span.slice(text)) {
                    continue;
                }
                let fixes = sentence_case(text, &u.words, &r, r.first == 0, lang)
                    .map(|(span, replacement)| Fix {
                        label: msg(lang, "all-caps.fix", &[]),
                        edits: vec![Edit { span, replacement }],
                    })
                    .into_iter()
                    .collect();
                out.push(Finding {
                    rule: ID.into(),
                    severity: Severity::Warning,
                    block: Some(cx.index),
                    span,
                    message: msg(lang, "all-caps.capitals", &[]),
                    fixes,
                });
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use plainly_text::{Block, analyze_block};

    fn check(text: &str, lang: Lang, kind: BlockKind) -> Vec<Finding> {
        let block = Block::new(kind, text, Default::default());
        let analysis = analyze_block(text, kind, lang);
        let settings = Settings::default();
        let lexicon = crate::lexicon::Compiled::builtin();
        let cx = BlockContext::new(0, &block, &analysis, &settings, &lexicon);
        let mut out = Vec::new();
        AllCaps.check_block(&cx, &mut out);
        out
    }

    #[test]
    fn fix_restores_sentence_case() {
        let text = "ATTENTION : VOUS DEVEZ RÉPONDRE AU CPAS AVANT LE 15 MARS.";
        let f = check(text, Lang::Fr, BlockKind::Paragraph);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].fixes[0].edits[0].replacement,
            "Attention : vous devez répondre au CPAS avant le 15 mars"
        );
        let text = "IMPORTANT: YOU MUST REPLY BY 15 MARCH.";
        let f = check(text, Lang::En, BlockKind::Paragraph);
        assert_eq!(
            f[0].fixes[0].edits[0].replacement,
            "Important: you must reply by 15 March"
        );
        let f = check(
            "WICHTIG: BITTE ANTWORTEN SIE.",
            Lang::De,
            BlockKind::Paragraph,
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].fixes.is_empty());
    }

    #[test]
    fn headings_and_lines() {
        assert_eq!(
            check("AVIS IMPORTANT", Lang::Fr, BlockKind::Heading(2)).len(),
            1
        );
        assert!(check("ONEM", Lang::Fr, BlockKind::Heading(2)).is_empty());
        assert!(check("Chapitre IV", Lang::Fr, BlockKind::Heading(2)).is_empty());
        assert!(
            check(
                "OFFICE NATIONAL DE L'EMPLOI\nBUREAU DU CHÔMAGE\nRue de la Station 12",
                Lang::Fr,
                BlockKind::Paragraph
            )
            .is_empty()
        );
        assert!(
            check(
                "Madame DUPONT Jeanne, vous recevez une aide.",
                Lang::Fr,
                BlockKind::Paragraph
            )
            .is_empty()
        );
    }

    #[test]
    fn capital_first_handles_elisions_and_ij() {
        assert_eq!(capital_first("l'attention", Lang::Fr), "L'attention");
        assert_eq!(capital_first("ijzer", Lang::Nl), "IJzer");
    }
}
