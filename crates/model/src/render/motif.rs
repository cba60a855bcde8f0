//! Motifs as SVG `<pattern>` elements. Each motif is one tile drawn in two colours; `scale` sizes
//! the tile, `angle` rotates it with `patternTransform`. Solid needs no pattern.

use super::svg::n;
use crate::config::MotifChoice;

/// The motif kinds this renderer draws; a catalog's motifs use these ids (checked at load).
pub const KINDS: [&str; 7] = [
    "solid",
    "stripes",
    "herringbone",
    "houndstooth",
    "dots",
    "chevron",
    "tartan",
];

/// How a surface is painted: a plain colour, or a pattern defined in `<defs>`.
pub struct Fill {
    /// `fill` attribute value: `#rrggbb` or `url(#id)`.
    pub paint: String,
    /// The `<pattern>` element to put in `<defs>`, if any.
    pub def: Option<String>,
}

/// `id` must be unique within the document; `c1` is the ground, `c2` the motif colour.
pub fn fill(id: &str, motif: &MotifChoice, c1: &str, c2: &str) -> Fill {
    let scale = f64::from(motif.scale.max(1)) / 100.0;
    let tile = |base: f64| base * scale;
    let (w, h, body) = match motif.kind.as_str() {
        "stripes" => {
            let s = tile(16.0);
            (
                s,
                s,
                format!(
                    r#"<rect width="{}" height="{}" fill="{c2}"/>"#,
                    n(s / 2.0),
                    n(s)
                ),
            )
        }
        "herringbone" => {
            // Two columns of thin diagonal twills leaning opposite ways, broken at the column edge.
            let s = tile(14.0);
            let (half, sw) = (s / 2.0, s / 9.0);
            let mut d = String::new();
            for k in [-1.0, 0.0, 1.0, 2.0] {
                let y = k * half;
                d.push_str(&format!("M0 {} L{} {} ", n(y + half), n(half), n(y)));
                // The right column is shifted a quarter tile so the twills break instead of meeting.
                let y2 = y + half / 2.0;
                d.push_str(&format!(
                    "M{} {} L{} {} ",
                    n(half),
                    n(y2),
                    n(s),
                    n(y2 + half)
                ));
            }
            let body = format!(
                r#"<path d="{}" stroke="{c2}" stroke-width="{}" stroke-linecap="butt"/><rect x="{}" width="{}" height="{}" fill="{c2}" opacity="0.35"/>"#,
                d.trim_end(),
                n(sw * 1.6),
                n(half - sw / 4.0),
                n(sw / 2.0),
                n(half)
            );
            (s, half, body)
        }
        "houndstooth" => {
            // Woven from first principles: 4 dark + 4 light threads each way in a 2/2 twill. Where
            // warp and weft differ, the thread on top (by the twill) shows. One rect per dark run.
            let u = tile(16.0) / 8.0;
            let dark = |r: i32, col: i32| match (r < 4, col < 4) {
                (true, true) => true,
                (false, false) => false,
                (true, false) => (col - r).rem_euclid(4) >= 2,
                (false, true) => (col - r).rem_euclid(4) < 2,
            };
            let mut d = String::new();
            for r in 0..8 {
                let mut col = 0;
                while col < 8 {
                    if dark(r, col) {
                        let start = col;
                        while col < 8 && dark(r, col) {
                            col += 1;
                        }
                        d.push_str(&format!(
                            "M{} {}h{}v{}h-{}Z",
                            n(f64::from(start) * u),
                            n(f64::from(r) * u),
                            n(f64::from(col - start) * u),
                            n(u),
                            n(f64::from(col - start) * u)
                        ));
                    } else {
                        col += 1;
                    }
                }
            }
            (8.0 * u, 8.0 * u, format!(r#"<path d="{d}" fill="{c2}"/>"#))
        }
        "dots" => {
            let s = tile(12.0);
            let r = s / 6.0;
            let body = format!(
                r#"<g fill="{c2}"><circle cx="{h}" cy="{h}" r="{r}"/><circle cx="0" cy="0" r="{r}"/><circle cx="{s}" cy="0" r="{r}"/><circle cx="0" cy="{s}" r="{r}"/><circle cx="{s}" cy="{s}" r="{r}"/></g>"#,
                h = n(s / 2.0),
                r = n(r),
                s = n(s)
            );
            (s, s, body)
        }
        "chevron" => {
            let s = tile(18.0);
            let h = s / 2.0;
            let mut d = String::new();
            for k in [-1.0, 0.0, 1.0] {
                let y = k * h;
                d.push_str(&format!(
                    "M0 {} L{} {} L{} {} ",
                    n(y + h * 0.75),
                    n(h),
                    n(y + h * 0.25),
                    n(s),
                    n(y + h * 0.75)
                ));
            }
            let body = format!(
                r#"<path d="{}" fill="none" stroke="{c2}" stroke-width="{}"/>"#,
                d.trim_end(),
                n(h * 0.32)
            );
            (s, h, body)
        }
        "tartan" => {
            // Broad bands of the second colour both ways, a fine overcheck, and a light pinstripe.
            let s = tile(36.0);
            let body = format!(
                concat!(
                    r#"<g fill="{c2}"><rect width="{s}" height="{b}" opacity="0.55"/><rect width="{b}" height="{s}" opacity="0.55"/>"#,
                    r#"<rect y="{l}" width="{s}" height="{t}" opacity="0.9"/><rect x="{l}" width="{t}" height="{s}" opacity="0.9"/></g>"#,
                    r##"<g fill="#ffffff" opacity="0.35"><rect y="{p}" width="{s}" height="{t2}"/><rect x="{p}" width="{t2}" height="{s}"/></g>"##
                ),
                c2 = c2,
                s = n(s),
                b = n(s * 0.34),
                l = n(s * 0.62),
                t = n(s * 0.06),
                p = n(s * 0.82),
                t2 = n(s * 0.025)
            );
            (s, s, body)
        }
        // Solid, and anything unknown (validation refuses it), paint flat.
        _ => {
            return Fill {
                paint: c1.to_owned(),
                def: None,
            }
        }
    };
    let transform = if motif.angle.is_multiple_of(360) {
        String::new()
    } else {
        format!(r#" patternTransform="rotate({})""#, motif.angle)
    };
    let def = format!(
        r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="{}" height="{}"{transform}><rect width="{}" height="{}" fill="{c1}"/>{body}</pattern>"#,
        n(w),
        n(h),
        n(w),
        n(h)
    );
    Fill {
        paint: format!("url(#{id})"),
        def: Some(def),
    }
}
