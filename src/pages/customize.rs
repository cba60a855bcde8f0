//! `/customize/{product}` and `/customize?fork={id}`: decide where the design
//! starts (link `?d=`, autosaved draft, a pattern to fork, or the defaults)
//! and hand it to the customizer.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::Configuration;

use crate::api;
use crate::components::customizer::{Customizer, Mode};
use crate::components::error_box::ErrorBox;
use crate::draft::{self, Draft};
use crate::i18n::{use_i18n, K};

/// No product named: the built-in catalog's first.
pub fn default_product() -> &'static str {
    stitchfork_model::catalog::FIRST_PRODUCT
}

/// Where a product's customizer starts: the link's design, else the autosaved
/// draft of this product from scratch (restored = true), else the catalog defaults.
pub fn starting_draft(
    product: &str,
    d: Option<String>,
    parent: Option<String>,
) -> Option<(Draft, bool)> {
    if let Some(config) = d
        .and_then(|d| draft::decode(&d).ok())
        .filter(|c| c.product == product)
    {
        return Some((Draft { config, parent }, false));
    }
    if let Some(saved) = draft::load(product, None) {
        return Some((saved, true));
    }
    Configuration::default_for(Catalog::builtin(), product).map(|config| {
        (
            Draft {
                config,
                parent: None,
            },
            false,
        )
    })
}

#[component]
pub fn CustomizeProduct() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let product = Memo::new(move |_| params.with(|p| p.get("product")).unwrap_or_default());
    move || {
        let product = product.get();
        // The query is read once per product: the customizer rewrites it on every change.
        let (d, parent) = query.with_untracked(|q| (q.get("d"), q.get("parent")));
        match starting_draft(&product, d, parent) {
            Some((draft, restored)) => {
                view! { <Customizer initial=draft restored=restored mode=Mode::Site/> }.into_any()
            }
            None => view! { <UnknownProduct/> }.into_any(),
        }
    }
}

#[component]
pub fn CustomizeFork() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let fork = Memo::new(move |_| query.with(|q| q.get("fork")));
    let pattern = LocalResource::new(move || {
        let id = fork.get();
        async move {
            match id {
                Some(id) => Some(api::get_pattern(&id).await),
                None => None,
            }
        }
    });
    move || match pattern.get() {
        None => view! { <p class="page">{move || i.t(K::Loading)}</p> }.into_any(),
        // No fork: the default product.
        Some(None) => match starting_draft(default_product(), None, None) {
            Some((draft, restored)) => {
                view! { <Customizer initial=draft restored=restored mode=Mode::Site/> }.into_any()
            }
            None => view! { <UnknownProduct/> }.into_any(),
        },
        Some(Some(Ok(p))) => {
            // A draft already forked from this pattern wins (reload keeps the work).
            let saved = draft::load(&p.config.0.product, Some(&p.id));
            let restored = saved.is_some();
            let draft = saved.unwrap_or(Draft {
                config: p.config.0.clone(),
                parent: Some(p.id.clone()),
            });
            view! { <Customizer initial=draft restored=restored mode=Mode::Site/> }.into_any()
        }
        Some(Some(Err(e))) => view! {
            <section class="page narrow">
                <h1>{move || i.t(K::PatternUnavailable)}</h1>
                <ErrorBox error=e retry=Callback::new(move |_| pattern.refetch())/>
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
