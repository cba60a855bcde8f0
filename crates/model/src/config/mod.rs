//! The configuration: what one shopper chose, as a small versioned serde document.
//!
//! `parse` is the only door for untrusted JSON: it bounds the size, reads the `schema` number,
//! migrates older versions (`migrate.rs`) and refuses unknown fields. `canonical.rs` gives the
//! stable byte form that content hashes and pattern storage use.

mod canonical;
mod migrate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;

/// The schema version this crate writes.
pub const SCHEMA: u32 = 1;

/// Largest configuration JSON `parse` accepts; real ones are under 2 KB.
pub const MAX_JSON_BYTES: usize = 32 * 1024;

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Configuration {
    pub schema: u32,
    pub product: String,
    pub size: String,
    /// Part id -> choice. A BTreeMap so the order is always the same.
    pub parts: BTreeMap<String, PartChoice>,
    pub monogram: Option<Monogram>,
    pub closure: ClosureChoice,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartChoice {
    pub material: String,
    pub colour: String,
    pub motif: MotifChoice,
}

/// A motif and its parameters; see [`crate::catalog::MotifSpec`] for what each kind takes.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotifChoice {
    pub kind: String,
    pub colour2: Option<String>,
    /// Percent.
    pub scale: u8,
    /// Degrees.
    pub angle: u16,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monogram {
    pub text: String,
    pub font: String,
    pub method: String,
    pub placement: String,
    /// A colour of the method (foil or thread), e.g. `blind`, `gold-foil`, `navy`.
    pub colour: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureChoice {
    pub kind: String,
    pub hardware: String,
}

/// Why configuration JSON could not be read. (Whether it is *valid* is `validate`'s business.)
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("configuration is too large ({0} bytes; the limit is {MAX_JSON_BYTES})")]
    TooLarge(usize),
    #[error("configuration JSON is malformed: {0}")]
    Json(String),
    #[error("configuration has no numeric \"schema\" field")]
    MissingSchema,
    #[error(
        "configuration schema {0} is newer than this version of Stitchfork understands ({SCHEMA})"
    )]
    FromTheFuture(u64),
    #[error("configuration does not match schema {schema}: {message}")]
    Shape { schema: u64, message: String },
}

/// Reads configuration JSON of any supported schema version and returns it in the current one.
/// Monogram text comes back NFC-normalised.
pub fn parse(json: &str) -> Result<Configuration, ParseError> {
    if json.len() > MAX_JSON_BYTES {
        return Err(ParseError::TooLarge(json.len()));
    }
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ParseError::Json(e.to_string()))?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_u64)
        .ok_or(ParseError::MissingSchema)?;
    let current = match schema {
        0 => migrate::v0_to_v1(value).map_err(|message| ParseError::Shape { schema, message })?,
        1 => value,
        s => return Err(ParseError::FromTheFuture(s)),
    };
    let mut cfg: Configuration =
        serde_json::from_value(current).map_err(|e| ParseError::Shape {
            schema,
            message: e.to_string(),
        })?;
    cfg.normalize();
    Ok(cfg)
}

impl Configuration {
    /// The product's default configuration (the catalog's `default`, complete and valid), or
    /// `None` for an unknown product.
    pub fn default_for(catalog: &Catalog, product_id: &str) -> Option<Configuration> {
        Some(catalog.product(product_id)?.default.clone())
    }

    /// Stable JSON: keys sorted, no whitespace, monogram text NFC. Equal designs give equal bytes.
    pub fn canonical_json(&self) -> String {
        let mut normal = self.clone();
        normal.normalize();
        canonical::to_canonical_json(&normal)
    }

    /// Hex sha256 of [`Configuration::canonical_json`].
    pub fn content_hash(&self) -> String {
        crate::hash::sha256_hex(self.canonical_json().as_bytes())
    }

    /// NFC-normalises the monogram text, so visually equal text is byte-equal.
    pub fn normalize(&mut self) {
        if let Some(m) = &mut self.monogram {
            m.text = crate::nfc::nfc(&m.text);
        }
    }

    /// Switches a part to another material the way the UI should: the colour is kept when the new
    /// material offers it, otherwise the material's first colour is taken; a second colour likewise.
    /// Returns `false` (and changes nothing) for an unknown part or material.
    pub fn set_material(&mut self, catalog: &Catalog, part: &str, material: &str) -> bool {
        let (Some(choice), Some(mat)) = (self.parts.get_mut(part), catalog.material(material))
        else {
            return false;
        };
        let first = mat
            .colours
            .first()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        choice.material = mat.id.clone();
        if mat.colour(&choice.colour).is_none() {
            choice.colour = first.clone();
        }
        if let Some(c2) = &choice.motif.colour2 {
            if mat.colour(c2).is_none() || *c2 == choice.colour {
                choice.motif.colour2 = mat
                    .colours
                    .iter()
                    .find(|c| c.id != choice.colour)
                    .map(|c| c.id.clone());
            }
        }
        true
    }

    /// Switches a part to another motif with that motif's default parameters, picking a second
    /// colour of the part's material that differs from the main one. `false` if unknown.
    pub fn set_motif(&mut self, catalog: &Catalog, part: &str, motif: &str) -> bool {
        let (Some(choice), Some(spec)) = (self.parts.get_mut(part), catalog.motif(motif)) else {
            return false;
        };
        let colour2 = choice
            .motif
            .colour2
            .clone()
            .filter(|c| *c != choice.colour)
            .or_else(|| {
                catalog
                    .material(&choice.material)
                    .and_then(|m| m.colours.iter().find(|c| c.id != choice.colour))
                    .map(|c| c.id.clone())
            });
        choice.motif = spec.default_choice(colour2.as_deref());
        true
    }
}
