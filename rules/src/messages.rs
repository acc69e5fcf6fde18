//! Message catalogues (`lexicons/messages/<rule-id>.toml`, one table per language): what
//! writers read, in their language. Keys are `rule-id.message-id`; `{name}` placeholders
//! are filled by the rule. Every rule also has `what` and `why` for `plainly explain`.

use plainly_text::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static HashMap<Lang, Catalogue> {
    static CATS: OnceLock<HashMap<Lang, Catalogue>> = OnceLock::new();
    CATS.get_or_init(|| {
        let mut cats: HashMap<Lang, Catalogue> = HashMap::new();
        for (rule, src) in generated::CATALOGUES {
            let Ok(table) = src.parse::<toml::Table>() else {
                continue;
            };
            for (lang, value) in table {
                let (Ok(lang), toml::Value::Table(t)) = (lang.parse::<Lang>(), value) else {
                    continue;
                };
                let cat = cats.entry(lang).or_default();
                for (k, v) in t {
                    if let toml::Value::String(s) = v {
                        cat.insert(format!("{rule}.{k}"), s);
                    }
                }
            }
        }
        cats
    })
}

/// Every catalogue parses (a broken file would silently lose its messages otherwise).
pub fn broken_catalogues() -> Vec<String> {
    generated::CATALOGUES
        .iter()
        .filter_map(|(rule, src)| {
            src.parse::<toml::Table>()
                .err()
                .map(|e| format!("lexicons/messages/{rule}.toml: {e}"))
        })
        .collect()
}

/// The message `key` in `lang` with `{name}` placeholders filled. Falls back to English,
/// then to the key itself (a test checks every key exists in every language).
pub fn msg(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let cats = catalogues();
    let template = cats
        .get(&lang)
        .and_then(|c| c.get(key))
        .or_else(|| cats.get(&Lang::En).and_then(|c| c.get(key)))
        .map(String::as_str)
        .unwrap_or(key);
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// All keys of a language's catalogue (for completeness tests).
pub fn keys(lang: Lang) -> Vec<String> {
    let mut k: Vec<String> = catalogues()
        .get(&lang)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default();
    k.sort();
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_parse() {
        assert_eq!(broken_catalogues(), Vec::<String>::new());
    }

    #[test]
    fn every_language_has_every_key() {
        let en = keys(Lang::En);
        assert!(!en.is_empty());
        for lang in Lang::ALL {
            assert_eq!(keys(lang), en, "catalogue {lang} differs from en");
        }
    }
}
