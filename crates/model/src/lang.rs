//! The three languages every human-facing text in Stitchfork comes in.

use serde::{Deserialize, Serialize};

/// A user interface language. Serialized as its BCP 47 primary tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Sv,
    Ru,
}

impl Lang {
    /// Every supported language, in the order the UI lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Sv, Lang::Ru];

    /// Parses a language tag such as `sv`, `sv-SE` or `RU`; only the primary subtag matters.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "sv" => Some(Lang::Sv),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The primary tag, e.g. `"sv"`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Ru => "ru",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_case_insensitively_with_regions() {
        assert_eq!(Lang::from_tag("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::from_tag(""), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
    }
}
