//! Pages, and the parts of pages used only on demand (the publish dialog, the cut sheet, the
//! outbox's sending code), whose code is fetched when first needed. The release build splits
//! the wasm at each `#[wasm_split]` function below (scripts/wasm-split.sh), so the first load
//! holds only the shell (header, router, language, offline state) and a visit downloads the
//! page it opens. Native builds and tests call the functions directly.
//!
//! Few modules, on purpose: code shared by each distinct set of modules becomes a chunk of its
//! own, and every chunk costs a route about 600 bytes; so the three on-demand parts share one
//! module (`on_demand`) rather than one each (which made the gallery 10 KB heavier).
//!
//! A split function hands back a *constructor*, not a view: the page must be built inside the
//! route's reactive owner (for its context and params), which the loading task does not have.
//! A module that fails to load (offline on a first visit, a deploy that removed it) shows an
//! error with a retry instead of aborting the app.

// Split functions cross the wasm module boundary through `extern "C"`, but both sides are this
// same Rust build, so the Rust types they pass (a Result of a fn pointer) are fine.
#![allow(improper_ctypes_definitions)]

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::Configuration;
use stitchfork_model::{render, Lang};
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::api;
use crate::catalog::{self, CatalogCx, LoadError};
use crate::components::publish_dialog::PublishDialog;
use crate::components::upgrade_notice::UpgradeNotice;
use crate::draft::Draft;
use crate::i18n::{use_i18n, K};
use crate::outbox;
use crate::pages::{catalogs, customize, embed, gallery, item, me, pattern};

/// A page's module could not be fetched.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("a part of the app could not be loaded")]
pub struct ChunkFailed;

impl From<SplitLoaderError> for ChunkFailed {
    fn from(_: SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// Builds a page's view, once its module is there.
pub type MakePage = fn() -> AnyView;

#[wasm_split(gallery, fallible)]
pub fn gallery() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <gallery::Gallery/> }.into_any())
}

#[wasm_split(customize, fallible)]
pub fn customize_product() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <customize::CustomizeProduct/> }.into_any())
}

#[wasm_split(customize, fallible)]
pub fn customize_fork() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <customize::CustomizeFork/> }.into_any())
}

#[wasm_split(embed, fallible)]
pub fn embed() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <embed::EmbedPage/> }.into_any())
}

#[wasm_split(pattern, fallible)]
pub fn pattern() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <pattern::PatternPage/> }.into_any())
}

#[wasm_split(item, fallible)]
pub fn item() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <item::ItemPage/> }.into_any())
}

/// A retailer's catalog page. It shares the on-demand module: each module of its own
/// multiplies the chunks every page loads (a `retail` module of its own took the customizer
/// from 39 to 63 files and +15 KB gzip).
#[wasm_split(on_demand, fallible)]
pub fn catalogs() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <catalogs::CatalogsPage/> }.into_any())
}

#[wasm_split(me, fallible)]
pub fn me() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <me::MePage/> }.into_any())
}

/// Makes the publish dialog.
pub type MakePublishDialog = fn(RwSignal<bool>, Signal<Draft>) -> AnyView;

/// The publish dialog (its form, licences, and publishing), fetched the first time it opens,
/// or when the customizer has been idle a moment (`prefetch_on_demand`).
#[wasm_split(on_demand, fallible, preload(fetch_on_demand))]
pub fn publish_dialog() -> Result<MakePublishDialog, ChunkFailed> {
    Ok(|open, draft| view! { <PublishDialog open=open draft=draft/> }.into_any())
}

/// Draws a cut sheet.
pub type DrawCutSheet = fn(&Catalog, &Configuration, Lang) -> String;

/// The cut sheet's drawing, fetched the first time a cut sheet is opened.
#[wasm_split(on_demand, fallible)]
pub fn cut_sheet() -> Result<DrawCutSheet, ChunkFailed> {
    Ok(render::cut_sheet_svg)
}

/// The publish dialog from the first time `open` is set: until then nothing of it is fetched.
/// If its module cannot be fetched, `open` falls back and a short alert says so; opening again
/// tries again.
pub fn publish_dialog_on_demand(open: RwSignal<bool>, draft: Signal<Draft>) -> impl IntoView {
    let i = use_i18n();
    let made = RwSignal::new(None::<Result<MakePublishDialog, ChunkFailed>>);
    let loading = StoredValue::new(false);
    Effect::new(move |_| {
        if !open.get() || made.with_untracked(|m| matches!(m, Some(Ok(_)))) || loading.get_value() {
            return;
        }
        loading.set_value(true);
        spawn_local(async move {
            let result = publish_dialog().await;
            loading.set_value(false);
            if result.is_err() {
                open.set(false);
            }
            made.set(Some(result));
        });
    });
    move || match made.get() {
        None => ().into_any(),
        Some(Ok(make)) => make(open, draft),
        Some(Err(_)) => view! { <p role="alert">{move || i.t(K::ChunkFailedHelp)}</p> }.into_any(),
    }
}

/// Fetches the customizer's on-demand module (publish dialog, cut sheet) once the page has
/// been shown a moment, so the first use of either is instant; it is not part of the first load.
pub fn prefetch_on_demand() {
    set_timeout(
        || spawn_local(async { _ = fetch_on_demand().await }),
        std::time::Duration::from_secs(2),
    );
}

/// A future of the on-demand module's code.
pub type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Draws something the on-demand module prepared.
pub type Drawing = std::rc::Rc<dyn Fn() -> AnyView>;

/// A pattern moved onto its catalog's latest version: that version, the configuration in it,
/// and what moving it changed (None when nothing did).
pub type Upgraded = (CatalogCx, Configuration, Option<Drawing>);

/// What only a retailer's catalog needs: fetching and reading a catalog (serde's decoder of
/// every catalog type and the domain's checks), moving a pattern onto its catalog's latest
/// version, and saying what that changed. A visit that stays with the built-in catalog
/// never fetches it.
#[derive(Clone, Copy)]
pub struct Retail {
    /// [`crate::catalog::fetch`].
    pub open: fn(String, Option<u32>) -> LocalFuture<Result<CatalogCx, LoadError>>,
    /// Pattern `id` moved onto the latest version of its `catalog`, that version opened.
    pub upgrade: fn(String, String) -> LocalFuture<Result<Upgraded, LoadError>>,
}

#[wasm_split(on_demand, fallible)]
pub fn retail() -> Result<Retail, ChunkFailed> {
    Ok(Retail {
        open: |id, version| Box::pin(async move { catalog::fetch(&id, version).await }),
        upgrade: |id, catalog| {
            Box::pin(async move {
                let upgrade = api::upgrade(&id).await?;
                let cx = catalog::fetch(&catalog, Some(upgrade.to_version)).await?;
                let config = upgrade.config.0.clone();
                let notice = (upgrade.from_version != upgrade.to_version).then(|| {
                    std::rc::Rc::new(move || {
                        view! { <UpgradeNotice upgrade=upgrade.clone()/> }.into_any()
                    }) as Drawing
                });
                Ok((cx, config, notice))
            })
        },
    })
}

/// The outbox's sending half: a visit with nothing waiting to publish never fetches it.
#[wasm_split(on_demand, fallible)]
pub fn outbox_sender() -> Result<outbox::Sender, ChunkFailed> {
    Ok(outbox::sender())
}

/// Fetches a page's module and hands back its constructor.
pub type LoadPage = fn() -> Pin<Box<dyn Future<Output = Result<MakePage, ChunkFailed>>>>;

/// The route view of the page `load` fetches: nothing while it loads (a module is a few tens
/// of KB), the page once it is there, or an error with a retry. One function for every route,
/// not a generic component, so the shell holds one copy of it.
pub fn page(load: LoadPage) -> impl IntoView {
    let i = use_i18n();
    let attempt = RwSignal::new(0u32);
    let page = LocalResource::new(move || {
        attempt.track();
        load()
    });
    move || match page.get() {
        None => ().into_any(),
        Some(Ok(make)) => make(),
        Some(Err(_)) => {
            // Nothing is left to stand in for: the error must show.
            crate::app::first_paint_done();
            page_failed(i, attempt)
        }
    }
}

/// A page whose module did not arrive, with a retry.
fn page_failed(i: crate::i18n::I18n, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <section class="page narrow" role="alert">
            <h1>{move || i.t(K::ChunkFailedTitle)}</h1>
            <p>{move || i.t(K::ChunkFailedHelp)}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {move || i.t(K::Retry)}
            </button>
        </section>
    }
    .into_any()
}
