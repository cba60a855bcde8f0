//! The list vocabulary as enums (strings only at the edges: URL, JSON, SQL), and the query of
//! `GET /api/v1/patterns`.

use serde::{Deserialize, Serialize};

/// Gallery order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    New,
    /// Most liked first.
    Popular,
    /// Recent engagement first.
    Trending,
    /// Most forked first.
    Forks,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::New, Sort::Popular, Sort::Trending, Sort::Forks];

    /// The name in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::New => "new",
            Sort::Popular => "popular",
            Sort::Trending => "trending",
            Sort::Forks => "forks",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What a gallery filter matches on besides the product: a pattern's facets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetKind {
    Tag,
    /// A material used by any part.
    Material,
    /// A colour used by any part (motif colours too).
    Colour,
}

impl FacetKind {
    pub const ALL: [FacetKind; 3] = [FacetKind::Tag, FacetKind::Material, FacetKind::Colour];

    /// The name in URLs and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            FacetKind::Tag => "tag",
            FacetKind::Material => "material",
            FacetKind::Colour => "colour",
        }
    }

    pub fn parse(s: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The licence a pattern is published under, chosen at publish (CC BY 4.0 unless said).
///
/// A fork keeps what its parent's licence asks of it: a share-alike parent's forks are
/// share-alike, a non-commercial parent's forks stay non-commercial (or all rights reserved), and
/// an all-rights-reserved parent's forks stay all rights reserved ([`Licence::allows_fork_as`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Licence {
    /// Creative Commons Attribution 4.0.
    #[default]
    #[serde(rename = "cc-by-4.0")]
    CcBy,
    /// Creative Commons Attribution-ShareAlike 4.0.
    #[serde(rename = "cc-by-sa-4.0")]
    CcBySa,
    /// Creative Commons Attribution-NonCommercial 4.0.
    #[serde(rename = "cc-by-nc-4.0")]
    CcByNc,
    /// Creative Commons Zero 1.0 (public domain dedication).
    #[serde(rename = "cc0-1.0")]
    Cc0,
    /// No licence granted: shown and credited, not licensed for reuse.
    #[serde(rename = "all-rights-reserved")]
    AllRightsReserved,
}

impl Licence {
    pub const ALL: [Licence; 5] = [
        Licence::CcBy,
        Licence::CcBySa,
        Licence::CcByNc,
        Licence::Cc0,
        Licence::AllRightsReserved,
    ];

    /// The name in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Licence::CcBy => "cc-by-4.0",
            Licence::CcBySa => "cc-by-sa-4.0",
            Licence::CcByNc => "cc-by-nc-4.0",
            Licence::Cc0 => "cc0-1.0",
            Licence::AllRightsReserved => "all-rights-reserved",
        }
    }

    pub fn parse(s: &str) -> Option<Licence> {
        Licence::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The licence's short name as its publisher writes it (the same in every language), or
    /// `None` for all rights reserved, which each language says in its own words.
    pub fn short_name(self) -> Option<&'static str> {
        match self {
            Licence::CcBy => Some("CC BY 4.0"),
            Licence::CcBySa => Some("CC BY-SA 4.0"),
            Licence::CcByNc => Some("CC BY-NC 4.0"),
            Licence::Cc0 => Some("CC0 1.0"),
            Licence::AllRightsReserved => None,
        }
    }

    /// The licence's text, when there is one.
    pub fn url(self) -> Option<&'static str> {
        match self {
            Licence::CcBy => Some("https://creativecommons.org/licenses/by/4.0/"),
            Licence::CcBySa => Some("https://creativecommons.org/licenses/by-sa/4.0/"),
            Licence::CcByNc => Some("https://creativecommons.org/licenses/by-nc/4.0/"),
            Licence::Cc0 => Some("https://creativecommons.org/publicdomain/zero/1.0/"),
            Licence::AllRightsReserved => None,
        }
    }

    /// Whether a fork of a pattern under `self` may be published under `child`.
    pub fn allows_fork_as(self, child: Licence) -> bool {
        match self {
            Licence::CcBy | Licence::Cc0 => true,
            Licence::CcBySa => child == Licence::CcBySa,
            Licence::CcByNc => matches!(child, Licence::CcByNc | Licence::AllRightsReserved),
            Licence::AllRightsReserved => child == Licence::AllRightsReserved,
        }
    }
}

/// Read through a string and the name table (a derived enum decoder is a larger piece of the
/// app's wasm); an unknown name is an error.
impl<'de> Deserialize<'de> for Licence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Licence::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown licence `{name}`")))
    }
}

/// Lifecycle of a pattern. Rows are never deleted, so lineage stays intact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum PatternState {
    /// Listed and readable.
    Public,
    /// Unpublished by its maker.
    Removed,
    /// Hidden by the admin (can be restored).
    Hidden,
}

impl PatternState {
    pub const ALL: [PatternState; 3] = [
        PatternState::Public,
        PatternState::Removed,
        PatternState::Hidden,
    ];

    /// The name in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PatternState::Public => "public",
            PatternState::Removed => "removed",
            PatternState::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<PatternState> {
        PatternState::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Query of `GET /api/v1/patterns`. All optional.
///
/// Numbers and the cursor are read as text so a bad value gets the server's own 400 message;
/// the `param` attributes give the contract their real types and bounds, so every value the
/// contract calls valid is answered 200.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListParams {
    /// Full-text search over title, description, tags and author (any text is safe).
    pub q: Option<String>,
    /// A tag (case does not matter).
    #[cfg_attr(feature = "openapi", param(max_length = 64))] // FILTER_MAX
    pub tag: Option<String>,
    /// Product id, e.g. `laptop-sleeve`.
    #[cfg_attr(feature = "openapi", param(max_length = 64))] // FILTER_MAX
    pub product: Option<String>,
    /// Material id used by any part.
    #[cfg_attr(feature = "openapi", param(max_length = 64))] // FILTER_MAX
    pub material: Option<String>,
    /// Colour id used by any part.
    #[cfg_attr(feature = "openapi", param(max_length = 64))] // FILTER_MAX
    pub colour: Option<String>,
    /// Deprecated: the earlier spelling of `colour`, still understood (`colour` wins when both
    /// are given).
    #[cfg_attr(feature = "openapi", param(max_length = 64))] // FILTER_MAX
    pub color: Option<String>,
    /// The order; `new` when absent.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<Sort>,
    /// `next_cursor` of the previous page (empty: the first page).
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(-?[0-9]{1,18}\.[0-9]{1,18})?$")
    )]
    pub cursor: Option<String>,
    /// 1..=100 (larger values are clamped), default 24.
    #[cfg_attr(feature = "openapi", param(schema_with = crate::types::positive_integer))]
    pub limit: Option<String>,
}

impl ListParams {
    /// The colour filter under either spelling.
    pub fn colour(&self) -> Option<&String> {
        self.colour.as_ref().or(self.color.as_ref())
    }

    /// The non-empty parameters as URL query pairs (what a client sends).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let sort = self.sort.map(|s| s.as_str().to_string());
        [
            ("q", &self.q),
            ("tag", &self.tag),
            ("product", &self.product),
            ("material", &self.material),
            ("colour", &self.colour),
            ("sort", &sort),
            ("cursor", &self.cursor),
            ("limit", &self.limit),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.as_deref()?.trim();
            (!v.is_empty()).then(|| (k, v.to_string()))
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_round_trip_and_forks_keep_their_terms() {
        for l in Licence::ALL {
            let json = serde_json::to_string(&l).expect("write");
            assert_eq!(json, format!("\"{}\"", l.as_str()));
            assert_eq!(serde_json::from_str::<Licence>(&json).ok(), Some(l));
            assert!(l.allows_fork_as(match l {
                Licence::CcBy | Licence::Cc0 => Licence::CcByNc,
                other => other,
            }));
        }
        assert!(serde_json::from_str::<Licence>("\"gpl\"").is_err());
        assert!(!Licence::CcBySa.allows_fork_as(Licence::CcBy));
        assert!(!Licence::CcByNc.allows_fork_as(Licence::Cc0));
        assert!(!Licence::AllRightsReserved.allows_fork_as(Licence::CcBy));
    }

    #[test]
    fn names_round_trip_through_serde() {
        for s in Sort::ALL {
            assert_eq!(
                serde_json::to_string(&s).ok(),
                Some(format!("\"{}\"", s.as_str()))
            );
            assert_eq!(Sort::parse(s.as_str()), Some(s));
        }
        for k in FacetKind::ALL {
            assert_eq!(
                serde_json::to_string(&k).ok(),
                Some(format!("\"{}\"", k.as_str()))
            );
            assert_eq!(FacetKind::parse(k.as_str()), Some(k));
        }
        for st in PatternState::ALL {
            assert_eq!(
                serde_json::to_string(&st).ok(),
                Some(format!("\"{}\"", st.as_str()))
            );
            assert_eq!(PatternState::parse(st.as_str()), Some(st));
        }
    }

    #[test]
    fn pairs_leave_out_empty_values_and_write_colour() {
        let p = ListParams {
            q: Some("  ".into()),
            color: Some("ink".into()),
            sort: Some(Sort::Forks),
            limit: Some("24".into()),
            ..ListParams::default()
        };
        assert_eq!(p.colour().map(String::as_str), Some("ink"));
        assert_eq!(
            p.pairs(),
            [("sort", "forks".to_string()), ("limit", "24".to_string())]
        );
    }
}
