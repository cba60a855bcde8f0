//! Random identifiers and secrets: pattern ids, edit keys, and how keys are checked.
//!
//! Pattern ids are 10 random alphanumeric characters (~59 bits: unguessable enough that
//! ids are not sequential or enumerable). Edit keys carry 192 random bits, are shown once,
//! and only their SHA-256 is stored; comparisons are constant-time (`subtle`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::distributions::Alphanumeric;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Length of a pattern id.
pub const ID_LEN: usize = 10;

/// A fresh random pattern id (URL-safe by construction).
pub fn new_pattern_id() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(ID_LEN)
        .map(char::from)
        .collect()
}

/// Whether `s` looks like a pattern id; anything else is answered with 404 without a query.
pub fn is_pattern_id(s: &str) -> bool {
    s.len() == ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A fresh edit key: `sfk_` + 192 random bits in base64url.
pub fn new_edit_key() -> String {
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("sfk_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A fresh catalog key (issue #13): `sfc_` + 192 random bits in base64url, shown once, stored
/// hashed like edit keys.
pub fn new_catalog_key() -> String {
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("sfc_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Characters of a claim code: Crockford's base32 (no I, L, O, U: nothing to misread on a label).
const CLAIM_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh claim code for an item's label: 10 characters (50 bits), printed as `XXXXX-XXXXX`.
/// Claims are rate-limited per client, so guessing one is hopeless.
pub fn new_claim_code() -> String {
    let mut rng = rand::thread_rng();
    let chars: String = (0..10)
        .map(|_| char::from(CLAIM_ALPHABET[rng.gen_range(0..CLAIM_ALPHABET.len())]))
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

/// A claim code as typed: case, spaces and dashes ignored, and the letters people confuse with
/// digits read as those digits (Crockford's rule).
pub fn normalize_claim_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// A fresh owner key of a claimed item: `sfo_` + 192 random bits in base64url.
pub fn new_owner_key() -> String {
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("sfo_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Whether `s` can be a publish's `Idempotency-Key`: 22 to 64 URL-safe characters, so that a
/// random one carries at least 128 bits.
pub fn is_publish_key(s: &str) -> bool {
    (22..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The edit key of a pattern published with `publish_key`. Derived, not random, so that a
/// retried publish (whose first answer was lost) can be answered with the same edit key; the
/// publish key is a secret of the client's exactly like the edit key it stands for.
pub fn edit_key_for_publish_key(publish_key: &str) -> String {
    let digest = Sha256::digest(format!("stitchfork edit key\n{publish_key}").as_bytes());
    format!("sfk_{}", URL_SAFE_NO_PAD.encode(&digest[..24]))
}

/// Hex SHA-256 of a secret, the only form in which keys are stored.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Constant-time check of a presented key against a stored hash.
pub fn key_matches(presented: &str, stored_hash: &str) -> bool {
    let presented_hash = hash_secret(presented);
    presented_hash
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into()
}

/// Constant-time comparison of two secrets of possibly different length (hash first so the
/// length of the configured admin key is not leaked through timing).
pub fn secrets_equal(a: &str, b: &str) -> bool {
    let (ha, hb) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    ha.as_slice().ct_eq(hb.as_slice()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_well_formed() {
        let a = new_pattern_id();
        let b = new_pattern_id();
        assert!(is_pattern_id(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_pattern_id("../../etc"));
        assert!(!is_pattern_id("abc"));
    }

    #[test]
    fn edit_keys_hash_and_compare() {
        let key = new_edit_key();
        assert!(key.len() >= 4 + 32, "192 bits in base64 is 32 chars");
        let stored = hash_secret(&key);
        assert!(key_matches(&key, &stored));
        assert!(!key_matches("sfk_wrong", &stored));
        assert!(secrets_equal("admin", "admin"));
        assert!(!secrets_equal("admin", "admin2"));
    }

    #[test]
    fn publish_keys_give_stable_edit_keys() {
        let key = "q3Zf1uJX2mQ8Yt0bV7cN4a";
        assert!(is_publish_key(key));
        assert!(!is_publish_key("short"));
        assert!(!is_publish_key("has space in it and is long enough"));
        assert!(!is_publish_key(&"a".repeat(65)));
        let edit = edit_key_for_publish_key(key);
        assert_eq!(edit, edit_key_for_publish_key(key));
        assert_ne!(edit, edit_key_for_publish_key("q3Zf1uJX2mQ8Yt0bV7cN4b"));
        assert_eq!(
            edit.len(),
            new_edit_key().len(),
            "same shape as a random edit key"
        );
    }
}
