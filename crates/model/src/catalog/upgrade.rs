//! Moving a configuration onto a newer version of its catalog (issue #13).
//!
//! A published pattern is pinned to the catalog version it was made with. When it is forked and
//! its catalog has a newer version, [`upgrade`] finds the nearest configuration that is valid in
//! the new version and says what had to change, so the shopper sees "Ink is discontinued: Charcoal"
//! instead of a refusal.
//!
//! Two steps:
//!
//! 1. **Carry over.** Every choice the new catalog still offers in its place is kept. One it no
//!    longer offers is replaced by the nearest one it does (`near.rs` ranks the candidates): a
//!    colour by perceptual colour distance, a material by shared traits (then its colour nearest
//!    to the old colour), a motif by the part's plain motif, a size by its params, hardware and
//!    monogram colours by colour, a monogram method by how it marks, a font by whether it has the
//!    monogram's letters, a placement by its spot; a closure by the product's first offered.
//! 2. **Satisfy the rules.** While a rule of the new catalog forbids the result, the field the
//!    refusal is reported on (the rule's first condition; then its others) moves to the nearest
//!    choice that removes the refusal (`repair.rs`). Each round leaves fewer refusals, so this
//!    ends.
//!
//! The result is checked with [`crate::validate::validate`]; what cannot be made valid (say, a
//! monogram longer than the new size allows) is an [`UpgradeError`], never a silently broken
//! configuration. Changes are the difference between the input and the result, path by path
//! (`changes.rs`).

mod changes;
mod near;
mod repair;

pub use near::delta_e;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Catalog, Material, PartSpec, Product, Text};
use crate::config::{Configuration, Monogram, PartChoice};
use crate::{Lang, Problem};

/// Why a choice changed (the API's `ChangeKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The choice is no longer offered; `after` is the nearest one that is.
    Discontinued,
    /// The choice is still offered but a rule of the new version forbids it here.
    NowForbidden,
}

/// One thing a newer catalog version changed about a configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Where, with the paths validation problems use: `size`, `parts.outer_front.colour`,
    /// `parts.lining.motif.kind`, `monogram.font`, `closure.hardware`; `parts.<id>` for a part
    /// the product gained or lost, `monogram` for a monogram that had to go.
    pub path: String,
    pub kind: ChangeKind,
    /// Its name in the old version (empty for a part the product gained).
    pub before: Text,
    /// The new choice's name in the new version (empty for something that is gone).
    pub after: Text,
}

/// A configuration valid in the new catalog, and what had to change to get there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upgraded {
    pub config: Configuration,
    /// In configuration order; empty when nothing had to change (then `config` is the input).
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UpgradeError {
    #[error("the product {0:?} is not in the new catalog")]
    ProductGone(String),
    #[error("no valid configuration was found in the new catalog ({} problems), first at {}: {}",
        .problems.len(),
        .problems.first().map_or("", |p| p.path.as_str()),
        .problems.first().map_or("", |p| p.message.as_str()))]
    Unreachable { problems: Vec<Problem> },
}

/// At most this many rule repairs; each removes a refusal, and no real configuration has more.
const MAX_REPAIRS: usize = 64;

/// Moves `config` (made with `old`) onto `new`: the nearest valid configuration, and the changes.
pub fn upgrade(
    old: &Catalog,
    new: &Catalog,
    config: &Configuration,
) -> Result<Upgraded, UpgradeError> {
    let product = new
        .product(&config.product)
        .ok_or_else(|| UpgradeError::ProductGone(config.product.clone()))?;
    let carried = carry_over(old, new, product, config);
    let before = changes::entries(old, config);
    let discontinued = changes::changed_paths(&before, &changes::entries(new, &carried));
    let mut cfg = carried;
    let aim = repair::Aim { old, own: config };
    for _ in 0..MAX_REPAIRS {
        match repair::repair(new, product, &cfg, &aim) {
            Some(better) => cfg = better,
            None => break,
        }
    }
    crate::validate::validate(new, &cfg, Lang::En)
        .map_err(|problems| UpgradeError::Unreachable { problems })?;
    let changes = changes::changes(&before, &changes::entries(new, &cfg), &discontinued);
    Ok(Upgraded {
        config: cfg,
        changes,
    })
}

/// Step 1: every choice `new` no longer offers, replaced by its nearest offered one.
fn carry_over(
    old: &Catalog,
    new: &Catalog,
    product: &Product,
    cfg: &Configuration,
) -> Configuration {
    let mut out = cfg.clone();
    if product.size(&cfg.size).is_none() {
        let params = old
            .product(&cfg.product)
            .and_then(|p| p.size(&cfg.size))
            .map(|s| &s.params);
        if let Some(s) = near::sizes(product, params).first() {
            out.size = s.id.clone();
        }
    }
    // The product's parts, as the new catalog lists them; a part it gained starts as its default.
    out.parts = product
        .parts
        .iter()
        .filter_map(|spec| {
            let choice = match cfg.parts.get(&spec.id) {
                Some(ch) => carry_part(old, new, spec, ch),
                None => product.default.parts.get(&spec.id)?.clone(),
            };
            Some((spec.id.clone(), choice))
        })
        .collect::<BTreeMap<_, _>>();
    out.monogram = cfg
        .monogram
        .as_ref()
        .and_then(|m| carry_monogram(old, new, product, &out, m));
    if !(new.closure(&cfg.closure.kind).is_some() && product.offers_closure(&cfg.closure.kind)) {
        // Closures have no measure of nearness (a zip is not "near" a flap): the first offered.
        if let Some(k) = product.closures.iter().find(|k| new.closure(k).is_some()) {
            out.closure.kind = k.clone();
        }
    }
    if new.hardware(&cfg.closure.hardware).is_none() {
        let hex = old.hardware(&cfg.closure.hardware).map(|h| h.hex.as_str());
        if let Some(h) = near::hardware(new, hex).first() {
            out.closure.hardware = h.id.clone();
        }
    }
    out
}

/// The hex of a colour of a material in `c`, if both exist.
fn colour_hex<'c>(c: &'c Catalog, material: &str, colour: &str) -> Option<&'c str> {
    Some(c.material(material)?.colour(colour)?.hex.as_str())
}

fn carry_part(old: &Catalog, new: &Catalog, spec: &PartSpec, ch: &PartChoice) -> PartChoice {
    let offered = new
        .material(&ch.material)
        .filter(|m| spec.allows_material(&m.id));
    let material = offered.or_else(|| {
        let traits = old.material(&ch.material).map_or(&[][..], |m| &m.traits);
        near::materials(new, spec, traits).first().copied()
    });
    let Some(material) = material else {
        return ch.clone(); // the part allows nothing that exists: validation says so
    };
    let hex = colour_hex(old, &ch.material, &ch.colour);
    let hex2 = ch
        .motif
        .colour2
        .as_deref()
        .and_then(|c2| colour_hex(old, &ch.material, c2));
    let colour = match material.colour(&ch.colour) {
        Some(c) if material.id == ch.material => c.id.clone(),
        _ => near::colours(material, hex)
            .first()
            .map_or_else(|| ch.colour.clone(), |c| c.id.clone()),
    };
    let motif = match new
        .motif(&ch.motif.kind)
        .filter(|m| spec.allows_motif(&m.id))
    {
        Some(_) => ch.motif.clone(),
        None => near::motifs(new, spec)
            .first()
            .map_or_else(|| ch.motif.clone(), |m| m.default_choice(None)),
    };
    let choice = PartChoice {
        material: material.id.clone(),
        colour,
        motif,
    };
    fit_motif(new, material, choice, hex2)
}

/// Makes the motif's second colour and parameters valid for its kind in `c`, changing only what
/// is not: a second colour missing, gone or equal to the main one becomes the one nearest to
/// `hex2` (the old second colour) that differs from the main one; a parameter off the motif's
/// grid goes to the nearest value on it.
fn fit_motif(
    c: &Catalog,
    material: &Material,
    mut ch: PartChoice,
    hex2: Option<&str>,
) -> PartChoice {
    let Some(spec) = c.motif(&ch.motif.kind) else {
        return ch;
    };
    let m = &mut ch.motif;
    m.colour2 = if spec.colour2 {
        let keep = m
            .colour2
            .take()
            .filter(|c2| *c2 != ch.colour && material.colour(c2).is_some());
        keep.or_else(|| {
            near::colours(material, hex2)
                .into_iter()
                .find(|x| x.id != ch.colour)
                .map(|x| x.id.clone())
        })
    } else {
        None
    };
    let scale = u16::from(m.scale);
    m.scale = match spec.scale {
        Some(r) if !r.allows(scale) => u8::try_from(near::snap(&r, scale)).unwrap_or(m.scale),
        Some(_) => m.scale,
        None => super::MotifSpec::NEUTRAL_SCALE,
    };
    m.angle = match spec.angle {
        Some(r) if !r.allows(m.angle) => near::snap(&r, m.angle),
        Some(_) => m.angle,
        None => super::MotifSpec::NEUTRAL_ANGLE,
    };
    ch
}

/// The monogram in `new`, or `None` when the new catalog has no way left to make one.
fn carry_monogram(
    old: &Catalog,
    new: &Catalog,
    product: &Product,
    cfg: &Configuration,
    m: &Monogram,
) -> Option<Monogram> {
    let mut out = m.clone();
    // A font that lost the monogram's letters is as gone as one that was dropped.
    let has_letters = |f: &super::Font| crate::validate::unsupported_char(&m.text, f).is_none();
    if !new.font(&m.font).is_some_and(has_letters) {
        out.font = near::fonts(new, &m.text).first()?.id.clone();
    }
    let method = match new.method(&m.method) {
        Some(x) => x,
        None => *near::methods(new, old.method(&m.method).map(|x| x.style)).first()?,
    };
    out.method = method.id.clone();
    if method.colour(&m.colour).is_none() {
        let old_colour = old.method(&m.method).and_then(|x| x.colour(&m.colour));
        let hex = old_colour.and_then(|x| x.hex.as_deref());
        out.colour = near::method_colours(method, hex).first()?.id.clone();
    }
    let on_product = |id: &str| {
        new.placement(id)
            .is_some_and(|p| product.part(&p.part).is_some() && cfg.parts.contains_key(&p.part))
    };
    if !on_product(&m.placement) {
        let from = old.placement(&m.placement);
        let has_part = |part: &str| cfg.parts.contains_key(part);
        out.placement = near::placements(new, product, has_part, from)
            .first()?
            .id
            .clone();
    }
    Some(out)
}
