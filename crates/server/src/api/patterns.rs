//! Patterns: gallery list, publish (and fork), read, edit and unpublish with the edit key.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use stitchfork_model::{config, validate, Lang};
use utoipa::IntoParams;

use super::views::{PatchRequest, PatternList, PatternView, PublishRequest, PublishResponse};
use super::{fields, if_match_holds, json_with_etag, to_json_bytes, PatternId};
use crate::app::{AppState, SharedState};
use crate::db::likes as likes_store;
use crate::db::patterns::{
    self as store, Changes, ListQuery, NewPattern, PatternRow, PublishError, Sort,
};
use crate::db::search;
use crate::error::{ApiError, ApiResult, FieldProblem};
use crate::extract::{Bearer, ClientIp, JsonBody, PreferredLang, Visitor};
use crate::keys;

pub const DEFAULT_LIMIT: i64 = 24;
pub const MAX_LIMIT: i64 = 100;
/// Longest filter value (`tag`, `product`, `material`, `color`), in characters.
pub const FILTER_MAX: usize = 64;

/// Query of `GET /api/v1/patterns`. All optional.
///
/// Fields are read as text so a bad value gets our own 400 message; the `param` attributes
/// give the contract the real types and bounds, so every value the contract calls valid is
/// answered 200.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Full-text search over title, description, tags and author (any text is safe).
    pub q: Option<String>,
    #[param(max_length = 64)] // FILTER_MAX
    pub tag: Option<String>,
    /// Product id, e.g. `laptop-sleeve`.
    #[param(max_length = 64)] // FILTER_MAX
    pub product: Option<String>,
    /// Material id used by any part.
    #[param(max_length = 64)] // FILTER_MAX
    pub material: Option<String>,
    /// Colour id used by any part.
    #[param(max_length = 64)] // FILTER_MAX
    pub color: Option<String>,
    /// `new` (default), `popular`, `trending` or `forks`.
    #[param(inline, value_type = Option<SortName>)]
    pub sort: Option<String>,
    /// `next_cursor` of the previous page (empty: the first page).
    #[param(pattern = r"^(-?[0-9]{1,18}\.[0-9]{1,18})?$")]
    pub cursor: Option<String>,
    /// 1..=100 (larger values are clamped), default 24.
    #[param(schema_with = positive_integer)]
    pub limit: Option<String>,
}

/// A whole number >= 1 without an upper bound (no `int64` format either): the server
/// clamps any larger value, however many digits it has.
pub fn positive_integer() -> utoipa::openapi::schema::ObjectBuilder {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Integer)
        .minimum(Some(1))
}

/// The gallery orders (documentation of `sort`; parsed by [`Sort::parse`]).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum SortName {
    New,
    Popular,
    Trending,
    Forks,
}

/// Parses `limit`: digits only; 0, negative or non-numeric is a 400, huge is clamped.
pub fn parse_limit(raw: Option<&str>) -> ApiResult<i64> {
    // Not trimmed: the contract says integer, and " 5" is not one.
    let Some(raw) = raw else {
        return Ok(DEFAULT_LIMIT);
    };
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::BadRequest(
            "`limit` must be a positive whole number".into(),
        ));
    }
    let n = raw.parse::<i64>().unwrap_or(i64::MAX);
    if n == 0 {
        return Err(ApiError::BadRequest("`limit` must be at least 1".into()));
    }
    Ok(n.min(MAX_LIMIT))
}

/// Cursor format: `<sort key>.<seq>` of the last row of the page, the keyset position to
/// continue after. Every string of that shape is a valid position (it is only compared
/// with), so the contract can state the format as a pattern and the server accepts all of it.
fn encode_cursor(key: i64, seq: i64) -> String {
    format!("{key}.{seq}")
}

fn decode_cursor(cursor: &str) -> ApiResult<(i64, i64)> {
    let bad = || {
        ApiError::BadRequest(
            "`cursor` must be the `next_cursor` of a previous page (`<key>.<seq>`)".into(),
        )
    };
    let (key, seq) = cursor.split_once('.').ok_or_else(bad)?;
    let number = |s: &str, signed: bool| {
        let digits = s.strip_prefix('-').filter(|_| signed).unwrap_or(s);
        if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<i64>().map_err(|_| bad())
    };
    Ok((number(key, true)?, number(seq, false)?))
}

/// A filter value: bounded as sent (the contract's `maxLength`), then trimmed; absent
/// when empty.
fn filter(value: Option<String>, lowercase: bool) -> ApiResult<Option<String>> {
    if value
        .as_ref()
        .is_some_and(|v| v.chars().count() > FILTER_MAX)
    {
        return Err(ApiError::BadRequest("a filter value is too long".into()));
    }
    match value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    {
        Some(v) if lowercase => Ok(Some(v.to_lowercase())),
        other => Ok(other),
    }
}

/// The gallery: public patterns, filtered and sorted, one page at a time.
#[utoipa::path(get, path = "/api/v1/patterns", tag = "patterns", params(ListParams),
    responses((status = 200, body = PatternList), (status = 400, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<SharedState>,
    visitor: Visitor,
    params: Result<Query<ListParams>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let sort_name = p.sort.as_deref().unwrap_or("new");
    let sort = Sort::parse(sort_name).ok_or_else(|| {
        ApiError::BadRequest("`sort` must be one of new, popular, trending, forks".into())
    })?;
    let limit = parse_limit(p.limit.as_deref())?;
    let after = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(decode_cursor(c)?),
        None => None,
    };
    // Bound the work on absurd input before splitting into terms.
    let q: String = p.q.unwrap_or_default().chars().take(500).collect();
    let query = ListQuery {
        search_terms: search::terms(&q),
        tag: filter(p.tag, true)?,
        product: filter(p.product, false)?,
        material: filter(p.material, false)?,
        colour: filter(p.color, false)?,
        sort,
        after,
        limit: limit + 1,
    };
    // Read the generation first: a write committed during the read makes this page stale
    // at once (it is stored under the older generation).
    let generation = state.db.generation();
    let page = match state.read_cache.page(generation, &query) {
        Some(page) => page,
        None => {
            let page = Arc::new(store::list(&state.db, &query).await?);
            state.read_cache.put_page(generation, &query, page.clone());
            page
        }
    };
    let more = page.len() as i64 > limit;
    let rows = &page[..page.len().min(limit as usize)];
    let next_cursor = match rows.last() {
        Some(last) if more => Some(encode_cursor(sort.key_of(last), last.seq)),
        _ => None,
    };
    let liked = liked_by(state.as_ref(), &visitor.0, rows).await?;
    let body = PatternList {
        items: rows
            .iter()
            .map(|row| {
                let mut view = PatternView::from_row(row);
                view.liked = liked.contains(&row.seq);
                view
            })
            .collect(),
        next_cursor,
    };
    Ok(([(header::CACHE_CONTROL, "no-cache")], axum::Json(body)).into_response())
}

/// Checks a publish request against field limits and the domain's validation; returns what
/// to store or every problem found.
pub fn check_publish(
    state: &AppState,
    req: &PublishRequest,
    lang: Lang,
) -> Result<(NewPattern, String), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let title = fields::title(&req.title, lang, &mut problems);
    let description = fields::description(&req.description, lang, &mut problems);
    let tags = fields::tags(&req.tags, lang, &mut problems);
    let author_name = fields::author(&req.author_name, lang, &mut problems);
    let cfg = match config::parse(req.config.get()) {
        Ok(cfg) => Some(cfg),
        Err(e) => {
            problems.push(FieldProblem::new("config", "unreadable", e.to_string()));
            None
        }
    };
    if let Some(cfg) = &cfg {
        if let Err(domain) = validate::validate(state.catalog, cfg, lang) {
            problems.extend(domain.into_iter().map(|p| FieldProblem {
                path: format!("config.{}", p.path),
                code: p.code,
                message: p.message,
            }));
        }
    }
    let Some(cfg) = cfg.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    let edit_key = keys::new_edit_key();
    let new = NewPattern {
        id: keys::new_pattern_id(),
        title,
        description,
        tags,
        author_name,
        product: cfg.product.clone(),
        config: cfg.canonical_json(),
        content_hash: cfg.content_hash(),
        parent_id: req.parent_id.clone(),
        edit_key_hash: keys::hash_secret(&edit_key),
        facets: crate::db::patterns::facets(&cfg),
    };
    Ok((new, edit_key))
}

/// Publish a pattern (a fork when `parent_id` is set). The edit key is in this response only.
#[utoipa::path(post, path = "/api/v1/patterns", tag = "patterns",
    request_body(content = PublishRequest, example = json!(super::openapi::publish_example())),
    responses((status = 201, body = PublishResponse),
              (status = 400, body = crate::error::ErrorBody), (status = 404, description = "parent not found", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn publish(
    State(state): State<SharedState>,
    ClientIp(ip): ClientIp,
    visitor: Visitor,
    PreferredLang(lang): PreferredLang,
    JsonBody(req): JsonBody<PublishRequest>,
) -> ApiResult<Response> {
    state.publish_limiter.check(ip)?;
    if let Some(parent) = &req.parent_id {
        if !keys::is_pattern_id(parent) {
            return Err(ApiError::NotFound("parent pattern"));
        }
    }
    let (new, edit_key) = check_publish(&state, &req, lang).map_err(ApiError::Invalid)?;
    store::insert(&state.db, &new).await.map_err(|e| match e {
        PublishError::ParentNotFound => ApiError::NotFound("parent pattern"),
        PublishError::Db(e) => ApiError::from(e),
    })?;
    let row = store::get(&state.db, &new.id, &visitor.0)
        .await?
        .ok_or_else(|| ApiError::Internal("published pattern not readable".into()))?;
    let body = PublishResponse {
        pattern: PatternView::from_row(&row),
        edit_key,
    };
    let location = format!("/api/v1/patterns/{}", row.id);
    let mut res = (StatusCode::CREATED, axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Loads a public pattern or answers 404.
pub async fn load_public(state: &AppState, id: &str, visitor: &str) -> ApiResult<PatternRow> {
    match store::get(&state.db, id, visitor).await? {
        Some(row) if row.is_public() => Ok(row),
        _ => Err(ApiError::NotFound("pattern")),
    }
}

/// The representation bytes of a pattern (what GET returns and the ETag is computed from).
fn representation(row: &PatternRow) -> ApiResult<Vec<u8>> {
    to_json_bytes(&PatternView::from_row(row))
}

/// One pattern. Supports `If-None-Match` (304).
#[utoipa::path(get, path = "/api/v1/patterns/{id}", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, body = PatternView), (status = 304, description = "not modified"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_one(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    visitor: Visitor,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let row = load_public_for_reading(&state, &id, &visitor.0).await?;
    Ok(json_with_etag(&headers, representation(&row)?, "no-cache"))
}

/// Which of `rows` (shared answers, `liked` = 0) the visitor likes. Nobody can like a
/// pattern without likes, so those are not asked about, and nothing is asked when no row
/// has any.
async fn liked_by(
    state: &AppState,
    visitor: &str,
    rows: &[PatternRow],
) -> ApiResult<std::collections::HashSet<i64>> {
    let seqs: Vec<i64> = rows
        .iter()
        .filter(|r| r.like_count > 0)
        .map(|r| r.seq)
        .collect();
    Ok(likes_store::liked_among(&state.db, visitor, &seqs).await?)
}

/// [`load_public`] through the read cache: a pattern read since the last write is reused,
/// and only whether this visitor likes it is asked (not even that when nobody does).
async fn load_public_for_reading(
    state: &AppState,
    id: &str,
    visitor: &str,
) -> ApiResult<PatternRow> {
    let generation = state.db.generation();
    if let Some(shared) = state.read_cache.pattern(generation, id) {
        let mut row = PatternRow::clone(&shared);
        let liked = liked_by(state, visitor, std::slice::from_ref(&row)).await?;
        row.liked = i64::from(liked.contains(&row.seq));
        return Ok(row);
    }
    let row = load_public(state, id, visitor).await?;
    let shared = PatternRow {
        liked: 0,
        ..row.clone()
    };
    state
        .read_cache
        .put_pattern(generation, id, Arc::new(shared));
    Ok(row)
}

/// Checks the bearer key: 401 without one, 403 when it is neither the pattern's edit key
/// nor the admin key.
pub fn authorize(state: &AppState, bearer: &Bearer, row: &PatternRow) -> ApiResult<()> {
    let Some(key) = &bearer.0 else {
        return Err(ApiError::Unauthorized);
    };
    let is_admin = state
        .settings
        .admin_key
        .as_deref()
        .is_some_and(|admin| keys::secrets_equal(key, admin));
    if is_admin || keys::key_matches(key, &row.edit_key_hash) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Loads a public pattern for a change by its maker (or the admin). The key is checked
/// before the state: a wrong key on an unpublished pattern is a 403, not a 404, so a
/// refusal never depends on whether someone else removed the pattern meanwhile; only
/// the right key learns that it is gone (404).
pub async fn load_authorized(
    state: &AppState,
    id: &str,
    visitor: &str,
    bearer: &Bearer,
) -> ApiResult<PatternRow> {
    if bearer.0.is_none() {
        return Err(ApiError::Unauthorized);
    }
    let row = store::get(&state.db, id, visitor)
        .await?
        .ok_or(ApiError::NotFound("pattern"))?;
    authorize(state, bearer, &row)?;
    if !row.is_public() {
        return Err(ApiError::NotFound("pattern"));
    }
    Ok(row)
}

/// Edit title, description or tags (edit key required; `If-Match` honoured).
#[utoipa::path(patch, path = "/api/v1/patterns/{id}", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    request_body = PatchRequest,
    security(("edit_key" = [])),
    responses((status = 200, body = PatternView), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn patch(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    bearer: Bearer,
    visitor: Visitor,
    PreferredLang(lang): PreferredLang,
    headers: HeaderMap,
    JsonBody(req): JsonBody<PatchRequest>,
) -> ApiResult<Response> {
    let row = load_authorized(&state, &id, &visitor.0, &bearer).await?;
    let mut problems = Vec::new();
    let changes = Changes {
        title: req
            .title
            .as_deref()
            .map(|t| fields::title(t, lang, &mut problems)),
        description: req
            .description
            .as_deref()
            .map(|d| fields::description(d, lang, &mut problems)),
        tags: req
            .tags
            .as_deref()
            .map(|t| fields::tags(t, lang, &mut problems)),
    };
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    if !if_match_holds(&headers, &super::etag_of(&representation(&row)?)) {
        return Err(ApiError::PreconditionFailed);
    }
    // The version check makes read-check-write atomic: a concurrent edit wins, we get 412.
    if !store::update(&state.db, row.seq, row.version, &changes).await? {
        return Err(ApiError::PreconditionFailed);
    }
    let row = load_public(&state, &id, &visitor.0).await?;
    Ok(json_with_etag(
        &HeaderMap::new(),
        representation(&row)?,
        "no-cache",
    ))
}

/// Unpublish (edit key required; `If-Match` honoured). Forks keep pointing at it and show
/// it as removed.
#[utoipa::path(delete, path = "/api/v1/patterns/{id}", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    security(("edit_key" = [])),
    responses((status = 204, description = "unpublished"), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn unpublish(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    bearer: Bearer,
    visitor: Visitor,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let row = load_authorized(&state, &id, &visitor.0, &bearer).await?;
    if !if_match_holds(&headers, &super::etag_of(&representation(&row)?)) {
        return Err(ApiError::PreconditionFailed);
    }
    if !store::set_state(
        &state.db,
        row.seq,
        store::STATE_PUBLIC,
        store::STATE_REMOVED,
        Some(row.version),
    )
    .await?
    {
        return Err(ApiError::PreconditionFailed);
    }
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_strictly_and_clamp() {
        assert_eq!(parse_limit(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(parse_limit(Some("5")).ok(), Some(5));
        assert_eq!(
            parse_limit(Some("99999999999999999999999")).ok(),
            Some(MAX_LIMIT)
        );
        for bad in ["-1", "0", "abc", "", "1e3", "5 OR 1=1"] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor(7, 42);
        assert_eq!(decode_cursor(&c).ok(), Some((7, 42)));
        assert_eq!(decode_cursor("-3.9").ok(), Some((-3, 9)));
        let longest = "9".repeat(18);
        assert!(decode_cursor(&format!("{longest}.{longest}")).is_ok());
        for bad in [
            "%%%",
            "1",
            "1.2.3",
            ".2",
            "1.",
            "1.-2",
            "+1.2",
            "1.2 OR 1=1",
        ] {
            assert!(decode_cursor(bad).is_err(), "{bad}");
        }
        assert!(decode_cursor(&format!("1{longest}.1")).is_err());
    }
}
