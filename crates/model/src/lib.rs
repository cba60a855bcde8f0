//! Stitchfork's domain, written once and compiled both natively (server) and to wasm32 (browser).
//! The price the browser shows, the validation the server enforces and the SVG the gallery serves
//! all come from the functions here.
//!
//! # Module map
//!
//! | module | what | entry points |
//! | --- | --- | --- |
//! | [`catalog`] | products, sizes, parts, materials + colours, motifs, fonts, monogram methods, placements, closures, hardware, rules; parsed from `catalog/catalog.json` and checked at load | [`Catalog::builtin`], [`Catalog::from_json`], [`Catalog::etag`], lookups by id; [`catalog::upgrade`] (a configuration moved onto a newer catalog version: nearest valid choices, and what changed); `catalog::catalog_schema` (feature `schema`: the JSON Schema generated from these types) |
//! | [`config`] | the shopper's design: versioned serde document, schema migration, canonical JSON, content hash, UI helpers | [`config::parse`], [`Configuration::default_for`], [`Configuration::canonical_json`], [`Configuration::content_hash`], [`Configuration::set_material`], [`Configuration::set_motif`] |
//! | [`validate`] | every problem at once, each with a field path and a message in the asked language; monogram text rules (NFC, length per size, characters per font, control/bidi, blocklist) | [`validate::validate`] |
//! | [`rules`] | the catalog's forbidden combinations, and which options the UI may offer with the reason for each one it may not | [`rules::availability`], [`rules::violations`] |
//! | [`pricing`] | line items and total in minor units; material by cut area | [`pricing::quote`], [`pricing::total_minor`] |
//! | [`expr`] | the size arithmetic shapes are written in (`2*h + w`) | [`expr::Expr::eval`] |
//! | [`geometry`] | the flat pieces each part is cut as, from its outline: sewing line, cut line offset per edge, area (shared by pricing and the cut sheet) | [`geometry::panel`] |
//! | [`render`] | front-view preview SVG (the product's view layers) and production cut-sheet SVG (its pieces); motifs as `<pattern>`s | [`render::preview_svg`], [`render::cut_sheet_svg`] |
//! | [`describe`] | the design in words (the preview's text alternative) | [`describe::describe`] |
//! | [`diff`] | parent vs fork as readable changes with paths | [`diff::diff`] |
//! | [`text`] | the characters no user text may hide: bidi controls and invisible format characters (titles, tags, author names, monograms) | [`text::has_forbidden_char`] |
//! | `messages` (private) | the en/sv/ru sentences for problems the code finds | |
//! | `nfc` (private) | NFC for the monogram repertoire, table-light for the wasm size | |
//!
//! Nothing here touches the clock, the filesystem or randomness, so every function is pure and
//! runs the same in the browser.

pub mod catalog;
pub mod config;
pub mod describe;
pub mod diff;
pub mod expr;
pub mod geometry;
mod hash;
mod lang;
mod messages;
mod nfc;
pub mod pricing;
mod problem;
pub mod render;
pub mod rules;
pub mod text;
pub mod validate;

pub use catalog::Catalog;
pub use config::Configuration;
pub use diff::Change;
pub use lang::Lang;
pub use pricing::{LineItem, Quote};
pub use problem::Problem;
pub use rules::Availability;
