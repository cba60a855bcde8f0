//! `/embed`: the customizer without site chrome, inside a retailer's iframe.
//!
//! Query (set by public/embed.js): `catalog` (a retailer's catalog id; default: the built-in
//! one), `product` (default: the catalog's first), `pattern` (optional id to start from),
//! `parent` (the host page's origin), `locale`, `theme` (JSON of `--sf-*` variables) and
//! `cart_label`. Talks to the host through the protocol in `crate::embed`; every event names
//! the catalog and product, and prices are in the catalog's currency.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::json;
use stitchfork_model::Lang;

use crate::catalog;
use crate::components::customizer::{Customizer, Mode, Snapshot};
use crate::components::error_box::ErrorBox;
use crate::embed::{self, Command, Host};
use crate::i18n::{use_i18n, K};
use crate::pages::customize::{fork_start, starting_draft, WithCatalog};

/// The part of a snapshot the host receives with `change` and `add-to-cart`.
fn snapshot_json(catalog: &str, s: &Snapshot) -> serde_json::Value {
    json!({
        "catalog": catalog,
        "product": s.config.product,
        "config": s.config,
        "price": s.quote,
        "valid": s.valid,
    })
}

#[component]
pub fn EmbedPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.with_untracked(|q| q.get(key));
    let catalog_id = param("catalog");
    view! {
        <WithCatalog id=catalog_id>
            <Embedded/>
        </WithCatalog>
    }
}

/// The customizer and its host protocol, inside the embed's catalog.
#[component]
fn Embedded() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.with_untracked(|q| q.get(key));
    let cat = catalog::use_catalog();
    let catalog_id = cat.id.clone();
    let product = param("product").unwrap_or_else(|| cat.first_product().to_string());
    let pattern_id = RwSignal::new(param("pattern"));
    let cart_label = param("cart_label");
    if let Some(theme) = param("theme") {
        embed::apply_theme(&embed::theme_from_json(&theme));
    }
    if let Some(lang) = param("locale").and_then(|t| Lang::from_tag(&t)) {
        i.0.set(lang);
    }

    let host = Host::from_parent_param(param("parent"));
    if let Some(host) = &host {
        let listener = host.listen(move |command| match command {
            Command::LoadPattern { id } => pattern_id.set(Some(id)),
            Command::SetLocale { locale } => match Lang::from_tag(&locale) {
                Some(lang) => i.0.set(lang),
                None => web_sys::console::warn_1(
                    &format!("Stitchfork: unsupported locale {locale:?} (en, sv, ru)").into(),
                ),
            },
            Command::SetTheme { vars } => embed::apply_theme(&vars),
        });
        let resize = embed::report_height(host.clone());
        // Both live exactly as long as this page.
        StoredValue::new_local((listener, resize));
        host.post(
            "ready",
            json!({ "catalog": catalog_id, "product": product, "currency": cat.currency }),
        );
    }

    let post = move |name: &'static str, data: serde_json::Value| {
        if let Some(host) = &host {
            host.post(name, data);
        }
    };
    let post = StoredValue::new_local(post);
    // The licence and credit of the pattern the design started from, sent with every event so
    // the retailer can show and honour them.
    let credit = StoredValue::new(None::<serde_json::Value>);
    let with_credit = move |mut data: serde_json::Value| {
        if let Some(c) = credit.get_value() {
            data["licence"] = c["licence"].clone();
            data["credit"] = c["credit"].clone();
        }
        data
    };
    let catalog_id = StoredValue::new(catalog_id);
    let on_change = Callback::new(move |s: Snapshot| {
        let data = catalog_id.with_value(|c| snapshot_json(c, &s));
        post.with_value(|post| post("change", with_credit(data)));
    });
    let on_add_to_cart = Callback::new(move |s: Snapshot| {
        let mut data = with_credit(catalog_id.with_value(|c| snapshot_json(c, &s)));
        data["pattern_id"] = json!(s.parent);
        data["preview_svg"] = json!(s.preview_svg);
        post.with_value(|post| post("add-to-cart", data));
    });

    let pattern = LocalResource::new(move || {
        let id = pattern_id.get();
        async move {
            match id {
                Some(id) => Some(fork_start(id).await),
                None => None,
            }
        }
    });
    move || {
        let start = match pattern.get() {
            None => return view! { <p>{move || i.t(K::Loading)}</p> }.into_any(),
            Some(Some(Err(e))) => return view! { <ErrorBox error=e/> }.into_any(),
            Some(Some(Ok(start))) => {
                let p = &start.pattern;
                credit.set_value(Some(json!({
                    "licence": p.licence,
                    "credit": {"pattern_id": p.id, "title": p.title, "author_name": p.author_name},
                })));
                // A pattern of another catalog than the retailer's is not theirs to sell.
                (start.pattern.catalog == cat.id).then(|| start.draft())
            }
            Some(None) => {
                credit.set_value(None);
                starting_draft(cat, &product, None, None).map(|(d, _)| d)
            }
        };
        match start {
            Some(draft) => view! {
                <Customizer
                    initial=draft
                    mode=Mode::Embed
                    cart_label=cart_label.clone()
                    on_change=on_change
                    on_add_to_cart=on_add_to_cart
                />
            }
            .into_any(),
            None => view! { <p>{move || i.t(K::UnknownProduct)}</p> }.into_any(),
        }
    }
}
