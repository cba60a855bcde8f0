//! `/me`: the patterns this browser published (edit keys in localStorage),
//! with edit and unpublish, and the drafts in progress.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use stitchfork_model::catalog::Catalog;

use stitchfork_api::limits::{DESCRIPTION_MAX, TITLE_MAX};
use stitchfork_model::text::without_forbidden;

use crate::api::{self, ApiError, PatchRequest};
use crate::components::error_box::ErrorBox;
use crate::components::outbox_list::OutboxList;
use crate::draft;
use crate::i18n::{use_i18n, K};
use crate::outbox::use_outbox;
use crate::storage::{self, MinePattern};

#[component]
pub fn MePage() -> impl IntoView {
    let i = use_i18n();
    let mine = RwSignal::new(storage::mine());
    // A queued publish that goes out while this page is open joins the list.
    let outbox = use_outbox();
    Effect::new(move |_| {
        outbox.0.track();
        mine.set(storage::mine());
    });
    // After an unpublish its row is gone: focus moves to the list's heading (not to the body)
    // and a live region says what was unpublished.
    let published_h = NodeRef::<leptos::html::H2>::new();
    let removed = RwSignal::new(None::<String>);
    let on_removed = Callback::new(move |id: String| {
        let title = mine.with_untracked(|m| m.iter().find(|p| p.id == id).map(|p| p.title.clone()));
        storage::remove_mine(&id);
        mine.set(storage::mine());
        removed.set(title);
        if let Some(h) = published_h.get_untracked() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="page">
            <h1>{move || i.t(K::MyPatterns)}</h1>
            <OutboxList/>
            <h2>{move || i.t(K::YourDraft)}</h2>
            <Drafts/>
            <h2 node_ref=published_h tabindex="-1">{move || i.t(K::Published)}</h2>
            <p class="sr-only" aria-live="polite" data-testid="me-status">
                {move || removed.get().map(|t| format!("{}: {t}", i.t(K::UnpublishedNotice)))}
            </p>
            <p class="hint">{move || i.t(K::KeysNote)}</p>
            <Show
                when=move || !mine.get().is_empty()
                fallback=move || view! { <p>{move || i.t(K::NoPatterns)}</p> }
            >
                <ul class="mine">
                    <For
                        each=move || mine.get()
                        key=|m| m.id.clone()
                        children=move |m| view! { <MineRow entry=m on_removed=on_removed/> }
                    />
                </ul>
            </Show>
        </section>
    }
}

/// The autosaved drafts, most recent first: each product's own, and one per pattern being
/// forked.
#[component]
fn Drafts() -> impl IntoView {
    let i = use_i18n();
    let cat = Catalog::builtin();
    let drafts: Vec<_> = draft::all()
        .into_iter()
        .filter_map(|d| cat.product(&d.config.product).map(|p| (p, d)))
        .collect();
    if drafts.is_empty() {
        return view! { <p>{move || i.t(K::NoDraft)}</p> }.into_any();
    }
    view! {
        <ul class="drafts">
            {drafts
                .into_iter()
                .map(|(p, d)| {
                    let name = p.name.clone();
                    let href = draft::share_path(&d);
                    let fork_of = d.parent.clone().map(|id| {
                        view! {
                            " · " {move || i.t(K::ForkedFrom)} " "
                            <A href=format!("/p/{id}")>{id.clone()}</A>
                        }
                    });
                    view! {
                        <li>
                            <span>{move || name.get(i.lang()).to_string()}</span>
                            {fork_of}
                            " "
                            <A href=href>{move || i.t(K::ContinueDraft)}</A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One of my patterns: link, inline edit of its metadata, unpublish.
#[component]
fn MineRow(entry: MinePattern, on_removed: Callback<String>) -> impl IntoView {
    let i = use_i18n();
    let id = entry.id.clone();
    let title = RwSignal::new(entry.title.clone());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let status = RwSignal::new(None::<K>);
    let busy = RwSignal::new(false);

    // Load the current metadata so the edit form starts from what is published.
    let loaded = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move { api::get_pattern(&id).await }
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(p)) = loaded.get() {
            title.set(p.title.clone());
            description.set(p.description.clone());
            tags.set(p.tags.join(", "));
        }
    });

    let save = {
        let id = id.clone();
        let key = entry.edit_key.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (id, key) = (id.clone(), key.clone());
            // The server refuses invisible formatting characters; the form drops them.
            let body = PatchRequest {
                title: Some(without_forbidden(title.get_untracked().trim(), false)),
                description: Some(without_forbidden(&description.get_untracked(), true)),
                tags: Some(split_tags(&tags.get_untracked())),
            };
            let lang = i.lang_untracked();
            busy.set(true);
            spawn_local(async move {
                match api::update(&id, &key, &body, lang).await {
                    Ok(p) => {
                        storage::update_mine_title(&id, &p.title);
                        error.set(None);
                        status.set(Some(K::Saved));
                        editing.set(false);
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };

    let unpublish = {
        let id = id.clone();
        let key = entry.edit_key.clone();
        move |_| {
            let confirmed = window()
                .confirm_with_message(i.t(K::ConfirmUnpublish))
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let (id, key) = (id.clone(), key.clone());
            busy.set(true);
            spawn_local(async move {
                match api::unpublish(&id, &key).await {
                    // Already gone is what the user wanted too.
                    Ok(()) => on_removed.run(id),
                    Err(e) if e.advice() == api::Advice::NotFound => on_removed.run(id),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };

    let href = format!("/p/{id}");
    let field_id = |name: &str| format!("{name}-{}", entry.id);
    let (title_id, desc_id, tags_id) = (field_id("title"), field_id("desc"), field_id("tags"));
    view! {
        <li class="mine-row">
            <img class="thumb-sm" src=api::preview_url(&id) alt="" width="96" height="64"/>
            <div class="mine-main">
                <A href=href attr:translate="no">{move || title.get()}</A>
                <div class="row-actions">
                    <button
                        type="button"
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)
                    >
                        {move || i.t(K::Edit)}
                    </button>
                    <button type="button" class="danger" disabled=move || busy.get() on:click=unpublish>
                        {move || i.t(K::Unpublish)}
                    </button>
                    <span role="status">{move || status.get().map(|k| i.t(k))}</span>
                </div>
                <Show when=move || editing.get()>
                    <form class="edit" on:submit=save.clone()>
                        <label for=title_id.clone()>{move || i.t(K::Title)}</label>
                        <input
                            id=title_id.clone()
                            required
                            maxlength=TITLE_MAX
                            prop:value=move || title.get()
                            on:input=move |ev| title.set(event_target_value(&ev))
                        />
                        <label for=desc_id.clone()>{move || i.t(K::Description)}</label>
                        <textarea
                            id=desc_id.clone()
                            maxlength=DESCRIPTION_MAX
                            prop:value=move || description.get()
                            on:input=move |ev| description.set(event_target_value(&ev))
                        ></textarea>
                        <label for=tags_id.clone()>{move || i.t(K::Tags)}</label>
                        <input
                            id=tags_id.clone()
                            prop:value=move || tags.get()
                            on:input=move |ev| tags.set(event_target_value(&ev))
                        />
                        <button type="submit" disabled=move || busy.get()>
                            {move || i.t(K::Save)}
                        </button>
                    </form>
                </Show>
                {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
            </div>
        </li>
    }
}

/// "a, b ,c" -> ["a", "b", "c"], lowercased, empties and invisible formatting characters
/// dropped.
pub fn split_tags(s: &str) -> Vec<String> {
    without_forbidden(s, false)
        .split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_are_split_trimmed_and_lowercased() {
        assert_eq!(super::split_tags(" Blue, ,Cosy "), vec!["blue", "cosy"]);
    }
}
