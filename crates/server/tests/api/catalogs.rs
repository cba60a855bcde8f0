//! Retailer catalogs (issue #13): created with a key shown once and stored hashed, versions
//! uploaded with that key or the admin key, every problem of a broken catalog at its JSON path
//! with nothing stored, patterns pinned to the version they were made with (drawn, cut and
//! priced with it after a newer version dropped a colour they use), the upgrade onto the latest
//! version, the built-in catalog recorded at start, and the preview of an unsaved catalog.

use crate::common::{id_of, publish_body, valid_config, TestApp, ADMIN};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};
use stitchfork_api::catalogs::{BUILTIN_ID, MAX_CATALOG_BYTES};
use stitchfork_model::catalog::{Catalog, BUILTIN_JSON};
use stitchfork_model::config;
use stitchfork_model::pricing;

/// The domain crate's test catalog of cushions, named `id`.
fn cushions(id: &str) -> Value {
    let text = include_str!("../../../model/tests/products/cushion-catalog.json");
    let mut catalog: Value = serde_json::from_str(text).expect("cushion catalog");
    catalog["id"] = json!(id);
    catalog
}

/// A fresh catalog id (tests share no database, but ids say which test made them).
fn fresh(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        stitchfork_server::keys::new_pattern_id().to_lowercase()
    )
}

/// POSTs `body` (JSON text) to `path` with an optional bearer key.
async fn post_text(
    app: &TestApp,
    path: &str,
    body: String,
    key: Option<&str>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut rb = app
        .req(Method::POST, path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(key) = key {
        rb = rb.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    app.send(rb).await
}

/// Creates catalog `body`; panics unless 201. Returns the answer (with `catalog_key`).
async fn create(app: &TestApp, body: &Value) -> Value {
    let (s, _, v) = post_text(app, "/api/v1/catalogs", body.to_string(), None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

async fn upload(app: &TestApp, id: &str, body: &Value, key: Option<&str>) -> (StatusCode, Value) {
    let (s, _, v) = post_text(
        app,
        &format!("/api/v1/catalogs/{id}/versions"),
        body.to_string(),
        key,
    )
    .await;
    (s, v)
}

async fn version_count(app: &TestApp, id: &str) -> usize {
    let (s, v) = app
        .get_json(&format!("/api/v1/catalogs/{id}/versions"))
        .await;
    if s == StatusCode::NOT_FOUND {
        return 0;
    }
    assert_eq!(s, StatusCode::OK, "{v}");
    v["versions"].as_array().expect("versions").len()
}

async fn bytes(app: &TestApp, path: &str) -> (StatusCode, Vec<u8>) {
    let res = app.req(Method::GET, path).send().await.expect("request");
    let status = res.status();
    (status, res.bytes().await.expect("body").to_vec())
}

async fn creating_shows_the_key_once_and_stores_it_hashed(app: &TestApp) {
    let id = fresh("shop");
    let text = serde_json::to_string_pretty(&cushions(&id)).expect("json");
    let (s, h, created) = post_text(app, "/api/v1/catalogs", text.clone(), None).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    assert_eq!(h[header::LOCATION], format!("/api/v1/catalogs/{id}"));
    assert_eq!(created["id"], id.as_str());
    assert_eq!(created["version"], 1);
    assert_eq!(created["currency"], "SEK");
    assert_eq!(created["products"], json!(["cushion-cover"]));
    let key = created["catalog_key"].as_str().expect("key");
    assert!(key.starts_with("sfc_") && key.len() >= 36, "{key}");
    // Only the hash is stored.
    let stored: Option<String> = sqlx::query_scalar("SELECT key_hash FROM catalogs WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .expect("row");
    assert_eq!(
        stored.as_deref(),
        Some(stitchfork_server::keys::hash_secret(key).as_str())
    );
    // The latest version is the JSON as uploaded, byte for byte, with its ETag and number.
    let res = app
        .req(Method::GET, &format!("/api/v1/catalogs/{id}"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["catalog-version"], "1");
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_string();
    assert_eq!(res.text().await.expect("body"), text);
    let (s, h, _) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/catalogs/{id}"))
                .header(header::IF_NONE_MATCH, &etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);
    assert_eq!(h["catalog-version"], "1");
    // The key is never shown again.
    let (s, listed) = app
        .get_json(&format!("/api/v1/catalogs/{id}/versions"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(!listed.to_string().contains(key));
    assert_eq!(listed["versions"][0]["etag"], created["etag"]);
    // A taken id is a conflict, and the built-in catalog's id is taken.
    let (s, _, v) = post_text(app, "/api/v1/catalogs", text, None).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let (s, _, v) = post_text(app, "/api/v1/catalogs", BUILTIN_JSON.to_string(), None).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    // Unknown catalogs and versions are 404s.
    for path in [
        "/api/v1/catalogs/no-such-catalog".to_string(),
        "/api/v1/catalogs/NOT_AN_ID".to_string(),
        format!("/api/v1/catalogs/{id}/versions/2"),
        format!("/api/v1/catalogs/{id}/versions/0"),
        format!("/api/v1/catalogs/{id}/versions/x"),
        "/api/v1/catalogs/no-such-catalog/versions".to_string(),
    ] {
        let (s, v) = app.get_json(&path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
    }
}
both!(creating_shows_the_key_once_and_stores_it_hashed);

async fn versions_take_the_catalogs_key_or_the_admin_key(app: &TestApp) {
    let id = fresh("shop");
    let key = create(app, &cushions(&id)).await["catalog_key"]
        .as_str()
        .expect("key")
        .to_string();
    let other_id = fresh("other");
    let other_key = create(app, &cushions(&other_id)).await["catalog_key"]
        .as_str()
        .expect("key")
        .to_string();
    let edit_key = app.publish_ok("Someone's", None).await["edit_key"]
        .as_str()
        .expect("edit key")
        .to_string();
    let mut v2 = cushions(&id);
    v2["materials"][0]["price_per_dm2_minor"] = json!(300);
    // Refused: no key, a wrong key, another catalog's key, a pattern's edit key.
    for (key, expected) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("sfc_wrong"), StatusCode::FORBIDDEN),
        (Some(other_key.as_str()), StatusCode::FORBIDDEN),
        (Some(edit_key.as_str()), StatusCode::FORBIDDEN),
    ] {
        let (s, v) = upload(app, &id, &v2, key).await;
        assert_eq!(s, expected, "{key:?}: {v}");
    }
    assert_eq!(
        version_count(app, &id).await,
        1,
        "a refused upload stores nothing"
    );
    // Its key and the admin key upload versions 2 and 3.
    let (s, v) = upload(app, &id, &v2, Some(&key)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["version"], 2);
    v2["materials"][0]["price_per_dm2_minor"] = json!(310);
    let (s, h, v) = post_text(
        app,
        &format!("/api/v1/catalogs/{id}/versions"),
        v2.to_string(),
        Some(ADMIN),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["version"], 3);
    assert_eq!(
        h[header::LOCATION],
        format!("/api/v1/catalogs/{id}/versions/3")
    );
    let (s, latest) = app.get_json(&format!("/api/v1/catalogs/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(latest["materials"][0]["price_per_dm2_minor"], 310);
    let (s, first) = app
        .get_json(&format!("/api/v1/catalogs/{id}/versions/1"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(first["materials"][0]["price_per_dm2_minor"], 250);
    // A version of another catalog (its id) is refused at `id`, and nothing is stored.
    let (s, v) = upload(app, &id, &cushions(&other_id), Some(&key)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["fields"][0]["path"], "id", "{v}");
    assert_eq!(version_count(app, &id).await, 3);
    // The built-in catalog takes only the admin key.
    let builtin: Value = serde_json::from_str(BUILTIN_JSON).expect("builtin");
    let (s, v) = upload(app, BUILTIN_ID, &builtin, Some(&key)).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (s, v) = upload(app, BUILTIN_ID, &builtin, Some(ADMIN)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["version"], 2);
    // No such catalog.
    let (s, v) = upload(app, "no-such-shop", &cushions("no-such-shop"), Some(ADMIN)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
}
both!(versions_take_the_catalogs_key_or_the_admin_key);

async fn a_catalog_key_cannot_touch_patterns(app: &TestApp) {
    let id = fresh("shop");
    let key = create(app, &cushions(&id)).await["catalog_key"]
        .as_str()
        .expect("key")
        .to_string();
    let pattern = id_of(&app.publish_ok("Mine", None).await);
    let url = format!("/api/v1/patterns/{pattern}");
    let auth = format!("Bearer {key}");
    for rb in [
        app.req(Method::PATCH, &url)
            .json(&json!({"title": "Taken over"})),
        app.req(Method::DELETE, &url),
        app.req(Method::POST, &format!("{url}/hide")),
    ] {
        let (s, _, v) = app.send(rb.header(header::AUTHORIZATION, &auth)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    }
    let (s, v) = app.get_json(&url).await;
    assert_eq!((s, v["title"].as_str()), (StatusCode::OK, Some("Mine")));
}
both!(a_catalog_key_cannot_touch_patterns);

async fn broken_catalogs_are_refused_at_their_paths_and_store_nothing(app: &TestApp) {
    type Break = fn(&mut Value);
    let cases: [(&str, Break, &str); 7] = [
        (
            "unknown field",
            |c| c["materials"][0]["shine"] = json!(1),
            "materials[0].shine",
        ),
        (
            "unknown reference",
            |c| c["materials"][0]["traits"] = json!(["glossy"]),
            "materials[0].traits[0]",
        ),
        (
            "missing translation",
            |c| {
                c["materials"][0]["name"]
                    .as_object_mut()
                    .expect("name")
                    .remove("sv");
            },
            "materials[0].name.sv",
        ),
        (
            "negative price",
            |c| c["materials"][0]["price_per_dm2_minor"] = json!(-5),
            "materials[0].price_per_dm2_minor",
        ),
        (
            "unknown currency",
            |c| c["currency"] = json!("XYZ"),
            "currency",
        ),
        ("malformed id", |c| c["id"] = json!("Not An Id"), "id"),
        (
            "two problems at once",
            |c| {
                c["currency"] = json!("XYZ");
                c["materials"][1]["traits"] = json!(["glossy"]);
            },
            "materials[1].traits[0]",
        ),
    ];
    for (what, break_it, path) in cases {
        let id = fresh("broken");
        let mut catalog = cushions(&id);
        break_it(&mut catalog);
        for url in ["/api/v1/catalogs", "/api/v1/render/catalog-preview"] {
            let (s, _, v) = post_text(app, url, catalog.to_string(), None).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{what} at {url}: {v}");
            let paths: Vec<&str> = v["error"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .filter_map(|f| f["path"].as_str())
                .collect();
            assert!(paths.contains(&path), "{what}: {path} not in {paths:?}");
        }
        assert_eq!(version_count(app, &id).await, 0, "{what}: nothing stored");
    }
    // Every problem is reported, not only the first.
    let mut catalog = cushions(&fresh("broken"));
    catalog["currency"] = json!("XYZ");
    catalog["materials"][1]["traits"] = json!(["glossy"]);
    let (_, _, v) = post_text(app, "/api/v1/catalogs", catalog.to_string(), None).await;
    assert!(
        v["error"]["fields"].as_array().expect("fields").len() >= 2,
        "{v}"
    );
    // Not JSON at all; not JSON content; too large.
    let (s, _, v) = post_text(app, "/api/v1/catalogs", "{\"id\": ".into(), None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, _, _) = app
        .send(
            app.req(Method::POST, "/api/v1/catalogs")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(cushions(&fresh("plain")).to_string()),
        )
        .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let id = fresh("huge");
    let mut huge = cushions(&id).to_string();
    huge.push_str(&" ".repeat(MAX_CATALOG_BYTES + 1 - huge.len()));
    let (s, _, v) = post_text(app, "/api/v1/catalogs", huge, None).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert_eq!(version_count(app, &id).await, 0);
    // Exactly the limit is accepted.
    let mut at_limit = cushions(&id).to_string();
    at_limit.push_str(&" ".repeat(MAX_CATALOG_BYTES - at_limit.len()));
    let (s, _, v) = post_text(app, "/api/v1/catalogs", at_limit, None).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
both!(broken_catalogs_are_refused_at_their_paths_and_store_nothing);

/// A cushion design in `catalog` with a rust front.
fn rust_cushion(catalog: &Value) -> Value {
    let mut cfg = catalog["products"][0]["default"].clone();
    cfg["parts"]["front"]["colour"] = json!("rust");
    cfg
}

async fn patterns_keep_the_version_they_were_made_with(app: &TestApp) {
    let id = fresh("cushion-shop");
    let v1 = cushions(&id);
    let key = create(app, &v1).await["catalog_key"]
        .as_str()
        .expect("key")
        .to_string();
    let mut body = publish_body("Rust cushion");
    body["catalog"] = json!(id);
    body["config"] = rust_cushion(&v1);
    let (s, published) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CREATED, "{published}");
    assert_eq!(published["catalog"], id.as_str());
    assert_eq!(published["catalog_version"], 1);
    assert_eq!(published["product"], "cushion-cover");
    let pattern = id_of(&published);
    let drawn = [
        format!("/api/v1/patterns/{pattern}/preview.svg"),
        format!("/api/v1/patterns/{pattern}/cut-sheet.svg?lang=sv"),
        format!("/api/v1/patterns/{pattern}/card.png"),
    ];
    let mut before = Vec::new();
    for path in &drawn {
        let (s, b) = bytes(app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        before.push(b);
    }
    // Version 2 drops rust and makes cotton dearer.
    let mut v2 = v1.clone();
    let colours = v2["materials"][0]["colours"]
        .as_array_mut()
        .expect("colours");
    colours.retain(|c| c["id"] != "rust");
    v2["materials"][0]["price_per_dm2_minor"] = json!(900);
    let (s, v) = upload(app, &id, &v2, Some(&key)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // The pattern is drawn and cut exactly as before, and still says version 1.
    for (path, b) in drawn.iter().zip(&before) {
        let (s, now) = bytes(app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(now == *b, "{path} changed after version 2");
    }
    let (_, read) = app.get_json(&format!("/api/v1/patterns/{pattern}")).await;
    assert_eq!(read["catalog_version"], 1);
    // A new publish with rust is refused; without it, it is pinned to version 2.
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        v["error"]["fields"][0]["path"], "config.parts.front.colour",
        "{v}"
    );
    let mut white = body.clone();
    white["config"] = v2["products"][0]["default"].clone();
    let (s, v) = app.publish(&white).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["catalog_version"], 2);
    // The upgrade proposes the nearest colour still offered, and prices both versions.
    let (s, up) = app
        .get_json(&format!("/api/v1/patterns/{pattern}/upgrade"))
        .await;
    assert_eq!(s, StatusCode::OK, "{up}");
    assert_eq!(
        (up["from_version"].as_u64(), up["to_version"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(up["catalog"], id.as_str());
    assert_eq!(up["changes"][0]["path"], "parts.front.colour", "{up}");
    assert_eq!(up["changes"][0]["kind"], "discontinued");
    assert_eq!(up["changes"][0]["before"]["en"], "Rust");
    // Rust (#b7410e) is nearest to charcoal (#333333) of cotton's white and charcoal.
    assert_eq!(up["config"]["parts"]["front"]["colour"], "charcoal", "{up}");
    let price = |catalog: &Value, cfg: &Value| {
        let catalog = Catalog::from_json(&catalog.to_string()).expect("catalog");
        let cfg = config::parse(&cfg.to_string()).expect("config");
        pricing::total_minor(&catalog, &cfg).expect("price")
    };
    assert_eq!(up["price_before_minor"], price(&v1, &rust_cushion(&v1)));
    assert_eq!(up["price_after_minor"], price(&v2, &up["config"]));
    assert_ne!(up["price_before_minor"], up["price_after_minor"]);
    assert_eq!(up["currency"], "SEK");
    // The upgraded configuration forks; a fork stays in its parent's catalog.
    let mut fork = publish_body("Charcoal cushion");
    fork["parent_id"] = json!(pattern);
    fork["config"] = up["config"].clone();
    let mut elsewhere = fork.clone();
    elsewhere["catalog"] = json!(BUILTIN_ID);
    let (s, v) = app.publish(&elsewhere).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["fields"][0]["path"], "catalog", "{v}");
    let (s, v) = app.publish(&fork).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(
        (v["catalog"].as_str(), v["catalog_version"].as_u64()),
        (Some(id.as_str()), Some(2))
    );
    // An item made from the pattern records its catalog and version.
    let (s, _, item) = app
        .send(
            app.req(Method::POST, "/api/v1/items")
                .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"))
                .json(&json!({"config": rust_cushion(&v1), "pattern_id": pattern})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{item}");
    let first_etag = &v1_etag(app, &id).await;
    assert_eq!(item["item"]["catalog"], id.as_str());
    assert_eq!(item["item"]["catalog_version"], first_etag.as_str());
    let item_id = item["item"]["id"].as_str().expect("item id");
    let (s, sheet) = bytes(app, &format!("/api/v1/items/{item_id}/cut-sheet.svg")).await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&sheet));
}
both!(patterns_keep_the_version_they_were_made_with);

async fn v1_etag(app: &TestApp, id: &str) -> String {
    let (_, v) = app
        .get_json(&format!("/api/v1/catalogs/{id}/versions"))
        .await;
    v["versions"][0]["etag"].as_str().expect("etag").to_string()
}

async fn forks_stay_in_their_parents_catalog(app: &TestApp) {
    let id = fresh("shop");
    create(app, &cushions(&id)).await;
    let parent = id_of(&app.publish_ok("Built-in", None).await);
    // A fork of a built-in pattern naming another catalog.
    let mut fork = publish_body("Elsewhere");
    fork["parent_id"] = json!(parent);
    fork["catalog"] = json!(id);
    fork["config"] = crate::common::changed_config(&valid_config());
    let (s, v) = app.publish(&fork).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["fields"][0]["path"], "catalog", "{v}");
    // Naming its own catalog is fine.
    fork["catalog"] = json!(BUILTIN_ID);
    let (s, v) = app.publish(&fork).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // Unknown or malformed catalogs are refused at `catalog`.
    for name in ["no-such-shop", "Not An Id"] {
        let mut body = publish_body("Nowhere");
        body["catalog"] = json!(name);
        let (s, v) = app.publish(&body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["error"]["fields"][0]["path"], "catalog", "{v}");
    }
    // A built-in design is not a design in the cushion catalog.
    let mut body = publish_body("Sleeve among cushions");
    body["catalog"] = json!(id);
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // The built-in catalog is the default, pinned to its recorded version.
    let (_, v) = app.publish(&publish_body("Default")).await;
    assert_eq!(
        (v["catalog"].as_str(), v["catalog_version"].as_u64()),
        (Some(BUILTIN_ID), Some(1))
    );
    let (s, up) = app
        .get_json(&format!("/api/v1/patterns/{}/upgrade", id_of(&v)))
        .await;
    assert_eq!(s, StatusCode::OK, "{up}");
    assert_eq!(up["changes"], json!([]));
    assert_eq!(up["from_version"], up["to_version"]);
    assert_eq!(up["price_before_minor"], up["price_after_minor"]);
}
both!(forks_stay_in_their_parents_catalog);

async fn the_builtin_catalog_is_recorded_at_start(app: &TestApp) {
    let res = app
        .req(Method::GET, &format!("/api/v1/catalogs/{BUILTIN_ID}"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["catalog-version"], "1");
    assert_eq!(res.text().await.expect("body"), BUILTIN_JSON);
    assert_eq!(app.db.builtin_version(), 1);
    // Opening the database again records nothing new.
    let again = stitchfork_server::db::Db::open(&app.database_url)
        .await
        .expect("open");
    assert_eq!(again.builtin_version(), 1);
    again.close().await;
    assert_eq!(version_count(app, BUILTIN_ID).await, 1);
    // A deploy with another built-in catalog: pretend the stored latest is a different one.
    let mut older: Value = serde_json::from_str(BUILTIN_JSON).expect("builtin");
    older["materials"][0]["price_per_dm2_minor"] = json!(1);
    let (s, v) = upload(app, BUILTIN_ID, &older, Some(ADMIN)).await;
    assert_eq!(
        (s, v["version"].as_u64()),
        (StatusCode::CREATED, Some(2)),
        "{v}"
    );
    // Two servers start at once: the built-in catalog is recorded once, as version 3.
    let (a, b) = tokio::join!(
        stitchfork_server::db::Db::open(&app.database_url),
        stitchfork_server::db::Db::open(&app.database_url)
    );
    let (a, b) = (a.expect("open a"), b.expect("open b"));
    assert_eq!((a.builtin_version(), b.builtin_version()), (3, 3));
    a.close().await;
    b.close().await;
    assert_eq!(version_count(app, BUILTIN_ID).await, 3);
    let (_, latest) = app
        .get_json(&format!("/api/v1/catalogs/{BUILTIN_ID}"))
        .await;
    assert_eq!(
        latest,
        serde_json::from_str::<Value>(BUILTIN_JSON).expect("json")
    );
}
both!(the_builtin_catalog_is_recorded_at_start);

async fn catalog_preview_draws_every_size(app: &TestApp) {
    let id = fresh("preview");
    let catalog = cushions(&id);
    let (s, _, v) = post_text(
        app,
        "/api/v1/render/catalog-preview?lang=sv",
        catalog.to_string(),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["id"], id.as_str());
    let sizes: Vec<&str> = catalog["products"][0]["sizes"]
        .as_array()
        .expect("sizes")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    let drawn = v["products"][0]["sizes"].as_array().expect("drawn");
    assert_eq!(
        drawn
            .iter()
            .filter_map(|s| s["id"].as_str())
            .collect::<Vec<_>>(),
        sizes
    );
    let mut prices = Vec::new();
    for size in drawn {
        assert!(size["preview_svg"]
            .as_str()
            .expect("svg")
            .starts_with("<svg"));
        let sheet = size["cut_sheet_svg"].as_str().expect("sheet");
        assert!(sheet.starts_with("<svg"));
        prices.push(size["price_minor"].as_i64().expect("price"));
    }
    assert!(
        prices.windows(2).all(|w| w[0] < w[1]),
        "larger costs more: {prices:?}"
    );
    assert_eq!(version_count(app, &id).await, 0, "nothing stored");
    // A default that is only valid at its own size: a 7-letter monogram fits 60 cm, not 45.
    let mut catalog = cushions(&id);
    let mut monogram = catalog["products"][0]["monogram_default"].clone();
    monogram["text"] = json!("ABCDEFG");
    catalog["products"][0]["default"]["size"] = json!("60");
    catalog["products"][0]["default"]["monogram"] = monogram;
    let (s, _, v) = post_text(
        app,
        "/api/v1/render/catalog-preview",
        catalog.to_string(),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        v["error"]["fields"][0]["path"], "products[0].default",
        "{v}"
    );
}
both!(catalog_preview_draws_every_size);

async fn the_catalog_schema_is_served(app: &TestApp) {
    let res = app
        .req(Method::GET, "/api/v1/catalog/schema.json")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "application/schema+json"
    );
    let etag = res.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_string();
    let schema: Value = res.json().await.expect("json");
    assert_eq!(schema["$id"], "/api/v1/catalog/schema.json");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are refused"
    );
    let required = schema["required"].as_array().expect("required");
    assert!(required.contains(&json!("products")) && required.contains(&json!("id")));
    let (s, _, _) = app
        .send(
            app.req(Method::GET, "/api/v1/catalog/schema.json")
                .header(header::IF_NONE_MATCH, etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);
}
both!(the_catalog_schema_is_served);
