//! `/i/{id}`: a made item, where its label's QR code leads. What it is (preview and the design in
//! words, and how to look after its materials), which pattern it was made from, by whom and when; the owner claims it with the code on
//! the label (the owner key is kept in this browser) and then adds notes and a rating. Below, the
//! family tree of its pattern, with how often each member was made and how it is rated.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use stitchfork_model::catalog::Catalog;
use stitchfork_model::describe::describe;
use stitchfork_model::render;

use crate::api::{self, ApiError, Item, NewNote};
use crate::components::error_box::ErrorBox;
use crate::components::family_tree::LineageTree;
use crate::components::notes::NoteList;
use crate::components::preview::hide_inner;
use crate::i18n::{use_i18n, K};
use crate::storage;

/// Where this browser keeps the owner key of item `id`.
fn owner_key_name(id: &str) -> String {
    format!("sf.owner.{id}")
}

#[component]
pub fn ItemPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    // Bumped after a claim or a note, to read the item again.
    let version = RwSignal::new(0u32);
    let item = LocalResource::new(move || {
        let (id, _) = (id.get(), version.get());
        async move { api::get_item(&id).await }
    });
    move || match item.get() {
        None => view! { <p class="page">{move || i.t(K::Loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <div class="page"><ErrorBox error=e/></div> }.into_any(),
        Some(Ok(it)) => view! { <ItemView it=it version=version/> }.into_any(),
    }
}

#[component]
fn ItemView(it: Item, version: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let cat = Catalog::builtin();
    let config = it.config.0.clone();
    let svg = hide_inner(&render::preview_svg(cat, &config));
    let product = cat
        .product(&it.product)
        .map(|p| p.name.clone())
        .map(move |name| Signal::derive(move || name.get(i.lang()).to_string()));
    let about = {
        let config = config.clone();
        move || describe(cat, &config, i.lang())
    };
    let owner_key = RwSignal::new(storage::get(&owner_key_name(&it.id)));
    let date = it.created_at.get(..10).unwrap_or_default().to_string();
    let from = it
        .pattern_id
        .clone()
        .zip(it.pattern_title.clone())
        .map(|(pid, title)| {
            view! {
                <p>
                    {move || i.t(K::MadeFrom)} " "
                    <A href=format!("/p/{pid}") attr:translate="no">{title}</A>
                </p>
            }
        });
    let owner_part = {
        let id = it.id.clone();
        let claimed = it.claimed;
        move || match owner_key.get() {
            Some(key) => {
                view! { <NoteForm id=id.clone() owner_key=key version=version/> }.into_any()
            }
            None if claimed => view! { <p>{move || i.t(K::ClaimedBySomeone)}</p> }.into_any(),
            None => view! { <ClaimForm id=id.clone() owner_key=owner_key/> }.into_any(),
        }
    };
    view! {
        <article class="page item">
            <h1>{move || product.map(|p| p.get()).unwrap_or_default()}</h1>
            <div class="item-preview" role="img" aria-label=about.clone() inner_html=svg></div>
            <p>
                {move || i.t(K::MadeBy)} " " <span translate="no">{it.retailer.clone()}</span>
                " · " <time>{date}</time>
            </p>
            {from}
            <p class="about">{about}</p>
            <section aria-labelledby="care-h" data-testid="care">
                <h2 id="care-h">{move || i.t(K::Care)}</h2>
                <dl class="care">
                    {cat
                        .materials_of(&config)
                        .into_iter()
                        .filter_map(|m| m.care.as_ref().map(|care| (&m.name, care)))
                        .map(|(name, care)| {
                            view! {
                                <dt>{move || name.get(i.lang()).to_string()}</dt>
                                <dd>{move || care.get(i.lang()).to_string()}</dd>
                            }
                        })
                        .collect_view()}
                </dl>
            </section>
            {owner_part}
            <section aria-labelledby="notes-h">
                <h2 id="notes-h">{move || i.t(K::OwnersSay)}</h2>
                <NoteList notes=it.notes.clone()/>
            </section>
            {it.pattern_id.clone().map(|pid| view! { <PatternFamily id=pid/> })}
        </article>
    }
}

/// The family of the pattern this item was made from: its ancestors and forks, and how many
/// of each were made and how they are rated.
#[component]
fn PatternFamily(id: String) -> impl IntoView {
    let i = use_i18n();
    let lineage = {
        let id = id.clone();
        LocalResource::new(move || {
            let id = id.clone();
            async move { api::lineage(&id).await }
        })
    };
    view! {
        <section aria-labelledby="item-tree-h">
            <h2 id="item-tree-h">{move || i.t(K::FamilyTree)}</h2>
            <LineageTree lineage=lineage current=id/>
        </section>
    }
}

/// The code on the label -> the owner key, kept in this browser.
#[component]
fn ClaimForm(id: String, owner_key: RwSignal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.clone();
        spawn_local(async move {
            match api::claim_item(&id, &code.get_untracked()).await {
                Ok(key) => {
                    // The owner key alone swaps this form for the note form. The item is not
                    // read again here: rebuilding the page would wipe a note being typed.
                    storage::set(&owner_key_name(&id), &key);
                    owner_key.set(Some(key));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="claim" on:submit=submit>
            <h2>{move || i.t(K::ClaimHeading)}</h2>
            <label for="claim-code">{move || i.t(K::ClaimCode)}</label>
            <input
                id="claim-code"
                autocomplete="off"
                autocapitalize="characters"
                maxlength="64"
                prop:value=move || code.get()
                on:input=move |ev| code.set(event_target_value(&ev))
            />
            <button type="submit" class="primary">{move || i.t(K::Claim)}</button>
            {move || {
                error
                    .get()
                    .map(|e| match e {
                        // A wrong code is the owner's typo, not a missing edit key.
                        ApiError::Server { status: 403, .. } => {
                            view! { <p class="error" role="alert">{move || i.t(K::WrongClaimCode)}</p> }
                                .into_any()
                        }
                        e => view! { <ErrorBox error=e/> }.into_any(),
                    })
            }}
        </form>
    }
}

/// The owner's note and rating.
#[component]
fn NoteForm(id: String, owner_key: String, version: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let body = RwSignal::new(String::new());
    let rating = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (id, key) = (id.clone(), owner_key.clone());
        let note = NewNote {
            body: body.get_untracked(),
            rating: rating.get_untracked().parse().ok(),
        };
        let lang = i.lang_untracked();
        spawn_local(async move {
            match api::add_note(&id, &key, &note, lang).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="note-form" on:submit=submit>
            <p>{move || i.t(K::YouOwnThis)}</p>
            <label for="note-body">{move || i.t(K::YourNote)}</label>
            <textarea
                id="note-body"
                maxlength="2000"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
            ></textarea>
            <label for="note-rating">{move || i.t(K::Rating)}</label>
            <select id="note-rating" on:change=move |ev| rating.set(event_target_value(&ev))>
                <option value="">{move || i.t(K::NoRating)}</option>
                {(1..=5).map(|n| view! { <option value=n.to_string()>{format!("{n} / 5")}</option> }).collect_view()}
            </select>
            <button type="submit" class="primary">{move || i.t(K::AddNote)}</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}
