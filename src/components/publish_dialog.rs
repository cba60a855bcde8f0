//! The publish dialog: title, description, tags, author name, licence -> POST /patterns,
//! keep the edit key, clear the draft, go to the new pattern's page.
//! Offline (or when the publish gets no answer) the publish is queued instead
//! (`outbox`) and the visitor goes to /me, where it waits.
//!
//! A native modal <dialog>: the browser makes the page behind it inert and closes it on Escape.
//! Tab and Shift+Tab wrap around inside it (the ARIA dialog pattern; a native modal would let
//! focus leave for the browser's own UI), and closing gives focus back to what opened it.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use stitchfork_api::limits::{AUTHOR_MAX, DESCRIPTION_MAX, TITLE_MAX};
use stitchfork_api::Licence;
use stitchfork_model::text::without_forbidden;

use crate::api::{self, ApiError, NewPattern};
use crate::components::error_box::ErrorBox;
use crate::draft::{self, Draft};
use crate::i18n::{licence_name, use_i18n, K};
use crate::offline::online;
use crate::outbox::use_outbox;
use crate::pages::me::split_tags;
use crate::storage::{self, MinePattern};

const AUTHOR: &str = "sf.author";

#[component]
pub fn PublishDialog(open: RwSignal<bool>, #[prop(into)] draft: Signal<Draft>) -> impl IntoView {
    let i = use_i18n();
    let dialog = NodeRef::<Dialog>::new();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let author = RwSignal::new(storage::get(AUTHOR).unwrap_or_default());
    let licence = RwSignal::new(Licence::default());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let title_missing = RwSignal::new(false);
    let navigate = use_navigate();
    let outbox = use_outbox();

    // What had focus before the dialog opened, to give it back on close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                opener.set_value(document().active_element().and_then(|e| e.dyn_into().ok()));
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    // A fork starts with its parent's licence when the default would not keep its terms.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        if let Some(parent) = draft.with_untracked(|d| d.parent.clone()) {
            spawn_local(async move {
                if let Ok(p) = api::get_pattern(&parent).await {
                    if !p.licence.allows_fork_as(licence.get_untracked()) {
                        licence.set(p.licence);
                    }
                }
            });
        }
    });
    let on_close = move |_| {
        // `close` arrives a task after the dialog closed: if it was opened again meanwhile
        // (Escape, then Enter at once), this event belongs to the earlier closing.
        if dialog.get_untracked().is_some_and(|d| d.open()) {
            return;
        }
        open.set(false);
        if let Some(el) = opener.get_value() {
            let _ = el.focus();
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The server refuses invisible formatting characters; the form drops them.
        let t = without_forbidden(title.get_untracked().trim(), false);
        if t.is_empty() {
            title_missing.set(true);
            return;
        }
        title_missing.set(false);
        let d = draft.get_untracked();
        let name = without_forbidden(author.get_untracked().trim(), false);
        storage::set(AUTHOR, &name);
        let body = NewPattern {
            title: t,
            description: without_forbidden(description.get_untracked().trim(), true),
            tags: split_tags(&tags.get_untracked()),
            author_name: name,
            config: d.config.clone(),
            parent_id: d.parent.clone(),
            licence: licence.get_untracked(),
            catalog: d.catalog.clone(),
        };
        let lang = i.lang_untracked();
        // One key per attempt: if the answer is lost, the queued retry cannot publish twice.
        let key = storage::random_hex(16);
        let navigate = navigate.clone();
        // Waits on /me until the network returns.
        let queue = {
            let navigate = navigate.clone();
            move |key: String, body: &NewPattern| {
                outbox.add(key, body, lang);
                open.set(false);
                navigate("/me#outbox", NavigateOptions::default());
            }
        };
        if !online() {
            queue(key, &body);
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::publish(&body, lang, Some(&key)).await {
                Ok(p) => {
                    storage::add_mine(MinePattern {
                        id: p.pattern.id.clone(),
                        edit_key: p.edit_key.clone(),
                        title: p.pattern.title.clone(),
                    });
                    // Published: the draft has done its job.
                    draft::clear(&d);
                    open.set(false);
                    navigate(&format!("/p/{}", p.pattern.id), NavigateOptions::default());
                }
                // No answer: it may or may not have arrived; the key makes the retry safe.
                Err(ApiError::Network(_)) => queue(key, &body),
                // The draft stays in localStorage; nothing is lost.
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    // Server field errors about the metadata, shown at the field.
    let field_error = move |name: &'static str| {
        move || {
            error.get().and_then(|e| {
                e.fields()
                    .iter()
                    .find(|f| f.path == name)
                    .map(|f| f.message.clone())
            })
        }
    };

    view! {
        <dialog
            node_ref=dialog
            class="publish"
            aria-labelledby="publish-h"
            // Escape fires `cancel` at once and `close` a task later: the state follows at once,
            // so a quick reopen is not lost.
            on:cancel=move |_: leptos::ev::Event| open.set(false)
            on:close=on_close
            on:keydown=move |ev| wrap_tab(&ev, dialog)
        >
            <form on:submit=submit novalidate>
                <h2 id="publish-h">{move || i.t(K::PublishHeading)}</h2>
                <label for="pub-title">{move || i.t(K::Title)}</label>
                <input
                    id="pub-title"
                    maxlength=TITLE_MAX
                    aria-describedby="pub-title-err"
                    aria-invalid=move || title_missing.get().to_string()
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
                <p id="pub-title-err" class="field-error">
                    {move || title_missing.get().then(|| i.t(K::TitleRequired))}
                    {field_error("title")}
                </p>
                <label for="pub-desc">{move || i.t(K::Description)}</label>
                <textarea
                    id="pub-desc"
                    maxlength=DESCRIPTION_MAX
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
                <p class="field-error">{field_error("description")}</p>
                <label for="pub-tags">{move || i.t(K::Tags)}</label>
                <input
                    id="pub-tags"
                    aria-describedby="pub-tags-hint"
                    prop:value=move || tags.get()
                    on:input=move |ev| tags.set(event_target_value(&ev))
                />
                <p id="pub-tags-hint" class="hint">{move || i.t(K::TagsHint)}</p>
                <p class="field-error">{field_error("tags")}</p>
                <label for="pub-author">{move || i.t(K::AuthorName)}</label>
                <input
                    id="pub-author"
                    maxlength=AUTHOR_MAX
                    autocomplete="nickname"
                    prop:value=move || author.get()
                    on:input=move |ev| author.set(event_target_value(&ev))
                />
                <p class="field-error">{field_error("author_name")}</p>
                <label for="pub-licence">{move || i.t(K::Licence)}</label>
                <select
                    id="pub-licence"
                    on:change=move |ev| {
                        if let Some(l) = Licence::parse(&event_target_value(&ev)) {
                            licence.set(l);
                        }
                    }
                >
                    {Licence::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option
                                    value=l.as_str()
                                    translate=if l.short_name().is_some() { "no" } else { "yes" }
                                    prop:selected=move || licence.get() == l
                                >
                                    {move || licence_name(i.lang(), l)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error">{field_error("licence")}</p>
                {move || {
                    error
                        .get()
                        .map(|e| match (e.code(), draft.with(|d| d.parent.clone())) {
                            // A fork that changes nothing: say so and point at the original.
                            (Some("same_as_parent"), Some(parent)) => {
                                view! {
                                    <div class="error same-as-parent" role="alert">
                                        <p>{move || i.t(K::SameAsParent)}</p>
                                        <p>
                                            <a href=format!("/p/{parent}")>{move || i.t(K::OpenParent)}</a>
                                        </p>
                                    </div>
                                }
                                    .into_any()
                            }
                            _ => view! { <ErrorBox error=e draft_safe=true/> }.into_any(),
                        })
                }}
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false)>
                        {move || i.t(K::Cancel)}
                    </button>
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { i.t(K::Publishing) } else { i.t(K::Publish) }}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// Tab from the last control goes to the first, Shift+Tab from the first to the last.
fn wrap_tab(ev: &leptos::ev::KeyboardEvent, dialog: NodeRef<Dialog>) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(d) = dialog.get_untracked() else {
        return;
    };
    let Ok(list) = d.query_selector_all("input, textarea, select, button:not([disabled]), a[href]")
    else {
        return;
    };
    let item = |i: u32| {
        list.item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let (Some(first), Some(last)) = (item(0), list.length().checked_sub(1).and_then(item)) else {
        return;
    };
    let active = document().active_element();
    let is = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
    };
    let to = if ev.shift_key() && is(&first) {
        last
    } else if !ev.shift_key() && is(&last) {
        first
    } else {
        return;
    };
    ev.prevent_default();
    let _ = to.focus();
}
