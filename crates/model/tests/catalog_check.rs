//! The domain checks of a catalog: every problem at once, each at its JSON path, for references,
//! translations, prices, currencies, shapes and rules; and the built-in products pass them.

use serde_json::{json, Value};
use stitchfork_model::catalog::{CatalogError, BUILTIN_JSON};
use stitchfork_model::Catalog;

fn builtin() -> Value {
    serde_json::from_str(BUILTIN_JSON).unwrap()
}

/// Every problem's `path: message`.
fn problems(v: &Value) -> Vec<String> {
    match Catalog::from_json(&v.to_string()) {
        Err(CatalogError::Invalid { problems }) => problems
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect(),
        other => panic!("expected an invalid catalog, got {other:?}"),
    }
}

fn has(all: &[String], path: &str, words: &str) {
    assert!(
        all.iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words)),
        "no problem at {path} mentioning {words:?} in {all:#?}"
    );
}

#[test]
fn the_builtin_catalog_passes_every_check() {
    let c = Catalog::from_json(BUILTIN_JSON).unwrap();
    assert_eq!(&c, Catalog::builtin());
}

#[test]
fn many_problems_are_reported_together_at_their_paths() {
    let mut v = builtin();
    v["currency"] = json!("XBT");
    v["materials"][0]["name"]
        .as_object_mut()
        .unwrap()
        .remove("sv");
    v["materials"][1]["price_per_dm2_minor"] = json!(-5);
    v["materials"][2]["care"]
        .as_object_mut()
        .unwrap()
        .remove("ru");
    v["hardware"][0]["price_minor"] = json!(i64::MAX);
    let sleeve = &mut v["products"][0];
    sleeve["parts"][0]["materials"][1] = json!("latex");
    // Corners in the wrong order: the outline crosses itself.
    sleeve["parts"][1]["outline"] = json!([["0", "0"], ["w", "0"], ["0", "h"], ["w/2", "h"]]);
    // Every corner the same: no area.
    sleeve["parts"][2]["outline"] = json!([["0", "0"], ["0", "0"], ["0", "0"]]);
    // Far bigger than any cutting table.
    sleeve["parts"][3]["outline"] =
        json!([["0", "0"], ["w*100", "0"], ["w*100", "tw"], ["0", "tw"]]);
    sleeve["parts"][4]["outline"][2][0] = json!("cw + nope");
    sleeve["view"]["layers"][0]["style"][0] = json!(["onload", "alert(1)"]);
    sleeve["view"]["layers"][1]["style"][0] = json!(["fill", "@part:pocket"]);
    v["motifs"][6]["id"] = json!("paisley");
    let all = problems(&v);
    has(&all, "currency", "unknown currency");
    has(&all, "materials[0].name.sv", "missing translation");
    has(&all, "materials[1].price_per_dm2_minor", "between 0");
    has(&all, "materials[2].care.ru", "missing translation");
    has(&all, "hardware[0].price_minor", "between 0");
    has(&all, "products[0].parts[0].materials[1]", "latex");
    has(&all, "products[0].parts[1].outline", "crosses itself");
    has(&all, "products[0].parts[2].outline", "same point");
    has(&all, "products[0].parts[3].outline", "within 0..=3000");
    has(
        &all,
        "products[0].parts[4].outline[2][0]",
        "unknown name \"nope\"",
    );
    has(&all, "products[0].view.layers[0].style[0]", "not one of");
    has(
        &all,
        "products[0].view.layers[1].style[0]",
        "unknown part \"pocket\"",
    );
    has(&all, "motifs[6].id", "\"paisley\" is none of them");
}

#[test]
fn an_incomplete_default_is_refused_at_its_path() {
    let mut v = builtin();
    v["products"][0]["default"]["parts"]["lining"]
        .as_object_mut()
        .unwrap()
        .remove("motif");
    // A missing motif is a shape error serde reports (the default is a configuration).
    assert!(matches!(
        Catalog::from_json(&v.to_string()),
        Err(CatalogError::Json { .. })
    ));
    let mut v = builtin();
    v["products"][0]["default"]["parts"]["trim"]["motif"]["kind"] = json!("tartan");
    v["products"][0]["default"]["closure"]["kind"] = json!("velcro");
    let all = problems(&v);
    has(&all, "products[0].default.parts.trim.motif.kind", "");
    has(&all, "products[0].default.closure.kind", "");
}

#[test]
fn rules_that_forbid_every_choice_of_an_option_are_refused() {
    let mut v = builtin();
    let every: Vec<Value> = v["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].clone())
        .collect();
    v["rules"].as_array_mut().unwrap().push(json!({
        "id": "no-trim-at-all",
        "forbid": [
            {"field": "part.material", "in": every},
            {"field": "part.id", "in": ["trim"]}
        ],
        "reason": {"en": "No trim.", "sv": "Inget kantband.", "ru": "Без окантовки."}
    }));
    let all = problems(&v);
    // The default's trim is refused with the rule's reason, at the rule's first field.
    has(&all, "products[0].default.parts.trim.material", "No trim.");
    let mut v = builtin();
    v["rules"].as_array_mut().unwrap().push(json!({
        "id": "no-hardware",
        "forbid": [{"field": "closure.hardware", "not_in": ["brass"]}, {"field": "closure.kind", "in": ["zip", "magnetic-flap", "elastic-band"]}],
        "reason": {"en": "x", "sv": "x", "ru": "x"}
    }));
    let all = problems(&v);
    has(&all, "products[0].default.closure.hardware", "x");
    // A default without a monogram stays valid, but no font could ever be chosen for one.
    let mut v = builtin();
    v["rules"].as_array_mut().unwrap().push(json!({
        "id": "no-fonts",
        "forbid": [{"field": "monogram.font", "in": ["serif", "sans", "script"]}],
        "reason": {"en": "No letters.", "sv": "Inga bokstäver.", "ru": "Без букв."}
    }));
    let all = problems(&v);
    has(&all, "products[0].monogram_default.font", "No letters.");
    has(&all, "fonts", "forbid every choice");
}

#[test]
fn seam_allowances_must_match_the_edges() {
    let mut v = builtin();
    v["products"][0]["parts"][3]["seam"] = json!([0, 10]);
    v["products"][0]["parts"][2]["folds"] = json!([{"y": "3*h"}]);
    v["products"][0]["parts"][0]["count"] = json!(0);
    let all = problems(&v);
    has(&all, "products[0].parts[3].seam", "one allowance per edge");
    has(&all, "products[0].parts[2].folds[0]", "outside the piece");
    has(&all, "products[0].parts[0].count", "1..=20");
}
