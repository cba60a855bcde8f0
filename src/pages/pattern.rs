//! `/p/{id}`: a published pattern. Preview, title, author, credit to the
//! parent, what changed vs the parent (domain diff), family tree, fork, like,
//! share link with QR code, cut sheet.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use stitchfork_model::describe::describe;
use stitchfork_model::{diff, render};

use crate::api::{self, ApiError, Lineage, Pattern};
use crate::catalog::use_catalog;
use crate::components::credits::Credits;
use crate::components::error_box::ErrorBox;
use crate::components::family_tree::LineageTree;
use crate::components::notes::MadeSummary;
use crate::components::preview::Preview;
use crate::components::qr::Qr;
use crate::i18n::{use_i18n, K};
use crate::pages::customize::WithCatalog;

#[component]
pub fn PatternPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let pattern = LocalResource::new(move || {
        let id = id.get();
        async move { api::get_pattern(&id).await }
    });
    // The server's first paint stands in until the pattern (or why it is not there) is shown.
    Effect::new(move |_| {
        if pattern.with(Option::is_some) {
            crate::app::first_paint_done();
        }
    });
    on_cleanup(crate::app::first_paint_done);
    let lineage = LocalResource::new(move || {
        let id = id.get();
        async move { api::lineage(&id).await }
    });
    // The parent's configuration, for the diff (None for an original or a removed parent).
    let parent = LocalResource::new(move || {
        let pid = pattern
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.parent.filter(|pr| !pr.removed).map(|pr| pr.id));
        async move {
            match pid {
                Some(pid) => api::get_pattern(&pid).await.ok(),
                None => None,
            }
        }
    });

    view! {
        <Transition fallback=move || view! { <p class="page">{move || i.t(K::Loading)}</p> }>
            {move || {
                pattern
                    .get()
                    .map(|r| match r {
                        // Drawn with the catalog version it was made with.
                        Ok(p) => {
                            let (catalog, version) = (p.catalog.clone(), p.catalog_version);
                            let p = StoredValue::new(p);
                            view! {
                                <WithCatalog id=Some(catalog) version=version>
                                    <PatternView p=p.get_value() lineage=lineage parent=parent/>
                                </WithCatalog>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <section class="page narrow">
                                    <h1>{move || i.t(K::PatternUnavailable)}</h1>
                                    <ErrorBox error=e retry=Callback::new(move |_| pattern.refetch())/>
                                    <p>
                                        <A href="/">{move || i.t(K::NavGallery)}</A>
                                    </p>
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn PatternView(
    p: Pattern,
    lineage: LocalResource<Result<Lineage, ApiError>>,
    parent: LocalResource<Option<Pattern>>,
) -> impl IntoView {
    let i = use_i18n();
    let cat = use_catalog();
    let svg = render::preview_svg(cat, &p.config.0);
    let pid = p.id.clone();
    let liked = RwSignal::new(p.liked);
    let like_count = RwSignal::new(p.like_count);
    let like_error = RwSignal::new(None::<ApiError>);
    let link = format!(
        "{}/p/{}",
        window().location().origin().unwrap_or_default(),
        p.id
    );
    let copied = RwSignal::new(false);

    let toggle_like = {
        let pid = pid.clone();
        move |_| {
            let on = !liked.get_untracked();
            let pid = pid.clone();
            spawn_local(async move {
                match api::like(&pid, on).await {
                    Ok(state) => {
                        liked.set(state.liked);
                        like_count.set(state.like_count);
                        like_error.set(None);
                    }
                    Err(e) => like_error.set(Some(e)),
                }
            });
        }
    };

    let credit = p.parent.clone().map(|pr| {
        let href = format!("/p/{}", pr.id);
        view! {
            <p class="credit" data-testid="credit">
                {move || i.t(K::ForkedFrom)}
                " "
                {if pr.removed {
                    view! { <span>{move || i.t(K::Removed)}</span> }.into_any()
                } else {
                    let title = pr.title.clone().unwrap_or_default();
                    let author = pr.author_name.clone().unwrap_or_default();
                    view! {
                        <A href=href attr:translate="no">{title}</A>
                        " "
                        {move || i.t(K::By)}
                        " "
                        <span translate="no">{author}</span>
                    }
                        .into_any()
                }}
            </p>
        }
    });
    let is_fork = p.parent.is_some();

    let child_config = p.config.0.clone();
    let changes = move || {
        parent.get().flatten().map(|parent| {
            let list = diff::diff(cat, &parent.config.0, &child_config, i.lang());
            if list.is_empty() {
                view! { <p>{move || i.t(K::NoChanges)}</p> }.into_any()
            } else {
                view! {
                    <ul class="changes" data-testid="changes">
                        {list
                            .into_iter()
                            .map(|c| view! { <li data-path=c.path.clone()>{c.message.clone()}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        })
    };

    let fork_href = format!("/customize?fork={}", p.id);
    let cut_sheet = api::cut_sheet_url(&p.id);
    let link_for_qr = link.clone();
    let link_for_copy = link.clone();
    let tags = p.tags.clone();

    view! {
        <article class="page pattern">
            <div class="pattern-grid">
                <Preview
                    svg=svg
                    label=Signal::derive({
                        let t = p.title.clone();
                        move || t.clone()
                    })
                    description=Signal::derive({
                        let config = p.config.clone();
                        move || describe(cat, &config.0, i.lang())
                    })
                    user_label=true
                />
                <div class="pattern-info">
                    <h1 translate="no">{p.title.clone()}</h1>
                    <p class="author">
                        {move || i.t(K::By)} " " <span translate="no">{p.author_name.clone()}</span>
                    </p>
                    {credit}
                    {(!is_fork).then(|| view! { <p class="credit">{move || i.t(K::OriginalPattern)}</p> })}
                    <Credits licence=p.licence lineage=lineage/>
                    {(!p.description.is_empty()).then(|| view! { <p class="description" translate="no">{p.description.clone()}</p> })}
                    {(!tags.is_empty())
                        .then(|| {
                            view! {
                                <ul class="tags" translate="no">
                                    {tags.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                                </ul>
                            }
                        })}
                    <div class="actions">
                        <A href=fork_href attr:class="button primary">{move || i.t(K::Fork)}</A>
                        <button type="button" aria-pressed=move || liked.get().to_string() on:click=toggle_like>
                            <span aria-hidden="true">{move || if liked.get() { "♥ " } else { "♡ " }}</span>
                            {move || if liked.get() { i.t(K::Unlike) } else { i.t(K::Like) }}
                            " "
                            <span class="count" data-testid="like-count">{move || like_count.get()}</span>
                        </button>
                        <a class="button" href=cut_sheet target="_blank" rel="noopener">
                            {move || i.t(K::CutSheet)}
                        </a>
                    </div>
                    {move || like_error.get().map(|e| view! { <ErrorBox error=e/> })}
                    <section class="share" aria-labelledby="share-h">
                        <h2 id="share-h">{move || i.t(K::Share)}</h2>
                        <div class="share-row">
                            <label class="sr-only" for="share-url">{move || i.t(K::Share)}</label>
                            <input id="share-url" readonly value=link.clone()/>
                            <button
                                type="button"
                                on:click=move |_| {
                                    let _ = window().navigator().clipboard().write_text(&link_for_copy);
                                    copied.set(true);
                                }
                            >
                                {move || i.t(K::CopyLink)}
                            </button>
                            <span role="status">{move || copied.get().then(|| i.t(K::LinkCopied))}</span>
                        </div>
                        <Qr text=link_for_qr label=Signal::derive(move || i.t(K::QrLabel).to_string())/>
                    </section>
                </div>
            </div>
            <Show when=move || is_fork>
                <section aria-labelledby="changes-h">
                    <h2 id="changes-h">{move || i.t(K::WhatChanged)}</h2>
                    {changes.clone()}
                </section>
            </Show>
            <MadeSummary id=p.id.clone()/>
            <section aria-labelledby="tree-h">
                <h2 id="tree-h">{move || i.t(K::FamilyTree)}</h2>
                <LineageTree lineage=lineage current=p.id.clone()/>
            </section>
        </article>
    }
}
