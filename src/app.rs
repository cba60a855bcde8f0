//! The app root: language context, router, and the site layout (header with
//! navigation and language switch). `/embed` renders without the site chrome.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use stitchfork_model::Lang;

use crate::components::outbox_list::OfflineStatus;
use crate::i18n::{locale, native_name, tag, use_i18n, I18n, K};
use crate::lazy::{self, page};
use crate::pages::customize;
use crate::{offline, outbox, storage};

/// The language: remembered choice, else the browser's, else English.
fn initial_lang() -> Lang {
    if let Some(l) = storage::get(storage::LANG).and_then(|t| Lang::from_tag(&t)) {
        return l;
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|t| Lang::from_tag(t.split('-').next().unwrap_or("")))
        .unwrap_or(Lang::En)
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    provide_context(I18n(lang));
    let online = offline::provide();
    outbox::provide(lang, online);
    // Keep <html lang> right for screen readers and remember the choice.
    Effect::new(move |_| {
        let l = lang.get();
        storage::set(storage::LANG, tag(l));
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale(l));
        }
    });
    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Header + routes. Inside the router so it can see the path.
#[component]
fn Shell() -> impl IntoView {
    let i = use_i18n();
    let location = use_location();
    let embedded = Memo::new(move |_| location.pathname.get().starts_with("/embed"));
    view! {
        <Show when=move || !embedded.get()>
            <a class="skip" href="#main">{move || i.t(K::SkipToContent)}</a>
            <header class="site">
                <A href="/" attr:class="brand" attr:translate="no">"Stitchfork"</A>
                <nav aria-label="Stitchfork">
                    <A href="/">{move || i.t(K::NavGallery)}</A>
                    <A href=format!("/customize/{}", customize::default_product())>{move || i.t(K::NavCreate)}</A>
                    <A href="/me">{move || i.t(K::NavMe)}</A>
                    <A href="/catalogs">{move || i.t(K::NavShops)}</A>
                </nav>
                <LanguageSwitch/>
            </header>
            <OfflineStatus/>
        </Show>
        <main id="main" tabindex="-1" class:embedded=move || embedded.get()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=|| page(|| Box::pin(lazy::gallery()))/>
                <Route path=path!("/customize") view=|| page(|| Box::pin(lazy::customize_fork()))/>
                <Route
                    path=path!("/customize/:product")
                    view=|| page(|| Box::pin(lazy::customize_product()))
                />
                <Route path=path!("/p/:id") view=|| page(|| Box::pin(lazy::pattern()))/>
                <Route path=path!("/i/:id") view=|| page(|| Box::pin(lazy::item()))/>
                <Route path=path!("/me") view=|| page(|| Box::pin(lazy::me()))/>
                <Route path=path!("/catalogs") view=|| page(|| Box::pin(lazy::catalogs()))/>
                <Route path=path!("/embed") view=|| page(|| Box::pin(lazy::embed()))/>
            </Routes>
        </main>
    }
}

/// A labelled select of the three languages.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i = use_i18n();
    view! {
        <label class="lang">
            <span>{move || i.t(K::Language)}</span>
            <select
                id="lang-select"
                prop:value=move || tag(i.lang())
                on:change=move |ev| {
                    if let Some(l) = Lang::from_tag(&event_target_value(&ev)) {
                        i.0.set(l);
                    }
                }
            >
                {Lang::ALL
                    .iter()
                    .map(|l| {
                        view! {
                            <option value=tag(*l) lang=locale(*l) translate="no">
                                {native_name(*l)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="page narrow">
            <h1>{move || i.t(K::PageNotFound)}</h1>
            <p>
                <A href="/">{move || i.t(K::NavGallery)}</A>
            </p>
        </section>
    }
}

/// Removes the server's first paint of the gallery, a pattern or a customizer (`#first-paint`,
/// crates/server/src/pages.rs), which keeps the app hidden (style/main.css) until the app's own
/// page is there to take its place.
pub fn first_paint_done() {
    if let Some(e) = document().get_element_by_id("first-paint") {
        e.remove();
    }
}
