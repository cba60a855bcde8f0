//! Made items: a retailer registers the copy it sold (exact configuration, pattern if any); its
//! printable label and cut sheet carry a QR code to `/i/{id}`; the owner claims it with the
//! label's code and gets an owner key; with it, notes and a rating over time. The admin can hide
//! a note. What a pattern's copies say is `GET /patterns/{id}/made`.
//!
//! Keys: a retailer key (`STITCHFORK_RETAILER_KEYS`, or the admin key) to register and to print
//! a label (it carries the claim code); the claim code to claim, once; the owner key to write.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::value::RawValue;
use stitchfork_api::fields::Description;
use stitchfork_api::items::{ClaimRequest, Made, NewNote, Note, OwnerKey};
use stitchfork_api::{paths, ConfigJson};
use stitchfork_model::{config, render, Lang};

use std::sync::Arc;

use stitchfork_api::catalogs::BUILTIN_ID;
use stitchfork_model::Catalog;

use super::access::{self, public_pattern, PublicPattern};
use super::configs;
use super::json::AppJson;
use super::views::rfc3339;
use crate::app::{AppState, SharedState};
use crate::catalog_cache::Version;
use crate::db::catalogs;
use crate::db::items::{self as store, ItemRow, NewItem, NoteRow, RegisterError};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Bearer, ClientIp, PreferredLang};
use crate::{keys, label, pages};

type RegisterItem = stitchfork_api::items::RegisterItem<ConfigJson>;
type Item = stitchfork_api::items::Item<ConfigJson>;
type RegisteredItem = stitchfork_api::items::RegisteredItem<ConfigJson>;

/// Notes shown with a pattern.
const MADE_NOTES: i64 = 20;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route(paths::ITEMS, post(register))
        .route(paths::ITEM, get(get_item))
        .route(paths::ITEM_LABEL, get(label_svg))
        .route(paths::ITEM_CUT_SHEET, get(cut_sheet))
        .route(paths::ITEM_CLAIM, post(claim))
        .route(paths::ITEM_NOTES, post(add_note))
        .route(paths::NOTE_HIDE, post(hide_note))
        .route(paths::MADE, get(made))
}

/// A retailer allowed to register items: its configured name ("admin" for the admin key).
pub struct Retailer(pub String);

impl FromRequestParts<SharedState> for Retailer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> ApiResult<Self> {
        let key = Bearer::from_request_parts(parts, state)
            .await?
            .0
            .ok_or(ApiError::Unauthorized)?;
        if access::is_admin(state, &key) {
            return Ok(Retailer("admin".into()));
        }
        // Every configured key is compared (constant time each), so timing says nothing.
        let mut found = None;
        for (name, retailer_key) in &state.settings.retailer_keys {
            if keys::secrets_equal(&key, retailer_key) && found.is_none() {
                found = Some(name.clone());
            }
        }
        found.map(Retailer).ok_or(ApiError::Forbidden)
    }
}

/// The item named by the path (404 for a malformed id or none).
async fn item_at(state: &AppState, id: &str) -> ApiResult<ItemRow> {
    if !keys::is_pattern_id(id) {
        return Err(ApiError::NotFound("item"));
    }
    store::get(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("item"))
}

fn note_view(n: &NoteRow) -> Note {
    Note {
        id: n.seq,
        item_id: n.item_id.clone(),
        body: n.body.clone(),
        rating: n.rating.and_then(|r| u8::try_from(r).ok()),
        created_at: rfc3339(n.created_at),
    }
}

async fn item_view(state: &AppState, row: &ItemRow) -> ApiResult<Item> {
    let notes = store::notes_of_item(&state.db, row.seq).await?;
    let config = RawValue::from_string(row.config.clone())
        .map_err(|e| ApiError::Internal(format!("stored config of item {}: {e}", row.id)))?;
    Ok(Item {
        id: row.id.clone(),
        product: row.product.clone(),
        config: ConfigJson(config),
        catalog: row.catalog.clone(),
        catalog_version: row.catalog_version.clone(),
        pattern_id: row.pattern_id.clone(),
        pattern_title: row.pattern_title.clone(),
        retailer: row.retailer.clone(),
        claimed: row.owner_key_hash.is_some(),
        created_at: rfc3339(row.created_at),
        notes: notes.iter().map(note_view).collect(),
        label_url: paths::for_item(paths::ITEM_LABEL, &row.id),
        cut_sheet_url: paths::for_item(paths::ITEM_CUT_SHEET, &row.id),
    })
}

/// A catalog to check or draw an item with: the built-in one this binary carries, or a stored
/// version.
enum Pinned {
    Builtin(&'static Catalog),
    Stored(Arc<Version>),
}

impl Pinned {
    fn get(&self) -> &Catalog {
        match self {
            Pinned::Builtin(c) => c,
            Pinned::Stored(v) => &v.catalog,
        }
    }
}

/// The catalog an item was made from: the stored version with the ETag it recorded, else (made
/// before versions were stored, or from a built-in catalog no longer stored) the built-in one.
async fn catalog_of(state: &AppState, row: &ItemRow) -> ApiResult<Pinned> {
    let builtin_here = row.catalog_version.is_empty()
        || (row.catalog == BUILTIN_ID && row.catalog_version == state.catalog.etag());
    if !builtin_here {
        if let Some(n) =
            catalogs::version_by_etag(&state.db, &row.catalog, &row.catalog_version).await?
        {
            return Ok(Pinned::Stored(
                state.catalogs.pinned(&state.db, &row.catalog, n).await?,
            ));
        }
    }
    Ok(Pinned::Builtin(state.catalog))
}

/// The address its QR code points at.
fn item_url(state: &AppState, headers: &HeaderMap, id: &str) -> String {
    format!(
        "{}/i/{id}",
        pages::base_url(&state.settings.public_url, headers)
    )
}

/// Register a made item (retailer key). The claim code in the answer goes on its label.
#[utoipa::path(post, path = "/api/v1/items", tag = "items",
    request_body = stitchfork_api::items::RegisterItem<ConfigJson>,
    security(("retailer_key" = [])),
    responses((status = 201, body = stitchfork_api::items::RegisteredItem<ConfigJson>),
              (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, description = "pattern not found", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn register(
    State(state): State<SharedState>,
    Retailer(retailer): Retailer,
    PreferredLang(lang): PreferredLang,
    AppJson(req): AppJson<RegisterItem>,
) -> ApiResult<Response> {
    if req
        .pattern_id
        .as_deref()
        .is_some_and(|p| !keys::is_pattern_id(p))
    {
        return Err(ApiError::NotFound("pattern"));
    }
    // Made from a pattern: from the catalog version the pattern was made with; else from the
    // built-in catalog, as the customizer offers it.
    let (catalog, catalog_id, catalog_version) = match &req.pattern_id {
        Some(id) => {
            let pattern = public_pattern(&state, id).await?;
            let pinned = state
                .catalogs
                .pinned(&state.db, &pattern.catalog, pattern.catalog_version)
                .await?;
            let etag = pinned.etag.clone();
            (Pinned::Stored(pinned), pattern.catalog.clone(), etag)
        }
        None => (
            Pinned::Builtin(state.catalog),
            state.catalog.id.clone(),
            state.catalog.etag().to_string(),
        ),
    };
    let cfg = configs::checked(catalog.get(), req.config.get(), lang).map_err(ApiError::Invalid)?;
    let code = keys::new_claim_code();
    let new = NewItem {
        id: keys::new_pattern_id(),
        product: cfg.product.clone(),
        config: cfg.canonical_json(),
        content_hash: cfg.content_hash(),
        catalog: catalog_id,
        catalog_version,
        pattern_id: req.pattern_id.clone(),
        retailer,
        claim_code: code.clone(),
    };
    match store::insert(&state.db, &new).await {
        Ok(()) => {}
        Err(RegisterError::PatternNotFound) => return Err(ApiError::NotFound("pattern")),
        Err(RegisterError::Db(e)) => return Err(e.into()),
    }
    let row = item_at(&state, &new.id).await?;
    let body = RegisteredItem {
        item: item_view(&state, &row).await?,
        claim_code: code,
    };
    let mut res = (StatusCode::CREATED, Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// One made item: what it is, from which pattern, by whom, when, and its owner's notes.
#[utoipa::path(get, path = "/api/v1/items/{item}", tag = "items",
    params(("item" = String, Path, description = "item id")),
    responses((status = 200, body = stitchfork_api::items::Item<ConfigJson>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_item(
    State(state): State<SharedState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let row = item_at(&state, &id).await?;
    let mut res = Json(item_view(&state, &row).await?).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

/// An SVG answer that runs nothing if opened directly.
fn svg(body: String, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

/// The sew-in label at real size (70 x 35 mm) with the QR code and the claim code: retailer
/// key (it prints the claim code). After the claim the code is gone, and so is this label.
#[utoipa::path(get, path = "/api/v1/items/{item}/label.svg", tag = "items",
    params(("item" = String, Path, description = "item id")),
    security(("retailer_key" = [])),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "already claimed: the label's code is spent", body = crate::error::ErrorBody)))]
pub async fn label_svg(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    _retailer: Retailer,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let row = item_at(&state, &id).await?;
    let Some(code) = &row.claim_code else {
        return Err(ApiError::Conflict(
            "this item was claimed; its label's code is spent".into(),
        ));
    };
    let catalog = catalog_of(&state, &row).await?;
    let product = catalog
        .get()
        .product(&row.product)
        .map(|p| p.name.get(Lang::En).to_string())
        .unwrap_or_else(|| row.product.clone());
    let url = item_url(&state, &headers, &row.id);
    Ok(svg(
        label::label_svg(&url, &row.id, code, &product, &row.retailer),
        "no-store",
    ))
}

/// The item's cut sheet (`?lang=`), with the QR code to its page below it.
#[utoipa::path(get, path = "/api/v1/items/{item}/cut-sheet.svg", tag = "items", operation_id = "item_cut_sheet",
    params(("item" = String, Path, description = "item id"), ("lang" = Option<String>, Query, description = "en, sv or ru")),
    responses((status = 200, content_type = "image/svg+xml", body = String), (status = 404, body = crate::error::ErrorBody)))]
pub async fn cut_sheet(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    PreferredLang(lang): PreferredLang,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let row = item_at(&state, &id).await?;
    let cfg = config::parse(&row.config)
        .map_err(|e| ApiError::Internal(format!("stored config of item {}: {e}", row.id)))?;
    let catalog = catalog_of(&state, &row).await?;
    let sheet = render::cut_sheet_svg(catalog.get(), &cfg, lang);
    let url = item_url(&state, &headers, &row.id);
    Ok(svg(
        label::cut_sheet_with_qr(&sheet, &url, &row.id),
        "no-cache",
    ))
}

/// Claim an item with the code on its label: answers the owner key, once. A wrong code is a
/// 403 and changes nothing; claims are rate-limited per client like publishes.
#[utoipa::path(post, path = "/api/v1/items/{item}/claim", tag = "items",
    params(("item" = String, Path, description = "item id")),
    request_body = ClaimRequest,
    responses((status = 200, body = OwnerKey), (status = 400, body = crate::error::ErrorBody),
              (status = 403, description = "wrong code", body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
              (status = 409, description = "already claimed", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn claim(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    ClientIp(ip): ClientIp,
    AppJson(req): AppJson<ClaimRequest>,
) -> ApiResult<Response> {
    state.publish_limiter.check(ip)?;
    let row = item_at(&state, &id).await?;
    let Some(code) = &row.claim_code else {
        return Err(ApiError::Conflict("this item is already claimed".into()));
    };
    let typed = keys::normalize_claim_code(&req.code);
    if !keys::secrets_equal(&typed, &keys::normalize_claim_code(code)) {
        return Err(ApiError::Forbidden);
    }
    let owner_key = keys::new_owner_key();
    if !store::claim(&state.db, row.seq, &keys::hash_secret(&owner_key)).await? {
        return Err(ApiError::Conflict("this item is already claimed".into()));
    }
    let mut res = Json(OwnerKey { owner_key }).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Write a note (and a rating) on a claimed item: owner key. Plain text; rate-limited like likes.
#[utoipa::path(post, path = "/api/v1/items/{item}/notes", tag = "items",
    params(("item" = String, Path, description = "item id")),
    request_body = NewNote,
    security(("owner_key" = [])),
    responses((status = 201, body = Note), (status = 400, body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody),
              (status = 415, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn add_note(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    ClientIp(ip): ClientIp,
    Bearer(key): Bearer,
    PreferredLang(lang): PreferredLang,
    AppJson(req): AppJson<NewNote>,
) -> ApiResult<Response> {
    let key = key.ok_or(ApiError::Unauthorized)?;
    state.like_limiter.check(ip)?;
    let row = item_at(&state, &id).await?;
    let owner = row
        .owner_key_hash
        .as_deref()
        .is_some_and(|hash| keys::key_matches(&key, hash));
    if !owner {
        return Err(ApiError::Forbidden);
    }
    let body = Description::parse_in(&req.body, lang).map_err(|mut p| {
        p.path = "body".into();
        ApiError::Invalid(vec![p])
    })?;
    if body.as_str().is_empty() {
        return Err(ApiError::invalid("body", "required", empty_note(lang)));
    }
    if req.rating.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(ApiError::invalid("rating", "range", "1 to 5"));
    }
    let seq = store::add_note(&state.db, row.seq, body.as_str(), req.rating.map(i64::from)).await?;
    let note = Note {
        id: seq,
        item_id: row.id.clone(),
        body: body.as_str().to_string(),
        rating: req.rating,
        created_at: rfc3339(crate::db::now_ms()),
    };
    Ok((StatusCode::CREATED, Json(note)).into_response())
}

fn empty_note(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Write something in the note.",
        Lang::Sv => "Skriv något i anteckningen.",
        Lang::Ru => "Напишите что-нибудь в заметке.",
    }
}

/// Hide a note (admin).
#[utoipa::path(post, path = "/api/v1/notes/{note}/hide", tag = "items",
    params(("note" = i64, Path, description = "note id")),
    security(("admin_key" = [])),
    responses((status = 204, description = "hidden"), (status = 401, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn hide_note(
    State(state): State<SharedState>,
    _admin: super::access::Admin,
    Path(note): Path<String>,
) -> ApiResult<StatusCode> {
    let seq: i64 = note.parse().map_err(|_| ApiError::NotFound("note"))?;
    if store::hide_note(&state.db, seq).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("note"))
    }
}

/// What the items made from a pattern say: how many, their rating, the owners' latest notes.
#[utoipa::path(get, path = "/api/v1/patterns/{id}/made", tag = "items",
    params(("id" = String, Path, description = "pattern id")),
    responses((status = 200, body = Made), (status = 404, body = crate::error::ErrorBody)))]
pub async fn made(
    State(state): State<SharedState>,
    PublicPattern(row): PublicPattern,
) -> ApiResult<Json<Made>> {
    let (stats, notes) = store::made_from(&state.db, &row.id, MADE_NOTES).await?;
    Ok(Json(Made {
        made_count: stats.made_count,
        rating_count: stats.rating_count,
        rating_average: stats.rating_average(),
        notes: notes.iter().map(note_view).collect(),
    }))
}
