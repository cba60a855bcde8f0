//! The REST API client (gloo-net), with typed errors the UI can explain.
//!
//! Every call returns `Result<_, ApiError>`; the pages turn an error into a
//! sentence saying what happened and what to do (see `ApiError::advice`).

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use stitchfork_model::config::{self, Configuration};
use stitchfork_model::Lang;

use crate::storage;

const BASE: &str = "/api/v1";

/// One field-level problem the server reported (422).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FieldError {
    pub path: String,
    #[serde(default)]
    pub code: String,
    pub message: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: String,
    message: String,
    #[serde(default)]
    fields: Vec<FieldError>,
}

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    #[error("network: {0}")]
    Network(String),
    /// The server answered with an error document.
    #[error("{status} {code}: {message}")]
    Server {
        status: u16,
        code: String,
        message: String,
        fields: Vec<FieldError>,
    },
    /// The answer was not what this app understands.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

/// What the UI should tell the user to do about an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// Check the connection and try again.
    Retry,
    /// Fix the highlighted fields.
    FixFields,
    /// The thing is gone (unpublished or a wrong link).
    NotFound,
    /// Wrong or missing edit key.
    NoPermission,
    /// Too many requests; wait a moment.
    SlowDown,
    /// Something else; try again later.
    Later,
}

impl ApiError {
    pub fn advice(&self) -> Advice {
        match self {
            ApiError::Network(_) => Advice::Retry,
            ApiError::Decode(_) => Advice::Later,
            ApiError::Server { status, .. } => match status {
                400 | 413 | 422 => Advice::FixFields,
                401 | 403 => Advice::NoPermission,
                404 | 410 => Advice::NotFound,
                429 => Advice::SlowDown,
                _ => Advice::Later,
            },
        }
    }

    /// The server's error code (`not_found`, `storage_full`, ...), when it answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Server { code, .. } => Some(code),
            _ => None,
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Server { fields, .. } => fields,
            _ => &[],
        }
    }
}

impl From<gloo_net::Error> for ApiError {
    fn from(e: gloo_net::Error) -> Self {
        match e {
            gloo_net::Error::SerdeError(e) => ApiError::Decode(e.to_string()),
            other => ApiError::Network(other.to_string()),
        }
    }
}

/// A published pattern as the API returns it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Pattern {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub author_name: String,
    #[serde(deserialize_with = "any_schema")]
    pub config: Configuration,
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The parent's credit (title and author absent when it was removed).
    #[serde(default)]
    pub parent: Option<ParentRef>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub like_count: i64,
    #[serde(default)]
    pub fork_count: i64,
    /// Whether this visitor (X-Visitor-Id) likes it.
    #[serde(default)]
    pub liked: bool,
}

/// Reads a configuration the way every other input is read, through `config::parse` (schema
/// migration included). It also means the app carries one configuration decoder (from a JSON
/// value) instead of a second one specialised for response text (~14 KB of wasm).
fn any_schema<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Configuration, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    config::parse(&value.to_string()).map_err(serde::de::Error::custom)
}

/// The parent of a fork, as the child shows it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ParentRef {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub author_name: Option<String>,
    #[serde(default)]
    pub removed: bool,
}

/// Answer of like/unlike.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LikeState {
    pub liked: bool,
    pub like_count: i64,
}

/// One page of the gallery.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PatternPage {
    pub items: Vec<Pattern>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The body of a publish.
#[derive(Clone, Debug, Serialize)]
pub struct NewPattern {
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub author_name: String,
    pub config: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
}

/// Publish answer: the pattern and its edit key, shown only this once.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub pattern: Pattern,
    pub edit_key: String,
}

#[derive(Deserialize)]
struct EditKey {
    edit_key: String,
}

impl Published {
    /// The answer is a pattern's fields plus `edit_key`, so it is read twice from the one text:
    /// `#[serde(flatten)]` would buffer it and add a second copy of every decoder (~20 KB of wasm).
    fn from_json(text: &str) -> Result<Published, serde_json::Error> {
        Ok(Published {
            pattern: serde_json::from_str(text)?,
            edit_key: serde_json::from_str::<EditKey>(text)?.edit_key,
        })
    }
}

/// The editable metadata (PATCH).
#[derive(Clone, Debug, Serialize)]
pub struct PatternEdit {
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
}

/// A member of the family tree; removed ones have no title or author.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LineageNode {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub author_name: Option<String>,
    #[serde(default)]
    pub removed: bool,
    /// Included forks, oldest first.
    #[serde(default)]
    pub children: Vec<LineageNode>,
}

/// Ancestors (nearest first) and the pattern itself with its descendants.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Lineage {
    #[serde(default)]
    pub ancestors: Vec<LineageNode>,
    pub tree: LineageNode,
}

/// Gallery query, mirrors GET /patterns parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    pub q: String,
    pub tag: String,
    pub product: String,
    pub material: String,
    pub color: String,
    pub sort: String,
    pub cursor: Option<String>,
    pub limit: u32,
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    decode_with(resp, |text| serde_json::from_str(text)).await
}

/// `decode` with the success body read by `parse`.
async fn decode_with<T>(
    resp: Response,
    parse: fn(&str) -> Result<T, serde_json::Error>,
) -> Result<T, ApiError> {
    if resp.ok() {
        let text = resp.text().await.map_err(ApiError::from)?;
        return parse(&text).map_err(|e| ApiError::Decode(e.to_string()));
    }
    let status = resp.status();
    match resp.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Server {
            status,
            code: body.error.code,
            message: body.error.message,
            fields: body.error.fields,
        }),
        Err(_) => Err(ApiError::Server {
            status,
            code: "http".into(),
            message: resp.status_text(),
            fields: Vec::new(),
        }),
    }
}

async fn expect_empty(resp: Response) -> Result<(), ApiError> {
    if resp.ok() {
        Ok(())
    } else {
        decode::<serde_json::Value>(resp).await.map(|_| ())
    }
}

async fn send(req: RequestBuilder) -> Result<Response, ApiError> {
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

pub async fn list_patterns(query: &ListQuery) -> Result<PatternPage, ApiError> {
    let mut params: Vec<(&str, String)> = Vec::new();
    for (k, v) in [
        ("q", &query.q),
        ("tag", &query.tag),
        ("product", &query.product),
        ("material", &query.material),
        ("color", &query.color),
        ("sort", &query.sort),
    ] {
        if !v.trim().is_empty() {
            params.push((k, v.trim().to_string()));
        }
    }
    if let Some(c) = &query.cursor {
        params.push(("cursor", c.clone()));
    }
    if query.limit > 0 {
        params.push(("limit", query.limit.to_string()));
    }
    let req = Request::get(&format!("{BASE}/patterns")).query(params);
    decode(send(req).await?).await
}

pub async fn get_pattern(id: &str) -> Result<Pattern, ApiError> {
    // The visitor id lets the server say whether this visitor liked it.
    let req = Request::get(&pattern_url(id)).header("X-Visitor-Id", &storage::visitor_id());
    decode(send(req).await?).await
}

pub async fn lineage(id: &str) -> Result<Lineage, ApiError> {
    let url = format!("{}/lineage", pattern_url(id));
    decode(send(Request::get(&url)).await?).await
}

/// Publishes; `lang` asks the server for its field messages in the user's language.
pub async fn publish(body: &NewPattern, lang: Lang) -> Result<Published, ApiError> {
    let req = Request::post(&format!("{BASE}/patterns"))
        .header("Accept-Language", lang.tag())
        .json(body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    let resp = req
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode_with(resp, Published::from_json).await
}

/// Edits the metadata; `lang` asks for the field messages in the user's language.
pub async fn update(
    id: &str,
    key: &str,
    body: &PatternEdit,
    lang: Lang,
) -> Result<Pattern, ApiError> {
    let req = Request::patch(&pattern_url(id))
        .header("Authorization", &format!("Bearer {key}"))
        .header("Accept-Language", lang.tag())
        .json(body)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    let resp = req
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(resp).await
}

pub async fn unpublish(id: &str, key: &str) -> Result<(), ApiError> {
    let req = Request::delete(&pattern_url(id)).header("Authorization", &format!("Bearer {key}"));
    expect_empty(send(req).await?).await
}

/// Likes (`on`) or unlikes a pattern for this visitor; idempotent on the server.
pub async fn like(id: &str, on: bool) -> Result<LikeState, ApiError> {
    let url = format!("{}/like", pattern_url(id));
    let req = if on {
        Request::post(&url)
    } else {
        Request::delete(&url)
    };
    decode(send(req.header("X-Visitor-Id", &storage::visitor_id())).await?).await
}

fn pattern_url(id: &str) -> String {
    format!("{BASE}/patterns/{}", encode_segment(id))
}

/// Percent-encodes a path segment (ids are URL-safe, but a hand-typed link may not be).
fn encode_segment(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

pub fn preview_url(id: &str) -> String {
    format!("{}/preview.svg", pattern_url(id))
}

pub fn cut_sheet_url(id: &str) -> String {
    format!("{}/cut-sheet.svg", pattern_url(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stitchfork_model::catalog::Catalog;

    #[test]
    fn published_reads_the_pattern_and_its_edit_key() {
        let config = Configuration::default_for(Catalog::builtin(), "laptop-sleeve").unwrap();
        let text = format!(
            r#"{{"id":"p1","title":"Mine","config":{},"edit_key":"k-123","like_count":2}}"#,
            config.canonical_json()
        );
        let published = Published::from_json(&text).unwrap();
        assert_eq!(published.edit_key, "k-123");
        assert_eq!(published.pattern.id, "p1");
        assert_eq!(published.pattern.title, "Mine");
        assert_eq!(published.pattern.like_count, 2);
        assert_eq!(published.pattern.config, config);
        assert!(Published::from_json(r#"{"id":"p1","title":"x","config":{}}"#).is_err());
    }

    #[test]
    fn a_pattern_config_in_an_older_schema_is_migrated() {
        let v0 = r#"{"schema":0,"product":"laptop-sleeve","size":"14",
            "parts":{"outer_front":{"material":"ultrasuede","color":"ink"}},"closure":"zip"}"#;
        let text = format!(r#"{{"id":"p1","title":"Old","config":{v0}}}"#);
        let pattern: Pattern = serde_json::from_str(&text).unwrap();
        assert_eq!(pattern.config, config::parse(v0).unwrap());
        assert_eq!(pattern.config.schema, config::SCHEMA);
        let future = text.replace(r#""schema":0"#, r#""schema":99"#);
        assert!(serde_json::from_str::<Pattern>(&future).is_err());
    }
}
