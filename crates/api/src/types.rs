//! The request and response bodies. A published pattern's configuration is a type parameter:
//! the server passes the stored canonical JSON through untouched ([`ConfigJson`]), the app
//! reads it as a `Configuration` of any schema version ([`AnyVersion`]).
//!
//! Requests reject unknown fields, so ids, counts, timestamps, states and key hashes can never
//! be set by a client (no mass assignment). Responses never contain the key hash.
//!
//! Response fields marked `#[serde(skip_deserializing)]` are written for API clients but not
//! read back by this crate (they decode as their default): the web app does not use them, and
//! every decoded field costs its wasm a few hundred bytes.

use serde::{Deserialize, Serialize};
use stitchfork_model::config::{self, Configuration};

use crate::vocab::{Licence, PatternState};

/// Body of `POST /api/v1/patterns`; `C` is the configuration document.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishRequest<C> {
    /// 1..=80 characters.
    pub title: String,
    /// Up to 2000 characters.
    #[serde(default)]
    pub description: String,
    /// Up to 8 tags of 1..=24 letters, digits, spaces or dashes; stored lowercase.
    #[serde(default)]
    pub tags: Vec<String>,
    /// 1..=40 characters; "Anonymous" when empty or missing.
    #[serde(default)]
    pub author_name: String,
    /// A configuration document as defined by the domain crate (any supported schema version).
    pub config: C,
    /// Publish as a fork of this pattern (must be public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The licence others may reuse the design under; CC BY 4.0 when absent. A fork must keep
    /// its parent's terms (share-alike stays share-alike, non-commercial stays non-commercial,
    /// all rights reserved stays so): otherwise 422 at `licence`.
    #[serde(default)]
    pub licence: Licence,
    /// The catalog the configuration is from (its latest version is used and recorded);
    /// the built-in catalog when absent. A fork is always in its parent's catalog: naming
    /// another is 422 at `catalog`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
}

/// Body of `PATCH /api/v1/patterns/{id}`: only these fields are editable; absent ones stay.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PatchRequest {
    /// 1..=80 characters (surrounding whitespace is trimmed), no control or invisible
    /// formatting characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = title_schema))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Up to 2000 characters (trimmed); no control characters but newlines and tabs, no
    /// invisible formatting characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = description_schema))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Up to 8 tags of 1..=24 letters, digits, spaces or dashes; stored lowercase.
    #[cfg_attr(feature = "openapi", schema(schema_with = tags_schema))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// The parent of a fork as shown on the child.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentRef {
    pub id: String,
    /// Absent when the parent was removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// True when the parent was unpublished or hidden.
    pub removed: bool,
}

/// A published pattern; `C` is its configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pattern<C> {
    pub id: String,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub author_name: String,
    #[serde(skip_deserializing)]
    pub product: String,
    /// The catalog the pattern was made with, and which version of it: the pattern is shown,
    /// priced and cut with exactly that version.
    #[serde(default = "builtin_catalog")]
    pub catalog: String,
    #[serde(default = "first_version")]
    pub catalog_version: u32,
    /// The configuration in canonical form (byte-for-byte what was stored).
    pub config: C,
    #[serde(skip_deserializing)]
    pub content_hash: String,
    pub parent_id: Option<String>,
    pub parent: Option<ParentRef>,
    /// The licence chosen at publish.
    #[serde(default)]
    pub licence: Licence,
    #[serde(skip_deserializing)]
    pub root_id: String,
    /// 0 for an original, parent's depth + 1 for a fork.
    #[serde(skip_deserializing)]
    pub depth: i64,
    pub like_count: i64,
    pub fork_count: i64,
    /// Whether the calling visitor (`X-Visitor-Id`) likes it.
    pub liked: bool,
    /// RFC 3339 UTC.
    #[serde(skip_deserializing)]
    pub created_at: String,
    #[serde(skip_deserializing)]
    pub updated_at: String,
    #[serde(skip_deserializing)]
    pub preview_url: String,
    #[serde(skip_deserializing)]
    pub cut_sheet_url: String,
}

fn builtin_catalog() -> String {
    crate::catalogs::BUILTIN_ID.to_owned()
}

fn first_version() -> u32 {
    1
}

/// Response of a publish: the pattern plus its edit key, shown only this once.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishResponse<C> {
    #[serde(flatten)]
    pub pattern: Pattern<C>,
    /// Send as `Authorization: Bearer <edit_key>` to edit or unpublish. Not recoverable.
    pub edit_key: String,
}

/// The part of a [`PublishResponse`] beyond the pattern. A client reads the answer twice,
/// as a [`Pattern`] and as this: decoding `#[serde(flatten)]` buffers the whole answer and
/// adds a second copy of every decoder (~20 KB of the app's wasm).
#[derive(Clone, Debug, Deserialize)]
pub struct EditKey {
    pub edit_key: String,
}

/// One page of the gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatternList<C> {
    pub items: Vec<Pattern<C>>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Result of like/unlike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LikeState {
    pub liked: bool,
    pub like_count: i64,
}

/// Result of an admin hide/restore.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationState {
    pub id: String,
    pub state: PatternState,
}

/// A member of a family. Removed (unpublished or hidden) members keep their place in the
/// tree but show no title or author.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineageNode {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    pub removed: bool,
    /// The member's licence (absent when removed): with title and author, its credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<Licence>,
    #[serde(skip_deserializing)]
    pub like_count: i64,
    #[serde(skip_deserializing)]
    pub fork_count: i64,
    #[serde(skip_deserializing)]
    pub created_at: String,
    /// Copies made from this pattern (registered items), so the family tree shows which
    /// designs were made and how their owners rate them.
    #[serde(default)]
    pub made_count: i64,
    /// Average of the owners' public ratings (1 to 5), absent without any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating_average: Option<f64>,
    /// Included forks, oldest first.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<LineageNode>,
    /// True when this node has forks not included here (depth or size bound).
    #[serde(skip_deserializing)]
    pub more: bool,
}

/// Answer of `GET /api/v1/patterns/{id}/lineage`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lineage {
    /// Ancestors, nearest (the parent) first, up to the root.
    pub ancestors: Vec<LineageNode>,
    #[serde(skip_deserializing)]
    pub ancestors_truncated: bool,
    /// The pattern itself, with its descendants.
    pub tree: LineageNode,
    /// True when any node has `more`.
    #[serde(skip_deserializing)]
    pub truncated: bool,
    #[serde(skip_deserializing)]
    pub max_depth: i64,
    #[serde(skip_deserializing)]
    pub max_nodes: i64,
}

/// A configuration document passed through as the JSON text it is (what the server stores,
/// and the body of a render request).
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConfigJson(pub Box<serde_json::value::RawValue>);

impl ConfigJson {
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ConfigJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .description(Some(
                "A configuration document as defined by the domain crate (`stitchfork-model`).",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ConfigJson {
    fn name() -> std::borrow::Cow<'static, str> {
        "ConfigJson".into()
    }
}

/// A configuration read the way every other input is read, through `config::parse` (schema
/// migration included): what a client keeps of a pattern's `config`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnyVersion(pub Configuration);

impl<'de> Deserialize<'de> for AnyVersion {
    /// Through a JSON value: the app then carries one configuration decoder (from a value)
    /// instead of a second one specialised for response text (~14 KB of wasm).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        config::parse(&value.to_string())
            .map(AnyVersion)
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for AnyVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A whole number >= 1 without an upper bound (no `int64` format either): the server clamps
/// any larger value, however many digits it has.
#[cfg(feature = "openapi")]
pub fn positive_integer() -> utoipa::openapi::schema::ObjectBuilder {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(1))
}

#[cfg(feature = "openapi")]
fn nullable_text(pattern: String) -> utoipa::openapi::schema::ObjectBuilder {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(pattern))
}

#[cfg(feature = "openapi")]
fn title_schema() -> utoipa::openapi::schema::ObjectBuilder {
    nullable_text(crate::fields::title_pattern())
}

#[cfg(feature = "openapi")]
fn description_schema() -> utoipa::openapi::schema::ObjectBuilder {
    nullable_text(crate::fields::description_pattern())
}

/// At most [`crate::limits::TAGS_MAX`], each matching [`crate::fields::tag_pattern`].
#[cfg(feature = "openapi")]
fn tags_schema() -> utoipa::openapi::schema::ArrayBuilder {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(crate::fields::tag_pattern())),
        )
        .max_items(Some(crate::limits::TAGS_MAX))
}
