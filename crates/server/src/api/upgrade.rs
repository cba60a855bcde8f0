//! `GET /patterns/{id}/upgrade` (issue #13): a pattern's configuration moved onto the latest
//! version of its catalog, for a fork, with what had to change and both prices. The moving is
//! the domain crate's (`stitchfork_model::catalog::upgrade`); this module only finds the two
//! versions and shapes the answer.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::value::RawValue;
use stitchfork_api::catalogs::{CatalogChange, ChangeKind};
use stitchfork_api::{paths, ConfigJson};
use stitchfork_model::catalog::{self, UpgradeError};
use stitchfork_model::{config, pricing};

use super::access::PublicPattern;
use crate::app::SharedState;
use crate::error::{ApiError, ApiResult};

type Upgrade = stitchfork_api::catalogs::Upgrade<ConfigJson>;

/// `/patterns/{id}/upgrade`.
pub fn router() -> Router<SharedState> {
    Router::new().route(paths::UPGRADE, get(upgrade))
}

/// The pattern's configuration in the latest version of its catalog (what a fork starts from),
/// what had to change and why, and the price before and after. `changes` is empty when the
/// pattern is on the latest version or nothing it uses changed.
#[utoipa::path(get, path = "/api/v1/patterns/{id}/upgrade", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, body = stitchfork_api::catalogs::Upgrade<ConfigJson>),
              (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "the latest version offers nothing this design can become (e.g. its product is gone)", body = crate::error::ErrorBody)))]
pub async fn upgrade(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
) -> ApiResult<Response> {
    let old = state
        .catalogs
        .pinned(&state.db, &row.catalog, row.catalog_version)
        .await?;
    let new = state
        .catalogs
        .latest(&state.db, &row.catalog)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("catalog {} has no version", row.catalog)))?;
    let cfg = config::parse(&row.config)
        .map_err(|e| ApiError::Internal(format!("stored config of {}: {e}", row.id)))?;
    let price_before_minor = pricing::total_minor(&old.catalog, &cfg)
        .map_err(|_| ApiError::Internal(format!("{} does not price in its version", row.id)))?;
    let upgraded = catalog::upgrade(&old.catalog, &new.catalog, &cfg).map_err(|e| match e {
        UpgradeError::ProductGone(_) | UpgradeError::Unreachable { .. } => {
            ApiError::Conflict(format!(
                "this design cannot be made in version {} of its catalog: {e}",
                new.number
            ))
        }
    })?;
    let price_after_minor = pricing::total_minor(&new.catalog, &upgraded.config)
        .map_err(|_| ApiError::Internal(format!("the upgrade of {} does not price", row.id)))?;
    let config = RawValue::from_string(upgraded.config.canonical_json())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let body = Upgrade {
        catalog: row.catalog.clone(),
        from_version: old.number,
        to_version: new.number,
        config: ConfigJson(config),
        changes: upgraded
            .changes
            .into_iter()
            .map(|c| CatalogChange {
                path: c.path,
                kind: match c.kind {
                    catalog::ChangeKind::Discontinued => ChangeKind::Discontinued,
                    catalog::ChangeKind::NowForbidden => ChangeKind::NowForbidden,
                },
                before: c.before,
                after: c.after,
            })
            .collect(),
        price_before_minor,
        price_after_minor,
        currency: new.catalog.currency.clone(),
    };
    let mut res = Json(body).into_response();
    // The answer changes when a version is uploaded.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}
