//! Upgrading a configuration to a newer catalog version (issue #13): each "v2" below is the
//! built-in (or cushion) catalog's JSON with one edit, loaded through the full catalog checks.
//! Every upgrade must validate in the new version, keep what is still offered and allowed, and
//! name what changed.

mod common;

use common::*;
use serde_json::{json, Value};
use stitchfork_model::catalog::{
    upgrade, Catalog, Change, ChangeKind, UpgradeError, Upgraded, BUILTIN_JSON,
};
use stitchfork_model::pricing::total_minor;
use stitchfork_model::validate::validate;
use stitchfork_model::{Configuration, Lang};

const CUSHION_JSON: &str = include_str!("products/cushion-catalog.json");

fn edited(json: &str, edit: impl FnOnce(&mut Value)) -> Catalog {
    let mut v: Value = serde_json::from_str(json).expect("catalog JSON");
    edit(&mut v);
    Catalog::from_json(&v.to_string()).expect("the v2 catalog passes every check")
}

fn v2(edit: impl FnOnce(&mut Value)) -> Catalog {
    edited(BUILTIN_JSON, edit)
}

fn cushions() -> Catalog {
    Catalog::from_json(CUSHION_JSON).expect("cushion catalog")
}

/// The entry of `list` (an array of objects) whose `id` is `id`.
fn by_id<'v>(list: &'v mut Value, id: &str) -> &'v mut Value {
    list.as_array_mut()
        .expect("array")
        .iter_mut()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

/// Removes `id` from an array of ids or of objects with ids.
fn remove(list: &mut Value, id: &str) {
    list.as_array_mut()
        .expect("array")
        .retain(|x| x != id && x["id"] != id);
}

/// Sets every part of a product's default that uses `material` to `to`/`colour`.
fn default_parts(v: &mut Value, product: &str, material: &str, to: &str, colour: &str) {
    let parts = by_id(&mut v["products"], product)["default"]["parts"]
        .as_object_mut()
        .expect("parts");
    for choice in parts.values_mut() {
        if choice["material"] == material {
            choice["material"] = json!(to);
            choice["colour"] = json!(colour);
        }
    }
}

/// Upgrades, and checks what every upgrade must hold: valid in `new`.
fn up(old: &Catalog, new: &Catalog, cfg: &Configuration) -> Upgraded {
    let got = upgrade(old, new, cfg).expect("an upgrade");
    assert_eq!(validate(new, &got.config, Lang::En), Ok(()));
    got
}

fn change(
    path: &str,
    kind: ChangeKind,
    before: &str,
    after: &str,
) -> (String, ChangeKind, String, String) {
    (path.into(), kind, before.into(), after.into())
}

fn summary(changes: &[Change]) -> Vec<(String, ChangeKind, String, String)> {
    changes
        .iter()
        .map(|c| {
            (
                c.path.clone(),
                c.kind,
                c.before.en.clone(),
                c.after.en.clone(),
            )
        })
        .collect()
}

fn examples() -> Vec<Configuration> {
    let mut with_mono = default();
    with_mono.monogram = Some(monogram(
        "AB",
        "serif",
        "emboss",
        "front-bottom-right",
        "gold-foil",
    ));
    vec![
        default(),
        with_mono,
        flap_herringbone(),
        elastic_dots(),
        houndstooth_deboss(),
        tartan_emboss(),
        Configuration::default_for(cat(), "tote-bag").expect("tote"),
    ]
}

#[test]
fn the_same_version_changes_nothing() {
    for cfg in examples() {
        let got = up(cat(), cat(), &cfg);
        assert_eq!(got.changes, []);
        assert_eq!(got.config.canonical_json(), cfg.canonical_json());
    }
    let c = cushions();
    let cfg = Configuration::default_for(&c, "cushion-cover").expect("cushion");
    let got = up(&c, &c, &cfg);
    assert_eq!((got.changes, got.config), (vec![], cfg));
}

#[test]
fn a_price_change_alone_changes_no_choice() {
    let new = v2(|v| {
        let size = by_id(
            &mut by_id(&mut v["products"], "laptop-sleeve")["sizes"],
            "14",
        );
        size["base_price_minor"] = json!(size["base_price_minor"].as_i64().expect("price") + 1000);
    });
    for cfg in examples() {
        let got = up(cat(), &new, &cfg);
        assert_eq!(got.changes, []);
        assert_eq!(got.config.canonical_json(), cfg.canonical_json());
    }
    // The server shows both prices; the 14" default moved by exactly the edit.
    let cfg = default();
    assert_eq!(
        total_minor(&new, &cfg).expect("priced") - total_minor(cat(), &cfg).expect("priced"),
        1000
    );
}

#[test]
fn a_discontinued_colour_becomes_the_nearest_in_lab() {
    // Ink #1f2a44 (a dark navy) leaves Ultrasuede. Its nearest left is Charcoal #2f2f2f
    // (ΔE76 18.4: almost as dark, a little less blue) ahead of Slate #5f6b73 (30.4, much lighter)
    // and Teal #1b6f6a (40.7).
    let new = v2(|v| {
        remove(
            &mut by_id(&mut v["materials"], "ultrasuede")["colours"],
            "ink",
        );
        let parts = by_id(&mut v["products"], "laptop-sleeve")["default"]["parts"]
            .as_object_mut()
            .expect("parts");
        for choice in parts.values_mut() {
            if choice["colour"] == "ink" {
                choice["colour"] = json!("slate");
            }
        }
    });
    let got = up(cat(), &new, &default());
    let d = ChangeKind::Discontinued;
    assert_eq!(
        summary(&got.changes),
        [
            change("parts.closure.colour", d, "Ink", "Charcoal"),
            change("parts.outer_back.colour", d, "Ink", "Charcoal"),
            change("parts.outer_front.colour", d, "Ink", "Charcoal"),
        ]
    );
    let mut want = default();
    for part in ["closure", "outer_back", "outer_front"] {
        want.parts.get_mut(part).expect("part").colour = "charcoal".into();
    }
    assert_eq!(got.config, want);
}

/// The built-in catalog without Ultrasuede (its default moves to leather, which the emboss
/// rule then names alone).
fn without_ultrasuede() -> Catalog {
    v2(|v| {
        remove(&mut v["materials"], "ultrasuede");
        for product in v["products"].as_array_mut().expect("products") {
            for part in product["parts"].as_array_mut().expect("parts") {
                remove(&mut part["materials"], "ultrasuede");
            }
        }
        default_parts(v, "laptop-sleeve", "ultrasuede", "leather", "black");
        let rule = by_id(&mut v["rules"], "emboss-needs-leather-or-ultrasuede");
        rule["forbid"][1]["not_in"] = json!(["leather"]);
    })
}

#[test]
fn a_discontinued_material_goes_to_the_one_sharing_most_traits() {
    // Ultrasuede is embossable, embroiderable and vegan. Of the outer parts' other materials,
    // waxed canvas and recycled nylon share two traits (embroiderable, vegan), leather and wool
    // felt one; waxed canvas is listed first. Its colour nearest to Ink is Navy #22304a (ΔE 2.8).
    let new = without_ultrasuede();
    let got = up(cat(), &new, &default());
    let d = ChangeKind::Discontinued;
    let mut want = Vec::new();
    for part in ["closure", "outer_back", "outer_front"] {
        want.push(change(
            &format!("parts.{part}.material"),
            d,
            "Ultrasuede",
            "Waxed canvas",
        ));
        want.push(change(&format!("parts.{part}.colour"), d, "Ink", "Navy"));
    }
    assert_eq!(summary(&got.changes), want);
    let front = &got.config.parts["outer_front"];
    assert_eq!(
        (front.material.as_str(), front.colour.as_str()),
        ("waxed-canvas", "navy")
    );
    // Parts that did not use Ultrasuede are untouched.
    assert_eq!(got.config.parts["lining"], default().parts["lining"]);
    assert_eq!(got.config.parts["trim"], default().parts["trim"]);
}

#[test]
fn a_replacement_that_breaks_a_rule_moves_the_field_the_rule_names() {
    // An embossed front on Ultrasuede: the front becomes waxed canvas (above), where the new
    // emboss rule refuses an emboss. The refusal is reported on the method, so the method moves:
    // deboss is refused by the same rule, embroidery is allowed, with its first thread colour
    // (a blind press has no colour to be near to).
    let mut cfg = default();
    cfg.monogram = Some(monogram(
        "AB",
        "serif",
        "emboss",
        "front-bottom-right",
        "blind",
    ));
    let got = up(cat(), &without_ultrasuede(), &cfg);
    let mono = got.config.monogram.as_ref().expect("the monogram stays");
    assert_eq!(
        (mono.method.as_str(), mono.colour.as_str()),
        ("embroidery", "white")
    );
    let changes = summary(&got.changes);
    let forbidden = ChangeKind::NowForbidden;
    assert!(changes.contains(&change(
        "monogram.method",
        forbidden,
        "Emboss",
        "Embroidery"
    )));
    assert!(changes.contains(&change(
        "monogram.colour",
        forbidden,
        "Blind (no colour)",
        "White"
    )));
    assert_eq!(changes.len(), 8, "{changes:#?}");
}

#[test]
fn a_new_rule_against_a_used_combination_moves_to_the_nearest_allowed() {
    // v2 no longer foils gold onto Ultrasuede. The rule names the monogram colour first; the
    // emboss's other colours are silver foil and blind, and blind is no match for a foil.
    let new = v2(|v| {
        v["rules"].as_array_mut().expect("rules").push(json!({
            "id": "no-gold-on-ultrasuede",
            "forbid": [
                {"field": "monogram.colour", "in": ["gold-foil"]},
                {"field": "monogram.material", "in": ["ultrasuede"]}
            ],
            "reason": {"en": "Gold foil does not hold on Ultrasuede.", "sv": "Guldfolie fäster inte på Ultrasuede.", "ru": "Золотая фольга не держится на ультразамше."}
        }));
    });
    let mut cfg = default();
    cfg.monogram = Some(monogram(
        "AB",
        "serif",
        "emboss",
        "front-bottom-right",
        "gold-foil",
    ));
    let got = up(cat(), &new, &cfg);
    assert_eq!(
        summary(&got.changes),
        [change(
            "monogram.colour",
            ChangeKind::NowForbidden,
            "Gold foil",
            "Silver foil"
        )]
    );
    let mut want = cfg.clone();
    want.monogram.as_mut().expect("monogram").colour = "silver-foil".into();
    assert_eq!(got.config, want);
}

#[test]
fn a_discontinued_size_goes_to_the_nearest_params() {
    // 14" is w 340, h 250, d 22; 13" differs by 15 + 15 + 2 = 32 mm, 16" by 45 + 25 + 3 = 73.
    let new = v2(|v| {
        let sleeve = by_id(&mut v["products"], "laptop-sleeve");
        remove(&mut sleeve["sizes"], "14");
        sleeve["default"]["size"] = json!("16");
    });
    let got = up(cat(), &new, &default());
    assert_eq!(got.config.size, "13");
    assert_eq!(
        summary(&got.changes),
        [change(
            "size",
            ChangeKind::Discontinued,
            "14″ laptops",
            "13″ laptops"
        )]
    );
}

#[test]
fn a_discontinued_motif_goes_to_the_plain_one_and_params_follow_their_ranges() {
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("stripes", Some("saffron"), 120, 45),
    );
    set(
        &mut cfg,
        "outer_back",
        "ultrasuede",
        "ink",
        motif("dots", Some("sand"), 150, 0),
    );
    assert_eq!(validate(cat(), &cfg, Lang::En), Ok(()));
    let new = v2(|v| {
        remove(&mut v["motifs"], "stripes");
        for product in v["products"].as_array_mut().expect("products") {
            for part in product["parts"].as_array_mut().expect("parts") {
                remove(&mut part["motifs"], "stripes");
            }
        }
        // Dots now come at most 100 % large.
        by_id(&mut v["motifs"], "dots")["scale"]["max"] = json!(100);
    });
    let got = up(cat(), &new, &cfg);
    let d = ChangeKind::Discontinued;
    assert_eq!(
        summary(&got.changes),
        [
            change("parts.outer_back.motif.scale", d, "150", "100"),
            change("parts.outer_front.motif.kind", d, "Stripes", "Solid"),
        ]
    );
    assert_eq!(
        got.config.parts["outer_front"].motif,
        motif("solid", None, 100, 0)
    );
    assert_eq!(
        got.config.parts["outer_back"].motif,
        motif("dots", Some("sand"), 100, 0)
    );
}

#[test]
fn a_product_gone_is_an_error() {
    let new = v2(|v| {
        remove(&mut v["products"], "laptop-sleeve");
        // What referred only to the sleeve's parts goes with it.
        let tote_parts = ["tote_front", "tote_back", "gusset", "handles", "lining"];
        v["placements"]
            .as_array_mut()
            .expect("placements")
            .retain(|p| tote_parts.iter().any(|t| p["part"] == *t));
        remove(&mut v["rules"], "flap-placement-needs-flap");
    });
    assert_eq!(
        upgrade(cat(), &new, &default()),
        Err(UpgradeError::ProductGone("laptop-sleeve".into()))
    );
    // The tote still upgrades.
    let tote = Configuration::default_for(cat(), "tote-bag").expect("tote");
    assert_eq!(up(cat(), &new, &tote).changes, []);
}

#[test]
fn an_unreachable_configuration_is_an_error_not_a_broken_config() {
    // 13" takes 8 monogram letters; with 14" gone a 10-letter monogram cannot come along.
    let new = v2(|v| {
        let sleeve = by_id(&mut v["products"], "laptop-sleeve");
        remove(&mut sleeve["sizes"], "14");
        sleeve["default"]["size"] = json!("13");
    });
    let mut cfg = default();
    cfg.monogram = Some(monogram(
        "ABCDEFGHIJ",
        "serif",
        "emboss",
        "front-bottom-right",
        "blind",
    ));
    assert_eq!(validate(cat(), &cfg, Lang::En), Ok(()));
    match upgrade(cat(), &new, &cfg) {
        Err(UpgradeError::Unreachable { problems }) => {
            assert_eq!(problems[0].path, "monogram.text");
            assert_eq!(problems[0].code, "monogram_too_long");
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
}

#[test]
fn cushions_lose_cotton_and_skip_a_forbidden_replacement() {
    // Cotton (washable) goes; velvet becomes washable too, and linen gains Pine (next to velvet's
    // Emerald) and Soot (next to cotton's Charcoal). The front and back take linen (sharing
    // "washable", listed before velvet on the front) in Natural, nearest to White. The piping
    // lists velvet first, but velvet piping is forbidden, so it moves on to linen, in the colour
    // nearest to the shopper's Charcoal (Soot), not to the refused stand-in's Emerald (Pine).
    let old = cushions();
    let new = edited(CUSHION_JSON, |v| {
        remove(&mut v["materials"], "cotton");
        let velvet = by_id(&mut v["materials"], "velvet");
        velvet["traits"] = json!(["washable"]);
        let linen = by_id(&mut v["materials"], "linen");
        for (id, hex) in [("pine", "#1f6b50"), ("soot", "#323232")] {
            let name = json!({"en": id, "sv": id, "ru": id});
            linen["colours"]
                .as_array_mut()
                .expect("colours")
                .push(json!({"id": id, "name": name, "hex": hex}));
        }
        let cover = by_id(&mut v["products"], "cushion-cover");
        for part in cover["parts"].as_array_mut().expect("parts") {
            remove(&mut part["materials"], "cotton");
        }
        by_id(&mut cover["parts"], "piping")["materials"] = json!(["velvet", "linen"]);
        default_parts(v, "cushion-cover", "cotton", "linen", "natural");
    });
    let cfg = Configuration::default_for(&old, "cushion-cover").expect("cushion");
    let got = up(&old, &new, &cfg);
    let d = ChangeKind::Discontinued;
    assert_eq!(
        summary(&got.changes),
        [
            change("parts.back.material", d, "Cotton", "Linen"),
            change("parts.back.colour", d, "White", "Natural"),
            change("parts.front.material", d, "Cotton", "Linen"),
            change("parts.front.colour", d, "White", "Natural"),
            change("parts.piping.material", d, "Cotton", "Linen"),
            change("parts.piping.colour", d, "Charcoal", "soot"),
        ]
    );
}

#[test]
fn every_example_upgrades_validly_to_every_v2() {
    let v2s = [
        without_ultrasuede(),
        v2(|v| {
            remove(
                &mut by_id(&mut v["materials"], "waxed-canvas")["colours"],
                "navy",
            );
            remove(&mut v["hardware"], "nickel");
            by_id(&mut v["products"], "laptop-sleeve")["default"]["closure"]["hardware"] =
                json!("gunmetal");
            remove(&mut v["fonts"], "serif");
            by_id(&mut v["products"], "laptop-sleeve")["monogram_default"]["font"] = json!("sans");
        }),
    ];
    for new in &v2s {
        for cfg in examples() {
            let got = up(cat(), new, &cfg);
            // Nothing is reported that did not change, and what did change is reported.
            for c in &got.changes {
                assert_ne!(c.before, c.after, "{c:?}");
            }
            assert_eq!(got.changes.is_empty(), got.config == cfg);
        }
    }
}

#[test]
fn a_refusal_that_needs_two_moves_gets_them() {
    // A blind script emboss on an Ultrasuede front: without Ultrasuede the front is waxed canvas,
    // where an emboss (or deboss) is refused; embroidery is refused in script. So the method moves
    // to embroidery and the font to the first one that has "Åsa"'s letters.
    let got = up(cat(), &without_ultrasuede(), &tartan_emboss());
    let mono = got.config.monogram.as_ref().expect("the monogram stays");
    assert_eq!(
        (mono.method.as_str(), mono.font.as_str()),
        ("embroidery", "serif")
    );
    let changes = summary(&got.changes);
    let forbidden = ChangeKind::NowForbidden;
    assert!(changes.contains(&change(
        "monogram.method",
        forbidden,
        "Emboss",
        "Embroidery"
    )));
    assert!(changes.contains(&change("monogram.font", forbidden, "Script", "Serif")));
}
