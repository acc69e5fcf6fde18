//! Built-in rules, one per file, in the order of the catalogue
//! (PLAIN-LANGUAGE-RULES.md).

pub mod admin_cliche;
pub mod all_caps;
pub mod double_negation;
pub mod hedging;
pub mod impersonal_address;
pub mod inline_list;
pub mod jargon;
pub mod latin_phrase;
pub mod legal_reference;
pub mod long_compound;
pub mod long_word;
pub mod mandatory_mentions;
pub mod nominalisation;
pub mod number_format;
pub mod numeric_date;
pub mod paragraph_length;
pub mod passive_voice;
pub mod readability_score;
pub mod sentence_length;
pub mod subordinate_clauses;
#[cfg(test)]
pub(crate) mod test_util;
pub mod too_many_numbers;
pub mod undefined_abbreviation;
pub(crate) mod util;
pub mod verb_distance;

use crate::rule::Rule;

/// Every built-in rule, in catalogue order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(sentence_length::SentenceLength),
        Box::new(paragraph_length::ParagraphLength),
        Box::new(subordinate_clauses::SubordinateClauses),
        Box::new(verb_distance::VerbDistance),
        Box::new(inline_list::InlineList),
        Box::new(passive_voice::PassiveVoice),
        Box::new(nominalisation::Nominalisation),
        Box::new(hedging::Hedging),
        Box::new(double_negation::DoubleNegation),
        Box::new(admin_cliche::AdminCliche),
        Box::new(latin_phrase::LatinPhrase),
        Box::new(jargon::Jargon),
        Box::new(undefined_abbreviation::UndefinedAbbreviation),
        Box::new(long_word::LongWord),
        Box::new(long_compound::LongCompound),
        Box::new(numeric_date::NumericDate),
        Box::new(too_many_numbers::TooManyNumbers),
        Box::new(number_format::NumberFormat),
        Box::new(legal_reference::LegalReference),
        Box::new(impersonal_address::ImpersonalAddress),
        Box::new(all_caps::AllCaps),
        Box::new(readability_score::ReadabilityScore),
        Box::new(mandatory_mentions::MandatoryMentions),
    ]
}
