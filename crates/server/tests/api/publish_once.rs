//! A publish with an `Idempotency-Key` is stored at most once: the app's offline queue sends
//! every queued publish with one, and retries it whenever the network returns, also when the
//! first answer was lost on the way back.

use crate::common::{publish_body, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const KEY: &str = "queued-publish-0123456789abcdef";

async fn publish_with_key(app: &TestApp, key: &str, body: &Value) -> (StatusCode, bool, Value) {
    let (s, h, v) = app
        .send(
            app.req(Method::POST, "/api/v1/patterns")
                .header("Idempotency-Key", key)
                .json(body),
        )
        .await;
    (s, h.get("idempotent-replayed").is_some(), v)
}

async fn count_titled(app: &TestApp, title: &str) -> usize {
    let (s, v) = app.get_json("/api/v1/patterns?limit=100").await;
    assert_eq!(s, StatusCode::OK);
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|p| p["title"] == title)
        .count()
}

async fn the_same_key_publishes_once(app: &TestApp) {
    let body = publish_body("Queued on a train");
    let (s1, replayed1, first) = publish_with_key(app, KEY, &body).await;
    assert_eq!(s1, StatusCode::CREATED, "{first}");
    assert!(!replayed1);
    let (s2, replayed2, again) = publish_with_key(app, KEY, &body).await;
    assert_eq!(s2, StatusCode::CREATED, "{again}");
    assert!(replayed2, "the second answer says it is a replay");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(
        again["edit_key"], first["edit_key"],
        "the retry learns the same edit key"
    );
    assert_eq!(count_titled(app, "Queued on a train").await, 1);

    // The edit key of the replay is the pattern's key.
    let id = first["id"].as_str().expect("id");
    let key = again["edit_key"].as_str().expect("edit key");
    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &format!("/api/v1/patterns/{id}"))
                .bearer_auth(key)
                .json(&serde_json::json!({"title": "Sewn at home"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    // Without a key, every publish of the same body is a new pattern, as before.
    app.publish_ok("Published twice", None).await;
    app.publish_ok("Published twice", None).await;
    assert_eq!(count_titled(app, "Published twice").await, 2);
    // An empty header is no key either.
    for _ in 0..2 {
        let (s, replayed, v) = publish_with_key(app, "", &publish_body("Empty key")).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert!(!replayed);
    }
    assert_eq!(count_titled(app, "Empty key").await, 2);
}
both!(the_same_key_publishes_once);

async fn a_reused_key_for_another_design_is_refused(app: &TestApp) {
    let (s, _, _) = publish_with_key(app, KEY, &publish_body("First design")).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _, v) = publish_with_key(app, KEY, &publish_body("Second design")).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["error"]["code"], "conflict");
    assert_eq!(count_titled(app, "Second design").await, 0);
}
both!(a_reused_key_for_another_design_is_refused);

async fn malformed_keys_are_refused_and_store_nothing(app: &TestApp) {
    for bad in [
        "short",
        "spaces are not allowed here at all",
        "ключ-ключ-ключ-ключ-ключ-ключ",
    ] {
        let (s, h, v) = app
            .send(
                app.req(Method::POST, "/api/v1/patterns")
                    .header("Idempotency-Key", bad)
                    .json(&publish_body("Bad key")),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}: {v}");
        assert!(h.get("idempotent-replayed").is_none());
        assert_eq!(v["error"]["code"], "bad_request");
    }
    assert_eq!(count_titled(app, "Bad key").await, 0);
}
both!(malformed_keys_are_refused_and_store_nothing);

async fn concurrent_retries_store_one_pattern(app: &TestApp) {
    let body = publish_body("Two tabs came online");
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let rb = app
                .req(Method::POST, "/api/v1/patterns")
                .header("Idempotency-Key", "two-tabs-same-key-0123456789")
                .json(&body);
            tokio::spawn(async move {
                let res = rb.send().await.expect("request");
                let replayed = res.headers().get("idempotent-replayed").is_some();
                (
                    res.status(),
                    replayed,
                    res.json::<Value>().await.expect("json"),
                )
            })
        })
        .collect();
    let mut ids = std::collections::HashSet::new();
    let mut first_stores = 0;
    for task in tasks {
        let (s, replayed, v) = task.await.expect("task");
        assert_eq!(s, StatusCode::CREATED, "{v}");
        ids.insert(v["id"].as_str().expect("id").to_string());
        first_stores += usize::from(!replayed);
    }
    assert_eq!(ids.len(), 1, "every retry got the one stored pattern");
    assert_eq!(first_stores, 1);
    assert_eq!(count_titled(app, "Two tabs came online").await, 1);
}
both!(concurrent_retries_store_one_pattern);
