//! Pages whose code is fetched when first shown. The release build splits the wasm at each
//! `#[wasm_split]` function below (scripts/wasm-split.sh), so the first load holds only the
//! shell (header, router, language, offline state) and a visit downloads the page it opens.
//! Native builds and tests call the functions directly.
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
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use crate::i18n::{use_i18n, K};
use crate::pages::{customize, embed, gallery, item, me, pattern};

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

#[wasm_split(me, fallible)]
pub fn me() -> Result<MakePage, ChunkFailed> {
    Ok(|| view! { <me::MePage/> }.into_any())
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
        Some(Err(_)) => view! {
            <section class="page narrow" role="alert">
                <h1>{move || i.t(K::ChunkFailedTitle)}</h1>
                <p>{move || i.t(K::ChunkFailedHelp)}</p>
                <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                    {move || i.t(K::Retry)}
                </button>
            </section>
        }
        .into_any(),
    }
}
