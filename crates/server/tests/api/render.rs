//! SVG previews and cut sheets, stored and posted; the OpenAPI document is served.

use crate::common::{id_of, valid_config, TestApp};
use reqwest::{header, Method, StatusCode};
use serde_json::json;

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

/// Each product's `default` in the served catalog is a complete design: posted as it is, it
/// renders (it used to lack every part's motif and got 422), and it publishes.
async fn every_product_default_renders_as_is(app: &TestApp) {
    let (s, catalog) = app.get_json("/api/v1/catalog").await;
    assert_eq!(s, StatusCode::OK);
    let products = catalog["products"].as_array().unwrap();
    assert!(products.len() >= 2, "the sleeve and the tote");
    for p in products {
        let default = &p["default"];
        for kind in ["preview.svg", "cut-sheet.svg"] {
            let res = app
                .req(Method::POST, &format!("/api/v1/render/{kind}"))
                .json(default)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{} {kind}", p["id"]);
            assert!(res.text().await.unwrap().starts_with("<svg"));
        }
    }
}
both!(every_product_default_renders_as_is);
