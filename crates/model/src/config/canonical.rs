//! The canonical byte form of a configuration: object keys sorted by byte order, no whitespace.
//!
//! Written out by hand instead of relying on `serde_json::Value`'s map order, because another crate
//! in the same build may switch on serde_json's `preserve_order` feature and change that order.

use serde_json::Value;

use super::Configuration;

pub(super) fn to_canonical_json(cfg: &Configuration) -> String {
    // A Configuration is plain strings, integers, maps and options: it always converts.
    let value = serde_json::to_value(cfg).unwrap_or(Value::Null);
    let mut out = String::with_capacity(512);
    write(&value, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_str(s, out),
        // null, booleans and integers print the same everywhere.
        other => out.push_str(&other.to_string()),
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push_str(&Value::String(s.to_owned()).to_string());
}
