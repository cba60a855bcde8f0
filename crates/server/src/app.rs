//! The whole HTTP application: shared state, the API under `/api/v1`, `/healthz`, the
//! built web app with SPA fallback, and the cross-cutting layers (compression, CORS, traces).

use std::path::Path;
use std::sync::Arc;

use axum::http::{header, HeaderName, Method};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
use stitchfork_model::catalog::Catalog;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::catalog_cache::CatalogCache;
use crate::db::Db;
use crate::error::ApiError;
use crate::ratelimit::Limiter;
use crate::read_cache::ReadCache;
use crate::settings::Settings;
use crate::{api, pages, static_files};

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    pub db: Db,
    pub settings: Settings,
    /// The built-in catalog this binary carries (`GET /catalog`, designs not yet published).
    pub catalog: &'static Catalog,
    /// Stored catalog versions, parsed; the latest version of each catalog.
    pub catalogs: CatalogCache,
    pub publish_limiter: Limiter,
    pub like_limiter: Limiter,
    pub read_cache: ReadCache,
    /// Social-card PNGs by content hash: a design's card never changes.
    pub cards: moka::sync::Cache<String, axum::body::Bytes>,
    /// Rasterizing is CPU work: at most this many cards are drawn at once, whoever asks.
    pub raster_permits: tokio::sync::Semaphore,
}

/// Bytes of card PNGs kept in memory.
const CARD_CACHE_BYTES: u64 = 64 * 1024 * 1024;

pub type SharedState = Arc<AppState>;

impl AppState {
    pub fn new(db: Db, settings: Settings) -> SharedState {
        Arc::new(AppState {
            publish_limiter: Limiter::per_minute(settings.publish_per_minute),
            like_limiter: Limiter::per_minute(settings.like_per_minute),
            read_cache: ReadCache::new(settings.read_cache_ms),
            cards: moka::sync::Cache::builder()
                .weigher(|_: &String, png: &axum::body::Bytes| {
                    u32::try_from(png.len()).unwrap_or(u32::MAX)
                })
                .max_capacity(CARD_CACHE_BYTES)
                .build(),
            raster_permits: tokio::sync::Semaphore::new(2),
            catalog: Catalog::builtin(),
            catalogs: CatalogCache::new(db.builtin_version()),
            db,
            settings,
        })
    }
}

/// Builds the router serving the API and the web app from `dist`.
pub fn router(state: SharedState, dist: &Path) -> Router {
    // No cookies are used, so any origin may read and write (the edit key travels in
    // `Authorization`, which a page must set explicitly).
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::ACCEPT_LANGUAGE,
            HeaderName::from_static("x-visitor-id"),
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            header::LOCATION,
            HeaderName::from_static("idempotent-replayed"),
            HeaderName::from_static(stitchfork_api::catalogs::VERSION_HEADER),
        ]);
    let pages = pages::router(state.clone(), dist);
    let app = static_files::service(dist, &state.settings.frame_ancestors, pages);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .nest("/api/v1", api::router(state))
        // Unknown API paths are JSON 404s, never the web app's index.html.
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .fallback_service(app)
        // Quality 1: what is compressed here is made per request (API JSON, first paints);
        // the web app's files come compressed ahead (static_files). Brotli's default 4 took
        // more CPU than the rest of a cached gallery page (1,441-1,890 req/s on one core
        // against 4,060 uncompressed); 1 keeps most of the saving.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .layer(cors)
        // Defence in depth: a bug that panics in one request answers 500 in our JSON shape
        // and leaves the process serving everyone else.
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::Internal("an internal error stopped this request".into()).into_response()
        }))
        .layer(TraceLayer::new_for_http())
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound("endpoint")
}
