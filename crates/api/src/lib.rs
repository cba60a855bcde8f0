//! Stitchfork's REST contract, written once: the server serves these types and the web app
//! reads them, so neither side keeps a copy of the other's shapes, names or limits.
//!
//! Why a crate of its own and not a module of `stitchfork-model`: the domain crate knows
//! nothing of HTTP (it renders and validates designs); this one is the API's vocabulary
//! (paths, query parameters, response envelopes) and carries the OpenAPI derives behind the
//! `openapi` feature and the database mappings of its enums behind `sqlx`, which only the
//! server turns on, so the browser's wasm pays for neither.
//!
//! # Module map
//!
//! | module | what |
//! | --- | --- |
//! | [`paths`] | URL paths under `/api/v1`, as route templates (server) and filled in (app) |
//! | [`catalogs`] | retailer catalogs, their immutable versions and keys, previews, upgrades of a pattern onto a newer version |
//! | [`design_link`] | the `?d=` of a shared design link, which the app writes and both sides read |
//! | [`limits`] | field lengths, tag counts, page and lineage bounds: the numbers both sides enforce |
//! | [`fields`] | the checked text fields of a pattern ([`fields::Title`], [`fields::Tags`], ...) and their patterns for the contract |
//! | [`vocab`] | the vocabulary as enums: [`Sort`], [`FacetKind`], [`PatternState`], [`Licence`], and the list query [`ListParams`] |
//! | [`types`] | request and response bodies: [`Pattern`], [`PublishRequest`], [`PatchRequest`], [`Lineage`], ... |
//! | [`items`] | made items, claims, owners' notes, and what a pattern's copies say |
//! | [`error`] | the error envelope `{error: {code, message, fields?}}` and [`FieldProblem`] |
//! | `sql` (feature `sqlx`) | the enums as TEXT columns for sqlx's `Any` driver |

pub mod catalogs;
pub mod design_link;
pub mod error;
pub mod fields;
pub mod items;
pub mod limits;
pub mod paths;
#[cfg(feature = "sqlx")]
mod sql;
pub mod types;
pub mod vocab;

pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldProblem};
pub use types::{
    AnyVersion, ConfigJson, EditKey, LikeState, Lineage, LineageNode, ModerationState, ParentRef,
    PatchRequest, Pattern, PatternList, PublishRequest, PublishResponse,
};
pub use vocab::{FacetKind, Licence, ListParams, PatternState, Sort};
