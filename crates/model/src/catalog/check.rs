//! Domain checks run on every catalog at load. Every problem is reported, each at its path
//! (`materials[2].colours[0].hex`, `products[1].parts[0].outline`) so whoever edits the JSON finds
//! it: unique ids, resolvable references, translations, prices, currencies, shapes (every outline
//! and view layer evaluated for every size and closure: finite, inside bounds, not degenerate, not
//! self-intersecting), each product's default (a complete valid configuration), and rules that
//! would forbid every choice of an option.
//!
//! This runs where catalogs arrive (server upload, tests); the shopper's wasm only draws catalogs
//! that passed it, so none of this code needs to reach the browser. (Longer than our usual file:
//! it is one walk over the catalog, top to bottom, in the order a catalog is written.)

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Catalog, Layer, ParamRange, PartSpec, Product, Shape, Text};
use crate::geometry::{bbox, signed_area, Pt};
use crate::Lang;

/// Currencies the app's price formatter shows correctly (two decimals in the minor unit).
pub const CURRENCIES: [&str; 14] = [
    "AUD", "CAD", "CHF", "CZK", "DKK", "EUR", "GBP", "HUF", "NOK", "NZD", "PLN", "RUB", "SEK",
    "USD",
];

/// Largest length any shape may reach, in millimetres (a 3 m cutting table).
const MAX_MM: f64 = 3000.0;

/// One problem of a catalog: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogProblem {
    pub path: String,
    pub message: String,
}

/// Why a catalog could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog JSON is malformed at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("catalog is invalid ({} problems), first at {}: {}", .problems.len(),
        .problems.first().map_or("", |p| p.path.as_str()),
        .problems.first().map_or("", |p| p.message.as_str()))]
    Invalid { problems: Vec<CatalogProblem> },
}

#[derive(Default)]
struct Checker {
    out: Vec<CatalogProblem>,
}

impl Checker {
    fn bad(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let p = CatalogProblem {
            path: path.into(),
            message: message.into(),
        };
        if !self.out.contains(&p) {
            self.out.push(p);
        }
    }

    fn ids<'a>(&mut self, path: &str, ids: impl Iterator<Item = &'a String>) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if id.is_empty()
                || id.len() > 64
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                self.bad(
                    format!("{path}[{i}].id"),
                    format!("id {id:?} must be 1 to 64 ASCII letters, digits, '-' or '_'"),
                );
            }
            if !seen.insert(id.as_str()) {
                self.bad(format!("{path}[{i}].id"), format!("duplicate id {id:?}"));
            }
        }
        seen
    }

    fn text(&mut self, path: &str, t: &Text) {
        for (lang, s) in [("en", &t.en), ("sv", &t.sv), ("ru", &t.ru)] {
            if s.trim().is_empty() {
                self.bad(format!("{path}.{lang}"), "missing translation");
            } else if s.chars().count() > 500 || crate::text::has_forbidden_char(s, false) {
                self.bad(
                    format!("{path}.{lang}"),
                    "text must be under 500 characters without control or bidi characters",
                );
            }
        }
    }

    fn money(&mut self, path: String, v: i64) {
        // Bounded so that no sum of catalog prices can overflow i64.
        if !(0..=10_000_000).contains(&v) {
            self.bad(path, "amount must be between 0 and 10000000 minor units");
        }
    }

    fn range(&mut self, path: String, r: &ParamRange, max_allowed: u16) {
        if r.step == 0 || r.min > r.max || r.max > max_allowed || !r.allows(r.default) {
            self.bad(
                path,
                "range needs step > 0, min <= max <= limit, and a default on the grid",
            );
        }
    }

    fn known(&mut self, path: String, set: &BTreeSet<&str>, what: &str, id: &str) {
        if !set.contains(id) {
            self.bad(path, format!("unknown {what} {id:?}"));
        }
    }
}

/// `#rrggbb`, lowercase or uppercase hex.
pub(crate) fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

pub(super) fn check(c: &Catalog) -> Result<(), CatalogError> {
    let mut k = Checker::default();
    if !CURRENCIES.contains(&c.currency.as_str()) {
        k.bad(
            "currency",
            format!(
                "unknown currency {:?}; one of {}",
                c.currency,
                CURRENCIES.join(", ")
            ),
        );
    }
    let traits = k.ids("traits", c.traits.iter().map(|t| &t.id));
    for (i, t) in c.traits.iter().enumerate() {
        k.text(&format!("traits[{i}].name"), &t.name);
    }
    let materials = k.ids("materials", c.materials.iter().map(|m| &m.id));
    for (i, m) in c.materials.iter().enumerate() {
        let p = format!("materials[{i}]");
        k.text(&format!("{p}.name"), &m.name);
        if let Some(care) = &m.care {
            k.text(&format!("{p}.care"), care);
        }
        k.money(format!("{p}.price_per_dm2_minor"), m.price_per_dm2_minor);
        for (j, t) in m.traits.iter().enumerate() {
            k.known(format!("{p}.traits[{j}]"), &traits, "trait", t);
        }
        if m.colours.is_empty() {
            k.bad(
                format!("{p}.colours"),
                "a material needs at least one colour",
            );
        }
        k.ids(&format!("{p}.colours"), m.colours.iter().map(|c| &c.id));
        for (j, col) in m.colours.iter().enumerate() {
            k.text(&format!("{p}.colours[{j}].name"), &col.name);
            if !is_hex_colour(&col.hex) {
                k.bad(format!("{p}.colours[{j}].hex"), "must be #rrggbb");
            }
        }
    }
    let motifs = k.ids("motifs", c.motifs.iter().map(|m| &m.id));
    for (i, m) in c.motifs.iter().enumerate() {
        if !crate::render::MOTIF_KINDS.contains(&m.id.as_str()) {
            k.bad(
                format!("motifs[{i}].id"),
                format!(
                    "the renderer draws the motifs {}; {:?} is none of them",
                    crate::render::MOTIF_KINDS.join(", "),
                    m.id
                ),
            );
        }
        k.text(&format!("motifs[{i}].name"), &m.name);
        k.money(format!("motifs[{i}].surcharge_minor"), m.surcharge_minor);
        if let Some(r) = &m.scale {
            k.range(format!("motifs[{i}].scale"), r, u16::from(u8::MAX));
        }
        if let Some(r) = &m.angle {
            k.range(format!("motifs[{i}].angle"), r, 359);
        }
    }
    k.ids("fonts", c.fonts.iter().map(|f| &f.id));
    for (i, f) in c.fonts.iter().enumerate() {
        k.text(&format!("fonts[{i}].name"), &f.name);
        for (j, s) in f.scripts.iter().enumerate() {
            if s != "latin" && s != "cyrillic" {
                k.bad(
                    format!("fonts[{i}].scripts[{j}]"),
                    "script must be latin or cyrillic",
                );
            }
        }
    }
    k.ids("monogram_methods", c.monogram_methods.iter().map(|m| &m.id));
    for (i, m) in c.monogram_methods.iter().enumerate() {
        let p = format!("monogram_methods[{i}]");
        k.text(&format!("{p}.name"), &m.name);
        k.money(format!("{p}.price_minor"), m.price_minor);
        k.money(format!("{p}.per_char_minor"), m.per_char_minor);
        if m.colours.is_empty() {
            k.bad(format!("{p}.colours"), "a method needs at least one colour");
        }
        k.ids(&format!("{p}.colours"), m.colours.iter().map(|c| &c.id));
        for (j, col) in m.colours.iter().enumerate() {
            k.text(&format!("{p}.colours[{j}].name"), &col.name);
            if col.hex.as_deref().is_some_and(|h| !is_hex_colour(h)) {
                k.bad(format!("{p}.colours[{j}].hex"), "must be #rrggbb or null");
            }
        }
    }
    let closures = k.ids("closures", c.closures.iter().map(|x| &x.id));
    for (i, x) in c.closures.iter().enumerate() {
        k.text(&format!("closures[{i}].name"), &x.name);
        k.money(format!("closures[{i}].price_minor"), x.price_minor);
    }
    k.ids("hardware", c.hardware.iter().map(|h| &h.id));
    for (i, h) in c.hardware.iter().enumerate() {
        k.text(&format!("hardware[{i}].name"), &h.name);
        k.money(format!("hardware[{i}].price_minor"), h.price_minor);
        if !is_hex_colour(&h.hex) {
            k.bad(format!("hardware[{i}].hex"), "must be #rrggbb");
        }
    }
    k.ids("placements", c.placements.iter().map(|p| &p.id));
    let all_parts: BTreeSet<&str> = c
        .products
        .iter()
        .flat_map(|p| p.parts.iter().map(|x| x.id.as_str()))
        .collect();
    for (i, p) in c.placements.iter().enumerate() {
        k.text(&format!("placements[{i}].name"), &p.name);
        k.known(format!("placements[{i}].part"), &all_parts, "part", &p.part);
        if !(0.0..=1.0).contains(&p.x) || !(0.0..=1.0).contains(&p.y) {
            k.bad(
                format!("placements[{i}]"),
                "x and y are fractions between 0 and 1",
            );
        }
        if !["start", "middle", "end"].contains(&p.anchor.as_str()) {
            k.bad(
                format!("placements[{i}].anchor"),
                "must be start, middle or end",
            );
        }
        if p.text_height_mm == 0 || p.text_height_mm > 200 {
            k.bad(format!("placements[{i}].text_height_mm"), "must be 1..=200");
        }
    }
    if c.products.is_empty() {
        k.bad("products", "a catalog needs at least one product");
    }
    k.ids("products", c.products.iter().map(|p| &p.id));
    for (i, prod) in c.products.iter().enumerate() {
        product(
            &mut k,
            &format!("products[{i}]"),
            prod,
            &materials,
            &motifs,
            &closures,
        );
    }
    k.ids("rules", c.rules.iter().map(|r| &r.id));
    for (i, r) in c.rules.iter().enumerate() {
        let p = format!("rules[{i}]");
        k.text(&format!("{p}.reason"), &r.reason);
        if r.forbid.is_empty() {
            k.bad(format!("{p}.forbid"), "a rule needs at least one condition");
        }
        for (j, cond) in r.forbid.iter().enumerate() {
            for (v, value) in cond.test.values().iter().enumerate() {
                if !cond.field.value_exists(c, value) {
                    k.bad(
                        format!("{p}.forbid[{j}].values[{v}]"),
                        format!("{value:?} is not a known value of {}", cond.field.name()),
                    );
                }
            }
        }
    }
    // Defaults and rules are judged against a catalog whose references resolve.
    if k.out.is_empty() {
        for (i, prod) in c.products.iter().enumerate() {
            defaults(&mut k, c, &format!("products[{i}]"), prod);
        }
    }
    if k.out.is_empty() {
        Ok(())
    } else {
        Err(CatalogError::Invalid { problems: k.out })
    }
}

fn product(
    k: &mut Checker,
    p: &str,
    prod: &Product,
    materials: &BTreeSet<&str>,
    motifs: &BTreeSet<&str>,
    closures: &BTreeSet<&str>,
) {
    k.text(&format!("{p}.name"), &prod.name);
    if prod.sizes.is_empty() {
        k.bad(format!("{p}.sizes"), "a product needs at least one size");
    }
    if prod.parts.is_empty() {
        k.bad(format!("{p}.parts"), "a product needs at least one part");
    }
    if prod.seam_allowance_mm > 100 {
        k.bad(format!("{p}.seam_allowance_mm"), "must be 0..=100");
    }
    k.ids(&format!("{p}.sizes"), prod.sizes.iter().map(|s| &s.id));
    for (j, s) in prod.sizes.iter().enumerate() {
        let sp = format!("{p}.sizes[{j}]");
        k.text(&format!("{sp}.name"), &s.name);
        k.money(format!("{sp}.base_price_minor"), s.base_price_minor);
        if s.monogram_max_chars == 0 || s.monogram_max_chars > 64 {
            k.bad(format!("{sp}.monogram_max_chars"), "must be 1..=64");
        }
        for (name, v) in s.params.iter() {
            if !is_name(name) {
                k.bad(
                    format!("{sp}.params.{name}"),
                    "a name is a letter then letters, digits or '_'",
                );
            }
            if f64::from(*v) > MAX_MM {
                k.bad(format!("{sp}.params.{name}"), "must be at most 3000 mm");
            }
        }
    }
    let parts = k.ids(&format!("{p}.parts"), prod.parts.iter().map(|x| &x.id));
    for (j, part) in prod.parts.iter().enumerate() {
        let pp = format!("{p}.parts[{j}]");
        k.text(&format!("{pp}.name"), &part.name);
        if part.materials.is_empty() {
            k.bad(
                format!("{pp}.materials"),
                "a part needs at least one material",
            );
        }
        if part.motifs.is_empty() {
            k.bad(format!("{pp}.motifs"), "a part needs at least one motif");
        }
        for (m, id) in part.materials.iter().enumerate() {
            k.known(format!("{pp}.materials[{m}]"), materials, "material", id);
        }
        for (m, id) in part.motifs.iter().enumerate() {
            k.known(format!("{pp}.motifs[{m}]"), motifs, "motif", id);
        }
        if part.outline.len() < 3 || part.outline.len() > 200 {
            k.bad(format!("{pp}.outline"), "an outline has 3 to 200 corners");
        }
        if let Some(seam) = &part.seam {
            if seam.len() != part.outline.len() {
                k.bad(
                    format!("{pp}.seam"),
                    "give one allowance per edge (as many as the outline has corners)",
                );
            }
            if seam.iter().any(|a| *a > 100) {
                k.bad(format!("{pp}.seam"), "allowances are 0..=100 mm");
            }
        }
        if part.count == 0 || part.count > 20 {
            k.bad(format!("{pp}.count"), "must be 1..=20");
        }
        for (f, fold) in part.folds.iter().enumerate() {
            if fold.x.is_some() == fold.y.is_some() {
                k.bad(
                    format!("{pp}.folds[{f}]"),
                    "a fold sets exactly one of x and y",
                );
            }
        }
    }
    if prod.closures.is_empty() {
        k.bad(
            format!("{p}.closures"),
            "a product needs at least one closure",
        );
    }
    for (j, x) in prod.closures.iter().enumerate() {
        k.known(format!("{p}.closures[{j}]"), closures, "closure", x);
    }
    for id in prod.closure_params.keys() {
        if !prod.offers_closure(id) {
            k.bad(
                format!("{p}.closure_params.{id}"),
                "not a closure this product offers",
            );
        }
    }
    let offered: BTreeSet<&str> = prod.closures.iter().map(String::as_str).collect();
    let v = &prod.view;
    if v.margin > 200 {
        k.bad(format!("{p}.view.margin"), "must be 0..=200");
    }
    if v.layers.len() > 200 {
        k.bad(format!("{p}.view.layers"), "at most 200 layers");
    }
    for (j, l) in v.layers.iter().enumerate() {
        layer_shape(k, &format!("{p}.view.layers[{j}]"), l, &parts, &offered);
    }
    let cs = &prod.cut_sheet;
    if !(100..=10_000).contains(&cs.row_width) || cs.gap > 1000 {
        k.bad(
            format!("{p}.cut_sheet"),
            "row_width is 100..=10000 mm and gap 0..=1000 mm",
        );
    }
    for (j, name) in cs.finished.iter().enumerate() {
        if prod.sizes.iter().any(|s| !s.params.contains_key(name)) {
            k.bad(
                format!("{p}.cut_sheet.finished[{j}]"),
                format!("{name:?} is not a param of every size"),
            );
        }
    }
    // Every shape, for every size and every closure it is offered with.
    for s in &prod.sizes {
        for closure in &prod.closures {
            let at = format!("size {:?} with closure {closure:?}", s.id);
            let env = match prod.env(s, closure) {
                Ok(env) => env,
                Err((name, e)) => {
                    k.bad(
                        format!("{p}.closure_params.{closure}.{name}"),
                        format!("{at}: {e}"),
                    );
                    continue;
                }
            };
            for (j, part) in prod.parts.iter().enumerate() {
                piece(k, prod, &format!("{p}.parts[{j}]"), part, &env, &at);
            }
            view_numbers(k, p, prod, closure, &env, &at);
        }
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= 32
}

/// Attributes each shape may set from expressions.
fn geometry_names(shape: Shape) -> &'static [&'static str] {
    match shape {
        Shape::Rect => &["x", "y", "width", "height", "rx", "ry"],
        Shape::Circle => &["cx", "cy", "r"],
        Shape::Line => &["x1", "y1", "x2", "y2"],
        Shape::Path => &[],
        Shape::Monogram => &["x", "y", "width", "height"],
    }
}

const STYLE_NAMES: [&str; 11] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "opacity",
    "transform",
    "fill-rule",
];

/// A literal style value: numbers, names, `#hex`, `translate(0 3)`; nothing that could open a
/// URL or close the attribute.
fn safe_literal(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 100
        && !v.to_ascii_lowercase().contains("url")
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || " #.,-()%".contains(c))
}

fn layer_shape(
    k: &mut Checker,
    lp: &str,
    l: &Layer,
    parts: &BTreeSet<&str>,
    offered: &BTreeSet<&str>,
) {
    let allowed = geometry_names(l.shape);
    for (g, (name, _)) in l.geometry.iter().enumerate() {
        if !allowed.contains(&name.as_str()) {
            k.bad(
                format!("{lp}.geometry[{g}]"),
                format!("{name:?} is not one of {}", allowed.join(", ")),
            );
        }
    }
    if l.shape == Shape::Path {
        if l.d.is_empty() {
            k.bad(format!("{lp}.d"), "a path needs commands");
        }
        for (j, cmd) in l.d.iter().enumerate() {
            let arity = match cmd.first().map(String::as_str) {
                Some("M" | "L") => Some(2),
                Some("H" | "V") => Some(1),
                Some("Q") => Some(4),
                Some("C") => Some(6),
                Some("Z") => Some(0),
                _ => None,
            };
            if arity != Some(cmd.len().saturating_sub(1)) {
                k.bad(
                    format!("{lp}.d[{j}]"),
                    "a command is M or L with x y, H x, V y, Q with 4 numbers, C with 6, or Z",
                );
            }
        }
    } else if !l.d.is_empty() {
        k.bad(format!("{lp}.d"), "only path layers have d");
    }
    if l.shape == Shape::Monogram {
        match l.part.as_deref() {
            Some(part) => k.known(format!("{lp}.part"), parts, "part", part),
            None => k.bad(format!("{lp}.part"), "a monogram layer names its part"),
        }
        for need in ["x", "y", "width", "height"] {
            if !l.geometry.iter().any(|(n, _)| n == need) {
                k.bad(format!("{lp}.geometry"), format!("missing {need:?}"));
            }
        }
    } else if l.part.is_some() {
        k.bad(format!("{lp}.part"), "only monogram layers name a part");
    }
    for (j, (name, v)) in l.style.iter().enumerate() {
        let sp = format!("{lp}.style[{j}]");
        if !STYLE_NAMES.contains(&name.as_str()) {
            k.bad(
                &sp,
                format!("{name:?} is not one of {}", STYLE_NAMES.join(", ")),
            );
        }
        let Some(r) = v.strip_prefix('@') else {
            if !safe_literal(v) {
                k.bad(
                    &sp,
                    "a literal is letters, digits, spaces and # . , - ( ) %, without url",
                );
            }
            continue;
        };
        let (r, shade) = match r.split_once('/') {
            Some((r, t)) => (r, Some(t)),
            None => (r, None),
        };
        let target_ok = match r.split_once(':') {
            Some(("part" | "colour", id)) => {
                k.known(sp.clone(), parts, "part", id);
                true
            }
            None => r == "hardware" || r == "light",
            _ => false,
        };
        if !target_ok {
            k.bad(
                &sp,
                "a reference is @part:ID, @colour:ID, @hardware or @light",
            );
        }
        if let Some(t) = shade {
            let ok = r != "light"
                && !r.starts_with("part:")
                && crate::expr::eval(t, &[]).is_ok_and(|t| (-1.0..=1.0).contains(&t));
            if !ok {
                k.bad(
                    &sp,
                    "only @colour and @hardware shade, by a number in -1..=1",
                );
            }
        }
    }
    for (j, x) in l.when_closure.iter().enumerate() {
        if !offered.contains(x.as_str()) {
            k.bad(
                format!("{lp}.when_closure[{j}]"),
                format!("{x:?} is not a closure this product offers"),
            );
        }
    }
}

/// Evaluates every number of the view for one size and closure.
fn view_numbers(
    k: &mut Checker,
    p: &str,
    prod: &Product,
    closure: &str,
    env: &[(&str, f64)],
    at: &str,
) {
    let num = |k: &mut Checker, path: String, e: &str, positive: bool| match crate::expr::Expr(
        e.to_owned(),
    )
    .eval(env)
    {
        Err(err) => k.bad(path, format!("{at}: {err}")),
        Ok(v) if v.abs() > MAX_MM || (positive && v <= 0.0) => {
            k.bad(path, format!("{at}: {v} is out of bounds (0..=3000 mm)"))
        }
        Ok(_) => {}
    };
    let v = &prod.view;
    num(k, format!("{p}.view.width"), &v.width.0, true);
    num(k, format!("{p}.view.height"), &v.height.0, true);
    for (j, l) in v.layers.iter().enumerate() {
        if !l.when_closure.is_empty() && !l.when_closure.iter().any(|x| x == closure) {
            continue;
        }
        let lp = format!("{p}.view.layers[{j}]");
        for (g, (_, e)) in l.geometry.iter().enumerate() {
            num(k, format!("{lp}.geometry[{g}]"), &e.0, false);
        }
        for (d, cmd) in l.d.iter().enumerate() {
            for (a, e) in cmd.iter().enumerate().skip(1) {
                num(k, format!("{lp}.d[{d}][{a}]"), e, false);
            }
        }
    }
}

/// Evaluates one part's outline for a size and closure and checks the sewing and cut lines.
fn piece(
    k: &mut Checker,
    prod: &Product,
    pp: &str,
    part: &PartSpec,
    env: &[(&str, f64)],
    at: &str,
) {
    let panel = match crate::geometry::panel(prod, part, env) {
        Ok(panel) => panel,
        Err(e) => {
            k.bad(format!("{pp}.{}", e.at), format!("{at}: {}", e.error));
            return;
        }
    };
    if panel.sew.len() < 3 {
        return; // already reported
    }
    if let Some(why) = polygon_problem(&panel.sew) {
        k.bad(format!("{pp}.outline"), format!("{at}: {why}"));
        return;
    }
    if panel
        .sew
        .iter()
        .any(|&(x, y)| !(0.0..=MAX_MM).contains(&x) || !(0.0..=MAX_MM).contains(&y))
    {
        k.bad(
            format!("{pp}.outline"),
            format!("{at}: corners must lie within 0..=3000 mm"),
        );
    }
    let grown = signed_area(&panel.cut).abs() >= signed_area(&panel.sew).abs()
        && signed_area(&panel.cut).signum() == signed_area(&panel.sew).signum();
    if polygon_problem(&panel.cut).is_some() || !grown {
        k.bad(
            format!("{pp}.seam"),
            format!(
                "{at}: the seam allowance turns the cut line inside out; use smaller allowances"
            ),
        );
    }
    let (x0, y0, x1, y1) = bbox(&panel.sew);
    for (f, &(vertical, v)) in panel.folds.iter().enumerate() {
        let inside = if vertical {
            v > x0 && v < x1
        } else {
            v > y0 && v < y1
        };
        if !inside {
            k.bad(
                format!("{pp}.folds[{f}]"),
                format!("{at}: the fold lies outside the piece"),
            );
        }
    }
}

/// Why a closed polygon cannot be cut: non-finite, a zero-length edge, no area, or crossing itself.
fn polygon_problem(pts: &[Pt]) -> Option<&'static str> {
    let n = pts.len();
    if pts.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
        return Some("a corner is not a finite number");
    }
    if (0..n).any(|i| pts[i] == pts[(i + 1) % n]) {
        return Some("two neighbouring corners are the same point");
    }
    if signed_area(pts).abs() < 1.0 {
        return Some("the outline encloses no area");
    }
    for i in 0..n {
        for j in (i + 1)..n {
            // Neighbouring edges share a corner; only non-neighbours may not meet.
            if j == i + 1 || (i == 0 && j == n - 1) {
                continue;
            }
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            let (c, d) = (pts[j], pts[(j + 1) % n]);
            if segments_meet(a, b, c, d) {
                return Some("the outline crosses itself");
            }
        }
    }
    None
}

fn orient(a: Pt, b: Pt, c: Pt) -> f64 {
    (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
}

fn on_segment(a: Pt, b: Pt, p: Pt) -> bool {
    p.0 >= a.0.min(b.0) && p.0 <= a.0.max(b.0) && p.1 >= a.1.min(b.1) && p.1 <= a.1.max(b.1)
}

fn segments_meet(a: Pt, b: Pt, c: Pt, d: Pt) -> bool {
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        return true;
    }
    (o1 == 0.0 && on_segment(a, b, c))
        || (o2 == 0.0 && on_segment(a, b, d))
        || (o3 == 0.0 && on_segment(c, d, a))
        || (o4 == 0.0 && on_segment(c, d, b))
}

/// The product's default must be a complete valid configuration, its starting monogram must fit
/// it, and no option may have every choice forbidden by the rules.
fn defaults(k: &mut Checker, c: &Catalog, p: &str, prod: &Product) {
    let d = &prod.default;
    if d.product != prod.id {
        k.bad(
            format!("{p}.default.product"),
            format!("must be this product's id {:?}", prod.id),
        );
    }
    if let Err(problems) = crate::validate::validate(c, d, Lang::En) {
        for pr in problems {
            k.bad(format!("{p}.default.{}", pr.path), pr.message);
        }
        return;
    }
    let mut with = d.clone();
    with.monogram = Some(prod.monogram_default.clone());
    if let Err(problems) = crate::validate::validate(c, &with, Lang::En) {
        for pr in problems {
            let rest = pr.path.strip_prefix("monogram").unwrap_or(&pr.path);
            k.bad(format!("{p}.monogram_default{rest}"), pr.message);
        }
    }
    let a = crate::rules::availability(c, d, Lang::En);
    let mut none_left = |path: String, options: &crate::rules::Options| {
        if !options.is_empty() && options.values().all(Option::is_some) {
            k.bad(path, "the rules forbid every choice of this option");
        }
    };
    for (j, part) in prod.parts.iter().enumerate() {
        if let Some(pa) = a.parts.get(&part.id) {
            none_left(format!("{p}.parts[{j}].materials"), &pa.materials);
            none_left(format!("{p}.parts[{j}].motifs"), &pa.motifs);
            none_left(format!("{p}.default.parts.{}.colour", part.id), &pa.colours);
        }
    }
    none_left(format!("{p}.closures"), &a.closures);
    none_left("hardware".into(), &a.hardware);
    none_left("monogram_methods".into(), &a.monogram.methods);
    none_left("fonts".into(), &a.monogram.fonts);
    none_left(
        format!("{p}.monogram_default.placement"),
        &a.monogram.placements,
    );
}
