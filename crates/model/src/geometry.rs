//! Panel geometry: the flat pieces each part is cut as, for a size and closure, from the part's
//! outline in the catalog. Pricing charges for the cut area; the cut sheet draws the same pieces,
//! so the two cannot disagree.
//!
//! The catalog writes the sewing line; the cut line is that polygon with every edge moved outwards
//! by its seam allowance (a mitre offset: neighbouring offset edges meet at their intersection).

use crate::catalog::{PartSpec, Product};
use crate::expr::{Env, ExprError};

/// A point in millimetres (y down).
pub type Pt = (f64, f64);

/// One part's flat pieces, in millimetres. `count` identical pieces are cut.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub part: String,
    /// Sewing line (finished shape).
    pub sew: Vec<Pt>,
    /// Cut line, seam allowance included.
    pub cut: Vec<Pt>,
    pub count: u32,
    /// Fold lines: `(is_vertical, at)` in the sewing line's coordinates.
    pub folds: Vec<(bool, f64)>,
}

/// Bounding box `(min_x, min_y, max_x, max_y)`.
pub fn bbox(pts: &[Pt]) -> (f64, f64, f64, f64) {
    pts.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
    )
}

/// Signed area by the shoelace formula (positive when the corners run clockwise on screen).
pub fn signed_area(pts: &[Pt]) -> f64 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

/// Whether the polygon is an axis-aligned rectangle (drawn as `<rect>`).
pub fn is_rect(pts: &[Pt]) -> bool {
    pts.len() == 4
        && (0..4).all(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % 4]);
            a.0 == b.0 || a.1 == b.1
        })
}

impl Panel {
    pub fn cut_area_mm2(&self) -> u64 {
        // Rounded to whole mm² (exact for the usual integer outlines) so prices are stable.
        let one = signed_area(&self.cut).abs().round();
        (one as u64).saturating_mul(u64::from(self.count))
    }
}

/// Why a part has no geometry for a size: which expression failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeError {
    /// Path inside the part, e.g. `outline[2][0]` or `folds[0].y`.
    pub at: String,
    pub error: ExprError,
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Moves every edge outwards by its allowance and joins neighbouring edges at their intersection.
pub fn offset(pts: &[Pt], allowance: &[f64]) -> Vec<Pt> {
    let n = pts.len();
    let outward = if signed_area(pts) >= 0.0 { 1.0 } else { -1.0 };
    // Each offset edge as (point on it, direction).
    let edges: Vec<(Pt, Pt)> = (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt().max(f64::MIN_POSITIVE);
            let s = allowance.get(i).copied().unwrap_or(0.0) * outward / len;
            ((a.0 + dy * s, a.1 - dx * s), (dx, dy))
        })
        .collect();
    (0..n)
        .map(|i| {
            let (p, d) = edges[(i + n - 1) % n];
            let (q, e) = edges[i];
            let cross = d.0 * e.1 - d.1 * e.0;
            let v = if cross.abs() < 1e-12 {
                // Parallel neighbours (a straight corner): the start of the current offset edge.
                q
            } else {
                let t = ((q.0 - p.0) * e.1 - (q.1 - p.1) * e.0) / cross;
                (p.0 + d.0 * t, p.1 + d.1 * t)
            };
            (round3(v.0), round3(v.1))
        })
        .collect()
}

/// The pieces of one part for the given named numbers (a size's and its closure's).
pub fn panel(product: &Product, spec: &PartSpec, env: &Env) -> Result<Panel, ShapeError> {
    // The path is only written when an expression fails (rendering evaluates these per click).
    let eval = |e: &crate::expr::Expr, at: &dyn Fn() -> String| {
        e.eval(env).map_err(|error| ShapeError { at: at(), error })
    };
    let mut sew = Vec::with_capacity(spec.outline.len());
    for (i, [x, y]) in spec.outline.iter().enumerate() {
        sew.push((
            eval(x, &|| format!("outline[{i}][0]"))?,
            eval(y, &|| format!("outline[{i}][1]"))?,
        ));
    }
    let default = f64::from(product.seam_allowance_mm);
    let allowance: Vec<f64> = (0..sew.len())
        .map(|i| {
            spec.seam
                .as_ref()
                .and_then(|s| s.get(i))
                .map_or(default, |a| f64::from(*a))
        })
        .collect();
    let cut = offset(&sew, &allowance);
    let mut folds = Vec::with_capacity(spec.folds.len());
    for (i, f) in spec.folds.iter().enumerate() {
        match (&f.x, &f.y) {
            (Some(x), _) => folds.push((true, eval(x, &|| format!("folds[{i}].x"))?)),
            (None, Some(y)) => folds.push((false, eval(y, &|| format!("folds[{i}].y"))?)),
            (None, None) => {}
        }
    }
    Ok(Panel {
        part: spec.id.clone(),
        sew,
        cut,
        count: spec.count,
        folds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangle_offsets_by_each_edges_allowance() {
        let r = [(0.0, 0.0), (100.0, 0.0), (100.0, 30.0), (0.0, 30.0)];
        assert_eq!(
            offset(&r, &[10.0; 4]),
            vec![(-10.0, -10.0), (110.0, -10.0), (110.0, 40.0), (-10.0, 40.0)]
        );
        // Allowance only at the short ends.
        assert_eq!(
            offset(&r, &[0.0, 10.0, 0.0, 10.0]),
            vec![(-10.0, 0.0), (110.0, 0.0), (110.0, 30.0), (-10.0, 30.0)]
        );
        // Counter-clockwise corners grow outwards too.
        let ccw: Vec<Pt> = r.iter().rev().copied().collect();
        assert_eq!(signed_area(&offset(&ccw, &[10.0; 4])).abs(), 120.0 * 50.0);
        assert!(is_rect(&r));
    }

    #[test]
    fn trapezoid_area() {
        let t = [(0.0, 0.0), (100.0, 0.0), (80.0, 50.0), (20.0, 50.0)];
        assert_eq!(signed_area(&t), 4000.0);
        assert!(!is_rect(&t));
        assert!(signed_area(&offset(&t, &[5.0; 4])) > 4000.0);
    }
}
