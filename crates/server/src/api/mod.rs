//! The REST API under `/api/v1`: one module per resource, shared helpers for ids and ETags.

pub mod catalog;
pub mod fields;
pub mod likes;
pub mod lineage;
pub mod moderation;
pub mod openapi;
pub mod patterns;
pub mod render;
pub mod views;

use axum::extract::{DefaultBodyLimit, FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};

use crate::app::SharedState;
use crate::error::ApiError;
use crate::extract::BodyLimit;
use crate::keys::is_pattern_id;

/// All `/api/v1` routes.
pub fn router(state: SharedState) -> Router {
    let limit = state.settings.body_limit;
    Router::new()
        .route("/catalog", get(catalog::get_catalog))
        .route("/patterns", get(patterns::list).post(patterns::publish))
        .route(
            "/patterns/{id}",
            get(patterns::get_one)
                .patch(patterns::patch)
                .delete(patterns::unpublish),
        )
        .route("/patterns/{id}/lineage", get(lineage::get_lineage))
        .route(
            "/patterns/{id}/like",
            post(likes::like).delete(likes::unlike),
        )
        .route("/patterns/{id}/preview.svg", get(render::preview))
        .route("/patterns/{id}/cut-sheet.svg", get(render::cut_sheet))
        .route("/patterns/{id}/hide", post(moderation::hide))
        .route("/patterns/{id}/restore", post(moderation::restore))
        .route("/render/preview.svg", post(render::render_preview))
        .route("/render/cut-sheet.svg", post(render::render_cut_sheet))
        .route("/openapi.json", get(openapi::spec))
        .fallback(|| async { ApiError::NotFound("endpoint") })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(
            move |mut req: axum::extract::Request, next: Next| {
                req.extensions_mut().insert(BodyLimit(limit));
                next.run(req)
            },
        ))
        .with_state(state)
}

/// A syntactically valid pattern id from the path; anything else is a 404 without a query.
pub struct PatternId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PatternId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("pattern"))?;
        if is_pattern_id(&id) {
            Ok(PatternId(id))
        } else {
            Err(ApiError::NotFound("pattern"))
        }
    }
}

/// A strong ETag for a representation: quoted, truncated SHA-256 of its bytes.
pub fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", &hex::encode(Sha256::digest(bytes))[..24])
}

/// Whether `If-None-Match` names `etag` (or `*`): the client's copy is current.
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// Whether an `If-Match` precondition (if any) holds for the current `etag`.
pub fn if_match_holds(headers: &HeaderMap, etag: &str) -> bool {
    let mut values = headers
        .get_all(header::IF_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .peekable();
    if values.peek().is_none() {
        return true;
    }
    values
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == etag || t == "*")
}

/// A JSON body with its ETag, or 304 if the client already has it.
pub fn json_with_etag(headers: &HeaderMap, body: Vec<u8>, cache_control: &'static str) -> Response {
    let etag = etag_of(&body);
    let mut res = if not_modified(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    h.insert(
        header::VARY,
        HeaderValue::from_static("X-Visitor-Id, Accept-Encoding"),
    );
    res
}

/// Serializes a response value (our own types: cannot fail in practice, but no unwrap).
pub fn to_json_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))
}
