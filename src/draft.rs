//! The draft: the design in progress, kept so it is never lost.
//!
//! Two homes: localStorage (autosave, restored after a reload or a closed tab)
//! and the URL (`?d=` = base64url of the canonical JSON, so a link reproduces
//! the design before it is published). The canonical form comes from the domain
//! crate, so the same design always gives the same link.
//!
//! One draft per product and starting point: the product's own design, and one
//! per pattern being forked, so starting a fork never overwrites other unfinished
//! work. The oldest are dropped past [`MAX_DRAFTS`].

use serde::{Deserialize, Serialize};
use stitchfork_api::design_link::{self, DesignLinkError};
use stitchfork_model::config::{self, Configuration};

use crate::storage;

/// A draft: the configuration, for a fork the pattern it started from, and the retailer
/// catalog it is made in (None: the built-in catalog).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub config: Configuration,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub catalog: Option<String>,
}

/// The `?d=` value for a configuration (`stitchfork_api::design_link`, which the server reads
/// too, to give a shared design its social card).
pub fn encode(cfg: &Configuration) -> String {
    design_link::encode(cfg)
}

/// Reads a `?d=` value back (older schema versions migrate through the model).
pub fn decode(s: &str) -> Result<Configuration, DesignLinkError> {
    design_link::decode(s)
}

/// The shareable path of a draft: `/customize/{product}?d=...[&parent=id][&catalog=id]`.
pub fn share_path(draft: &Draft) -> String {
    let mut path = format!(
        "/customize/{}?d={}",
        draft.config.product,
        encode(&draft.config)
    );
    if let Some(p) = &draft.parent {
        path.push_str("&parent=");
        path.push_str(p);
    }
    if let Some(c) = &draft.catalog {
        path.push_str("&catalog=");
        path.push_str(c);
    }
    path
}

/// Drafts kept at most; saving one more drops the least recently saved.
pub const MAX_DRAFTS: usize = 20;

const PREFIX: &str = "sf.draft.v1.";

/// The storage key of the draft of `product` (of a retailer's `catalog`, None: the built-in
/// one) started from `parent` (None: from scratch).
pub fn key(catalog: Option<&str>, product: &str, parent: Option<&str>) -> String {
    let product = match catalog {
        None => product.to_owned(),
        Some(catalog) => format!("{catalog}/{product}"),
    };
    match parent {
        None => format!("{PREFIX}{product}"),
        Some(parent) => format!("{PREFIX}{product}.fork.{parent}"),
    }
}

/// The storage key of `draft`.
fn key_of(draft: &Draft) -> String {
    key(
        draft.catalog.as_deref(),
        &draft.config.product,
        draft.parent.as_deref(),
    )
}

/// The autosaved draft of `product` (in `catalog`) started from `parent`, if one exists and
/// still parses.
pub fn load(catalog: Option<&str>, product: &str, parent: Option<&str>) -> Option<Draft> {
    read(&key(catalog, product, parent))
}

/// Every autosaved draft that still parses, most recently saved first.
pub fn all() -> Vec<Draft> {
    stored_newest_first()
        .into_iter()
        .filter_map(|(_, stored)| stored.into_draft())
        .collect()
}

fn read(key: &str) -> Option<Draft> {
    serde_json::from_str::<StoredDraft>(&storage::get(key)?)
        .ok()?
        .into_draft()
}

/// The stored drafts with their keys, most recently saved first (configurations unparsed).
fn stored_newest_first() -> Vec<(String, StoredDraft)> {
    let mut found: Vec<(String, StoredDraft)> = storage::keys_with_prefix(PREFIX)
        .into_iter()
        .filter_map(|k| {
            let stored = serde_json::from_str(&storage::get(&k)?).ok()?;
            Some((k, stored))
        })
        .collect();
    found.sort_by(|a, b| b.1.saved_at.total_cmp(&a.1.saved_at));
    found
}

/// Autosaves; returns false if the browser refused to store it.
pub fn save(draft: &Draft) -> bool {
    let stored = StoredDraft {
        config: draft.config.canonical_json(),
        parent: draft.parent.clone(),
        catalog: draft.catalog.clone(),
        saved_at: js_sys::Date::now(),
    };
    let Ok(json) = serde_json::to_string(&stored) else {
        return false;
    };
    let key = key_of(draft);
    let saved = storage::set(&key, &json);
    // Past the limit, the least recently saved drafts go (never the one just saved). Only
    // then are the drafts read: saving runs on every change, before the repaint.
    if storage::keys_with_prefix(PREFIX).len() > MAX_DRAFTS {
        for (old, _) in stored_newest_first().iter().skip(MAX_DRAFTS) {
            storage::remove(old);
        }
    }
    saved
}

/// Forgets the draft `draft` is stored as (after publishing it).
pub fn clear(draft: &Draft) {
    storage::remove(&key_of(draft));
}

/// Stored with the configuration as canonical JSON text, so loading goes
/// through `config::parse` and its schema migration like any other input.
#[derive(Serialize, Deserialize)]
struct StoredDraft {
    config: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    catalog: Option<String>,
    /// `Date.now()` of the last save (0 for drafts saved before it was recorded).
    #[serde(default)]
    saved_at: f64,
}

impl StoredDraft {
    fn into_draft(self) -> Option<Draft> {
        Some(Draft {
            config: config::parse(&self.config).ok()?,
            parent: self.parent,
            catalog: self.catalog,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stitchfork_model::catalog::Catalog;

    fn sample() -> Configuration {
        Configuration::default_for(Catalog::builtin(), "laptop-sleeve").expect("default product")
    }

    #[test]
    fn url_round_trip_keeps_the_configuration() {
        let cfg = sample();
        let encoded = encode(&cfg);
        assert!(encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&encoded).expect("decodes"), cfg);
    }

    #[test]
    fn each_starting_point_has_its_own_key() {
        assert_eq!(
            key(None, "laptop-sleeve", None),
            "sf.draft.v1.laptop-sleeve"
        );
        assert_eq!(
            key(None, "laptop-sleeve", Some("AbC_-12345")),
            "sf.draft.v1.laptop-sleeve.fork.AbC_-12345"
        );
        assert_ne!(
            key(None, "laptop-sleeve", Some("a")),
            key(None, "laptop-sleeve", Some("b"))
        );
        // A retailer's product never takes the built-in one's draft, even with the same id.
        assert_eq!(
            key(Some("acme"), "laptop-sleeve", None),
            "sf.draft.v1.acme/laptop-sleeve"
        );
    }

    #[test]
    fn share_path_names_product_and_parent() {
        let mut draft = Draft {
            config: sample(),
            parent: Some("abc".into()),
            catalog: None,
        };
        let path = share_path(&draft);
        assert!(path.starts_with("/customize/laptop-sleeve?d="));
        assert!(path.ends_with("&parent=abc"));
        draft.catalog = Some("acme".into());
        assert!(share_path(&draft).ends_with("&parent=abc&catalog=acme"));
    }
}
