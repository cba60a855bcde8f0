//! Behind a proxy (`STITCHFORK_TRUST_PROXY=1`), rate limits are per client address taken
//! from the rightmost `X-Forwarded-For` entry; without it the header is ignored, so a
//! client cannot dodge its limit by sending one.

use crate::common::{publish_body, test_settings, Backend, TestApp};
use reqwest::{Method, StatusCode};
use stitchfork_server::settings::Settings;

/// Publishes with an `X-Forwarded-For` header and returns the status.
async fn publish_from(app: &TestApp, forwarded_for: &str) -> StatusCode {
    let (s, _, _) = app
        .send(
            app.req(Method::POST, "/api/v1/patterns")
                .header("x-forwarded-for", forwarded_for)
                .json(&publish_body("Proxied")),
        )
        .await;
    s
}

fn one_publish_per_minute(trust_proxy: bool) -> Settings {
    Settings {
        publish_per_minute: 1,
        trust_proxy,
        ..test_settings()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxy_gives_each_client_its_own_bucket() {
    let app = TestApp::start(Backend::Sqlite, one_publish_per_minute(true)).await;
    assert_eq!(publish_from(&app, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(
        publish_from(&app, "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client behind the same proxy has its own quota.
    assert_eq!(publish_from(&app, "203.0.113.2").await, StatusCode::CREATED);
    // Only the rightmost entry counts: what a client puts in front is ignored.
    assert_eq!(
        publish_from(&app, "198.51.100.7, 203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        publish_from(&app, "203.0.113.1, 203.0.113.3").await,
        StatusCode::CREATED
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_trust_the_header_is_ignored() {
    let app = TestApp::start(Backend::Sqlite, one_publish_per_minute(false)).await;
    assert_eq!(publish_from(&app, "203.0.113.1").await, StatusCode::CREATED);
    assert_eq!(
        publish_from(&app, "203.0.113.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.finish().await;
}
