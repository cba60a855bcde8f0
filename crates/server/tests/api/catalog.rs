//! `GET /api/v1/catalog`: the catalog and its ETag.

use crate::common::TestApp;
use reqwest::{header, Method, StatusCode};
use serde_json::Value;

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
