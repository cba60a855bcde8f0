//! Made items: one physical copy of a design, registered by the retailer who sold it, with a
//! short id printed as a QR code on its sew-in label (`/i/{id}`). Its owner claims it with the
//! code on the label (no account: the claim answers an owner key) and then leaves notes and a
//! rating, which show on the pattern it was made from.
//!
//! Fields marked `#[serde(skip_deserializing)]` are written for API clients but not read back
//! by the web app (see `types`).

use serde::{Deserialize, Serialize};

/// Body of `POST /api/v1/items` (retailer key): the exact configuration sold, and the pattern
/// it was made from, if any.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterItem<C> {
    pub config: C,
    /// A public pattern the design came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern_id: Option<String>,
}

/// One made item as anyone who scans its label sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item<C> {
    pub id: String,
    pub product: String,
    /// The configuration made, in canonical form.
    pub config: C,
    /// The catalog the item was priced and cut from.
    #[serde(skip_deserializing)]
    pub catalog: String,
    /// Which version of it: the catalog's ETag when the item was registered (empty for items
    /// registered before versions were kept).
    #[serde(skip_deserializing)]
    pub catalog_version: String,
    pub pattern_id: Option<String>,
    /// The pattern's title, when it is still public.
    pub pattern_title: Option<String>,
    /// Who sold and made it (the name its retailer key is configured with).
    pub retailer: String,
    /// Whether an owner has claimed it.
    pub claimed: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// The owners' notes, newest first (hidden ones left out).
    pub notes: Vec<Note>,
    #[serde(skip_deserializing)]
    pub label_url: String,
    #[serde(skip_deserializing)]
    pub cut_sheet_url: String,
}

/// Answer of a registration: the item and the claim code to print on its label (not stored in
/// clear, not shown again).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisteredItem<C> {
    pub item: Item<C>,
    pub claim_code: String,
}

/// Body of `POST /api/v1/items/{id}/claim`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    /// The code printed on the label (case and dashes do not matter).
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub code: String,
}

/// Answer of a claim: the owner key, shown once (send as `Authorization: Bearer`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnerKey {
    pub owner_key: String,
}

/// Body of `POST /api/v1/items/{id}/notes` (owner key).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// Plain text, 1..=2000 characters.
    pub body: String,
    /// 1 to 5.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole_number"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: Option<u8>,
}

/// A rating as JSON Schema's `integer` allows it (`4` or `4.0`); anything else that is a number
/// reads as 0, which the server refuses with a 422 like any rating outside 1 to 5.
fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let n: Option<f64> = Option::deserialize(d)?;
    Ok(n.map(|x| {
        if x.fract() == 0.0 && (1.0..=255.0).contains(&x) {
            x as u8
        } else {
            0
        }
    }))
}

/// An owner's note on an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    #[serde(skip_deserializing)]
    pub id: i64,
    #[serde(skip_deserializing)]
    pub item_id: String,
    pub body: String,
    pub rating: Option<u8>,
    pub created_at: String,
}

/// What the copies made from a pattern say: `GET /api/v1/patterns/{id}/made`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Made {
    /// Items registered as made from this pattern.
    pub made_count: i64,
    /// Notes with a rating, and their average (absent without any).
    pub rating_count: i64,
    pub rating_average: Option<f64>,
    /// The latest visible notes, newest first (at most 20).
    pub notes: Vec<Note>,
}
