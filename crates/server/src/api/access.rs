//! Extractors that find a pattern and decide who may act on it, read once at the top of a
//! handler: [`PatternId`] (a well-formed id from the path), [`PublicPattern`] (a public
//! pattern, through the read cache), [`Editor`] (its maker or the admin, with the row) and
//! [`Admin`]. Each fails with the API's error.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::app::{AppState, SharedState};
use crate::db::patterns::{self as store, PatternRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::Bearer;
use crate::keys;

/// A syntactically valid pattern id from the path; anything else is a 404 without a query.
pub struct PatternId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PatternId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("pattern"))?;
        if keys::is_pattern_id(&id) {
            Ok(PatternId(id))
        } else {
            Err(ApiError::NotFound("pattern"))
        }
    }
}

/// The public pattern named by the path (404 otherwise). Read through the read cache: what
/// was read since the last write is shared by every request, and says nothing about who asks.
pub struct PublicPattern(pub Arc<PatternRow>);

impl FromRequestParts<SharedState> for PublicPattern {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> ApiResult<Self> {
        let PatternId(id) = PatternId::from_request_parts(parts, state).await?;
        Ok(PublicPattern(public_pattern(state, &id).await?))
    }
}

/// A public pattern through the read cache, or 404.
pub async fn public_pattern(state: &AppState, id: &str) -> ApiResult<Arc<PatternRow>> {
    // Read the generation first: a write committed during the read that touches this
    // pattern makes this copy stale at once (it is stored as read at the older generation).
    let generation = state.db.generation();
    if let Some(shared) = state.read_cache.pattern(state.db.changes(), id) {
        return Ok(shared);
    }
    let row = Arc::new(
        store::get_public(&state.db, id)
            .await?
            .ok_or(ApiError::NotFound("pattern"))?,
    );
    state.read_cache.put_pattern(generation, id, row.clone());
    Ok(row)
}

/// Whether `key` is the admin key (compared in constant time).
pub fn is_admin(state: &AppState, key: &str) -> bool {
    state
        .settings
        .admin_key
        .as_deref()
        .is_some_and(|admin| keys::secrets_equal(key, admin))
}

/// The bearer key, or 401.
fn required_key(bearer: Bearer) -> ApiResult<String> {
    bearer.0.ok_or(ApiError::Unauthorized)
}

/// The admin (`Authorization: Bearer $STITCHFORK_ADMIN_KEY`): 401 without a key, 403 with
/// another.
pub struct Admin;

impl FromRequestParts<SharedState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> ApiResult<Self> {
        let key = required_key(Bearer::from_request_parts(parts, state).await?)?;
        if is_admin(state, &key) {
            Ok(Admin)
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// Someone allowed to change the pattern named by the path: its maker (its edit key) or the
/// admin, with the pattern as read now (fresh, not cached: a write follows).
///
/// The key is checked before the state: a wrong key on an unpublished pattern is a 403, not
/// a 404, so a refusal never depends on whether someone else removed the pattern meanwhile;
/// only the right key learns that it is gone (404).
pub struct Editor(pub PatternRow);

impl FromRequestParts<SharedState> for Editor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> ApiResult<Self> {
        let PatternId(id) = PatternId::from_request_parts(parts, state).await?;
        let key = required_key(Bearer::from_request_parts(parts, state).await?)?;
        let row = store::get(&state.db, &id)
            .await?
            .ok_or(ApiError::NotFound("pattern"))?;
        if !(is_admin(state, &key) || keys::key_matches(&key, &row.edit_key_hash)) {
            return Err(ApiError::Forbidden);
        }
        if !row.is_public() {
            return Err(ApiError::NotFound("pattern"));
        }
        Ok(Editor(row))
    }
}
