//! The draft: the design in progress, kept so it is never lost.
//!
//! Two homes: localStorage (autosave, restored after a reload or a closed tab)
//! and the URL (`?d=` = base64url of the canonical JSON, so a link reproduces
//! the design before it is published). The canonical form comes from the domain
//! crate, so the same design always gives the same link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use stitchfork_model::config::{self, Configuration};

use crate::storage;

/// Why a draft could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("not base64url: {0}")]
    Encoding(#[from] base64::DecodeError),
    #[error("not text")]
    Utf8(#[from] std::string::FromUtf8Error),
    #[error("not a configuration: {0}")]
    Config(String),
}

/// A draft: the configuration and, for a fork, the pattern it started from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub config: Configuration,
    #[serde(default)]
    pub parent: Option<String>,
}

/// The `?d=` value for a configuration.
pub fn encode(cfg: &Configuration) -> String {
    URL_SAFE_NO_PAD.encode(cfg.canonical_json())
}

/// Reads a `?d=` value back (older schema versions migrate through the model).
pub fn decode(s: &str) -> Result<Configuration, DraftError> {
    let bytes = URL_SAFE_NO_PAD.decode(s.trim().trim_end_matches('='))?;
    let json = String::from_utf8(bytes)?;
    config::parse(&json).map_err(|e| DraftError::Config(e.to_string()))
}

/// The shareable path of a draft: `/customize/{product}?d=...[&parent=id]`.
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
    path
}

fn key(product: &str) -> String {
    format!("sf.draft.v1.{product}")
}

/// The autosaved draft of a product, if one exists and still parses.
pub fn load(product: &str) -> Option<Draft> {
    let raw = storage::get(&key(product))?;
    let stored: StoredDraft = serde_json::from_str(&raw).ok()?;
    let config = config::parse(&stored.config).ok()?;
    Some(Draft {
        config,
        parent: stored.parent,
    })
}

/// Autosaves; returns false if the browser refused to store it.
pub fn save(draft: &Draft) -> bool {
    let stored = StoredDraft {
        config: draft.config.canonical_json(),
        parent: draft.parent.clone(),
    };
    match serde_json::to_string(&stored) {
        Ok(json) => storage::set(&key(&draft.config.product), &json),
        Err(_) => false,
    }
}

pub fn clear(product: &str) {
    storage::remove(&key(product));
}

/// Stored with the configuration as canonical JSON text, so loading goes
/// through `config::parse` and its schema migration like any other input.
#[derive(Serialize, Deserialize)]
struct StoredDraft {
    config: String,
    #[serde(default)]
    parent: Option<String>,
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
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(decode("!!!"), Err(DraftError::Encoding(_))));
        let not_config = URL_SAFE_NO_PAD.encode("{\"hello\":1}");
        assert!(matches!(decode(&not_config), Err(DraftError::Config(_))));
    }

    #[test]
    fn share_path_names_product_and_parent() {
        let draft = Draft {
            config: sample(),
            parent: Some("abc".into()),
        };
        let path = share_path(&draft);
        assert!(path.starts_with("/customize/laptop-sleeve?d="));
        assert!(path.ends_with("&parent=abc"));
    }
}
