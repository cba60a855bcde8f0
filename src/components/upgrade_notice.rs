//! What moving a pattern onto its catalog's newer version changed, above a fork's customizer:
//! each choice no longer offered (or now forbidden) and what replaced it, and the price before
//! and after. Part of the on-demand module (`lazy::retail`).

use leptos::prelude::*;
use stitchfork_api::catalogs::ChangeKind;

use crate::api::Upgrade;
use crate::format::money;
use crate::i18n::{use_i18n, K};

#[component]
pub fn UpgradeNotice(upgrade: Upgrade) -> impl IntoView {
    let i = use_i18n();
    let Upgrade {
        changes,
        price_before_minor,
        price_after_minor,
        currency,
        ..
    } = upgrade;
    let price_changed = price_before_minor != price_after_minor;
    view! {
        <section class="upgrade-notice" role="status" data-testid="upgrade-notice">
            <h2>{move || i.t(K::CatalogChanged)}</h2>
            <ul>
                {changes
                    .into_iter()
                    .map(|c| {
                        let why = match c.kind {
                            ChangeKind::Discontinued => K::Discontinued,
                            ChangeKind::NowForbidden => K::NowForbidden,
                        };
                        view! {
                            <li data-path=c.path.clone()>
                                {move || i.t(why)} ": "
                                <s>{move || c.before.get(i.lang()).to_string()}</s>
                                " → "
                                <strong>{move || c.after.get(i.lang()).to_string()}</strong>
                            </li>
                        }
                    })
                    .collect_view()}
                {price_changed
                    .then(|| {
                        let currency = currency.clone();
                        view! {
                            <li data-testid="price-change">
                                {move || i.t(K::PriceChanged)} ": "
                                <s>{{
                                    let c = currency.clone();
                                    move || money(i.lang(), &c, price_before_minor)
                                }}</s>
                                " → "
                                <strong>{move || money(i.lang(), &currency, price_after_minor)}</strong>
                            </li>
                        }
                    })}
            </ul>
        </section>
    }
}
