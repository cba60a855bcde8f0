//! `GET /api/v1/catalog`: the built-in catalog from the domain crate, with an ETag so
//! clients revalidate cheaply.

use axum::extract::State;
use axum::http::header;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use stitchfork_api::paths;

use super::conditional::{tag, Conditions};
use crate::app::SharedState;

/// `/catalog`.
pub fn router() -> Router<SharedState> {
    Router::new().route(paths::CATALOG, get(get_catalog))
}

/// The catalog (products, materials, colours, motifs, rules...).
#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalog",
    responses((status = 200, description = "The catalog as defined by the domain crate", body = Object),
              (status = 304, description = "Not modified (If-None-Match)")))]
pub async fn get_catalog(State(state): State<SharedState>, conditions: Conditions) -> Response {
    conditions.respond(
        tag(state.catalog.etag()),
        "public, max-age=300, must-revalidate",
        (
            [(header::CONTENT_TYPE, "application/json")],
            state.catalog.to_json(),
        ),
    )
}
