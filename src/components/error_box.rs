//! An API error shown as what happened and what to do, announced to screen readers.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{advice_key, code_key, use_i18n, K};

/// `draft_safe`: also say that the design is kept on this device (customizer, publish).
#[component]
pub fn ErrorBox(
    error: ApiError,
    #[prop(optional)] draft_safe: bool,
    #[prop(optional)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let i = use_i18n();
    let key = advice_key(error.advice());
    // Said by code in the user's language; the server's English message is for API clients.
    let detail = error.code().and_then(code_key);
    // Field problems the page may not show at a field of its own (e.g. the configuration).
    let fields: Vec<String> = error.fields().iter().map(|f| f.message.clone()).collect();
    view! {
        <div class="error" role="alert">
            <p>
                <strong>{move || i.t(key)}</strong>
            </p>
            {detail.map(|d| view! { <p class="detail">{move || i.t(d)}</p> })}
            {(!fields.is_empty())
                .then(|| {
                    view! {
                        <ul>
                            {fields.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {draft_safe.then(|| view! { <p>{move || i.t(K::DraftSafe)}</p> })}
            {retry
                .map(|r| {
                    view! {
                        <button type="button" on:click=move |_| r.run(())>
                            {move || i.t(K::Retry)}
                        </button>
                    }
                })}
        </div>
    }
}
