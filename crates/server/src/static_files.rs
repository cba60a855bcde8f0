//! Serving the built web app (`dist/`): files as they are (or their precompressed `.br`/`.gz`
//! copies), the SPA fallback to `index.html` for client-side routes, long-lived caching for
//! Trunk's hashed assets, `no-cache` for the rest, and a small "not built" page when there is
//! no build.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get_service;
use axum::Router;
use tower::service_fn;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::csp;

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Stitchfork</title>\
<h1>Stitchfork</h1><p>The API is running, but the web app has not been built yet \
(no <code>index.html</code> in the dist folder). Build it with Trunk, then reload.</p>";

/// The service answering every non-API path; `frame_ancestors` may frame `/embed` (empty = any).
/// `pages` are routes answering pages of their own (`/p/{id}` with its social card); they get
/// the same security and cache headers as the files.
pub fn service(dist: &Path, frame_ancestors: &[String], pages: Router) -> Router {
    let index = dist.join("index.html");
    if !index.is_file() {
        tracing::warn!(
            "no web app build at {}; serving a placeholder page",
            index.display()
        );
        return Router::new().fallback(|| async { Html(NOT_BUILT) });
    }
    let policy = Arc::new(csp::Policy::new(dist, frame_ancestors));
    let spa = service_fn(move |req: Request| spa_fallback(index.clone(), req));
    // The build writes brotli/gzip copies at their highest levels (scripts/precompress.mjs);
    // they are sent as they are when the browser accepts them, else the compression layer
    // compresses on the fly.
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa);
    Router::new()
        .merge(pages)
        .fallback_service(get_service(files))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn(move |req, next| {
            csp::layer(policy.clone(), req, next)
        }))
}

/// Paths that look like files (a dot in the last segment) and do not exist are 404s;
/// everything else is a client-side route and gets `index.html`.
async fn spa_fallback(index: PathBuf, req: Request) -> Result<Response, Infallible> {
    let last = req.uri().path().rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return Ok((StatusCode::NOT_FOUND, "not found").into_response());
    }
    Ok(index_file(index, req).await)
}

/// The built `index.html` as the build wrote it, in the precompressed copy the browser accepts.
pub async fn index_file(index: PathBuf, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let req = Request::from_parts(parts, Body::empty());
    let index = ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip();
    match index.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Hashed assets never change under the same name; everything else must revalidate. The body
/// depends on `Accept-Encoding` (precompressed copies), so shared caches must key on it.
async fn cache_headers(req: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let headers = res.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        let varies = headers.get_all(header::VARY).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
        });
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    res
}

/// Trunk names built assets `<name>-<hash>.<ext>` (or `..._bg.wasm`), the hash being a u64 in
/// hex without leading zeros: up to 16 digits, sometimes fewer. The split app's modules live in
/// a folder named after the build, `/app/<16 hex>/` (scripts/wasm-split.sh).
pub fn is_hashed_asset(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("/app/") {
        return rest.split_once('/').is_some_and(|(build, file)| {
            build.len() == 16 && build.bytes().all(|b| b.is_ascii_hexdigit()) && file.contains('.')
        });
    }
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((_, tail)) = name.rsplit_once('-') else {
        return false;
    };
    let hex = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
    (10..=16).contains(&hex) && matches!(tail.as_bytes().get(hex), Some(b'.' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_trunk_hashes() {
        assert!(is_hashed_asset("/stitchfork-web-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/stitchfork-web-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        // A hash with a leading zero is printed with 15 digits.
        assert!(is_hashed_asset("/stitchfork-web-b6bb5190a4f924b_bg.wasm"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/embed.js"));
        assert!(!is_hashed_asset("/x-0123.js"));
    }

    #[test]
    fn recognizes_the_split_apps_build_folder() {
        assert!(is_hashed_asset(
            "/app/0123456789abcdef/stitchfork-web_bg.wasm"
        ));
        assert!(is_hashed_asset(
            "/app/0123456789abcdef/split_customize.wasm"
        ));
        assert!(!is_hashed_asset("/app/0123456789abcdef/"));
        assert!(!is_hashed_asset("/app/0123/split_customize.wasm"));
        assert!(!is_hashed_asset("/app/customize"));
    }
}
