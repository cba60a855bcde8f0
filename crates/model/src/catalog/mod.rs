//! The catalog: products, materials, motifs, personalization and rules, as data.
//!
//! The built-in catalog is `catalog/catalog.json`, compiled into the crate with `include_str!` so the
//! browser and the server read the very same bytes. [`Catalog::from_json`] parses *and checks* a
//! catalog (see `check.rs`): a broken catalog is an error naming the place, never a panic later.

mod builtin;
pub use builtin::FIRST_PRODUCT;
mod check;
#[cfg(feature = "schema")]
mod schema;
mod upgrade;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::config::{Configuration, Monogram};
use crate::expr::{Expr, ExprError};
use crate::hash::sha256_hex;
use crate::rules::Field;
use crate::Lang;

pub use check::{CatalogError, CatalogProblem, CURRENCIES};
#[cfg(feature = "schema")]
pub use schema::{catalog_schema, SCHEMA_ID};
pub use upgrade::{delta_e, upgrade, Change, ChangeKind, UpgradeError, Upgraded};

/// The JSON text of the built-in catalog.
pub const BUILTIN_JSON: &str = include_str!("../../catalog/catalog.json");

/// Named values, written in JSON as an object (`{"w": 340, "h": 250}`) and kept as a list sorted
/// by name: the built-in catalog's generated code then builds no map (each map type would bring a
/// sort of its own into the browser's wasm).
#[derive(Clone, Debug, PartialEq)]
pub struct Named<V>(pub Vec<(String, V)>);

impl<V> Default for Named<V> {
    fn default() -> Self {
        Named(Vec::new())
    }
}

impl<V> Named<V> {
    pub fn get(&self, name: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<V: Serialize> Serialize for Named<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Named<V> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, V>::deserialize(d)?;
        Ok(Named(map.into_iter().collect()))
    }
}

/// A text in every supported language.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    // A missing translation reads as empty, so the catalog check reports it at its path.
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub sv: String,
    #[serde(default)]
    pub ru: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Sv => &self.sv,
            Lang::Ru => &self.ru,
        }
    }
}

/// Everything a shopper can choose from, and the rules between the choices.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub id: String,
    /// ISO 4217 code; every `*_minor` amount in the catalog is in this currency's minor unit.
    pub currency: String,
    pub traits: Vec<Trait>,
    pub materials: Vec<Material>,
    pub motifs: Vec<MotifSpec>,
    pub fonts: Vec<Font>,
    pub monogram_methods: Vec<MonogramMethod>,
    pub closures: Vec<Closure>,
    pub hardware: Vec<Hardware>,
    pub placements: Vec<Placement>,
    pub products: Vec<Product>,
    pub rules: Vec<Rule>,
    /// Hex sha256 of the JSON text this catalog was parsed from: a stable ETag.
    #[serde(skip)]
    etag: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trait {
    pub id: String,
    pub name: Text,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: Text,
    /// Price of one square decimetre of cut material, in minor units.
    pub price_per_dm2_minor: i64,
    pub traits: Vec<String>,
    pub colours: Vec<Colour>,
    /// How to look after it, for the owner of a made copy (the item page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care: Option<Text>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colour {
    pub id: String,
    pub name: Text,
    /// `#rrggbb`.
    pub hex: String,
    /// Free tags rules can refer to, e.g. `neon`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A numeric motif parameter: allowed values are `min..=max` in steps of `step` from `min`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamRange {
    pub min: u16,
    pub max: u16,
    pub step: u16,
    pub default: u16,
}

impl ParamRange {
    pub fn allows(&self, v: u16) -> bool {
        v >= self.min && v <= self.max && (v - self.min).is_multiple_of(self.step.max(1))
    }
}

/// A surface motif. Parameters a motif lacks must hold their neutral value
/// ([`MotifSpec::NEUTRAL_SCALE`], [`MotifSpec::NEUTRAL_ANGLE`]) so equal-looking configurations are equal.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotifSpec {
    pub id: String,
    pub name: Text,
    /// Whether the motif uses a second colour (of the same material).
    pub colour2: bool,
    pub surcharge_minor: i64,
    /// Scale in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ParamRange>,
    /// Rotation in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub angle: Option<ParamRange>,
}

impl MotifSpec {
    pub const NEUTRAL_SCALE: u8 = 100;
    pub const NEUTRAL_ANGLE: u16 = 0;

    /// The choice the UI should switch to when the shopper picks this motif.
    /// `colour2` is used only if the motif takes a second colour.
    pub fn default_choice(&self, colour2: Option<&str>) -> crate::config::MotifChoice {
        crate::config::MotifChoice {
            kind: self.id.clone(),
            colour2: if self.colour2 {
                colour2.map(str::to_owned)
            } else {
                None
            },
            scale: self.scale.map_or(Self::NEUTRAL_SCALE, |r| {
                u8::try_from(r.default).unwrap_or(Self::NEUTRAL_SCALE)
            }),
            angle: self.angle.map_or(Self::NEUTRAL_ANGLE, |r| r.default),
        }
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Font {
    pub id: String,
    pub name: Text,
    /// CSS font-family stack used by the renderers.
    pub family: String,
    /// Writing systems the font has glyphs for: `latin`, `cyrillic`.
    pub scripts: Vec<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonogramMethod {
    pub id: String,
    pub name: Text,
    pub price_minor: i64,
    pub per_char_minor: i64,
    /// How the letters look in the renderings.
    pub style: MonogramStyle,
    pub colours: Vec<MethodColour>,
}

/// How a monogram method marks the material (decides the drawing, not the price).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MonogramStyle {
    /// Raised letters (blind: lighter than the ground).
    Embossed,
    /// Pressed-in letters (blind: darker than the ground).
    Debossed,
    /// Thread.
    Stitched,
}

/// A foil or thread colour. `hex: None` means blind: the material's own colour, pressed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodColour {
    pub id: String,
    pub name: Text,
    pub hex: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub id: String,
    pub name: Text,
    pub price_minor: i64,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hardware {
    pub id: String,
    pub name: Text,
    pub hex: String,
    pub price_minor: i64,
}

/// Where a monogram goes: on which part, at which fraction of the finished panel.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub id: String,
    pub name: Text,
    pub part: String,
    pub x: f64,
    pub y: f64,
    /// SVG text-anchor: `start`, `middle` or `end`.
    pub anchor: String,
    pub text_height_mm: u32,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub name: Text,
    /// Seam allowance of every edge of every part unless the part says otherwise.
    pub seam_allowance_mm: u32,
    pub sizes: Vec<Size>,
    pub parts: Vec<PartSpec>,
    /// Closure ids offered for this product.
    pub closures: Vec<String>,
    /// Extra named numbers each closure adds to the size's (e.g. the closure panel's `cw`, `ch`);
    /// values are expressions over the size's params.
    #[serde(default)]
    pub closure_params: Named<Named<Expr>>,
    /// The front view the shopper sees.
    pub view: View,
    pub cut_sheet: CutSheet,
    /// A complete, valid configuration: what the customizer opens with.
    pub default: Configuration,
    /// The monogram the UI starts from when the shopper adds one.
    pub monogram_default: Monogram,
}

/// A size: its named numbers (finished millimetres, used by every shape expression) and price.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub id: String,
    pub name: Text,
    pub params: Named<u32>,
    pub base_price_minor: i64,
    pub monogram_max_chars: u32,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartSpec {
    pub id: String,
    pub name: Text,
    /// The sewing line of one piece, a closed polygon in finished millimetres (y down), corners
    /// written as `[x, y]` expressions. The cut line is derived by offsetting each edge outwards.
    pub outline: Vec<[Expr; 2]>,
    /// Seam allowance per edge (edge `i` runs from corner `i` to `i + 1`); absent: the product's
    /// allowance on every edge. 0 where the edge is a fold or already finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seam: Option<Vec<u32>>,
    /// How many identical pieces are cut.
    #[serde(default = "one")]
    pub count: u32,
    /// Fold lines across the piece, drawn on the cut sheet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<Fold>,
    /// Material ids allowed for this part, in display order.
    pub materials: Vec<String>,
    /// Motif ids allowed for this part, in display order.
    pub motifs: Vec<String>,
}

fn one() -> u32 {
    1
}

/// A straight fold across the whole piece: horizontal at `y` or vertical at `x` (finished mm).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fold {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Expr>,
}

/// The front view: a frame of `width` x `height` (plus `margin` around) and layers drawn in order.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub margin: u32,
    pub width: Expr,
    pub height: Expr,
    pub layers: Vec<Layer>,
}

/// What a layer draws.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Rect,
    Circle,
    Line,
    Path,
    /// The monogram, when its placement is on `part`; `geometry` is the box (`x`, `y`, `width`,
    /// `height`) the placement's fractions are taken of.
    Monogram,
}

/// One drawing step of a view. Coordinates are millimetres from the frame's top-left corner.
///
/// `style` values are SVG literals, or references: `@part:ID` (the part's colour or motif),
/// `@colour:ID` (its ground colour), `@hardware`, `@light` (a soft shading gradient); a colour
/// reference may end in `/t` to shade it (`@colour:trim/-0.4` is 40 % darker).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub shape: Shape,
    /// Attributes as `[name, expression]`, written in this order (`x`, `y`, `width`, `height`,
    /// `rx`, `cx`, `cy`, `r`, `x1`, `y1`, `x2`, `y2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub geometry: Vec<(String, Expr)>,
    /// Path commands: a letter (`M L H V Q C Z`) then its numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub d: Vec<Vec<String>>,
    /// Monogram layers: the part the monogram must be placed on to show here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub style: Vec<(String, String)>,
    /// Drawn only with one of these closures (empty: always).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when_closure: Vec<String>,
}

/// How the cut sheet lays the pieces out: left to right in part order, wrapping at `row_width`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutSheet {
    pub row_width: u32,
    pub gap: u32,
    /// Size params named in the title as the finished size (`w × h × d mm`).
    pub finished: Vec<String>,
}

/// A forbidden combination: the configuration is refused when *every* condition holds.
/// The first condition names the field the refusal is reported on.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub forbid: Vec<Condition>,
    pub reason: Text,
}

/// One condition of a rule: the configuration's value(s) of `field` are (not) among a list.
/// Read from and written as `{"field": .., "in": [..]}` or `{"field": .., "not_in": [..]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ConditionJson", into = "ConditionJson")]
pub struct Condition {
    pub field: Field,
    pub test: Test,
}

/// How a condition compares the field's values with its list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Test {
    /// Holds when any value of the field is in the list.
    In(Vec<String>),
    /// Holds when no value of the field is in the list.
    NotIn(Vec<String>),
}

impl Test {
    /// The ids the condition names.
    pub fn values(&self) -> &[String] {
        match self {
            Test::In(v) | Test::NotIn(v) => v,
        }
    }

    /// Whether the condition holds for the field's current `values`.
    pub fn holds(&self, values: &[&str]) -> bool {
        let listed = |list: &[String]| values.iter().any(|v| list.iter().any(|x| x == v));
        match self {
            Test::In(list) => listed(list),
            Test::NotIn(list) => !listed(list),
        }
    }
}

/// The JSON shape of a [`Condition`]; exactly one of `in` / `not_in` is set.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionJson {
    field: Field,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    is_in: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_in: Option<Vec<String>>,
}

impl TryFrom<ConditionJson> for Condition {
    type Error = &'static str;

    fn try_from(c: ConditionJson) -> Result<Condition, &'static str> {
        let test = match (c.is_in, c.not_in) {
            (Some(v), None) => Test::In(v),
            (None, Some(v)) => Test::NotIn(v),
            _ => return Err("a condition sets exactly one of \"in\" and \"not_in\""),
        };
        Ok(Condition {
            field: c.field,
            test,
        })
    }
}

impl From<Condition> for ConditionJson {
    fn from(c: Condition) -> ConditionJson {
        let (is_in, not_in) = match c.test {
            Test::In(v) => (Some(v), None),
            Test::NotIn(v) => (None, Some(v)),
        };
        ConditionJson {
            field: c.field,
            is_in,
            not_in,
        }
    }
}

fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
    items.iter().find(|t| key(t) == id)
}

impl Catalog {
    /// The built-in catalog, built once.
    ///
    /// `build.rs` turns [`BUILTIN_JSON`] into Rust code at compile time (see `builtin.rs`), so
    /// neither serde's catalog decoder nor the consistency checks reach the browser's wasm; the
    /// test suite checks that this equals [`Catalog::from_json`] of the same JSON, checks included.
    /// Catalogs from anywhere else go through [`Catalog::from_json`].
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(builtin::catalog)
    }

    /// Parses and checks a catalog: a broken one is an error naming the place.
    pub fn from_json(json: &str) -> Result<Catalog, CatalogError> {
        let catalog = Catalog::parse(json)?;
        check::check(&catalog)?;
        Ok(catalog)
    }

    /// Parses without the consistency checks, and stamps the ETag.
    fn parse(json: &str) -> Result<Catalog, CatalogError> {
        let json_error = |e: serde_json::Error| CatalogError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        };
        let mut catalog: Catalog = serde_json::from_str(json).map_err(json_error)?;
        catalog.etag = sha256_hex(json.as_bytes());
        Ok(catalog)
    }

    /// A stable ETag for this catalog: hex sha256 of the JSON it was parsed from.
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// The catalog as JSON, for `GET /api/v1/catalog`.
    pub fn to_json(&self) -> String {
        // Serializing plain structs and Vecs cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The product a shopper starts with when none is named: the catalog's first.
    pub fn first_product(&self) -> &str {
        self.products.first().map_or("", |p| p.id.as_str())
    }

    /// The materials `config` is made of, each once, in catalog order (for care notes).
    pub fn materials_of(&self, config: &crate::config::Configuration) -> Vec<&Material> {
        self.materials
            .iter()
            .filter(|m| config.parts.values().any(|p| p.material == m.id))
            .collect()
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        find(&self.products, id, |p| &p.id)
    }
    pub fn material(&self, id: &str) -> Option<&Material> {
        find(&self.materials, id, |m| &m.id)
    }
    pub fn motif(&self, id: &str) -> Option<&MotifSpec> {
        find(&self.motifs, id, |m| &m.id)
    }
    pub fn font(&self, id: &str) -> Option<&Font> {
        find(&self.fonts, id, |f| &f.id)
    }
    pub fn method(&self, id: &str) -> Option<&MonogramMethod> {
        find(&self.monogram_methods, id, |m| &m.id)
    }
    pub fn closure(&self, id: &str) -> Option<&Closure> {
        find(&self.closures, id, |c| &c.id)
    }
    pub fn hardware(&self, id: &str) -> Option<&Hardware> {
        find(&self.hardware, id, |h| &h.id)
    }
    pub fn placement(&self, id: &str) -> Option<&Placement> {
        find(&self.placements, id, |p| &p.id)
    }
    pub fn trait_(&self, id: &str) -> Option<&Trait> {
        find(&self.traits, id, |t| &t.id)
    }
}

impl Material {
    pub fn colour(&self, id: &str) -> Option<&Colour> {
        find(&self.colours, id, |c| &c.id)
    }
    pub fn has_trait(&self, id: &str) -> bool {
        self.traits.iter().any(|t| t == id)
    }
}

impl MonogramMethod {
    pub fn colour(&self, id: &str) -> Option<&MethodColour> {
        find(&self.colours, id, |c| &c.id)
    }
}

impl Product {
    pub fn size(&self, id: &str) -> Option<&Size> {
        find(&self.sizes, id, |s| &s.id)
    }
    pub fn part(&self, id: &str) -> Option<&PartSpec> {
        find(&self.parts, id, |p| &p.id)
    }
    pub fn offers_closure(&self, id: &str) -> bool {
        self.closures.iter().any(|c| c == id)
    }

    /// The named numbers shapes are written with: the size's params, then the closure's (each
    /// closure param evaluated over the size's). A closure param that does not evaluate is an
    /// error naming it.
    pub fn env<'p>(
        &'p self,
        size: &'p Size,
        closure: &str,
    ) -> Result<Vec<(&'p str, f64)>, (String, ExprError)> {
        let mut env: Vec<(&str, f64)> = size
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), f64::from(*v)))
            .collect();
        if let Some(extra) = self.closure_params.get(closure) {
            let base = env.clone();
            for (k, e) in extra.iter() {
                env.push((k.as_str(), e.eval(&base).map_err(|err| (k.clone(), err))?));
            }
        }
        Ok(env)
    }
}

impl PartSpec {
    pub fn allows_material(&self, id: &str) -> bool {
        self.materials.iter().any(|m| m == id)
    }
    pub fn allows_motif(&self, id: &str) -> bool {
        self.motifs.iter().any(|m| m == id)
    }
}
