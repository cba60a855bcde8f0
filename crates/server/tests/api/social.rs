//! Social cards: `/p/{id}` answers the app's page with the pattern's Open Graph and Twitter
//! tags (escaped), and the card image is a 1200 x 630 PNG of the preview that is not blank; a
//! shared design link (`/customize/{product}?d=…`) the same for the design. `/` carries the
//! gallery's first cards.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use reqwest::{header, Method, StatusCode};
use serde_json::Value;
use stitchfork_api::design_link;
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::{self, Configuration};
use stitchfork_model::{pricing, Lang};

use crate::common::{id_of, publish_body, test_settings, Backend, TestApp};

/// The head of the built app, as Trunk writes it (title, description, an inline script).
const INDEX: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />\
<meta name=\"description\" content=\"Stitchfork: design your own laptop sleeve.\" />\
<title>Stitchfork</title><script type=\"module\">import init from '/app.js';init();</script>\
</head><body></body></html>";

const HOSTILE: &str = "Evil \"/><script>alert(1)</script> & 'co' <b>";

/// Meta tags of `html` as name -> content, entities decoded.
fn metas(html: &str) -> HashMap<String, String> {
    let re = regex::Regex::new(r#"<meta (?:name|property)="([^"]+)" content="([^"]*)" />"#)
        .expect("regex");
    re.captures_iter(html)
        .map(|c| (c[1].to_string(), unescape(&c[2])))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

async fn page(app: &TestApp, path: &str) -> (StatusCode, header::HeaderMap, String) {
    let res = app
        .req(Method::GET, path)
        .header(header::HOST, "cards.example:8443")
        .send()
        .await
        .expect("request");
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.text().await.expect("body"))
}

async fn pattern_pages_carry_the_card(app: &TestApp) {
    let mut body = publish_body(HOSTILE);
    body["author_name"] = Value::from("Ada <img src=x onerror=alert(2)>");
    body["description"] = Value::from("Line one\nline \"two\"");
    let (s, p) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let id = id_of(&p);

    let (s, headers, html) = page(app, &format!("/p/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    // Nothing user-written became markup: the page's only script is the app's own.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<b>"), "{html}");
    // The only image is the first paint's picture of the design (#16), from the server's preview.
    assert_eq!(html.matches("<img").count(), 1, "{html}");
    assert!(html.contains(&format!(
        "<img class=\"preview\" src=\"/api/v1/patterns/{id}/preview.svg\""
    )));
    // With its size, so the page does not move when the picture arrives (Lighthouse saw 0.21 CLS).
    let img = &html[html.find("<img").unwrap()..];
    let img = &img[..img.find('>').unwrap()];
    assert!(
        img.contains(" width=\"") && img.contains(" height=\""),
        "{img}"
    );
    // The first paint shows title and author as text, escaped, before the app's own page.
    assert!(html.contains("<div id=\"first-paint\">"), "{html}");
    assert!(
        html.contains("translate=\"no\">Evil &quot;/&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("translate=\"no\">Ada &lt;img src=x onerror=alert(2)&gt;</p>"));
    assert_eq!(html.matches("<title>").count(), 1);
    assert!(
        html.contains("<title>Evil &quot;/&gt;&lt;script&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("design your own laptop sleeve."),
        "the app's own description is replaced"
    );
    assert!(
        html.contains("import init from '/app.js'"),
        "the app still boots"
    );

    let m = metas(&html);
    let base = "http://cards.example:8443";
    assert_eq!(m["og:title"], HOSTILE);
    assert_eq!(m["twitter:title"], HOSTILE);
    assert_eq!(m["author"], "Ada <img src=x onerror=alert(2)>");
    assert_eq!(m["og:url"], format!("{base}/p/{id}"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{base}/p/{id}\" />"
    )));
    let image = format!("{base}/api/v1/patterns/{id}/card.png");
    assert_eq!(m["og:image"], image);
    assert_eq!(m["twitter:image"], image);
    assert_eq!(m["twitter:card"], "summary_large_image");
    assert_eq!(
        (m["og:image:width"].as_str(), m["og:image:height"].as_str()),
        ("1200", "630")
    );
    // Product and price are the domain's.
    let catalog = Catalog::builtin();
    let cfg = config::parse(&serde_json::to_string(&p["config"]).unwrap()).unwrap();
    let quote = pricing::quote(catalog, &cfg, Lang::En).unwrap();
    let amount = format!("{}.{:02}", quote.total_minor / 100, quote.total_minor % 100);
    assert_eq!(m["product:price:amount"], amount);
    assert_eq!(m["product:price:currency"], quote.currency);
    let product = catalog.product(&cfg.product).unwrap().name.en.clone();
    assert_eq!(
        m["og:description"],
        format!(
            "{product} by Ada <img src=x onerror=alert(2)>, {amount} {}. Line one line \"two\"",
            quote.currency
        )
    );
    assert_eq!(m["description"], m["og:description"]);

    // The image: a PNG of the card's size, with the design on it, cacheable for long.
    let res = app
        .req(Method::GET, &format!("/api/v1/patterns/{id}/card.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    assert!(res.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age=604800"));
    let etag = res.headers()[header::ETAG].clone();
    let bytes = res.bytes().await.unwrap();
    let (width, height, colours, covered) = decode(&bytes);
    assert_eq!((width, height), (1200, 630));
    assert!(colours >= 8, "only {colours} colours: blank?");
    assert!(covered > 0.2, "the design covers {covered} of the card");
    let (s, _, _) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}/card.png"))
                .header(header::IF_NONE_MATCH, etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);

    // No card for what is not a public pattern: the plain page, where the app says so.
    for missing in ["AAAAAAAAAA", "not-an-id"] {
        let (s, _, html) = page(app, &format!("/p/{missing}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!metas(&html).contains_key("og:title"), "{html}");
        assert!(html.contains("<title>Stitchfork</title>"));
        assert!(
            !html.contains("first-paint"),
            "no stand-in for a missing pattern"
        );
    }
    let (s, _) = app.get_json("/api/v1/patterns/AAAAAAAAAA/card.png").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// Width, height, distinct colours, and the share of pixels unlike the top-left corner.
fn decode(bytes: &[u8]) -> (u32, u32, usize, f64) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let corner = pixels[0];
    let colours: HashSet<&[u8]> = pixels.iter().copied().collect();
    let covered = pixels.iter().filter(|p| **p != corner).count() as f64 / pixels.len() as f64;
    (info.width, info.height, colours.len(), covered)
}

/// A shared design link (`/customize/{product}?d=…`) unfurls like a pattern: the product, its
/// price, the design in words, and a card PNG of the design; anything else gets the plain page.
async fn shared_design_links_carry_the_design_card(app: &TestApp) {
    let catalog = Catalog::builtin();
    let mut cfg = Configuration::default_for(catalog, "laptop-sleeve").unwrap();
    cfg.parts.get_mut("outer_front").unwrap().colour = "saffron".into();
    let d = design_link::encode(&cfg);
    let base = "http://cards.example:8443";

    let (s, _, html) = page(
        app,
        &format!("/customize/laptop-sleeve?d={d}&parent=AAAAAAAAAA"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("import init from '/app.js'"),
        "the app still boots"
    );
    let m = metas(&html);
    assert_eq!(m["og:title"], "Laptop sleeve, designed on Stitchfork");
    assert_eq!(
        m["og:url"],
        format!("{base}/customize/laptop-sleeve?d={d}&parent=AAAAAAAAAA")
    );
    let image = format!("{base}/api/v1/render/card.png?d={d}");
    assert_eq!(m["og:image"], image);
    assert_eq!(m["twitter:image"], image);
    let quote = pricing::quote(catalog, &cfg, Lang::En).unwrap();
    let amount = format!("{}.{:02}", quote.total_minor / 100, quote.total_minor % 100);
    assert!(
        m["og:description"].starts_with(&format!("Laptop sleeve, {amount} {}. ", quote.currency)),
        "{}",
        m["og:description"]
    );
    assert!(
        m["og:description"].contains("Saffron"),
        "{}",
        m["og:description"]
    );
    assert!(!m.contains_key("author"), "a design has no author yet");

    // Its image: the card of that design.
    let card = format!("/api/v1/render/card.png?d={d}");
    let res = app.req(Method::GET, &card).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "image/png");
    let etag = res.headers()[header::ETAG].clone();
    let (width, height, colours, covered) = decode(&res.bytes().await.unwrap());
    assert_eq!((width, height), (1200, 630));
    assert!(
        colours >= 8 && covered > 0.2,
        "{colours} colours, {covered} covered"
    );
    let (s, _, _) = app
        .send(
            app.req(Method::GET, &card)
                .header(header::IF_NONE_MATCH, etag),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);

    // A hostile parent is dropped, not written into the page.
    let (_, _, html) = page(
        app,
        &format!("/customize/laptop-sleeve?d={d}&parent=%22%3E%3Cscript%3E"),
    )
    .await;
    assert_eq!(
        metas(&html)["og:url"],
        format!("{base}/customize/laptop-sleeve?d={d}")
    );
    assert_eq!(html.matches("<script").count(), 1, "{html}");

    // Not a valid design of this product: the plain page, and the card refuses it.
    let mut invalid = cfg.clone();
    invalid.parts.get_mut("outer_front").unwrap().colour = "neon-pink".into();
    let invalid = design_link::encode(&invalid);
    for path in [
        format!("/customize/tote-bag?d={d}"),
        format!("/customize/laptop-sleeve?d={invalid}"),
        "/customize/laptop-sleeve?d=%25%25%25".to_string(),
        "/customize/laptop-sleeve?d=a&d=b".to_string(),
        "/customize/laptop-sleeve".to_string(),
    ] {
        let (s, _, html) = page(app, &path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(!metas(&html).contains_key("og:title"), "{path}: {html}");
        assert!(html.contains("<title>Stitchfork</title>"), "{path}");
    }
    for (query, status) in [
        ("", StatusCode::BAD_REQUEST),
        ("?d=a&d=b", StatusCode::BAD_REQUEST),
        ("?d=%25%25%25", StatusCode::UNPROCESSABLE_ENTITY),
        ("?d=abc", StatusCode::UNPROCESSABLE_ENTITY),
        (
            &*format!("?d={}", "A".repeat(design_link::MAX_LEN + 1)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (&*format!("?d={invalid}"), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (s, v) = app
            .get_json(&format!("/api/v1/render/card.png{query}"))
            .await;
        assert_eq!(s, status, "{query}: {v}");
        assert!(v["error"]["code"].is_string(), "{query}: {v}");
    }
}

/// `/` draws the gallery's first cards before the app has loaded (#16): the newest patterns, as
/// escaped text and the server's previews, and a search box that works as a plain form.
async fn the_gallery_page_shows_its_first_cards(app: &TestApp) {
    let (s, _, html) = page(app, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("first-paint"), "nothing to show yet: {html}");

    let mut body = publish_body(HOSTILE);
    body["author_name"] = Value::from("Ada <img src=x onerror=alert(2)>");
    let (s, p) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let first = id_of(&p);
    let (s, p) = app.publish(&publish_body("Second")).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let second = id_of(&p);

    let (s, headers, html) = page(app, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(html.contains("<div id=\"first-paint\">"), "{html}");
    assert!(
        html.contains("import init from '/app.js'"),
        "the app still boots"
    );
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert!(!html.contains("<b>"), "{html}");
    // The newest first, each a link to its page with the server's preview at its final size.
    let at = |id: &str| html.find(&format!("<a href=\"/p/{id}\">")).expect(id);
    assert!(at(&second) < at(&first), "{html}");
    assert_eq!(html.matches("<img").count(), 2, "{html}");
    assert!(html.contains(&format!(
        "<img src=\"/api/v1/patterns/{first}/preview.svg\" alt=\"\" fetchpriority=\"high\" width=\"320\" height=\"220\" />"
    )));
    assert!(
        html.contains("translate=\"no\">Evil &quot;/&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("by <span translate=\"no\">Ada &lt;img src=x onerror=alert(2)&gt;</span> · 0 likes · 0 forks"));
    assert!(html.contains("<form class=\"search\" role=\"search\" action=\"/\">"));
    // The app's own head stays: the gallery has no card of its own.
    assert!(html.contains("<title>Stitchfork</title>"));

    // A searched or filtered gallery is the app's to draw.
    for path in ["/?q=evil", "/?sort=popular"] {
        let (s, _, html) = page(app, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(!html.contains("first-paint"), "{path}: {html}");
    }
}

/// A product's plain customizer address draws its starting design before the app has loaded
/// (#16); a shared design, a fork or an unknown product does not.
async fn customizers_show_their_starting_design(app: &TestApp) {
    let (s, _, html) = page(app, "/customize/laptop-sleeve").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<div id=\"first-paint\">"), "{html}");
    assert!(
        html.contains("<h1 class=\"customize-title\">Laptop sleeve</h1>"),
        "{html}"
    );
    assert!(html.contains("<svg aria-hidden=\"true\""), "{html}");
    assert!(
        html.contains("import init from '/app.js'"),
        "the app still boots"
    );
    let d = design_link::encode(
        &Configuration::default_for(Catalog::builtin(), "laptop-sleeve").unwrap(),
    );
    for path in [
        format!("/customize/laptop-sleeve?d={d}"),
        "/customize/laptop-sleeve?parent=AAAAAAAAAA".to_string(),
        "/customize/no-such-product".to_string(),
    ] {
        let (s, _, html) = page(app, &path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(!html.contains("first-paint"), "{path}: {html}");
    }
}

async fn with_dist(backend: Backend) {
    let dist = tempfile::tempdir().expect("dist");
    std::fs::write(dist.path().join("index.html"), INDEX).expect("index");
    let app = TestApp::start_with_dist(backend, test_settings(), Path::new(dist.path())).await;
    the_gallery_page_shows_its_first_cards(&app).await;
    customizers_show_their_starting_design(&app).await;
    pattern_pages_carry_the_card(&app).await;
    shared_design_links_carry_the_design_card(&app).await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pattern_pages_carry_the_card_sqlite() {
    with_dist(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs STITCHFORK_TEST_POSTGRES_URL; scripts/test.sh runs it"]
async fn pattern_pages_carry_the_card_postgres() {
    with_dist(Backend::Postgres).await;
}
