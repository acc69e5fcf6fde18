//! Words (READABILITY.md §5.2). PLACEHOLDER: replaced by the words work.

use crate::{Lang, Span};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// What kind of token a word is; decides syllable conventions and which rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordKind {
    /// An ordinary word (with elisions and hyphenated compounds joined).
    Word,
    /// A number, amount, date in digits, phone number.
    Number,
    /// A code mixing letters and digits (`C4`, `1er`).
    Code,
    /// An abbreviation from the language's list (`art.`, `p. ex.`).
    Abbreviation,
    /// An acronym (`ONEM`, `RVA`).
    Acronym,
    /// A merge field or placeholder (`«NOM»`, `{{ name }}`): opaque, never a hard word.
    Placeholder,
}

/// A word token of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub span: Span,
    pub kind: WordKind,
    /// Letters (alphabetic characters) in the word (READABILITY.md §5.3).
    pub letters: u32,
}

/// Words of `text[span]`, with spans relative to `text`.
pub fn words(text: &str, span: Span, lang: Lang) -> Vec<Word> {
    let _ = lang;
    let base = span.start as usize;
    span.slice(text)
        .unicode_word_indices()
        .map(|(i, w)| Word {
            span: Span::new(base + i, base + i + w.len()),
            kind: if w.chars().all(|c| c.is_ascii_digit()) {
                WordKind::Number
            } else {
                WordKind::Word
            },
            letters: u32::try_from(w.chars().filter(|c| c.is_alphabetic()).count()).unwrap_or(0),
        })
        .collect()
}

/// Spans of URLs, e-mail addresses and merge fields in `text`: never words, never split.
pub fn opaque_spans(text: &str) -> Vec<Span> {
    let _ = text;
    Vec::new()
}
