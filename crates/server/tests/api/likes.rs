//! Likes: idempotent per visitor, exact under concurrency.

use crate::common::{id_of, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::json;

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
