//! Per-block analysis: units, words, syllables and the counts behind the formulas.

use crate::segment::{Unit, segment};
use crate::words::{Word, WordKind, words};
use crate::{BlockKind, Lang, syllables};
use serde::Serialize;

/// The counts readability formulas use (READABILITY.md §2). Only units that count
/// (sentences and list items) contribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub sentences: u32,
    pub words: u32,
    pub syllables: u32,
    pub words_3plus_syllables: u32,
    pub monosyllables: u32,
    pub long_words: u32,
    pub letters: u32,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
        self.words_3plus_syllables += other.words_3plus_syllables;
        self.monosyllables += other.monosyllables;
        self.long_words += other.long_words;
        self.letters += other.letters;
    }

    fn add_word(&mut self, word: &Word, syllables: u32) {
        self.words += 1;
        self.syllables += syllables;
        if syllables >= 3 {
            self.words_3plus_syllables += 1;
        }
        if syllables == 1 {
            self.monosyllables += 1;
        }
        if word.letters > 6 {
            self.long_words += 1;
        }
        self.letters += word.letters;
    }
}

/// One unit with its words and their syllables.
#[derive(Debug, Clone, Serialize)]
pub struct UnitAnalysis {
    pub unit: Unit,
    pub words: Vec<Word>,
    /// Syllables of each word, parallel to `words`.
    pub syllables: Vec<u32>,
}

/// Everything the rules need to know about one block's text.
#[derive(Debug, Clone, Serialize)]
pub struct BlockAnalysis {
    pub lang: Lang,
    pub kind: BlockKind,
    pub units: Vec<UnitAnalysis>,
    pub counts: Counts,
}

/// Syllables of a word token by the conventions of READABILITY.md §5.4.
pub fn word_syllables(text: &str, word: &Word, lang: Lang) -> u32 {
    match word.kind {
        WordKind::Word => syllables::count(word.span.slice(text), lang),
        _ => 1,
    }
}

/// Segment a block, find its words and count everything.
pub fn analyze_block(text: &str, kind: BlockKind, lang: Lang) -> BlockAnalysis {
    let mut counts = Counts::default();
    let units = segment(text, lang, kind)
        .into_iter()
        .map(|unit| {
            let ws = words(text, unit.span, lang);
            let syl: Vec<u32> = ws.iter().map(|w| word_syllables(text, w, lang)).collect();
            if unit.kind.counts() && kind.is_prose() && !ws.is_empty() {
                counts.sentences += 1;
                for (w, s) in ws.iter().zip(&syl) {
                    counts.add_word(w, *s);
                }
            }
            UnitAnalysis {
                unit,
                words: ws,
                syllables: syl,
            }
        })
        .collect();
    BlockAnalysis {
        lang,
        kind,
        units,
        counts,
    }
}
