//! Made items: a retailer registers one, its label and cut sheet carry a QR code that a decoder
//! reads back as the item's address, the owner claims it with the label's code, writes notes,
//! and the pattern shows what its copies say; wrong keys and codes are refused and change
//! nothing; the admin hides a note.

use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};
use stitchfork_server::settings::Settings;

use crate::common::{id_of, test_settings, valid_config, TestApp, ADMIN};

const RETAILER_KEY: &str = "retailer-key-0123456789abcdef";

pub fn settings() -> Settings {
    Settings {
        retailer_keys: vec![("Sleeve Shop".into(), RETAILER_KEY.into())],
        ..test_settings()
    }
}

/// The text of the one QR code in `svg`, read by rqrr from resvg's rasterization.
fn read_qr(svg: &str, scale: f32) -> String {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    use resvg::usvg::{Options, Tree};
    let tree = Tree::from_str(svg, &Options::default()).expect("svg parses");
    let (w, h) = (
        (tree.size().width() * scale).ceil() as u32,
        (tree.size().height() * scale).ceil() as u32,
    );
    let mut pixmap = Pixmap::new(w, h).expect("pixmap");
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let data = pixmap.data();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        let i = (y * w as usize + x) * 4;
        ((u16::from(data[i]) + u16::from(data[i + 1]) + u16::from(data[i + 2])) / 3) as u8
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

async fn register(app: &TestApp, key: Option<&str>, body: &Value) -> (StatusCode, Value) {
    let mut req = app.req(Method::POST, "/api/v1/items").json(body);
    if let Some(key) = key {
        req = req.bearer_auth(key);
    }
    let (s, _, v) = app.send(req).await;
    (s, v)
}

async fn text(app: &TestApp, path: &str, key: Option<&str>) -> (StatusCode, String) {
    let mut req = app.req(Method::GET, path);
    if let Some(key) = key {
        req = req.bearer_auth(key);
    }
    let res = req.send().await.expect("request");
    (res.status(), res.text().await.expect("body"))
}

async fn made(app: &TestApp, pattern: &str) -> Value {
    let (s, v) = app
        .get_json(&format!("/api/v1/patterns/{pattern}/made"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

async fn an_item_is_registered_labelled_claimed_and_noted(app: &TestApp) {
    let pattern = app.publish_ok("Made often", None).await;
    let pid = id_of(&pattern);
    let body = json!({"config": valid_config(), "pattern_id": pid});

    // Only retailers register; refusals store nothing.
    for (key, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some("not-a-retailer-key-at-all"), StatusCode::FORBIDDEN),
    ] {
        let (s, v) = register(app, key, &body).await;
        assert_eq!(s, status, "{v}");
    }
    let (s, v) = register(app, Some(RETAILER_KEY), &json!({"config": {"schema": 1}})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, _) = register(
        app,
        Some(RETAILER_KEY),
        &json!({"config": valid_config(), "pattern_id": "AAAAAAAAAA"}),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(made(app, &pid).await["made_count"], 0);

    let (s, reg) = register(app, Some(RETAILER_KEY), &body).await;
    assert_eq!(s, StatusCode::CREATED, "{reg}");
    let item = reg["item"].clone();
    let id = id_of(&item);
    let code = reg["claim_code"].as_str().expect("claim code").to_string();
    assert_eq!(item["retailer"], "Sleeve Shop");
    assert_eq!(item["pattern_id"], pid.as_str());
    assert_eq!(item["pattern_title"], "Made often");
    assert_eq!(item["config"], valid_config());
    assert_eq!(item["claimed"], false);
    // The catalog version it was made from: the catalog's ETag at registration.
    let res = app
        .req(Method::GET, "/api/v1/catalog")
        .send()
        .await
        .unwrap();
    let etag = res.headers()[header::ETAG]
        .to_str()
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert_eq!(item["catalog_version"], etag.as_str());
    assert_eq!(etag.len(), 64, "{etag}");
    let (_, got) = app.get_json(&format!("/api/v1/items/{id}")).await;
    assert_eq!(got, item);
    assert_eq!(made(app, &pid).await["made_count"], 1);

    // The label: real size, its QR code read back by a decoder is the item's address; it
    // prints the claim code, so only a retailer gets it.
    let item_url = format!("{}/i/{id}", app.base);
    let label = format!("/api/v1/items/{id}/label.svg");
    assert_eq!(text(app, &label, None).await.0, StatusCode::UNAUTHORIZED);
    let (s, svg) = text(app, &label, Some(RETAILER_KEY)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(svg.contains("width=\"70mm\" height=\"35mm\""));
    assert!(svg.contains(&code));
    assert_eq!(read_qr(&svg, 4.0), item_url);
    let (s, sheet) = text(
        app,
        &format!("/api/v1/items/{id}/cut-sheet.svg?lang=sv"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(read_qr(&sheet, 1.0), item_url);

    // Claims: a wrong code is refused and changes nothing; the code as typed (any case, no
    // dash) claims it once.
    let claim = |code: &str| {
        app.req(Method::POST, &format!("/api/v1/items/{id}/claim"))
            .json(&json!({ "code": code }))
    };
    let (s, _, _) = app.send(claim("00000-00000")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, got) = app.get_json(&format!("/api/v1/items/{id}")).await;
    assert_eq!(got["claimed"], false);
    let typed = code.replace('-', "").to_lowercase();
    let (s, _, owner) = app.send(claim(&typed)).await;
    assert_eq!(s, StatusCode::OK, "{owner}");
    let owner_key = owner["owner_key"].as_str().expect("owner key").to_string();
    let (s, _, _) = app.send(claim(&code)).await;
    assert_eq!(s, StatusCode::CONFLICT, "a label claims once");
    assert_eq!(
        text(app, &label, Some(RETAILER_KEY)).await.0,
        StatusCode::CONFLICT
    );

    // Notes: the owner's key only; plain text kept as written; a rating 1 to 5.
    let note = |key: Option<&str>, body: Value| {
        let req = app
            .req(Method::POST, &format!("/api/v1/items/{id}/notes"))
            .json(&body);
        match key {
            Some(k) => req.bearer_auth(k),
            None => req,
        }
    };
    let hostile = "After a year <script>alert(1)</script> the felt pills at the corners & edges";
    for (key, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(RETAILER_KEY), StatusCode::FORBIDDEN),
        (Some("sfo_wrong"), StatusCode::FORBIDDEN),
    ] {
        let (s, _, _) = app
            .send(note(key, json!({"body": hostile, "rating": 4})))
            .await;
        assert_eq!(s, status);
    }
    for bad in [
        json!({"body": "   "}),
        json!({"body": "ok", "rating": 6}),
        json!({"body": "ok", "rating": 1000}),
        json!({"body": "ok", "rating": -1}),
        json!({"body": "ok", "rating": 2.5}),
    ] {
        let (s, _, v) = app.send(note(Some(&owner_key), bad)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    }
    assert_eq!(
        made(app, &pid).await["notes"],
        json!([]),
        "refusals stored nothing"
    );
    let (s, _, first) = app
        .send(note(
            Some(&owner_key),
            json!({"body": hostile, "rating": 4}),
        ))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    // JSON Schema's integers include 5.0.
    let (s, _, second) = app
        .send(note(
            Some(&owner_key),
            json!({"body": "Still fine", "rating": 5.0}),
        ))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{second}");

    let m = made(app, &pid).await;
    assert_eq!(m["made_count"], 1);
    assert_eq!(m["rating_count"], 2);
    assert_eq!(m["rating_average"], 4.5);
    assert_eq!(m["notes"][0]["body"], "Still fine");
    assert_eq!(m["notes"][1]["body"], hostile);
    let (_, got) = app.get_json(&format!("/api/v1/items/{id}")).await;
    assert_eq!(got["claimed"], true);
    assert_eq!(got["notes"].as_array().unwrap().len(), 2);

    // The admin hides a note; nobody else can.
    let hide = format!("/api/v1/notes/{}/hide", first["id"]);
    let (s, _, _) = app
        .send(app.req(Method::POST, &hide).bearer_auth(&owner_key))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = app
        .send(app.req(Method::POST, &hide).bearer_auth(ADMIN))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _, _) = app
        .send(app.req(Method::POST, &hide).bearer_auth(ADMIN))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let m = made(app, &pid).await;
    assert_eq!(
        (m["rating_count"].clone(), m["rating_average"].clone()),
        (json!(1), json!(5.0))
    );
    assert_eq!(m["notes"].as_array().unwrap().len(), 1);

    // Unknown and malformed ids are 404s.
    for path in [
        "/api/v1/items/AAAAAAAAAA",
        "/api/v1/items/../x",
        "/api/v1/items/bad%20id",
    ] {
        let (s, _) = app.get_json(path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
    }
    let res = app
        .req(Method::GET, &format!("/api/v1/items/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/json");
}
both!(
    an_item_is_registered_labelled_claimed_and_noted,
    crate::items::settings()
);

async fn notes_are_rate_limited(app: &TestApp) {
    let (_, reg) = register(app, Some(ADMIN), &json!({"config": valid_config()})).await;
    let id = id_of(&reg["item"]);
    assert_eq!(reg["item"]["retailer"], "admin");
    let (_, _, owner) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/items/{id}/claim"))
                .json(&json!({"code": reg["claim_code"]})),
        )
        .await;
    let key = owner["owner_key"].as_str().expect("owner key").to_string();
    let send = || {
        app.req(Method::POST, &format!("/api/v1/items/{id}/notes"))
            .bearer_auth(&key)
            .json(&json!({"body": "again"}))
    };
    let (s, _, _) = app.send(send()).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, headers, _) = app.send(send()).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key(header::RETRY_AFTER));
}
both!(
    notes_are_rate_limited,
    stitchfork_server::settings::Settings {
        like_per_minute: 1,
        ..crate::common::test_settings()
    }
);

/// Registers, claims and rates (1–5) one copy of pattern `pid`.
async fn make_and_rate(app: &TestApp, pid: &str, rating: i64) {
    let (s, reg) = register(
        app,
        Some(RETAILER_KEY),
        &json!({"config": valid_config(), "pattern_id": pid}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{reg}");
    let id = id_of(&reg["item"]);
    let (s, _, owner) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/items/{id}/claim"))
                .json(&json!({"code": reg["claim_code"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{owner}");
    let key = owner["owner_key"].as_str().expect("owner key");
    let (s, _, v) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/items/{id}/notes"))
                .bearer_auth(key)
                .json(&json!({"body": "holds up", "rating": rating})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}

async fn the_family_tree_says_what_was_made_of_each_member(app: &TestApp) {
    let root = id_of(&app.publish_ok("Often made root", None).await);
    let fork = id_of(&app.publish_ok("Its fork", Some(&root)).await);
    make_and_rate(app, &fork, 4).await;
    make_and_rate(app, &fork, 5).await;

    let (s, l) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage"))
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    assert_eq!(l["tree"]["made_count"], 0);
    assert!(l["tree"].get("rating_average").is_none(), "{l}");
    let child = &l["tree"]["children"][0];
    assert_eq!(child["id"], fork.as_str());
    assert_eq!(child["made_count"], 2);
    assert_eq!(child["rating_average"], 4.5);

    // From the fork: itself at the top of its tree, the root as its ancestor.
    let (_, l) = app
        .get_json(&format!("/api/v1/patterns/{fork}/lineage"))
        .await;
    assert_eq!(l["tree"]["made_count"], 2);
    assert_eq!(l["tree"]["rating_average"], 4.5);
    assert_eq!(l["ancestors"][0]["made_count"], 0);
}
both!(
    the_family_tree_says_what_was_made_of_each_member,
    crate::items::settings()
);
