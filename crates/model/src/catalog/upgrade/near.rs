//! "Nearest" for every kind of choice: the candidates a catalog offers in one place, best first.
//!
//! Each ranking is stable (ties keep the catalog's display order), so the first candidate is what
//! a person looking at the catalog would pick when there is no better measure.

use crate::catalog::{
    Catalog, Colour, Font, Material, MethodColour, MonogramMethod, MonogramStyle, MotifSpec, Named,
    PartSpec, Placement, Product, Size,
};

/// CIE L*a*b* (D65) of a `#rrggbb` colour; `None` if it is not one.
///
/// Colours are compared in Lab rather than in RGB because Lab is built so that equal distances
/// look about equally different: in RGB a step in green looks far smaller than the same step in
/// blue, so "nearest by RGB" often picks a swatch a person would call further away.
pub fn lab(hex: &str) -> Option<[f64; 3]> {
    if !crate::catalog::check::is_hex_colour(hex) {
        return None;
    }
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        // sRGB transfer curve back to linear light.
        Some(if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    let (r, g, b) = (channel(1)?, channel(3)?, channel(5)?);
    // Linear sRGB -> XYZ, divided by the D65 white point.
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    Some([116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)])
}

/// CIE76 colour difference (Euclidean distance in Lab). Plenty to choose among a dozen swatches;
/// CIEDE2000 refines it for near-identical colours, which is not the question here. A colour that
/// is not `#rrggbb` is infinitely far, so it sorts last.
pub fn delta_e(a: &str, b: &str) -> f64 {
    match (lab(a), lab(b)) {
        (Some(p), Some(q)) => p
            .iter()
            .zip(q)
            .map(|(x, y)| (x - y).powi(2))
            .sum::<f64>()
            .sqrt(),
        _ => f64::INFINITY,
    }
}

fn by_distance<T>(items: impl Iterator<Item = T>, distance: impl Fn(&T) -> f64) -> Vec<T> {
    let mut v: Vec<(f64, T)> = items.map(|t| (distance(&t), t)).collect();
    // `sort_by` is stable: equal distances keep catalog order.
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v.into_iter().map(|(_, t)| t).collect()
}

/// A material's colours, nearest to `hex` first (catalog order when there is no `hex`).
pub fn colours<'c>(material: &'c Material, hex: Option<&str>) -> Vec<&'c Colour> {
    match hex {
        Some(h) => by_distance(material.colours.iter(), |c| delta_e(h, &c.hex)),
        None => material.colours.iter().collect(),
    }
}

/// The materials `part` allows in `c`, those sharing the most of `traits` first.
pub fn materials<'c>(c: &'c Catalog, part: &PartSpec, traits: &[String]) -> Vec<&'c Material> {
    let found = part.materials.iter().filter_map(|id| c.material(id));
    by_distance(found, |m| {
        -(traits.iter().filter(|t| m.has_trait(t)).count() as f64)
    })
}

/// A product's sizes, nearest in params to `params` first: the sum of the differences of every
/// param `params` names (a param a size lacks counts as its whole value).
pub fn sizes<'c>(product: &'c Product, params: Option<&Named<u32>>) -> Vec<&'c Size> {
    let Some(params) = params else {
        return product.sizes.iter().collect();
    };
    by_distance(product.sizes.iter(), |s| {
        params
            .iter()
            .map(|(k, v)| f64::from(s.params.get(k).map_or(*v, |w| v.abs_diff(*w))))
            .sum()
    })
}

/// Whether a motif is the plain one (whatever the catalog calls it): one colour, no parameters.
pub fn is_plain(m: &MotifSpec) -> bool {
    !m.colour2 && m.scale.is_none() && m.angle.is_none()
}

/// The motifs `part` allows in `c`: plain ones first, then in display order.
pub fn motifs<'c>(c: &'c Catalog, part: &PartSpec) -> Vec<&'c MotifSpec> {
    let found = part.motifs.iter().filter_map(|id| c.motif(id));
    by_distance(found, |m| if is_plain(m) { 0.0 } else { 1.0 })
}

/// Fonts that have a glyph for every letter of `text` first.
pub fn fonts<'c>(c: &'c Catalog, text: &str) -> Vec<&'c Font> {
    by_distance(c.fonts.iter(), |f| {
        if crate::validate::unsupported_char(text, f).is_none() {
            0.0
        } else {
            1.0
        }
    })
}

/// Monogram methods that mark the material the same way (`style`) first.
pub fn methods(c: &Catalog, style: Option<MonogramStyle>) -> Vec<&MonogramMethod> {
    by_distance(c.monogram_methods.iter(), |m| {
        if Some(m.style) == style {
            0.0
        } else {
            1.0
        }
    })
}

/// A method's colours nearest to `hex` first, where `None` is blind (the material's own colour):
/// blind matches only blind, and is furthest from every foil or thread.
pub fn method_colours<'c>(method: &'c MonogramMethod, hex: Option<&str>) -> Vec<&'c MethodColour> {
    by_distance(method.colours.iter(), |c| match (hex, c.hex.as_deref()) {
        (None, None) => 0.0,
        (Some(a), Some(b)) => delta_e(a, b),
        _ => f64::INFINITY,
    })
}

/// Placements on a part of `product` that `has_part`, those on `from`'s part and nearest to its
/// spot first.
pub fn placements<'c>(
    c: &'c Catalog,
    product: &Product,
    has_part: impl Fn(&str) -> bool,
    from: Option<&Placement>,
) -> Vec<&'c Placement> {
    let on_product = c
        .placements
        .iter()
        .filter(|p| product.part(&p.part).is_some() && has_part(&p.part));
    by_distance(on_product, |p| match from {
        // Other parts come after every spot on the same part (fractions are at most 1 apart).
        Some(f) => {
            ((p.x - f.x).powi(2) + (p.y - f.y).powi(2)).sqrt()
                + if p.part == f.part { 0.0 } else { 10.0 }
        }
        None => 0.0,
    })
}

/// Hardware nearest in colour to `hex` first.
pub fn hardware<'c>(c: &'c Catalog, hex: Option<&str>) -> Vec<&'c crate::catalog::Hardware> {
    match hex {
        Some(h) => by_distance(c.hardware.iter(), |x| delta_e(h, &x.hex)),
        None => c.hardware.iter().collect(),
    }
}

/// The allowed value of `range` nearest to `v` (ties go down).
pub fn snap(range: &crate::catalog::ParamRange, v: u16) -> u16 {
    let step = range.step.max(1);
    let clamped = v.clamp(range.min, range.max);
    let below = range.min + (clamped - range.min) / step * step;
    let above = below.saturating_add(step);
    if above <= range.max && above - clamped < clamped - below {
        above
    } else {
        below
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ParamRange;

    #[test]
    fn lab_matches_reference_values() {
        // Reference values from the CIE definitions: white is L 100, black L 0, sRGB red is
        // about (53.2, 80.1, 67.2).
        let close =
            |got: [f64; 3], want: [f64; 3]| got.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.1);
        assert!(close(lab("#ffffff").unwrap(), [100.0, 0.0, 0.0]));
        assert!(close(lab("#000000").unwrap(), [0.0, 0.0, 0.0]));
        assert!(close(lab("#ff0000").unwrap(), [53.24, 80.09, 67.20]));
        assert_eq!(lab("#12345"), None);
        assert_eq!(delta_e("#123456", "nope"), f64::INFINITY);
    }

    #[test]
    fn nearest_is_perceptual_not_rgb() {
        // Navy against a dark grey and a pure blue: by RGB distance the grey is nearer (110.9 vs
        // 127), by eye and by Lab the blue is (56.9 vs 81.5).
        let navy = "#000080";
        let (grey, blue) = ("#404040", "#0000ff");
        let rgb = |a: &str, b: &str| {
            let ch = |s: &str, i: usize| f64::from(u8::from_str_radix(&s[i..i + 2], 16).unwrap());
            [1, 3, 5]
                .iter()
                .map(|&i| (ch(a, i) - ch(b, i)).powi(2))
                .sum::<f64>()
                .sqrt()
        };
        assert!(
            rgb(navy, grey) < rgb(navy, blue),
            "the case must split RGB from Lab"
        );
        assert!(delta_e(navy, blue) < delta_e(navy, grey));
    }

    #[test]
    fn snap_goes_to_the_grid() {
        let r = ParamRange {
            min: 50,
            max: 200,
            step: 10,
            default: 100,
        };
        assert_eq!(snap(&r, 100), 100);
        assert_eq!(snap(&r, 104), 100);
        assert_eq!(snap(&r, 106), 110);
        assert_eq!(snap(&r, 10), 50);
        assert_eq!(snap(&r, 255), 200);
        let odd = ParamRange {
            min: 0,
            max: 45,
            step: 45,
            default: 0,
        };
        assert_eq!(snap(&odd, 90), 45);
        assert_eq!(snap(&odd, 30), 45);
    }
}
