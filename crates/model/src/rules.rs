//! Rules as data: evaluating the catalog's forbidden combinations, and answering which options the
//! UI may offer next and, for each one it may not, why.
//!
//! A rule (see `catalog::Rule`) forbids a configuration when all its conditions hold. Conditions name
//! a [`Field`] and a [`crate::catalog::Test`]; `part.*` fields make the rule apply to each part in turn.
//! An option is unavailable when choosing it would make a rule hold *that involves the option's
//! field*; rules already broken by unrelated fields do not grey out everything else.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Rule};
use crate::config::{Configuration, Monogram};
use crate::messages;
use crate::Lang;

/// What a rule condition looks at; its JSON name is the `rename` (`part.*` fields make the
/// rule apply to each part in turn).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    #[serde(rename = "size")]
    Size,
    #[serde(rename = "part.id")]
    PartId,
    #[serde(rename = "part.material")]
    PartMaterial,
    #[serde(rename = "part.colour")]
    PartColour,
    #[serde(rename = "part.colour_tag")]
    PartColourTag,
    #[serde(rename = "part.motif")]
    PartMotif,
    #[serde(rename = "monogram.method")]
    MonogramMethod,
    #[serde(rename = "monogram.font")]
    MonogramFont,
    #[serde(rename = "monogram.placement")]
    MonogramPlacement,
    #[serde(rename = "monogram.colour")]
    MonogramColour,
    /// The material of the part the monogram's placement sits on.
    #[serde(rename = "monogram.material")]
    MonogramMaterial,
    #[serde(rename = "closure.kind")]
    ClosureKind,
    #[serde(rename = "closure.hardware")]
    ClosureHardware,
}

impl Field {
    /// The field's name in a catalog (for messages).
    pub fn name(self) -> String {
        serde_json::to_string(&self)
            .unwrap_or_default()
            .trim_matches('"')
            .to_string()
    }

    fn part_scoped(self) -> bool {
        matches!(
            self,
            Field::PartId
                | Field::PartMaterial
                | Field::PartColour
                | Field::PartColourTag
                | Field::PartMotif
        )
    }

    /// Whether `v` names something that exists for this field (used when the catalog is checked).
    pub(crate) fn value_exists(self, c: &Catalog, v: &str) -> bool {
        let any_product = |f: &dyn Fn(&crate::catalog::Product) -> bool| c.products.iter().any(f);
        match self {
            Field::Size => any_product(&|p| p.size(v).is_some()),
            Field::PartId => any_product(&|p| p.part(v).is_some()),
            Field::PartMaterial | Field::MonogramMaterial => c.material(v).is_some(),
            Field::PartColour => c.materials.iter().any(|m| m.colour(v).is_some()),
            Field::PartColourTag => c
                .materials
                .iter()
                .flat_map(|m| &m.colours)
                .any(|col| col.tags.iter().any(|t| t == v)),
            Field::PartMotif => c.motif(v).is_some(),
            Field::MonogramMethod => c.method(v).is_some(),
            Field::MonogramFont => c.font(v).is_some(),
            Field::MonogramPlacement => c.placement(v).is_some(),
            Field::MonogramColour => c.monogram_methods.iter().any(|m| m.colour(v).is_some()),
            Field::ClosureKind => c.closure(v).is_some(),
            Field::ClosureHardware => c.hardware(v).is_some(),
        }
    }

    /// The configuration's current value(s) of this field; `None` when the field does not apply
    /// (no monogram, unknown reference), in which case no condition on it holds.
    fn values<'a>(
        self,
        c: &'a Catalog,
        cfg: &'a Configuration,
        part: Option<&'a str>,
    ) -> Option<Vec<&'a str>> {
        let choice = || part.and_then(|p| cfg.parts.get(p));
        let one = |s: &'a str| Some(vec![s]);
        match self {
            Field::Size => one(&cfg.size),
            Field::PartId => part.map(|p| vec![p]),
            Field::PartMaterial => one(&choice()?.material),
            Field::PartColour => one(&choice()?.colour),
            Field::PartColourTag => {
                let ch = choice()?;
                let colour = c.material(&ch.material)?.colour(&ch.colour)?;
                Some(colour.tags.iter().map(String::as_str).collect())
            }
            Field::PartMotif => one(&choice()?.motif.kind),
            Field::MonogramMethod => one(&cfg.monogram.as_ref()?.method),
            Field::MonogramFont => one(&cfg.monogram.as_ref()?.font),
            Field::MonogramPlacement => one(&cfg.monogram.as_ref()?.placement),
            Field::MonogramColour => one(&cfg.monogram.as_ref()?.colour),
            Field::MonogramMaterial => {
                let placement = c.placement(&cfg.monogram.as_ref()?.placement)?;
                one(&cfg.parts.get(&placement.part)?.material)
            }
            Field::ClosureKind => one(&cfg.closure.kind),
            Field::ClosureHardware => one(&cfg.closure.hardware),
        }
    }

    /// The configuration path a refusal on this field is reported at.
    fn path(self, part: Option<&str>) -> String {
        let p = part.unwrap_or("?");
        match self {
            Field::Size => "size".into(),
            Field::PartId => format!("parts.{p}"),
            Field::PartMaterial => format!("parts.{p}.material"),
            Field::PartColour | Field::PartColourTag => format!("parts.{p}.colour"),
            Field::PartMotif => format!("parts.{p}.motif.kind"),
            Field::MonogramMethod => "monogram.method".into(),
            Field::MonogramFont => "monogram.font".into(),
            Field::MonogramPlacement | Field::MonogramMaterial => "monogram.placement".into(),
            Field::MonogramColour => "monogram.colour".into(),
            Field::ClosureKind => "closure.kind".into(),
            Field::ClosureHardware => "closure.hardware".into(),
        }
    }
}

/// One rule that holds for a configuration; `part` is set for part-scoped rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation<'c> {
    pub rule: &'c Rule,
    pub part: Option<String>,
}

impl Violation<'_> {
    /// Where to report it: the field of the rule's first condition.
    pub fn path(&self) -> String {
        let field = self.rule.forbid.first().map_or(Field::Size, |c| c.field);
        field.path(self.part.as_deref())
    }

    fn involves(&self, fields: &[Field], part: Option<&str>) -> bool {
        let scoped_elsewhere =
            self.part.is_some() && part.is_some() && self.part.as_deref() != part;
        self.rule.forbid.iter().map(|c| c.field).any(|f| {
            fields.contains(&f) && !(f.part_scoped() && (scoped_elsewhere || part.is_none()))
        })
    }
}

fn holds(rule: &Rule, c: &Catalog, cfg: &Configuration, part: Option<&str>) -> bool {
    rule.forbid.iter().all(|cond| {
        cond.field
            .values(c, cfg, part)
            .is_some_and(|values| cond.test.holds(&values))
    })
}

/// Every rule that forbids this configuration, in catalog order (parts in id order).
pub fn violations<'c>(c: &'c Catalog, cfg: &Configuration) -> Vec<Violation<'c>> {
    violations_of(c, c.rules.iter(), cfg)
}

/// The violations of `rules` (some of the catalog's, in its order) by `cfg`.
fn violations_of<'c>(
    c: &Catalog,
    rules: impl Iterator<Item = &'c Rule>,
    cfg: &Configuration,
) -> Vec<Violation<'c>> {
    let mut out = Vec::new();
    for rule in rules {
        let scoped = rule.forbid.iter().any(|x| x.field.part_scoped());
        if scoped {
            for part in cfg.parts.keys() {
                if holds(rule, c, cfg, Some(part)) {
                    out.push(Violation {
                        rule,
                        part: Some(part.clone()),
                    });
                }
            }
        } else if holds(rule, c, cfg, None) {
            out.push(Violation { rule, part: None });
        }
    }
    out
}

/// Option id -> `None` (available) or `Some(reason)`.
pub type Options = BTreeMap<String, Option<String>>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartAvailability {
    /// The part's offered materials.
    pub materials: Options,
    /// Colours of the part's chosen material.
    pub colours: Options,
    /// The part's offered motifs.
    pub motifs: Options,
}

/// Monogram options. Without a monogram, they are answered for the product's default monogram
/// with the current choices elsewhere, i.e. "what could I pick if I added one".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonogramAvailability {
    pub methods: Options,
    pub fonts: Options,
    pub placements: Options,
    /// Colours of the chosen method.
    pub colours: Options,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub parts: BTreeMap<String, PartAvailability>,
    pub monogram: MonogramAvailability,
    pub closures: Options,
    pub hardware: Options,
}

/// The first reason a candidate is refused for, counting only rules that involve `fields`.
fn refusal(
    c: &Catalog,
    candidate: &Configuration,
    fields: &[Field],
    part: Option<&str>,
    lang: Lang,
) -> Option<String> {
    // A rule none of whose conditions is on `fields` cannot be the reason: it is not evaluated
    // (availability asks this for every option of every group on each click).
    let relevant = c
        .rules
        .iter()
        .filter(|r| r.forbid.iter().any(|cond| fields.contains(&cond.field)));
    violations_of(c, relevant, candidate)
        .into_iter()
        .find(|v| v.involves(fields, part))
        .map(|v| v.rule.reason.get(lang).to_owned())
}

/// For every option the UI shows, whether it is available and, if not, why.
pub fn availability(c: &Catalog, cfg: &Configuration, lang: Lang) -> Availability {
    let product = c.product(&cfg.product);
    let mut parts = BTreeMap::new();
    for (part_id, choice) in &cfg.parts {
        let Some(spec) = product.and_then(|p| p.part(part_id)) else {
            continue;
        };
        let p = Some(part_id.as_str());
        // One scratch copy of the design per part: every candidate differs from the design only
        // in this part, so putting the part's choice back is enough between two of them (a
        // whole copy per option was most of the customizer's work on each click).
        let mut cand = cfg.clone();
        let mut try_part = |edit: &dyn Fn(&mut Configuration), fields: &[Field]| {
            if let Some(ch) = cand.parts.get_mut(part_id) {
                ch.clone_from(choice);
            }
            edit(&mut cand);
            refusal(c, &cand, fields, p, lang)
        };
        let materials = spec
            .materials
            .iter()
            .map(|m| {
                let fields = [
                    Field::PartMaterial,
                    Field::PartColour,
                    Field::PartColourTag,
                    Field::MonogramMaterial,
                ];
                let set = |cand: &mut Configuration| {
                    cand.set_material(c, part_id, m);
                };
                (m.clone(), try_part(&set, &fields))
            })
            .collect();
        let colours = c
            .material(&choice.material)
            .map(|mat| {
                mat.colours
                    .iter()
                    .map(|col| {
                        let set = |cand: &mut Configuration| {
                            if let Some(ch) = cand.parts.get_mut(part_id) {
                                ch.colour.clone_from(&col.id);
                            }
                        };
                        let fields = [Field::PartColour, Field::PartColourTag];
                        (col.id.clone(), try_part(&set, &fields))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let motifs = spec
            .motifs
            .iter()
            .map(|m| {
                let set = |cand: &mut Configuration| {
                    cand.set_motif(c, part_id, m);
                };
                (m.clone(), try_part(&set, &[Field::PartMotif]))
            })
            .collect();
        parts.insert(
            part_id.clone(),
            PartAvailability {
                materials: options(materials),
                colours: options(colours),
                motifs: options(motifs),
            },
        );
    }

    let base_monogram: Option<Monogram> = cfg
        .monogram
        .clone()
        .or_else(|| product.map(|p| p.monogram_default.clone()));
    let with_monogram = |edit: &dyn Fn(&mut Monogram)| {
        let mut cand = cfg.clone();
        if let Some(mut m) = base_monogram.clone() {
            edit(&mut m);
            cand.monogram = Some(m);
        }
        cand
    };
    let text = base_monogram
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    let methods = c
        .monogram_methods
        .iter()
        .map(|method| {
            let cand = with_monogram(&|m| {
                m.method = method.id.clone();
                if method.colour(&m.colour).is_none() {
                    m.colour = method
                        .colours
                        .first()
                        .map(|x| x.id.clone())
                        .unwrap_or_default();
                }
            });
            (
                method.id.clone(),
                refusal(
                    c,
                    &cand,
                    &[Field::MonogramMethod, Field::MonogramColour],
                    None,
                    lang,
                ),
            )
        })
        .collect();
    let fonts = c
        .fonts
        .iter()
        .map(|font| {
            let cand = with_monogram(&|m| m.font = font.id.clone());
            let why = crate::validate::unsupported_char(&text, font)
                .map(|ch| messages::font_lacks_char(lang, font.name.get(lang), ch))
                .or_else(|| refusal(c, &cand, &[Field::MonogramFont], None, lang));
            (font.id.clone(), why)
        })
        .collect();
    let placements = c
        .placements
        .iter()
        .filter(|pl| product.is_some_and(|p| p.part(&pl.part).is_some()))
        .map(|pl| {
            let cand = with_monogram(&|m| m.placement = pl.id.clone());
            let fields = [Field::MonogramPlacement, Field::MonogramMaterial];
            (pl.id.clone(), refusal(c, &cand, &fields, None, lang))
        })
        .collect();
    let colours = base_monogram
        .as_ref()
        .and_then(|m| c.method(&m.method))
        .map(|method| {
            method
                .colours
                .iter()
                .map(|col| {
                    let cand = with_monogram(&|m| m.colour = col.id.clone());
                    (
                        col.id.clone(),
                        refusal(c, &cand, &[Field::MonogramColour], None, lang),
                    )
                })
                .collect()
        })
        .unwrap_or_default();

    let closures = product
        .map(|p| {
            p.closures
                .iter()
                .map(|k| {
                    let mut cand = cfg.clone();
                    cand.closure.kind = k.clone();
                    (
                        k.clone(),
                        refusal(c, &cand, &[Field::ClosureKind], None, lang),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let hardware = c
        .hardware
        .iter()
        .map(|h| {
            let mut cand = cfg.clone();
            cand.closure.hardware = h.id.clone();
            (
                h.id.clone(),
                refusal(c, &cand, &[Field::ClosureHardware], None, lang),
            )
        })
        .collect();

    Availability {
        parts,
        monogram: MonogramAvailability {
            methods: options(methods),
            fonts: options(fonts),
            placements: options(placements),
            colours: options(colours),
        },
        closures: options(closures),
        hardware: options(hardware),
    }
}

/// The one place `(id, reason)` pairs become [`Options`]. Collecting each iterator straight into
/// the map compiled a separate copy of the map's sort for every call site (~30 KB of wasm).
fn options(pairs: Vec<(String, Option<String>)>) -> Options {
    pairs.into_iter().collect()
}
