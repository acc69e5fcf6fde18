//! Function words that `repetition` rules skip unless told otherwise: articles, pronouns,
//! prepositions, conjunctions and auxiliaries. Their repetition is often correct (`vous
//! vous inscrivez`, `dat dat`, `die die`, `had had`). Written by the plainly team.

use plainly_text::Lang;

const FR: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "à", "en", "et",
    "ou", "mais", "donc", "car", "ni", "que", "qu'", "qui", "quoi", "dont", "où", "ce", "cet",
    "cette", "ces", "se", "s'", "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils",
    "elles", "me", "m'", "te", "t'", "lui", "leur", "leurs", "y", "son", "sa", "ses", "mon", "ma",
    "mes", "votre", "vos", "notre", "nos", "ne", "n'", "pas", "plus", "par", "pour", "sur", "sous",
    "dans", "avec", "sans", "est", "sont", "a", "ont", "être", "avoir", "si", "s'il", "tout",
    "tous", "toute", "toutes",
];

const NL: &[&str] = &[
    "de", "het", "een", "'t", "'s", "en", "of", "maar", "want", "dus", "dat", "die", "wat", "wie",
    "waar", "dit", "deze", "ik", "je", "jij", "u", "hij", "zij", "ze", "het", "wij", "we",
    "jullie", "hen", "hun", "zich", "me", "mij", "uw", "zijn", "haar", "ons", "onze", "mijn",
    "niet", "geen", "in", "op", "aan", "van", "voor", "met", "bij", "naar", "om", "over", "uit",
    "door", "tot", "te", "er", "is", "was", "heeft", "hebben", "had", "wordt", "worden", "werd",
    "kan", "kunnen", "moet", "moeten", "zal", "zullen", "als", "ook", "nog",
];

const DE: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "aber", "denn", "sondern", "dass", "daß", "was", "wer", "wo", "ich", "du", "er",
    "sie", "es", "wir", "ihr", "ihnen", "ihm", "ihn", "sich", "mich", "mir", "uns", "euch", "ihre",
    "ihren", "ihrem", "ihrer", "sein", "seine", "mein", "meine", "unser", "unsere", "nicht",
    "kein", "keine", "in", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom",
    "zu", "zum", "zur", "für", "über", "unter", "um", "durch", "ist", "sind", "war", "hat",
    "haben", "hatte", "wird", "werden", "wurde", "kann", "können", "muss", "müssen", "als", "wie",
    "auch", "noch",
];

const EN: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "so", "nor", "that", "which", "who", "whom", "whose",
    "what", "where", "this", "these", "those", "it", "its", "i", "you", "he", "she", "we", "they",
    "me", "him", "her", "us", "them", "my", "your", "our", "their", "his", "not", "no", "in", "on",
    "at", "of", "for", "to", "from", "with", "by", "about", "as", "into", "over", "under", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "can", "could",
    "will", "would", "shall", "should", "may", "might", "must", "if", "then", "than",
];

/// Whether `word` (lower case) is a function word of `lang`.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    let list = match lang {
        Lang::Fr => FR,
        Lang::Nl => NL,
        Lang::De => DE,
        Lang::En => EN,
    };
    let word = word.replace('’', "'");
    list.contains(&word.as_str())
}
