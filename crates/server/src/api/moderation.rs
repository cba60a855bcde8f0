//! Admin moderation: `POST /api/v1/patterns/{id}/hide` and `/restore`, allowed only with
//! `Authorization: Bearer $STITCHFORK_ADMIN_KEY` (the [`Admin`] extractor). Hidden patterns
//! disappear like removed ones (forks show them as removed) and can be brought back.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use stitchfork_api::{paths, ModerationState, PatternState};

use super::access::{Admin, PatternId};
use crate::app::SharedState;
use crate::db::patterns as store;
use crate::error::{ApiError, ApiResult};

/// `/patterns/{id}/hide` and `/patterns/{id}/restore`.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route(paths::HIDE, post(hide))
        .route(paths::RESTORE, post(restore))
}

async fn transition(
    state: SharedState,
    id: &str,
    from: PatternState,
    to: PatternState,
) -> ApiResult<Json<ModerationState>> {
    let row = store::get(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("pattern"))?;
    if !store::set_state(&state.db, row.seq, from, to, None).await? {
        return Err(ApiError::Conflict(format!(
            "the pattern is {}, not {}",
            row.state.as_str(),
            from.as_str()
        )));
    }
    Ok(Json(ModerationState {
        id: row.id,
        state: to,
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
    PatternId(id): PatternId,
    _: Admin,
) -> ApiResult<Json<ModerationState>> {
    transition(state, &id, PatternState::Public, PatternState::Hidden).await
}

/// Restore a hidden pattern (admin).
#[utoipa::path(post, path = "/api/v1/patterns/{id}/restore", tag = "moderation",
    params(("id" = String, Path, description = "pattern id")), security(("admin_key" = [])),
    responses((status = 200, body = ModerationState), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn restore(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    _: Admin,
) -> ApiResult<Json<ModerationState>> {
    transition(state, &id, PatternState::Hidden, PatternState::Public).await
}
