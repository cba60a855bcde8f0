//! The cut sheet of the design being made, drawn in the browser by the same domain code the
//! server uses, so it can be viewed and printed offline too. A native modal <dialog>: the
//! browser traps focus, closes it on Escape and returns focus to the button.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stitchfork_model::config::Configuration;

use crate::catalog::use_catalog;
use crate::i18n::{use_i18n, K};
use crate::lazy;

#[component]
pub fn CutSheetButton(#[prop(into)] config: Signal<Configuration>) -> impl IntoView {
    let i = use_i18n();
    let cat = use_catalog();
    let dialog = NodeRef::<Dialog>::new();
    let open = RwSignal::new(false);
    // The drawing code is fetched the first time the sheet opens (src/lazy.rs).
    let draw = RwSignal::new(None::<Result<lazy::DrawCutSheet, lazy::ChunkFailed>>);
    // Drawn only while open: nothing is computed on a click in the editor.
    let svg = move || match (open.get(), draw.get()) {
        (true, Some(Ok(draw))) => config.with(|c| draw(cat, c, i.lang())),
        _ => String::new(),
    };
    let show = move |_| {
        open.set(true);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
        if !draw.with_untracked(|d| matches!(d, Some(Ok(_)))) {
            spawn_local(async move { draw.set(Some(lazy::cut_sheet().await)) });
        }
    };
    let failed = move || matches!(draw.get(), Some(Err(_)));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <button type="button" on:click=show>{move || i.t(K::CutSheet)}</button>
        <dialog
            node_ref=dialog
            class="cut-sheet-dialog"
            aria-labelledby="cut-sheet-h"
            on:close=move |_| open.set(false)
        >
            <h2 id="cut-sheet-h">{move || i.t(K::CutSheetHeading)}</h2>
            <Show when=failed>
                <p role="alert">{move || i.t(K::ChunkFailedHelp)}</p>
            </Show>
            <div class="cut-sheet" inner_html=svg></div>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| {
                    if let Some(d) = dialog.get() {
                        d.close();
                    }
                }>{move || i.t(K::Close)}</button>
                <button type="button" class="primary" on:click=print>
                    {move || i.t(K::Print)}
                </button>
            </div>
        </dialog>
    }
}
