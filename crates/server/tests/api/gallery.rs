//! The gallery list: search, filters, sorts, keyset pages, and the 400s for bad parameters.

use std::collections::HashSet;

use crate::common::{id_of, publish_body, valid_config, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

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
    let long = "x".repeat(65);
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
        &format!("tag={long}"),
        &format!("colour={long}"),
        // The older spelling is bounded too, also when `colour` wins over it.
        &format!("color={long}"),
        &format!("colour=ink&color={long}"),
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
    // `colour` is the parameter; the older `color` still filters the same way.
    for name in ["colour", "color"] {
        let (_, v) = app
            .get_json(&format!(
                "/api/v1/patterns?material={material}&{name}={colour}&product=laptop-sleeve"
            ))
            .await;
        assert_eq!(count(&v), 2, "{name}: {part}: {material}/{colour}");
        let (_, v) = app
            .get_json(&format!("/api/v1/patterns?{name}=nocolour"))
            .await;
        assert_eq!(count(&v), 0, "{name}");
    }
    let (_, v) = app.get_json("/api/v1/patterns?material=unobtainium").await;
    assert_eq!(count(&v), 0);
    let (_, v) = app.get_json("/api/v1/patterns?product=teapot").await;
    assert_eq!(count(&v), 0);
}
both!(filters_narrow_the_gallery);
