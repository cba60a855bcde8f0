//! What is printed for a made item: its sew-in label at real size, and its cut sheet with the
//! same QR code, both pointing at the item's page (`/i/{id}`). The QR code is encoded by
//! `qrcodegen` (the encoder the web app uses); everything written on them is escaped.

use qrcodegen::{QrCode, QrCodeEcc};
use stitchfork_model::render::esc;

/// The label's size in millimetres (a common woven/printed sew-in label).
pub const LABEL_WIDTH_MM: u32 = 70;
pub const LABEL_HEIGHT_MM: u32 = 35;
/// Quiet zone around a code, in modules, as the QR standard asks.
const BORDER: i32 = 4;

/// A QR code of `text` as one SVG path in module units, and its full size with the quiet zone;
/// `None` if the text is too long to encode.
fn qr(text: &str) -> Option<(i32, String)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + BORDER, y + BORDER));
            }
        }
    }
    Some((size + 2 * BORDER, path))
}

/// The QR code of `url` drawn in a `side` x `side` square at (`x`, `y`) of the caller's units.
fn qr_group(url: &str, x: f64, y: f64, side: f64) -> String {
    match qr(url) {
        Some((modules, path)) => {
            let scale = side / f64::from(modules);
            format!(
                "<g transform=\"translate({x} {y}) scale({scale})\" shape-rendering=\"crispEdges\">\
                 <rect width=\"{modules}\" height=\"{modules}\" fill=\"#fff\"/>\
                 <path d=\"{path}\" fill=\"#000\"/></g>"
            )
        }
        None => String::new(),
    }
}

/// The sew-in label: 70 x 35 mm (the SVG says so in `mm`, so it prints at real size), the QR
/// code of `url` on the left, and beside it what the owner needs: the product, its id, who made
/// it and the claim code.
pub fn label_svg(
    url: &str,
    item_id: &str,
    claim_code: &str,
    product: &str,
    retailer: &str,
) -> String {
    let (w, h) = (LABEL_WIDTH_MM, LABEL_HEIGHT_MM);
    let side = f64::from(h) - 4.0;
    let text_x = side + 4.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"Helvetica, Arial, sans-serif\">\
         <rect width=\"{w}\" height=\"{h}\" rx=\"1.5\" fill=\"#fff\" stroke=\"#999\" stroke-width=\"0.2\" stroke-dasharray=\"1 1\"/>\
         {qr}\
         <text x=\"{text_x}\" y=\"7\" font-size=\"3.6\" font-weight=\"700\">Stitchfork</text>\
         <text x=\"{text_x}\" y=\"12\" font-size=\"2.6\">{product}</text>\
         <text x=\"{text_x}\" y=\"16\" font-size=\"2.4\" fill=\"#444\">{retailer}</text>\
         <text x=\"{text_x}\" y=\"21\" font-size=\"2.2\" fill=\"#444\">Item {item_id}</text>\
         <text x=\"{text_x}\" y=\"26\" font-size=\"2.2\" fill=\"#444\">Claim code</text>\
         <text x=\"{text_x}\" y=\"31\" font-size=\"3.4\" font-family=\"monospace\" font-weight=\"700\">{claim_code}</text>\
         </svg>",
        qr = qr_group(url, 2.0, 2.0, side),
        product = esc(product),
        retailer = esc(retailer),
        item_id = esc(item_id),
        claim_code = esc(claim_code),
    )
}

/// `cut_sheet` (the domain crate's SVG, as it is) with a band below it carrying the QR code of
/// `url` and the item's id, so the production sheet and the finished item point at one page.
pub fn cut_sheet_with_qr(cut_sheet: &str, url: &str, item_id: &str) -> String {
    let (w, h) = view_box(cut_sheet).unwrap_or((1390.0, 1240.0));
    let band = 180.0;
    let side = 150.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {total}\" width=\"{w}\" height=\"{total}\" \
         font-family=\"Helvetica, Arial, sans-serif\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>{cut_sheet}\
         {qr}\
         <text x=\"40\" y=\"{t1}\" font-size=\"22\" font-weight=\"700\">Item {id}</text>\
         <text x=\"40\" y=\"{t2}\" font-size=\"14\" fill=\"#444\">{url}</text></svg>",
        total = h + band,
        qr = qr_group(url, w - side - 30.0, h + 15.0, side),
        t1 = h + 70.0,
        t2 = h + 100.0,
        id = esc(item_id),
        url = esc(url),
    )
}

/// The width and height of an SVG whose `viewBox` starts at 0 0.
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let rest = &svg[svg.find("viewBox=\"0 0 ")? + "viewBox=\"0 0 ".len()..];
    let mut numbers = rest.split(['"', ' ']).take(2).map(|n| n.parse::<f64>());
    Some((numbers.next()?.ok()?, numbers.next()?.ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_is_real_size_and_escapes_what_it_prints() {
        let svg = label_svg("http://x.test/i/abc", "abc", "AB<12", "Sleeve & co", "Shop");
        assert!(svg.contains("width=\"70mm\" height=\"35mm\""));
        assert!(svg.contains("AB&lt;12") && svg.contains("Sleeve &amp; co"));
        assert!(
            svg.contains("M4,4h1v1h-1z"),
            "the finder pattern after the quiet zone"
        );
    }

    #[test]
    fn the_cut_sheet_keeps_its_size_and_gains_a_band() {
        let svg = cut_sheet_with_qr(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\"></svg>",
            "http://x.test/i/abc",
            "abc",
        );
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 230\"")
        );
    }
}
