//! Retailer catalogs behind the API (issue #13): a retailer creates a catalog, gets its own
//! key (shown once, stored hashed), and uploads new versions of it. Every version is immutable
//! and checked by the domain crate; a refused upload is a 422 listing every problem at its
//! JSON path (the error envelope's `fields`). A pattern records the catalog and version it was
//! made with, and is shown, priced and cut with exactly that version.
//!
//! The built-in catalog is a catalog like the others (id [`BUILTIN_ID`] in its JSON): the
//! server records it as a new version whenever a deploy changes it, so patterns made with an
//! older built-in catalog keep theirs. Only the admin key may upload versions of it.
//!
//! Routes (see [`crate::paths`]):
//!
//! | route | what |
//! | --- | --- |
//! | `POST /catalogs` | create a catalog from its JSON (its `id` names it) → [`CatalogCreated`] |
//! | `GET /catalogs/{catalog}` | the latest version's JSON, as uploaded; headers `ETag`, [`VERSION_HEADER`] |
//! | `POST /catalogs/{catalog}/versions` | a new version (catalog key or admin key) → [`CatalogVersion`] |
//! | `GET /catalogs/{catalog}/versions` | every version, oldest first → [`CatalogVersions`] |
//! | `GET /catalogs/{catalog}/versions/{version}` | one version's JSON, as uploaded |
//! | `GET /catalog/schema.json` | the JSON Schema every catalog is checked against first |
//! | `POST /render/catalog-preview` | an unsaved catalog's every product at every size, drawn → [`CatalogPreview`] |
//! | `GET /patterns/{id}/upgrade` | the pattern moved onto its catalog's latest version → [`Upgrade`] |

use serde::{Deserialize, Serialize};
use stitchfork_model::catalog::Text;

/// The built-in catalog's id (the `id` in `crates/model/catalog/catalog.json`).
pub const BUILTIN_ID: &str = "stitchfork-builtin";

/// Response header naming the catalog version a catalog body is.
pub const VERSION_HEADER: &str = "catalog-version";

/// Largest catalog JSON accepted, in bytes (413 above).
pub const MAX_CATALOG_BYTES: usize = 512 * 1024;

/// A catalog id: 3..=40 of `a-z`, `0-9` and `-`, starting with a letter (it appears in URLs,
/// embed attributes and file names unescaped).
pub fn is_catalog_id(id: &str) -> bool {
    (3..=40).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Answer of `POST /catalogs`: version 1 is stored, and the catalog's key is shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogCreated {
    #[serde(flatten)]
    pub version: CatalogVersion,
    /// Send as `Authorization: Bearer <catalog_key>` to upload versions. Not recoverable.
    pub catalog_key: String,
}

/// One stored, immutable version of a catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogVersion {
    /// The catalog's id.
    pub id: String,
    /// 1, 2, 3, ... per catalog.
    pub version: u32,
    /// Hex sha256 of the JSON text stored (the catalog's ETag).
    pub etag: String,
    /// The catalog's currency (ISO 4217).
    pub currency: String,
    /// The ids of its products, in catalog order.
    pub products: Vec<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
}

/// Answer of `GET /catalogs/{catalog}/versions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogVersions {
    pub id: String,
    /// Oldest first; the last is the latest.
    pub versions: Vec<CatalogVersion>,
}

/// Answer of `POST /render/catalog-preview`: what each product of a checked (unsaved) catalog
/// looks like at each size, in its default configuration, so a retailer sees it before
/// uploading.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogPreview {
    pub id: String,
    pub currency: String,
    pub products: Vec<ProductPreview>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductPreview {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub name: Text,
    pub sizes: Vec<SizePreview>,
}

/// One size of a product, drawn in the product's default configuration at that size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SizePreview {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub name: Text,
    /// Price of the default configuration at this size, in the catalog currency's minor unit.
    pub price_minor: i64,
    /// The front view (SVG document).
    pub preview_svg: String,
    /// The cut sheet (SVG document) in the requested language.
    pub cut_sheet_svg: String,
}

/// Answer of `GET /patterns/{id}/upgrade`: the pattern's configuration moved onto the latest
/// version of its catalog, for a fork. `changes` says what had to change and why; empty when
/// the pattern is on the latest version or nothing it uses changed. `C` is the configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Upgrade<C> {
    pub catalog: String,
    /// The version the pattern was made with.
    pub from_version: u32,
    /// The latest version, which `config` is valid in.
    pub to_version: u32,
    /// The nearest valid configuration in the latest version.
    pub config: C,
    pub changes: Vec<CatalogChange>,
    /// The pattern's price in its own version and `config`'s in the latest, in minor units.
    pub price_before_minor: i64,
    pub price_after_minor: i64,
    pub currency: String,
}

/// One thing a newer catalog version changed about a configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogChange {
    /// Where in the configuration, e.g. `parts.outer_front.colour`.
    pub path: String,
    pub kind: ChangeKind,
    /// What it was (its name in the old version).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub before: Text,
    /// What it is now (the nearest valid choice's name in the new version).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub after: Text,
}

/// Why a choice changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The choice is no longer offered; `after` is the nearest one that is.
    Discontinued,
    /// The choice is still offered but a rule of the new version forbids it here.
    NowForbidden,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_ids_are_url_safe() {
        assert!(is_catalog_id(BUILTIN_ID));
        assert!(is_catalog_id("acme-bags-2"));
        for bad in [
            "ab",
            "Acme",
            "1acme",
            "acme bags",
            "acme/x",
            "acme.json",
            "åland",
            "",
        ] {
            assert!(!is_catalog_id(bad), "{bad}");
        }
        assert!(!is_catalog_id(&"a".repeat(41)));
    }
}
