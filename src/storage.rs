//! The browser's localStorage, and the small records the app keeps there:
//! the maker's edit keys ("my patterns"), the visitor id used for likes and
//! the chosen language.
//!
//! Storage can be missing (private mode, blocked cookies); every function then
//! degrades to "nothing stored" instead of failing, so the app keeps working.

use serde::{Deserialize, Serialize};

const MINE: &str = "sf.mine.v1";
const VISITOR: &str = "sf.visitor";
pub const LANG: &str = "sf.lang";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads one value.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Writes one value; returns false when the browser refused (quota, private mode).
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Every stored key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(s) = local() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// A pattern this browser published, with the edit key the server showed once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinePattern {
    pub id: String,
    pub edit_key: String,
    pub title: String,
}

/// The maker's patterns, newest first.
pub fn mine() -> Vec<MinePattern> {
    get(MINE)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn add_mine(entry: MinePattern) {
    let mut all = mine();
    all.retain(|m| m.id != entry.id);
    all.insert(0, entry);
    save_mine(&all);
}

pub fn update_mine_title(id: &str, title: &str) {
    let mut all = mine();
    for m in all.iter_mut().filter(|m| m.id == id) {
        m.title = title.to_string();
    }
    save_mine(&all);
}

pub fn remove_mine(id: &str) {
    let mut all = mine();
    all.retain(|m| m.id != id);
    save_mine(&all);
}

fn save_mine(all: &[MinePattern]) {
    if let Ok(json) = serde_json::to_string(all) {
        set(MINE, &json);
    }
}

/// This browser's random visitor id (made once), sent as X-Visitor-Id with likes.
pub fn visitor_id() -> String {
    if let Some(id) = get(VISITOR).filter(|id| id.len() >= 16) {
        return id;
    }
    let id = random_hex(16);
    set(VISITOR, &id);
    id
}

/// Random hex from the browser's CSPRNG; Math.random if crypto is missing.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut buf).is_ok());
    if !filled {
        for b in buf.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
