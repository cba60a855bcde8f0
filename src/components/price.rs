//! The price with its line items, formatted for the locale.

use leptos::prelude::*;
use stitchfork_model::pricing::Quote;

use crate::format::money;
use crate::i18n::{use_i18n, K};

/// `quote` is None while the design has problems (no price for an invalid design).
#[component]
pub fn Price(#[prop(into)] quote: Signal<Option<Quote>>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="price" aria-labelledby="price-h">
            <h2 id="price-h">{move || i.t(K::Price)}</h2>
            {move || {
                let lang = i.lang();
                quote
                    .get()
                    .map(|q| {
                        let cur = q.currency.clone();
                        view! {
                            <dl class="lines">
                                {q
                                    .lines
                                    .iter()
                                    .map(|l| {
                                        view! {
                                            <div>
                                                <dt>{l.label.clone()}</dt>
                                                <dd>{money(lang, &cur, l.amount_minor)}</dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                                <div class="total">
                                    <dt>{i.t(K::Total)}</dt>
                                    <dd data-testid="total">{money(lang, &cur, q.total_minor)}</dd>
                                </div>
                            </dl>
                        }
                    })
            }}
        </section>
    }
}
