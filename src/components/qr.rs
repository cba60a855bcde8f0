//! A QR code of a URL, drawn as one SVG path (qrcodegen does the encoding).

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// Quiet zone around the code, in modules, as the QR standard asks.
const BORDER: i32 = 4;

/// The SVG markup of a QR code for `text`, or None if it is too long to encode.
pub fn qr_svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + BORDER, y + BORDER));
            }
        }
    }
    let full = size + 2 * BORDER;
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" shape-rendering="crispEdges" aria-hidden="true"><rect width="100%" height="100%" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// The QR code as an image with an accessible name.
#[component]
pub fn Qr(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let svg = Memo::new(move |_| qr_svg(&text.get()).unwrap_or_default());
    view! { <div class="qr" role="img" aria-label=move || label.get() inner_html=move || svg.get()></div> }
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn encodes_a_url_with_quiet_zone() {
        let svg = qr_svg("https://example.test/p/abc123").expect("encodable");
        // Version 2 or 3 for this length: 25 or 29 modules + 2*4 quiet zone.
        assert!(svg.contains("viewBox=\"0 0 33 33\"") || svg.contains("viewBox=\"0 0 37 37\""));
        // The top-left finder pattern starts right after the quiet zone.
        assert!(svg.contains("M4,4h1v1h-1z"));
        // Nothing is drawn inside the quiet zone.
        assert!(!svg.contains("M0,") && !svg.contains("M3,"));
    }

    #[test]
    fn different_text_gives_a_different_code() {
        assert_ne!(qr_svg("https://a.test/p/1"), qr_svg("https://a.test/p/2"));
    }
}
