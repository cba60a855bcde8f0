//! Publishes waiting for the network: a design published offline (or whose publish got no
//! answer) is kept in localStorage and published when the network returns, exactly once.
//!
//! Each queued publish carries a random `Idempotency-Key` from the moment it was first tried:
//! the server stores at most one pattern per key and answers a retry with that pattern and its
//! edit key, so a publish whose answer was lost, or two tabs coming online together, still make
//! one pattern. The queue survives closing the tab; the visitor sees it on /me and in the
//! header, and can cancel what has not been sent.
//!
//! The browser's `online` event only says the network came back; a server that was down, busy
//! or unreachable behind a working network never fires it, so a flush that got no answer while
//! online tries again on its own, backing off from 5 s to a minute.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use stitchfork_model::config;
use stitchfork_model::Lang;

use crate::api::{self, ApiError, NewPattern};
use crate::draft;
use crate::lazy;
use crate::offline::{online, Online};
use crate::storage::{self, MinePattern};

const OUTBOX: &str = "sf.outbox.v1";

/// One publish waiting for the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    /// The publish's `Idempotency-Key`.
    pub key: String,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub author_name: String,
    /// Canonical JSON, read back through `config::parse` (and its migrations) when sent.
    pub config: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Queued before licences were chosen: the default.
    #[serde(default)]
    pub licence: stitchfork_api::Licence,
    /// Queued before retailer catalogs: the built-in one.
    #[serde(default)]
    pub catalog: Option<String>,
    /// The server's answer when it refused the publish (e.g. a title it does not take): it is
    /// not sent again, and stays listed until the visitor removes it.
    #[serde(default)]
    pub refused: Option<String>,
}

impl Queued {
    fn new(key: String, body: &NewPattern) -> Queued {
        Queued {
            key,
            title: body.title.clone(),
            description: body.description.clone(),
            tags: body.tags.clone(),
            author_name: body.author_name.clone(),
            config: body.config.canonical_json(),
            parent_id: body.parent_id.clone(),
            licence: body.licence,
            catalog: body.catalog.clone(),
            refused: None,
        }
    }

    fn body(&self) -> Option<NewPattern> {
        Some(NewPattern {
            title: self.title.clone(),
            description: self.description.clone(),
            tags: self.tags.clone(),
            author_name: self.author_name.clone(),
            config: config::parse(&self.config).ok()?,
            parent_id: self.parent_id.clone(),
            licence: self.licence,
            catalog: self.catalog.clone(),
        })
    }
}

/// The queue as the UI sees it, shared through context and kept equal to localStorage.
#[derive(Clone, Copy)]
pub struct Outbox(pub RwSignal<Vec<Queued>>);

thread_local! {
    /// One flush at a time in this tab (the server dedupes across tabs).
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
    /// The last wait before a retry; None after a flush that got every answer.
    static BACKOFF: Cell<Option<Duration>> = const { Cell::new(None) };
    static RETRY_PENDING: Cell<bool> = const { Cell::new(false) };
}

const FIRST_RETRY: Duration = Duration::from_secs(5);
const LAST_RETRY: Duration = Duration::from_secs(60);

/// Provides the outbox to the app and sends what waits now (when online) and whenever the
/// network returns; follows the queue when another tab changes it.
pub fn provide(lang: RwSignal<Lang>, online: Online) -> Outbox {
    let outbox = Outbox(RwSignal::new(read()));
    provide_context(outbox);
    Effect::new(move |_| {
        if online.0.get() {
            outbox.flush(lang.get_untracked());
        }
    });
    let other_tab = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(OUTBOX) {
            outbox.0.set(read());
        }
    });
    on_cleanup(move || other_tab.remove());
    outbox
}

pub fn use_outbox() -> Outbox {
    use_context::<Outbox>().unwrap_or_else(|| Outbox(RwSignal::new(Vec::new())))
}

impl Outbox {
    /// Queues `body` under the `Idempotency-Key` it was (or will be) sent with, and tries it
    /// again soon: it is queued because it got no answer, with or without a network.
    pub fn add(self, key: String, body: &NewPattern, lang: Lang) {
        let mut all = read();
        all.retain(|q| q.key != key);
        all.push(Queued::new(key, body));
        self.save(all);
        self.retry_later(lang);
    }

    /// Drops a waiting publish (never sent, or refused).
    pub fn cancel(self, key: &str) {
        let mut all = read();
        all.retain(|q| q.key != key);
        self.save(all);
    }

    /// Sends every waiting publish, oldest first, until the network fails again.
    pub fn flush(self, lang: Lang) {
        if !online() || FLUSHING.with(|f| f.replace(true)) {
            return;
        }
        spawn_local(async move {
            let waiting: Vec<Queued> = read().into_iter().filter(|q| q.refused.is_none()).collect();
            // Usually nothing waits, and the sending code is not fetched at all; when it cannot
            // be fetched, the publishes wait like any other without an answer.
            let unanswered = match waiting.is_empty() {
                true => false,
                false => match lazy::outbox_sender().await {
                    Ok(send) => !self.send_all(send, waiting, lang).await,
                    Err(_) => true,
                },
            };
            FLUSHING.with(|f| f.set(false));
            if unanswered {
                self.retry_later(lang);
            } else {
                BACKOFF.with(|b| b.set(None));
            }
        });
    }

    /// Sends `waiting` in order; false when one got no answer (the rest wait for it).
    async fn send_all(self, send: Sender, waiting: Vec<Queued>, lang: Lang) -> bool {
        for queued in waiting {
            // Cancelled meanwhile (here or in another tab): not sent.
            if read().iter().any(|q| q.key == queued.key) && !send(self, queued, lang).await {
                return false;
            }
        }
        true
    }

    /// Schedules one more flush, each wait twice the last (5 s up to a minute); at most one
    /// is pending in this tab.
    fn retry_later(self, lang: Lang) {
        if RETRY_PENDING.with(|p| p.replace(true)) {
            return;
        }
        let wait = BACKOFF.with(|b| {
            let wait = b.get().map_or(FIRST_RETRY, |w| (w * 2).min(LAST_RETRY));
            b.set(Some(wait));
            wait
        });
        set_timeout(
            move || {
                RETRY_PENDING.with(|p| p.set(false));
                self.flush(lang);
            },
            wait,
        );
    }

    /// Sends one; false when it could not get an answer and the rest should wait too.
    /// Reached only through [`Sender`], from its own wasm module.
    async fn send(self, queued: Queued, lang: Lang) -> bool {
        let Some(body) = queued.body() else {
            self.refuse(&queued.key, "the design can no longer be read".into());
            return true;
        };
        match api::publish(&body, lang, Some(&queued.key)).await {
            Ok(published) => {
                storage::add_mine(MinePattern {
                    id: published.pattern.id.clone(),
                    edit_key: published.edit_key.clone(),
                    title: published.pattern.title.clone(),
                });
                clear_draft_if_unchanged(&body);
                self.cancel(&queued.key);
                true
            }
            Err(ApiError::Network(_)) => false,
            // Busy or out of space: try again on the next occasion.
            Err(ApiError::Server { status, .. }) if status == 429 || status >= 500 => false,
            Err(e) => {
                // The field problems are said in the visitor's language (Accept-Language).
                let why = e
                    .fields()
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>();
                self.refuse(&queued.key, why.join(" "));
                true
            }
        }
    }

    fn refuse(self, key: &str, why: String) {
        let mut all = read();
        for q in all.iter_mut().filter(|q| q.key == key) {
            q.refused = Some(why.clone());
        }
        self.save(all);
    }

    fn save(self, all: Vec<Queued>) {
        if let Ok(json) = serde_json::to_string(&all) {
            storage::set(OUTBOX, &json);
        }
        self.0.set(all);
    }
}

/// Sends one waiting publish (see [`Outbox::send`]). Sending needs the API client and the
/// configuration reader, which only the pages that publish need otherwise, so it lives in a
/// wasm module of its own (`lazy::outbox_sender`), fetched when something waits.
pub type Sender = fn(Outbox, Queued, Lang) -> Pin<Box<dyn Future<Output = bool>>>;

pub fn sender() -> Sender {
    |outbox, queued, lang| Box::pin(outbox.send(queued, lang))
}

/// The draft has done its job once published, unless it was changed after it was queued.
fn clear_draft_if_unchanged(body: &NewPattern) {
    let catalog = body.catalog.as_deref();
    if let Some(d) = draft::load(catalog, &body.config.product, body.parent_id.as_deref()) {
        if d.config == body.config {
            draft::clear(&d);
        }
    }
}

fn read() -> Vec<Queued> {
    storage::get(OUTBOX)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}
