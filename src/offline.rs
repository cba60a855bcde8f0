//! Working offline: registers the service worker (`public/sw.js`, which keeps the app, the
//! catalog and what the visitor has seen), and tracks whether the browser is online so the
//! pages can say plainly what needs the network.

use leptos::prelude::*;

/// Whether the browser has a network, shared through context (tracked).
#[derive(Clone, Copy)]
pub struct Online(pub ReadSignal<bool>);

/// Whether the browser says it has a network right now (false means surely offline).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Starts offline support: the online signal in context, and the service worker.
pub fn provide() -> Online {
    let (is_online, set_online) = signal(online());
    let up = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    let down = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        up.remove();
        down.remove();
    });
    register_service_worker();
    provide_context(Online(is_online));
    Online(is_online)
}

pub fn use_online() -> Online {
    use_context::<Online>().unwrap_or_else(|| Online(signal(true).0))
}

/// The worker's scope is this origin only; a browser without service workers (or a page in a
/// context that forbids them) simply runs without offline support.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    if container.is_undefined() {
        return;
    }
    let _ = container.register("/sw.js");
}
