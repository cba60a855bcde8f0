//! Owners' notes on made items: the list (plain text, each with its rating and date), and what a
//! pattern's copies say ("Made: 14 · Average rating: 4.6 / 5", then the notes).

use leptos::prelude::*;

use crate::api::{self, Note};
use crate::i18n::{use_i18n, K};

/// Notes, newest first.
#[component]
pub fn NoteList(notes: Vec<Note>) -> impl IntoView {
    let i = use_i18n();
    if notes.is_empty() {
        return view! { <p>{move || i.t(K::NoNotesYet)}</p> }.into_any();
    }
    view! {
        <ul class="notes" data-testid="notes">
            {notes
                .into_iter()
                .map(|n| {
                    let date = n.created_at.get(..10).unwrap_or_default().to_string();
                    view! {
                        <li>
                            {n.rating.map(|r| view! { <span class="rating">{format!("★ {r}/5")}</span> " " })}
                            <span class="note-body" translate="no">{n.body.clone()}</span>
                            " " <time>{date}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
        .into_any()
}

/// What the items made from pattern `id` say; nothing until one was made.
#[component]
pub fn MadeSummary(id: String) -> impl IntoView {
    let i = use_i18n();
    let made = LocalResource::new(move || {
        let id = id.clone();
        async move { api::made(&id).await }
    });
    move || {
        let Some(Ok(m)) = made.get() else {
            return None;
        };
        (m.made_count > 0).then(|| {
            // One decimal by integer arithmetic: `{:.1}` would bring float formatting into the wasm.
            let rating = m.rating_average.map(|avg| {
                let tenths = (avg * 10.0).round() as i64;
                format!(" · {} {}.{} / 5", i.t(K::RatedAverage), tenths / 10, tenths % 10)
            });
            view! {
                <section class="made" aria-labelledby="made-h">
                    <h2 id="made-h">{move || i.t(K::OwnersSay)}</h2>
                    <p data-testid="made">{move || i.t(K::MadeTimes)} ": " {m.made_count} {rating}</p>
                    <NoteList notes=m.notes.clone()/>
                </section>
            }
        })
    }
}
