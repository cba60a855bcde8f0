//! A pattern's licence, and for a fork the credit chain: every ancestor up to the original with
//! its author and licence (from the lineage the page already loads), so reuse credits them all.

use leptos::prelude::*;
use leptos_router::components::A;
use stitchfork_api::Licence;

use crate::api::{ApiError, Lineage};
use crate::i18n::{licence_name, use_i18n, K};

/// The licence's name, linked to its text when it has one.
#[component]
pub fn LicenceName(licence: Licence) -> impl IntoView {
    let i = use_i18n();
    let name = move || licence_name(i.lang(), licence);
    // Creative Commons names are the same in every language (and have a text to link to).
    match licence.url() {
        Some(url) => {
            view! { <a href=url rel="license noopener" target="_blank" translate="no">{name}</a> }
                .into_any()
        }
        None => view! { <span>{name}</span> }.into_any(),
    }
}

/// "Licence: CC BY 4.0", then the chain of credits when the pattern is a fork.
#[component]
pub fn Credits(
    licence: Licence,
    lineage: LocalResource<Result<Lineage, ApiError>>,
) -> impl IntoView {
    let i = use_i18n();
    let chain = move || {
        let Some(Ok(l)) = lineage.get() else {
            return None;
        };
        (!l.ancestors.is_empty()).then(|| {
            let items = l
                .ancestors
                .iter()
                .map(|a| match (&a.title, &a.author_name, a.licence) {
                    (Some(title), Some(author), Some(licence)) if !a.removed => {
                        let (title, author) = (title.clone(), author.clone());
                        view! {
                            <li>
                                <A href=format!("/p/{}", a.id) attr:translate="no">{title}</A>
                                " " {move || i.t(K::By)} " " <span translate="no">{author}</span>
                                " · " <LicenceName licence=licence/>
                            </li>
                        }
                            .into_any()
                    }
                    _ => view! { <li>{move || i.t(K::Removed)}</li> }.into_any(),
                })
                .collect_view();
            view! {
                <p class="credits-h" id="credits-h">{move || i.t(K::CreditChain)}</p>
                <ol class="credits" aria-labelledby="credits-h" data-testid="credit-chain">{items}</ol>
            }
        })
    };
    view! {
        <p class="licence" data-testid="licence">
            {move || i.t(K::Licence)} ": " <LicenceName licence=licence/>
        </p>
        {chain}
    }
}
