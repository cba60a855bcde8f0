//! The REST API suite, run against a real SQLite file and a real PostgreSQL database
//! (see `common`). Each test gets a fresh database.

mod common;

use std::collections::HashSet;

use common::{publish_body, valid_config, TestApp};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

const ADMIN: &str = "test-admin-key-0123456789";

fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_string()
}

async fn publish_and_read_back(app: &TestApp) {
    let created = app.publish_ok("Ink classic", None).await;
    let id = id_of(&created);
    assert_eq!(id.len(), 10);
    let key = created["edit_key"].as_str().expect("edit key");
    assert!(key.len() >= 36, "edit key carries >= 128 bits: {key}");
    assert_eq!(created["like_count"], 0);
    assert_eq!(created["fork_count"], 0);
    assert_eq!(created["parent"], Value::Null);

    let res = app
        .req(Method::GET, &format!("/api/v1/patterns/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let text = res.text().await.unwrap();
    assert!(
        !text.contains("edit_key"),
        "the key (or its hash) never appears again: {text}"
    );
    let got: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(got["title"], "Ink classic");
    assert_eq!(got["tags"], json!(["test", "wool"]));
    assert_eq!(got["config"], valid_config());
    assert_eq!(got["content_hash"], created["content_hash"]);

    let (s, _, _) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}"))
                .header(header::IF_NONE_MATCH, &etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);
    let (s, _, _) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}"))
                .header(header::IF_NONE_MATCH, "\"other\""),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // Unknown and malformed ids are 404s.
    for path in [
        "/api/v1/patterns/AAAAAAAAAA",
        "/api/v1/patterns/..%2F..%2Fx",
        "/api/v1/patterns/x'--",
    ] {
        let (s, _, v) = app.send(app.req(Method::GET, path)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(v["error"]["code"], "not_found");
    }
}
both!(publish_and_read_back);

async fn catalog_has_etag(app: &TestApp) {
    let res = app
        .req(Method::GET, "/api/v1/catalog")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let body: Value = res.json().await.unwrap();
    assert!(body["products"].as_array().is_some_and(|p| !p.is_empty()));
    let (s, _, _) = app
        .send(
            app.req(Method::GET, "/api/v1/catalog")
                .header(header::IF_NONE_MATCH, etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);
}
both!(catalog_has_etag);

async fn edit_needs_the_right_key(app: &TestApp) {
    let mine = app.publish_ok("Mine", None).await;
    let other = app.publish_ok("Other", None).await;
    let id = id_of(&mine);
    let path = format!("/api/v1/patterns/{id}");
    let key = mine["edit_key"].as_str().unwrap();
    let other_key = other["edit_key"].as_str().unwrap();
    let change = json!({"title": "Hacked"});

    let (s, _, v) = app.send(app.req(Method::PATCH, &path).json(&change)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "{v}");
    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &path)
                .bearer_auth(other_key)
                .json(&change),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(v["error"]["code"], "forbidden");
    let (s, _, _) = app
        .send(app.req(Method::DELETE, &path).bearer_auth(other_key))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = app.send(app.req(Method::DELETE, &path)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (_, got) = app.get_json(&path).await;
    assert_eq!(got["title"], "Mine", "unchanged after refused edits");

    // Stale If-Match: 412 and unchanged.
    let res = app.req(Method::GET, &path).send().await.unwrap();
    let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
    let (s, _, _) = app
        .send(
            app.req(Method::PATCH, &path)
                .bearer_auth(key)
                .header(header::IF_MATCH, "\"stale\"")
                .json(&change),
        )
        .await;
    assert_eq!(s, StatusCode::PRECONDITION_FAILED);
    let (_, got) = app.get_json(&path).await;
    assert_eq!(got["title"], "Mine");

    // Matching If-Match: edited; the old ETag is now stale.
    let (s, h, v) = app
        .send(
            app.req(Method::PATCH, &path)
                .bearer_auth(key)
                .header(header::IF_MATCH, &etag)
                .json(&json!({"title": "  Renamed ", "tags": ["New", "new", "blue"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["title"], "Renamed");
    assert_eq!(v["tags"], json!(["new", "blue"]));
    assert_ne!(h[header::ETAG].to_str().unwrap(), etag);
    let (s, _, _) = app
        .send(
            app.req(Method::DELETE, &path)
                .bearer_auth(key)
                .header(header::IF_MATCH, &etag),
        )
        .await;
    assert_eq!(s, StatusCode::PRECONDITION_FAILED);

    // Invalid edits are 422 with fields.
    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &path)
                .bearer_auth(key)
                .json(&json!({"title": ""})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["error"]["fields"][0]["path"], "title");

    // The admin key may edit any pattern.
    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &path)
                .bearer_auth(ADMIN)
                .json(&json!({"description": "moderated"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["description"], "moderated");
}
both!(edit_needs_the_right_key);

async fn unpublish_keeps_the_family(app: &TestApp) {
    let parent = app.publish_ok("Parent", None).await;
    let pid = id_of(&parent);
    let child = app.publish_ok("Child", Some(&pid)).await;
    let cid = id_of(&child);
    assert_eq!(child["parent"]["title"], "Parent");
    assert_eq!(child["parent"]["removed"], false);
    assert_eq!(child["depth"], 1);
    assert_eq!(child["root_id"], pid.as_str());
    let (_, p) = app.get_json(&format!("/api/v1/patterns/{pid}")).await;
    assert_eq!(p["fork_count"], 1);

    let (s, _, _) = app
        .send(
            app.req(Method::DELETE, &format!("/api/v1/patterns/{pid}"))
                .bearer_auth(parent["edit_key"].as_str().unwrap()),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.get_json(&format!("/api/v1/patterns/{pid}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, c) = app.get_json(&format!("/api/v1/patterns/{cid}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["parent"], json!({"id": pid, "removed": true}));
    let (s, l) = app
        .get_json(&format!("/api/v1/patterns/{cid}/lineage"))
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    assert_eq!(l["ancestors"][0]["id"], pid.as_str());
    assert_eq!(l["ancestors"][0]["removed"], true);
    assert!(l["ancestors"][0].get("title").is_none());
    // A removed pattern cannot be forked, listed, liked or rendered.
    let mut body = publish_body("Orphan");
    body["parent_id"] = json!(pid);
    let (s, _) = app.publish(&body).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = app.get_json("/api/v1/patterns").await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["id"] != pid.as_str()));
    let (s, _, _) = app
        .send(app.req(Method::POST, &format!("/api/v1/patterns/{pid}/like")))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = app
        .send(app.req(Method::GET, &format!("/api/v1/patterns/{pid}/preview.svg")))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both!(unpublish_keeps_the_family);

async fn mass_assignment_is_refused(app: &TestApp) {
    for (field, value) in [
        ("id", json!("AAAAAAAAAA")),
        ("like_count", json!(1000)),
        ("fork_count", json!(5)),
        ("created_at", json!("2000-01-01T00:00:00Z")),
        ("state", json!("hidden")),
        ("edit_key_hash", json!("00")),
        ("edit_key", json!("sfk_mine")),
    ] {
        let mut body = publish_body("Sneaky");
        body[field] = value;
        let (s, v) = app.publish(&body).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{field}: {v}");
        assert!(
            v["error"]["message"].as_str().unwrap().contains(field),
            "{v}"
        );
    }
    let mut body = publish_body("Sneaky config");
    body["config"]["price"] = json!(0);
    let (s, _) = app.publish(&body).await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown config fields are refused by the domain"
    );

    let created = app.publish_ok("Honest", None).await;
    let other = app.publish_ok("Other", None).await;
    let path = format!("/api/v1/patterns/{}", id_of(&created));
    for change in [
        json!({"parent_id": id_of(&other)}),
        json!({"like_count": 9}),
        json!({"config": valid_config()}),
    ] {
        let (s, _, v) = app
            .send(
                app.req(Method::PATCH, &path)
                    .bearer_auth(created["edit_key"].as_str().unwrap())
                    .json(&change),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{change}: {v}");
    }
    let (_, got) = app.get_json(&path).await;
    assert_eq!(got["like_count"], 0);
    assert_eq!(got["parent_id"], Value::Null);
    let (_, list) = app.get_json("/api/v1/patterns").await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        2,
        "nothing sneaky was stored"
    );
}
both!(mass_assignment_is_refused);

async fn bad_bodies_are_json_errors(app: &TestApp) {
    let body = serde_json::to_string(&publish_body("Typed")).unwrap();
    // Wrong or missing content type.
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut rb = app.req(Method::POST, "/api/v1/patterns").body(body.clone());
        if let Some(ct) = ct {
            rb = rb.header(header::CONTENT_TYPE, ct);
        }
        let (s, _, v) = app.send(rb).await;
        assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert_eq!(v["error"]["code"], "unsupported_media_type");
    }
    // Too large.
    let mut big = publish_body("Big");
    big["description"] = json!("x".repeat(200 * 1024));
    let (s, v) = app.publish(&big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(v["error"]["code"], "payload_too_large");
    // Malformed.
    for raw in [
        "{",
        "not json",
        "{\"title\": }",
        "[]",
        "null",
        "{\"title\": 5, \"config\": {}}",
    ] {
        let (s, _, v) = app
            .send(
                app.req(Method::POST, "/api/v1/patterns")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(raw),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{raw}");
        assert_eq!(v["error"]["code"], "bad_request");
    }
    // Deeply nested JSON, anywhere in the body: a JSON error (400, or 422 from the domain's
    // own nesting/size limits on the configuration), never a crash or a 500.
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    for raw in [
        format!("{{\"title\":\"Deep\",\"config\":{deep}}}"),
        format!("{{\"title\":\"Deep\",\"description\":{deep},\"config\":{{}}}}"),
        format!("{{\"title\":\"Deep\",\"extra\":{deep},\"config\":{{}}}}"),
        format!(
            "{{\"title\":\"Deep\",\"config\":{}1{}}}",
            "{\"a\":".repeat(3000),
            "}".repeat(3000)
        ),
    ] {
        let (s, _, v) = app
            .send(
                app.req(Method::POST, "/api/v1/patterns")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(raw),
            )
            .await;
        assert!(
            s == StatusCode::BAD_REQUEST || s == StatusCode::UNPROCESSABLE_ENTITY,
            "{s} {v}"
        );
        assert!(v["error"]["code"].is_string(), "{v}");
    }
    // Still serving afterwards.
    let (s, _) = app.get_json("/api/v1/patterns").await;
    assert_eq!(s, StatusCode::OK);
}
both!(bad_bodies_are_json_errors);

async fn invalid_configs_list_every_problem(app: &TestApp) {
    let mut body = publish_body("");
    body["tags"] = json!(["ok", "no%pe", "x".repeat(40)]);
    let part = valid_config()["parts"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    body["config"]["parts"][&part]["colour"] = json!("no-such-colour");
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let paths: Vec<&str> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"title"), "{paths:?}");
    assert!(
        paths.contains(&"tags[1]") && paths.contains(&"tags[2]"),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with(&format!("config.parts.{part}"))),
        "{paths:?}"
    );
    for f in v["error"]["fields"].as_array().unwrap() {
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
    // Not even parseable as a configuration.
    let mut body = publish_body("Broken");
    body["config"] = json!({"schema": 1, "product": 5});
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["error"]["fields"][0]["path"], "config");
}
both!(invalid_configs_list_every_problem);

async fn hostile_search_is_safe(app: &TestApp) {
    app.publish_ok("Oxblood heirloom", None).await;
    app.publish_ok("Saffron dots", None).await;
    let huge = "жд\u{301}😀".repeat(1000);
    for q in [
        "\"",
        "'",
        "%",
        "_",
        "%_%",
        "\\",
        "*",
        "oxblood\"",
        "oxblood' OR 1=1 --",
        "NEAR(a b)",
        "a AND OR NOT",
        "title:x",
        "^x",
        "-x",
        "(",
        ")",
        "'':*",
        "!",
        "&|",
        "\u{0}",
        &huge,
        "🧵",
        "   ",
    ] {
        let res = app
            .req(Method::GET, "/api/v1/patterns")
            .query(&[("q", q)])
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "q={:?}",
            q.chars().take(20).collect::<String>()
        );
        let v: Value = res.json().await.unwrap();
        assert!(v["items"].is_array());
    }
    let titles = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["title"].as_str().unwrap().to_string())
            .collect()
    };
    for q in [
        "oxblood",
        "OXBLOOD\"",
        "oxb",
        "%oxblood%",
        "heirloom oxblood",
    ] {
        let res = app
            .req(Method::GET, "/api/v1/patterns")
            .query(&[("q", q)])
            .send()
            .await
            .unwrap();
        let v: Value = res.json().await.unwrap();
        assert_eq!(titles(&v), ["Oxblood heirloom"], "q={q}");
    }
    let res = app
        .req(Method::GET, "/api/v1/patterns")
        .query(&[("q", "oxblood saffron")])
        .send()
        .await
        .unwrap();
    assert!(
        titles(&res.json().await.unwrap()).is_empty(),
        "all terms must match"
    );
}
both!(hostile_search_is_safe);

async fn bad_list_parameters_are_400(app: &TestApp) {
    app.publish_ok("One", None).await;
    for query in [
        "limit=-1",
        "limit=0",
        "limit=abc",
        "limit=1e3",
        "limit=",
        "sort=random",
        "cursor=%%%",
        "cursor=cG9wdWxhcjoxOjI",
        "cursor=bmV3OjE",
    ] {
        let (s, _, v) = app
            .send(app.req(Method::GET, &format!("/api/v1/patterns?{query}")))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}: {v}");
        assert_eq!(v["error"]["code"], "bad_request");
    }
    let (s, v) = app
        .get_json("/api/v1/patterns?limit=99999999999999999999999")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    for query in ["depth=0", "depth=-3", "limit=x"] {
        let id = id_of(&v["items"][0]);
        let (s, _, _) = app
            .send(app.req(
                Method::GET,
                &format!("/api/v1/patterns/{id}/lineage?{query}"),
            ))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}");
    }
}
both!(bad_list_parameters_are_400);

async fn fork_of_missing_parent_is_404(app: &TestApp) {
    for parent in ["AAAAAAAAAA", "not an id", "../x"] {
        let mut body = publish_body("Fork");
        body["parent_id"] = json!(parent);
        let (s, v) = app.publish(&body).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{parent}: {v}");
    }
    let (_, list) = app.get_json("/api/v1/patterns").await;
    assert!(list["items"].as_array().unwrap().is_empty());
}
both!(fork_of_missing_parent_is_404);

async fn concurrent_likes_count_once(app: &TestApp) {
    let p = app.publish_ok("Likeable", None).await;
    let id = id_of(&p);
    let path = format!("/api/v1/patterns/{id}/like");
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let rb = app
            .req(Method::POST, &path)
            .header("x-visitor-id", "visitor-aaaa-1111");
        tasks.push(tokio::spawn(
            async move { rb.send().await.map(|r| r.status()) },
        ));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), StatusCode::OK);
    }
    let get = |visitor: &'static str| {
        app.send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}"))
                .header("x-visitor-id", visitor),
        )
    };
    let (_, _, v) = get("visitor-aaaa-1111").await;
    assert_eq!(v["like_count"], 1);
    assert_eq!(v["liked"], true);
    let (_, _, v) = get("visitor-bbbb-2222").await;
    assert_eq!(v["liked"], false);
    let (s, _, v) = app
        .send(
            app.req(Method::POST, &path)
                .header("x-visitor-id", "visitor-bbbb-2222"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, json!({"liked": true, "like_count": 2}));
    for _ in 0..3 {
        let (_, _, v) = app
            .send(
                app.req(Method::DELETE, &path)
                    .header("x-visitor-id", "visitor-aaaa-1111"),
            )
            .await;
        assert_eq!(v, json!({"liked": false, "like_count": 1}));
    }
}
both!(concurrent_likes_count_once);

async fn keyset_pages_have_no_duplicates(app: &TestApp) {
    let mut ids = Vec::new();
    for i in 0..23 {
        ids.push(id_of(&app.publish_ok(&format!("Pattern {i}"), None).await));
    }
    // Give some likes so "popular" has ties and an order.
    for (i, id) in ids.iter().enumerate().take(10) {
        for v in 0..(i % 4) {
            app.send(
                app.req(Method::POST, &format!("/api/v1/patterns/{id}/like"))
                    .header("x-visitor-id", format!("visitor-{v:08}")),
            )
            .await;
        }
    }
    for sort in ["new", "popular", "trending", "forks"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut q = vec![("limit", "5".to_string()), ("sort", sort.to_string())];
            if let Some(c) = &cursor {
                q.push(("cursor", c.clone()));
            }
            let res = app
                .req(Method::GET, "/api/v1/patterns")
                .query(&q)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            let v: Value = res.json().await.unwrap();
            let items = v["items"].as_array().unwrap();
            assert!(items.len() <= 5);
            seen.extend(items.iter().map(id_of));
            pages += 1;
            // A pattern published between pages must not disturb the walk.
            if pages == 2 && sort == "new" {
                app.publish_ok("Published meanwhile", None).await;
            }
            match v["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        let unique: HashSet<_> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: duplicates across pages");
        assert!(
            ids.iter().all(|id| unique.contains(id)),
            "{sort}: every pattern is listed"
        );
        if sort == "new" {
            assert_eq!(seen[0], ids[22], "newest first");
        }
        if sort == "popular" {
            let (_, first) = app.get_json(&format!("/api/v1/patterns/{}", seen[0])).await;
            assert_eq!(first["like_count"], 3);
        }
    }
}
both!(keyset_pages_have_no_duplicates);

async fn filters_narrow_the_gallery(app: &TestApp) {
    let base = valid_config();
    let (part, choice) = base["parts"].as_object().unwrap().iter().next().unwrap();
    let material = choice["material"].as_str().unwrap();
    let colour = choice["colour"].as_str().unwrap();
    let mut body = publish_body("Tagged");
    body["tags"] = json!(["Special Tag"]);
    app.publish(&body).await;
    app.publish_ok("Plain", None).await;
    let count = |v: &Value| v["items"].as_array().unwrap().len();
    let (_, v) = app.get_json("/api/v1/patterns?tag=special%20tag").await;
    assert_eq!(count(&v), 1);
    assert_eq!(v["items"][0]["title"], "Tagged");
    let (_, v) = app
        .get_json(&format!(
            "/api/v1/patterns?material={material}&color={colour}&product=laptop-sleeve"
        ))
        .await;
    assert_eq!(count(&v), 2, "{part}: {material}/{colour}");
    let (_, v) = app.get_json("/api/v1/patterns?material=unobtainium").await;
    assert_eq!(count(&v), 0);
    let (_, v) = app.get_json("/api/v1/patterns?product=teapot").await;
    assert_eq!(count(&v), 0);
}
both!(filters_narrow_the_gallery);

async fn publishing_is_rate_limited(app: &TestApp) {
    for _ in 0..2 {
        app.publish_ok("Allowed", None).await;
    }
    let res = app
        .req(Method::POST, "/api/v1/patterns")
        .json(&publish_body("Too many"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"]["code"], "rate_limited");
    // Likes have their own budget.
    let (_, list) = app.get_json("/api/v1/patterns").await;
    let id = id_of(&list["items"][0]);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let (s, _, _) = app
            .send(app.req(Method::POST, &format!("/api/v1/patterns/{id}/like")))
            .await;
        statuses.push(s);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}
both!(
    publishing_is_rate_limited,
    stitchfork_server::settings::Settings {
        publish_per_minute: 2,
        like_per_minute: 2,
        ..crate::common::test_settings()
    }
);

async fn admin_hides_and_restores(app: &TestApp) {
    let parent = app.publish_ok("Moderated", None).await;
    let pid = id_of(&parent);
    let child = app.publish_ok("Innocent fork", Some(&pid)).await;
    let hide = format!("/api/v1/patterns/{pid}/hide");
    let (s, _, _) = app.send(app.req(Method::POST, &hide)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &hide)
                .bearer_auth(parent["edit_key"].as_str().unwrap()),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the edit key is not an admin key");
    let (s, _, v) = app
        .send(app.req(Method::POST, &hide).bearer_auth(ADMIN))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["state"], "hidden");
    let (s, _) = app.get_json(&format!("/api/v1/patterns/{pid}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, c) = app
        .get_json(&format!("/api/v1/patterns/{}", id_of(&child)))
        .await;
    assert_eq!(c["parent"]["removed"], true);
    let (s, _, _) = app
        .send(app.req(Method::POST, &hide).bearer_auth(ADMIN))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{pid}/restore"))
                .bearer_auth(ADMIN),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, p) = app.get_json(&format!("/api/v1/patterns/{pid}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["title"], "Moderated");
}
both!(admin_hides_and_restores);

async fn lineage_is_bounded_and_pageable(app: &TestApp) {
    // A chain root -> c1 -> ... -> c8, and three siblings under the root.
    let root = id_of(&app.publish_ok("Root", None).await);
    let mut chain = vec![root.clone()];
    for i in 1..=8 {
        let id = id_of(
            &app.publish_ok(&format!("Chain {i}"), Some(chain.last().unwrap()))
                .await,
        );
        chain.push(id);
    }
    for i in 0..3 {
        app.publish_ok(&format!("Sibling {i}"), Some(&root)).await;
    }
    let (s, l) = app
        .get_json(&format!("/api/v1/patterns/{}/lineage", chain[8]))
        .await;
    assert_eq!(s, StatusCode::OK);
    let anc: Vec<&str> = l["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = chain[..8].iter().rev().map(String::as_str).collect();
    assert_eq!(anc, expected, "nearest first, up to the root");

    let (_, l) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage?depth=3"))
        .await;
    assert_eq!(l["tree"]["children"].as_array().unwrap().len(), 4);
    assert_eq!(l["truncated"], true);
    let mut node = &l["tree"];
    for want in &chain[1..=3] {
        node = node["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"].as_str() == Some(want.as_str()))
            .expect("chain node");
    }
    assert_eq!(
        node["more"], true,
        "depth-3 node has forks beyond the bound"
    );
    assert!(node["children"].as_array().unwrap().is_empty());
    // Page further from the cut-off node.
    let (_, deeper) = app
        .get_json(&format!("/api/v1/patterns/{}/lineage", chain[3]))
        .await;
    assert_eq!(deeper["tree"]["children"][0]["id"], chain[4].as_str());
    assert_eq!(deeper["truncated"], false);
    // Size bound.
    let (_, small) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage?limit=2"))
        .await;
    assert_eq!(small["tree"]["children"].as_array().unwrap().len(), 2);
    assert_eq!(small["tree"]["more"], true);
    assert_eq!(small["truncated"], true);
    let (_, full) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage"))
        .await;
    assert_eq!(
        full["truncated"], true,
        "8 levels exceed the default depth of 6"
    );
}
both!(lineage_is_bounded_and_pageable);

async fn svgs_and_contract(app: &TestApp) {
    let p = app.publish_ok("Rendered", None).await;
    let id = id_of(&p);
    for kind in ["preview.svg", "cut-sheet.svg?lang=sv"] {
        let res = app
            .req(Method::GET, &format!("/api/v1/patterns/{id}/{kind}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml");
        let etag = res.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(res.text().await.unwrap().starts_with("<svg"));
        let (s, _, _) = app
            .send(
                app.req(Method::GET, &format!("/api/v1/patterns/{id}/{kind}"))
                    .header(header::IF_NONE_MATCH, etag),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_MODIFIED);
    }
    let res = app
        .req(Method::POST, "/api/v1/render/preview.svg")
        .json(&valid_config())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (s, _, _) = app
        .send(
            app.req(Method::POST, "/api/v1/render/preview.svg")
                .json(&json!({"schema": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // The OpenAPI document's publish example is accepted as is.
    let (s, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let example = &doc["paths"]["/api/v1/patterns"]["post"]["requestBody"]["content"]
        ["application/json"]["example"];
    let (s, v) = app.publish(example).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // Unknown API paths and methods are JSON errors; health is plain.
    let (s, _, v) = app.send(app.req(Method::GET, "/api/v1/nope")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (s, _, v) = app.send(app.req(Method::GET, "/api/v2/patterns")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (s, _, v) = app.send(app.req(Method::PUT, "/api/v1/patterns")).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    let res = app.req(Method::GET, "/healthz").send().await.unwrap();
    assert_eq!(res.text().await.unwrap(), "ok");
    // CORS preflight for a write from another origin.
    let res = app
        .req(Method::OPTIONS, "/api/v1/patterns")
        .header(header::ORIGIN, "https://shop.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-visitor-id",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}
both!(svgs_and_contract);

/// The titles and `(like_count, liked)` of the newest patterns, as `visitor` sees them.
async fn gallery_as(app: &TestApp, visitor: &str) -> Vec<(String, i64, bool)> {
    let (s, _, v) = app
        .send(
            app.req(Method::GET, "/api/v1/patterns?sort=new")
                .header("x-visitor-id", visitor),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap_or_default().to_string(),
                p["like_count"].as_i64().unwrap_or(-1),
                p["liked"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// Changes a title behind this server's back: a plain UPDATE on a second handle, outside
/// any write transaction, so no commit notification tells this server's read cache.
async fn rename_elsewhere(app: &TestApp, id: &str, title: &str) {
    let other = stitchfork_server::db::Db::open(&app.database_url)
        .await
        .expect("second handle");
    sqlx::query("UPDATE patterns SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&other.pool)
        .await
        .expect("update");
    other.close().await;
}

/// One pattern's title and `(like_count, liked)` as `visitor` sees it.
async fn pattern_as(app: &TestApp, id: &str, visitor: &str) -> (String, i64, bool) {
    let (s, _, v) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}"))
                .header("x-visitor-id", visitor),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    (
        v["title"].as_str().unwrap_or_default().to_string(),
        v["like_count"].as_i64().unwrap_or(-1),
        v["liked"].as_bool().unwrap_or(false),
    )
}

async fn patterns_are_reused_until_a_write(app: &TestApp) {
    let a = id_of(&app.publish_ok("Shared link", None).await);
    let one = "visitor-one-0001";
    let two = "visitor-two-0002";
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Shared link".into(), 0, false)
    );
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        pattern_as(app, &a, two).await.0,
        "Shared link",
        "the pattern read before is reused (its cache life here is an hour)"
    );
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{a}/like"))
                .header("x-visitor-id", one),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // The like ends the reuse; whether it is liked is the caller's own, also when reused.
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Renamed elsewhere".into(), 1, true)
    );
    assert_eq!(
        pattern_as(app, &a, two).await,
        ("Renamed elsewhere".into(), 1, false)
    );
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Renamed elsewhere".into(), 1, true)
    );
    // Unpublished is gone at once, never served from the cache.
    let (s, _, v) = app
        .send(
            app.req(Method::DELETE, &format!("/api/v1/patterns/{a}"))
                .bearer_auth(ADMIN),
        )
        .await;
    assert!(s.is_success(), "{s} {v}");
    let (s, _) = app.get_json(&format!("/api/v1/patterns/{a}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both!(
    patterns_are_reused_until_a_write,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn gallery_pages_are_reused_until_a_write(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    let b = id_of(&app.publish_ok("Page B", None).await);
    let one = "visitor-one-0001";
    let two = "visitor-two-0002";
    assert_eq!(
        gallery_as(app, one).await,
        [("Page B".into(), 0, false), ("Page A".into(), 0, false)]
    );
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        gallery_as(app, one).await[1].0,
        "Page A",
        "the page read before is reused (its cache life here is an hour)"
    );
    // Any write through this server ends the reuse at once.
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{b}/like"))
                .header("x-visitor-id", one),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        gallery_as(app, one).await,
        [
            ("Page B".into(), 1, true),
            ("Renamed elsewhere".into(), 0, false)
        ]
    );
    // The page is shared; whether an item is liked is not.
    assert_eq!(
        gallery_as(app, two).await,
        [
            ("Page B".into(), 1, false),
            ("Renamed elsewhere".into(), 0, false)
        ]
    );
    assert_eq!(gallery_as(app, one).await[0], ("Page B".into(), 1, true));
}
both!(
    gallery_pages_are_reused_until_a_write,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn without_read_cache_every_read_is_fresh(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Page A");
    assert_eq!(pattern_as(app, &a, "visitor-one-0001").await.0, "Page A");
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        gallery_as(app, "visitor-one-0001").await[0].0,
        "Renamed elsewhere"
    );
    assert_eq!(
        pattern_as(app, &a, "visitor-one-0001").await.0,
        "Renamed elsewhere"
    );
}
both!(
    without_read_cache_every_read_is_fresh,
    stitchfork_server::settings::Settings {
        read_cache_ms: 0,
        ..crate::common::test_settings()
    }
);

async fn cached_pages_expire(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Page A");
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    // Not a speed assertion: the change must show up once the page's life (50 ms) is over.
    let mut seen = false;
    for _ in 0..200 {
        if gallery_as(app, "visitor-one-0001").await[0].0 == "Renamed elsewhere" {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "a cached page outlived its time to live");
}
both!(
    cached_pages_expire,
    stitchfork_server::settings::Settings {
        read_cache_ms: 50,
        ..crate::common::test_settings()
    }
);

// PostgreSQL only: one server per SQLite file, so its own commits are all the writes there are.
async fn postgres_servers_hear_each_others_writes(app: &TestApp) {
    let a = id_of(&app.publish_ok("Before", None).await);
    assert_eq!(pattern_as(app, &a, "visitor-one-0001").await.0, "Before");
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Before");
    // Another server process: its own handle, its own commit.
    let other = stitchfork_server::db::Db::open(&app.database_url)
        .await
        .expect("second server's handle");
    let seq: i64 = sqlx::query_scalar("SELECT seq FROM patterns WHERE id = $1")
        .bind(&a)
        .fetch_one(&other.pool)
        .await
        .expect("seq");
    let changes = stitchfork_server::db::patterns::Changes {
        title: Some(
            stitchfork_api::fields::Title::parse("Edited on another server").expect("title"),
        ),
        ..Default::default()
    };
    assert!(
        stitchfork_server::db::patterns::update(&other, seq, 1, &changes)
            .await
            .expect("update")
    );
    // The cached answers live an hour here: only the notification can end them. It arrives
    // asynchronously, so wait for it (a bound against hanging, not a speed check).
    let mut seen = false;
    for _ in 0..200 {
        if pattern_as(app, &a, "visitor-one-0001").await.0 == "Edited on another server" {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "the other server's commit was never heard");
    assert_eq!(
        gallery_as(app, "visitor-one-0001").await[0].0,
        "Edited on another server"
    );
    other.close().await;
}
postgres_test!(
    postgres_servers_hear_each_others_writes_postgres,
    postgres_servers_hear_each_others_writes,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);
