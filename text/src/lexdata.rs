//! Data files from `lexicons/`, embedded at build time and parsed once per language.
//!
//! Four files per language, each describing its format in its header comment:
//! `abbreviations.txt` (`form | expansion | ends_sentence | category | source`),
//! `salutations.txt` (`salutation|closing | form`, a final ` *` standing for a name),
//! `sentence-starters.txt` (one word per line) and `acronyms.txt` (`form | expansion`).
//! Lines starting with `#` and blank lines are comments. Malformed lines are skipped and
//! reported by [`LangData::errors`].

use crate::Lang;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// Whether a full stop after an abbreviation may end a sentence (READABILITY.md §7.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndsSentence {
    /// Never: the full stop belongs to the abbreviation (`M.`, `art.`, `z. B.`).
    Never,
    /// Only when a sentence starter follows (`etc. Nous …`).
    Maybe,
}

/// What kind of abbreviation an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbbrevCategory {
    Title,
    Reference,
    Latin,
    Month,
    Unit,
    Other,
}

/// One entry of a language's abbreviation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    /// As written, with its internal spaces and final dot (`p. ex.`, `art.`, `Mme`).
    pub form: &'static str,
    pub expansion: &'static str,
    pub ends_sentence: EndsSentence,
    pub category: AbbrevCategory,
    pub source: &'static str,
    /// UAX #29 cuts the form into several words (`p. ex.`, `c.-à-d.`, `z. B.`): such
    /// forms are matched on the text rather than looked up by token.
    pub multi_part: bool,
}

/// The role of a whole line that is not prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineRole {
    Salutation,
    Closing,
}

/// Everything the segmenter and the tokenizer know about one language.
#[derive(Debug, Default)]
pub struct LangData {
    abbreviations: Vec<Abbreviation>,
    by_form: HashMap<&'static str, usize>,
    /// Multi-part forms by their lowercased first character.
    multi_by_initial: HashMap<char, Vec<usize>>,
    exact_lines: HashMap<String, LineRole>,
    /// Normalised prefixes of `form *` entries.
    prefix_lines: Vec<(String, LineRole)>,
    starters: HashSet<String>,
    acronyms: HashMap<&'static str, &'static str>,
    errors: Vec<String>,
}

/// Longest line (in bytes) that can be a salutation or closing.
const MAX_ROLE_LINE: usize = 120;
/// Most whitespace characters a space of a multi-part form matches.
const MAX_FORM_SPACES: usize = 3;

/// The parsed data of `lang`, built on first use.
pub fn lang_data(lang: Lang) -> &'static LangData {
    static FR: OnceLock<LangData> = OnceLock::new();
    static NL: OnceLock<LangData> = OnceLock::new();
    static DE: OnceLock<LangData> = OnceLock::new();
    static EN: OnceLock<LangData> = OnceLock::new();
    let cell = match lang {
        Lang::Fr => &FR,
        Lang::Nl => &NL,
        Lang::De => &DE,
        Lang::En => &EN,
    };
    cell.get_or_init(|| LangData::parse(raw_files(lang)))
}

struct RawFiles {
    abbreviations: &'static str,
    salutations: &'static str,
    starters: &'static str,
    acronyms: &'static str,
}

fn raw_files(lang: Lang) -> RawFiles {
    match lang {
        Lang::Fr => RawFiles {
            abbreviations: include_str!("../../lexicons/fr/abbreviations.txt"),
            salutations: include_str!("../../lexicons/fr/salutations.txt"),
            starters: include_str!("../../lexicons/fr/sentence-starters.txt"),
            acronyms: include_str!("../../lexicons/fr/acronyms.txt"),
        },
        Lang::Nl => RawFiles {
            abbreviations: include_str!("../../lexicons/nl/abbreviations.txt"),
            salutations: include_str!("../../lexicons/nl/salutations.txt"),
            starters: include_str!("../../lexicons/nl/sentence-starters.txt"),
            acronyms: include_str!("../../lexicons/nl/acronyms.txt"),
        },
        Lang::De => RawFiles {
            abbreviations: include_str!("../../lexicons/de/abbreviations.txt"),
            salutations: include_str!("../../lexicons/de/salutations.txt"),
            starters: include_str!("../../lexicons/de/sentence-starters.txt"),
            acronyms: include_str!("../../lexicons/de/acronyms.txt"),
        },
        Lang::En => RawFiles {
            abbreviations: include_str!("../../lexicons/en/abbreviations.txt"),
            salutations: include_str!("../../lexicons/en/salutations.txt"),
            starters: include_str!("../../lexicons/en/sentence-starters.txt"),
            acronyms: include_str!("../../lexicons/en/acronyms.txt"),
        },
    }
}

/// Non-comment lines of a data file, trimmed.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn fields(line: &'static str) -> Vec<&'static str> {
    line.split('|').map(str::trim).collect()
}

impl LangData {
    fn parse(raw: RawFiles) -> Self {
        let mut d = LangData::default();
        for line in data_lines(raw.abbreviations) {
            match parse_abbreviation(line) {
                Some(a) => d.add_abbreviation(a),
                None => d.errors.push(format!("abbreviations: {line}")),
            }
        }
        for line in data_lines(raw.salutations) {
            let f = fields(line);
            let role = match f.first().copied() {
                Some("salutation") => LineRole::Salutation,
                Some("closing") => LineRole::Closing,
                _ => {
                    d.errors.push(format!("salutations: {line}"));
                    continue;
                }
            };
            match f.get(1).copied() {
                Some(form) if f.len() == 2 && !form.is_empty() => {
                    if let Some(prefix) = form.strip_suffix(" *") {
                        d.prefix_lines.push((normalize_line(prefix), role));
                    } else {
                        d.exact_lines.insert(normalize_line(form), role);
                    }
                }
                _ => d.errors.push(format!("salutations: {line}")),
            }
        }
        for line in data_lines(raw.starters) {
            d.starters.insert(normalize_word(line));
        }
        for line in data_lines(raw.acronyms) {
            match fields(line).as_slice() {
                [form, expansion] if !form.is_empty() => {
                    d.acronyms.entry(*form).or_insert(*expansion);
                }
                _ => d.errors.push(format!("acronyms: {line}")),
            }
        }
        d
    }

    fn add_abbreviation(&mut self, a: Abbreviation) {
        let idx = self.abbreviations.len();
        if a.multi_part {
            if let Some(c) = a.form.chars().next() {
                self.multi_by_initial
                    .entry(lower_char(c))
                    .or_default()
                    .push(idx);
            }
        } else {
            self.by_form.entry(a.form).or_insert(idx);
        }
        self.abbreviations.push(a);
    }

    /// All abbreviation entries, in file order.
    pub fn abbreviations(&self) -> &[Abbreviation] {
        &self.abbreviations
    }

    /// Lines of the data files that could not be parsed (empty when the data is sound).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// The single-part abbreviation written `form` (`art.`, `d.w.z.`, `Mme`). A capital
    /// first letter also finds the lowercase entry (`Cf.` → `cf.`), for sentence starts.
    pub fn abbreviation(&self, form: &str) -> Option<&Abbreviation> {
        let idx = self.by_form.get(form).or_else(|| {
            let mut chars = form.chars();
            let first = chars.next()?;
            if !first.is_uppercase() {
                return None;
            }
            let lowered: String = first.to_lowercase().chain(chars).collect();
            self.by_form.get(lowered.as_str())
        })?;
        self.abbreviations.get(*idx)
    }

    /// The longest multi-part abbreviation (`p. ex.`, `z. B.`) written at byte `pos` of
    /// `text`, with the byte offset where it ends. A space of the form matches up to three
    /// whitespace characters or none; the first letter matches in either case.
    pub fn match_multi_part(&self, text: &str, pos: usize) -> Option<(usize, &Abbreviation)> {
        let rest = text.get(pos..)?;
        let first = lower_char(rest.chars().next()?);
        let candidates = self.multi_by_initial.get(&first)?;
        let mut best: Option<(usize, &Abbreviation)> = None;
        for a in candidates.iter().filter_map(|i| self.abbreviations.get(*i)) {
            if let Some(len) = match_form(a.form, rest)
                && best.is_none_or(|(end, _)| pos + len > end)
            {
                best = Some((pos + len, a));
            }
        }
        best
    }

    /// Whether `line` (one whole line) is a salutation or a closing.
    pub fn line_role(&self, line: &str) -> Option<LineRole> {
        let line = line.trim();
        if line.is_empty() || line.len() > MAX_ROLE_LINE {
            return None;
        }
        let norm = normalize_line(line);
        if let Some(role) = self.exact_lines.get(&norm) {
            return Some(*role);
        }
        if !line.ends_with([',', '!', ':']) {
            return None;
        }
        self.prefix_lines.iter().find_map(|(prefix, role)| {
            let rest = norm.strip_prefix(prefix.as_str())?.strip_prefix(' ')?;
            let n = rest.split_whitespace().count();
            (1..=4).contains(&n).then_some(*role)
        })
    }

    /// Whether `word` is in the language's sentence-starter list (case-insensitive).
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        !word.is_empty() && self.starters.contains(&normalize_word(word))
    }

    /// The expansion of `token` when it is a listed acronym (exact case).
    pub fn acronym(&self, token: &str) -> Option<&'static str> {
        self.acronyms.get(token).copied()
    }
}

fn parse_abbreviation(line: &'static str) -> Option<Abbreviation> {
    let f = fields(line);
    let [form, expansion, ends, category, source] = f.as_slice() else {
        return None;
    };
    let ends_sentence = match *ends {
        "never" => EndsSentence::Never,
        "maybe" => EndsSentence::Maybe,
        _ => return None,
    };
    let category = match *category {
        "title" => AbbrevCategory::Title,
        "reference" => AbbrevCategory::Reference,
        "latin" => AbbrevCategory::Latin,
        "month" => AbbrevCategory::Month,
        "unit" => AbbrevCategory::Unit,
        "other" => AbbrevCategory::Other,
        _ => return None,
    };
    if form.is_empty() {
        return None;
    }
    Some(Abbreviation {
        form,
        expansion,
        ends_sentence,
        category,
        source,
        multi_part: form.unicode_words().count() > 1,
    })
}

/// Byte length of `form` matched at the start of `text`, if it matches and ends there.
fn match_form(form: &str, text: &str) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    let mut end = 0;
    for (k, fc) in form.chars().enumerate() {
        if fc == ' ' {
            let mut n = 0;
            while n < MAX_FORM_SPACES
                && let Some((i, c)) = t.next_if(|(_, c)| is_hspace(*c))
            {
                end = i + c.len_utf8();
                n += 1;
            }
            continue;
        }
        let (i, tc) = t.next()?;
        let same = if k == 0 {
            lower_char(tc) == lower_char(fc)
        } else {
            tc == fc || (is_apostrophe(tc) && is_apostrophe(fc))
        };
        if !same {
            return None;
        }
        end = i + tc.len_utf8();
    }
    // A form ending in a letter must end at a word boundary (`c-à-d` but not `c-à-dire`).
    match t.peek() {
        Some((_, c)) if c.is_alphanumeric() => None,
        _ => Some(end),
    }
}

/// Horizontal whitespace inside a line.
pub(crate) fn is_hspace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn lower_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Lowercase, typographic apostrophes as `'`.
fn normalize_word(w: &str) -> String {
    w.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A salutation line for comparison: lowercase, no commas, single spaces, no final
/// punctuation, `'` for apostrophes.
fn normalize_line(line: &str) -> String {
    let lowered = normalize_word(line);
    let words: Vec<&str> = lowered
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    joined
        .trim_end_matches(['.', '!', ':', ';', ' '])
        .to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_cleanly() {
        for lang in Lang::ALL {
            let d = lang_data(lang);
            assert!(d.errors().is_empty(), "{lang}: {:?}", d.errors());
            assert!(d.abbreviations().len() > 40, "{lang}");
            assert!(!d.starters.is_empty() && !d.acronyms.is_empty(), "{lang}");
        }
    }

    #[test]
    fn lookups() {
        let fr = lang_data(Lang::Fr);
        assert_eq!(
            fr.abbreviation("art.").map(|a| a.expansion),
            Some("article")
        );
        assert_eq!(fr.abbreviation("Cf.").map(|a| a.form), Some("cf."));
        assert!(
            fr.abbreviation("p. ex.").is_none(),
            "multi-part forms are matched on text"
        );
        let t = "voir p.\u{a0}ex. la facture";
        assert_eq!(
            fr.match_multi_part(t, 5).map(|(e, a)| (e, a.form)),
            Some((12, "p. ex."))
        );
        assert!(fr.match_multi_part("p. exemple", 0).is_none());
        let de = lang_data(Lang::De);
        assert_eq!(de.match_multi_part("Z. B. so", 0).map(|(e, _)| e), Some(5));
        assert_eq!(
            fr.line_role("Madame, Monsieur,"),
            Some(LineRole::Salutation)
        );
        assert_eq!(
            fr.line_role("Cher Monsieur Dupont,"),
            Some(LineRole::Salutation)
        );
        assert_eq!(fr.line_role("Madame Dupont"), None);
        assert_eq!(fr.line_role("Bien à vous,"), Some(LineRole::Closing));
        assert_eq!(
            de.line_role("Mit freundlichen Grüßen"),
            Some(LineRole::Closing)
        );
        assert!(fr.is_sentence_starter("Nous"));
        assert!(fr.is_sentence_starter("L’"));
        assert!(lang_data(Lang::Nl).acronym("RVA").is_some());
    }
}
