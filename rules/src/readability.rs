//! Readability formulas (READABILITY.md §3): one scale per language, every value with its
//! counts, raw values in machine output.

use plainly_text::{Counts, Lang};
use serde::Serialize;

/// A readability formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    KandelMoles,
    FleschDouma,
    Brouwer,
    Amstad,
    Wstf1,
    Wstf2,
    Wstf3,
    Wstf4,
    Flesch,
    FleschKincaid,
    Lix,
    Rix,
}

impl Formula {
    pub fn id(self) -> &'static str {
        match self {
            Formula::KandelMoles => "kandel-moles",
            Formula::FleschDouma => "flesch-douma",
            Formula::Brouwer => "brouwer",
            Formula::Amstad => "amstad",
            Formula::Wstf1 => "wstf1",
            Formula::Wstf2 => "wstf2",
            Formula::Wstf3 => "wstf3",
            Formula::Wstf4 => "wstf4",
            Formula::Flesch => "flesch",
            Formula::FleschKincaid => "flesch-kincaid",
            Formula::Lix => "lix",
            Formula::Rix => "rix",
        }
    }

    /// Human name, as shown next to a value.
    pub fn name(self) -> &'static str {
        match self {
            Formula::KandelMoles => "Kandel–Moles",
            Formula::FleschDouma => "Flesch–Douma",
            Formula::Brouwer => "Brouwer",
            Formula::Amstad => "Amstad",
            Formula::Wstf1 => "Wiener Sachtextformel 1",
            Formula::Wstf2 => "Wiener Sachtextformel 2",
            Formula::Wstf3 => "Wiener Sachtextformel 3",
            Formula::Wstf4 => "Wiener Sachtextformel 4",
            Formula::Flesch => "Flesch Reading Ease",
            Formula::FleschKincaid => "Flesch–Kincaid grade",
            Formula::Lix => "LIX",
            Formula::Rix => "RIX",
        }
    }

    /// The formula as written, with its coefficients.
    pub fn expression(self) -> &'static str {
        match self {
            Formula::KandelMoles => "207 − 1.015·ASL − 73.6·ASW",
            Formula::FleschDouma => "206.835 − 0.93·ASL − 77·ASW",
            Formula::Brouwer => "195 − 2·ASL − 67·ASW",
            Formula::Amstad => "180 − ASL − 58.5·ASW",
            Formula::Wstf1 => "0.1935·MS + 0.1672·SL + 0.1297·IW − 0.0327·ES − 0.875",
            Formula::Wstf2 => "0.2007·MS + 0.1682·SL + 0.1373·IW − 2.779",
            Formula::Wstf3 => "0.2963·MS + 0.1905·SL − 1.1144",
            Formula::Wstf4 => "0.2744·MS + 0.2656·SL − 1.693",
            Formula::Flesch => "206.835 − 1.015·ASL − 84.6·ASW",
            Formula::FleschKincaid => "0.39·ASL + 11.8·ASW − 15.59",
            Formula::Lix => "ASL + 100·WLong/W",
            Formula::Rix => "WLong/St",
        }
    }

    pub fn source(self) -> &'static str {
        match self {
            Formula::KandelMoles => "Kandel & Moles (1958)",
            Formula::FleschDouma => "Douma (1960)",
            Formula::Brouwer => "Brouwer (1963)",
            Formula::Amstad => "Amstad (1978)",
            Formula::Wstf1 | Formula::Wstf2 | Formula::Wstf3 | Formula::Wstf4 => {
                "Bamberger & Vanecek (1984)"
            }
            Formula::Flesch => "Flesch (1948)",
            Formula::FleschKincaid => "Kincaid et al. (1975)",
            Formula::Lix => "Björnsson (1968)",
            Formula::Rix => "Anderson (1983)",
        }
    }

    /// Higher is easier (Flesch family) or harder (grades, LIX, RIX)?
    pub fn higher_is_easier(self) -> bool {
        matches!(
            self,
            Formula::KandelMoles
                | Formula::FleschDouma
                | Formula::Brouwer
                | Formula::Amstad
                | Formula::Flesch
        )
    }

    /// Value from counts; `None` without sentences or words.
    pub fn compute(self, c: &Counts) -> Option<f64> {
        if c.sentences == 0 || c.words == 0 {
            return None;
        }
        let w = f64::from(c.words);
        let asl = w / f64::from(c.sentences);
        let asw = f64::from(c.syllables) / w;
        let ms = 100.0 * f64::from(c.words_3plus_syllables) / w;
        let iw = 100.0 * f64::from(c.long_words) / w;
        let es = 100.0 * f64::from(c.monosyllables) / w;
        Some(match self {
            Formula::KandelMoles => 207.0 - 1.015 * asl - 73.6 * asw,
            Formula::FleschDouma => 206.835 - 0.93 * asl - 77.0 * asw,
            Formula::Brouwer => 195.0 - 2.0 * asl - 67.0 * asw,
            Formula::Amstad => 180.0 - asl - 58.5 * asw,
            Formula::Wstf1 => 0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875,
            Formula::Wstf2 => 0.2007 * ms + 0.1682 * asl + 0.1373 * iw - 2.779,
            Formula::Wstf3 => 0.2963 * ms + 0.1905 * asl - 1.1144,
            Formula::Wstf4 => 0.2744 * ms + 0.2656 * asl - 1.693,
            Formula::Flesch => 206.835 - 1.015 * asl - 84.6 * asw,
            Formula::FleschKincaid => 0.39 * asl + 11.8 * asw - 15.59,
            Formula::Lix => asl + 100.0 * f64::from(c.long_words) / w,
            Formula::Rix => f64::from(c.long_words) / f64::from(c.sentences),
        })
    }

    /// The gauge formula of a language (READABILITY.md §3.6).
    pub fn default_for(lang: Lang) -> Formula {
        match lang {
            Lang::Fr => Formula::KandelMoles,
            Lang::Nl => Formula::FleschDouma,
            Lang::De => Formula::Amstad,
            Lang::En => Formula::Flesch,
        }
    }

    /// Formulas shown for a language: the default first, then the secondary ones.
    pub fn shown_for(lang: Lang) -> &'static [Formula] {
        match lang {
            Lang::Fr => &[Formula::KandelMoles, Formula::Lix, Formula::Rix],
            Lang::Nl => &[
                Formula::FleschDouma,
                Formula::Brouwer,
                Formula::Lix,
                Formula::Rix,
            ],
            Lang::De => &[Formula::Amstad, Formula::Wstf1, Formula::Lix, Formula::Rix],
            Lang::En => &[
                Formula::Flesch,
                Formula::FleschKincaid,
                Formula::Lix,
                Formula::Rix,
            ],
        }
    }
}

/// A band label for a Flesch-type value in the language's words (READABILITY.md §3).
pub fn flesch_band(lang: Lang, value: f64) -> &'static str {
    const CUTS: [f64; 6] = [90.0, 80.0, 70.0, 60.0, 50.0, 30.0];
    let labels: [&str; 7] = match lang {
        Lang::Fr => [
            "très facile",
            "facile",
            "assez facile",
            "standard",
            "assez difficile",
            "difficile",
            "très difficile",
        ],
        Lang::Nl => [
            "zeer gemakkelijk",
            "gemakkelijk",
            "tamelijk gemakkelijk",
            "normaal",
            "tamelijk moeilijk",
            "moeilijk",
            "zeer moeilijk",
        ],
        Lang::De => [
            "sehr leicht",
            "leicht",
            "mittelleicht",
            "mittel",
            "mittelschwer",
            "schwer",
            "sehr schwer",
        ],
        Lang::En => [
            "very easy",
            "easy",
            "fairly easy",
            "standard",
            "fairly difficult",
            "difficult",
            "very difficult",
        ],
    };
    // Douma's bands cut at 45, not 50, between "tamelijk moeilijk" and "moeilijk".
    let cuts = if lang == Lang::Nl {
        [90.0, 80.0, 70.0, 60.0, 45.0, 30.0]
    } else {
        CUTS
    };
    let i = cuts.iter().position(|c| value >= *c).unwrap_or(6);
    labels[i]
}

/// LIX band in the language's words.
pub fn lix_band(lang: Lang, value: f64) -> &'static str {
    let i = [25.0, 35.0, 45.0, 55.0]
        .iter()
        .position(|c| value < *c)
        .unwrap_or(4);
    let labels: [&str; 5] = match lang {
        Lang::Fr => [
            "très facile",
            "facile",
            "standard",
            "difficile",
            "très difficile",
        ],
        Lang::Nl => [
            "zeer gemakkelijk",
            "gemakkelijk",
            "normaal",
            "moeilijk",
            "zeer moeilijk",
        ],
        Lang::De => ["sehr leicht", "leicht", "mittel", "schwer", "sehr schwer"],
        Lang::En => [
            "very easy",
            "easy",
            "standard",
            "difficult",
            "very difficult",
        ],
    };
    labels[i]
}

/// One formula's value with what it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub formula: Formula,
    pub name: &'static str,
    pub expression: &'static str,
    pub source: &'static str,
    /// Raw value (not clamped).
    pub value: f64,
    /// Band label in the text's language, where the formula has bands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<&'static str>,
}

/// The readability of a block or document: counts, formulas, confidence.
#[derive(Debug, Clone, Serialize)]
pub struct Readability {
    pub lang: Lang,
    pub counts: Counts,
    pub scores: Vec<Score>,
    /// Under 100 words: shown, but not to be trusted much (READABILITY.md §1).
    pub low_confidence: bool,
    /// Enough text for a verdict (50 words and 3 sentences).
    pub enough_for_verdict: bool,
}

impl Readability {
    pub fn new(lang: Lang, counts: Counts) -> Self {
        let scores = Formula::shown_for(lang)
            .iter()
            .filter_map(|f| {
                let value = f.compute(&counts)?;
                let band = match f {
                    Formula::Lix => Some(lix_band(lang, value)),
                    f if f.higher_is_easier() => Some(flesch_band(lang, value)),
                    _ => None,
                };
                Some(Score {
                    formula: *f,
                    name: f.name(),
                    expression: f.expression(),
                    source: f.source(),
                    value,
                    band,
                })
            })
            .collect();
        Readability {
            lang,
            counts,
            scores,
            low_confidence: counts.words < 100,
            enough_for_verdict: counts.words >= 50 && counts.sentences >= 3,
        }
    }

    /// The gauge score (the language's default formula), if computable.
    pub fn main(&self) -> Option<&Score> {
        self.scores.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kandel_moles_by_hand() {
        let c = Counts {
            sentences: 4,
            words: 88,
            syllables: 155,
            words_3plus_syllables: 18,
            monosyllables: 44,
            long_words: 31,
            letters: 443,
        };
        let v = Formula::KandelMoles.compute(&c).unwrap_or(0.0);
        assert!((v - 55.03).abs() < 0.01, "{v}");
        assert_eq!(flesch_band(Lang::Fr, v), "assez difficile");
        assert!(Formula::Flesch.compute(&Counts::default()).is_none());
    }
}
