//! Patterns: publish (and fork), read, edit and unpublish with the edit key; the checks on what a client sends (fields, configurations, bodies, rate limits).

use crate::common::{changed_config, id_of, publish_body, valid_config, TestApp, ADMIN};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};

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

/// serde reads a struct from a JSON array too (fields by position); the contract says every
/// body is an object, so `[null, null]` must not pass as an empty edit, nor `["x"]` as a title.
async fn array_bodies_are_refused(app: &TestApp) {
    let created = app.publish_ok("Kept title", None).await;
    let path = format!("/api/v1/patterns/{}", id_of(&created));
    let key = created["edit_key"].as_str().unwrap();
    for raw in ["[null, null]", "[]", "[\"Array title\"]", " \n[null]"] {
        let (s, _, v) = app
            .send(
                app.req(Method::PATCH, &path)
                    .bearer_auth(key)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(raw),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{raw}: {v}");
        assert_eq!(v["error"]["code"], "bad_request", "{raw}");
    }
    let (_, got) = app.get_json(&path).await;
    assert_eq!(got["title"], "Kept title");

    let positional = format!(
        "[\"Array publish\", \"\", [], \"Ada\", {}]",
        serde_json::to_string(&valid_config()).unwrap()
    );
    for (path, raw) in [
        ("/api/v1/patterns", positional.as_str()),
        ("/api/v1/render/preview.svg", "[]"),
    ] {
        let (s, _, v) = app
            .send(
                app.req(Method::POST, path)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(raw.to_owned()),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{path} {raw}: {v}");
    }
    let (_, list) = app.get_json("/api/v1/patterns").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
}
both!(array_bodies_are_refused);

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

async fn a_fork_identical_to_its_parent_is_refused(app: &TestApp) {
    let parent = app.publish_ok("Parent", None).await;
    let pid = id_of(&parent);
    let mut body = publish_body("No change");
    body["parent_id"] = json!(pid);
    // The same design in another key order is the same design.
    let reordered: serde_json::Map<String, Value> = body["config"]
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    body["config"] = Value::Object(reordered);
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["error"]["code"], "same_as_parent");
    assert_eq!(v["error"]["pattern_id"], pid.as_str());
    // Nothing was stored: no fork counted, no new pattern listed.
    let (_, p) = app.get_json(&format!("/api/v1/patterns/{pid}")).await;
    assert_eq!(p["fork_count"], 0);
    let (_, list) = app.get_json("/api/v1/patterns").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // One change makes it a fork; the same design without a parent is an original.
    body["config"] = changed_config(&body["config"]);
    let (s, v) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = app.publish(&publish_body("Unrelated twin")).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
both!(a_fork_identical_to_its_parent_is_refused);

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
