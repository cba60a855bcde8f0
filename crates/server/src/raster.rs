//! SVG to PNG on the server, with `resvg`: the social card of a pattern (1200 x 630, the size
//! Open Graph and Twitter's large card expect), drawn from the very SVG the domain crate renders
//! for the browser. Server only: the web app never links a rasterizer.
//!
//! Fonts come from the system once per process (monograms are text); without any, a monogram
//! is left out of the picture and everything else is drawn.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// The card's size in pixels.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;
/// Space kept around the design on the card.
const MARGIN: f32 = 40.0;
/// The card's background (the app's page colour, so the design sits as it does in the gallery).
const BACKGROUND: (u8, u8, u8) = (0xfb, 0xfa, 0xf7);

/// Why an SVG could not become a PNG (our own SVGs: a bug, reported as a 500).
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the SVG does not parse: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the SVG has no size")]
    Empty,
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

/// The system's fonts, read once (reading them takes a while; every card shares them).
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            Arc::new(db)
        })
        .clone()
}

/// `svg` centred on a 1200 x 630 card, scaled to fit inside the margin, as PNG bytes.
/// CPU-bound (tens of milliseconds): call it off the async threads.
pub fn card_png(svg: &str) -> Result<Vec<u8>, RasterError> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if w <= 0.0 || h <= 0.0 {
        return Err(RasterError::Empty);
    }
    let mut pixmap = Pixmap::new(CARD_WIDTH, CARD_HEIGHT).ok_or(RasterError::Empty)?;
    let (r, g, b) = BACKGROUND;
    pixmap.fill(Color::from_rgba8(r, g, b, 255));
    let scale =
        ((CARD_WIDTH as f32 - 2.0 * MARGIN) / w).min((CARD_HEIGHT as f32 - 2.0 * MARGIN) / h);
    let x = (CARD_WIDTH as f32 - w * scale) / 2.0;
    let y = (CARD_HEIGHT as f32 - h * scale) / 2.0;
    resvg::render(
        &tree,
        Transform::from_row(scale, 0.0, 0.0, scale, x, y),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RasterError::Png(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_fills_the_card_and_bad_svg_is_an_error() {
        let png = card_png(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#000"/></svg>"##,
        )
        .expect("png");
        assert_eq!(&png[1..4], b"PNG");
        assert!(card_png("<svg").is_err());
    }
}
