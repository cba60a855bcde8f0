//! The publishes waiting for the network (`outbox`), on /me: each with its state and a way to
//! cancel it, and a button to try now. Also the header's badge pointing there.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{use_i18n, K};
use crate::offline::use_online;
use crate::outbox::{use_outbox, Queued};

/// The `#outbox` section of /me; nothing when nothing waits.
#[component]
pub fn OutboxList() -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let online = use_online();
    view! {
        <Show when=move || !outbox.0.with(Vec::is_empty)>
            <section id="outbox" class="outbox" aria-labelledby="outbox-h">
                <h2 id="outbox-h">{move || i.t(K::OutboxHeading)}</h2>
                <p class="hint">{move || i.t(K::OutboxNote)}</p>
                // A handful of rows at most: redrawn whole, without a keyed list's machinery.
                <ul>
                    {move || {
                        outbox
                            .0
                            .get()
                            .into_iter()
                            .map(|q| view! { <OutboxRow queued=q/> })
                            .collect_view()
                    }}
                </ul>
                <Show when=move || online.0.get()>
                    <button type="button" on:click=move |_| outbox.flush(i.lang_untracked())>
                        {move || i.t(K::PublishNow)}
                    </button>
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn OutboxRow(queued: Queued) -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let key = queued.key.clone();
    let state = match queued.refused {
        None => view! { <span class="waiting">{move || i.t(K::OutboxWaiting)}</span> }.into_any(),
        Some(why) => view! {
            <span class="refused">{move || i.t(K::OutboxRefused)} " " {why.clone()}</span>
        }
        .into_any(),
    };
    view! {
        <li>
            <strong>{queued.title}</strong>
            " · "
            {state}
            " "
            <button type="button" class="link" on:click=move |_| outbox.cancel(&key)>
                {move || i.t(K::CancelPublish)}
            </button>
        </li>
    }
}

/// In the header: how many publishes wait, linking to them; and a plain word when offline.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let i = use_i18n();
    let outbox = use_outbox();
    let online = use_online();
    let waiting = move || outbox.0.with(Vec::len);
    view! {
        <div class="offline-status" role="status">
            <Show when=move || !online.0.get()>
                <p class="offline-banner">{move || i.t(K::OfflineBanner)}</p>
            </Show>
            <Show when=move || { waiting() > 0 }>
                <A href="/me#outbox" attr:class="outbox-badge">
                    {move || i.t(K::OutboxBadge)}
                    " "
                    {waiting}
                </A>
            </Show>
        </div>
    }
}
