//! The front view: the sleeve body in the outer front's fill, piped in the trim, with the closure
//! drawn on top (zip track, magnetic flap, or elastic band tab) and the monogram where it shows.

use super::svg::{esc, n, shade};
use super::{id_prefix, monogram_inks, part_fill, part_hex};
use crate::catalog::Catalog;
use crate::config::Configuration;

const MARGIN: f64 = 24.0;

pub(super) fn render(c: &Catalog, cfg: &Configuration) -> String {
    let product = c.product(&cfg.product);
    let size = product.and_then(|p| p.size(&cfg.size));
    let (w, h) = size.map_or((340.0, 250.0), |s| {
        (f64::from(s.width_mm), f64::from(s.height_mm))
    });
    let closure = c.closure(&cfg.closure.kind);
    let hw = c
        .hardware(&cfg.closure.hardware)
        .map_or(super::FALLBACK, |x| x.hex.as_str());
    let prefix = id_prefix(cfg, "p");
    let front = part_fill(c, cfg, "outer_front", &prefix);
    let flap = part_fill(c, cfg, "closure", &prefix);
    let trim = part_hex(c, cfg, "trim");
    let (x0, y0) = (MARGIN, MARGIN);
    let radius = 12.0;

    let mut defs = String::new();
    defs.extend(front.def.iter().cloned());
    defs.extend(flap.def.iter().cloned());
    // A soft top-left light so the flat colour reads as a padded object.
    defs.push_str(&format!(
        r##"<linearGradient id="{prefix}-light" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="0.18"/><stop offset="0.55" stop-color="#ffffff" stop-opacity="0"/><stop offset="1" stop-color="#000000" stop-opacity="0.14"/></linearGradient>"##
    ));

    let mut body = String::new();
    // Shadow under the sleeve.
    body.push_str(&format!(
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="{r}" fill="#000000" opacity="0.12"/>"##,
        n(x0 + 4.0),
        n(y0 + 6.0),
        n(w),
        n(h),
        r = n(radius)
    ));
    // The body, then the piping all round (the trim), then the light.
    let rect = |fill: &str, extra: &str| {
        format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"{extra}/>"#,
            n(x0),
            n(y0),
            n(w),
            n(h),
            n(radius)
        )
    };
    body.push_str(&rect(&front.paint, ""));
    body.push_str(&rect(&format!("url(#{prefix}-light)"), ""));
    body.push_str(&rect(
        "none",
        &format!(r#" stroke="{trim}" stroke-width="6""#),
    ));
    body.push_str(&rect("none", &format!(r#" stroke="{}" stroke-width="0.8" stroke-dasharray="3 2" transform="translate(0 0)" opacity="0.6""#, shade(trim, -0.4))));

    let mut flap_h = 0.0;
    match closure.map(|k| k.id.as_str()) {
        Some("magnetic-flap") => {
            flap_h = closure.map_or(90.0, |k| f64::from(k.panel_height_mm));
            let d = format!(
                "M{x0} {y0} H{x1} V{yb} Q{x1} {yc} {xr} {yc} H{xl} Q{x0} {yc} {x0} {yb} Z",
                x0 = n(x0),
                y0 = n(y0),
                x1 = n(x0 + w),
                yb = n(y0 + flap_h - 16.0),
                yc = n(y0 + flap_h),
                xr = n(x0 + w - 16.0),
                xl = n(x0 + 16.0)
            );
            body.push_str(&format!(
                r##"<path d="{d}" fill="#000000" opacity="0.18" transform="translate(0 3)"/>"##
            ));
            body.push_str(&format!(
                r#"<path d="{d}" fill="{}" stroke="{trim}" stroke-width="4"/>"#,
                flap.paint
            ));
            body.push_str(&format!(
                r#"<circle cx="{}" cy="{}" r="7" fill="{hw}" stroke="{}" stroke-width="1.2"/>"#,
                n(x0 + w / 2.0),
                n(y0 + flap_h - 14.0),
                shade(hw, -0.35)
            ));
        }
        Some("elastic-band") => {
            let (bw, bh) = (48.0, 96.0);
            let bx = x0 + w / 2.0 - bw / 2.0;
            body.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" stroke="{trim}" stroke-width="3"/>"#,
                n(bx),
                n(y0 - 4.0),
                n(bw),
                n(bh),
                flap.paint
            ));
            // The elastic cord runs from the tab's clasp down over the front to the bottom seam.
            body.push_str(&format!(
                r##"<rect x="{}" y="{}" width="10" height="{}" fill="#1d1d1d" opacity="0.9"/>"##,
                n(x0 + w / 2.0 - 5.0),
                n(y0 + bh - 8.0),
                n(h - bh + 8.0)
            ));
            body.push_str(&format!(
                r#"<rect x="{}" y="{}" width="26" height="14" rx="3" fill="{hw}" stroke="{}" stroke-width="1.2"/>"#,
                n(x0 + w / 2.0 - 13.0),
                n(y0 + bh - 14.0),
                shade(hw, -0.35)
            ));
        }
        _ => {
            // Zip: a facing strip along the top opening with the teeth and a pull.
            let zy = y0 + 14.0;
            body.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="14" fill="{}"/>"#,
                n(x0 + 10.0),
                n(zy - 7.0),
                n(w - 20.0),
                flap.paint
            ));
            body.push_str(&format!(
                r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{hw}" stroke-width="5" stroke-dasharray="1.6 1.2"/>"#,
                n(x0 + 14.0),
                n(x0 + w - 14.0),
                y = n(zy)
            ));
            let px = x0 + w - 58.0;
            body.push_str(&format!(
                r#"<rect x="{}" y="{}" width="14" height="10" rx="2" fill="{hw}" stroke="{e}" stroke-width="1"/><rect x="{}" y="{}" width="10" height="26" rx="4" fill="{hw}" stroke="{e}" stroke-width="1"/><rect x="{}" y="{}" width="4" height="12" rx="2" fill="{e}"/>"#,
                n(px - 2.0),
                n(zy - 5.0),
                n(px),
                n(zy + 3.0),
                n(px + 3.0),
                n(zy + 10.0),
                e = shade(hw, -0.35)
            ));
        }
    }

    // The monogram, when its placement is on the front or on a visible flap.
    if let (Some(m), Some(pl)) = (
        &cfg.monogram,
        cfg.monogram
            .as_ref()
            .and_then(|m| c.placement(&m.placement)),
    ) {
        let visible = match pl.part.as_str() {
            "outer_front" => Some((
                x0 + pl.x * w,
                y0 + pl.y * h,
                part_hex(c, cfg, "outer_front"),
            )),
            "closure" if flap_h > 0.0 => Some((
                x0 + pl.x * w,
                y0 + pl.y * flap_h,
                part_hex(c, cfg, "closure"),
            )),
            _ => None,
        };
        if let (Some((x, y, ground)), Some((ink, relief, stitched))) = (
            visible,
            visible.and_then(|(_, _, g)| monogram_inks(c, cfg, g)),
        ) {
            let family = c.font(&m.font).map_or("serif", |f| f.family.as_str());
            let size = f64::from(pl.text_height_mm) * 1.4;
            let text = esc(&m.text);
            let common = format!(
                r#"font-family="{}" font-size="{}" text-anchor="{}" font-weight="600""#,
                esc(family),
                n(size),
                esc(&pl.anchor)
            );
            let _ = ground;
            if stitched {
                body.push_str(&format!(
                    r#"<text x="{}" y="{}" {common} fill="{ink}" stroke="{relief}" stroke-width="0.6" stroke-dasharray="1.2 0.6">{text}</text>"#,
                    n(x),
                    n(y)
                ));
            } else {
                body.push_str(&format!(
                    r#"<text x="{}" y="{}" {common} fill="{relief}">{text}</text>"#,
                    n(x + 0.8),
                    n(y + 0.8)
                ));
                body.push_str(&format!(
                    r#"<text x="{}" y="{}" {common} fill="{ink}">{text}</text>"#,
                    n(x),
                    n(y)
                ));
            }
        }
    }

    let (vw, vh) = (w + 2.0 * MARGIN, h + 2.0 * MARGIN);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img"><defs>{defs}</defs>{body}</svg>"#,
        n(vw),
        n(vh),
        n(vw * 2.0),
        n(vh * 2.0)
    )
}
