//! What is wrong with the design, and what screen readers are told when the design changes.

use leptos::prelude::*;
use stitchfork_model::pricing::Quote;
use stitchfork_model::Problem;

use crate::format::money;
use crate::i18n::{count, use_i18n, Noun, K};

/// Says a new price or the problems to fix, politely, to screen readers: one live region for
/// the whole customizer, always in the page (a region inserted with its text is not announced).
#[component]
pub fn Announcer(quote: Memo<Option<Quote>>, problems: Memo<Vec<Problem>>) -> impl IntoView {
    let i = use_i18n();
    let text = move || {
        let lang = i.lang();
        problems.with(|ps| {
            if ps.is_empty() {
                quote.with(|q| {
                    q.as_ref()
                        .map(|q| {
                            format!(
                                "{}: {}",
                                i.t(K::Total),
                                money(lang, &q.currency, q.total_minor)
                            )
                        })
                        .unwrap_or_default()
                })
            } else {
                let list: Vec<&str> = ps.iter().map(|p| p.message.as_str()).collect();
                format!(
                    "{}: {}",
                    count(lang, Noun::Problems, ps.len() as i64),
                    list.join(" ")
                )
            }
        })
    };
    view! {
        <p class="sr-only" aria-live="polite" data-testid="announce">
            {text}
        </p>
    }
}

/// Everything that is wrong, in one list too (the same messages also sit at their fields).
#[component]
pub fn Problems(problems: Memo<Vec<Problem>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div class="problems">
                <p>{move || i.t(K::FixBeforePublish)}</p>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|p| view! { <li data-path=p.path.clone()>{p.message.clone()}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
