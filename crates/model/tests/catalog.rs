//! The built-in catalog loads, is rich enough for a real shop, and broken catalogs name the place.

use stitchfork_model::catalog::{Catalog, CatalogError, BUILTIN_JSON};
use stitchfork_model::{Configuration, Lang};

#[test]
fn builtin_loads_and_is_rich_enough() {
    // `builtin()` is built by code build.rs generated from the JSON, unchecked; this is where the
    // checks run on the same bytes, and where the generated value must equal the parsed one.
    assert_eq!(
        &Catalog::from_json(BUILTIN_JSON).expect("built-in catalog passes every check"),
        Catalog::builtin()
    );
    let c = Catalog::builtin();
    assert_eq!(c.currency, "EUR");
    let p = c.product("laptop-sleeve").expect("first product");
    let sizes: Vec<_> = p
        .sizes
        .iter()
        .map(|s| (s.id.as_str(), s.params.get("w"), s.params.get("h")))
        .collect();
    assert_eq!(
        sizes,
        [
            ("13", Some(&325), Some(&235)),
            ("14", Some(&340), Some(&250)),
            ("16", Some(&385), Some(&275))
        ]
    );
    assert_eq!(c.materials.len(), 5);
    for m in &c.materials {
        assert!(
            m.colours.len() >= 8,
            "{} has {} colours",
            m.id,
            m.colours.len()
        );
        assert!(m.price_per_dm2_minor > 0);
    }
    let motifs: Vec<_> = c.motifs.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        motifs,
        [
            "solid",
            "stripes",
            "herringbone",
            "houndstooth",
            "dots",
            "chevron",
            "tartan"
        ]
    );
    assert_eq!(c.fonts.len(), 3);
    let methods: Vec<_> = c.monogram_methods.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(methods, ["emboss", "deboss", "embroidery"]);
    let closures: Vec<_> = c.closures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        closures,
        [
            "zip",
            "magnetic-flap",
            "elastic-band",
            "open-top",
            "magnetic-snap"
        ]
    );
    assert!(c.hardware.len() >= 3);
    assert!(!c.rules.is_empty());
}

#[test]
fn every_builtin_material_has_care_notes_and_a_design_lists_its_own() {
    let c = Catalog::builtin();
    for m in &c.materials {
        let care = m
            .care
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no care notes", m.id));
        for l in Lang::ALL {
            assert!(!care.get(l).is_empty(), "{} care in {l:?}", m.id);
        }
    }
    let mut config =
        stitchfork_model::config::Configuration::default_for(c, "laptop-sleeve").expect("default");
    let used: Vec<&str> = c
        .materials_of(&config)
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(used, ["ultrasuede", "leather", "wool-felt"]);
    for part in config.parts.values_mut() {
        part.material = "waxed-canvas".into();
    }
    let used: Vec<&str> = c
        .materials_of(&config)
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(used, ["waxed-canvas"]);
}

#[test]
fn the_first_product_constant_is_the_catalogs_first_product() {
    assert_eq!(
        stitchfork_model::catalog::FIRST_PRODUCT,
        Catalog::builtin().first_product()
    );
    assert!(!stitchfork_model::catalog::FIRST_PRODUCT.is_empty());
}

#[test]
fn every_text_exists_in_every_language() {
    let c = Catalog::builtin();
    for r in &c.rules {
        for l in Lang::ALL {
            assert!(!r.reason.get(l).is_empty());
        }
    }
    assert_eq!(c.materials[1].name.get(Lang::Sv), "Fullnarvigt läder");
    assert_eq!(
        c.materials[1]
            .colour("cognac")
            .map(|x| x.name.get(Lang::Ru)),
        Some("Коньяк")
    );
}

#[test]
fn etag_is_stable_hex_and_changes_with_content() {
    let a = Catalog::from_json(BUILTIN_JSON).unwrap();
    assert_eq!(a.etag(), Catalog::builtin().etag());
    assert_eq!(a.etag().len(), 64);
    let b = Catalog::from_json(&BUILTIN_JSON.replace(
        "\"price_per_dm2_minor\": 180",
        "\"price_per_dm2_minor\": 181",
    ))
    .unwrap();
    assert_ne!(a.etag(), b.etag());
}

#[test]
fn catalog_json_round_trips_through_to_json() {
    let c = Catalog::builtin();
    let again = Catalog::from_json(&c.to_json()).unwrap();
    assert_eq!(again.products, c.products);
    assert_eq!(again.rules, c.rules);
}

/// The path of the first problem (every problem is reported; see `tests/catalog_check.rs`).
fn invalid_at(json: &str) -> String {
    match Catalog::from_json(json) {
        Err(CatalogError::Invalid { problems }) => problems[0].path.clone(),
        other => panic!("expected an invalid catalog, got {other:?}"),
    }
}

#[test]
fn broken_catalogs_name_the_place() {
    assert_eq!(
        invalid_at(&BUILTIN_JSON.replace("\"#f4a300\"", "\"orange\"")),
        "materials[0].colours[1].hex"
    );
    assert_eq!(
        invalid_at(&BUILTIN_JSON.replace(
            "\"traits\": [\"embossable\", \"ages-with-patina\"]",
            "\"traits\": [\"shiny\"]"
        )),
        "materials[1].traits[0]"
    );
    // A rule field is an enum: an unknown name is refused while reading, naming the known ones.
    match Catalog::from_json(&BUILTIN_JSON.replacen(
        "\"field\": \"monogram.method\"",
        "\"field\": \"monogram.colr\"",
        1,
    )) {
        Err(CatalogError::Json { message, .. }) => {
            assert!(
                message.contains("monogram.colr") && message.contains("part.colour_tag"),
                "{message}"
            )
        }
        other => panic!("expected an unknown field, got {other:?}"),
    }
    match Catalog::from_json(&BUILTIN_JSON.replacen(
        "\"in\": [\"emboss\", \"deboss\"]",
        "\"in\": [\"emboss\"], \"not_in\": [\"deboss\"]",
        1,
    )) {
        Err(CatalogError::Json { message, .. }) => {
            assert!(message.contains("exactly one"), "{message}")
        }
        other => panic!("expected a condition with two lists refused, got {other:?}"),
    }
    assert_eq!(
        invalid_at(&BUILTIN_JSON.replacen(
            "\"in\": [\"emboss\", \"deboss\"]",
            "\"in\": [\"stamp\"]",
            1
        )),
        "rules[0].forbid[0].values[0]"
    );
    assert_eq!(
        invalid_at(&BUILTIN_JSON.replacen(
            "\"ultrasuede\", \"leather\", \"wool-felt\"",
            "\"ultrasuede\", \"latex\", \"wool-felt\"",
            1
        )),
        "products[0].parts[0].materials[1]"
    );
    assert_eq!(
        invalid_at(&BUILTIN_JSON.replace("\"size\": \"14\",", "\"size\": \"15\",")),
        "products[0].default.size"
    );
    match Catalog::from_json("{\"currency\": ") {
        Err(CatalogError::Json { line, .. }) => assert_eq!(line, 1),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn default_configuration_is_valid_for_every_product() {
    let c = Catalog::builtin();
    for p in &c.products {
        let cfg = Configuration::default_for(c, &p.id).unwrap();
        assert_eq!(
            stitchfork_model::validate::validate(c, &cfg, Lang::En),
            Ok(())
        );
    }
    assert!(Configuration::default_for(c, "umbrella").is_none());
}
