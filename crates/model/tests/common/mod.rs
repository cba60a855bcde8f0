//! Hand-built configurations shared by the integration tests.
#![allow(dead_code)]

use stitchfork_model::config::{Monogram, MotifChoice};
use stitchfork_model::{Catalog, Configuration};

pub fn cat() -> &'static Catalog {
    Catalog::builtin()
}

pub fn default() -> Configuration {
    Configuration::default_for(cat(), "laptop-sleeve").expect("default sleeve")
}

pub fn motif(kind: &str, colour2: Option<&str>, scale: u8, angle: u16) -> MotifChoice {
    MotifChoice {
        kind: kind.into(),
        colour2: colour2.map(Into::into),
        scale,
        angle,
    }
}

pub fn set(cfg: &mut Configuration, part: &str, material: &str, colour: &str, m: MotifChoice) {
    let p = cfg.parts.get_mut(part).expect("part");
    p.material = material.into();
    p.colour = colour.into();
    p.motif = m;
}

pub fn monogram(text: &str, font: &str, method: &str, placement: &str, colour: &str) -> Monogram {
    Monogram {
        text: text.into(),
        font: font.into(),
        method: method.into(),
        placement: placement.into(),
        colour: colour.into(),
    }
}

/// 16", waxed canvas herringbone front, striped Ultrasuede magnetic flap with a gold-foil emboss.
pub fn flap_herringbone() -> Configuration {
    let mut c = default();
    c.size = "16".into();
    set(
        &mut c,
        "outer_front",
        "waxed-canvas",
        "field-tan",
        motif("herringbone", Some("navy"), 100, 0),
    );
    set(
        &mut c,
        "outer_back",
        "waxed-canvas",
        "navy",
        motif("solid", None, 100, 0),
    );
    set(
        &mut c,
        "closure",
        "ultrasuede",
        "bordeaux",
        motif("stripes", Some("sand"), 60, 45),
    );
    c.closure.kind = "magnetic-flap".into();
    c.closure.hardware = "brass".into();
    c.monogram = Some(monogram(
        "AJ",
        "serif",
        "emboss",
        "flap-center",
        "gold-foil",
    ));
    c
}

/// 13", recycled nylon with neon dots, chevron back, elastic band, Cyrillic embroidery.
pub fn elastic_dots() -> Configuration {
    let mut c = default();
    c.size = "13".into();
    set(
        &mut c,
        "outer_front",
        "recycled-nylon",
        "cobalt",
        motif("dots", Some("neon-yellow"), 120, 0),
    );
    set(
        &mut c,
        "outer_back",
        "recycled-nylon",
        "graphite",
        motif("chevron", Some("neon-orange"), 100, 90),
    );
    set(
        &mut c,
        "lining",
        "recycled-nylon",
        "glacier",
        motif("stripes", Some("sage"), 100, 0),
    );
    set(
        &mut c,
        "trim",
        "recycled-nylon",
        "black",
        motif("solid", None, 100, 0),
    );
    set(
        &mut c,
        "closure",
        "recycled-nylon",
        "signal-red",
        motif("solid", None, 100, 0),
    );
    c.closure.kind = "elastic-band".into();
    c.closure.hardware = "gunmetal".into();
    c.monogram = Some(monogram(
        "Анна",
        "sans",
        "embroidery",
        "front-center",
        "white",
    ));
    c
}

/// Houndstooth Ultrasuede front with a blind deboss.
pub fn houndstooth_deboss() -> Configuration {
    let mut c = default();
    set(
        &mut c,
        "outer_front",
        "ultrasuede",
        "sand",
        motif("houndstooth", Some("charcoal"), 100, 0),
    );
    c.monogram = Some(monogram(
        "M&K",
        "sans",
        "deboss",
        "front-bottom-right",
        "blind",
    ));
    c
}

/// Tartan Ultrasuede at 45°, black leather trim, a blind emboss in script.
pub fn tartan_emboss() -> Configuration {
    let mut c = default();
    set(
        &mut c,
        "outer_front",
        "ultrasuede",
        "bordeaux",
        motif("tartan", Some("moss"), 100, 45),
    );
    set(
        &mut c,
        "trim",
        "leather",
        "black",
        motif("solid", None, 100, 0),
    );
    c.monogram = Some(monogram(
        "Åsa",
        "script",
        "emboss",
        "front-top-left",
        "blind",
    ));
    c
}
