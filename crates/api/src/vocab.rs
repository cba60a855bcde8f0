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
