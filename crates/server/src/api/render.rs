//! SVGs from the shared renderer: a published pattern's preview and cut sheet (cacheable:
//! a pattern's configuration never changes), and rendering of an unpublished configuration
//! (for embedders that want a server-side image).

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::value::RawValue;
use stitchfork_model::config::{self, Configuration};
use stitchfork_model::{render, validate, Lang};

use super::patterns::load_public;
use super::{not_modified, PatternId};
use crate::app::{AppState, SharedState};
use crate::error::{ApiError, ApiResult, FieldProblem};
use crate::extract::{JsonBody, PreferredLang, Visitor};

/// An SVG response; scripts and external loads are blocked should a viewer open it directly.
fn svg(svg: String, etag: Option<String>, headers: &HeaderMap, cache: &'static str) -> Response {
    let mut res = match &etag {
        Some(tag) if not_modified(headers, tag) => StatusCode::NOT_MODIFIED.into_response(),
        _ => svg.into_response(),
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(v) = etag.and_then(|t| HeaderValue::from_str(&t).ok()) {
        h.insert(header::ETAG, v);
    }
    res
}

/// The stored configuration of a public pattern (always valid: checked at publish).
async fn stored_config(
    state: &AppState,
    id: &str,
    visitor: &str,
) -> ApiResult<(Configuration, String)> {
    let row = load_public(state, id, visitor).await?;
    let cfg = config::parse(&row.config)
        .map_err(|e| ApiError::Internal(format!("stored config: {e}")))?;
    Ok((cfg, row.content_hash))
}

/// Front view of a pattern.
#[utoipa::path(get, path = "/api/v1/patterns/{id}/preview.svg", tag = "render",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = crate::error::ErrorBody)))]
pub async fn preview(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    visitor: Visitor,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (cfg, hash) = stored_config(&state, &id, &visitor.0).await?;
    let etag = format!("\"p-{}\"", &hash[..hash.len().min(32)]);
    Ok(svg(
        render::preview_svg(state.catalog, &cfg),
        Some(etag),
        &headers,
        "public, max-age=3600",
    ))
}

/// Production cut sheet of a pattern (`?lang=en|sv|ru` or Accept-Language).
#[utoipa::path(get, path = "/api/v1/patterns/{id}/cut-sheet.svg", tag = "render",
    params(("id" = String, Path, description = "pattern id"), ("lang" = Option<String>, Query, description = "en, sv or ru")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = crate::error::ErrorBody)))]
pub async fn cut_sheet(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    visitor: Visitor,
    PreferredLang(lang): PreferredLang,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let (cfg, hash) = stored_config(&state, &id, &visitor.0).await?;
    let etag = format!("\"c-{}-{}\"", lang.tag(), &hash[..hash.len().min(32)]);
    let mut res = svg(
        render::cut_sheet_svg(state.catalog, &cfg, lang),
        Some(etag),
        &headers,
        "public, max-age=3600",
    );
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    Ok(res)
}

/// Parses and validates a posted configuration (422 with every problem).
fn checked(state: &AppState, raw: &RawValue, lang: Lang) -> ApiResult<Configuration> {
    let cfg = config::parse(raw.get())
        .map_err(|e| ApiError::invalid("config", "unreadable", e.to_string()))?;
    validate::validate(state.catalog, &cfg, lang).map_err(|problems| {
        ApiError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldProblem {
                    path: format!("config.{}", p.path),
                    code: p.code,
                    message: p.message,
                })
                .collect(),
        )
    })?;
    Ok(cfg)
}

/// Render an unpublished configuration (the body is the configuration itself).
#[utoipa::path(post, path = "/api/v1/render/preview.svg", tag = "render",
    request_body(content = Object, description = "a configuration"),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody)))]
pub async fn render_preview(
    State(state): State<SharedState>,
    PreferredLang(lang): PreferredLang,
    JsonBody(raw): JsonBody<Box<RawValue>>,
) -> ApiResult<Response> {
    let cfg = checked(&state, &raw, lang)?;
    Ok(svg(
        render::preview_svg(state.catalog, &cfg),
        None,
        &HeaderMap::new(),
        "no-store",
    ))
}

/// Cut sheet of an unpublished configuration.
#[utoipa::path(post, path = "/api/v1/render/cut-sheet.svg", tag = "render",
    request_body(content = Object, description = "a configuration"),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody)))]
pub async fn render_cut_sheet(
    State(state): State<SharedState>,
    PreferredLang(lang): PreferredLang,
    JsonBody(raw): JsonBody<Box<RawValue>>,
) -> ApiResult<Response> {
    let cfg = checked(&state, &raw, lang)?;
    Ok(svg(
        render::cut_sheet_svg(state.catalog, &cfg, lang),
        None,
        &HeaderMap::new(),
        "no-store",
    ))
}
