//! Worked pricing examples a person can check by hand.
//!
//! Cut area: front/back (w+20) x (h+20); lining (w+20) x (2h+20), one folded piece; trim 2 strips of
//! (2h+w+20) x 30; closure panel (closure width or w, +20) x (closure height+20). Seam allowance 10 mm.
//! Material cost = area in dm^2 (mm^2 / 10 000) x price per dm^2, rounded half up to a cent.

mod common;

use common::*;
use stitchfork_model::pricing::{area_cost, quote};
use stitchfork_model::Lang;

fn amounts(q: &stitchfork_model::Quote) -> Vec<i64> {
    q.lines.iter().map(|l| l.amount_minor).collect()
}

#[test]
fn default_14_inch_ultrasuede_sleeve() {
    let q = quote(cat(), &default(), Lang::En).unwrap();
    assert_eq!(q.currency, "EUR");
    let labels: Vec<&str> = q.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Laptop sleeve, 14″ laptops",
            "Outer front: Ultrasuede, 9.72 dm²",
            "Outer back: Ultrasuede, 9.72 dm²",
            "Lining: Wool felt, 18.72 dm²",
            "Trim and piping: Full-grain leather, 5.16 dm²",
            "Closure panel: Ultrasuede, 2.16 dm²",
            "Closure: Zip",
        ]
    );
    assert_eq!(
        amounts(&q),
        [
            3200, // base, 14"
            1750, // 360 x 270 = 97 200 mm² = 9.72 dm² x 1.80 = 17.496 -> 17.50
            1750, // same
            1685, // 360 x 520 = 187 200 mm² = 18.72 dm² x 0.90 = 16.848 -> 16.85
            1342, // 2 x 860 x 30 = 51 600 mm² = 5.16 dm² x 2.60 = 13.416 -> 13.42
            389,  // 360 x 60 = 21 600 mm² = 2.16 dm² x 1.80 = 3.888 -> 3.89
            1200, // zip; nickel hardware is free and gets no line
        ]
    );
    assert_eq!(q.total_minor, 11316);
}

#[test]
fn sixteen_inch_waxed_canvas_with_flap_brass_and_emboss() {
    let q = quote(cat(), &flap_herringbone(), Lang::En).unwrap();
    assert_eq!(
        amounts(&q),
        [
            3600, // base, 16"
            1314, // front: 405 x 295 = 119 475 mm² x 1.10/dm² = 13.142 -> 13.14
            600,  // herringbone surcharge
            1314, // back, same waxed canvas, solid
            2078, // lining felt: 405 x 570 = 230 850 mm² x 0.90 = 20.777 -> 20.78
            1490, // trim leather: 2 x 955 x 30 = 57 300 mm² x 2.60 = 14.898 -> 14.90
            802,  // flap Ultrasuede: 405 x 110 = 44 550 mm² x 1.80 = 8.019 -> 8.02
            300,  // stripes surcharge on the flap
            900,  // magnetic flap
            200,  // brass
            900,  // emboss, no per-letter charge
        ]
    );
    assert_eq!(q.total_minor, 13498);
    assert_eq!(q.lines[2].label, "Outer front: Herringbone motif");
    assert_eq!(q.lines.last().unwrap().label, "Monogram: Emboss, “AJ”");
}

#[test]
fn thirteen_inch_nylon_with_elastic_band_and_embroidery() {
    let q = quote(cat(), &elastic_dots(), Lang::Sv).unwrap();
    assert_eq!(
        amounts(&q),
        [
            2900, // base, 13"
            616,  // front nylon: 345 x 255 = 87 975 mm² x 0.70 = 6.158 -> 6.16
            300,  // dots
            616,  // back nylon
            500,  // chevron
            1183, // lining nylon: 345 x 490 = 169 050 mm² x 0.70 = 11.834 -> 11.83
            300,  // stripes
            342,  // trim nylon: 2 x 815 x 30 = 48 900 mm² x 0.70 = 3.423 -> 3.42
            78,   // elastic tab: 80 x 140 = 11 200 mm² x 0.70 = 0.784 -> 0.78
            500,  // elastic band; gunmetal is free
            1600, // embroidery 12.00 + 4 letters x 1.00
        ]
    );
    assert_eq!(q.total_minor, 8935);
    // Swedish labels use a decimal comma.
    assert_eq!(q.lines[1].label, "Framsida: Återvunnen nylon, 8,80 dm²");
}

#[test]
fn spaces_in_a_monogram_are_not_charged() {
    let mut cfg = elastic_dots();
    cfg.monogram.as_mut().unwrap().text = "А Б В".into();
    let q = quote(cat(), &cfg, Lang::En).unwrap();
    assert_eq!(q.lines.last().unwrap().amount_minor, 1200 + 3 * 100);
}

#[test]
fn rounding_is_half_up_to_the_minor_unit() {
    assert_eq!(area_cost(5_000, 1), 1); // 0.5 -> 1
    assert_eq!(area_cost(4_999, 1), 0); // 0.4999 -> 0
    assert_eq!(area_cost(10_000, 180), 180); // exactly 1 dm²
}

#[test]
fn invalid_designs_get_problems_not_a_price() {
    let mut cfg = default();
    cfg.closure.hardware = "platinum".into();
    let ps = quote(cat(), &cfg, Lang::En).unwrap_err();
    assert_eq!(ps[0].path, "closure.hardware");
}

#[test]
fn total_is_the_sum_of_the_lines() {
    for cfg in [
        default(),
        flap_herringbone(),
        elastic_dots(),
        houndstooth_deboss(),
        tartan_emboss(),
    ] {
        let q = quote(cat(), &cfg, Lang::Ru).unwrap();
        assert_eq!(q.total_minor, amounts(&q).iter().sum::<i64>());
    }
}
