//! Every catalog rule, both refusing and allowing; and the availability answers the UI shows.

mod common;

use std::collections::BTreeSet;

use common::*;
use stitchfork_model::rules::availability;
use stitchfork_model::validate::validate;
use stitchfork_model::{Configuration, Lang};

/// (rule id, path it is reported at, a design it refuses, a close design it allows)
fn cases() -> Vec<(&'static str, &'static str, Configuration, Configuration)> {
    let mut out = Vec::new();

    let mut refuse = houndstooth_deboss();
    set(
        &mut refuse,
        "outer_front",
        "waxed-canvas",
        "stone",
        motif("solid", None, 100, 0),
    );
    let mut allow = refuse.clone();
    set(
        &mut allow,
        "outer_front",
        "leather",
        "tan",
        motif("solid", None, 100, 0),
    );
    out.push((
        "emboss-needs-leather-or-ultrasuede",
        "monogram.method",
        refuse,
        allow,
    ));

    let mut refuse = default();
    set(
        &mut refuse,
        "outer_front",
        "leather",
        "black",
        motif("solid", None, 100, 0),
    );
    refuse.monogram = Some(monogram(
        "AJ",
        "sans",
        "embroidery",
        "front-bottom-right",
        "gold",
    ));
    let mut allow = refuse.clone();
    set(
        &mut allow,
        "outer_front",
        "wool-felt",
        "forest",
        motif("solid", None, 100, 0),
    );
    out.push(("no-embroidery-on-leather", "monogram.method", refuse, allow));

    let mut refuse = default();
    set(
        &mut refuse,
        "outer_front",
        "wool-felt",
        "forest",
        motif("solid", None, 100, 0),
    );
    refuse.monogram = Some(monogram(
        "AJ",
        "script",
        "embroidery",
        "front-bottom-right",
        "gold",
    ));
    let mut allow = refuse.clone();
    allow.monogram.as_mut().unwrap().font = "serif".into();
    out.push(("no-script-embroidery", "monogram.font", refuse, allow));

    let mut refuse = default();
    set(
        &mut refuse,
        "outer_back",
        "leather",
        "tan",
        motif("stripes", Some("black"), 100, 0),
    );
    let mut allow = refuse.clone();
    set(
        &mut allow,
        "outer_back",
        "leather",
        "tan",
        motif("solid", None, 100, 0),
    );
    out.push((
        "leather-is-plain",
        "parts.outer_back.motif.kind",
        refuse,
        allow,
    ));

    let mut refuse = default();
    set(
        &mut refuse,
        "outer_front",
        "wool-felt",
        "cream",
        motif("tartan", Some("rust"), 100, 0),
    );
    let mut allow = refuse.clone();
    set(
        &mut allow,
        "outer_front",
        "wool-felt",
        "cream",
        motif("stripes", Some("rust"), 100, 0),
    );
    out.push((
        "felt-has-no-woven-motifs",
        "parts.outer_front.motif.kind",
        refuse,
        allow,
    ));

    let mut refuse = default();
    set(
        &mut refuse,
        "lining",
        "recycled-nylon",
        "neon-pink",
        motif("solid", None, 100, 0),
    );
    let mut allow = refuse.clone();
    set(
        &mut allow,
        "lining",
        "recycled-nylon",
        "glacier",
        motif("solid", None, 100, 0),
    );
    // Neon is fine outside.
    set(
        &mut allow,
        "outer_front",
        "recycled-nylon",
        "neon-pink",
        motif("solid", None, 100, 0),
    );
    out.push(("no-neon-lining", "parts.lining.colour", refuse, allow));

    let mut refuse = flap_herringbone();
    refuse.closure.kind = "zip".into();
    let allow = flap_herringbone();
    out.push((
        "flap-placement-needs-flap",
        "monogram.placement",
        refuse,
        allow,
    ));

    let mut refuse = default();
    refuse.closure.kind = "elastic-band".into();
    refuse.closure.hardware = "rose-gold".into();
    let mut allow = refuse.clone();
    allow.closure.hardware = "matte-black".into();
    out.push((
        "elastic-band-plain-hardware",
        "closure.hardware",
        refuse,
        allow,
    ));

    // The tote's own rule, on its own part.
    let tote = Configuration::default_for(cat(), "tote-bag").unwrap();
    let mut refuse = tote.clone();
    set(
        &mut refuse,
        "handles",
        "wool-felt",
        "mustard",
        motif("solid", None, 100, 0),
    );
    let mut allow = tote;
    set(
        &mut allow,
        "handles",
        "waxed-canvas",
        "mustard",
        motif("solid", None, 100, 0),
    );
    out.push((
        "felt-handles-stretch",
        "parts.handles.material",
        refuse,
        allow,
    ));
    out
}

#[test]
fn every_rule_refuses_and_allows() {
    for (id, path, refuse, allow) in cases() {
        let ps = validate(cat(), &refuse, Lang::En).expect_err(id);
        assert_eq!(ps.len(), 1, "{id}: {ps:#?}");
        assert_eq!(
            (ps[0].code.as_str(), ps[0].path.as_str()),
            (format!("rule:{id}").as_str(), path)
        );
        let rule = cat().rules.iter().find(|r| r.id == id).unwrap();
        for lang in Lang::ALL {
            let p = &validate(cat(), &refuse, lang).unwrap_err()[0];
            assert_eq!(p.message, rule.reason.get(lang));
        }
        assert_eq!(
            validate(cat(), &allow, Lang::En),
            Ok(()),
            "{id} should allow"
        );
    }
}

#[test]
fn the_cases_cover_every_rule_in_the_catalog() {
    let covered: BTreeSet<&str> = cases().into_iter().map(|c| c.0).collect();
    let all: BTreeSet<&str> = cat().rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(covered, all);
}

#[test]
fn a_valid_design_shows_its_own_choices_as_available() {
    for cfg in [
        default(),
        flap_herringbone(),
        elastic_dots(),
        houndstooth_deboss(),
        tartan_emboss(),
    ] {
        let a = availability(cat(), &cfg, Lang::En);
        for (part, choice) in &cfg.parts {
            let pa = &a.parts[part];
            assert_eq!(pa.materials[&choice.material], None, "{part}");
            assert_eq!(pa.colours[&choice.colour], None, "{part}");
            assert_eq!(pa.motifs[&choice.motif.kind], None, "{part}");
        }
        assert_eq!(a.closures[&cfg.closure.kind], None);
        assert_eq!(a.hardware[&cfg.closure.hardware], None);
        if let Some(m) = &cfg.monogram {
            assert_eq!(a.monogram.methods[&m.method], None);
            assert_eq!(a.monogram.fonts[&m.font], None);
            assert_eq!(a.monogram.placements[&m.placement], None);
            assert_eq!(a.monogram.colours[&m.colour], None);
        }
    }
}

#[test]
fn unavailable_options_say_why_in_the_language_asked() {
    // Waxed canvas front, monogram on the front: emboss and deboss are out, embroidery is in.
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "waxed-canvas",
        "stone",
        motif("solid", None, 100, 0),
    );
    cfg.monogram = Some(monogram(
        "AJ",
        "sans",
        "embroidery",
        "front-center",
        "white",
    ));
    let a = availability(cat(), &cfg, Lang::Sv);
    let why = "Prägling och djupprägling kräver läder eller Ultrasuede under monogrammet.";
    assert_eq!(a.monogram.methods["emboss"].as_deref(), Some(why));
    assert_eq!(a.monogram.methods["deboss"].as_deref(), Some(why));
    assert_eq!(a.monogram.methods["embroidery"], None);
    // Script cannot be embroidered; the flap placement needs a flap.
    assert!(a.monogram.fonts["script"].is_some());
    assert_eq!(
        a.monogram.placements["flap-center"].as_deref(),
        Some("Placering på locket kräver magnetlock.")
    );
    assert_eq!(a.monogram.placements["back-center"], None);
    // Leather under an embroidered monogram is refused, so leather is greyed out for the front only.
    assert!(a.parts["outer_front"].materials["leather"].is_some());
    assert_eq!(a.parts["outer_back"].materials["leather"], None);
}

#[test]
fn part_options_follow_the_rules_for_that_part() {
    let mut cfg = default();
    set(
        &mut cfg,
        "lining",
        "recycled-nylon",
        "glacier",
        motif("stripes", Some("sage"), 100, 0),
    );
    let a = availability(cat(), &cfg, Lang::Ru);
    let lining = &a.parts["lining"];
    assert_eq!(lining.colours.len(), 9);
    let neon: Vec<_> = lining
        .colours
        .iter()
        .filter(|(_, why)| why.is_some())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(neon, ["neon-orange", "neon-pink", "neon-yellow"]);
    assert!(lining.colours["neon-pink"]
        .as_deref()
        .unwrap()
        .starts_with("Неоновые"));
    // Outside, neon is fine; a striped part cannot switch to leather; felt refuses woven motifs.
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("stripes", Some("sand"), 100, 0),
    );
    set(
        &mut cfg,
        "outer_back",
        "wool-felt",
        "cream",
        motif("solid", None, 100, 0),
    );
    let a = availability(cat(), &cfg, Lang::En);
    assert!(a.parts["outer_front"].materials["leather"]
        .as_deref()
        .unwrap()
        .starts_with("Full-grain leather is only made plain"));
    assert_eq!(a.parts["outer_front"].materials["waxed-canvas"], None);
    let back = &a.parts["outer_back"].motifs;
    for woven in ["herringbone", "houndstooth", "tartan"] {
        assert!(back[woven].is_some(), "{woven}");
    }
    for ok in ["solid", "stripes", "dots", "chevron"] {
        assert_eq!(back[ok], None, "{ok}");
    }
}

#[test]
fn closure_options_and_hardware() {
    let mut cfg = flap_herringbone(); // brass, monogram on the flap
    let a = availability(cat(), &cfg, Lang::En);
    assert_eq!(a.closures["magnetic-flap"], None);
    assert!(
        a.closures["zip"].is_some(),
        "the flap monogram needs the flap"
    );
    assert!(a.closures["elastic-band"].is_some());
    cfg.closure.kind = "elastic-band".into();
    cfg.closure.hardware = "nickel".into();
    cfg.monogram = None;
    let a = availability(cat(), &cfg, Lang::En);
    assert!(a.hardware["brass"].is_some() && a.hardware["rose-gold"].is_some());
    assert_eq!(a.hardware["gunmetal"], None);
}

#[test]
fn a_rule_broken_elsewhere_does_not_grey_out_unrelated_options() {
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_back",
        "leather",
        "tan",
        motif("stripes", Some("black"), 100, 0),
    );
    let a = availability(cat(), &cfg, Lang::En);
    assert!(a.closures.values().all(Option::is_none));
    assert!(a.parts["lining"].colours.values().all(Option::is_none));
    // But the offending part's motif options do carry the reason.
    assert!(a.parts["outer_back"].motifs["stripes"].is_some());
    assert_eq!(a.parts["outer_back"].motifs["solid"], None);
}

#[test]
fn without_a_monogram_the_options_answer_for_adding_one() {
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "recycled-nylon",
        "black",
        motif("solid", None, 100, 0),
    );
    assert!(cfg.monogram.is_none());
    let a = availability(cat(), &cfg, Lang::En);
    // The default monogram sits bottom right on the front: nylon cannot be embossed.
    assert!(a.monogram.methods["emboss"].is_some());
    assert_eq!(a.monogram.methods["embroidery"], None);
    assert_eq!(
        a.monogram.colours.len(),
        3,
        "colours of the default method (emboss)"
    );
}
