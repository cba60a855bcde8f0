//! `/embed`: the customizer without site chrome, for retailers' iframes.
//!
//! Query: `product` (default laptop-sleeve), `pattern` (optional id to start from).
//! HOOK FOR THE EMBEDDING PROTOCOL: `on_change` and `on_add_to_cart` below receive a
//! `Snapshot` (config, quote, valid, problems, preview_svg, parent); post them to the
//! host page from here (see public/embed.js).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::customizer::{Customizer, Mode, Snapshot};
use crate::components::error_box::ErrorBox;
use crate::draft::Draft;
use crate::i18n::{use_i18n, K};
use crate::pages::customize::starting_draft;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let product = Memo::new(move |_| {
        query
            .with(|q| q.get("product"))
            .unwrap_or_else(|| "laptop-sleeve".to_string())
    });
    let pattern_id = Memo::new(move |_| query.with(|q| q.get("pattern")));
    let pattern = LocalResource::new(move || {
        let id = pattern_id.get();
        async move {
            match id {
                Some(id) => Some(api::get_pattern(&id).await),
                None => None,
            }
        }
    });
    // Placeholders: the embedding engineer replaces these with postMessage to the host.
    let on_change = Callback::new(move |_s: Snapshot| {});
    let on_add_to_cart = Callback::new(move |_s: Snapshot| {});
    move || {
        let start = match pattern.get() {
            None => return view! { <p>{move || i.t(K::Loading)}</p> }.into_any(),
            Some(Some(Err(e))) => return view! { <ErrorBox error=e/> }.into_any(),
            Some(Some(Ok(p))) => Some(Draft {
                config: p.config.clone(),
                parent: Some(p.id.clone()),
            }),
            Some(None) => starting_draft(&product.get(), None, None).map(|(d, _)| d),
        };
        match start {
            Some(draft) => view! {
                <Customizer
                    initial=draft
                    mode=Mode::Embed
                    on_change=on_change
                    on_add_to_cart=on_add_to_cart
                />
            }
            .into_any(),
            None => view! { <p>{move || i.t(K::UnknownProduct)}</p> }.into_any(),
        }
    }
}
