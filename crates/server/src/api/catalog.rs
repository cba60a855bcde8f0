//! `GET /api/v1/catalog`: the built-in catalog from the domain crate, with an ETag so
//! clients revalidate cheaply.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::SharedState;

/// The catalog (products, materials, colours, motifs, rules...).
#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalog",
    responses((status = 200, description = "The catalog as defined by the domain crate", body = Object),
              (status = 304, description = "Not modified (If-None-Match)")))]
pub async fn get_catalog(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    let etag = format!("\"{}\"", state.catalog.etag().trim_matches('"'));
    let mut res = if super::not_modified(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "application/json")],
            state.catalog.to_json(),
        )
            .into_response()
    };
    if let Ok(v) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300, must-revalidate"),
    );
    res
}
