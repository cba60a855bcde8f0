//! `/`: the gallery. Search, filters (product, material, colour, tag), sorts,
//! "show more" paging over the API's keyset cursor, SVG thumbnails from the API.
//!
//! The search and filters live in the URL (`/?q=&product=&material=&colour=&tag=&sort=`), so a
//! filtered gallery can be shared, survives a reload, and Back undoes a filter change. They are
//! the API's own parameter names and sort names (`stitchfork_api`); an older link's `color`
//! still filters.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::location::Url;
use leptos_router::NavigateOptions;
use stitchfork_model::catalog::Catalog;

use stitchfork_api::{ListParams, Sort};

use crate::api::{self, ApiError, ListedPattern};
use crate::components::error_box::ErrorBox;
use crate::i18n::{count, use_i18n, Noun, K};

const PAGE: i64 = stitchfork_api::limits::DEFAULT_LIMIT;

/// The URL parameters the gallery reads, in the order it writes them.
const FILTERS: [&str; 6] = ["q", "product", "material", "colour", "tag", "sort"];

/// The gallery's address with `key` set to `value` and the other filters as in `current`;
/// empty values and the default sort are left out.
fn gallery_href(current: &leptos_router::params::ParamsMap, key: &str, value: &str) -> String {
    let query: Vec<String> = FILTERS
        .iter()
        .filter_map(|k| {
            let v = if *k == key {
                value.to_string()
            } else {
                legacy_colour(current, k).unwrap_or_default()
            };
            let omit = v.is_empty() || (*k == "sort" && v == Sort::default().as_str());
            (!omit).then(|| format!("{k}={}", Url::escape(&v)))
        })
        .collect();
    if query.is_empty() {
        "/".to_string()
    } else {
        format!("/?{}", query.join("&"))
    }
}

/// Filter `key` of the gallery's URL; `colour` also under its older spelling `color`.
fn legacy_colour(params: &leptos_router::params::ParamsMap, key: &str) -> Option<String> {
    params
        .get(key)
        .or_else(|| (key == "colour").then(|| params.get("color")).flatten())
}

#[component]
pub fn Gallery() -> impl IntoView {
    let i = use_i18n();
    let cat = Catalog::builtin();
    let params = use_query_map();
    let param = move |key: &'static str| {
        Memo::new(move |_| params.with(|p| p.get(key).unwrap_or_default()))
    };
    let q = param("q");
    let product = param("product");
    let material = param("material");
    let colour =
        Memo::new(move |_| params.with(|p| legacy_colour(p, "colour").unwrap_or_default()));
    let tag = param("tag");
    let sort = Memo::new(move |_| {
        params
            .with(|p| p.get("sort"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| Sort::default().as_str().to_string())
    });
    // A filter change is a navigation (pushed, so Back undoes it).
    let navigate = use_navigate();
    let set_filter = Callback::new(move |(key, value): (&'static str, String)| {
        let href = params.with_untracked(|p| gallery_href(p, key, &value));
        navigate(&href, NavigateOptions::default());
    });
    // The search box shows what was searched, also after Back or opening a shared link.
    let typed = RwSignal::new(q.get_untracked());
    Effect::new(move |_| typed.set(q.get()));

    let query = Memo::new(move |_| ListParams {
        q: Some(q.get()),
        tag: Some(tag.get()),
        product: Some(product.get()),
        material: Some(material.get()),
        colour: Some(colour.get()),
        sort: Sort::parse(&sort.get()),
        limit: Some(PAGE.to_string()),
        ..ListParams::default()
    });
    let first = LocalResource::new(move || {
        let query = query.get();
        async move { api::list_patterns(&query).await }
    });
    // The server's first paint of `/` stands in until the first page (or why it is not there)
    // is shown.
    Effect::new(move |_| {
        if first.with(Option::is_some) {
            crate::app::first_paint_done();
        }
    });
    on_cleanup(crate::app::first_paint_done);
    // Pages loaded with "show more" after the first; reset when the query changes.
    let more = RwSignal::new(Vec::<ListedPattern>::new());
    let cursor = RwSignal::new(None::<String>);
    let more_error = RwSignal::new(None::<ApiError>);
    let loading_more = RwSignal::new(false);
    Effect::new(move |_| {
        let next = first.get().and_then(|r| r.ok()).and_then(|p| p.next_cursor);
        more.set(Vec::new());
        cursor.set(next);
        more_error.set(None);
    });
    let load_more = move |_| {
        let Some(c) = cursor.get_untracked() else {
            return;
        };
        let mut query = query.get_untracked();
        query.cursor = Some(c);
        loading_more.set(true);
        spawn_local(async move {
            match api::list_patterns(&query).await {
                Ok(page) => {
                    more.update(|m| m.extend(page.items));
                    cursor.set(page.next_cursor);
                    more_error.set(None);
                }
                Err(e) => more_error.set(Some(e)),
            }
            loading_more.set(false);
        });
    };

    let mut colours: Vec<(String, stitchfork_model::catalog::Text)> = Vec::new();
    for m in &cat.materials {
        for c in &m.colours {
            if !colours.iter().any(|(id, _)| *id == c.id) {
                colours.push((c.id.clone(), c.name.clone()));
            }
        }
    }
    let colours = StoredValue::new(colours);
    let filters_open = RwSignal::new(false);

    let select = |id: &'static str,
                  label: K,
                  key: &'static str,
                  value: Memo<String>,
                  options: Box<dyn Fn() -> Vec<(String, String)> + Send + Sync>| {
        view! {
            <div class="filter">
                <label for=id>{move || i.t(label)}</label>
                <select
                    id=id
                    prop:value=move || value.get()
                    on:change=move |ev| set_filter.run((key, event_target_value(&ev)))
                >
                    <option value="">{move || i.t(K::Any)}</option>
                    {move || {
                        options()
                            .into_iter()
                            .map(|(v, l)| {
                                let selected = value.get_untracked() == v;
                                view! { <option value=v selected=selected>{l}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    view! {
        <section class="page gallery">
            <h1>{move || i.t(K::GalleryTitle)}</h1>
            <p class="tagline">{move || i.t(K::Tagline)}</p>
            <form
                class="search"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    set_filter.run(("q", typed.get_untracked().trim().to_string()));
                }
            >
                <label for="q">{move || i.t(K::Search)}</label>
                <div class="search-row">
                    <input
                        id="q"
                        type="search"
                        placeholder=move || i.t(K::SearchPlaceholder)
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    <button type="submit">{move || i.t(K::Search)}</button>
                </div>
            </form>
            // On a narrow screen the filters fold behind one button (shown by CSS), so the
            // results come first; the button counts the filters in use.
            <button
                type="button"
                class="filters-toggle"
                aria-expanded=move || filters_open.get().to_string()
                aria-controls="filters"
                on:click=move |_| filters_open.update(|o| *o = !*o)
            >
                {move || i.t(K::Filters)}
                {move || {
                    let n = [product, material, colour, tag].iter().filter(|f| f.with(|v| !v.is_empty())).count()
                        + usize::from(sort.with(|s| s != Sort::default().as_str()));
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
            <div class="filters" id="filters" class:open=move || filters_open.get()>
                {select(
                    "f-product",
                    K::FilterProduct,
                    "product",
                    product,
                    Box::new(move || {
                        let lang = i.lang();
                        cat.products.iter().map(|p| (p.id.clone(), p.name.get(lang).to_string())).collect()
                    }),
                )}
                {select(
                    "f-material",
                    K::FilterMaterial,
                    "material",
                    material,
                    Box::new(move || {
                        let lang = i.lang();
                        cat.materials.iter().map(|m| (m.id.clone(), m.name.get(lang).to_string())).collect()
                    }),
                )}
                {select(
                    "f-colour",
                    K::FilterColour,
                    "colour",
                    colour,
                    Box::new(move || {
                        let lang = i.lang();
                        colours.with_value(|cs| cs.iter().map(|(id, n)| (id.clone(), n.get(lang).to_string())).collect())
                    }),
                )}
                <div class="filter">
                    <label for="f-tag">{move || i.t(K::FilterTag)}</label>
                    <input
                        id="f-tag"
                        prop:value=move || tag.get()
                        on:change=move |ev| {
                            set_filter.run(("tag", event_target_value(&ev).trim().to_lowercase()))
                        }
                    />
                </div>
                <div class="filter">
                    <label for="f-sort">{move || i.t(K::Sort)}</label>
                    <select
                        id="f-sort"
                        prop:value=move || sort.get()
                        on:change=move |ev| set_filter.run(("sort", event_target_value(&ev)))
                    >
                        <option value=Sort::New.as_str()>{move || i.t(K::SortNew)}</option>
                        <option value=Sort::Popular.as_str()>{move || i.t(K::SortPopular)}</option>
                        <option value=Sort::Trending.as_str()>{move || i.t(K::SortTrending)}</option>
                        <option value=Sort::Forks.as_str()>{move || i.t(K::SortForks)}</option>
                    </select>
                </div>
            </div>
            <Transition fallback=move || view! { <p>{move || i.t(K::Loading)}</p> }>
                {move || {
                    first
                        .get()
                        .map(|r| match r {
                            Err(e) => {
                                view! { <ErrorBox error=e retry=Callback::new(move |_| first.refetch())/> }
                                    .into_any()
                            }
                            Ok(page) if page.items.is_empty() => {
                                view! { <p class="empty">{move || i.t(K::NoResults)}</p> }.into_any()
                            }
                            Ok(page) => {
                                view! {
                                    <ul class="cards">
                                        {page.items.into_iter().map(|p| view! { <Card p=p/> }).collect_view()}
                                        {move || more.get().into_iter().map(|p| view! { <Card p=p/> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
            // Screen readers hear how many patterns are shown when the results change, not the
            // text of every card (a live list announced each one).
            <p class="sr-only" aria-live="polite" data-testid="gallery-status">
                {move || {
                    first
                        .get()
                        .and_then(|r| r.ok())
                        .map(|page| match page.items.len() + more.with(Vec::len) {
                            0 => i.t(K::NoResults).to_string(),
                            n => count(i.lang(), Noun::Patterns, n as i64),
                        })
                }}
            </p>
            {move || more_error.get().map(|e| view! { <ErrorBox error=e/> })}
            <Show when=move || cursor.get().is_some()>
                <button type="button" class="more" disabled=move || loading_more.get() on:click=load_more>
                    {move || if loading_more.get() { i.t(K::Loading) } else { i.t(K::LoadMore) }}
                </button>
            </Show>
        </section>
    }
}

/// One pattern in the grid: thumbnail, title, author, likes and forks.
#[component]
fn Card(p: ListedPattern) -> impl IntoView {
    let i = use_i18n();
    let href = format!("/p/{}", p.id);
    view! {
        <li class="card">
            <A href=href>
                <img src=api::preview_url(&p.id) alt="" loading="lazy" width="320" height="220"/>
                <span class="card-title" translate="no">{p.title.clone()}</span>
            </A>
            <p class="meta">
                {move || i.t(K::By)} " " <span translate="no">{p.author_name.clone()}</span> " · "
                {move || count(i.lang(), Noun::Likes, p.like_count)} " · "
                {move || count(i.lang(), Noun::Forks, p.fork_count)}
            </p>
        </li>
    }
}
