//! Rendering: configuration + catalog -> SVG. Pure, deterministic (same input, same bytes), and
//! every piece of text escaped.

use crate::catalog::Catalog;
use crate::config::Configuration;
use crate::Lang;

/// The sleeve's front view as the shopper sees it.
pub fn preview_svg(_c: &Catalog, _cfg: &Configuration) -> String {
    String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"></svg>")
}

/// The production cut sheet: every panel flat, with dimensions, materials and a legend.
pub fn cut_sheet_svg(_c: &Catalog, _cfg: &Configuration, _lang: Lang) -> String {
    String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"></svg>")
}
