//! `legal-reference`: references to laws and articles inside the body text.
//!
//! Patterns per language (`lexicons/<lang>/legal-references.txt`): an article word with its
//! number (`l'article 44`, `art. 30`, `Artikel 5`, and `§ 2`), refinements (`al. 2`, `lid 3`,
//! `Abs. 2`), legal texts (`loi du …`, `arrêté royal`, `KB`, `Gesetz vom …`, `Royal Decree`)
//! and publications (`M.B.`, `B.S.`). Anchors close to each other make one reference
//! (`l'article 7, § 11, de l'arrêté-loi du 28/12/1944` is one). Per sentence: info for one
//! reference, warning for two or more (easy-to-read: warning).
//!
//! Never reported: sections under a legal-basis or annex heading (*Base légale*,
//! *Rechtsgrond*, *Rechtsgrundlage*, *Legal basis*, *Annexe*), footnotes, quotations, tables,
//! letterheads, and articles of the reader's own documents (`l'article 3 de votre contrat`).
//! Decisions must state their legal basis: the rule asks to move references, never to
//! delete them.

use crate::finding::{Finding, Severity};
use crate::messages::msg;
use crate::rule::{DocContext, Example, Family, Rule, RuleDoc};
use crate::rules::all_caps::is_letterhead;
use crate::rules::numeric_date::{data_lines, lang_index, month_number};
use crate::settings::Audience;
use plainly_text::{BlockKind, Lang, Span, UnitKind, Word, WordKind};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct LegalReference;

/// The "level" of a legal-basis section opened by a paragraph (`Base légale :`), below
/// every heading.
const PARAGRAPH_TITLE: u8 = 7;

const ID: &str = "legal-reference";

static DOC: RuleDoc = RuleDoc {
    id: ID,
    family: Family::Numbers,
    default_severity: Severity::Info,
    langs: &Lang::ALL,
    what: "References to laws and articles in the body text: info for one per sentence, \
           warning for two or more (easy-to-read: warning). Legal-basis sections, annexes, \
           footnotes and quotations are left alone.",
    why: "A reference tells the reader where the rule is written, not what it means for \
          them; in the middle of a sentence it pushes the message aside.",
    examples: &[
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Conformément à l'article 44 de l'arrêté royal du 25 novembre 1991, votre demande est refusée.",
            triggers: true,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Votre demande est refusée, car vous avez travaillé pendant cette période.",
            triggers: false,
        },
        Example {
            lang: Lang::Fr,
            audience: Audience::Standard,
            text: "Lisez l'article 3 de votre contrat de travail. La loi vous protège.",
            triggers: false,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "Volgens artikel 44 van het KB van 25 november 1991 hebt u geen recht op een uitkering.",
            triggers: true,
        },
        Example {
            lang: Lang::Nl,
            audience: Audience::Standard,
            text: "U hebt geen recht op een uitkering, omdat u in die periode werkte.",
            triggers: false,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Gemäß Artikel 44 des Königlichen Erlasses vom 25. November 1991 haben Sie keinen Anspruch.",
            triggers: true,
        },
        Example {
            lang: Lang::De,
            audience: Audience::Standard,
            text: "Sie haben keinen Anspruch, weil Sie in dieser Zeit gearbeitet haben.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Under Article 44 of the Royal Decree of 25 November 1991, you are not entitled to benefits.",
            triggers: true,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "You are not entitled to benefits because you worked during that period.",
            triggers: false,
        },
        Example {
            lang: Lang::En,
            audience: Audience::Standard,
            text: "Please read section 2 of this letter. We act on behalf of the Minister.",
            triggers: false,
        },
    ],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Subdivision,
    Act,
    Gazette,
    Basis,
    Own,
}

/// One pattern: its kind and its words (lowercase unless written with a capital).
#[derive(Debug)]
struct Pattern {
    kind: Kind,
    words: Vec<&'static str>,
}

fn patterns(lang: Lang) -> &'static [Pattern] {
    static CELLS: [OnceLock<Vec<Pattern>>; 4] = [const { OnceLock::new() }; 4];
    let src = match lang {
        Lang::Fr => include_str!("../../../lexicons/fr/legal-references.txt"),
        Lang::Nl => include_str!("../../../lexicons/nl/legal-references.txt"),
        Lang::De => include_str!("../../../lexicons/de/legal-references.txt"),
        Lang::En => include_str!("../../../lexicons/en/legal-references.txt"),
    };
    CELLS
        .get(lang_index(lang))
        .map(|c| {
            c.get_or_init(|| {
                data_lines(src)
                    .filter_map(|l| {
                        let (k, phrase) = l.split_once('|')?;
                        let kind = match k.trim() {
                            "article" => Kind::Article,
                            "subdivision" => Kind::Subdivision,
                            "act" => Kind::Act,
                            "gazette" => Kind::Gazette,
                            "basis" => Kind::Basis,
                            "own" => Kind::Own,
                            _ => return None,
                        };
                        let words: Vec<&'static str> = phrase.split_whitespace().collect();
                        (!words.is_empty()).then_some(Pattern { kind, words })
                    })
                    .collect()
            })
            .as_slice()
        })
        .unwrap_or(&[])
}

/// A token as patterns see it: without a French elision and final dot.
fn norm(token: &str) -> &str {
    let t = token.rsplit(['\'', '’']).next().unwrap_or(token);
    t.trim_end_matches('.')
}

/// Whether a token matches one word of a pattern (a capital in the pattern asks for case).
fn word_matches(token: &str, pattern: &str) -> bool {
    let t = norm(token);
    if pattern.chars().any(char::is_uppercase) {
        t == pattern
    } else {
        lowercase_equals(t, pattern)
    }
}

/// `t.to_lowercase() == lower`, without allocating (this runs for every word and every
/// pattern). `str::to_lowercase` differs from lowering each char only for a final Greek
/// sigma, so a pattern with a sigma takes the allocating path.
fn lowercase_equals(t: &str, lower: &str) -> bool {
    if lower.contains(['σ', 'ς']) {
        return t.to_lowercase() == lower;
    }
    t.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// A token as [`word_matches`] sees it, normalised and lowercased once.
struct Token<'a> {
    norm: &'a str,
    lower: String,
}

impl<'a> Token<'a> {
    fn new(token: &'a str) -> Self {
        let norm = norm(token);
        Token {
            norm,
            lower: norm.to_lowercase(),
        }
    }

    /// [`word_matches`] on a prepared token.
    fn matches(&self, pattern: &str) -> bool {
        if pattern.chars().any(char::is_uppercase) {
            self.norm == pattern
        } else {
            self.lower == pattern
        }
    }
}

/// A number, or a code that starts with one (`44`, `7bis`, `1er`, `2°`).
fn is_figure(w: &Word) -> bool {
    w.kind == WordKind::Number || (w.kind == WordKind::Code && w.letters <= 6)
}

/// Prepositions that ask for a date after an act (`loi du`, `wet van`, `Gesetz vom`).
const DATE_PREPOSITIONS: &[&str] = &["du", "de", "van", "vom", "of"];

/// End (word index) of a date starting at word `from`: figures and month names within
/// four words, at least one figure (`3 juillet 1978`, `25/11/1991`, `3. Juli 1978`).
fn date_end(text: &str, words: &[Word], from: usize, lang: Lang) -> Option<usize> {
    let mut end = None;
    for (k, w) in words.iter().enumerate().skip(from).take(4) {
        if is_figure(w) {
            end = Some(k + 1);
        } else if end.is_some() && month_number(lang, w.span.slice(text)).is_some() {
            continue;
        } else if end.is_some() {
            break;
        } else if k > from {
            return None;
        }
    }
    end
}

/// A matched anchor: word range and kind.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Anchors of one unit, in order.
fn anchors(text: &str, words: &[Word], lang: Lang) -> Vec<Anchor> {
    let pats = patterns(lang);
    // Each word normalised and lowercased once, not once per pattern.
    let tokens: Vec<Token<'_>> = words
        .iter()
        .map(|w| Token::new(w.span.slice(text)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // `§ 2`: the section sign is no word; look at the gap before a number.
        if let Some(w) = words.get(i)
            && is_figure(w)
        {
            let prev_end = i
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .map_or(0, |p| p.span.end as usize);
            let gap = text.get(prev_end..w.span.start as usize).unwrap_or("");
            if gap.contains('§') {
                out.push(Anchor {
                    start: i,
                    end: i + 1,
                    kind: Kind::Article,
                });
                i += 1;
                continue;
            }
        }
        let mut best: Option<Anchor> = None;
        for p in pats
            .iter()
            .filter(|p| !matches!(p.kind, Kind::Basis | Kind::Own))
        {
            let n = p.words.len();
            let Some(slice) = tokens.get(i..i + n) else {
                continue;
            };
            if !slice.iter().zip(&p.words).all(|(t, pw)| t.matches(pw)) {
                continue;
            }
            let mut end = i + n;
            match p.kind {
                // An article or a refinement needs its number: `article 44`, `al. 2`.
                Kind::Article | Kind::Subdivision => {
                    if !words.get(end).is_some_and(is_figure) {
                        continue;
                    }
                    end += 1;
                }
                // `loi du 3 juillet 1978`: a number within four words.
                // `loi du 3 juillet 1978`: a date must follow; it belongs to the reference.
                Kind::Act
                    if p.words.last().is_some_and(|l| {
                        DATE_PREPOSITIONS.contains(&l.to_lowercase().as_str())
                    }) =>
                {
                    match date_end(text, words, end, lang) {
                        Some(e) => end = e,
                        None => continue,
                    }
                }
                // `arrêté royal du 25 novembre 1991`: the date, when there is one.
                Kind::Act => {
                    if let Some(prep) = words.get(end)
                        && DATE_PREPOSITIONS
                            .contains(&norm(prep.span.slice(text)).to_lowercase().as_str())
                        && let Some(e) = date_end(text, words, end + 1, lang)
                    {
                        end = e;
                    }
                }
                _ => {}
            }
            if best.is_none_or(|b| end > b.end) {
                best = Some(Anchor {
                    start: i,
                    end,
                    kind: p.kind,
                });
            }
        }
        match best {
            Some(a) => {
                out.push(a);
                i = a.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether an article is one of the reader's own documents: a second-person possessive
/// within the four words after it (`l'article 3 de votre contrat`).
fn own_document(text: &str, words: &[Word], a: &Anchor, lang: Lang) -> bool {
    let own: Vec<&Pattern> = patterns(lang)
        .iter()
        .filter(|p| p.kind == Kind::Own)
        .collect();
    words
        .get(a.end..(a.end + 4).min(words.len()))
        .unwrap_or(&[])
        .iter()
        .any(|w| {
            own.iter().any(|p| {
                p.words
                    .first()
                    .is_some_and(|pw| word_matches(w.span.slice(text), pw))
            })
        })
}

/// Whether an article at the start of a unit is a title of the document's own structure:
/// followed by a colon or a dash, or alone on a short line (`Article 1: Octroi de licence`,
/// `Artikel 3 – Pflichten`).
fn own_title(text: &str, words: &[Word], a: &Anchor) -> bool {
    let Some(last) = a.end.checked_sub(1).and_then(|i| words.get(i)) else {
        return false;
    };
    let rest = text.get(last.span.end as usize..).unwrap_or("");
    let line_rest = rest.split('\n').next().unwrap_or("");
    let after = line_rest.trim_start();
    after.is_empty()
        || after.starts_with([':', '-', '–', '—', '.'])
        || (words.len() <= 8 && !after.contains([',', ';']))
}

/// References in one unit: their word spans, own documents left out.
pub(crate) fn references(text: &str, words: &[Word], lang: Lang) -> Vec<(usize, usize)> {
    /// Most words between two anchors of one reference.
    const GAP: usize = 6;
    #[derive(Debug)]
    struct Ref {
        start: usize,
        end: usize,
        has_act: bool,
        own: bool,
    }
    let mut refs: Vec<Ref> = Vec::new();
    for a in anchors(text, words, lang) {
        // `Article 1: Octroi de licence`: the title of the document's own article.
        if a.start == 0 && a.kind == Kind::Article && own_title(text, words, &a) {
            continue;
        }
        if let Some(r) = refs.last_mut()
            && a.start.saturating_sub(r.end) <= GAP
        {
            let joins = match a.kind {
                Kind::Subdivision | Kind::Gazette => true,
                Kind::Act => !r.has_act,
                Kind::Article => !r.has_act && a.start.saturating_sub(r.end) <= 3,
                Kind::Basis | Kind::Own => false,
            };
            if joins {
                r.end = a.end;
                r.has_act |= a.kind == Kind::Act;
                if a.kind == Kind::Act {
                    r.own = false;
                }
                continue;
            }
        }
        // A refinement alone (`al 3 jaar`, `section 2 of this letter`) is no reference,
        // except German `Abs. 2`, which refers to the law just cited.
        if a.kind == Kind::Subdivision && lang != Lang::De {
            continue;
        }
        refs.push(Ref {
            start: a.start,
            end: a.end,
            has_act: a.kind == Kind::Act,
            own: a.kind == Kind::Article && own_document(text, words, &a, lang),
        });
    }
    refs.into_iter()
        .filter(|r| !r.own)
        .map(|r| (r.start, r.end))
        .collect()
}

/// Whether a block's text is the title of a legal-basis section or an annex.
fn is_basis_title(text: &str, lang: Lang) -> bool {
    let line = text.lines().next().unwrap_or("");
    // `Base légale : article 44 …`: the title is what stands before the colon.
    let first = line.split(':').next().unwrap_or(line).trim();
    let t = first
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.split_whitespace().count() > 5 {
        return false;
    }
    let matches_lang = |l: Lang| {
        patterns(l)
            .iter()
            .filter(|p| p.kind == Kind::Basis)
            .any(|p| {
                let phrase = p.words.join(" ").to_lowercase();
                t == phrase
                    || t.strip_prefix(&phrase).is_some_and(|rest| {
                        rest.starts_with(|c: char| c.is_whitespace())
                            && rest.split_whitespace().count() <= 2
                    })
            })
    };
    matches_lang(lang) || Lang::ALL.iter().any(|l| *l != lang && matches_lang(*l))
}

impl Rule for LegalReference {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check_document(&self, cx: &DocContext<'_>, out: &mut Vec<Finding>) {
        let easy = cx.settings.audience == Audience::EasyToRead;
        let warn_from = cx.settings.threshold(ID, "warning", 2.0);
        // Level of the heading that opened a legal-basis section.
        let mut basis: Option<u8> = None;
        for (bi, (block, a)) in cx.doc.blocks.iter().zip(cx.analyses).enumerate() {
            let text = block.text.as_str();
            let lang = a.lang;
            if let BlockKind::Heading(level) = block.kind {
                if basis.is_some_and(|b| level <= b) {
                    basis = None;
                }
                if is_basis_title(text, lang) {
                    basis = Some(level);
                }
                continue;
            }
            // A section opened by a paragraph title ends at the letter's closing.
            if basis == Some(PARAGRAPH_TITLE)
                && a.units.iter().any(|u| u.unit.kind == UnitKind::Closing)
            {
                basis = None;
            }
            if basis.is_none()
                && block.kind == BlockKind::Paragraph
                && is_basis_title(text, lang)
                && text
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains(':') || l.split_whitespace().count() <= 3)
            {
                basis = Some(PARAGRAPH_TITLE);
            }
            if basis.is_some()
                || !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
                || is_letterhead(block.kind, text)
            {
                continue;
            }
            for u in a.units.iter().filter(|u| u.unit.kind.counts()) {
                let refs = references(text, &u.words, lang);
                let (Some(first), Some(last)) = (refs.first(), refs.last()) else {
                    continue;
                };
                let (Some(w0), Some(w1)) =
                    (u.words.get(first.0), u.words.get(last.1.saturating_sub(1)))
                else {
                    continue;
                };
                let span = Span::new(w0.span.start as usize, w1.span.end as usize);
                if cx.settings.is_allowed(span.slice(text)) {
                    continue;
                }
                let n = refs.len();
                let severity = if easy || (n as f64) >= warn_from {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                let message = if n == 1 {
                    msg(lang, "legal-reference.one", &[])
                } else {
                    msg(lang, "legal-reference.many", &[("count", &n)])
                };
                out.push(Finding {
                    rule: ID.into(),
                    severity,
                    block: Some(bi),
                    span,
                    message,
                    fixes: Vec::new(),
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
    use plainly_text::{Block, Document, analyze_block};

    fn refs(text: &str, lang: Lang) -> usize {
        let ws = plainly_text::words::words(text, Span::new(0, text.len()), lang);
        references(text, &ws, lang).len()
    }

    fn check(blocks: &[(BlockKind, &str)], lang: Lang) -> Vec<Finding> {
        let doc = Document {
            format: "md".into(),
            blocks: blocks
                .iter()
                .map(|(k, t)| {
                    let mut b = Block::new(*k, *t, Default::default());
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
        LegalReference.check_document(&cx, &mut out);
        out
    }

    #[test]
    fn one_reference_per_cluster() {
        assert_eq!(
            refs(
                "Conformément à l'article 7, § 11, de l'arrêté-loi du 28/12/1944, un recours est possible.",
                Lang::Fr
            ),
            1
        );
        assert_eq!(
            refs(
                "les conditions visées aux articles 30 et suivants de l'arrêté royal du 25/11/1991 portant réglementation du chômage",
                Lang::Fr
            ),
            1
        );
        assert_eq!(
            refs(
                "Gemäß Art. 5 Abs. 2 des Gesetzes vom 3. Juli 1978",
                Lang::De
            ),
            1
        );
        assert_eq!(
            refs(
                "Selon l'article 5 de la loi du 3 juillet 1978 et l'article 12 de l'arrêté royal du 25 novembre 1991.",
                Lang::Fr
            ),
            2
        );
        assert_eq!(refs("Lisez l'article 3 de votre contrat.", Lang::Fr), 0);
        assert_eq!(refs("La loi vous protège.", Lang::Fr), 0);
        assert_eq!(refs("We act on behalf of the Minister.", Lang::En), 0);
    }

    #[test]
    fn severity_and_legal_basis_sections() {
        let f = check(
            &[(
                BlockKind::Paragraph,
                "Selon l'article 5 de la loi du 3 juillet 1978 et l'article 12 de l'arrêté royal du 25 novembre 1991, vous avez droit à une aide.",
            )],
            Lang::Fr,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        let f = check(
            &[
                (BlockKind::Heading(2), "Base légale"),
                (
                    BlockKind::Paragraph,
                    "Article 44 de l'arrêté royal du 25 novembre 1991.",
                ),
                (BlockKind::Heading(2), "Vos droits"),
                (
                    BlockKind::Paragraph,
                    "Selon l'article 44 de l'arrêté royal, vous pouvez recourir.",
                ),
            ],
            Lang::Fr,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].block, Some(3));
        assert_eq!(f[0].severity, Severity::Info);
        let f = check(
            &[(
                BlockKind::Paragraph,
                "Rechtsgrond:\nArtikel 14 van de wet van 26 mei 2002.",
            )],
            Lang::Nl,
        );
        assert!(f.is_empty(), "{f:?}");
        let f = check(
            &[(
                BlockKind::Paragraph,
                "Base légale : article 44 de l'arrêté royal du 25 novembre 1991.",
            )],
            Lang::Fr,
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
