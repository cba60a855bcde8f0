//! Configuration documents: canonical form, content hash, parsing untrusted JSON, migration.

mod common;

use common::*;
use stitchfork_model::config::{parse, ParseError, MAX_JSON_BYTES, SCHEMA};

#[test]
fn canonical_json_has_sorted_keys_and_no_whitespace() {
    let cfg = flap_herringbone();
    let json = cfg.canonical_json();
    assert!(json.starts_with(r#"{"closure":{"hardware":"brass","kind":"magnetic-flap"},"monogram":{"colour":"gold-foil","font":"serif","method":"emboss","placement":"flap-center","text":"AJ"},"parts":{"closure":{"colour":"bordeaux","material":"ultrasuede","motif":{"angle":45,"colour2":"sand","kind":"stripes","scale":60}}"#), "{json}");
    assert!(
        json.ends_with(r#""product":"laptop-sleeve","schema":1,"size":"16"}"#),
        "{json}"
    );
    assert!(!json.contains(' ') && !json.contains('\n'));
}

#[test]
fn canonical_json_round_trips_and_ignores_input_key_order() {
    for cfg in [
        default(),
        flap_herringbone(),
        elastic_dots(),
        houndstooth_deboss(),
        tartan_emboss(),
    ] {
        let canonical = cfg.canonical_json();
        assert_eq!(parse(&canonical).unwrap(), cfg);
        let pretty = serde_json::to_string_pretty(&cfg).unwrap();
        assert_eq!(parse(&pretty).unwrap().canonical_json(), canonical);
        assert_eq!(cfg.content_hash().len(), 64);
    }
    assert_ne!(default().content_hash(), flap_herringbone().content_hash());
}

#[test]
fn content_hash_is_the_sha256_of_the_canonical_form() {
    // Pinned: if this changes, every stored pattern's hash changes. Recompute deliberately:
    // printf '%s' "$(canonical json)" | sha256sum
    let cfg = default();
    assert_eq!(
        cfg.canonical_json(),
        r#"{"closure":{"hardware":"nickel","kind":"zip"},"monogram":null,"parts":{"closure":{"colour":"ink","material":"ultrasuede","motif":{"angle":0,"colour2":null,"kind":"solid","scale":100}},"lining":{"colour":"heather-grey","material":"wool-felt","motif":{"angle":0,"colour2":null,"kind":"solid","scale":100}},"outer_back":{"colour":"ink","material":"ultrasuede","motif":{"angle":0,"colour2":null,"kind":"solid","scale":100}},"outer_front":{"colour":"ink","material":"ultrasuede","motif":{"angle":0,"colour2":null,"kind":"solid","scale":100}},"trim":{"colour":"cognac","material":"leather","motif":{"angle":0,"colour2":null,"kind":"solid","scale":100}}},"product":"laptop-sleeve","schema":1,"size":"14"}"#
    );
    assert_eq!(
        cfg.content_hash(),
        "0966d32d1e767e2b98ba664a514b57d1f2cf581108957cc81eca3dfe057f7969"
    );
}

#[test]
fn monogram_text_is_nfc_normalised_so_equal_text_hashes_equal() {
    let mut composed = tartan_emboss();
    let mut decomposed = tartan_emboss();
    composed.monogram.as_mut().unwrap().text = "\u{00C5}sa".into();
    decomposed.monogram.as_mut().unwrap().text = "A\u{030A}sa".into();
    assert_ne!(composed, decomposed);
    assert_eq!(composed.content_hash(), decomposed.content_hash());
    let parsed = parse(&serde_json::to_string(&decomposed).unwrap()).unwrap();
    assert_eq!(parsed.monogram.unwrap().text, "\u{00C5}sa");
}

#[test]
fn a_hand_written_schema_0_document_migrates() {
    let v0 = r#"{
        "schema": 0, "product": "laptop-sleeve", "size": "13",
        "parts": {
            "outer_front": {"material": "ultrasuede", "color": "saffron", "pattern": "stripes", "color2": "ink"},
            "outer_back": {"material": "ultrasuede", "color": "ink"},
            "lining": {"material": "wool-felt", "color": "cream"},
            "trim": {"material": "leather", "color": "tan"},
            "closure": {"material": "ultrasuede", "color": "ink"}
        },
        "monogram": "AJ", "font": "sans", "closure": "magnetic-flap", "hardware": "brass"
    }"#;
    let cfg = parse(v0).expect("schema 0 loads");
    assert_eq!(cfg.schema, SCHEMA);
    assert_eq!(cfg.size, "13");
    let front = &cfg.parts["outer_front"];
    assert_eq!(
        (front.colour.as_str(), front.motif.kind.as_str()),
        ("saffron", "stripes")
    );
    assert_eq!(front.motif.colour2.as_deref(), Some("ink"));
    assert_eq!((front.motif.scale, front.motif.angle), (100, 0));
    assert_eq!(cfg.parts["lining"].motif.kind, "solid");
    let m = cfg.monogram.as_ref().unwrap();
    assert_eq!(
        (
            m.text.as_str(),
            m.font.as_str(),
            m.method.as_str(),
            m.colour.as_str()
        ),
        ("AJ", "sans", "emboss", "blind")
    );
    assert_eq!(
        (cfg.closure.kind.as_str(), cfg.closure.hardware.as_str()),
        ("magnetic-flap", "brass")
    );
    assert_eq!(
        stitchfork_model::validate::validate(cat(), &cfg, stitchfork_model::Lang::En),
        Ok(())
    );
    // A schema-0 document without a monogram, and one with a field schema 0 never had.
    let bare = v0.replace(r#""monogram": "AJ", "font": "sans", "#, "");
    assert_eq!(parse(&bare).unwrap().monogram, None);
    let extra = v0.replace(r#""schema": 0,"#, r#""schema": 0, "colour_scheme": "x","#);
    assert!(matches!(
        parse(&extra),
        Err(ParseError::Shape { schema: 0, .. })
    ));
}

#[test]
fn untrusted_json_is_refused_with_a_reason() {
    assert!(matches!(parse("{"), Err(ParseError::Json(_))));
    assert!(matches!(parse("[]"), Err(ParseError::MissingSchema)));
    assert!(matches!(
        parse(r#"{"schema":"1"}"#),
        Err(ParseError::MissingSchema)
    ));
    assert_eq!(parse(r#"{"schema":7}"#), Err(ParseError::FromTheFuture(7)));
    let mut v: serde_json::Value = serde_json::from_str(&default().canonical_json()).unwrap();
    v["price"] = serde_json::json!(0);
    let err = parse(&v.to_string()).unwrap_err();
    assert!(
        matches!(&err, ParseError::Shape { schema: 1, message } if message.contains("price")),
        "{err}"
    );
    let huge = format!(r#"{{"schema":1,"pad":"{}"}}"#, "x".repeat(MAX_JSON_BYTES));
    assert!(matches!(parse(&huge), Err(ParseError::TooLarge(_))));
    let wrong_type = default()
        .canonical_json()
        .replace(r#""scale":100"#, r#""scale":1000"#);
    assert!(matches!(parse(&wrong_type), Err(ParseError::Shape { .. })));
}

#[test]
fn set_material_and_set_motif_keep_the_design_consistent() {
    let c = cat();
    let mut cfg = default();
    assert!(cfg.set_motif(c, "outer_front", "stripes"));
    let m = &cfg.parts["outer_front"].motif;
    assert_eq!((m.kind.as_str(), m.scale, m.angle), ("stripes", 100, 0));
    assert!(m.colour2.is_some() && m.colour2.as_deref() != Some("ink"));
    // Waxed canvas has no Ink: the colour falls back to its first colour, colour2 to another one.
    assert!(cfg.set_material(c, "outer_front", "waxed-canvas"));
    let p = &cfg.parts["outer_front"];
    assert_eq!(p.colour, "field-tan");
    assert!(p
        .motif
        .colour2
        .as_deref()
        .is_some_and(|c2| c2 != "field-tan"));
    assert_eq!(
        stitchfork_model::validate::validate(c, &cfg, stitchfork_model::Lang::En),
        Ok(())
    );
    assert!(!cfg.set_material(c, "outer_front", "latex"));
    assert!(!cfg.set_motif(c, "pocket", "solid"));
    assert!(cfg.set_motif(c, "outer_front", "solid"));
    assert_eq!(cfg.parts["outer_front"].motif.colour2, None);
}
