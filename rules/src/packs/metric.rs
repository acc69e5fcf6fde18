//! `metric` expressions: arithmetic over the counts and the readability formulas.
//!
//! ```text
//! expr   := term (("+" | "-") term)*
//! term   := factor (("*" | "/") factor)*
//! factor := number | name | "(" expr ")" | "-" factor
//! ```
//!
//! Names are the counts (`sentences`, `words`, `syllables`, `words_3plus_syllables` or
//! `complex_words`, `monosyllables`, `long_words`, `letters`), the formula ids
//! (`kandel-moles`, `flesch-douma`, `lix`, …) and `readability`, the gauge formula of the
//! text's language. A formula id holds hyphens, so a minus sign needs spaces around it.
//! A division by zero or a formula without sentences gives no value (and no finding).

use crate::readability::Formula;
use plainly_text::{Counts, Lang};

/// Every formula, for name lookup.
const FORMULAS: [Formula; 12] = [
    Formula::KandelMoles,
    Formula::FleschDouma,
    Formula::Brouwer,
    Formula::Amstad,
    Formula::Wstf1,
    Formula::Wstf2,
    Formula::Wstf3,
    Formula::Wstf4,
    Formula::Flesch,
    Formula::FleschKincaid,
    Formula::Lix,
    Formula::Rix,
];

const COUNTS: [&str; 8] = [
    "sentences",
    "words",
    "syllables",
    "words_3plus_syllables",
    "complex_words",
    "monosyllables",
    "long_words",
    "letters",
];

/// A value an expression can name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Name {
    Count(usize),
    Formula(Formula),
    /// The gauge formula of the text's language.
    Gauge,
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Name(NameRef),
    Neg(Box<Expr>),
    Bin(Box<Expr>, Op, Box<Expr>),
}

/// A name, opaque outside this module.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameRef(Name);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// Every name an expression may use, for error messages and the docs.
pub fn names() -> String {
    let mut v: Vec<&str> = COUNTS.to_vec();
    v.push("readability");
    v.extend(FORMULAS.iter().map(|f| f.id()));
    v.join(", ")
}

fn lookup(name: &str) -> Option<Name> {
    if let Some(i) = COUNTS.iter().position(|c| *c == name) {
        return Some(Name::Count(i));
    }
    if name == "readability" {
        return Some(Name::Gauge);
    }
    FORMULAS
        .iter()
        .find(|f| f.id() == name)
        .map(|f| Name::Formula(*f))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Sym(char),
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                i += 1;
            }
            let s: String = chars.get(start..i).unwrap_or_default().iter().collect();
            out.push(Tok::Num(
                s.parse().map_err(|_| format!("'{s}' is not a number"))?,
            ));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            {
                i += 1;
            }
            out.push(Tok::Ident(
                chars.get(start..i).unwrap_or_default().iter().collect(),
            ));
        } else if matches!(c, '+' | '-' | '*' | '/' | '(' | ')') {
            out.push(Tok::Sym(c));
            i += 1;
        } else {
            return Err(format!("unexpected '{c}' in the metric"));
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.term()?;
        while let Some(Tok::Sym(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.term()?;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut left = self.factor()?;
        while let Some(Tok::Sym(c @ ('*' | '/'))) = self.peek().cloned() {
            self.pos += 1;
            let right = self.factor()?;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Expr::Bin(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err("the metric is nested too deeply".into());
        }
        let tok = self.peek().cloned();
        self.pos += 1;
        let out = match tok {
            Some(Tok::Num(n)) => Ok(Expr::Num(n)),
            Some(Tok::Ident(name)) => match lookup(&name) {
                Some(n) => Ok(Expr::Name(NameRef(n))),
                None if name.contains('-') => Err(format!(
                    "unknown name '{name}' in the metric (put spaces around a minus sign; names: {})",
                    names()
                )),
                None => Err(format!(
                    "unknown name '{name}' in the metric (names: {})",
                    names()
                )),
            },
            Some(Tok::Sym('-')) => Ok(Expr::Neg(Box::new(self.factor()?))),
            Some(Tok::Sym('(')) => {
                let e = self.expr()?;
                if self.peek() != Some(&Tok::Sym(')')) {
                    return Err("a ')' is missing in the metric".into());
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Sym(c)) => Err(format!("unexpected '{c}' in the metric")),
            None => Err("the metric ends too early".into()),
        };
        self.depth -= 1;
        out
    }
}

/// Parse a metric expression.
pub fn parse(src: &str) -> Result<Expr, String> {
    if src.trim().is_empty() {
        return Err("the metric is empty".into());
    }
    if src.len() > 500 {
        return Err("the metric is too long (at most 500 bytes)".into());
    }
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
        depth: 0,
    };
    let e = p.expr()?;
    if p.pos < p.toks.len() {
        return Err("unexpected text after the end of the metric".into());
    }
    Ok(e)
}

fn count(c: &Counts, i: usize) -> f64 {
    f64::from(match i {
        0 => c.sentences,
        1 => c.words,
        2 => c.syllables,
        3 | 4 => c.words_3plus_syllables,
        5 => c.monosyllables,
        6 => c.long_words,
        _ => c.letters,
    })
}

/// Value of `e` for `counts` in `lang`; `None` when undefined (division by zero, a formula
/// without sentences or words).
pub fn eval(e: &Expr, counts: &Counts, lang: Lang) -> Option<f64> {
    let v = match e {
        Expr::Num(n) => *n,
        Expr::Name(NameRef(Name::Count(i))) => count(counts, *i),
        Expr::Name(NameRef(Name::Formula(f))) => f.compute(counts)?,
        Expr::Name(NameRef(Name::Gauge)) => Formula::default_for(lang).compute(counts)?,
        Expr::Neg(x) => -eval(x, counts, lang)?,
        Expr::Bin(a, op, b) => {
            let (a, b) = (eval(a, counts, lang)?, eval(b, counts, lang)?);
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div if b == 0.0 => return None,
                Op::Div => a / b,
            }
        }
    };
    v.is_finite().then_some(v)
}

/// A value as writers read it: whole numbers without decimals, else one decimal.
pub fn format_value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_evaluates() {
        let c = Counts {
            sentences: 2,
            words: 30,
            syllables: 45,
            long_words: 6,
            ..Default::default()
        };
        let v = |s: &str| eval(&parse(s).unwrap(), &c, Lang::Fr);
        assert_eq!(v("words/sentences"), Some(15.0));
        assert_eq!(v("100 * long_words / words"), Some(20.0));
        assert_eq!(v("(words - sentences) * -1"), Some(-28.0));
        assert_eq!(v("lix"), Formula::Lix.compute(&c));
        assert_eq!(v("readability"), Formula::KandelMoles.compute(&c));
        assert_eq!(v("words / monosyllables"), None);
    }

    #[test]
    fn errors_are_clear() {
        assert!(
            parse("words-sentences")
                .unwrap_err()
                .contains("spaces around a minus")
        );
        assert!(parse("wordz").unwrap_err().contains("unknown name"));
        assert!(parse("(words").unwrap_err().contains("')'"));
        assert!(parse("words $").is_err());
        assert!(parse("").is_err());
        assert!(parse(&"(".repeat(100)).is_err());
    }
}
