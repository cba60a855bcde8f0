//! SVGs from the shared renderer: a published pattern's preview and cut sheet (cacheable:
//! a pattern's configuration never changes), its social card (the preview as a PNG, for link
//! previews), and rendering of an unpublished configuration (for embedders that want a
//! server-side image, and the card of a shared design link).

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use stitchfork_api::{design_link, paths, ConfigJson, FieldProblem};
use stitchfork_model::config::{self, Configuration};
use stitchfork_model::{render, Catalog, Lang};

use super::access::PublicPattern;
use super::conditional::{tag, Conditions};
use super::configs;
use super::json::AppJson;
use crate::app::{AppState, SharedState};
use crate::catalog_cache::Version;
use crate::db::patterns::PatternRow;
use crate::error::{ApiError, ApiResult};
use crate::extract::PreferredLang;
use crate::raster;

/// The SVG routes of published patterns and of posted configurations.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route(paths::PREVIEW, get(preview))
        .route(paths::CUT_SHEET, get(cut_sheet))
        .route(paths::CARD, get(card))
        .route(paths::RENDER_PREVIEW, post(render_preview))
        .route(paths::RENDER_CUT_SHEET, post(render_cut_sheet))
        .route(paths::RENDER_CARD, get(render_card))
}

const CACHE_STORED: &str = "public, max-age=3600";
/// A card is a function of the design, which never changes: a week in any cache (a hidden
/// pattern's card may live that long in a crawler's cache; its page and data do not).
const CACHE_CARD: &str = "public, max-age=604800";

/// An SVG body; scripts and external loads are blocked should a viewer open it directly.
fn svg(svg: String) -> Response {
    let mut res = svg.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// A stored configuration (always valid: checked at publish). Unreadable means the database
/// holds something publish never wrote: logged, and the client gets a generic 500.
fn stored_config(row: &PatternRow) -> ApiResult<Configuration> {
    config::parse(&row.config)
        .map_err(|e| ApiError::Internal(format!("stored config of {}: {e}", row.id)))
}

/// The first 32 characters of a content hash, for ETags.
fn short(hash: &str) -> &str {
    hash.get(..32).unwrap_or(hash)
}

/// What a pattern is drawn from: its design and the catalog version it is pinned to. The same
/// design in another catalog or version may look different, so both are in its ETags and in
/// the key of its card.
fn drawn_as(row: &PatternRow) -> String {
    format!(
        "{}-{}-{}",
        row.catalog,
        row.catalog_version,
        short(&row.content_hash)
    )
}

/// The catalog version a pattern was made with: it is shown, priced and cut with exactly that.
async fn pinned(state: &AppState, row: &PatternRow) -> ApiResult<Arc<Version>> {
    state
        .catalogs
        .pinned(&state.db, &row.catalog, row.catalog_version)
        .await
}

/// Front view of a pattern.
#[utoipa::path(get, path = "/api/v1/patterns/{id}/preview.svg", tag = "render",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = crate::error::ErrorBody)))]
pub async fn preview(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
    conditions: Conditions,
) -> ApiResult<Response> {
    let etag = tag(&format!("p-{}", drawn_as(&row)));
    if conditions.client_has(&etag) {
        return Ok(conditions.respond(etag, CACHE_STORED, ()));
    }
    let pinned = pinned(&state, &row).await?;
    let body = svg(render::preview_svg(&pinned.catalog, &stored_config(&row)?));
    Ok(conditions.respond(etag, CACHE_STORED, body))
}

/// The social card of a pattern: its preview centred on a 1200 x 630 PNG, drawn on the server
/// and kept by the design's content hash (every pattern with that design shares it).
#[utoipa::path(get, path = "/api/v1/patterns/{id}/card.png", tag = "render",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 304, description = "not modified"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn card(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
    conditions: Conditions,
) -> ApiResult<Response> {
    let key = drawn_as(&row);
    let etag = tag(&format!("k-{key}"));
    if conditions.client_has(&etag) {
        return Ok(conditions.respond(etag, CACHE_CARD, ()));
    }
    let pinned = pinned(&state, &row).await?;
    let png = card_png(&state, &pinned.catalog, &stored_config(&row)?, &key).await?;
    Ok(conditions.respond(etag, CACHE_CARD, png_body(png)))
}

/// The `d` of a shared design link.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DesignParam {
    /// The design as in `/customize/{product}?d=…`: its canonical JSON in base64url.
    #[param(pattern = "^[A-Za-z0-9_=-]+$", max_length = 8192)]
    d: String,
}

/// The social card of an unpublished design, for shared design links
/// (`/customize/{product}?d=…`): like a pattern's, keyed by the design's content hash.
#[utoipa::path(get, path = "/api/v1/render/card.png", tag = "render", params(DesignParam),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 304, description = "not modified"),
              (status = 400, body = crate::error::ErrorBody, description = "no `d`, or more than one"),
              (status = 422, body = crate::error::ErrorBody, description = "`d` is not a design, or one the catalog refuses")))]
pub async fn render_card(
    State(state): State<SharedState>,
    params: Result<Query<DesignParam>, QueryRejection>,
    PreferredLang(lang): PreferredLang,
    conditions: Conditions,
) -> ApiResult<Response> {
    let Query(DesignParam { d }) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    // Present but not a design: a problem with the field, like an invalid design.
    let cfg = design_link::decode(&d).map_err(|e| {
        ApiError::Invalid(vec![FieldProblem::new("d", "unreadable", e.to_string())])
    })?;
    let cfg =
        configs::checked(state.catalog, &cfg.canonical_json(), lang).map_err(ApiError::Invalid)?;
    // Drawn with the built-in catalog this binary carries (what the customizer shows).
    let key = format!(
        "builtin-{}-{}",
        short(state.catalog.etag()),
        short(&cfg.content_hash())
    );
    let etag = tag(&format!("k-{key}"));
    if conditions.client_has(&etag) {
        return Ok(conditions.respond(etag, CACHE_CARD, ()));
    }
    let png = card_png(&state, state.catalog, &cfg, &key).await?;
    Ok(conditions.respond(etag, CACHE_CARD, png_body(png)))
}

/// The card PNG of `cfg` drawn from `catalog`, from the cache of cards by `key` (catalog,
/// version and content hash), else rasterized (a few at a time: it is the server's heaviest
/// work).
async fn card_png(
    state: &AppState,
    catalog: &Catalog,
    cfg: &Configuration,
    key: &str,
) -> ApiResult<axum::body::Bytes> {
    if let Some(png) = state.cards.get(key) {
        return Ok(png);
    }
    let svg = render::preview_svg(catalog, cfg);
    let _permit = state
        .raster_permits
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let png = tokio::task::spawn_blocking(move || raster::card_png(&svg))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(format!("card of {key}: {e}")))?;
    let png = axum::body::Bytes::from(png);
    state.cards.insert(key.to_string(), png.clone());
    Ok(png)
}

fn png_body(png: axum::body::Bytes) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("image/png"))],
        png,
    )
}

/// Production cut sheet of a pattern (`?lang=en|sv|ru` or Accept-Language).
#[utoipa::path(get, path = "/api/v1/patterns/{id}/cut-sheet.svg", tag = "render",
    params(("id" = String, Path, description = "pattern id"), ("lang" = Option<String>, Query, description = "en, sv or ru")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = crate::error::ErrorBody)))]
pub async fn cut_sheet(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
    PreferredLang(lang): PreferredLang,
    conditions: Conditions,
) -> ApiResult<Response> {
    let etag = tag(&format!("c-{}-{}", lang.tag(), drawn_as(&row)));
    let mut res = if conditions.client_has(&etag) {
        conditions.respond(etag, CACHE_STORED, ())
    } else {
        let pinned = pinned(&state, &row).await?;
        let body = svg(render::cut_sheet_svg(
            &pinned.catalog,
            &stored_config(&row)?,
            lang,
        ));
        conditions.respond(etag, CACHE_STORED, body)
    };
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    Ok(res)
}

/// A posted configuration, valid, or 422 with every problem.
fn checked(state: &AppState, raw: &ConfigJson, lang: Lang) -> ApiResult<Configuration> {
    configs::checked(state.catalog, raw.get(), lang).map_err(ApiError::Invalid)
}

/// An SVG of something posted: never cached.
fn fresh_svg(body: String) -> Response {
    let mut res = svg(body);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Render an unpublished configuration (the body is the configuration itself).
#[utoipa::path(post, path = "/api/v1/render/preview.svg", tag = "render",
    request_body(content = Object, description = "a configuration"),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody)))]
pub async fn render_preview(
    State(state): State<SharedState>,
    PreferredLang(lang): PreferredLang,
    AppJson(raw): AppJson<ConfigJson>,
) -> ApiResult<Response> {
    let cfg = checked(&state, &raw, lang)?;
    Ok(fresh_svg(render::preview_svg(state.catalog, &cfg)))
}

/// Cut sheet of an unpublished configuration.
#[utoipa::path(post, path = "/api/v1/render/cut-sheet.svg", tag = "render",
    request_body(content = Object, description = "a configuration"),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody)))]
pub async fn render_cut_sheet(
    State(state): State<SharedState>,
    PreferredLang(lang): PreferredLang,
    AppJson(raw): AppJson<ConfigJson>,
) -> ApiResult<Response> {
    let cfg = checked(&state, &raw, lang)?;
    Ok(fresh_svg(render::cut_sheet_svg(state.catalog, &cfg, lang)))
}
