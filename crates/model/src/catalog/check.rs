//! Consistency checks run on every catalog at load: unique ids, resolvable references, sane numbers.
//! Each error names the place (`materials[2].colours[0].hex`) so whoever edits the JSON finds it.

use std::collections::BTreeSet;

use super::{Catalog, ParamRange, Text};

/// Why a catalog could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog JSON is malformed at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("catalog is invalid at {path}: {message}")]
    Invalid { path: String, message: String },
}

fn bad(path: impl Into<String>, message: impl Into<String>) -> CatalogError {
    CatalogError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

fn ids_unique<'a>(
    path: &str,
    ids: impl Iterator<Item = &'a String>,
) -> Result<BTreeSet<&'a str>, CatalogError> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(bad(
                format!("{path}[{i}].id"),
                format!("id {id:?} must be non-empty ASCII letters, digits, '-' or '_'"),
            ));
        }
        if !seen.insert(id.as_str()) {
            return Err(bad(
                format!("{path}[{i}].id"),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(seen)
}

fn text(path: &str, t: &Text) -> Result<(), CatalogError> {
    for (lang, s) in [("en", &t.en), ("sv", &t.sv), ("ru", &t.ru)] {
        if s.trim().is_empty() {
            return Err(bad(format!("{path}.{lang}"), "text must not be empty"));
        }
    }
    Ok(())
}

/// `#rrggbb`, lowercase or uppercase hex.
pub(crate) fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn range(path: &str, r: &ParamRange, max_allowed: u16) -> Result<(), CatalogError> {
    if r.step == 0 || r.min > r.max || r.max > max_allowed || !r.allows(r.default) {
        return Err(bad(
            path,
            "range needs step > 0, min <= max <= limit, and a default on the grid",
        ));
    }
    Ok(())
}

fn money(path: String, v: i64) -> Result<(), CatalogError> {
    // Bounded so that no sum of catalog prices can overflow i64.
    if !(0..=10_000_000).contains(&v) {
        return Err(bad(
            path,
            "amount must be between 0 and 10000000 minor units",
        ));
    }
    Ok(())
}

pub(super) fn check(c: &Catalog) -> Result<(), CatalogError> {
    if c.currency.len() != 3 || !c.currency.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(bad("currency", "must be an ISO 4217 code such as EUR"));
    }
    let traits = ids_unique("traits", c.traits.iter().map(|t| &t.id))?;
    for (i, t) in c.traits.iter().enumerate() {
        text(&format!("traits[{i}].name"), &t.name)?;
    }
    let materials = ids_unique("materials", c.materials.iter().map(|m| &m.id))?;
    for (i, m) in c.materials.iter().enumerate() {
        let p = format!("materials[{i}]");
        text(&format!("{p}.name"), &m.name)?;
        money(format!("{p}.price_per_dm2_minor"), m.price_per_dm2_minor)?;
        for (j, t) in m.traits.iter().enumerate() {
            if !traits.contains(t.as_str()) {
                return Err(bad(
                    format!("{p}.traits[{j}]"),
                    format!("unknown trait {t:?}"),
                ));
            }
        }
        if m.colours.is_empty() {
            return Err(bad(
                format!("{p}.colours"),
                "a material needs at least one colour",
            ));
        }
        ids_unique(&format!("{p}.colours"), m.colours.iter().map(|c| &c.id))?;
        for (j, col) in m.colours.iter().enumerate() {
            text(&format!("{p}.colours[{j}].name"), &col.name)?;
            if !is_hex_colour(&col.hex) {
                return Err(bad(format!("{p}.colours[{j}].hex"), "must be #rrggbb"));
            }
        }
    }
    let motifs = ids_unique("motifs", c.motifs.iter().map(|m| &m.id))?;
    for (i, m) in c.motifs.iter().enumerate() {
        text(&format!("motifs[{i}].name"), &m.name)?;
        money(format!("motifs[{i}].surcharge_minor"), m.surcharge_minor)?;
        if let Some(r) = &m.scale {
            range(&format!("motifs[{i}].scale"), r, u16::from(u8::MAX))?;
        }
        if let Some(r) = &m.angle {
            range(&format!("motifs[{i}].angle"), r, 359)?;
        }
    }
    let fonts = ids_unique("fonts", c.fonts.iter().map(|f| &f.id))?;
    for (i, f) in c.fonts.iter().enumerate() {
        text(&format!("fonts[{i}].name"), &f.name)?;
        for (j, s) in f.scripts.iter().enumerate() {
            if s != "latin" && s != "cyrillic" {
                return Err(bad(
                    format!("fonts[{i}].scripts[{j}]"),
                    "script must be latin or cyrillic",
                ));
            }
        }
    }
    ids_unique("monogram_methods", c.monogram_methods.iter().map(|m| &m.id))?;
    for (i, m) in c.monogram_methods.iter().enumerate() {
        let p = format!("monogram_methods[{i}]");
        text(&format!("{p}.name"), &m.name)?;
        money(format!("{p}.price_minor"), m.price_minor)?;
        money(format!("{p}.per_char_minor"), m.per_char_minor)?;
        if m.colours.is_empty() {
            return Err(bad(
                format!("{p}.colours"),
                "a method needs at least one colour",
            ));
        }
        ids_unique(&format!("{p}.colours"), m.colours.iter().map(|c| &c.id))?;
        for (j, col) in m.colours.iter().enumerate() {
            text(&format!("{p}.colours[{j}].name"), &col.name)?;
            if col.hex.as_deref().is_some_and(|h| !is_hex_colour(h)) {
                return Err(bad(
                    format!("{p}.colours[{j}].hex"),
                    "must be #rrggbb or null",
                ));
            }
        }
    }
    let closures = ids_unique("closures", c.closures.iter().map(|x| &x.id))?;
    for (i, x) in c.closures.iter().enumerate() {
        text(&format!("closures[{i}].name"), &x.name)?;
        money(format!("closures[{i}].price_minor"), x.price_minor)?;
        if x.panel_height_mm == 0
            || x.panel_height_mm > 2000
            || x.panel_width_mm.is_some_and(|w| w == 0 || w > 2000)
        {
            return Err(bad(
                format!("closures[{i}]"),
                "panel dimensions must be 1..=2000 mm",
            ));
        }
    }
    let hardware = ids_unique("hardware", c.hardware.iter().map(|h| &h.id))?;
    for (i, h) in c.hardware.iter().enumerate() {
        text(&format!("hardware[{i}].name"), &h.name)?;
        money(format!("hardware[{i}].price_minor"), h.price_minor)?;
        if !is_hex_colour(&h.hex) {
            return Err(bad(format!("hardware[{i}].hex"), "must be #rrggbb"));
        }
    }
    let placements = ids_unique("placements", c.placements.iter().map(|p| &p.id))?;
    let all_parts: BTreeSet<&str> = c
        .products
        .iter()
        .flat_map(|p| p.parts.iter().map(|x| x.id.as_str()))
        .collect();
    for (i, p) in c.placements.iter().enumerate() {
        text(&format!("placements[{i}].name"), &p.name)?;
        if !all_parts.contains(p.part.as_str()) {
            return Err(bad(
                format!("placements[{i}].part"),
                format!("no product has a part {:?}", p.part),
            ));
        }
        if !(0.0..=1.0).contains(&p.x) || !(0.0..=1.0).contains(&p.y) {
            return Err(bad(
                format!("placements[{i}]"),
                "x and y are fractions between 0 and 1",
            ));
        }
        if !["start", "middle", "end"].contains(&p.anchor.as_str()) {
            return Err(bad(
                format!("placements[{i}].anchor"),
                "must be start, middle or end",
            ));
        }
        if p.text_height_mm == 0 || p.text_height_mm > 200 {
            return Err(bad(
                format!("placements[{i}].text_height_mm"),
                "must be 1..=200",
            ));
        }
    }
    if c.products.is_empty() {
        return Err(bad("products", "a catalog needs at least one product"));
    }
    ids_unique("products", c.products.iter().map(|p| &p.id))?;
    for (i, prod) in c.products.iter().enumerate() {
        let p = format!("products[{i}]");
        text(&format!("{p}.name"), &prod.name)?;
        if prod.sizes.is_empty() || prod.parts.is_empty() {
            return Err(bad(&p, "a product needs sizes and parts"));
        }
        ids_unique(&format!("{p}.sizes"), prod.sizes.iter().map(|s| &s.id))?;
        for (j, s) in prod.sizes.iter().enumerate() {
            text(&format!("{p}.sizes[{j}].name"), &s.name)?;
            money(
                format!("{p}.sizes[{j}].base_price_minor"),
                s.base_price_minor,
            )?;
            let dims = [s.width_mm, s.height_mm, s.depth_mm];
            if dims.iter().any(|d| *d == 0 || *d > 2000) || s.monogram_max_chars == 0 {
                return Err(bad(
                    format!("{p}.sizes[{j}]"),
                    "dimensions must be 1..=2000 mm and monogram_max_chars > 0",
                ));
            }
        }
        ids_unique(&format!("{p}.parts"), prod.parts.iter().map(|x| &x.id))?;
        for (j, part) in prod.parts.iter().enumerate() {
            let pp = format!("{p}.parts[{j}]");
            text(&format!("{pp}.name"), &part.name)?;
            if part.materials.is_empty() || part.motifs.is_empty() {
                return Err(bad(&pp, "a part needs at least one material and one motif"));
            }
            for (k, m) in part.materials.iter().enumerate() {
                if !materials.contains(m.as_str()) {
                    return Err(bad(
                        format!("{pp}.materials[{k}]"),
                        format!("unknown material {m:?}"),
                    ));
                }
            }
            for (k, m) in part.motifs.iter().enumerate() {
                if !motifs.contains(m.as_str()) {
                    return Err(bad(
                        format!("{pp}.motifs[{k}]"),
                        format!("unknown motif {m:?}"),
                    ));
                }
            }
        }
        for (j, x) in prod.closures.iter().enumerate() {
            if !closures.contains(x.as_str()) {
                return Err(bad(
                    format!("{p}.closures[{j}]"),
                    format!("unknown closure {x:?}"),
                ));
            }
        }
        if prod.closures.is_empty() {
            return Err(bad(
                format!("{p}.closures"),
                "a product needs at least one closure",
            ));
        }
        let d = &prod.default;
        if prod.size(&d.size).is_none() {
            return Err(bad(
                format!("{p}.default.size"),
                format!("unknown size {:?}", d.size),
            ));
        }
        for part in &prod.parts {
            let dp = d.parts.get(&part.id).ok_or_else(|| {
                bad(
                    format!("{p}.default.parts"),
                    format!("missing part {:?}", part.id),
                )
            })?;
            let ok = part.allows_material(&dp.material)
                && c.material(&dp.material)
                    .is_some_and(|m| m.colour(&dp.colour).is_some())
                && part.allows_motif("solid");
            if !ok {
                return Err(bad(
                    format!("{p}.default.parts.{}", part.id),
                    "needs an allowed material, one of its colours, and the solid motif",
                ));
            }
        }
        if let Some(extra) = d.parts.keys().find(|k| prod.part(k).is_none()) {
            return Err(bad(format!("{p}.default.parts.{extra}"), "no such part"));
        }
        if !prod.offers_closure(&d.closure.kind) || !hardware.contains(d.closure.hardware.as_str())
        {
            return Err(bad(
                format!("{p}.default.closure"),
                "unknown closure or hardware",
            ));
        }
        let m = &d.monogram;
        let mono_ok = fonts.contains(m.font.as_str())
            && placements.contains(m.placement.as_str())
            && c.method(&m.method)
                .is_some_and(|x| x.colour(&m.colour).is_some());
        if !mono_ok {
            return Err(bad(
                format!("{p}.default.monogram"),
                "unknown font, method, colour or placement",
            ));
        }
    }
    ids_unique("rules", c.rules.iter().map(|r| &r.id))?;
    for (i, r) in c.rules.iter().enumerate() {
        let p = format!("rules[{i}]");
        text(&format!("{p}.reason"), &r.reason)?;
        if r.forbid.is_empty() {
            return Err(bad(
                format!("{p}.forbid"),
                "a rule needs at least one condition",
            ));
        }
        for (j, cond) in r.forbid.iter().enumerate() {
            let cp = format!("{p}.forbid[{j}]");
            for (k, v) in cond.test.values().iter().enumerate() {
                if !cond.field.value_exists(c, v) {
                    return Err(bad(
                        format!("{cp}.values[{k}]"),
                        format!("{v:?} is not a known value of {}", cond.field.name()),
                    ));
                }
            }
        }
    }
    Ok(())
}
