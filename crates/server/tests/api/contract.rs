//! The API and its OpenAPI document agree (the schemathesis findings): every status the
//! server answers is documented, every value the document calls valid is accepted, and
//! a wrong key is refused as such (401/403) whatever became of the pattern.

use crate::common::{publish_body, TestApp};
use reqwest::{header, Method, StatusCode};
use serde_json::Value;

async fn openapi(app: &TestApp) -> Value {
    let (s, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    doc
}

/// The documented response statuses of one operation.
fn documented(doc: &Value, path: &str, method: &str) -> Vec<String> {
    doc["paths"][path][method]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path} is not in the document"))
        .keys()
        .cloned()
        .collect()
}

/// The schema of a query parameter of `GET path`.
fn param_schema<'a>(doc: &'a Value, path: &str, name: &str) -> &'a Value {
    let params = doc["paths"][path]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let p = params
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no parameter {name} on {path}"));
    &p["schema"]
}

/// Whether a schema's `type` (a string, or a list with "null") names `ty`.
fn has_type(schema: &Value, ty: &str) -> bool {
    match &schema["type"] {
        Value::String(t) => t == ty,
        Value::Array(ts) => ts.iter().any(|t| t == ty),
        _ => false,
    }
}

async fn body_errors_are_documented(app: &TestApp) {
    let created = app.publish_ok("Contract", None).await;
    let id = created["id"].as_str().expect("id");
    let key = created["edit_key"].as_str().expect("key");
    let doc = openapi(app).await;
    let patch_path = format!("/api/v1/patterns/{id}");
    let cases = [
        (Method::PATCH, patch_path.as_str(), "/api/v1/patterns/{id}"),
        (
            Method::POST,
            "/api/v1/render/preview.svg",
            "/api/v1/render/preview.svg",
        ),
        (
            Method::POST,
            "/api/v1/render/cut-sheet.svg",
            "/api/v1/render/cut-sheet.svg",
        ),
    ];
    for (method, url, doc_path) in cases {
        let statuses = documented(&doc, doc_path, &method.as_str().to_lowercase());
        let auth = format!("Bearer {key}");
        let no_body = app
            .req(method.clone(), url)
            .header(header::AUTHORIZATION, &auth);
        let broken = app
            .req(method.clone(), url)
            .header(header::AUTHORIZATION, &auth)
            .header(header::CONTENT_TYPE, "application/json")
            .body(vec![0u8]);
        for (what, rb, expected) in [
            ("no body", no_body, StatusCode::UNSUPPORTED_MEDIA_TYPE),
            ("a NUL byte", broken, StatusCode::BAD_REQUEST),
        ] {
            let (s, _, v) = app.send(rb).await;
            assert_eq!(s, expected, "{method} {url} with {what}: {v}");
            assert!(
                statuses.contains(&s.as_u16().to_string()),
                "{method} {doc_path} answers {s} but documents only {statuses:?}"
            );
        }
    }
}
both!(body_errors_are_documented);

async fn every_documented_list_value_is_accepted(app: &TestApp) {
    app.publish_ok("One", None).await;
    app.publish_ok("Two", None).await;
    let doc = openapi(app).await;
    let list = "/api/v1/patterns";
    // Numbers are documented as numbers, with the bound the server enforces.
    for (path, name) in [
        (list, "limit"),
        ("/api/v1/patterns/{id}/lineage", "limit"),
        ("/api/v1/patterns/{id}/lineage", "depth"),
    ] {
        let schema = param_schema(&doc, path, name);
        assert!(has_type(schema, "integer"), "{path} {name}: {schema}");
        assert_eq!(schema["minimum"], 1, "{path} {name}: {schema}");
    }
    // `sort` is exactly the orders the server knows.
    let sort = param_schema(&doc, list, "sort");
    let mut orders: Vec<String> = sort["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("sort is an enum: {sort}"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    orders.sort();
    assert_eq!(orders, ["forks", "new", "popular", "trending"]);
    // Filters say how long they may be; the server accepts that length.
    for name in ["tag", "product", "material", "colour", "color"] {
        let schema = param_schema(&doc, list, name);
        let max = schema["maxLength"]
            .as_u64()
            .unwrap_or_else(|| panic!("{name}: {schema}"));
        let value = "é".repeat(max as usize);
        let (s, v) = app.get_json(&format!("{list}?{name}={value}")).await;
        assert_eq!(s, StatusCode::OK, "{name} of {max} chars: {v}");
    }
    // What the server refuses, the document forbids too.
    for query in ["limit=%205", "sort=%20new", "cursor=%201.2"] {
        let (s, v) = app.get_json(&format!("{list}?{query}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{query}: {v}");
    }
    let (s, v) = app
        .get_json(&format!("{list}?tag=%20{}", "x".repeat(64)))
        .await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "65 characters with the space: {v}"
    );
    // A cursor is any string of the documented shape; every order pages with it.
    let pattern = param_schema(&doc, list, "cursor")["pattern"]
        .as_str()
        .expect("cursor pattern")
        .to_string();
    assert_eq!(pattern, r"^(-?[0-9]{1,18}\.[0-9]{1,18})?$");
    for order in &orders {
        let (s, first) = app.get_json(&format!("{list}?sort={order}&limit=1")).await;
        assert_eq!(s, StatusCode::OK, "{first}");
        let next = first["next_cursor"].as_str().expect("a second page");
        for cursor in [
            next,
            "",
            "0.0",
            "-5.999999999999999999",
            "999999999999999999.1",
        ] {
            let (s, v) = app
                .get_json(&format!("{list}?sort={order}&limit=1&cursor={cursor}"))
                .await;
            assert_eq!(s, StatusCode::OK, "sort={order} cursor={cursor}: {v}");
        }
    }
}
both!(every_documented_list_value_is_accepted);

/// The patterns of the PATCH body's fields say exactly what the server accepts: for tricky
/// strings (whitespace that trim removes or not, control characters, lengths at the
/// bounds, letters that grow when lowercased), matching the pattern <=> 200.
async fn patch_fields_follow_their_patterns(app: &TestApp) {
    let created = app.publish_ok("Patch me", None).await;
    let id = created["id"].as_str().expect("id");
    let key = created["edit_key"].as_str().expect("key");
    let doc = openapi(app).await;
    let props = &doc["components"]["schemas"]["PatchRequest"]["properties"];
    let pattern = |schema: &Value| {
        let p = schema["pattern"]
            .as_str()
            .unwrap_or_else(|| panic!("no pattern: {schema}"));
        regex::Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let title = pattern(&props["title"]);
    let description = pattern(&props["description"]);
    let tag = pattern(&props["tags"]["items"]);
    assert_eq!(props["tags"]["maxItems"], 8);
    let long = |n: usize| "é".repeat(n);
    let samples = [
        String::new(),
        " ".into(),
        "Hi".into(),
        " \u{3000}Hi\t\n".into(),
        "\u{1c}Hi".into(),
        "Hi\u{85}".into(),
        "H\ri".into(),
        "H\ni".into(),
        "H\ti".into(),
        "Ⓐ".into(),
        "\u{5d0}\u{5b0}".into(),
        "İ".into(),
        "wool-felt 2".into(),
        "a_b".into(),
        format!("  {}  ", long(24)),
        long(25),
        long(80),
        long(81),
        long(2000),
        long(2001),
    ];
    let url = format!("/api/v1/patterns/{id}");
    for sample in &samples {
        for (field, re) in [
            ("title", &title),
            ("description", &description),
            ("tags", &tag),
        ] {
            let body = if field == "tags" {
                serde_json::json!({ "tags": [sample] })
            } else {
                serde_json::json!({ field: sample })
            };
            let (s, _, v) = app
                .send(
                    app.req(Method::PATCH, &url)
                        .header(header::AUTHORIZATION, format!("Bearer {key}"))
                        .json(&body),
                )
                .await;
            let valid = re.is_match(sample);
            let expected = if valid {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            assert_eq!(
                s, expected,
                "{field} = {sample:?} (pattern says {valid}): {v}"
            );
        }
    }
}
both!(patch_fields_follow_their_patterns);

async fn a_wrong_key_is_refused_even_after_unpublishing(app: &TestApp) {
    let created = app.publish_ok("Soon gone", None).await;
    let id = created["id"].as_str().expect("id");
    let key = created["edit_key"].as_str().expect("key");
    let url = format!("/api/v1/patterns/{id}");
    let with = |method: Method, bearer: &str| {
        app.req(method, &url)
            .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
    };
    let (s, _, _) = app.send(with(Method::DELETE, key)).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _, v) = app.send(with(Method::DELETE, "sfk_wrong")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (s, _, v) = app
        .send(with(Method::PATCH, "sfk_wrong").json(&serde_json::json!({"title": "x"})))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (s, _, _) = app.send(app.req(Method::DELETE, &url)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // Only the right key learns that the pattern is gone.
    let (s, _, v) = app.send(with(Method::DELETE, key)).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, _) = app.publish(&publish_body("Still publishing")).await;
    assert_eq!(s, StatusCode::CREATED);
}
both!(a_wrong_key_is_refused_even_after_unpublishing);

/// The document lists exactly the shared route templates (`stitchfork_api::paths`), and the
/// server routes each of them: the app builds its URLs from the same constants.
async fn documented_paths_are_the_shared_ones(app: &TestApp) {
    use stitchfork_api::paths;
    let id = crate::common::id_of(&app.publish_ok("Paths", None).await);
    let doc = openapi(app).await;
    let mut documented: Vec<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    documented.sort();
    let mut shared: Vec<String> = paths::ALL
        .iter()
        .chain(paths::ITEM_ALL.iter())
        .chain(paths::CATALOG_ALL.iter())
        .filter(|t| **t != paths::OPENAPI)
        .map(|t| paths::full(t))
        .collect();
    shared.sort();
    assert_eq!(documented, shared);
    // Every template is routed (a wrong method is a 405, never the 404 of an unknown path).
    for template in paths::ALL {
        let url = paths::for_pattern(template, &id);
        let (s, _, body) = app.send(app.req(Method::GET, &url)).await;
        assert_ne!(s, StatusCode::NOT_FOUND, "{url}: {body}");
    }
    for template in paths::CATALOG_ALL {
        let url = paths::for_catalog(template, stitchfork_api::catalogs::BUILTIN_ID, 1);
        let (s, _, body) = app.send(app.req(Method::GET, &url)).await;
        assert_ne!(s, StatusCode::NOT_FOUND, "{url}: {body}");
    }
}
both!(documented_paths_are_the_shared_ones);

/// The shared limits are what the server enforces: that many characters publish, one more
/// is refused (the app's `maxlength`s are the same constants; `tests/e2e/limits.test.mjs`
/// checks the rendered forms).
async fn shared_limits_are_enforced(app: &TestApp) {
    use stitchfork_api::limits::{AUTHOR_MAX, DESCRIPTION_MAX, TAGS_MAX, TAG_MAX, TITLE_MAX};
    for (field, max) in [
        ("title", TITLE_MAX),
        ("author_name", AUTHOR_MAX),
        ("description", DESCRIPTION_MAX),
    ] {
        for (n, expected) in [
            (max, StatusCode::CREATED),
            (max + 1, StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let mut body = publish_body("Limits");
            body[field] = serde_json::json!("é".repeat(n));
            let (s, v) = app.publish(&body).await;
            assert_eq!(s, expected, "{field} of {n} characters: {v}");
        }
    }
    for (tags, expected) in [
        (vec!["t".repeat(TAG_MAX)], StatusCode::CREATED),
        (
            vec!["t".repeat(TAG_MAX + 1)],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            (0..TAGS_MAX).map(|i| format!("t{i}")).collect(),
            StatusCode::CREATED,
        ),
        (
            (0..=TAGS_MAX).map(|i| format!("t{i}")).collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let mut body = publish_body("Tags");
        body["tags"] = serde_json::json!(tags);
        let (s, v) = app.publish(&body).await;
        assert_eq!(s, expected, "{tags:?}: {v}");
    }
}
both!(shared_limits_are_enforced);

/// Text fields refuse bidi controls and invisible format characters (a title must read as
/// what it is), and the PATCH patterns say so; joiners that scripts and emoji need stay.
async fn hidden_characters_are_refused(app: &TestApp) {
    for (field, value) in [
        ("title", "Ink \u{202E}evil"),
        ("title", "In\u{200B}k"),
        ("author_name", "Ada\u{2066}"),
        ("description", "soft\u{00AD}hyphen"),
        ("title", "tag\u{E0041}smuggle"),
    ] {
        let mut body = publish_body("Hidden");
        body[field] = serde_json::json!(value);
        let (s, v) = app.publish(&body).await;
        assert_eq!(
            s,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} = {value:?}: {v}"
        );
        assert_eq!(v["error"]["fields"][0]["path"], field, "{v}");
    }
    let (s, v) = app
        .publish(&publish_body("می\u{200C}خواهم 👩\u{200D}💻"))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let doc = openapi(app).await;
    let title = doc["components"]["schemas"]["PatchRequest"]["properties"]["title"]["pattern"]
        .as_str()
        .expect("title pattern");
    let re = regex::Regex::new(title).expect("pattern");
    assert!(!re.is_match("Ink \u{202E}evil") && !re.is_match("tag\u{E0041}x"));
    assert!(re.is_match("می\u{200C}خواهم"));
}
both!(hidden_characters_are_refused);

/// Every `$ref` of the document names a schema it defines (generic bodies included).
async fn every_reference_resolves(app: &TestApp) {
    let doc = openapi(app).await;
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let prefix = "#/components/schemas/";
    for part in text.split(prefix).skip(1) {
        let name: String = part.chars().take_while(|c| *c != '"').collect();
        assert!(schemas.contains_key(&name), "{prefix}{name} is not defined");
    }
}
both!(every_reference_resolves);

/// Every operation has its own `operationId`: schemathesis links responses to operations by it,
/// and two handlers named alike (`preview`) sent a pattern's id to the catalog preview.
async fn operation_ids_are_unique(app: &TestApp) {
    let doc = openapi(app).await;
    let mut seen = std::collections::BTreeMap::new();
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for (method, op) in ops.as_object().expect("operations") {
            let id = op["operationId"].as_str().unwrap_or_default().to_string();
            if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
                panic!("operationId {id:?} of {method} {path} is also {other}'s");
            }
        }
    }
}
both!(operation_ids_are_unique);
