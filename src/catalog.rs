//! Which catalog a page works with: the built-in one (compiled in, nothing to fetch) or a
//! retailer's, fetched from the API and decoded on demand.
//!
//! A page that opens a retailer's product wraps its content in [`Provide`]; every component
//! below reads the catalog with [`use_catalog`], which is the built-in catalog when no page
//! said otherwise. Fetching and decoding a catalog needs serde's decoder for every catalog
//! type and the domain's checks (tens of KB of wasm), so that code lives in the on-demand
//! module (`lazy::retail`), which no page's first load includes.
//!
//! Fetched catalogs are kept for the page's life (`Box::leak`, one per catalog version
//! opened): a version never changes, and a visit opens a handful at most.

use std::cell::RefCell;

use leptos::prelude::*;
use stitchfork_api::catalogs::BUILTIN_ID;
use stitchfork_model::catalog::Catalog;

use crate::api::{self, ApiError};
use crate::lazy;

/// The catalog of the page.
#[derive(Clone, Copy, Debug)]
pub struct CatalogCx {
    pub catalog: &'static Catalog,
}

/// The catalog components below this page draw, price and validate with.
pub fn use_catalog() -> &'static Catalog {
    use_context::<CatalogCx>().map_or_else(Catalog::builtin, |c| c.catalog)
}

/// The catalog to name when publishing: none for the built-in one.
pub fn publish_catalog() -> Option<String> {
    publish_id(use_catalog())
}

/// The id to name `catalog` by in drafts, links and publishes: none for the built-in one.
pub fn publish_id(catalog: &Catalog) -> Option<String> {
    is_retailer(Some(&catalog.id)).then(|| catalog.id.clone())
}

/// Whether `id` names a retailer's catalog (anything but the built-in one).
pub fn is_retailer(id: Option<&str>) -> bool {
    id.is_some_and(|id| id != BUILTIN_ID)
}

/// Gives `children` the catalog `cx`.
#[component]
pub fn Provide(cx: CatalogCx, children: Children) -> impl IntoView {
    view! { <leptos::context::Provider value=cx>{children()}</leptos::context::Provider> }
}

/// Why a catalog could not be opened: an [`ApiError`], so the pages say it as they say any
/// other (an error type of its own cost the customizer's first load about 1 KB): the code
/// module that did not arrive is a network error, a catalog this app cannot read (an older
/// app after a format change) an unexpected answer.
pub type LoadError = ApiError;

/// The on-demand module could not be fetched.
fn chunk_failed<E>(_: E) -> ApiError {
    ApiError::Network("a part of the app could not be loaded".into())
}

thread_local! {
    static OPENED: RefCell<Vec<(String, u32, &'static Catalog)>> = const { RefCell::new(Vec::new()) };
}

/// Opens catalog `id` at `version` (the latest when None).
///
/// The built-in catalog is never fetched: the app is deployed with the server, so the one
/// compiled in is the server's latest. (A pattern pinned to an older built-in version is drawn
/// here with the current one; the server's preview, cut sheet and card use its pinned version.)
pub async fn open(id: &str, version: Option<u32>) -> Result<CatalogCx, LoadError> {
    if !is_retailer(Some(id)) {
        return Ok(CatalogCx {
            catalog: Catalog::builtin(),
        });
    }
    let retail = retail().await?;
    (retail.open)(id.to_owned(), version).await
}

/// The on-demand module, or why it did not arrive.
pub async fn retail() -> Result<lazy::Retail, ApiError> {
    lazy::retail().await.map_err(chunk_failed)
}

/// [`open`]'s work for a retailer's catalog (in the on-demand module): fetch, read, keep.
pub async fn fetch(id: &str, version: Option<u32>) -> Result<CatalogCx, LoadError> {
    if let Some(v) = version {
        let kept = OPENED.with_borrow(|o| {
            o.iter()
                .find(|(i, n, _)| i == id && *n == v)
                .map(|(_, _, c)| *c)
        });
        if let Some(catalog) = kept {
            return Ok(CatalogCx { catalog });
        }
    }
    let (text, v) = api::catalog_text(id, version).await?;
    let catalog = Catalog::from_json(&text).map_err(|e| ApiError::Decode(e.to_string()))?;
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    OPENED.with_borrow_mut(|o| o.push((id.to_owned(), v, catalog)));
    Ok(CatalogCx { catalog })
}
