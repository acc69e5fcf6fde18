//! Language detection per block.
//!
//! A document may mix languages (bilingual letters), so the language is decided per block
//! (DESIGN.md). The detector is small and fast and needs no model: it scores a text for each
//! language from
//!
//! - **function words** — the frequent short words of each language (`de`, `het`, `und`,
//!   `the`, `vous`, elided `l'`, `d'`…) plus frequent words of letters (`geachte`, `anbei`,
//!   `sincerely`), listed in `lexicons/<lang>/detect-words.txt`. A word listed for several
//!   languages (`de` is French and Dutch, `in` is Dutch, German and English) counts
//!   `1 / number of languages` for each;
//! - **spelling cues** — for the other words only: letters and endings typical of one
//!   language (`ij`, `-heid`, `ß`, `-ung`, `ç`, `-ée`, `th-`, `-ly`), listed in
//!   `lexicons/<lang>/detect-cues.txt`. The cues of one word add up to at most one function
//!   word per language, so names and loanwords cannot outvote the grammar.
//!
//! The best language wins when it has enough evidence and a clear lead over the second.
//! [`Detection::confidence`] grows with the lead, with the amount of evidence and with the share
//! of the words that carry evidence. Both data files are embedded at build time.

use crate::{BlockKind, Document, Lang};
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A detected language with a confidence in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub lang: Lang,
    pub confidence: f32,
}

/// [`detect`] answers `None` for texts of fewer words than this.
pub const MIN_WORDS: usize = 4;

/// [`assign_languages`] trusts detection only on blocks of at least this many words…
pub const BLOCK_MIN_WORDS: usize = 8;

/// …and only with at least this confidence. Other blocks take the document's language.
pub const BLOCK_MIN_CONFIDENCE: f32 = 0.3;

/// …and only with at least this much evidence (in function-word units), so that an address
/// block (`Rue de la Victoire 12, 1060 Saint-Gilles` in an English letter) or a sender line
/// does not decide on two words.
const BLOCK_MIN_EVIDENCE: f32 = 3.0;

/// A language takes part in a mixed document only when its detected blocks hold at least this
/// many words: one stray block does not make a letter bilingual.
const MIXED_MIN_WORDS: usize = 20;

/// In a document that mixes languages, a short block (a salutation, a closing) keeps its own
/// detected language when the confidence reaches this and the language is already present.
const SHORT_MIN_CONFIDENCE: f32 = 0.5;

/// Least score (in function-word units) for any answer.
const MIN_EVIDENCE: f32 = 1.0;

/// Least relative lead of the best language over the second: below, it is a tie.
const MIN_MARGIN: f32 = 0.1;

/// Score at which the evidence factor of the confidence reaches one half.
const EVIDENCE_HALF: f32 = 2.0;

/// Share of words carrying evidence at and above which the coverage factor is 1.
/// Running text in the four languages has 35–55 %; lists of names and codes much less.
const FULL_COVERAGE: f32 = 0.2;

/// Highest total of the spelling cues of one word, per language.
const CUE_CAP: f32 = 1.0;

/// Detect the language of a text; `None` when too short (under [`MIN_WORDS`] words) or unclear
/// (no evidence, or a near tie between two languages).
pub fn detect(text: &str) -> Option<Detection> {
    decide(&score(text), MIN_WORDS)
}

/// Set the language of every block of `doc`.
///
/// - `forced` (from the command line or the configuration) wins for every block.
/// - Otherwise each block of at least [`BLOCK_MIN_WORDS`] words is detected; a detection of at
///   least [`BLOCK_MIN_CONFIDENCE`], backed by at least three function words' worth of
///   evidence, decides its language.
/// - The document language is the language of most words among the detected blocks, else
///   `doc.declared_lang`, else `fallback`. It fills the blocks that are short or unclear.
/// - Only when the detected blocks show two languages or more, each with at least 20 words
///   (a bilingual letter), a short block first keeps its own language when that is clear
///   (`Met vriendelijke groeten`), then takes the language of its neighbour: the next detected
///   block for a heading (it introduces what follows), the previous one for anything else (a
///   closing ends what precedes).
///
/// The result depends only on the blocks' texts and kinds, `declared_lang`, `forced` and
/// `fallback`: languages already set on the blocks are overwritten.
pub fn assign_languages(doc: &mut Document, forced: Option<Lang>, fallback: Lang) {
    if let Some(lang) = forced {
        for block in &mut doc.blocks {
            block.lang = Some(lang);
        }
        return;
    }

    let n = doc.blocks.len();
    let mut detected: Vec<Option<Lang>> = vec![None; n];
    let mut short: Vec<Option<Detection>> = vec![None; n];
    let mut weight = [0usize; 4];
    for (i, block) in doc.blocks.iter().enumerate() {
        let scores = score(&block.text);
        match decide(&scores, BLOCK_MIN_WORDS) {
            Some(d)
                if d.confidence >= BLOCK_MIN_CONFIDENCE
                    && scores.score[lang_index(d.lang)] >= BLOCK_MIN_EVIDENCE =>
            {
                detected[i] = Some(d.lang);
                weight[lang_index(d.lang)] += scores.words;
            }
            _ => short[i] = decide(&scores, 1),
        }
    }

    let doc_lang = majority(&weight, doc.declared_lang)
        .or(doc.declared_lang)
        .unwrap_or(fallback);
    let present = |lang: Lang| weight[lang_index(lang)] >= MIXED_MIN_WORDS;
    let mixed = Lang::ALL.iter().filter(|l| present(**l)).count() > 1;
    // Neighbours that may lend their language: detected blocks of a language present.
    let anchors: Vec<Option<Lang>> = detected.iter().map(|l| l.filter(|l| present(*l))).collect();

    for i in 0..n {
        let lang = match detected[i] {
            Some(lang) => lang,
            None if !mixed => doc_lang,
            None => short[i]
                .filter(|d| d.confidence >= SHORT_MIN_CONFIDENCE && present(d.lang))
                .map(|d| d.lang)
                .or_else(|| {
                    let heading = matches!(doc.blocks[i].kind, BlockKind::Heading(_));
                    neighbour(&anchors, i, heading)
                })
                .unwrap_or(doc_lang),
        };
        if let Some(block) = doc.blocks.get_mut(i) {
            block.lang = Some(lang);
        }
    }
}

/// The language with most words; on a tie, `declared` when it is among the best, else the
/// first of [`Lang::ALL`] among them. `None` when no block was detected.
fn majority(weight: &[usize; 4], declared: Option<Lang>) -> Option<Lang> {
    let best = weight.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    if let Some(d) = declared
        && weight[lang_index(d)] == best
    {
        return Some(d);
    }
    Lang::ALL
        .iter()
        .zip(weight.iter())
        .find(|(_, w)| **w == best)
        .map(|(l, _)| *l)
}

/// The language of the nearest detected block after `i` (`forward_first`) or before it, then
/// on the other side.
fn neighbour(detected: &[Option<Lang>], i: usize, forward_first: bool) -> Option<Lang> {
    let after = || detected.iter().skip(i + 1).find_map(|l| *l);
    let before = || detected.iter().take(i).rev().find_map(|l| *l);
    if forward_first {
        after().or_else(before)
    } else {
        before().or_else(after)
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::Nl => 1,
        Lang::De => 2,
        Lang::En => 3,
    }
}

/// Per-language scores of a text and its number of words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Scores {
    score: [f32; 4],
    words: usize,
}

/// The detection for `scores`, if the text has at least `min_words` words and a clear winner.
fn decide(scores: &Scores, min_words: usize) -> Option<Detection> {
    if scores.words < min_words.max(1) {
        return None;
    }
    let mut order = [0usize, 1, 2, 3];
    order.sort_by(|a, b| scores.score[*b].total_cmp(&scores.score[*a]));
    let s1 = scores.score[order[0]];
    let s2 = scores.score[order[1]];
    if s1 < MIN_EVIDENCE {
        return None;
    }
    let margin = (s1 - s2) / s1;
    if margin < MIN_MARGIN {
        return None;
    }
    let evidence = s1 / (s1 + EVIDENCE_HALF);
    let coverage = (s1 / scores.words as f32 / FULL_COVERAGE).min(1.0);
    Some(Detection {
        lang: Lang::ALL[order[0]],
        confidence: (margin * evidence * coverage).clamp(0.0, 1.0),
    })
}

/// Score `text` for each language.
fn score(text: &str) -> Scores {
    let model = &*MODEL;
    let mut scores = Scores::default();
    let mut visit = |word: &str| {
        scores.words += 1;
        model.score_word(word, &mut scores.score);
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        for_each_word(text, &mut visit);
    } else {
        // Decomposed accents (common in PDF text) would split words at each combining mark.
        let nfc: String = text.nfc().collect();
        for_each_word(&nfc, &mut visit);
    }
    scores
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Call `f` with each word of `text`, lower-cased: a run of letters, with apostrophes kept
/// between two letters (`l'article`, `don't`) and written as `'`.
fn for_each_word(text: &str, f: &mut impl FnMut(&str)) {
    let mut buf = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphabetic() {
            buf.extend(c.to_lowercase());
        } else if is_apostrophe(c)
            && !buf.is_empty()
            && !buf.ends_with('\'')
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            buf.push('\'');
        } else if !buf.is_empty() {
            f(&buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(&buf);
    }
}

/// Where a spelling cue must occur in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Prefix,
    Suffix,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
struct Cue {
    kind: CueKind,
    pattern: String,
    lang: usize,
    weight: f32,
}

impl Cue {
    fn matches(&self, word: &str) -> bool {
        match self.kind {
            CueKind::Prefix => word.starts_with(&self.pattern) && word.len() > self.pattern.len(),
            CueKind::Suffix => word.ends_with(&self.pattern) && word.len() > self.pattern.len(),
            CueKind::Contains => word.contains(&self.pattern),
        }
    }
}

/// The detection data: function words (language bit mask per word) and spelling cues.
#[derive(Debug, Default)]
struct Model {
    words: HashMap<String, u8>,
    cues: Vec<Cue>,
    /// Data lines that could not be read (checked by a test: must stay 0).
    bad_lines: Vec<String>,
}

/// The data files, embedded at build time: (language, words, cues).
const DATA: [(Lang, &str, &str); 4] = [
    (
        Lang::Fr,
        include_str!("../../lexicons/fr/detect-words.txt"),
        include_str!("../../lexicons/fr/detect-cues.txt"),
    ),
    (
        Lang::Nl,
        include_str!("../../lexicons/nl/detect-words.txt"),
        include_str!("../../lexicons/nl/detect-cues.txt"),
    ),
    (
        Lang::De,
        include_str!("../../lexicons/de/detect-words.txt"),
        include_str!("../../lexicons/de/detect-cues.txt"),
    ),
    (
        Lang::En,
        include_str!("../../lexicons/en/detect-words.txt"),
        include_str!("../../lexicons/en/detect-cues.txt"),
    ),
];

static MODEL: LazyLock<Model> = LazyLock::new(Model::load);

/// Lines of a data file without comments and blank lines, trimmed.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
}

impl Model {
    fn load() -> Model {
        let mut model = Model::default();
        for (lang, words, cues) in DATA {
            let li = lang_index(lang);
            for line in data_lines(words) {
                let word: String = line.nfc().flat_map(char::to_lowercase).collect();
                let word = word.replace(is_apostrophe, "'");
                if word.contains(char::is_whitespace) {
                    model
                        .bad_lines
                        .push(format!("{lang}/detect-words.txt: {line}"));
                    continue;
                }
                *model.words.entry(word).or_insert(0) |= 1 << li;
            }
            for line in data_lines(cues) {
                match parse_cue(line, li) {
                    Some(cue) => model.cues.push(cue),
                    None => model
                        .bad_lines
                        .push(format!("{lang}/detect-cues.txt: {line}")),
                }
            }
        }
        model
    }

    /// Add the evidence of one lower-cased word to `score`.
    fn score_word(&self, word: &str, score: &mut [f32; 4]) {
        if self.score_listed(word, score) {
            return;
        }
        // Elisions and contractions: `l'article` is `l'` + `article`.
        if let Some(pos) = word.find('\'') {
            let (head, tail) = word.split_at(pos + 1);
            if !self.score_listed(head, score) {
                self.score_cues(&head[..pos], score);
            }
            if !self.score_listed(tail, score) {
                self.score_cues(tail, score);
            }
            return;
        }
        self.score_cues(word, score);
    }

    /// Score a listed word; false when `word` is in no list.
    fn score_listed(&self, word: &str, score: &mut [f32; 4]) -> bool {
        let Some(&mask) = self.words.get(word) else {
            return false;
        };
        let share = 1.0 / mask.count_ones().max(1) as f32;
        for (i, s) in score.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *s += share;
            }
        }
        true
    }

    fn score_cues(&self, word: &str, score: &mut [f32; 4]) {
        let mut acc = [0f32; 4];
        for cue in &self.cues {
            if cue.matches(word)
                && let Some(a) = acc.get_mut(cue.lang)
            {
                *a += cue.weight;
            }
        }
        for (s, a) in score.iter_mut().zip(acc) {
            *s += a.min(CUE_CAP);
        }
    }
}

/// Parse `KIND PATTERN WEIGHT`.
fn parse_cue(line: &str, lang: usize) -> Option<Cue> {
    let mut parts = line.split_whitespace();
    let kind = match parts.next()? {
        "prefix" => CueKind::Prefix,
        "suffix" => CueKind::Suffix,
        "contains" => CueKind::Contains,
        _ => return None,
    };
    let pattern: String = parts.next()?.nfc().flat_map(char::to_lowercase).collect();
    let weight: f32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(0.0..=2.0).contains(&weight) || pattern.is_empty() {
        return None;
    }
    Some(Cue {
        kind,
        pattern,
        lang,
        weight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, Origin};

    #[test]
    fn data_files_parse() {
        assert!(MODEL.bad_lines.is_empty(), "{:?}", MODEL.bad_lines);
        for lang in Lang::ALL {
            let li = lang_index(lang);
            let words = MODEL.words.values().filter(|m| *m & (1 << li) != 0).count();
            assert!(words > 100, "{lang}: {words} words");
            assert!(MODEL.cues.iter().any(|c| c.lang == li), "{lang}: no cues");
        }
    }

    #[test]
    fn too_short_or_unclear_is_none() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("Bonjour Madame"), None);
        assert_eq!(detect("12 345 678 90 / 2024"), None);
        assert_eq!(detect("Xqzt Brmpf Klwz Vrtt Zzyx"), None);
    }

    #[test]
    fn detects_short_sentences() {
        let cases = [
            (
                "Nous avons lu votre demande et nous vous répondons.",
                Lang::Fr,
            ),
            (
                "We hebben uw aanvraag gelezen en sturen u het formulier.",
                Lang::Nl,
            ),
            (
                "Wir haben Ihren Antrag gelesen und schicken Ihnen das Formular.",
                Lang::De,
            ),
            (
                "We have read your application and we send you the form.",
                Lang::En,
            ),
        ];
        for (text, lang) in cases {
            let d = detect(text);
            assert_eq!(d.map(|d| d.lang), Some(lang), "{text}: {d:?}");
            let c = d.map_or(0.0, |d| d.confidence);
            assert!((0.3..=1.0).contains(&c), "{text}: {c}");
        }
    }

    #[test]
    fn elisions_and_decomposed_accents() {
        let d = detect("L\u{2019}attestation d\u{2019}inscription qu\u{2019}il envoie");
        assert_eq!(d.map(|d| d.lang), Some(Lang::Fr));
        let nfd = "Da\u{0308}nemark Gru\u{0308}\u{00DF}e fu\u{0308}r Sie und Ihre";
        assert_eq!(detect(nfd).map(|d| d.lang), Some(Lang::De));
    }

    fn doc(blocks: &[(BlockKind, &str)]) -> Document {
        Document {
            format: "txt".into(),
            blocks: blocks
                .iter()
                .map(|(k, t)| Block::new(*k, *t, Origin::default()))
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn forced_fallback_and_declared() {
        let mut d = doc(&[(BlockKind::Paragraph, "Nous avons lu votre demande.")]);
        assign_languages(&mut d, Some(Lang::De), Lang::En);
        assert_eq!(d.blocks[0].lang, Some(Lang::De));

        let mut d = doc(&[(BlockKind::Paragraph, "C4"), (BlockKind::Paragraph, "")]);
        assign_languages(&mut d, None, Lang::En);
        assert!(d.blocks.iter().all(|b| b.lang == Some(Lang::En)));
        d.declared_lang = Some(Lang::Nl);
        assign_languages(&mut d, None, Lang::En);
        assert!(d.blocks.iter().all(|b| b.lang == Some(Lang::Nl)));
    }

    #[test]
    fn majority_prefers_declared_on_tie() {
        assert_eq!(majority(&[5, 5, 0, 0], Some(Lang::Nl)), Some(Lang::Nl));
        assert_eq!(majority(&[5, 5, 0, 0], Some(Lang::De)), Some(Lang::Fr));
        assert_eq!(majority(&[0, 0, 0, 0], Some(Lang::De)), None);
        assert_eq!(majority(&[1, 0, 7, 0], None), Some(Lang::De));
    }
}
