//! Explicit migrations from older configuration schemas to the current one, on raw JSON values.
//!
//! Schema 0 is the prototype format the first demo wrote (kept readable so its links still open):
//! ```json
//! {"schema":0,"product":"laptop-sleeve","size":"14",
//!  "parts":{"outer_front":{"material":"ultrasuede","color":"ink","pattern":"stripes","color2":"sand"}, ...},
//!  "monogram":"AJ","font":"serif","closure":"zip","hardware":"nickel"}
//! ```
//! It spelled `color`, had a bare `pattern` name with no scale or angle, a monogram that was only
//! text (always embossed blind, bottom right), and closure and hardware as top-level strings.

use serde_json::{json, Map, Value};

use crate::catalog::MotifSpec;

/// Rewrites a schema-0 document into schema 1. Unknown extra fields are left in place so the
/// schema-1 reader refuses them, just as it would in a current document.
pub(super) fn v0_to_v1(v: Value) -> Result<Value, String> {
    let Value::Object(mut old) = v else {
        return Err("expected an object".into());
    };
    let mut new = Map::new();
    new.insert("schema".into(), json!(1));
    for key in ["product", "size"] {
        new.insert(
            key.into(),
            old.remove(key).ok_or(format!("missing field `{key}`"))?,
        );
    }
    old.remove("schema");

    let Some(Value::Object(old_parts)) = old.remove("parts") else {
        return Err("missing object `parts`".into());
    };
    let mut parts = Map::new();
    for (id, p) in old_parts {
        let Value::Object(mut p) = p else {
            return Err(format!("part `{id}` must be an object"));
        };
        let material = p
            .remove("material")
            .ok_or(format!("part `{id}`: missing `material`"))?;
        let colour = p
            .remove("color")
            .ok_or(format!("part `{id}`: missing `color`"))?;
        let kind = p.remove("pattern").unwrap_or_else(|| json!("solid"));
        let colour2 = p.remove("color2").unwrap_or(Value::Null);
        if let Some(extra) = p.keys().next() {
            return Err(format!("part `{id}`: unknown field `{extra}`"));
        }
        parts.insert(
            id,
            json!({
                "material": material,
                "colour": colour,
                "motif": {"kind": kind, "colour2": colour2,
                          "scale": MotifSpec::NEUTRAL_SCALE, "angle": MotifSpec::NEUTRAL_ANGLE}
            }),
        );
    }
    new.insert("parts".into(), Value::Object(parts));

    let font = old.remove("font");
    let monogram = match old.remove("monogram") {
        None | Some(Value::Null) => Value::Null,
        Some(text) => json!({
            "text": text,
            "font": font.unwrap_or_else(|| json!("serif")),
            "method": "emboss",
            "placement": "front-bottom-right",
            "colour": "blind"
        }),
    };
    new.insert("monogram".into(), monogram);
    let kind = old.remove("closure").unwrap_or_else(|| json!("zip"));
    let hardware = old.remove("hardware").unwrap_or_else(|| json!("nickel"));
    new.insert(
        "closure".into(),
        json!({"kind": kind, "hardware": hardware}),
    );
    // Whatever is left is unknown to schema 0 too: pass it on so deny_unknown_fields reports it.
    new.extend(old);
    Ok(Value::Object(new))
}
