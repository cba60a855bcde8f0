//! Size arithmetic for product shapes: `w`, `2*h + w`, `(w - b) / 2`, `ch - 16`.
//!
//! A catalog writes every length of a product's shape (outlines, view layers, closure panels) as a
//! small expression over the size's named numbers, so one outline serves every size. The grammar
//! is deliberately tiny (numbers, names, `+ - * /`, unary minus, parentheses) so a retailer can
//! read it and the catalog check can evaluate every expression for every size up front.

use serde::{Deserialize, Serialize};

/// An expression as written in the catalog.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Expr(pub String);

/// Named numbers an expression may use (a size's params, then the closure's).
pub type Env<'a> = [(&'a str, f64)];

/// Why an expression has no value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExprError {
    #[error("unknown name {0:?}")]
    Unknown(String),
    #[error("cannot read {0:?}: expected a number, a name, + - * / or parentheses")]
    Syntax(String),
    #[error("{0:?} has no finite value (division by zero?)")]
    NotFinite(String),
}

impl Expr {
    pub fn eval(&self, env: &Env) -> Result<f64, ExprError> {
        eval(&self.0, env)
    }
}

/// Evaluates expression text (see [`Expr`]).
pub fn eval(text: &str, env: &Env) -> Result<f64, ExprError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        env,
        depth: 0,
    };
    let syntax = || ExprError::Syntax(text.to_owned());
    let v = p.sum().map_err(|e| e.unwrap_or_else(syntax))?;
    p.skip_ws();
    if p.i != p.s.len() {
        return Err(syntax());
    }
    if v.is_finite() {
        Ok(v)
    } else {
        Err(ExprError::NotFinite(text.to_owned()))
    }
}

/// `Err(None)` is a syntax error (reported with the whole text), `Err(Some(e))` anything else.
type Step = Result<f64, Option<ExprError>>;

struct Parser<'a, 'e> {
    s: &'a [u8],
    i: usize,
    env: &'e Env<'e>,
    depth: u8,
}

impl Parser<'_, '_> {
    fn skip_ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.i).copied()
    }

    fn sum(&mut self) -> Step {
        let mut v = self.product()?;
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let r = self.product()?;
            v = if op == b'+' { v + r } else { v - r };
        }
        Ok(v)
    }

    fn product(&mut self) -> Step {
        let mut v = self.atom()?;
        while let Some(op @ (b'*' | b'/')) = self.peek() {
            self.i += 1;
            let r = self.atom()?;
            v = if op == b'*' { v * r } else { v / r };
        }
        Ok(v)
    }

    fn atom(&mut self) -> Step {
        // Nesting is bounded so hostile text cannot exhaust the stack.
        if self.depth > 32 {
            return Err(None);
        }
        match self.peek().ok_or(None)? {
            b'(' => {
                self.i += 1;
                self.depth += 1;
                let v = self.sum()?;
                self.depth -= 1;
                if self.peek() != Some(b')') {
                    return Err(None);
                }
                self.i += 1;
                Ok(v)
            }
            b'-' => {
                self.i += 1;
                self.depth += 1;
                let v = self.atom()?;
                self.depth -= 1;
                Ok(-v)
            }
            c if c.is_ascii_digit() => {
                // Read by hand: `str::parse::<f64>` would bring the float parser (~10 KB gzip)
                // into the browser's wasm. Integer digits over a power of ten is exact for the
                // short literals catalogs use, and correctly rounded otherwise.
                let (mut num, mut den, mut dot) = (0.0f64, 1.0f64, false);
                while let Some(&c) = self.s.get(self.i) {
                    match c {
                        b'0'..=b'9' => {
                            num = num * 10.0 + f64::from(c - b'0');
                            if dot {
                                den *= 10.0;
                            }
                        }
                        b'.' if !dot => dot = true,
                        b'.' => return Err(None),
                        _ => break,
                    }
                    self.i += 1;
                }
                Ok(num / den)
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    self.i += 1;
                }
                let name = std::str::from_utf8(&self.s[start..self.i]).map_err(|_| None)?;
                self.env
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| *v)
                    .ok_or_else(|| Some(ExprError::Unknown(name.to_owned())))
            }
            _ => Err(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> Result<f64, ExprError> {
        Expr(s.into()).eval(&[("w", 340.0), ("h", 250.0), ("ch", 90.0)])
    }

    #[test]
    fn arithmetic_with_names() {
        assert_eq!(e("w"), Ok(340.0));
        assert_eq!(e("2*h + w"), Ok(840.0));
        assert_eq!(e("(w - 40) / 2"), Ok(150.0));
        assert_eq!(e("-4 + ch - 16"), Ok(70.0));
        assert_eq!(e("1.5 * 2"), Ok(3.0));
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(e("w + q"), Err(ExprError::Unknown("q".into())));
        assert!(matches!(e("w +"), Err(ExprError::Syntax(_))));
        assert!(matches!(e("w)"), Err(ExprError::Syntax(_))));
        assert!(matches!(e(""), Err(ExprError::Syntax(_))));
        assert!(matches!(e("1..2"), Err(ExprError::Syntax(_))));
        assert!(matches!(e("w / 0"), Err(ExprError::NotFinite(_))));
        assert!(matches!(e(&"(".repeat(100)), Err(ExprError::Syntax(_))));
        assert!(matches!(e(&"-".repeat(100)), Err(ExprError::Syntax(_))));
    }
}
