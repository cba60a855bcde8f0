//! A problem found in a configuration: where (`path`), what (`code`, stable) and why (`message`, for people).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Dotted path of the offending field, e.g. `parts.outer_front.colour` or `monogram.text`.
    pub path: String,
    /// Stable machine code, e.g. `unknown_colour`, or `rule:<rule id>` for a refused combination.
    pub code: String,
    /// A sentence a shopper understands, in the requested language.
    pub message: String,
}

impl Problem {
    pub fn new(
        path: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}
