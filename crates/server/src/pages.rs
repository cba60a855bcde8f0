//! The app's page for `/` with the gallery's first cards (`gallery`), for `/p/{id}` with the
//! pattern's social card in its head, for a shared design link (`/customize/{product}?d=…`) with
//! the design's, and for a product's customizer with its starting design (`customize`).
//!
//! Crawlers of chats and social networks run no wasm: they read the first HTML they get. So a
//! pattern's address answers the app's own `index.html` (the app boots from it as on any other
//! route) with the pattern's title, author, product, price, description, canonical address and
//! card image as Open Graph and Twitter meta tags, and a first paint of the pattern in its body
//! (picture, title, author) that stands in until the app has loaded. Every value is escaped;
//! nothing user-written is ever placed as markup. A missing or removed pattern gets the plain
//! page (the app then says it is not there).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path as UrlPath, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use stitchfork_api::{design_link, paths};
use stitchfork_model::config::{self, Configuration};
use stitchfork_model::render::esc;
use stitchfork_model::{describe, pricing, render, validate, Catalog, Lang};

use crate::api::access::public_pattern;
use crate::app::SharedState;
use crate::db::patterns::PatternRow;
use crate::keys;
use crate::raster::{CARD_HEIGHT, CARD_WIDTH};

mod customize;
mod gallery;

/// Longest description put in a card (crawlers cut them shorter anyway).
const DESCRIPTION_MAX: usize = 300;

#[derive(Clone)]
struct Pages {
    app: SharedState,
    index: Arc<PathBuf>,
}

/// `/`, `/p/{id}` and `/customize/{product}`, answered from `dist/index.html` (read per request,
/// so a rebuilt app is served at once, like the static files).
pub fn router(app: SharedState, dist: &Path) -> Router {
    let pages = Pages {
        app,
        index: Arc::new(dist.join("index.html")),
    };
    Router::new()
        .route("/", get(gallery::gallery_page))
        .route("/p/{id}", get(pattern_page))
        .route("/customize/{product}", get(design_page))
        .with_state(pages)
}

async fn pattern_page(
    State(pages): State<Pages>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let Some(html) = read_index(&pages).await else {
        return crate::error::ApiError::NotFound("page").into_response();
    };
    let row = if keys::is_pattern_id(&id) {
        // A storage error leaves the page without a card, never without the app.
        public_pattern(&pages.app, &id).await.ok()
    } else {
        None
    };
    // Described with the catalog version the pattern was made with.
    let pinned = match &row {
        Some(row) => pages
            .app
            .catalogs
            .pinned(&pages.app.db, &row.catalog, row.catalog_version)
            .await
            .ok(),
        None => None,
    };
    let html = match (row, pinned) {
        (Some(row), Some(pinned)) => {
            let base = base_url(&pages.app.settings.public_url, &headers);
            let card = card(&pinned.catalog, &row, &base);
            let html = with_head(&html, &card_head(&card));
            // The picture's size, so the page does not move when it arrives.
            let size = config::parse(&row.config)
                .ok()
                .and_then(|cfg| render::preview_size(&pinned.catalog, &cfg));
            with_body(&html, &first_paint(&card, &row.id, size))
        }
        _ => html,
    };
    html_page(html)
}

/// What a phone shows of a pattern before the app has loaded: the page's header, the design's
/// picture (the server's preview) and its title and author, laid out as the app lays them out.
/// The picture is the page's largest paint, so it no longer waits for the wasm (#16). The app
/// hides itself while this is there (style/main.css) and removes it once its own pattern page
/// is shown (`app::first_paint_done`). English, like the card: the app says it again in the
/// visitor's language a moment later. A page of its own for screen readers too (a main landmark,
/// the title as the page's `h1`): the app's page is hidden, out of the accessibility tree, until
/// this is removed.
fn first_paint(c: &Card, id: &str, size: Option<(f64, f64)>) -> String {
    let alt = match c.author.is_empty() {
        true => format!("{}: {}", c.title, c.product),
        false => format!("{} by {}: {}", c.title, c.author, c.product),
    };
    // HTML sizes are whole pixels; the ratio is what keeps the place.
    let size = size.map_or(String::new(), |(w, h)| {
        format!(" width=\"{:.0}\" height=\"{:.0}\"", w.round(), h.round())
    });
    format!(
        "<div id=\"first-paint\"><header class=\"site\"><a class=\"brand\" href=\"/\" translate=\"no\">Stitchfork</a></header>\
         <main><article class=\"page pattern\"><div class=\"pattern-grid\"><div class=\"preview-box\">\
         <img class=\"preview\" src=\"{}\" alt=\"{}\"{size} fetchpriority=\"high\" /></div><div class=\"pattern-info\">\
         <h1 translate=\"no\">{}</h1><p class=\"author\" translate=\"no\">{}</p>\
         </div></div></article></main></div>",
        paths::for_pattern(paths::PREVIEW, id),
        esc(&alt),
        esc(&c.title),
        esc(&c.author),
    )
}

/// `html` with `body` put at the start of its `<body>`.
pub fn with_body(html: &str, body: &str) -> String {
    match html.find("<body>") {
        Some(at) => {
            let mut out = html.to_string();
            out.insert_str(at + "<body>".len(), body);
            out
        }
        None => html.to_string(),
    }
}

/// The query of a shared design link.
#[derive(Debug, serde::Deserialize)]
struct DesignQuery {
    d: Option<String>,
    parent: Option<String>,
}

/// `/customize/{product}?d=…[&parent=…]`, a design shared before it is published: the app's
/// page with the design's card. Anything that is not a valid design of that product gets the
/// plain page (the app then says what is wrong with the link).
async fn design_page(
    State(pages): State<Pages>,
    UrlPath(product): UrlPath<String>,
    query: Result<Query<DesignQuery>, QueryRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(html) = read_index(&pages).await else {
        return crate::error::ApiError::NotFound("page").into_response();
    };
    // The plain address: the product's starting design as a first paint.
    if raw.as_deref().is_none_or(str::is_empty) {
        return html_page(match customize::first_paint(pages.app.catalog, &product) {
            Some(paint) => with_body(&html, &paint),
            None => html,
        });
    }
    let card = query.ok().and_then(|Query(q)| {
        let d = q.d?;
        let cfg = design_link::decode(&d).ok()?;
        let catalog = pages.app.catalog;
        (cfg.product == product && validate::validate(catalog, &cfg, Lang::En).is_ok()).then(|| {
            let base = base_url(&pages.app.settings.public_url, &headers);
            let parent = q.parent.filter(|p| keys::is_pattern_id(p));
            design_card(catalog, &cfg, &d, parent.as_deref(), &base)
        })
    });
    html_page(match card {
        Some(card) => with_head(&html, &card_head(&card)),
        None => html,
    })
}

/// `dist/index.html`, read per request (a rebuilt app is served at once).
async fn read_index(pages: &Pages) -> Option<String> {
    match tokio::fs::read_to_string(&*pages.index).await {
        Ok(html) => Some(html),
        Err(e) => {
            tracing::error!("reading {}: {e}", pages.index.display());
            None
        }
    }
}

fn html_page(html: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response()
}

/// Where absolute URLs point: `STITCHFORK_PUBLIC_URL` when set, else `http://` and the request's
/// `Host` if it is a plain host name (anything else: relative URLs, never a hostile host).
pub fn base_url(public_url: &Option<String>, headers: &HeaderMap) -> String {
    if let Some(url) = public_url {
        return url.clone();
    }
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .map(|h| format!("http://{h}"))
        .unwrap_or_default()
}

/// The values of a pattern's card, unescaped.
#[derive(Debug, PartialEq)]
pub struct Card {
    pub title: String,
    pub author: String,
    pub product: String,
    /// `49.00` in the catalog's currency, when the design has a price.
    pub price: Option<(String, String)>,
    pub description: String,
    pub url: String,
    pub image: String,
}

/// A pattern's card: English (crawlers send no language), the description written by its
/// author or else the design in words; `catalog` is the version the pattern was made with.
pub fn card(catalog: &Catalog, row: &PatternRow, base: &str) -> Card {
    let cfg = config::parse(&row.config).ok();
    let product = product_name(catalog, &row.product);
    let price = cfg.as_ref().and_then(|c| price_of(catalog, c));
    let about = if row.description.trim().is_empty() {
        cfg.as_ref()
            .map(|c| describe::describe(catalog, c, Lang::En))
            .unwrap_or_default()
    } else {
        row.description.clone()
    };
    let description = summary(&product, Some(&row.author_name), price.as_ref(), &about);
    Card {
        title: row.title.clone(),
        author: row.author_name.clone(),
        product,
        price,
        description,
        url: format!("{base}/p/{}", row.id),
        image: format!("{base}{}", paths::for_pattern(paths::CARD, &row.id)),
    }
}

/// A shared design's card: the product, its price and the design in words (English, as for
/// patterns); the image is the design's card PNG.
pub fn design_card(
    catalog: &Catalog,
    cfg: &Configuration,
    d: &str,
    parent: Option<&str>,
    base: &str,
) -> Card {
    let product = product_name(catalog, &cfg.product);
    let price = price_of(catalog, cfg);
    let about = describe::describe(catalog, cfg, Lang::En);
    let mut url = format!("{base}/customize/{}?d={d}", cfg.product);
    if let Some(p) = parent {
        url.push_str(&format!("&parent={p}"));
    }
    Card {
        title: format!("{product}, designed on Stitchfork"),
        author: String::new(),
        description: summary(&product, None, price.as_ref(), &about),
        product,
        price,
        url,
        image: format!("{base}{}?d={d}", paths::full(paths::RENDER_CARD)),
    }
}

/// A product's English name (its id if the catalog no longer has it).
fn product_name(catalog: &Catalog, id: &str) -> String {
    catalog
        .product(id)
        .map_or_else(|| id.to_string(), |p| p.name.get(Lang::En).to_string())
}

/// `49.00` and the currency of `cfg`, when it has a price.
fn price_of(catalog: &Catalog, cfg: &Configuration) -> Option<(String, String)> {
    pricing::quote(catalog, cfg, Lang::En).ok().map(|q| {
        let minor = q.total_minor;
        (format!("{}.{:02}", minor / 100, minor % 100), q.currency)
    })
}

/// "Laptop sleeve by Ada, 49.00 EUR. About…", on one line, at most [`DESCRIPTION_MAX`].
fn summary(
    product: &str,
    author: Option<&str>,
    price: Option<&(String, String)>,
    about: &str,
) -> String {
    let mut description = product.to_string();
    if let Some(author) = author {
        description.push_str(&format!(" by {author}"));
    }
    if let Some((amount, currency)) = price {
        description.push_str(&format!(", {amount} {currency}"));
    }
    description.push_str(". ");
    description.push_str(&about.split_whitespace().collect::<Vec<_>>().join(" "));
    if description.chars().count() > DESCRIPTION_MAX {
        description = description.chars().take(DESCRIPTION_MAX - 1).collect();
        description.push('…');
    }
    description
}

/// The head elements of a card, every value escaped.
fn card_head(c: &Card) -> String {
    let mut head = format!("<title>{} – Stitchfork</title>\n", esc(&c.title));
    let mut meta = |attr: &str, name: &str, value: &str| {
        head.push_str(&format!(
            "<meta {attr}=\"{name}\" content=\"{}\" />\n",
            esc(value)
        ));
    };
    meta("name", "description", &c.description);
    if !c.author.is_empty() {
        meta("name", "author", &c.author);
    }
    meta("property", "og:type", "product");
    meta("property", "og:site_name", "Stitchfork");
    meta("property", "og:title", &c.title);
    meta("property", "og:description", &c.description);
    meta("property", "og:url", &c.url);
    meta("property", "og:image", &c.image);
    meta("property", "og:image:type", "image/png");
    meta("property", "og:image:width", &CARD_WIDTH.to_string());
    meta("property", "og:image:height", &CARD_HEIGHT.to_string());
    meta(
        "property",
        "og:image:alt",
        &match c.author.is_empty() {
            true => format!("{}: {}", c.title, c.product),
            false => format!("{} by {}: {}", c.title, c.author, c.product),
        },
    );
    if let Some((amount, currency)) = &c.price {
        meta("property", "product:price:amount", amount);
        meta("property", "product:price:currency", currency);
    }
    meta("name", "twitter:card", "summary_large_image");
    meta("name", "twitter:title", &c.title);
    meta("name", "twitter:description", &c.description);
    meta("name", "twitter:image", &c.image);
    head.push_str(&format!(
        "<link rel=\"canonical\" href=\"{}\" />\n",
        esc(&c.url)
    ));
    head
}

/// `html` with its `<title>` and description replaced by `head` (put before `</head>`).
pub fn with_head(html: &str, head: &str) -> String {
    let mut out = without_element(html, "<title>", "</title>");
    out = without_element(&out, "<meta name=\"description\"", ">");
    match out.find("</head>") {
        Some(at) => {
            out.insert_str(at, head);
            out
        }
        None => out,
    }
}

/// `html` without the first element from `start` to the next `end` (inclusive).
fn without_element(html: &str, start: &str, end: &str) -> String {
    let Some(from) = html.find(start) else {
        return html.to_string();
    };
    match html[from..].find(end) {
        Some(len) => format!("{}{}", &html[..from], &html[from + len + end.len()..]),
        None => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_replaces_title_and_description() {
        let html =
            "<html><head><meta charset=\"utf-8\"/><meta name=\"description\" content=\"x\" />\
                    <title>Stitchfork</title></head><body></body></html>";
        let out = with_head(html, "<title>T</title>");
        assert_eq!(
            out,
            "<html><head><meta charset=\"utf-8\"/><title>T</title></head><body></body></html>"
        );
    }

    #[test]
    fn only_plain_hosts_make_absolute_urls() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("example.com:8080"));
        assert_eq!(base_url(&None, &h), "http://example.com:8080");
        h.insert(header::HOST, HeaderValue::from_static("evil\"><x"));
        assert_eq!(base_url(&None, &h), "");
        assert_eq!(
            base_url(&Some("https://sf.example".into()), &h),
            "https://sf.example"
        );
    }
}
