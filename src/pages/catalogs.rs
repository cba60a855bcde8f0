//! `/catalogs[?id=...]`: a retailer's catalog page. Paste or edit the catalog's JSON, check it
//! (every problem listed at its JSON path), see every product at every size (front view, cut
//! sheet and price, drawn by the server from the unsaved text), then create the catalog or
//! publish a new version with its key, and copy the snippet that puts it in a shop.
//!
//! Nothing is checked here: the server's domain checks are the only judge, so the page and the
//! API can never disagree. Drawings arrive as SVG text and are shown as images (`<img>` of a
//! data URL), where a catalog's text can never run as script.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use stitchfork_api::catalogs::{CatalogPreview, CatalogVersion, CatalogVersions};
use stitchfork_api::{paths, FieldProblem};
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::components::error_box::ErrorBox;
use crate::format::money;
use crate::i18n::{use_i18n, K};

/// What the last action said.
#[derive(Clone, Debug)]
enum Outcome {
    /// The text was checked and drawn.
    Previewed(CatalogPreview),
    /// A version is live (with the key, when the catalog was just created).
    Live(CatalogVersion, Option<String>),
    Failed(ApiError),
}

#[component]
pub fn CatalogsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let id = RwSignal::new(query.with_untracked(|q| q.get("id")).unwrap_or_default());
    let key = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let versions = RwSignal::new(None::<CatalogVersions>);

    let refresh_versions = move || {
        let catalog = id.get_untracked();
        if !stitchfork_api::catalogs::is_catalog_id(&catalog) {
            versions.set(None);
            return;
        }
        spawn_local(async move { versions.set(api::catalog_versions(&catalog).await.ok()) });
    };
    // One action at a time; each replaces what the last one said.
    let run = move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let lang = i.lang_untracked();
        let json = text.get_untracked();
        let catalog = id.get_untracked();
        let secret = key.get_untracked();
        spawn_local(async move {
            let result = match action {
                Action::Check => api::preview_catalog(&json, lang)
                    .await
                    .map(|p| Some(Outcome::Previewed(p))),
                Action::Create => api::create_catalog(&json, lang).await.map(|c| {
                    id.set(c.version.id.clone());
                    key.set(c.catalog_key.clone());
                    Some(Outcome::Live(c.version, Some(c.catalog_key)))
                }),
                Action::Upload => api::upload_catalog_version(&catalog, &secret, &json, lang)
                    .await
                    .map(|v| Some(Outcome::Live(v, None))),
                // Filling the text has nothing to show but the text.
                Action::Load => api::catalog_text(&catalog, None)
                    .await
                    .map(|(t, _)| text.set(pretty(&t)))
                    .map(|()| None),
                Action::Example => api::builtin_catalog_text()
                    .await
                    .map(|t| text.set(pretty(&t)))
                    .map(|()| None),
            };
            busy.set(false);
            match result {
                Ok(Some(o)) => outcome.set(Some(o)),
                Ok(None) => outcome.set(None),
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
            if matches!(action, Action::Create | Action::Upload | Action::Load) {
                refresh_versions();
            }
        });
    };
    refresh_versions();
    let problems = move || match outcome.get() {
        Some(Outcome::Failed(e)) if !e.fields().is_empty() => Some(e.fields().to_vec()),
        _ => None,
    };

    view! {
        <section class="page catalogs">
            <h1>{move || i.t(K::CatalogPageTitle)}</h1>
            <p>{move || i.t(K::CatalogIntro)}</p>
            <p>
                <a href=paths::full(paths::CATALOG_SCHEMA)>{move || i.t(K::SchemaLink)}</a>
            </p>
            <div class="catalog-editor">
                <form class="catalog-form" on:submit=|ev| ev.prevent_default()>
                    <label for="catalog-json">{move || i.t(K::CatalogJson)}</label>
                    <textarea
                        id="catalog-json"
                        rows="24"
                        spellcheck="false"
                        autocomplete="off"
                        aria-describedby="catalog-result"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                    <div class="row">
                        <label>
                            {move || i.t(K::CatalogIdLabel)}
                            <input
                                id="catalog-id"
                                autocomplete="off"
                                prop:value=move || id.get()
                                on:change=move |ev| {
                                    id.set(event_target_value(&ev));
                                    refresh_versions();
                                }
                            />
                        </label>
                        <label>
                            {move || i.t(K::CatalogKeyLabel)}
                            <input
                                id="catalog-key"
                                type="password"
                                autocomplete="off"
                                prop:value=move || key.get()
                                on:input=move |ev| key.set(event_target_value(&ev))
                            />
                        </label>
                    </div>
                    <div class="actions">
                        <ActionButton action=Action::Example busy=busy run=run/>
                        <ActionButton action=Action::Load busy=busy run=run/>
                        <ActionButton action=Action::Check busy=busy run=run/>
                        <ActionButton action=Action::Create busy=busy run=run/>
                        <ActionButton action=Action::Upload busy=busy run=run/>
                    </div>
                    <div id="catalog-result" aria-live="polite">
                        {move || {
                            problems()
                                .map(|list| view! { <ProblemList problems=list/> }.into_any())
                                .or_else(|| {
                                    outcome
                                        .get()
                                        .map(|o| match o {
                                            Outcome::Failed(e) => {
                                                view! { <ErrorBox error=e/> }.into_any()
                                            }
                                            Outcome::Previewed(_) => {
                                                view! {
                                                    <p class="ok" data-testid="catalog-ok">
                                                        {move || i.t(K::CatalogOk)}
                                                    </p>
                                                }
                                                    .into_any()
                                            }
                                            Outcome::Live(v, secret) => {
                                                view! { <Live version=v secret=secret/> }.into_any()
                                            }
                                        })
                                })
                        }}
                    </div>
                </form>
                <div class="catalog-previews">
                    {move || match outcome.get() {
                        Some(Outcome::Previewed(p)) => view! { <Previews preview=p/> }.into_any(),
                        _ => ().into_any(),
                    }}
                </div>
            </div>
            {move || versions.get().map(|v| view! { <VersionList versions=v/> })}
        </section>
    }
}

/// What a button of the page does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Fill the text with the built-in catalog, to start from.
    Example,
    /// Fill the text with the catalog's latest version.
    Load,
    Check,
    Create,
    Upload,
}

#[component]
fn ActionButton(
    action: Action,
    busy: RwSignal<bool>,
    run: impl Fn(Action) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let (label, primary) = match action {
        Action::Example => (K::StartFromExample, false),
        Action::Load => (K::LoadLatest, false),
        Action::Check => (K::CheckPreview, false),
        Action::Create => (K::CreateCatalog, true),
        Action::Upload => (K::UploadVersion, true),
    };
    view! {
        <button
            type="button"
            class:primary=primary
            data-action=format!("{action:?}").to_lowercase()
            prop:disabled=move || busy.get()
            on:click=move |_| run(action)
        >
            {move || i.t(label)}
        </button>
    }
}

/// The catalog's problems, each at its JSON path.
#[component]
fn ProblemList(problems: Vec<FieldProblem>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="error" role="alert" data-testid="catalog-problems">
            <p>
                <strong>{move || i.t(K::ProblemsFound)}</strong>
            </p>
            <ul>
                {problems
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>
                                <code translate="no">{p.path}</code>
                                ": "
                                {p.message}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// A live version: its number, the key once, the links and the embed snippet.
#[component]
fn Live(version: CatalogVersion, secret: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let first = version.products.first().cloned().unwrap_or_default();
    let snippet = format!(
        "<script src=\"{origin}/embed.js\" async></script>\n<div data-stitchfork data-catalog=\"{}\" data-product=\"{first}\"></div>",
        version.id
    );
    let id = version.id.clone();
    view! {
        <div class="live" data-testid="catalog-live">
            <p>
                {move || i.t(K::VersionLive)} " "
                <strong translate="no">{format!("{} v{}", version.id, version.version)}</strong>
            </p>
            {secret
                .map(|k| {
                    view! {
                        <p>
                            {move || i.t(K::KeyShownOnce)}
                            <output data-testid="catalog-key" translate="no">{k}</output>
                        </p>
                    }
                })}
            <ul>
                {version
                    .products
                    .iter()
                    .map(|p| {
                        let href = format!("/customize/{p}?catalog={id}");
                        view! {
                            <li>
                                <a href=href translate="no">{p.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h2>{move || i.t(K::EmbedSnippet)}</h2>
            <pre><code data-testid="catalog-snippet">{snippet}</code></pre>
        </div>
    }
}

/// Every product at every size: front view, price, cut sheet.
#[component]
fn Previews(preview: CatalogPreview) -> impl IntoView {
    let i = use_i18n();
    let currency = preview.currency.clone();
    preview
        .products
        .into_iter()
        .map(|product| {
            let name = product.name.clone();
            let currency = currency.clone();
            view! {
                <section class="product-preview" data-product=product.id.clone()>
                    <h2>{move || name.get(i.lang()).to_string()}</h2>
                    {product
                        .sizes
                        .into_iter()
                        .map(|size| {
                            let size_name = size.name.clone();
                            let alt = {
                                let product = product.name.clone();
                                let size = size.name.clone();
                                move || format!("{} – {}", product.get(i.lang()), size.get(i.lang()))
                            };
                            let cut_alt = {
                                let alt = alt.clone();
                                move || format!("{} – {}", alt(), i.t(K::CutSheetShort))
                            };
                            let currency = currency.clone();
                            view! {
                                <figure class="size-preview" data-size=size.id.clone()>
                                    <img src=svg_url(&size.preview_svg) alt=alt/>
                                    <figcaption>
                                        {move || size_name.get(i.lang()).to_string()} " · "
                                        <span class="price">
                                            {move || money(i.lang(), &currency, size.price_minor)}
                                        </span>
                                    </figcaption>
                                    <details>
                                        <summary>{move || i.t(K::CutSheetShort)}</summary>
                                        <img class="cut" src=svg_url(&size.cut_sheet_svg) alt=cut_alt/>
                                    </details>
                                </figure>
                            }
                        })
                        .collect_view()}
                </section>
            }
        })
        .collect_view()
}

/// The catalog's versions, newest first.
#[component]
fn VersionList(versions: CatalogVersions) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="versions">
            <h2>{move || i.t(K::Versions)}</h2>
            <ol reversed data-testid="catalog-versions">
                {versions
                    .versions
                    .into_iter()
                    .rev()
                    .map(|v| {
                        view! {
                            <li>
                                <span translate="no">
                                    {format!("v{} · {} · {}", v.version, v.currency, v.products.join(", "))}
                                </span>
                                " · "
                                <time datetime=v.created_at.clone()>{v.created_at.clone()}</time>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// An SVG document as an image URL.
fn svg_url(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    )
}

/// JSON text indented for editing (as it came when it does not parse).
fn pretty(text: &str) -> String {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_owned())
}
