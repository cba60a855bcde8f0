//! The `stitchfork` binary end to end: the "running at" line, static serving with cache
//! headers and SPA fallback, compression, clean exit on SIGTERM with open connections, and
//! `seed --demo` (idempotent, real fork families).

use std::time::Duration;

use crate::common::binary::{serve, signal};
use reqwest::{header, StatusCode};
use stitchfork_server::db::Db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_the_app_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let index = format!(
        "<!doctype html><title>Stitchfork</title>{}",
        "<p>app</p>".repeat(50)
    );
    std::fs::write(dist.join("index.html"), &index).unwrap();
    std::fs::write(
        dist.join("stitchfork-web-0123456789abcdef.js"),
        "console.log(1);".repeat(40),
    )
    .unwrap();
    std::fs::write(dist.join("embed.js"), "/* loader */").unwrap();
    // The database folder does not exist yet: serve creates it.
    let url = format!("sqlite://{}/data/nested/sf.db", dir.path().display());
    let mut running = serve(&url, &dist, &[]).await;
    assert!(dir.path().join("data/nested/sf.db").exists());

    let client = reqwest::Client::builder()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    let get = |path: &str| client.get(format!("{}{path}", running.base)).send();
    assert_eq!(get("/healthz").await.unwrap().text().await.unwrap(), "ok");

    for route in ["/", "/customize/laptop-sleeve", "/p/AAAAAAAAAA", "/me"] {
        let res = get(route).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{route}");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache", "{route}");
        assert_eq!(
            res.text().await.unwrap(),
            index,
            "{route} falls back to index.html"
        );
    }
    let res = get("/stitchfork-web-0123456789abcdef.js").await.unwrap();
    assert_eq!(
        res.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let res = get("/embed.js").await.unwrap();
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(
        get("/missing-file.js").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let res = get("/api/v1/nothing-here").await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(
        res.text().await.unwrap().contains("\"not_found\""),
        "API 404s are JSON, never index.html"
    );
    let res = client
        .get(format!("{}/", running.base))
        .header(header::ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");

    // The client keeps its keep-alive connection open; SIGTERM must still end the process, with 0.
    signal(&running.child, libc::SIGTERM);
    let status = tokio::time::timeout(Duration::from_secs(30), running.child.wait())
        .await
        .expect("the server exits after SIGTERM (hang guard, not a timing check)")
        .unwrap();
    assert!(status.success(), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_the_precompressed_copies_the_build_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let wasm = "stitchfork-web-0123456789abcdef_bg.wasm";
    // Marker bodies: what is sent must be the file the build wrote, byte for byte.
    for (name, body) in [
        ("index.html".to_string(), "<!doctype html><p>plain</p>"),
        ("index.html.br".to_string(), "INDEX-BROTLI"),
        ("index.html.gz".to_string(), "INDEX-GZIP"),
        (wasm.to_string(), "WASM-PLAIN"),
        (format!("{wasm}.br"), "WASM-BROTLI"),
        (format!("{wasm}.gz"), "WASM-GZIP"),
    ] {
        std::fs::write(dist.join(name), body).unwrap();
    }
    let url = format!("sqlite://{}/sf.db", dir.path().display());
    let running = serve(&url, &dist, &[]).await;
    let client = reqwest::Client::new();
    for (path, accept, want, encoding) in [
        (
            format!("/{wasm}"),
            "gzip, deflate, br, zstd",
            "WASM-BROTLI",
            Some("br"),
        ),
        (format!("/{wasm}"), "gzip", "WASM-GZIP", Some("gzip")),
        (format!("/{wasm}"), "identity", "WASM-PLAIN", None),
        ("/me".to_string(), "br", "INDEX-BROTLI", Some("br")),
        ("/".to_string(), "gzip", "INDEX-GZIP", Some("gzip")),
    ] {
        let res = client
            .get(format!("{}{path}", running.base))
            .header(header::ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path} {accept}");
        let headers = res.headers().clone();
        assert_eq!(
            headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{path} {accept}"
        );
        assert!(
            headers
                .get_all(header::VARY)
                .iter()
                .any(|v| v.to_str().unwrap().contains("accept-encoding")),
            "{path}: caches must key on Accept-Encoding: {headers:?}"
        );
        if path.ends_with(".wasm") {
            assert_eq!(headers[header::CONTENT_TYPE], "application/wasm");
        } else {
            assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
        }
        assert_eq!(res.text().await.unwrap(), want, "{path} {accept}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_dist_serves_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/sf.db", dir.path().display());
    let running = serve(&url, &dir.path().join("no-dist"), &[]).await;
    let res = reqwest::get(format!("{}/gallery", running.base))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("not been built"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_demo_is_idempotent_and_has_families() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/sf.db", dir.path().display());
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_stitchfork"))
            .args(["seed", "--demo", "--database-url", &url])
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success());
    let out = String::from_utf8_lossy(&first.stdout).to_string();
    let n: usize = out
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(n >= 24, "a few dozen demo patterns: {out}");
    let second = run();
    assert!(String::from_utf8_lossy(&second.stdout).contains("seeded 0"));

    let db = Db::open(&url).await.unwrap();
    let max_depth: i64 = sqlx::query_scalar("SELECT MAX(depth) FROM patterns")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(max_depth >= 3, "chains 3-4 deep");
    let with_siblings: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM patterns WHERE fork_count >= 2")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert!(with_siblings >= 2, "siblings");
    // Every built-in product has a family of its own: a root and forks of it.
    let products: Vec<(String, i64)> = sqlx::query_as(
        "SELECT product, COUNT(*) FROM patterns WHERE parent_id IS NOT NULL GROUP BY product ORDER BY product",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let names: Vec<&str> = products.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        ["laptop-sleeve", "tote-bag"],
        "forks of both products"
    );
    let distinct: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT content_hash) FROM patterns")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(
        distinct as usize >= n * 3 / 4,
        "varied configurations: {distinct} of {n}"
    );
    // Every stored configuration passes the domain's validation.
    let configs: Vec<String> = sqlx::query_scalar("SELECT config FROM patterns")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    let catalog = stitchfork_model::catalog::Catalog::builtin();
    for c in configs {
        let cfg = stitchfork_model::config::parse(&c).unwrap();
        assert!(
            stitchfork_model::validate::validate(catalog, &cfg, stitchfork_model::Lang::En).is_ok(),
            "{c}"
        );
    }
    db.close().await;
}
