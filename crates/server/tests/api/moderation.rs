//! Admin moderation: hide and restore.

use crate::common::{id_of, TestApp, ADMIN};
use reqwest::{Method, StatusCode};

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
