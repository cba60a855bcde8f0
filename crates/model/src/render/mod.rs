//! Rendering: configuration + catalog -> SVG. Pure and deterministic (same input, same bytes);
//! every piece of text, the shopper's and the catalog's, is escaped.
//!
//! `preview.rs` draws the front view the shopper sees, `cut_sheet.rs` the flat panels production
//! cuts, `motif.rs` the `<pattern>` tiles both use. Invalid configurations still render (unknown
//! ids fall back to neutral grey) so a half-edited design never blanks the preview.

mod cut_sheet;
mod motif;
mod preview;
mod svg;

use crate::catalog::{Catalog, MonogramStyle};
use crate::config::Configuration;
use crate::Lang;

pub use motif::KINDS as MOTIF_KINDS;
pub use svg::esc;

/// Colour used where an id does not resolve.
const FALLBACK: &str = "#9a9a9a";

/// The product's front view as the shopper sees it, drawn from the catalog's view layers.
pub fn preview_svg(c: &Catalog, cfg: &Configuration) -> String {
    preview::render(c, cfg)
}

/// The `width` and `height` (pixels) [`preview_svg`] draws a design at, without drawing it: a
/// page can reserve the picture's place before it arrives. None where the preview would be the
/// neutral placeholder (unknown product or size, a view that does not evaluate).
pub fn preview_size(c: &Catalog, cfg: &Configuration) -> Option<(f64, f64)> {
    preview::size(c, cfg)
}

/// The production cut sheet: every panel flat, with dimensions, seam allowance, materials,
/// colours, monogram placement and a legend.
pub fn cut_sheet_svg(c: &Catalog, cfg: &Configuration, lang: Lang) -> String {
    cut_sheet::render(c, cfg, lang)
}

/// Pattern ids carry a prefix of the configuration's hash, so two different designs inlined in one
/// page never share an id.
fn id_prefix(cfg: &Configuration, kind: &str) -> String {
    format!("sf{kind}{}", &cfg.content_hash()[..10])
}

/// Ground colour of a part.
fn part_hex<'a>(c: &'a Catalog, cfg: &Configuration, part: &str) -> &'a str {
    cfg.parts
        .get(part)
        .and_then(|p| c.material(&p.material).and_then(|m| m.colour(&p.colour)))
        .map_or(FALLBACK, |col| col.hex.as_str())
}

/// How a part is painted: its colour, or its motif pattern (with id `{prefix}-{part}`).
fn part_fill(c: &Catalog, cfg: &Configuration, part: &str, prefix: &str) -> motif::Fill {
    let c1 = part_hex(c, cfg, part);
    let Some(choice) = cfg.parts.get(part) else {
        return motif::Fill {
            paint: c1.to_owned(),
            def: None,
        };
    };
    let c2 = choice
        .motif
        .colour2
        .as_deref()
        .and_then(|id| c.material(&choice.material).and_then(|m| m.colour(id)))
        .map_or_else(|| svg::shade(c1, 0.35), |col| col.hex.clone());
    motif::fill(&format!("{prefix}-{part}"), &choice.motif, c1, &c2)
}

/// Colour and stroke of a monogram: (fill, shadow/relief colour, is_embroidery).
fn monogram_inks(c: &Catalog, cfg: &Configuration, ground: &str) -> Option<(String, String, bool)> {
    let m = cfg.monogram.as_ref()?;
    let method = c.method(&m.method);
    let hex = method
        .and_then(|x| x.colour(&m.colour))
        .and_then(|x| x.hex.clone());
    let style = method.map_or(MonogramStyle::Embossed, |x| x.style);
    Some(match (style, hex) {
        (MonogramStyle::Stitched, Some(h)) => {
            let edge = svg::shade(&h, if svg::luminance(&h) > 0.5 { -0.35 } else { 0.3 });
            (h, edge, true)
        }
        // Foil: the foil colour with a shadow pressed into the ground.
        (_, Some(h)) => (h, svg::shade(ground, -0.45), false),
        // Blind deboss: darker letters with a light lower edge, as if pressed in.
        (MonogramStyle::Debossed, None) => {
            (svg::shade(ground, -0.3), svg::shade(ground, 0.3), false)
        }
        // Blind emboss (and thread without a colour): lighter raised letters with a shadow.
        (_, None) => (svg::shade(ground, 0.2), svg::shade(ground, -0.4), false),
    })
}
