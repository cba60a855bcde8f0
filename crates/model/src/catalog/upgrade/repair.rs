//! Step 2 of an upgrade: moving the fields a rule of the new catalog refuses, one refusal at a
//! time, to the nearest choice that removes it.

use super::{colour_hex, fit_motif, near};
use crate::catalog::{Catalog, Product};
use crate::config::{Configuration, MotifChoice, PartChoice};
use crate::rules::{violations, Field};

/// Which rule refuses, and on which part.
type Refusal = (String, Option<String>);

fn refusals(c: &Catalog, cfg: &Configuration) -> Vec<Refusal> {
    violations(c, cfg)
        .iter()
        .map(|v| (v.rule.id.clone(), v.part.clone()))
        .collect()
}

/// Step 2, one round: the first refusal of `cfg`, removed by moving one of its rule's fields to
/// the nearest choice that removes it without adding another. When every such move adds one
/// (an embroidered script monogram: embroidery refuses script), one more move on the new
/// refusal is tried; failing that, the nearest move that leaves fewer refusals. `None` when
/// nothing is refused, or nothing helps.
pub(super) fn repair(
    c: &Catalog,
    product: &Product,
    cfg: &Configuration,
    aim: &Aim,
) -> Option<Configuration> {
    let now = refusals(c, cfg);
    let target = now.first()?.clone();
    let better = |x: &Configuration| {
        let after = refusals(c, x);
        after.iter().all(|k| *k != target && now.contains(k))
    };
    let moves = |from: &Configuration, refusal: &Refusal| {
        let Some(rule) = c.rules.iter().find(|r| r.id == refusal.0) else {
            return Vec::new();
        };
        let mut fields: Vec<Field> = Vec::new();
        for cond in &rule.forbid {
            if !fields.contains(&cond.field) {
                fields.push(cond.field);
            }
        }
        fields
            .into_iter()
            .flat_map(|f| candidates(c, product, from, f, refusal.1.as_deref(), aim))
            .collect::<Vec<_>>()
    };
    let first_moves = moves(cfg, &target);
    if let Some(x) = first_moves.iter().find(|x| better(x)) {
        return Some(x.clone());
    }
    for x in &first_moves {
        let after = refusals(c, x);
        if after.contains(&target) || after.len() > now.len() {
            continue;
        }
        for added in after.iter().filter(|k| !now.contains(k)) {
            if let Some(y) = moves(x, added).into_iter().find(|y| better(y)) {
                return Some(y);
            }
        }
    }
    first_moves
        .into_iter()
        .find(|x| refusals(c, x).len() < now.len())
}

/// What a repair aims at: the shopper's own choice, in the catalog they made it in.
pub(super) struct Aim<'a> {
    pub old: &'a Catalog,
    pub own: &'a Configuration,
}

impl<'a> Aim<'a> {
    /// For a part: the colour, second colour and traits to stay near. The shopper's own where
    /// the part had them, so that a replacement which a rule refuses in turn is replaced by one
    /// near what they picked, not near the refused stand-in; else the part's current ones in `c`.
    fn part<'x>(
        &self,
        c: &'x Catalog,
        part: &str,
        now: &'x PartChoice,
    ) -> (Option<&'x str>, Option<&'x str>, &'x [String])
    where
        'a: 'x,
    {
        let (cat, ch) = match self.own.parts.get(part) {
            Some(own) if self.old.material(&own.material).is_some() => (self.old, own),
            _ => (c, now),
        };
        let hex2 = ch.motif.colour2.as_deref();
        (
            colour_hex(cat, &ch.material, &ch.colour),
            hex2.and_then(|c2| colour_hex(cat, &ch.material, c2)),
            cat.material(&ch.material).map_or(&[][..], |m| &m.traits),
        )
    }
}

/// `cfg` with `field` moved to each other choice, nearest first (`part` for part fields).
fn candidates(
    c: &Catalog,
    product: &Product,
    cfg: &Configuration,
    field: Field,
    part: Option<&str>,
    aim: &Aim,
) -> Vec<Configuration> {
    let with = |edit: &dyn Fn(&mut Configuration)| {
        let mut x = cfg.clone();
        edit(&mut x);
        x
    };
    let choice = part.and_then(|p| Some((p, cfg.parts.get(p)?, product.part(p)?)));
    let material = choice.and_then(|(_, ch, _)| c.material(&ch.material));
    let monogram = cfg.monogram.as_ref();
    let method = monogram.and_then(|m| c.method(&m.method));
    let mut out = Vec::new();
    match field {
        Field::Size => {
            let params = product.size(&cfg.size).map(|s| &s.params);
            for s in near::sizes(product, params) {
                out.push(with(&|x| x.size = s.id.clone()));
            }
        }
        // A part cannot be something else; the rule's other conditions may still be moved.
        Field::PartId => {}
        Field::PartMaterial => {
            let Some((p, ch, spec)) = choice else {
                return out;
            };
            let (hex, hex2, traits) = aim.part(c, p, ch);
            for m in near::materials(c, spec, traits) {
                let colour = near::colours(m, hex).first().map(|x| x.id.clone());
                let Some(colour) = colour else { continue };
                let moved = PartChoice {
                    material: m.id.clone(),
                    colour,
                    motif: ch.motif.clone(),
                };
                let moved = fit_motif(c, m, moved, hex2);
                out.push(with(&|x| {
                    x.parts.insert(p.to_owned(), moved.clone());
                }));
            }
        }
        Field::PartColour | Field::PartColourTag => {
            let (Some((p, ch, _)), Some(m)) = (choice, material) else {
                return out;
            };
            let (hex, hex2, _) = aim.part(c, p, ch);
            for col in near::colours(m, hex) {
                let moved = PartChoice {
                    colour: col.id.clone(),
                    ..ch.clone()
                };
                let moved = fit_motif(c, m, moved, hex2);
                out.push(with(&|x| {
                    x.parts.insert(p.to_owned(), moved.clone());
                }));
            }
        }
        Field::PartMotif => {
            let (Some((p, ch, spec)), Some(m)) = (choice, material) else {
                return out;
            };
            let (_, hex2, _) = aim.part(c, p, ch);
            for motif in near::motifs(c, spec) {
                let moved = PartChoice {
                    motif: MotifChoice {
                        colour2: ch.motif.colour2.clone(),
                        ..motif.default_choice(None)
                    },
                    ..ch.clone()
                };
                let moved = fit_motif(c, m, moved, hex2);
                out.push(with(&|x| {
                    x.parts.insert(p.to_owned(), moved.clone());
                }));
            }
        }
        Field::MonogramMethod => {
            let Some(m) = monogram else { return out };
            let hex = method
                .and_then(|x| x.colour(&m.colour))
                .and_then(|x| x.hex.as_deref());
            for to in near::methods(c, method.map(|x| x.style)) {
                let Some(colour) = near::method_colours(to, hex).first().map(|x| x.id.clone())
                else {
                    continue;
                };
                let kept = to.colour(&m.colour).map(|x| x.id.clone());
                out.push(with(&|x| {
                    if let Some(mm) = &mut x.monogram {
                        mm.method = to.id.clone();
                        mm.colour = kept.clone().unwrap_or_else(|| colour.clone());
                    }
                }));
            }
        }
        Field::MonogramFont => {
            let Some(m) = monogram else { return out };
            for f in near::fonts(c, &m.text) {
                out.push(with(&|x| {
                    if let Some(mm) = &mut x.monogram {
                        mm.font = f.id.clone();
                    }
                }));
            }
        }
        Field::MonogramPlacement | Field::MonogramMaterial => {
            let Some(m) = monogram else { return out };
            let has_part = |p: &str| cfg.parts.contains_key(p);
            for pl in near::placements(c, product, has_part, c.placement(&m.placement)) {
                out.push(with(&|x| {
                    if let Some(mm) = &mut x.monogram {
                        mm.placement = pl.id.clone();
                    }
                }));
            }
        }
        Field::MonogramColour => {
            let (Some(m), Some(method)) = (monogram, method) else {
                return out;
            };
            let hex = method.colour(&m.colour).and_then(|x| x.hex.as_deref());
            for col in near::method_colours(method, hex) {
                out.push(with(&|x| {
                    if let Some(mm) = &mut x.monogram {
                        mm.colour = col.id.clone();
                    }
                }));
            }
        }
        Field::ClosureKind => {
            for k in &product.closures {
                out.push(with(&|x| x.closure.kind = k.clone()));
            }
        }
        Field::ClosureHardware => {
            let hex = c.hardware(&cfg.closure.hardware).map(|h| h.hex.as_str());
            for h in near::hardware(c, hex) {
                out.push(with(&|x| x.closure.hardware = h.id.clone()));
            }
        }
    }
    // The current choice is among the candidates (distance 0); it cannot help.
    out.retain(|x| x != cfg);
    out
}
