//! The JSON shapes of the API (requests and responses), with their OpenAPI schemas.
//!
//! Requests reject unknown fields, so ids, counts, timestamps, states and key hashes can
//! never be set by a client (no mass assignment). Responses never contain the key hash.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::ToSchema;

use crate::db::patterns::{PatternRow, STATE_PUBLIC};

/// Body of `POST /api/v1/patterns`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
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
    #[schema(value_type = Object)]
    pub config: Box<RawValue>,
    /// Publish as a fork of this pattern (must be public).
    #[serde(default)]
    pub parent_id: Option<String>,
}

/// Body of `PATCH /api/v1/patterns/{id}`: only these fields are editable.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchRequest {
    /// 1..=80 characters (surrounding whitespace is trimmed), no control characters.
    #[schema(schema_with = super::fields::title_schema)]
    pub title: Option<String>,
    /// Up to 2000 characters (trimmed); no control characters but newlines and tabs.
    #[schema(schema_with = super::fields::description_schema)]
    pub description: Option<String>,
    /// Up to 8 tags of 1..=24 letters, digits, spaces or dashes; stored lowercase.
    #[schema(schema_with = super::fields::tags_schema)]
    pub tags: Option<Vec<String>>,
}

/// The parent of a fork as shown on the child.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParentView {
    pub id: String,
    /// Absent when the parent was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    /// True when the parent was unpublished or hidden.
    pub removed: bool,
}

/// A published pattern.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatternView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub author_name: String,
    pub product: String,
    /// The configuration in canonical form (byte-for-byte what was stored).
    #[schema(value_type = Object)]
    pub config: Box<RawValue>,
    pub content_hash: String,
    pub parent_id: Option<String>,
    pub parent: Option<ParentView>,
    pub root_id: String,
    /// 0 for an original, parent's depth + 1 for a fork.
    pub depth: i64,
    pub like_count: i64,
    pub fork_count: i64,
    /// Whether the calling visitor (`X-Visitor-Id`) likes it.
    pub liked: bool,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub updated_at: String,
    pub preview_url: String,
    pub cut_sheet_url: String,
}

impl PatternView {
    pub fn from_row(row: &PatternRow) -> PatternView {
        let config = RawValue::from_string(row.config.clone())
            .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"));
        PatternView {
            id: row.id.clone(),
            title: row.title.clone(),
            description: row.description.clone(),
            tags: serde_json::from_str(&row.tags).unwrap_or_default(),
            author_name: row.author_name.clone(),
            product: row.product.clone(),
            config,
            content_hash: row.content_hash.clone(),
            parent_id: row.parent_id.clone(),
            parent: row.parent_id.as_ref().map(|pid| {
                let public = row.parent_state.as_deref() == Some(STATE_PUBLIC);
                ParentView {
                    id: pid.clone(),
                    title: row.parent_title.clone().filter(|_| public),
                    author_name: row.parent_author.clone().filter(|_| public),
                    removed: !public,
                }
            }),
            root_id: row.root_id.clone(),
            depth: row.depth,
            like_count: row.like_count,
            fork_count: row.fork_count,
            liked: row.liked > 0,
            created_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
            preview_url: format!("/api/v1/patterns/{}/preview.svg", row.id),
            cut_sheet_url: format!("/api/v1/patterns/{}/cut-sheet.svg", row.id),
        }
    }
}

/// Response of a publish: the pattern plus its edit key, shown only this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishResponse {
    #[serde(flatten)]
    pub pattern: PatternView,
    /// Send as `Authorization: Bearer <edit_key>` to edit or unpublish. Not recoverable.
    pub edit_key: String,
}

/// One page of the gallery.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatternList {
    pub items: Vec<PatternView>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Result of like/unlike.
#[derive(Debug, Serialize, ToSchema)]
pub struct LikeState {
    pub liked: bool,
    pub like_count: i64,
}

/// Result of an admin hide/restore.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModerationState {
    pub id: String,
    pub state: String,
}

/// Unix milliseconds as RFC 3339 UTC with milliseconds.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}
