//! The `?d=` parameter of a shared design link, `/customize/{product}?d=…`: the design's
//! canonical JSON in base64url without padding, so the same design always gives the same link.
//! The app writes and reads it; the server reads it to give such a link a social card. Written
//! once here, so both sides read a link the same way.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use stitchfork_model::config::{self, Configuration};

/// The longest `d` read: a design's canonical JSON is well under 2 KB.
pub const MAX_LEN: usize = 8 * 1024;

/// Why a `d` value is not a design.
#[derive(Debug, thiserror::Error)]
pub enum DesignLinkError {
    #[error("the design in the link is longer than {MAX_LEN} characters")]
    TooLong,
    #[error("the design in the link is not base64url: {0}")]
    Encoding(#[from] base64::DecodeError),
    #[error("the design in the link is not text")]
    Utf8(#[from] std::string::FromUtf8Error),
    #[error("the link holds no design: {0}")]
    Config(String),
}

/// The `d` value of a design.
pub fn encode(cfg: &Configuration) -> String {
    URL_SAFE_NO_PAD.encode(cfg.canonical_json())
}

/// Reads a `d` value back (older schema versions migrate through the model). Whether the
/// design is valid for a catalog is the caller's question.
pub fn decode(d: &str) -> Result<Configuration, DesignLinkError> {
    if d.len() > MAX_LEN {
        return Err(DesignLinkError::TooLong);
    }
    let bytes = URL_SAFE_NO_PAD.decode(d.trim().trim_end_matches('='))?;
    let json = String::from_utf8(bytes)?;
    config::parse(&json).map_err(|e| DesignLinkError::Config(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stitchfork_model::Catalog;

    #[test]
    fn a_design_survives_its_link_and_junk_is_refused() {
        let cfg = Configuration::default_for(Catalog::builtin(), "laptop-sleeve").unwrap();
        let d = encode(&cfg);
        assert!(d
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&d).unwrap(), cfg);
        // Padding some writers add is accepted.
        assert_eq!(decode(&format!("{d}==")).unwrap(), cfg);
        assert!(matches!(decode("%%%"), Err(DesignLinkError::Encoding(_))));
        assert!(matches!(
            decode(&encode_raw(b"\xff\xfe")),
            Err(DesignLinkError::Utf8(_))
        ));
        assert!(matches!(
            decode(&encode_raw(b"{\"schema\":1}")),
            Err(DesignLinkError::Config(_))
        ));
        assert!(matches!(
            decode(&"A".repeat(MAX_LEN + 1)),
            Err(DesignLinkError::TooLong)
        ));
    }

    fn encode_raw(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }
}
