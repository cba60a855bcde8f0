//! `/customize/{product}[?catalog=id]` and `/customize?fork={id}`: decide which catalog the
//! design is made in and where it starts (link `?d=`, autosaved draft, a pattern to fork, or
//! the defaults), and hand it to the customizer.
//!
//! A fork of a pattern from a retailer's catalog starts from the pattern moved onto the
//! catalog's latest version (`GET /patterns/{id}/upgrade`), and says what that changed; that
//! code, like the catalog's reading, is fetched on demand (`lazy::retail`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::Configuration;

use crate::api::{self, Pattern};
use crate::catalog::{self, CatalogCx, LoadError, Provide};
use crate::components::customizer::{Customizer, Mode};
use crate::components::error_box::ErrorBox;
use crate::draft::{self, Draft};
use crate::i18n::{use_i18n, K};
use crate::lazy;

/// No product named: the built-in catalog's first.
pub fn default_product() -> &'static str {
    stitchfork_model::catalog::FIRST_PRODUCT
}

/// Where a product's customizer starts: the link's design, else the autosaved
/// draft of this product from scratch (restored = true), else the catalog defaults.
pub fn starting_draft(
    cat: &Catalog,
    product: &str,
    d: Option<String>,
    parent: Option<String>,
) -> Option<(Draft, bool)> {
    let catalog = catalog::publish_id(cat);
    if let Some(config) = d
        .and_then(|d| draft::decode(&d).ok())
        .filter(|c| c.product == product)
    {
        let draft = Draft {
            config,
            parent,
            catalog,
        };
        return Some((draft, false));
    }
    if let Some(saved) = draft::load(catalog.as_deref(), product, None) {
        return Some((saved, true));
    }
    Configuration::default_for(cat, product).map(|config| {
        let draft = Draft {
            config,
            parent: None,
            catalog,
        };
        (draft, false)
    })
}

/// Opens catalog `id` at `version` (None: the latest), then shows `children` with it; the
/// built-in catalog shows at once. A signal and a task rather than a resource: each resource
/// type is a few KB of wasm of its own.
#[component]
pub fn WithCatalog(
    id: Option<String>,
    #[prop(optional)] version: Option<u32>,
    children: ChildrenFn,
) -> impl IntoView {
    if !catalog::is_retailer(id.as_deref()) {
        return children().into_any();
    }
    let i = use_i18n();
    let id = StoredValue::new(id.unwrap_or_default());
    let opened = RwSignal::new(None::<Result<CatalogCx, LoadError>>);
    let open = move || {
        opened.set(None);
        spawn_local(async move {
            let result = catalog::open(&id.get_value(), version).await;
            opened.set(Some(result));
        });
    };
    open();
    let children = StoredValue::new(children);
    (move || match opened.get() {
        None => view! { <p class="page">{move || i.t(K::Loading)}</p> }.into_any(),
        Some(Ok(cx)) => {
            view! { <Provide cx=cx>{children.with_value(|c| c())}</Provide> }.into_any()
        }
        Some(Err(e)) => view! {
            <section class="page narrow">
                <h1>{move || i.t(K::CatalogUnavailable)}</h1>
                <ErrorBox error=e retry=Callback::new(move |_| open())/>
            </section>
        }
        .into_any(),
    })
    .into_any()
}

#[component]
pub fn CustomizeProduct() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let product = Memo::new(move |_| params.with(|p| p.get("product")).unwrap_or_default());
    let catalog_id = query.with_untracked(|q| q.get("catalog"));
    view! {
        <WithCatalog id=catalog_id>
            {move || {
                let product = product.get();
                // The query is read once per product: the customizer rewrites it on every change.
                let (d, parent) = query.with_untracked(|q| (q.get("d"), q.get("parent")));
                match starting_draft(catalog::use_catalog(), &product, d, parent) {
                    Some((draft, restored)) => {
                        view! { <Customizer initial=draft restored=restored mode=Mode::Site/> }
                            .into_any()
                    }
                    None => view! { <UnknownProduct/> }.into_any(),
                }
            }}
        </WithCatalog>
    }
}

/// A pattern to fork, with its catalog opened; for a retailer's catalog, the pattern moved
/// onto its latest version.
#[derive(Clone)]
pub struct ForkStart {
    pub pattern: Pattern,
    pub cx: Option<CatalogCx>,
    /// The configuration moved onto the catalog's latest version.
    pub upgraded: Option<Configuration>,
    /// Draws what moving it changed (on-demand code).
    pub notice: Option<lazy::Drawing>,
}

impl ForkStart {
    /// The draft a fork starts from: the upgraded configuration when there is one.
    pub fn draft(&self) -> Draft {
        Draft {
            config: self
                .upgraded
                .clone()
                .unwrap_or_else(|| self.pattern.config.0.clone()),
            parent: Some(self.pattern.id.clone()),
            catalog: self.cx.and_then(|cx| catalog::publish_id(cx.catalog)),
        }
    }
}

/// Fetches pattern `id` to fork, and for a retailer's catalog its upgrade and latest version.
pub async fn fork_start(id: String) -> Result<ForkStart, LoadError> {
    let pattern = api::get_pattern(&id).await?;
    if !catalog::is_retailer(Some(&pattern.catalog)) {
        return Ok(ForkStart {
            pattern,
            cx: None,
            upgraded: None,
            notice: None,
        });
    }
    let retail = catalog::retail().await?;
    let (cx, config, notice) = (retail.upgrade)(id, pattern.catalog.clone()).await?;
    Ok(ForkStart {
        pattern,
        cx: Some(cx),
        upgraded: Some(config),
        notice,
    })
}

#[component]
pub fn CustomizeFork() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let fork = Memo::new(move |_| query.with(|q| q.get("fork")));
    let start = LocalResource::new(move || {
        let id = fork.get();
        async move {
            match id {
                Some(id) => Some(fork_start(id).await),
                None => None,
            }
        }
    });
    move || match start.get() {
        None => view! { <p class="page">{move || i.t(K::Loading)}</p> }.into_any(),
        // No fork: the default product.
        Some(None) => match starting_draft(Catalog::builtin(), default_product(), None, None) {
            Some((draft, restored)) => {
                view! { <Customizer initial=draft restored=restored mode=Mode::Site/> }.into_any()
            }
            None => view! { <UnknownProduct/> }.into_any(),
        },
        Some(Some(Ok(start))) => {
            let fresh = start.draft();
            let ForkStart {
                pattern: p,
                cx,
                notice,
                ..
            } = start;
            // A draft already forked from this pattern wins (reload keeps the work).
            let saved = draft::load(fresh.catalog.as_deref(), &p.config.0.product, Some(&p.id));
            let restored = saved.is_some();
            let draft = saved.unwrap_or(fresh);
            let customizer = view! {
                {notice.map(|draw| draw())}
                <Customizer initial=draft restored=restored mode=Mode::Site/>
            };
            match cx {
                Some(cx) => view! { <Provide cx=cx>{customizer}</Provide> }.into_any(),
                None => customizer.into_any(),
            }
        }
        Some(Some(Err(e))) => view! {
            <section class="page narrow">
                <h1>{move || i.t(K::PatternUnavailable)}</h1>
                <ErrorBox error=e retry=Callback::new(move |_| start.refetch())/>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn UnknownProduct() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="page narrow">
            <h1>{move || i.t(K::UnknownProduct)}</h1>
            <a href=format!("/customize/{}", default_product())>{move || i.t(K::NavCreate)}</a>
        </section>
    }
}
