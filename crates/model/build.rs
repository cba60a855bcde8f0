//! Turns `catalog/catalog.json` into Rust code that builds the very same `Catalog` value.
//!
//! Why: decoding the built-in catalog with serde at startup needs a JSON decoder specialised for
//! every catalog type, which was the largest single piece of the browser's wasm (~80 KB before
//! compression). Plain constructor code is a fraction of that. The JSON stays the one source:
//! this script only mirrors it, the compiler refuses generated code that misses a field, and
//! `tests/catalog.rs` checks that `Catalog::builtin()` equals `Catalog::from_json(BUILTIN_JSON)`.
//!
//! The output is one Rust expression, included by `src/catalog/builtin.rs`, which defines the
//! helpers it calls: `s("..")` (a `String`) and `t(en, sv, ru)` (a `Text`); and the first
//! product's id as a string literal.

#[path = "src/hash.rs"]
mod hash;

use std::path::PathBuf;

use serde_json::{Map, Value};

type Obj = Map<String, Value>;

fn main() {
    println!("cargo:rerun-if-changed=catalog/catalog.json");
    println!("cargo:rerun-if-changed=build.rs");
    let json = std::fs::read_to_string("catalog/catalog.json")
        .unwrap_or_else(|e| panic!("reading catalog/catalog.json: {e}"));
    let root: Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("catalog/catalog.json is not JSON: {e}"));
    let code = catalog(obj(&root, "catalog"), &hash::sha256_hex(json.as_bytes()));
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let out = PathBuf::from(&out_dir).join("builtin_catalog.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
    // The first product's id alone, so a page that only links to it (the web app's header) need
    // not build the whole catalog.
    let products = obj(&root, "catalog")
        .get("products")
        .and_then(Value::as_array);
    let first = products
        .and_then(|p| p.first())
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("catalog/catalog.json has no products[0].id"));
    let out = PathBuf::from(&out_dir).join("builtin_first_product.rs");
    std::fs::write(&out, format!("{first:?}"))
        .unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}

fn catalog(c: &Obj, etag: &str) -> String {
    let at = "catalog";
    strukt(
        "Catalog",
        &[
            ("id", string(c, "id", at)),
            ("currency", string(c, "currency", at)),
            (
                "traits",
                list(c, "traits", at, |o, at| {
                    strukt(
                        "Trait",
                        &[("id", string(o, "id", at)), ("name", text(o, "name", at))],
                    )
                }),
            ),
            ("materials", list(c, "materials", at, material)),
            ("motifs", list(c, "motifs", at, motif)),
            ("fonts", list(c, "fonts", at, font)),
            ("monogram_methods", list(c, "monogram_methods", at, method)),
            ("closures", list(c, "closures", at, closure)),
            ("hardware", list(c, "hardware", at, hardware)),
            ("placements", list(c, "placements", at, placement)),
            ("products", list(c, "products", at, product)),
            ("rules", list(c, "rules", at, rule)),
            ("etag", format!("s({etag:?})")),
        ],
    )
}

fn material(m: &Obj, at: &str) -> String {
    strukt(
        "Material",
        &[
            ("id", string(m, "id", at)),
            ("name", text(m, "name", at)),
            ("price_per_dm2_minor", int(m, "price_per_dm2_minor", at)),
            ("traits", strings(m, "traits", at)),
            (
                "colours",
                list(m, "colours", at, |c, at| {
                    strukt(
                        "Colour",
                        &[
                            ("id", string(c, "id", at)),
                            ("name", text(c, "name", at)),
                            ("hex", string(c, "hex", at)),
                            // Absent means no tags (`#[serde(default)]`).
                            (
                                "tags",
                                optional(c, "tags", |_| strings(c, "tags", at))
                                    .replace_none("vec![]"),
                            ),
                        ],
                    )
                }),
            ),
            ("care", optional(m, "care", |_| text(m, "care", at)).some()),
        ],
    )
}

fn motif(m: &Obj, at: &str) -> String {
    let range = |key: &str| {
        optional(m, key, |v| {
            let r = obj(v, key);
            strukt(
                "ParamRange",
                &[
                    ("min", int(r, "min", key)),
                    ("max", int(r, "max", key)),
                    ("step", int(r, "step", key)),
                    ("default", int(r, "default", key)),
                ],
            )
        })
        .some()
    };
    strukt(
        "MotifSpec",
        &[
            ("id", string(m, "id", at)),
            ("name", text(m, "name", at)),
            ("colour2", boolean(m, "colour2", at)),
            ("surcharge_minor", int(m, "surcharge_minor", at)),
            ("scale", range("scale")),
            ("angle", range("angle")),
        ],
    )
}

fn font(f: &Obj, at: &str) -> String {
    strukt(
        "Font",
        &[
            ("id", string(f, "id", at)),
            ("name", text(f, "name", at)),
            ("family", string(f, "family", at)),
            ("scripts", strings(f, "scripts", at)),
        ],
    )
}

fn method(m: &Obj, at: &str) -> String {
    strukt(
        "MonogramMethod",
        &[
            ("id", string(m, "id", at)),
            ("name", text(m, "name", at)),
            ("price_minor", int(m, "price_minor", at)),
            ("per_char_minor", int(m, "per_char_minor", at)),
            ("style", variant("MonogramStyle", get(m, "style", at), at)),
            (
                "colours",
                list(m, "colours", at, |c, at| {
                    strukt(
                        "MethodColour",
                        &[
                            ("id", string(c, "id", at)),
                            ("name", text(c, "name", at)),
                            ("hex", optional(c, "hex", |v| literal(v, "hex")).some()),
                        ],
                    )
                }),
            ),
        ],
    )
}

fn closure(c: &Obj, at: &str) -> String {
    strukt(
        "Closure",
        &[
            ("id", string(c, "id", at)),
            ("name", text(c, "name", at)),
            ("price_minor", int(c, "price_minor", at)),
        ],
    )
}

fn hardware(h: &Obj, at: &str) -> String {
    strukt(
        "Hardware",
        &[
            ("id", string(h, "id", at)),
            ("name", text(h, "name", at)),
            ("hex", string(h, "hex", at)),
            ("price_minor", int(h, "price_minor", at)),
        ],
    )
}

fn placement(p: &Obj, at: &str) -> String {
    strukt(
        "Placement",
        &[
            ("id", string(p, "id", at)),
            ("name", text(p, "name", at)),
            ("part", string(p, "part", at)),
            ("x", float(p, "x", at)),
            ("y", float(p, "y", at)),
            ("anchor", string(p, "anchor", at)),
            ("text_height_mm", int(p, "text_height_mm", at)),
        ],
    )
}

fn product(p: &Obj, at: &str) -> String {
    let closure_params = optional(p, "closure_params", |v| {
        named(obj(v, "closure_params"), |k, params| {
            named(obj(params, k), |name, e| expr(e, name))
        })
    })
    .replace_none("Named(vec![])");
    let view = obj(get(p, "view", at), "view");
    let cut_sheet = obj(get(p, "cut_sheet", at), "cut_sheet");
    strukt(
        "Product",
        &[
            ("id", string(p, "id", at)),
            ("name", text(p, "name", at)),
            ("seam_allowance_mm", int(p, "seam_allowance_mm", at)),
            (
                "sizes",
                list(p, "sizes", at, |s, at| {
                    let params = named(obj(get(s, "params", at), "params"), |k, v| number(v, k));
                    strukt(
                        "Size",
                        &[
                            ("id", string(s, "id", at)),
                            ("name", text(s, "name", at)),
                            ("params", params),
                            ("base_price_minor", int(s, "base_price_minor", at)),
                            ("monogram_max_chars", int(s, "monogram_max_chars", at)),
                        ],
                    )
                }),
            ),
            ("parts", list(p, "parts", at, part)),
            ("closures", strings(p, "closures", at)),
            ("closure_params", closure_params),
            (
                "view",
                strukt(
                    "View",
                    &[
                        ("margin", int(view, "margin", "view")),
                        ("width", expr(get(view, "width", "view"), "view.width")),
                        ("height", expr(get(view, "height", "view"), "view.height")),
                        ("layers", list(view, "layers", "view", layer)),
                    ],
                ),
            ),
            (
                "cut_sheet",
                strukt(
                    "CutSheet",
                    &[
                        ("row_width", int(cut_sheet, "row_width", "cut_sheet")),
                        ("gap", int(cut_sheet, "gap", "cut_sheet")),
                        ("finished", strings(cut_sheet, "finished", "cut_sheet")),
                    ],
                ),
            ),
            (
                "default",
                configuration(obj(get(p, "default", at), "default")),
            ),
            (
                "monogram_default",
                monogram(obj(get(p, "monogram_default", at), "monogram_default")),
            ),
        ],
    )
}

fn part(s: &Obj, at: &str) -> String {
    let outline: Vec<Vec<String>> = get(s, "outline", at)
        .as_array()
        .unwrap_or_else(|| panic!("{at}.outline: expected a list"))
        .iter()
        .map(|pt| {
            let xy = pt
                .as_array()
                .filter(|a| a.len() == 2)
                .unwrap_or_else(|| panic!("{at}.outline: a corner is [x, y]"));
            xy.iter().map(|v| raw(v, at)).collect()
        })
        .collect();
    let seam = optional(s, "seam", |v| {
        let items: Vec<String> = v
            .as_array()
            .unwrap_or_else(|| panic!("{at}.seam: expected a list"))
            .iter()
            .map(|n| number(n, "seam"))
            .collect();
        format!("vec![{}]", items.join(", "))
    })
    .some();
    let folds = optional(s, "folds", |_| {
        list(s, "folds", at, |f, at| {
            let axis = |k: &str| optional(f, k, |v| expr(v, at)).some();
            strukt("Fold", &[("x", axis("x")), ("y", axis("y"))])
        })
    })
    .replace_none("vec![]");
    strukt(
        "PartSpec",
        &[
            ("id", string(s, "id", at)),
            ("name", text(s, "name", at)),
            ("outline", format!("pts({})", pack(&outline))),
            ("seam", seam),
            (
                "count",
                optional(s, "count", |v| number(v, "count")).replace_none("1"),
            ),
            ("folds", folds),
            ("materials", strings(s, "materials", at)),
            ("motifs", strings(s, "motifs", at)),
        ],
    )
}

fn layer(l: &Obj, at: &str) -> String {
    // Rows of strings, packed into one literal (see `pack`).
    let rows = |key: &str| -> Vec<Vec<String>> {
        l.get(key)
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .map(|row| {
                        row.as_array()
                            .unwrap_or_else(|| panic!("{at}.{key}: expected lists"))
                            .iter()
                            .map(|v| raw(v, at))
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let packed = |helper: &str, rows: Vec<Vec<String>>| {
        if rows.is_empty() {
            "vec![]".to_string()
        } else {
            format!("{helper}({})", pack(&rows))
        }
    };
    strukt(
        "Layer",
        &[
            ("shape", variant("Shape", get(l, "shape", at), at)),
            ("geometry", packed("ke", rows("geometry"))),
            ("d", packed("ll", rows("d"))),
            ("part", optional(l, "part", |v| literal(v, at)).some()),
            ("style", packed("kv", rows("style"))),
            (
                "when_closure",
                optional(l, "when_closure", |_| strings(l, "when_closure", at))
                    .replace_none("vec![]"),
            ),
        ],
    )
}

fn configuration(d: &Obj) -> String {
    let at = "default";
    let parts: Vec<String> = obj(get(d, "parts", at), "default.parts")
        .iter()
        .map(|(id, v)| {
            let o = obj(v, id);
            let m = obj(get(o, "motif", id), "motif");
            let motif = strukt(
                "MotifChoice",
                &[
                    ("kind", string(m, "kind", "motif")),
                    (
                        "colour2",
                        optional(m, "colour2", |v| literal(v, "colour2")).some(),
                    ),
                    ("scale", int(m, "scale", "motif")),
                    ("angle", int(m, "angle", "motif")),
                ],
            );
            let part = strukt(
                "PartChoice",
                &[
                    ("material", string(o, "material", id)),
                    ("colour", string(o, "colour", id)),
                    ("motif", motif),
                ],
            );
            format!("(s({id:?}), {part})")
        })
        .collect();
    let closure = obj(get(d, "closure", at), "default.closure");
    strukt(
        "Configuration",
        &[
            ("schema", int(d, "schema", at)),
            ("product", string(d, "product", at)),
            ("size", string(d, "size", at)),
            ("parts", format!("BTreeMap::from([{}])", parts.join(", "))),
            (
                "monogram",
                optional(d, "monogram", |v| monogram(obj(v, "monogram"))).some(),
            ),
            (
                "closure",
                strukt(
                    "ClosureChoice",
                    &[
                        ("kind", string(closure, "kind", "closure")),
                        ("hardware", string(closure, "hardware", "closure")),
                    ],
                ),
            ),
        ],
    )
}

fn monogram(m: &Obj) -> String {
    let at = "monogram";
    strukt(
        "Monogram",
        &[
            ("text", string(m, "text", at)),
            ("font", string(m, "font", at)),
            ("method", string(m, "method", at)),
            ("placement", string(m, "placement", at)),
            ("colour", string(m, "colour", at)),
        ],
    )
}

/// A JSON object as `Named(vec![(s("name"), value), ..])`, sorted by name as serde reads it.
fn named(o: &Obj, value: impl Fn(&str, &Value) -> String) -> String {
    let mut items: Vec<(&String, &Value)> = o.iter().collect();
    items.sort_by(|a, b| a.0.cmp(b.0));
    let code: Vec<String> = items
        .iter()
        .map(|(k, v)| format!("(s({k:?}), {})", value(k, v)))
        .collect();
    format!("Named(vec![{}])", code.join(", "))
}

/// An expression (a JSON string) as `Expr(s(".."))`.
fn expr(v: &Value, at: &str) -> String {
    format!("Expr({})", literal(v, at))
}

/// A unit variant of an enum whose serde names are the lowercased variant names.
fn variant(enum_name: &str, v: &Value, at: &str) -> String {
    let name = v
        .as_str()
        .unwrap_or_else(|| panic!("{at}: expected a string"));
    let mut variant = name.to_string();
    variant[..1].make_ascii_uppercase();
    format!("{enum_name}::{variant}")
}

fn rule(r: &Obj, at: &str) -> String {
    strukt(
        "Rule",
        &[
            ("id", string(r, "id", at)),
            (
                "forbid",
                list(r, "forbid", at, |c, at| {
                    let test = match (c.get("in"), c.get("not_in")) {
                        (Some(_), None) => format!("Test::In({})", strings(c, "in", at)),
                        (None, Some(_)) => format!("Test::NotIn({})", strings(c, "not_in", at)),
                        _ => panic!("{at}: set exactly one of \"in\" and \"not_in\""),
                    };
                    strukt(
                        "Condition",
                        &[
                            (
                                "field",
                                field_variant(
                                    get(c, "field", at)
                                        .as_str()
                                        .unwrap_or_else(|| panic!("{at}.field: expected a string")),
                                ),
                            ),
                            ("test", test),
                        ],
                    )
                }),
            ),
            ("reason", text(r, "reason", at)),
        ],
    )
}

/// `crate::rules::Field`'s variant for a JSON field name: "part.colour_tag" is
/// `Field::PartColourTag` (the enum's serde names follow that rule; the compiler refuses a name
/// that has no variant).
fn field_variant(name: &str) -> String {
    let words = name.split(['.', '_']).map(|w| {
        let mut w = w.to_string();
        w[..1].make_ascii_uppercase();
        w
    });
    format!("crate::rules::Field::{}", words.collect::<String>())
}

// ---- emitting values ----

fn strukt(name: &str, fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{name} {{ {} }}", body.join(", "))
}

fn obj<'a>(v: &'a Value, at: &str) -> &'a Obj {
    v.as_object()
        .unwrap_or_else(|| panic!("{at}: expected an object"))
}

fn get<'a>(o: &'a Obj, key: &str, at: &str) -> &'a Value {
    o.get(key)
        .unwrap_or_else(|| panic!("{at}: missing `{key}`"))
}

/// A string value as `s("...")` (Rust's `Debug` of a `str` is a valid string literal).
fn literal(v: &Value, at: &str) -> String {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{at}: expected a string"));
    format!("s({s:?})")
}

fn string(o: &Obj, key: &str, at: &str) -> String {
    literal(get(o, key, at), &format!("{at}.{key}"))
}

fn number(v: &Value, at: &str) -> String {
    v.as_i64()
        .unwrap_or_else(|| panic!("{at}: expected an integer"))
        .to_string()
}

fn int(o: &Obj, key: &str, at: &str) -> String {
    number(get(o, key, at), &format!("{at}.{key}"))
}

fn float(o: &Obj, key: &str, at: &str) -> String {
    let f = get(o, key, at)
        .as_f64()
        .unwrap_or_else(|| panic!("{at}.{key}: expected a number"));
    format!("{f:?}") // always has a '.' or an exponent, so it is an f64 literal
}

fn boolean(o: &Obj, key: &str, at: &str) -> String {
    let b = get(o, key, at)
        .as_bool()
        .unwrap_or_else(|| panic!("{at}.{key}: expected a bool"));
    b.to_string()
}

fn text(o: &Obj, key: &str, at: &str) -> String {
    let t = obj(get(o, key, at), key);
    let lang = |l: &str| {
        let s = get(t, l, key)
            .as_str()
            .unwrap_or_else(|| panic!("{at}.{key}.{l}: expected a string"));
        format!("{s:?}")
    };
    format!("t({}, {}, {})", lang("en"), lang("sv"), lang("ru"))
}

/// A list of objects; each item is named by its `id` in error messages.
fn list(o: &Obj, key: &str, at: &str, item: impl Fn(&Obj, &str) -> String) -> String {
    let items = get(o, key, at)
        .as_array()
        .unwrap_or_else(|| panic!("{at}.{key}: expected a list"));
    let code: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let place = format!("{at}.{key}[{i}]");
            item(obj(v, &place), &place)
        })
        .collect();
    format!("vec![{}]", code.join(", "))
}

fn strings(o: &Obj, key: &str, at: &str) -> String {
    let items = get(o, key, at)
        .as_array()
        .unwrap_or_else(|| panic!("{at}.{key}: expected a list"));
    if items.is_empty() {
        return "vec![]".to_string();
    }
    let row: Vec<String> = items.iter().map(|v| raw(v, key)).collect();
    format!("l({})", pack(&[row]))
}

/// A string value as it is.
fn raw(v: &Value, at: &str) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("{at}: expected a string"))
        .to_string()
}

/// Rows of strings as one Rust string literal: rows end at U+001E, fields at U+001F. The helpers
/// in `builtin.rs` (`l`, `ll`, `kv`, `ke`, `pts`) split it back. One literal and one call per list
/// instead of a call per string keeps the catalog's code in the wasm small.
fn pack(rows: &[Vec<String>]) -> String {
    for f in rows.iter().flatten() {
        assert!(
            !f.contains(['\u{1e}', '\u{1f}']) && !f.is_empty(),
            "catalog strings in lists are non-empty and have no U+001E/U+001F: {f:?}"
        );
    }
    let text: Vec<String> = rows.iter().map(|r| r.join("\u{1f}")).collect();
    format!("{:?}", text.join("\u{1e}"))
}

/// An optional field: absent and `null` are both `None`, as serde reads them.
struct Optional(Option<String>);

fn optional(o: &Obj, key: &str, present: impl Fn(&Value) -> String) -> Optional {
    Optional(o.get(key).filter(|v| !v.is_null()).map(present))
}

impl Optional {
    fn some(self) -> String {
        self.0
            .map_or_else(|| "None".to_string(), |v| format!("Some({v})"))
    }
    fn replace_none(self, default: &str) -> String {
        self.0.unwrap_or_else(|| default.to_string())
    }
}
