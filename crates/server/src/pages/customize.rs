//! `/customize/{product}` with a first paint: the product's starting design, drawn by the server
//! into the app's `index.html`, so the customizer's picture and title are there before the wasm
//! (#16). Only for the plain address of a built-in product: a shared design (`?d=`), a fork or a
//! retailer's catalog is the app's to draw.
//!
//! A visitor with a saved draft of this product would see the starting design and then their
//! own: the page's preload script marks such a visit (`sf-app-first` on `<html>`, from
//! localStorage, as for a visitor in another language), and style/main.css then shows the app
//! as it loads instead of this. The app
//! removes it once its customizer is shown (`app::first_paint_done`). English, like the other
//! first paints; the drawing is the domain's own preview, whose text is escaped.

use stitchfork_model::render::{esc, preview_svg};
use stitchfork_model::{Catalog, Configuration, Lang};

/// The page's header and the customizer's stage and title as the app lays them out, or None for
/// a product the catalog does not have. The drawing is hidden from screen readers like the app's
/// (its wrapper carries the name); the page's `h1` is the product's name, as in the app.
pub(super) fn first_paint(catalog: &Catalog, product: &str) -> Option<String> {
    let spec = catalog.product(product)?;
    let cfg = Configuration::default_for(catalog, product)?;
    let svg = preview_svg(catalog, &cfg).replacen(
        "<svg ",
        "<svg aria-hidden=\"true\" focusable=\"false\" ",
        1,
    );
    Some(format!(
        "<div id=\"first-paint\"><header class=\"site\"><a class=\"brand\" href=\"/\" translate=\"no\">Stitchfork</a></header>\
         <main><div class=\"customizer\"><div class=\"stage\"><div class=\"preview-box\">\
         <div class=\"preview\" role=\"img\" aria-label=\"Preview of your design\">{svg}</div></div></div>\
         <div class=\"panels\"><h1 class=\"customize-title\">{}</h1></div></div></main></div>",
        esc(spec.name.get(Lang::En)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_product_is_drawn_and_an_unknown_one_is_not() {
        let c = Catalog::builtin();
        for p in &c.products {
            let html = first_paint(c, &p.id).expect("a first paint");
            assert!(html.contains("<svg aria-hidden=\"true\""), "{html}");
            assert!(html.contains(&format!(
                "<h1 class=\"customize-title\">{}</h1>",
                esc(p.name.get(Lang::En))
            )));
        }
        assert!(first_paint(c, "no-such-product").is_none());
    }
}
