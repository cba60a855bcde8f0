//! Admin moderation: `POST /api/v1/patterns/{id}/hide` and `/restore`, allowed only with
//! `Authorization: Bearer $STITCHFORK_ADMIN_KEY`. Hidden patterns disappear like removed
//! ones (forks show them as removed) and can be brought back.

use axum::extract::State;
use axum::Json;

use super::views::ModerationState;
use super::PatternId;
use crate::app::{AppState, SharedState};
use crate::db::patterns::{self as store, STATE_HIDDEN, STATE_PUBLIC};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Bearer, Visitor};
use crate::keys::secrets_equal;

fn require_admin(state: &AppState, bearer: &Bearer) -> ApiResult<()> {
    let Some(key) = &bearer.0 else {
        return Err(ApiError::Unauthorized);
    };
    match &state.settings.admin_key {
        Some(admin) if secrets_equal(key, admin) => Ok(()),
        _ => Err(ApiError::Forbidden),
    }
}

async fn transition(
    state: SharedState,
    bearer: Bearer,
    id: &str,
    visitor: Visitor,
    from: &str,
    to: &str,
) -> ApiResult<Json<ModerationState>> {
    require_admin(&state, &bearer)?;
    let row = store::get(&state.db, id, &visitor.0)
        .await?
        .ok_or(ApiError::NotFound("pattern"))?;
    if !store::set_state(&state.db, row.seq, from, to, None).await? {
        return Err(ApiError::Conflict(format!(
            "the pattern is {}, not {from}",
            row.state
        )));
    }
    Ok(Json(ModerationState {
        id: row.id,
        state: to.to_string(),
    }))
}

/// Hide a public pattern (admin).
#[utoipa::path(post, path = "/api/v1/patterns/{id}/hide", tag = "moderation",
    params(("id" = String, Path, description = "pattern id")), security(("admin_key" = [])),
    responses((status = 200, body = ModerationState), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn hide(
    State(state): State<SharedState>,
    bearer: Bearer,
    PatternId(id): PatternId,
    visitor: Visitor,
) -> ApiResult<Json<ModerationState>> {
    transition(state, bearer, &id, visitor, STATE_PUBLIC, STATE_HIDDEN).await
}

/// Restore a hidden pattern (admin).
#[utoipa::path(post, path = "/api/v1/patterns/{id}/restore", tag = "moderation",
    params(("id" = String, Path, description = "pattern id")), security(("admin_key" = [])),
    responses((status = 200, body = ModerationState), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn restore(
    State(state): State<SharedState>,
    bearer: Bearer,
    PatternId(id): PatternId,
    visitor: Visitor,
) -> ApiResult<Json<ModerationState>> {
    transition(state, bearer, &id, visitor, STATE_HIDDEN, STATE_PUBLIC).await
}
