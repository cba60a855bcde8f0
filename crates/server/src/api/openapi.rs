//! `GET /api/v1/openapi.json`: the contract, generated from the handlers' annotations and
//! the request/response types. The publish example is built from the catalog's default
//! configuration, so it is valid by construction (a test publishes it).

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use stitchfork_api::paths;
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::Configuration;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{catalog, catalogs, items, likes, lineage, moderation, patterns, render, upgrade};
use crate::app::SharedState;
use crate::error::{ErrorBody, ErrorCode, ErrorDetail, FieldProblem};

#[derive(OpenApi)]
#[openapi(
    info(title = "Stitchfork API", version = "1", description = "Publish, fork, like and browse product patterns."),
    paths(
        catalog::get_catalog, catalog::get_schema,
        catalogs::create, catalogs::latest, catalogs::versions, catalogs::upload, catalogs::one_version, catalogs::catalog_preview,
        patterns::list, patterns::publish, patterns::get_one, patterns::patch, patterns::unpublish,
        lineage::get_lineage,
        likes::like, likes::unlike,
        render::preview, render::cut_sheet, render::card, render::render_preview, render::render_cut_sheet, render::render_card,
        moderation::hide, moderation::restore,
        items::register, items::get_item, items::label_svg, items::cut_sheet, items::claim,
        items::add_note, items::hide_note, items::made,
        upgrade::upgrade,
    ),
    // The generic bodies (`Pattern<ConfigJson>`...) are collected from the paths; their
    // configuration is a `ConfigJson`.
    components(schemas(
        stitchfork_api::ConfigJson, stitchfork_api::PatchRequest, stitchfork_api::ParentRef, stitchfork_api::LikeState, stitchfork_api::ModerationState, stitchfork_api::PatternState,
        stitchfork_api::Lineage, stitchfork_api::LineageNode, ErrorBody, ErrorDetail, ErrorCode,
        FieldProblem,
    )),
    modifiers(&Security),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer =
            || SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build());
        components.add_security_scheme("edit_key", bearer());
        components.add_security_scheme("admin_key", bearer());
        components.add_security_scheme("retailer_key", bearer());
        components.add_security_scheme("owner_key", bearer());
        components.add_security_scheme("catalog_key", bearer());
    }
}

/// `/openapi.json`.
pub fn router() -> Router<SharedState> {
    Router::new().route(paths::OPENAPI, get(spec))
}

/// A publish request body that passes validation: the first product's default configuration.
pub fn publish_example() -> serde_json::Value {
    let catalog = Catalog::builtin();
    let config = catalog
        .products
        .first()
        .and_then(|p| Configuration::default_for(catalog, &p.id))
        .and_then(|c| serde_json::from_str::<serde_json::Value>(&c.canonical_json()).ok())
        .unwrap_or(serde_json::Value::Null);
    serde_json::json!({
        "title": "Saffron sleeve with ink trim",
        "description": "My everyday laptop sleeve.",
        "tags": ["everyday", "wool"],
        "author_name": "Ada",
        "config": config,
    })
}

/// The OpenAPI document (generated once).
pub async fn spec() -> impl IntoResponse {
    static DOC: OnceLock<String> = OnceLock::new();
    let doc = DOC.get_or_init(|| ApiDoc::openapi().to_pretty_json().unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], doc.clone())
}
