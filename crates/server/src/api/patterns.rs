//! Patterns: the gallery list, publish (and fork), read, edit and unpublish with the edit key.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use stitchfork_api::catalogs::{is_catalog_id, BUILTIN_ID};
use stitchfork_api::fields::{AuthorName, Description, Problems, Tags, Title};
use stitchfork_api::limits::{DEFAULT_LIMIT, FILTER_MAX, MAX_LIMIT, SEARCH_MAX};
use stitchfork_api::{paths, ConfigJson, Licence, ListParams, PatchRequest, PatternState, Sort};
use stitchfork_model::Lang;

use super::access::{public_pattern, Editor, PublicPattern};
use super::conditional::{etag_of, Conditions};
use super::json::AppJson;
use super::views::{self, Pattern};
use super::{configs, to_json_bytes};
use crate::app::{AppState, SharedState};
use crate::catalog_cache::Version;
use crate::db::likes as likes_store;
use crate::db::patterns::{
    self as store, Changes, ListQuery, NewPattern, PatternRow, PublishError,
};
use crate::db::search;
use crate::error::{ApiError, ApiResult, FieldProblem};
use crate::extract::{ClientIp, PreferredLang, Visitor};
use crate::keys;
use crate::read_cache::{Page, PageRows};

type PublishRequest = stitchfork_api::PublishRequest<ConfigJson>;
type PublishResponse = stitchfork_api::PublishResponse<ConfigJson>;
type PatternList = stitchfork_api::PatternList<ConfigJson>;

/// `/patterns` and `/patterns/{id}`.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route(paths::PATTERNS, get(list).post(publish))
        .route(paths::PATTERN, get(get_one).patch(patch).delete(unpublish))
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
fn filter(value: Option<&String>, lowercase: bool) -> ApiResult<Option<String>> {
    if value.is_some_and(|v| v.chars().count() > FILTER_MAX) {
        return Err(ApiError::BadRequest("a filter value is too long".into()));
    }
    match value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(v) if lowercase => Ok(Some(v.to_lowercase())),
        other => Ok(other.map(str::to_string)),
    }
}

/// Which of `rows` the visitor likes. Nobody can like a pattern without likes, so those are
/// not asked about, and nothing is asked when no row has any.
async fn liked_by(
    state: &AppState,
    visitor: &Visitor,
    rows: &[PatternRow],
) -> ApiResult<HashSet<i64>> {
    let seqs: Vec<i64> = rows
        .iter()
        .filter(|r| r.like_count > 0)
        .map(|r| r.seq)
        .collect();
    Ok(likes_store::liked_among(&state.db, &visitor.0, &seqs).await?)
}

/// `row` as `visitor` sees it.
async fn view_for(state: &AppState, visitor: &Visitor, row: &PatternRow) -> ApiResult<Pattern> {
    let liked = liked_by(state, visitor, std::slice::from_ref(row)).await?;
    Ok(views::pattern(row, liked.contains(&row.seq)))
}

/// A pattern's JSON with its ETag (or 304). The ETag covers `liked`, hence `Vary`.
fn tagged(conditions: &Conditions, view: &Pattern) -> ApiResult<Response> {
    let bytes = to_json_bytes(view)?;
    let mut res = conditions.respond(
        etag_of(&bytes),
        "no-cache",
        ([(header::CONTENT_TYPE, "application/json")], bytes),
    );
    res.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("X-Visitor-Id, Accept-Encoding"),
    );
    Ok(res)
}

/// The gallery: public patterns, filtered and sorted, one page at a time.
#[utoipa::path(get, path = "/api/v1/patterns", tag = "patterns", params(ListParams),
    responses((status = 200, body = stitchfork_api::PatternList<ConfigJson>), (status = 400, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<SharedState>,
    visitor: Visitor,
    headers: HeaderMap,
    params: Result<Query<ListParams>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let sort = p.sort.unwrap_or_default();
    let limit = parse_limit(p.limit.as_deref())?;
    let after = match p.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(decode_cursor(c)?),
        None => None,
    };
    // Bound the work on absurd input before splitting into terms.
    let q: String =
        p.q.as_deref()
            .unwrap_or_default()
            .chars()
            .take(SEARCH_MAX)
            .collect();
    // The spelling of the colour filter that loses is bounded too (schemathesis found it was not).
    filter(p.color.as_ref(), false)?;
    let query = ListQuery {
        search_terms: search::terms(&q),
        tag: filter(p.tag.as_ref(), true)?,
        product: filter(p.product.as_ref(), false)?,
        material: filter(p.material.as_ref(), false)?,
        colour: filter(p.colour(), false)?,
        sort,
        after,
        limit: limit + 1,
    };
    let page = listed(&state, &query).await?;
    let shown = &page[..page.len().min(limit as usize)];
    let liked = liked_by(&state, &visitor, shown).await?;
    if liked.is_empty() {
        let json = page.unliked_json(|rows| list_json(rows, limit, sort, &liked))?;
        return Ok(json.response(&headers, "no-cache"));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        list_json(&page, limit, sort, &liked)?,
    )
        .into_response())
}

/// The JSON of a gallery page read with `limit + 1` rows (the extra one says there is a next
/// page), for a visitor who likes the patterns in `liked`.
fn list_json(
    page: &[PatternRow],
    limit: i64,
    sort: Sort,
    liked: &HashSet<i64>,
) -> ApiResult<Vec<u8>> {
    let rows = &page[..page.len().min(limit as usize)];
    let next_cursor = match rows.last() {
        Some(last) if page.len() > rows.len() => {
            Some(encode_cursor(store::key_of(sort, last), last.seq))
        }
        _ => None,
    };
    to_json_bytes(&PatternList {
        items: rows
            .iter()
            .map(|row| views::pattern(row, liked.contains(&row.seq)))
            .collect(),
        next_cursor,
    })
}

/// The rows of one gallery page (and one more, when `query.limit` asks for it), from the read
/// cache when it has them.
pub async fn listed(state: &SharedState, query: &ListQuery) -> ApiResult<Page> {
    // Read the generation first: a write committed during the read is checked against this
    // page at its next lookup (it is stored as read at the older generation).
    let generation = state.db.generation();
    if let Some(page) = state.read_cache.page(state.db.changes(), query) {
        return Ok(page);
    }
    let page = PageRows::new(store::list(&state.db, query).await?);
    state.read_cache.put_page(generation, query, page.clone());
    Ok(page)
}

/// Checks a publish request against `pinned`, the catalog version it is made with: field limits
/// and the domain's validation. Returns what to store and the new edit key, or every problem
/// found.
pub fn check_publish(
    pinned: &Version,
    req: &PublishRequest,
    lang: Lang,
) -> Result<(NewPattern, String), Vec<FieldProblem>> {
    let mut problems = Problems::default();
    let title = problems.check(Title::parse_in(&req.title, lang));
    let description = problems.check(Description::parse_in(&req.description, lang));
    let tags = problems.check(Tags::parse_in(&req.tags, lang));
    let author_name = problems.check(AuthorName::parse_in(&req.author_name, lang));
    let cfg = problems.check(configs::checked(&pinned.catalog, req.config.get(), lang));
    let (Some(title), Some(description), Some(tags), Some(author_name), Some(cfg)) =
        (title, description, tags, author_name, cfg)
    else {
        return Err(problems.0);
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
        licence: req.licence,
        catalog: pinned.catalog_id.clone(),
        catalog_version: i64::from(pinned.number),
        edit_key_hash: keys::hash_secret(&edit_key),
        publish_key_hash: None,
        facets: store::facets(&cfg),
    };
    Ok((new, edit_key))
}

/// The catalog version a publish is made with: the latest version of the catalog it names (the
/// built-in one when it names none), or for a fork its parent's catalog, which it may not
/// change. 404 for a fork of no public pattern; 422 at `catalog` for an unknown catalog.
async fn catalog_for(
    state: &AppState,
    req: &PublishRequest,
    lang: Lang,
) -> ApiResult<Arc<Version>> {
    let id = match &req.parent_id {
        Some(parent) => {
            let parent = public_pattern(state, parent)
                .await
                .map_err(|_| ApiError::NotFound("parent pattern"))?;
            if req.catalog.as_deref().is_some_and(|c| c != parent.catalog) {
                return Err(ApiError::invalid(
                    "catalog",
                    "fork_catalog",
                    fork_catalog_message(&parent.catalog, lang),
                ));
            }
            parent.catalog.clone()
        }
        None => req
            .catalog
            .clone()
            .unwrap_or_else(|| BUILTIN_ID.to_string()),
    };
    let found = if is_catalog_id(&id) {
        state.catalogs.latest(&state.db, &id).await?
    } else {
        None
    };
    found.ok_or_else(|| {
        ApiError::invalid("catalog", "unknown_catalog", unknown_catalog_message(lang))
    })
}

fn fork_catalog_message(parent: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("A fork is made in its original's catalog ({parent})."),
        Lang::Sv => format!("En fork görs i originalets katalog ({parent})."),
        Lang::Ru => format!("Форк делается в каталоге оригинала ({parent})."),
    }
}

fn unknown_catalog_message(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "There is no catalog with this id.",
        Lang::Sv => "Det finns ingen katalog med detta id.",
        Lang::Ru => "Каталога с таким id нет.",
    }
}

/// Publish a pattern (a fork when `parent_id` is set). The edit key is in this response only.
///
/// With an `Idempotency-Key` the publish happens at most once: sending the same key again (a
/// queued offline publish retried after its answer was lost) answers 201 with the pattern stored
/// the first time and the same edit key, marked `Idempotent-Replayed: true`; the same key with
/// a different title or configuration is a 409.
#[utoipa::path(post, path = "/api/v1/patterns", tag = "patterns",
    params(("Idempotency-Key" = Option<String>, Header, nullable = false, min_length = 22, max_length = 64, pattern = "^[A-Za-z0-9_-]+$",
            description = "a random secret of the client's (>= 128 bits); the same key never publishes twice")),
    request_body(content = stitchfork_api::PublishRequest<ConfigJson>, example = json!(super::openapi::publish_example())),
    responses((status = 201, body = stitchfork_api::PublishResponse<ConfigJson>),
              (status = 400, body = crate::error::ErrorBody), (status = 404, description = "parent not found", body = crate::error::ErrorBody),
              (status = 409, description = "the Idempotency-Key was used for a different publish (`conflict`), or the fork's configuration is its parent's (`same_as_parent`, with the parent's id in `pattern_id`)", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn publish(
    State(state): State<SharedState>,
    ClientIp(ip): ClientIp,
    PreferredLang(lang): PreferredLang,
    headers: HeaderMap,
    AppJson(req): AppJson<PublishRequest>,
) -> ApiResult<Response> {
    let publish_key = publish_key(&headers)?;
    state.publish_limiter.check(ip)?;
    if let Some(parent) = &req.parent_id {
        if !keys::is_pattern_id(parent) {
            return Err(ApiError::NotFound("parent pattern"));
        }
    }
    let pinned = catalog_for(&state, &req, lang).await?;
    let (mut new, mut edit_key) = check_publish(&pinned, &req, lang).map_err(ApiError::Invalid)?;
    if let Some(key) = &publish_key {
        edit_key = keys::edit_key_for_publish_key(key);
        new.edit_key_hash = keys::hash_secret(&edit_key);
        new.publish_key_hash = Some(keys::hash_secret(key));
        if let Some(id) = published_before(&state, &new).await? {
            return republished(&state, &id, edit_key).await;
        }
    }
    match store::insert(&state.db, &new).await {
        Ok(row) => Ok(published(&row, edit_key, false)),
        // Two requests with one key raced and the other stored first.
        Err(PublishError::DuplicatePublishKey) => match published_before(&state, &new).await? {
            Some(id) => republished(&state, &id, edit_key).await,
            None => Err(ApiError::Internal("publish key taken but not found".into())),
        },
        Err(PublishError::ParentNotFound) => Err(ApiError::NotFound("parent pattern")),
        Err(PublishError::SameAsParent(parent)) => Err(ApiError::SameAsParent(parent)),
        Err(PublishError::LicenceNotAllowed(parent)) => Err(ApiError::invalid(
            "licence",
            "licence_not_allowed",
            licence_message(parent, lang),
        )),
        Err(PublishError::Db(e)) => Err(ApiError::from(e)),
    }
}

/// Why a fork's licence was refused, in the asker's language (the app shows it at the field).
fn licence_message(parent: Licence, lang: Lang) -> String {
    let allowed: Vec<&str> = Licence::ALL
        .into_iter()
        .filter(|l| parent.allows_fork_as(*l))
        .map(Licence::as_str)
        .collect();
    let allowed = allowed.join(", ");
    match lang {
        Lang::En => format!(
            "The original's licence ({}) asks its forks to use: {allowed}.",
            parent.as_str()
        ),
        Lang::Sv => format!(
            "Originalets licens ({}) kräver att forkar använder: {allowed}.",
            parent.as_str()
        ),
        Lang::Ru => format!(
            "Лицензия оригинала ({}) требует для форков: {allowed}.",
            parent.as_str()
        ),
    }
}

/// The `Idempotency-Key` header, if sent (an empty one is none); a malformed one is a 400.
fn publish_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get("idempotency-key").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key) if keys::is_publish_key(key) => Ok(Some(key.to_string())),
        _ => Err(ApiError::BadRequest(
            "Idempotency-Key must be 22 to 64 characters of A-Z, a-z, 0-9, '-' and '_'".into(),
        )),
    }
}

/// The id of the pattern already stored under `new`'s publish key, if the request is the same
/// one again; the key reused for another publish is a conflict.
async fn published_before(state: &AppState, new: &NewPattern) -> ApiResult<Option<String>> {
    let Some(hash) = &new.publish_key_hash else {
        return Ok(None);
    };
    match store::by_publish_key(&state.db, hash).await? {
        None => Ok(None),
        Some((id, content_hash, title))
            if content_hash == new.content_hash && title == new.title.as_str() =>
        {
            Ok(Some(id))
        }
        Some(_) => Err(ApiError::Conflict(
            "this Idempotency-Key was already used to publish a different pattern".into(),
        )),
    }
}

/// The 201 answer of a publish replayed with its `Idempotency-Key`: pattern `id` as stored
/// the first time, and its edit key.
async fn republished(state: &AppState, id: &str, edit_key: String) -> ApiResult<Response> {
    let row = store::get(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::Internal("published pattern not readable".into()))?;
    Ok(published(&row, edit_key, true))
}

/// The 201 answer of a publish: the stored pattern and its edit key.
fn published(row: &PatternRow, edit_key: String, replayed: bool) -> Response {
    let body = PublishResponse {
        // Nobody can like it yet (a replay answers as the first time did).
        pattern: views::pattern(row, false),
        edit_key,
    };
    let location = paths::for_pattern(paths::PATTERN, &row.id);
    let mut res = (StatusCode::CREATED, axum::Json(body)).into_response();
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&location) {
        headers.insert(header::LOCATION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    res
}

/// One pattern. Supports `If-None-Match` (304).
#[utoipa::path(get, path = "/api/v1/patterns/{id}", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, body = stitchfork_api::Pattern<ConfigJson>), (status = 304, description = "not modified"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_one(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
    visitor: Visitor,
    conditions: Conditions,
) -> ApiResult<Response> {
    tagged(&conditions, &view_for(&state, &visitor, &row).await?)
}

/// Edit title, description or tags (edit key required; `If-Match` honoured).
#[utoipa::path(patch, path = "/api/v1/patterns/{id}", tag = "patterns",
    params(("id" = String, Path, description = "pattern id")),
    request_body = PatchRequest,
    security(("edit_key" = [])),
    responses((status = 200, body = stitchfork_api::Pattern<ConfigJson>), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 412, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
              (status = 400, description = "malformed JSON body", body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 415, description = "Content-Type is not application/json", body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn patch(
    State(state): State<SharedState>,
    Editor(row): Editor,
    visitor: Visitor,
    PreferredLang(lang): PreferredLang,
    conditions: Conditions,
    AppJson(req): AppJson<PatchRequest>,
) -> ApiResult<Response> {
    let mut problems = Problems::default();
    let changes = Changes {
        title: req
            .title
            .as_deref()
            .and_then(|t| problems.check(Title::parse_in(t, lang))),
        description: req
            .description
            .as_deref()
            .and_then(|d| problems.check(Description::parse_in(d, lang))),
        tags: req
            .tags
            .as_deref()
            .and_then(|t| problems.check(Tags::parse_in(t, lang))),
    };
    if !problems.0.is_empty() {
        return Err(ApiError::Invalid(problems.0));
    }
    let before = to_json_bytes(&view_for(&state, &visitor, &row).await?)?;
    conditions.check_write(&etag_of(&before))?;
    // The version check makes read-check-write atomic: a concurrent edit wins, we get 412.
    let Some(mut edited) = store::update(&state.db, row.seq, row.version, &changes).await? else {
        return Err(ApiError::PreconditionFailed);
    };
    // Its parent as read at the top of this request (an edit does not change it).
    edited.parent_seq = row.parent_seq;
    edited.parent_title = row.parent_title.clone();
    edited.parent_author = row.parent_author.clone();
    edited.parent_state = row.parent_state;
    let row = edited;
    tagged(
        &Conditions::default(),
        &view_for(&state, &visitor, &row).await?,
    )
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
    Editor(row): Editor,
    visitor: Visitor,
    conditions: Conditions,
) -> ApiResult<StatusCode> {
    let current = to_json_bytes(&view_for(&state, &visitor, &row).await?)?;
    conditions.check_write(&etag_of(&current))?;
    let (public, removed) = (PatternState::Public, PatternState::Removed);
    if !store::set_state(&state.db, row.seq, public, removed, Some(row.version)).await? {
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
