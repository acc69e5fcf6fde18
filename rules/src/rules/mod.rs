//! Built-in rules, one per file.

pub mod long_word;
pub mod paragraph_length;
pub mod sentence_length;

use crate::rule::Rule;

/// Every built-in rule, in catalogue order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(sentence_length::SentenceLength),
        Box::new(paragraph_length::ParagraphLength),
        Box::new(long_word::LongWord),
    ]
}
