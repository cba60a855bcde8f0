//! Validation: every problem of a configuration at once, each with a field path and a message.
//!
//! Order of checks: structure (schema, product, size, parts), then each part, monogram and closure
//! against the catalog, then the catalog's rules (`rules.rs`). Monogram text checks live in
//! `monogram.rs`.

mod monogram;

use crate::catalog::{Catalog, Product};
use crate::config::{ClosureChoice, Configuration, Monogram, PartChoice, SCHEMA};
use crate::messages as msg;
use crate::{Lang, Problem};

pub use monogram::{check_text, unsupported_char, BLOCKLIST};

/// `Ok(())` if the configuration can be made; otherwise every problem found.
pub fn validate(c: &Catalog, cfg: &Configuration, lang: Lang) -> Result<(), Vec<Problem>> {
    let mut out = Vec::new();
    if cfg.schema != SCHEMA {
        out.push(Problem::new(
            "schema",
            "unsupported_schema",
            msg::schema(lang, cfg.schema, SCHEMA),
        ));
    }
    let Some(product) = c.product(&cfg.product) else {
        out.push(Problem::new(
            "product",
            "unknown_product",
            msg::unknown(lang, &msg::kind(lang, "product"), &cfg.product),
        ));
        return Err(out);
    };
    let size = product.size(&cfg.size);
    if size.is_none() {
        out.push(Problem::new(
            "size",
            "unknown_size",
            msg::unknown(lang, &msg::kind(lang, "size"), &cfg.size),
        ));
    }
    for spec in &product.parts {
        match cfg.parts.get(&spec.id) {
            None => out.push(Problem::new(
                format!("parts.{}", spec.id),
                "missing_part",
                msg::missing_part(lang, spec.name.get(lang)),
            )),
            Some(choice) => part(c, product, &spec.id, choice, lang, &mut out),
        }
    }
    for id in cfg.parts.keys().filter(|id| product.part(id).is_none()) {
        out.push(Problem::new(
            format!("parts.{id}"),
            "extra_part",
            msg::extra_part(lang, id),
        ));
    }
    if let Some(m) = &cfg.monogram {
        monogram_choice(
            c,
            product,
            cfg,
            m,
            size.map(|s| s.monogram_max_chars),
            lang,
            &mut out,
        );
    }
    closure(c, product, &cfg.closure, lang, &mut out);
    for v in crate::rules::violations(c, cfg) {
        out.push(Problem::new(
            v.path(),
            format!("rule:{}", v.rule.id),
            v.rule.reason.get(lang),
        ));
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

fn part(
    c: &Catalog,
    product: &Product,
    id: &str,
    choice: &PartChoice,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let Some(spec) = product.part(id) else { return };
    let part_name = spec.name.get(lang);
    let path = format!("parts.{id}");
    let material = c.material(&choice.material);
    match material {
        None => out.push(Problem::new(
            format!("{path}.material"),
            "unknown_material",
            msg::unknown(lang, &msg::kind(lang, "material"), &choice.material),
        )),
        Some(m) if !spec.allows_material(&m.id) => out.push(Problem::new(
            format!("{path}.material"),
            "material_not_offered",
            msg::material_not_offered(lang, part_name, m.name.get(lang)),
        )),
        Some(_) => {}
    }
    let colour_problem = |field: &str, colour: &str| {
        let m = material?;
        m.colour(colour).is_none().then(|| {
            Problem::new(
                format!("{path}.{field}"),
                "unknown_colour",
                msg::colour_not_made(lang, m.name.get(lang), colour),
            )
        })
    };
    out.extend(colour_problem("colour", &choice.colour));

    let motif = &choice.motif;
    let Some(spec_m) = c.motif(&motif.kind) else {
        out.push(Problem::new(
            format!("{path}.motif.kind"),
            "unknown_motif",
            msg::unknown(lang, &msg::kind(lang, "motif"), &motif.kind),
        ));
        return;
    };
    let motif_name = spec_m.name.get(lang);
    if !spec.allows_motif(&spec_m.id) {
        out.push(Problem::new(
            format!("{path}.motif.kind"),
            "motif_not_offered",
            msg::motif_not_offered(lang, part_name, motif_name),
        ));
    }
    match (&motif.colour2, spec_m.colour2) {
        (None, true) => out.push(Problem::new(
            format!("{path}.motif.colour2"),
            "colour2_missing",
            msg::colour2_missing(lang, motif_name),
        )),
        (Some(_), false) => out.push(Problem::new(
            format!("{path}.motif.colour2"),
            "colour2_unused",
            msg::colour2_unused(lang, motif_name),
        )),
        (Some(c2), true) => {
            if let Some(p) = colour_problem("motif.colour2", c2) {
                out.push(p);
            } else if *c2 == choice.colour {
                out.push(Problem::new(
                    format!("{path}.motif.colour2"),
                    "colour2_same",
                    msg::colour2_same(lang),
                ));
            }
        }
        (None, false) => {}
    }
    let params = [
        (
            "scale",
            msg::scale_word(lang),
            spec_m.scale,
            u16::from(motif.scale),
            u16::from(crate::catalog::MotifSpec::NEUTRAL_SCALE),
        ),
        (
            "angle",
            msg::angle_word(lang),
            spec_m.angle,
            motif.angle,
            crate::catalog::MotifSpec::NEUTRAL_ANGLE,
        ),
    ];
    for (field, word, range, value, neutral) in params {
        let bad = match range {
            Some(r) if !r.allows(value) => Some(msg::param_range(lang, word, r.min, r.max, r.step)),
            None if value != neutral => Some(msg::param_fixed(lang, word, motif_name, neutral)),
            _ => None,
        };
        if let Some(message) = bad {
            out.push(Problem::new(
                format!("{path}.motif.{field}"),
                format!("{field}_out_of_range"),
                message,
            ));
        }
    }
}

fn monogram_choice(
    c: &Catalog,
    product: &Product,
    cfg: &Configuration,
    m: &Monogram,
    max: Option<u32>,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let font = c.font(&m.font);
    if font.is_none() {
        out.push(Problem::new(
            "monogram.font",
            "unknown_font",
            msg::unknown(lang, &msg::kind(lang, "font"), &m.font),
        ));
    }
    out.extend(check_text(&m.text, font, max, lang));
    match c.method(&m.method) {
        None => out.push(Problem::new(
            "monogram.method",
            "unknown_method",
            msg::unknown(lang, &msg::kind(lang, "method"), &m.method),
        )),
        Some(method) if method.colour(&m.colour).is_none() => out.push(Problem::new(
            "monogram.colour",
            "unknown_monogram_colour",
            msg::method_colour(lang, method.name.get(lang), &m.colour),
        )),
        Some(_) => {}
    }
    match c.placement(&m.placement) {
        None => out.push(Problem::new(
            "monogram.placement",
            "unknown_placement",
            msg::unknown(lang, &msg::kind(lang, "placement"), &m.placement),
        )),
        Some(p) if product.part(&p.part).is_none() || !cfg.parts.contains_key(&p.part) => {
            out.push(Problem::new(
                "monogram.placement",
                "placement_not_on_product",
                msg::placement_not_on_product(lang, p.name.get(lang)),
            ))
        }
        Some(_) => {}
    }
}

fn closure(
    c: &Catalog,
    product: &Product,
    choice: &ClosureChoice,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    match c.closure(&choice.kind) {
        None => out.push(Problem::new(
            "closure.kind",
            "unknown_closure",
            msg::unknown(lang, &msg::kind(lang, "closure"), &choice.kind),
        )),
        Some(k) if !product.offers_closure(&k.id) => out.push(Problem::new(
            "closure.kind",
            "closure_not_offered",
            msg::closure_not_offered(lang, k.name.get(lang)),
        )),
        Some(_) => {}
    }
    if c.hardware(&choice.hardware).is_none() {
        out.push(Problem::new(
            "closure.hardware",
            "unknown_hardware",
            msg::unknown(lang, &msg::kind(lang, "hardware"), &choice.hardware),
        ));
    }
}
