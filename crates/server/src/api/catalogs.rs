//! Retailer catalogs (issue #13): create one (its key shown once), upload versions with that key
//! (or the admin key), read the latest, one or every version, and preview an unsaved catalog's
//! products at every size. The contract is `stitchfork_api::catalogs`.
//!
//! A catalog body is JSON text, kept byte for byte as uploaded (its ETag is the hash of those
//! bytes), so it is read as text, not through [`super::json::AppJson`]: up to
//! [`MAX_CATALOG_BYTES`] (more than other bodies), and every problem the domain crate finds,
//! malformed JSON included, is a 422 at its JSON path.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use stitchfork_api::catalogs::{
    is_catalog_id, CatalogCreated, CatalogPreview, CatalogVersion, CatalogVersions, ProductPreview,
    SizePreview, MAX_CATALOG_BYTES, VERSION_HEADER,
};
use stitchfork_api::paths;
use stitchfork_model::catalog::{Catalog, CatalogError};
use stitchfork_model::{pricing, render, validate, Lang};

use super::access;
use super::conditional::{tag, Conditions};
use super::json::DRAIN_BYTES;
use super::views::rfc3339;
use crate::app::SharedState;
use crate::catalog_cache::Version;
use crate::db::catalogs::{self as store, CatalogRow, CatalogWriteError, NewVersion, VersionMeta};
use crate::error::{ApiError, ApiResult, FieldProblem};
use crate::extract::{Bearer, ClientIp, PreferredLang};
use crate::keys;

/// `/catalogs...` and `/render/catalog-preview`.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route(paths::CATALOGS, post(create))
        .route(paths::CATALOG_LATEST, get(latest))
        .route(paths::CATALOG_VERSIONS, get(versions).post(upload))
        .route(paths::CATALOG_VERSION, get(one_version))
        .route(paths::RENDER_CATALOG_PREVIEW, post(catalog_preview))
}

/// A stored version never changes.
const CACHE_VERSION: &str = "public, max-age=31536000, immutable";

/// A catalog's JSON text from the request body: `Content-Type: application/json` (else 415),
/// at most [`MAX_CATALOG_BYTES`] (else 413), UTF-8 (else 422).
pub struct CatalogBody(pub String);

impl<S: Send + Sync> FromRequest<S> for CatalogBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> ApiResult<Self> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|m| m.trim().to_ascii_lowercase())
            .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
        if !json {
            return Err(ApiError::UnsupportedMediaType);
        }
        // A moderately oversized body is read and dropped, so its sender receives the 413.
        let bytes = axum::body::to_bytes(req.into_body(), MAX_CATALOG_BYTES + DRAIN_BYTES)
            .await
            .map_err(|e| {
                if e.into_inner().is::<http_body_util::LengthLimitError>() {
                    ApiError::PayloadTooLarge(MAX_CATALOG_BYTES)
                } else {
                    ApiError::BadRequest("cannot read the request body".into())
                }
            })?;
        if bytes.len() > MAX_CATALOG_BYTES {
            return Err(ApiError::PayloadTooLarge(MAX_CATALOG_BYTES));
        }
        String::from_utf8(bytes.to_vec())
            .map(CatalogBody)
            .map_err(|e| ApiError::invalid("", "json", format!("the catalog is not UTF-8: {e}")))
    }
}

/// The catalog named by the path: a well-formed id (anything else is a 404 without a query).
pub struct CatalogId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CatalogId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("catalog"))?;
        match params.get("catalog") {
            Some(id) if is_catalog_id(id) => Ok(CatalogId(id.clone())),
            _ => Err(ApiError::NotFound("catalog")),
        }
    }
}

/// The version number named by the path (`/versions/{version}`): digits only, else 404.
pub struct VersionNumber(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for VersionNumber {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> ApiResult<Self> {
        let missing = || ApiError::NotFound("catalog version");
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| missing())?;
        params
            .get("version")
            .filter(|v| !v.is_empty() && v.len() <= 9 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<i64>().ok())
            .map(VersionNumber)
            .ok_or_else(missing)
    }
}

/// The catalog `id` if `key` may upload versions of it: its own key, or the admin key (the only
/// one for the built-in catalog). 401 without a key, 404 for no such catalog, 403 for any other
/// key (another catalog's, a pattern's edit key...).
async fn uploader(state: &SharedState, id: &str, key: Option<String>) -> ApiResult<CatalogRow> {
    let key = key.ok_or(ApiError::Unauthorized)?;
    let row = store::get(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("catalog"))?;
    let admin = access::is_admin(state, &key);
    let owner = row
        .key_hash
        .as_deref()
        .is_some_and(|hash| keys::key_matches(&key, hash));
    if admin || owner {
        Ok(row)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The domain's verdict on a catalog's JSON, with every problem at its JSON path, and the
/// checks of its `id` (well-formed; `expected_id` when uploading a version). Runs off the
/// async threads: checking a large catalog evaluates every shape at every size.
pub async fn checked(text: String, expected_id: Option<String>) -> ApiResult<Catalog> {
    tokio::task::spawn_blocking(move || check_now(&text, expected_id.as_deref()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Invalid)
}

fn check_now(text: &str, expected_id: Option<&str>) -> Result<Catalog, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let parsed = Catalog::from_json(text);
    match &parsed {
        Ok(_) => {}
        Err(CatalogError::Json { message, .. }) => {
            problems.push(FieldProblem::new(&json_error_path(text), "json", message))
        }
        Err(CatalogError::Invalid { problems: found }) => problems.extend(
            found
                .iter()
                .map(|p| FieldProblem::new(&p.path, "catalog", p.message.clone())),
        ),
    }
    // The id is read on its own, so its problem is reported along with the others.
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    if let Ok(IdOnly { id }) = serde_json::from_str::<IdOnly>(text) {
        if !is_catalog_id(&id) {
            problems.push(FieldProblem::new(
                "id",
                "catalog_id",
                "a catalog id is 3 to 40 of a-z, 0-9 and '-', starting with a letter",
            ));
        } else if expected_id.is_some_and(|expected| expected != id) {
            problems.push(FieldProblem::new(
                "id",
                "catalog_id",
                format!(
                    "this is a version of catalog {:?}: its id must be that",
                    expected_id.unwrap_or_default()
                ),
            ));
        }
    }
    match parsed {
        Ok(catalog) if problems.is_empty() => Ok(catalog),
        _ => Err(problems),
    }
}

/// Where serde stopped reading a catalog (`materials[0].colours[1].hexx`), or `""` (the
/// document) for JSON that is not even well-formed.
fn json_error_path(text: &str) -> String {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Catalog>(&mut de) {
        Ok(_) => String::new(),
        Err(e) => {
            let path = e.path().to_string();
            if path == "." {
                String::new()
            } else {
                path
            }
        }
    }
}

/// The contract's view of a stored version.
fn version_view(m: &VersionMeta) -> CatalogVersion {
    CatalogVersion {
        id: m.catalog.clone(),
        version: u32::try_from(m.version).unwrap_or_default(),
        etag: m.etag.clone(),
        currency: m.currency.clone(),
        products: serde_json::from_str(&m.products).unwrap_or_default(),
        created_at: rfc3339(m.created_at),
    }
}

/// A 201 with `body`, `Location` and no caching.
fn created(location: &str, body: impl serde::Serialize) -> Response {
    let mut res = (StatusCode::CREATED, Json(body)).into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(header::LOCATION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Keeps what was just stored parsed, so the next publish in it does not parse it again.
fn remember(state: &SharedState, meta: &VersionMeta, catalog: Catalog) {
    if let Ok(number) = u32::try_from(meta.version) {
        state.catalogs.put(Version {
            catalog_id: meta.catalog.clone(),
            number,
            etag: meta.etag.clone(),
            catalog,
        });
    }
}

/// Create a catalog from its JSON (its `id` names it). Its key is in this answer only.
#[utoipa::path(post, path = "/api/v1/catalogs", tag = "catalogs",
    request_body(content = Object, description = "a catalog (the JSON Schema is at /api/v1/catalog/schema.json), at most 512 KiB"),
    responses((status = 201, body = CatalogCreated, description = "version 1 is stored; `Location` is the catalog"),
              (status = 400, description = "the body could not be read", body = crate::error::ErrorBody),
              (status = 409, description = "a catalog with this id exists", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, description = "every problem of the catalog, each at its JSON path", body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<SharedState>,
    ClientIp(ip): ClientIp,
    CatalogBody(text): CatalogBody,
) -> ApiResult<Response> {
    state.publish_limiter.check(ip)?;
    let catalog = checked(text.clone(), None).await?;
    let key = keys::new_catalog_key();
    let new = NewVersion::of(&catalog, text);
    let meta = match store::create(&state.db, &catalog.id, &keys::hash_secret(&key), new).await {
        Ok(meta) => meta,
        Err(CatalogWriteError::Taken) => {
            return Err(ApiError::Conflict(format!(
                "a catalog named {:?} exists; choose another id",
                catalog.id
            )))
        }
        Err(CatalogWriteError::NotFound) => {
            return Err(ApiError::Internal("a new catalog was not found".into()))
        }
        Err(CatalogWriteError::Db(e)) => return Err(e.into()),
    };
    remember(&state, &meta, catalog);
    let body = CatalogCreated {
        version: version_view(&meta),
        catalog_key: key,
    };
    let location = paths::for_catalog(paths::CATALOG_LATEST, &meta.catalog, 1);
    Ok(created(&location, body))
}

/// Upload a new version (the catalog's key, or the admin key; the built-in catalog only with
/// the admin key). Its `id` must be the catalog's. A refused upload stores nothing.
#[utoipa::path(post, path = "/api/v1/catalogs/{catalog}/versions", tag = "catalogs",
    params(("catalog" = String, Path, description = "catalog id")),
    request_body(content = Object, description = "the catalog's new version, at most 512 KiB"),
    security(("catalog_key" = []), ("admin_key" = [])),
    responses((status = 201, body = CatalogVersion, description = "stored; `Location` is the version"),
              (status = 400, description = "the body could not be read", body = crate::error::ErrorBody),
              (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, description = "every problem of the catalog, each at its JSON path", body = crate::error::ErrorBody),
              (status = 507, description = "the server is out of storage space (`storage_full`, with Retry-After)", body = crate::error::ErrorBody)))]
pub async fn upload(
    State(state): State<SharedState>,
    CatalogId(id): CatalogId,
    Bearer(key): Bearer,
    CatalogBody(text): CatalogBody,
) -> ApiResult<Response> {
    // Decided once the body is read: a refusal sent while a large upload is still arriving
    // would reach the client as a reset connection, not as the 401/403. The costly part, the
    // check, comes after.
    let row = uploader(&state, &id, key).await?;
    let catalog = checked(text.clone(), Some(row.id.clone())).await?;
    let meta = match store::add_version(&state.db, &row.id, NewVersion::of(&catalog, text)).await {
        Ok(meta) => meta,
        Err(CatalogWriteError::NotFound | CatalogWriteError::Taken) => {
            return Err(ApiError::NotFound("catalog"))
        }
        Err(CatalogWriteError::Db(e)) => return Err(e.into()),
    };
    remember(&state, &meta, catalog);
    let number = u32::try_from(meta.version).unwrap_or_default();
    let location = paths::for_catalog(paths::CATALOG_VERSION, &meta.catalog, number);
    Ok(created(&location, version_view(&meta)))
}

/// A stored version's JSON as uploaded, with its ETag and number.
fn version_body(
    conditions: &Conditions,
    row: store::VersionRow,
    cache_control: &'static str,
) -> Response {
    let mut res = conditions.respond(
        tag(&row.etag),
        cache_control,
        ([(header::CONTENT_TYPE, "application/json")], row.json),
    );
    res.headers_mut()
        .insert(VERSION_HEADER, HeaderValue::from(row.version));
    res
}

/// The latest version's JSON, exactly as uploaded (`ETag`, `catalog-version`; 304).
#[utoipa::path(get, path = "/api/v1/catalogs/{catalog}", tag = "catalogs",
    params(("catalog" = String, Path, description = "catalog id")),
    responses((status = 200, body = Object, description = "the catalog JSON; `catalog-version` says which version",
               headers(("catalog-version" = u32, description = "the version's number"))),
              (status = 304, description = "not modified (If-None-Match)"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn latest(
    State(state): State<SharedState>,
    CatalogId(id): CatalogId,
    conditions: Conditions,
) -> ApiResult<Response> {
    let number = store::latest(&state.db, &id)
        .await?
        .ok_or(ApiError::NotFound("catalog"))?;
    let row = store::version(&state.db, &id, number)
        .await?
        .ok_or(ApiError::NotFound("catalog"))?;
    Ok(version_body(&conditions, row, "no-cache"))
}

/// One version's JSON, exactly as uploaded (immutable).
#[utoipa::path(get, path = "/api/v1/catalogs/{catalog}/versions/{version}", tag = "catalogs",
    params(("catalog" = String, Path, description = "catalog id"), ("version" = u32, Path, description = "version number (1, 2, ...)")),
    responses((status = 200, body = Object, description = "the catalog JSON of that version",
               headers(("catalog-version" = u32, description = "the version's number"))),
              (status = 304, description = "not modified (If-None-Match)"),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn one_version(
    State(state): State<SharedState>,
    CatalogId(id): CatalogId,
    VersionNumber(number): VersionNumber,
    conditions: Conditions,
) -> ApiResult<Response> {
    let row = store::version(&state.db, &id, number)
        .await?
        .ok_or(ApiError::NotFound("catalog version"))?;
    Ok(version_body(&conditions, row, CACHE_VERSION))
}

/// Every version of a catalog, oldest first.
#[utoipa::path(get, path = "/api/v1/catalogs/{catalog}/versions", tag = "catalogs",
    params(("catalog" = String, Path, description = "catalog id")),
    responses((status = 200, body = CatalogVersions), (status = 404, body = crate::error::ErrorBody)))]
pub async fn versions(
    State(state): State<SharedState>,
    CatalogId(id): CatalogId,
) -> ApiResult<Response> {
    let versions = store::versions(&state.db, &id).await?;
    if versions.is_empty() {
        return Err(ApiError::NotFound("catalog"));
    }
    let body = CatalogVersions {
        id,
        versions: versions.iter().map(version_view).collect(),
    };
    Ok(([(header::CACHE_CONTROL, "no-cache")], Json(body)).into_response())
}

/// What an unsaved catalog's products look like: each product's default configuration at each
/// of its sizes, drawn and priced (`?lang=` for the cut sheets). Nothing is stored.
#[utoipa::path(post, path = "/api/v1/render/catalog-preview", tag = "catalogs",
    params(("lang" = Option<String>, Query, description = "en, sv or ru")),
    request_body(content = Object, description = "a catalog, at most 512 KiB"),
    responses((status = 200, body = CatalogPreview),
              (status = 400, description = "the body could not be read", body = crate::error::ErrorBody),
              (status = 413, body = crate::error::ErrorBody), (status = 415, body = crate::error::ErrorBody),
              (status = 422, description = "every problem of the catalog, each at its JSON path (a product's default that is not valid at one of its sizes: at `products[i].default`)", body = crate::error::ErrorBody),
              (status = 429, body = crate::error::ErrorBody)))]
pub async fn catalog_preview(
    State(state): State<SharedState>,
    ClientIp(ip): ClientIp,
    PreferredLang(lang): PreferredLang,
    CatalogBody(text): CatalogBody,
) -> ApiResult<Response> {
    // Checking and drawing every size of a large catalog is real work, like a publish.
    state.publish_limiter.check(ip)?;
    let catalog = checked(text, None).await?;
    let body = tokio::task::spawn_blocking(move || draw_every_size(&catalog, lang))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::Invalid)?;
    let mut res = Json(body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Every product's default at every size, or a problem at `products[i].default` for each size
/// where it is not a valid design.
fn draw_every_size(catalog: &Catalog, lang: Lang) -> Result<CatalogPreview, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut products = Vec::new();
    for (i, product) in catalog.products.iter().enumerate() {
        let mut sizes = Vec::new();
        for size in &product.sizes {
            let mut cfg = product.default.clone();
            cfg.size = size.id.clone();
            let priced = validate::validate(catalog, &cfg, lang)
                .and_then(|()| pricing::quote(catalog, &cfg, lang));
            match priced {
                Ok(quote) => sizes.push(SizePreview {
                    id: size.id.clone(),
                    name: size.name.clone(),
                    price_minor: quote.total_minor,
                    preview_svg: render::preview_svg(catalog, &cfg),
                    cut_sheet_svg: render::cut_sheet_svg(catalog, &cfg, lang),
                }),
                Err(found) => problems.extend(found.into_iter().map(|p| {
                    FieldProblem::new(
                        &format!("products[{i}].default"),
                        &p.code,
                        format!("at size {:?}, {}: {}", size.id, p.path, p.message),
                    )
                })),
            }
        }
        products.push(ProductPreview {
            id: product.id.clone(),
            name: product.name.clone(),
            sizes,
        });
    }
    if problems.is_empty() {
        Ok(CatalogPreview {
            id: catalog.id.clone(),
            currency: catalog.currency.clone(),
            products,
        })
    } else {
        Err(problems)
    }
}
