//! The JSON Schema of a catalog (feature `schema`), generated from the Rust types so it cannot
//! drift from what [`Catalog::from_json`](super::Catalog::from_json) reads.
//!
//! Most types derive `JsonSchema` next to their serde derive (`deny_unknown_fields` becomes
//! `additionalProperties: false`). The two with hand-written serde have hand-written schemas
//! here, matching that serde exactly: [`Named`] and [`Condition`]. The schema checks the shape;
//! the consistency checks (references resolve, shapes are sound, defaults valid) stay in
//! `check.rs`, so a catalog can pass the schema and still be refused, never the other way round.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::{Catalog, Condition, Named};
use crate::rules::Field;

/// The schema's `$id`: where the server serves it (`GET /api/v1/catalog/schema.json`), relative
/// to the site, which is only known at run time.
pub const SCHEMA_ID: &str = "/api/v1/catalog/schema.json";

/// The JSON Schema (draft 2020-12) every catalog's JSON must match.
pub fn catalog_schema() -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Catalog>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    schema.insert("title".into(), "Stitchfork catalog".into());
    schema.to_value()
}

/// A [`Named`] is read as a JSON object (into a `BTreeMap`), so its schema is that map's.
impl<V: JsonSchema> JsonSchema for Named<V> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        BTreeMap::<String, V>::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        BTreeMap::<String, V>::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        BTreeMap::<String, V>::json_schema(generator)
    }
}

/// `{"field": .., "in": [..]}` or `{"field": .., "not_in": [..]}`, as `ConditionJson` reads it:
/// no other keys, and exactly one of `in` / `not_in` holding a list. (Serde reads a `null` as
/// absent, so `{"in": [..], "not_in": null}` is accepted and the schema says so too.)
impl JsonSchema for Condition {
    fn schema_name() -> Cow<'static, str> {
        "Condition".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let field = generator.subschema_for::<Field>();
        let ids = json_schema!({
            "type": ["array", "null"],
            "items": { "type": "string" }
        });
        let holds_list = |key: &str| {
            serde_json::json!({
                "properties": { key: { "type": "array" } },
                "required": [key]
            })
        };
        json_schema!({
            "description": "One condition of a rule: the configuration's value(s) of `field` are (not) among a list.",
            "type": "object",
            "properties": {
                "field": field,
                "in": ids,
                "not_in": ids
            },
            "required": ["field"],
            "additionalProperties": false,
            "oneOf": [holds_list("in"), holds_list("not_in")]
        })
    }
}
