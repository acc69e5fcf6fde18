//! The four languages plainly knows.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language plainly analyses. Belgian variants share the language's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    Nl,
    De,
    En,
}

impl Lang {
    /// All languages, in a stable order.
    pub const ALL: [Lang; 4] = [Lang::Fr, Lang::Nl, Lang::De, Lang::En];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "français",
            Lang::Nl => "Nederlands",
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for an unknown language tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}': use fr, nl, de or en")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    /// Accepts `fr`, `fr-BE`, `fr_BE`, `FR`, `nl-BE`, `de-BE`, `en-GB`, …
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" | "fra" | "fre" | "french" => Ok(Lang::Fr),
            "nl" | "nld" | "dut" | "dutch" => Ok(Lang::Nl),
            "de" | "deu" | "ger" | "german" => Ok(Lang::De),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_regional_tags() {
        assert_eq!("fr-BE".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!("nl_BE".parse::<Lang>(), Ok(Lang::Nl));
        assert_eq!("DE".parse::<Lang>(), Ok(Lang::De));
        assert!("es".parse::<Lang>().is_err());
    }
}
