//! The Stitchfork web app: a Leptos client-side app mounted on <body>.

mod api;
mod app;
mod components;
mod draft;
mod embed;
mod format;
mod history;
mod i18n;
mod offline;
mod outbox;
mod pages;
mod storage;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
