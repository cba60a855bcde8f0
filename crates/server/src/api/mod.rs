//! The REST API under `/api/v1`: one module per resource, each with its own `router()`,
//! merged here once with the layers they all share.
//!
//! | module | what |
//! | --- | --- |
//! | [`catalog`] | `GET /catalog` |
//! | [`catalogs`] | retailer catalogs: create, upload versions with the catalog's key, read versions, preview an unsaved one |
//! | [`patterns`] | the gallery, publish, read, edit, unpublish |
//! | [`lineage`] | a pattern's family: ancestors and bounded descendants |
//! | [`likes`] | like and unlike, per visitor |
//! | [`render`] | SVG previews and cut sheets, stored or posted |
//! | [`moderation`] | admin hide and restore |
//! | [`items`] | made items: register, label and cut sheet with QR, claim, owners' notes, what a pattern's copies say |
//! | [`upgrade`] | a pattern's configuration moved onto its catalog's latest version |
//! | [`openapi`] | the contract document |
//! | [`access`] | extractors: a public pattern, its editor, the admin |
//! | [`conditional`] | ETags, 304 and `If-Match`: the one conditional-request path |
//! | [`json`] | axum's `Json` with its rejection as our error |
//! | [`configs`] | a posted configuration, parsed and validated, problems as field errors |
//! | [`views`] | stored rows as the contract's response types |
//!
//! The request and response types themselves, the list vocabulary, the field limits and the
//! paths are in the `stitchfork-api` crate, shared with the web app.

pub mod access;
pub mod catalog;
pub mod catalogs;
pub mod conditional;
pub mod configs;
pub mod items;
pub mod json;
pub mod likes;
pub mod lineage;
pub mod moderation;
pub mod openapi;
pub mod patterns;
pub mod render;
pub mod upgrade;
pub mod views;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{self, Next};
use axum::Router;

use crate::app::SharedState;
use crate::error::ApiError;
use crate::extract::BodyLimit;

/// All `/api/v1` routes.
pub fn router(state: SharedState) -> Router {
    let limit = state.settings.body_limit;
    Router::new()
        .merge(catalog::router())
        .merge(catalogs::router())
        .merge(patterns::router())
        .merge(lineage::router())
        .merge(likes::router())
        .merge(render::router())
        .merge(moderation::router())
        .merge(items::router())
        .merge(upgrade::router())
        .merge(openapi::router())
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

/// Serializes a response value (our own types: cannot fail in practice, but no unwrap).
pub fn to_json_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.to_string()))
}
