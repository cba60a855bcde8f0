//! The Stitchfork web app: a Leptos client-side app mounted on <body>.
//!
//! Map: `app` (root, router, layout), `pages` (one module per route), `components` (pieces of
//! the pages), `api` (the REST client; its types, paths and limits are `stitchfork-api`'s),
//! `draft` (autosaved designs, in localStorage and the URL), `history` (undo/redo), `embed`
//! (the iframe side of the embedding protocol), `i18n` (en/sv/ru texts), `format` (locale
//! formatting through `Intl`), `storage` (localStorage records). The domain (prices,
//! validation, rendering) is `stitchfork-model`, the same code the server runs.

mod api;
mod app;
mod catalog;
mod components;
mod draft;
mod embed;
mod format;
mod history;
mod i18n;
mod lazy;
mod offline;
mod outbox;
mod pages;
mod storage;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
