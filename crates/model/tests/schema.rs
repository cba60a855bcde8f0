//! The catalog's JSON Schema (feature `schema`, always on for tests) accepts the catalogs we ship
//! and refuses the shapes `Catalog::from_json` refuses: unknown fields, wrong types, and a rule
//! condition with both `in` and `not_in`.

use serde_json::{json, Value};
use stitchfork_model::catalog::{catalog_schema, Catalog, BUILTIN_JSON, SCHEMA_ID};

const CUSHION_JSON: &str = include_str!("products/cushion-catalog.json");

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&catalog_schema()).expect("the schema is a valid 2020-12 schema")
}

fn builtin() -> Value {
    serde_json::from_str(BUILTIN_JSON).expect("JSON")
}

/// Every error the schema finds, as `path: message` (for assertion messages).
fn errors(v: &Value) -> Vec<String> {
    validator()
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_schema_names_itself_as_2020_12() {
    let s = catalog_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["$id"], SCHEMA_ID);
    assert_eq!(s["title"], "Stitchfork catalog");
    assert_eq!(s["additionalProperties"], false);
}

#[test]
fn shipped_catalogs_match_the_schema() {
    for json in [BUILTIN_JSON, CUSHION_JSON] {
        let v: Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(errors(&v), Vec::<String>::new());
        // And serde agrees: the same JSON loads.
        Catalog::from_json(json).expect("loads");
    }
}

/// The schema refuses `v`, and so does serde (the schema is no stricter than the reader, and no
/// looser on these shapes).
fn refused(v: &Value, why: &str) {
    assert!(!validator().is_valid(v), "the schema accepted {why}");
    assert!(
        Catalog::from_json(&v.to_string()).is_err(),
        "serde accepted {why}"
    );
}

#[test]
fn unknown_fields_are_refused_at_every_level() {
    let mut top = builtin();
    top["colour_of_the_year"] = json!("teal");
    refused(&top, "an unknown top-level field");
    let mut deep = builtin();
    deep["materials"][0]["colours"][0]["shine"] = json!(true);
    refused(&deep, "an unknown field of a colour");
    let mut default = builtin();
    default["products"][0]["default"]["parts"]["lining"]["pattern"] = json!("x");
    refused(&default, "an unknown field of a part choice in a default");
}

#[test]
fn wrong_types_are_refused() {
    let mut price = builtin();
    price["materials"][0]["price_per_dm2_minor"] = json!("12");
    refused(&price, "a price as a string");
    let mut expr = builtin();
    // Expressions are strings ("w - 2"), never bare numbers.
    expr["products"][0]["view"]["width"] = json!(340);
    refused(&expr, "an expression as a number");
    let mut params = builtin();
    params["products"][0]["sizes"][0]["params"]["w"] = json!(-5);
    refused(&params, "a negative size param");
    let mut field = builtin();
    field["rules"][0]["forbid"][0]["field"] = json!("part.texture");
    refused(&field, "an unknown rule field");
    let mut style = builtin();
    style["products"][0]["view"]["layers"][0]["shape"] = json!("hexagon");
    refused(&style, "an unknown layer shape");
}

#[test]
fn a_condition_sets_exactly_one_of_in_and_not_in() {
    let mut both = builtin();
    both["rules"][0]["forbid"][0]["not_in"] = json!(["deboss"]);
    refused(&both, "a condition with both in and not_in");
    let mut neither = builtin();
    let cond = neither["rules"][0]["forbid"][0]
        .as_object_mut()
        .expect("condition");
    cond.remove("in");
    refused(&neither, "a condition with neither");
    let mut extra = builtin();
    extra["rules"][0]["forbid"][0]["because"] = json!("x");
    refused(&extra, "a condition with an unknown key");
    // What serde reads as absent, the schema allows too.
    let mut null = builtin();
    null["rules"][0]["forbid"][0]["not_in"] = Value::Null;
    assert!(validator().is_valid(&null));
    Catalog::from_json(&null.to_string()).expect("serde reads null as absent");
}
