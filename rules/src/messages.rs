//! Message catalogues (`lexicons/messages/<lang>.toml`): what writers read, in their
//! language. Keys are `rule-id.message-id`; `{name}` placeholders are filled by the rule.

use plainly_text::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

const SOURCES: [(Lang, &str); 4] = [
    (Lang::Fr, include_str!("../../lexicons/messages/fr.toml")),
    (Lang::Nl, include_str!("../../lexicons/messages/nl.toml")),
    (Lang::De, include_str!("../../lexicons/messages/de.toml")),
    (Lang::En, include_str!("../../lexicons/messages/en.toml")),
];

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static HashMap<Lang, Catalogue> {
    static CATS: OnceLock<HashMap<Lang, Catalogue>> = OnceLock::new();
    CATS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, src)| (*lang, parse(src)))
            .collect()
    })
}

/// Flatten `[section] key = "value"` into `section.key`.
fn parse(src: &str) -> Catalogue {
    let mut out = Catalogue::new();
    let Ok(table) = src.parse::<toml::Table>() else {
        return out;
    };
    for (section, value) in table {
        match value {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    if let toml::Value::String(s) = v {
                        out.insert(format!("{section}.{k}"), s);
                    }
                }
            }
            toml::Value::String(s) => {
                out.insert(section, s);
            }
            _ => {}
        }
    }
    out
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
    fn every_language_has_every_key() {
        let en = keys(Lang::En);
        assert!(!en.is_empty());
        for lang in Lang::ALL {
            assert_eq!(keys(lang), en, "catalogue {lang} differs from en");
        }
    }
}
