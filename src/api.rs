//! The REST API client (gloo-net), with typed errors the UI can explain.
//!
//! Every call returns `Result<_, ApiError>`; the pages turn an error into a
//! sentence saying what happened and what to do (see `ApiError::advice`).

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use stitchfork_api::{catalogs, paths, AnyVersion, EditKey, ErrorBody, FieldProblem};
pub use stitchfork_api::{LikeState, Lineage, LineageNode, ListParams, PatchRequest};
use stitchfork_model::config::Configuration;
use stitchfork_model::Lang;

use crate::storage;

pub use stitchfork_api::items::{Made, NewNote, Note};
/// A made item, its configuration read in any schema version.
pub type Item = stitchfork_api::items::Item<AnyVersion>;

/// A published pattern, its configuration read in any schema version.
pub type Pattern = stitchfork_api::Pattern<AnyVersion>;
/// A pattern as the gallery lists it: its configuration is skipped unread, so the gallery
/// carries no configuration decoder (a card's picture is the server's preview).
pub type ListedPattern = stitchfork_api::Pattern<serde::de::IgnoredAny>;
/// One page of the gallery.
pub type PatternPage = stitchfork_api::PatternList<serde::de::IgnoredAny>;
/// A pattern moved onto its catalog's latest version.
pub type Upgrade = catalogs::Upgrade<AnyVersion>;
/// The body of a publish.
pub type NewPattern = stitchfork_api::PublishRequest<Configuration>;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    #[error("network: {0}")]
    Network(String),
    /// The server answered with an error document.
    #[error("{status}: {message}")]
    Server {
        status: u16,
        /// The error's `code` (`not_found`, `storage_full`, ...); empty when there was none.
        code: String,
        message: String,
        fields: Vec<FieldProblem>,
    },
    /// The answer was not what this app understands.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

/// What the UI should tell the user to do about an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// The device is offline: this needs the network, everything else keeps working.
    Offline,
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
            ApiError::Network(_) if !crate::offline::online() => Advice::Offline,
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
            ApiError::Server { code, .. } if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    pub fn fields(&self) -> &[FieldProblem] {
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

/// Publish answer: the pattern and its edit key, shown only this once.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub pattern: Pattern,
    pub edit_key: String,
}

impl Published {
    /// The answer is read twice from the one text, as a pattern and as its [`EditKey`].
    fn from_json(text: &str) -> Result<Published, serde_json::Error> {
        Ok(Published {
            pattern: serde_json::from_str(text)?,
            edit_key: serde_json::from_str::<EditKey>(text)?.edit_key,
        })
    }
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
    Err(error_of(resp).await)
}

/// What an answer that is not a success says went wrong.
async fn error_of(resp: Response) -> ApiError {
    let status = resp.status();
    let text = resp.text().await.unwrap_or_default();
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => ApiError::Server {
            status,
            code: error_code(&text),
            message: body.error.message,
            fields: body.error.fields,
        },
        Err(_) => ApiError::Server {
            status,
            code: String::new(),
            message: resp.status_text(),
            fields: Vec::new(),
        },
    }
}

/// The error's `code`, read through the JSON value decoder the app has anyway (the shared
/// `ErrorDetail` leaves it undecoded to keep a second enum decoder out of the wasm).
fn error_code(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["error"]["code"].as_str().map(str::to_string))
        .unwrap_or_default()
}

async fn expect_empty(resp: Response) -> Result<(), ApiError> {
    if resp.ok() {
        Ok(())
    } else {
        Err(error_of(resp).await)
    }
}

async fn send(req: RequestBuilder) -> Result<Response, ApiError> {
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

pub async fn list_patterns(query: &ListParams) -> Result<PatternPage, ApiError> {
    let req = Request::get(&paths::full(paths::PATTERNS)).query(query.pairs());
    decode(send(req).await?).await
}

pub async fn get_pattern(id: &str) -> Result<Pattern, ApiError> {
    // The visitor id lets the server say whether this visitor liked it.
    let req = Request::get(&pattern_url(paths::PATTERN, id))
        .header("X-Visitor-Id", &storage::visitor_id());
    decode(send(req).await?).await
}

pub async fn lineage(id: &str) -> Result<Lineage, ApiError> {
    let url = pattern_url(paths::LINEAGE, id);
    decode(send(Request::get(&url)).await?).await
}

/// Publishes; `lang` asks the server for its field messages in the user's language. With an
/// `idempotency_key` the server stores the pattern at most once however often it is sent.
pub async fn publish(
    body: &NewPattern,
    lang: Lang,
    idempotency_key: Option<&str>,
) -> Result<Published, ApiError> {
    let mut req =
        Request::post(&paths::full(paths::PATTERNS)).header("Accept-Language", lang.tag());
    if let Some(key) = idempotency_key {
        req = req.header("Idempotency-Key", key);
    }
    let req = req
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
    body: &PatchRequest,
    lang: Lang,
) -> Result<Pattern, ApiError> {
    let req = Request::patch(&pattern_url(paths::PATTERN, id))
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
    let req = Request::delete(&pattern_url(paths::PATTERN, id))
        .header("Authorization", &format!("Bearer {key}"));
    expect_empty(send(req).await?).await
}

/// Likes (`on`) or unlikes a pattern for this visitor; idempotent on the server.
pub async fn like(id: &str, on: bool) -> Result<LikeState, ApiError> {
    let url = pattern_url(paths::LIKE, id);
    let req = if on {
        Request::post(&url)
    } else {
        Request::delete(&url)
    };
    decode(send(req.header("X-Visitor-Id", &storage::visitor_id())).await?).await
}

/// One made item.
pub async fn get_item(id: &str) -> Result<Item, ApiError> {
    let url = paths::for_item(paths::ITEM, &encode_segment(id));
    decode(send(Request::get(&url)).await?).await
}

/// Claims an item with the code on its label; answers the owner key.
pub async fn claim_item(id: &str, code: &str) -> Result<String, ApiError> {
    let url = paths::for_item(paths::ITEM_CLAIM, &encode_segment(id));
    let req = Request::post(&url)
        .json(&stitchfork_api::items::ClaimRequest {
            code: code.to_string(),
        })
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    let key: stitchfork_api::items::OwnerKey = decode(send_built(req).await?).await?;
    Ok(key.owner_key)
}

/// Adds the owner's note to an item; `lang` asks for the field messages in the user's language.
pub async fn add_note(
    id: &str,
    owner_key: &str,
    note: &NewNote,
    lang: Lang,
) -> Result<Note, ApiError> {
    let url = paths::for_item(paths::ITEM_NOTES, &encode_segment(id));
    let req = Request::post(&url)
        .header("Authorization", &format!("Bearer {owner_key}"))
        .header("Accept-Language", lang.tag())
        .json(note)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(send_built(req).await?).await
}

/// What the items made from a pattern say.
pub async fn made(id: &str) -> Result<Made, ApiError> {
    decode(send(Request::get(&pattern_url(paths::MADE, id))).await?).await
}

/// Catalog `id`'s JSON text at `version` (the latest when None), and which version it is.
pub async fn catalog_text(id: &str, version: Option<u32>) -> Result<(String, u32), ApiError> {
    let url = catalog_url(
        version.map_or(paths::CATALOG_LATEST, |_| paths::CATALOG_VERSION),
        id,
        version.unwrap_or(0),
    );
    let resp = send(Request::get(&url)).await?;
    if !resp.ok() {
        return Err(error_of(resp).await);
    }
    let version = resp
        .headers()
        .get(catalogs::VERSION_HEADER)
        .and_then(|v| v.parse().ok())
        .or(version)
        .ok_or_else(|| ApiError::Decode(format!("no {} header", catalogs::VERSION_HEADER)))?;
    Ok((resp.text().await?, version))
}

/// The built-in catalog's JSON text (a retailer's starting point).
pub async fn builtin_catalog_text() -> Result<String, ApiError> {
    let resp = send(Request::get(&paths::full(paths::CATALOG))).await?;
    if !resp.ok() {
        return Err(error_of(resp).await);
    }
    Ok(resp.text().await?)
}

/// A pattern's configuration moved onto the latest version of its catalog (for a fork).
pub async fn upgrade(pattern_id: &str) -> Result<Upgrade, ApiError> {
    decode(send(Request::get(&pattern_url(paths::UPGRADE, pattern_id))).await?).await
}

/// Creates a catalog from its JSON text; the answer holds its key, shown this once.
pub async fn create_catalog(json: &str, lang: Lang) -> Result<catalogs::CatalogCreated, ApiError> {
    let req = Request::post(&paths::full(paths::CATALOGS))
        .header("Content-Type", "application/json")
        .header("Accept-Language", lang.tag())
        .body(json.to_owned())
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(send_built(req).await?).await
}

/// Uploads a new version of catalog `id` with its key.
pub async fn upload_catalog_version(
    id: &str,
    key: &str,
    json: &str,
    lang: Lang,
) -> Result<catalogs::CatalogVersion, ApiError> {
    let req = Request::post(&catalog_url(paths::CATALOG_VERSIONS, id, 0))
        .header("Authorization", &format!("Bearer {key}"))
        .header("Content-Type", "application/json")
        .header("Accept-Language", lang.tag())
        .body(json.to_owned())
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(send_built(req).await?).await
}

/// Every version of catalog `id`, oldest first.
pub async fn catalog_versions(id: &str) -> Result<catalogs::CatalogVersions, ApiError> {
    decode(send(Request::get(&catalog_url(paths::CATALOG_VERSIONS, id, 0))).await?).await
}

/// Checks an unsaved catalog and draws each product at each size (nothing is stored).
pub async fn preview_catalog(json: &str, lang: Lang) -> Result<catalogs::CatalogPreview, ApiError> {
    let url = format!(
        "{}?lang={}",
        paths::full(paths::RENDER_CATALOG_PREVIEW),
        lang.tag()
    );
    let req = Request::post(&url)
        .header("Content-Type", "application/json")
        .header("Accept-Language", lang.tag())
        .body(json.to_owned())
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(send_built(req).await?).await
}

/// The path `template` for catalog `id` (and `version`).
fn catalog_url(template: &str, id: &str, version: u32) -> String {
    paths::for_catalog(template, &encode_segment(id), version)
}

async fn send_built(req: gloo_net::http::Request) -> Result<Response, ApiError> {
    req.send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// The path `template` for pattern `id`.
fn pattern_url(template: &str, id: &str) -> String {
    paths::for_pattern(template, &encode_segment(id))
}

/// Percent-encodes a path segment (ids are URL-safe, but a hand-typed link may not be).
fn encode_segment(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

pub fn preview_url(id: &str) -> String {
    pattern_url(paths::PREVIEW, id)
}

pub fn cut_sheet_url(id: &str) -> String {
    pattern_url(paths::CUT_SHEET, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stitchfork_model::catalog::Catalog;
    use stitchfork_model::config;

    /// A pattern as the server writes it (the shared type), with `config` as given.
    fn pattern_json(config: &str, edit_key: Option<&str>) -> String {
        let config: serde_json::Value = serde_json::from_str(config).unwrap();
        let pattern = stitchfork_api::Pattern {
            id: "p1".into(),
            title: "Mine".into(),
            description: String::new(),
            tags: vec!["wool".into()],
            author_name: "Ada".into(),
            product: "laptop-sleeve".into(),
            catalog: stitchfork_api::catalogs::BUILTIN_ID.into(),
            catalog_version: 1,
            config,
            content_hash: "h".into(),
            parent_id: None,
            parent: None,
            licence: Default::default(),
            root_id: "p1".into(),
            depth: 0,
            like_count: 2,
            fork_count: 0,
            liked: false,
            created_at: "2026-01-01T00:00:00.000Z".into(),
            updated_at: "2026-01-01T00:00:00.000Z".into(),
            preview_url: paths::for_pattern(paths::PREVIEW, "p1"),
            cut_sheet_url: paths::for_pattern(paths::CUT_SHEET, "p1"),
        };
        match edit_key {
            Some(key) => serde_json::to_string(&stitchfork_api::PublishResponse {
                pattern,
                edit_key: key.into(),
            }),
            None => serde_json::to_string(&pattern),
        }
        .unwrap()
    }

    #[test]
    fn published_reads_the_pattern_and_its_edit_key() {
        let config = Configuration::default_for(Catalog::builtin(), "laptop-sleeve").unwrap();
        let text = pattern_json(&config.canonical_json(), Some("k-123"));
        let published = Published::from_json(&text).unwrap();
        assert_eq!(published.edit_key, "k-123");
        assert_eq!(published.pattern.id, "p1");
        assert_eq!(published.pattern.title, "Mine");
        assert_eq!(published.pattern.like_count, 2);
        assert_eq!(published.pattern.config.0, config);
        assert!(Published::from_json(&pattern_json("{}", Some("k"))).is_err());
        assert!(Published::from_json(&pattern_json(&config.canonical_json(), None)).is_err());
    }

    #[test]
    fn a_pattern_config_in_an_older_schema_is_migrated() {
        let v0 = r#"{"schema":0,"product":"laptop-sleeve","size":"14",
            "parts":{"outer_front":{"material":"ultrasuede","color":"ink"}},"closure":"zip"}"#;
        let text = pattern_json(v0, None);
        let pattern: Pattern = serde_json::from_str(&text).unwrap();
        assert_eq!(pattern.config.0, config::parse(v0).unwrap());
        assert_eq!(pattern.config.0.schema, config::SCHEMA);
        let future = text.replace(r#""schema":0"#, r#""schema":99"#);
        assert!(serde_json::from_str::<Pattern>(&future).is_err());
    }
}
