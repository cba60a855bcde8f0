//! `POST` / `DELETE /api/v1/patterns/{id}/like`: like and unlike, idempotent per visitor.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use stitchfork_api::{paths, LikeState};

use super::access::PatternId;
use crate::app::SharedState;
use crate::db::likes::set_like;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientIp, Visitor};

/// `/patterns/{id}/like`.
pub fn router() -> Router<SharedState> {
    Router::new().route(paths::LIKE, post(like).delete(unlike))
}

async fn change(
    state: SharedState,
    ip: ClientIp,
    id: &str,
    visitor: Visitor,
    like: bool,
) -> ApiResult<Json<LikeState>> {
    state.like_limiter.check(ip.0)?;
    // Not through the read cache: the write itself checks that the pattern is public.
    let like_count = set_like(&state.db, id, &visitor.0, like)
        .await?
        .ok_or(ApiError::NotFound("pattern"))?;
    Ok(Json(LikeState {
        liked: like,
        like_count,
    }))
}

/// Like a pattern (again: no change).
#[utoipa::path(post, path = "/api/v1/patterns/{id}/like", tag = "likes",
    params(("id" = String, Path, description = "pattern id"),
           ("X-Visitor-Id" = Option<String>, Header, description = "stable random id the app keeps in localStorage; falls back to the client address")),
    responses((status = 200, body = LikeState), (status = 404, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn like(
    State(state): State<SharedState>,
    ip: ClientIp,
    PatternId(id): PatternId,
    visitor: Visitor,
) -> ApiResult<Json<LikeState>> {
    change(state, ip, &id, visitor, true).await
}

/// Remove this visitor's like (if any).
#[utoipa::path(delete, path = "/api/v1/patterns/{id}/like", tag = "likes",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, body = LikeState), (status = 404, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn unlike(
    State(state): State<SharedState>,
    ip: ClientIp,
    PatternId(id): PatternId,
    visitor: Visitor,
) -> ApiResult<Json<LikeState>> {
    change(state, ip, &id, visitor, false).await
}
