//! Golden outputs of the laptop sleeve: preview SVG, cut-sheet SVG and price for a spread of
//! configurations (every size x every closure, monogram on and off on every placement, each
//! material and several motifs), recorded in `tests/golden/` when the sleeve's shape was still Rust
//! code. Moving the shape into catalog data must keep every byte; a deliberate change is re-recorded
//! with `STITCHFORK_UPDATE_GOLDEN=1` and explained in the commit.

mod common;

use std::path::PathBuf;

use common::*;
use stitchfork_model::pricing::quote;
use stitchfork_model::render::{cut_sheet_svg, preview_svg};
use stitchfork_model::{Configuration, Lang};

fn golden(file: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file);
    if std::env::var_os("STITCHFORK_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden {}; record with STITCHFORK_UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert!(want == got, "{file} differs from its golden output");
}

/// (material, colour, motif, second colour, scale, angle).
type Dress = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    u8,
    u16,
);

/// Outer materials with a colour, a motif and a second colour the rules allow on them.
const OUTERS: [Dress; 6] = [
    ("ultrasuede", "ink", "solid", None, 100, 0),
    ("leather", "cognac", "solid", None, 100, 0),
    ("wool-felt", "forest", "dots", Some("cream"), 120, 0),
    ("waxed-canvas", "navy", "herringbone", Some("stone"), 80, 30),
    (
        "recycled-nylon",
        "cobalt",
        "stripes",
        Some("neon-pink"),
        150,
        45,
    ),
    ("ultrasuede", "teal", "tartan", Some("sand"), 100, 45),
];
const LININGS: [(&str, &str, &str, Option<&str>); 3] = [
    ("wool-felt", "heather-grey", "solid", None),
    ("recycled-nylon", "glacier", "stripes", Some("sage")),
    ("ultrasuede", "sand", "dots", Some("moss")),
];
const TRIMS: [(&str, &str); 4] = [
    ("leather", "cognac"),
    ("ultrasuede", "slate"),
    ("waxed-canvas", "brick"),
    ("recycled-nylon", "black"),
];
const CLOSURES: [(&str, &str); 3] = [
    ("zip", "nickel"),
    ("magnetic-flap", "brass"),
    ("elastic-band", "gunmetal"),
];
const PLACEMENTS: [&str; 5] = [
    "front-bottom-right",
    "front-center",
    "front-top-left",
    "back-center",
    "lining-label",
];

fn with_motif(
    kind: &str,
    c2: Option<&str>,
    scale: u8,
    angle: u16,
) -> stitchfork_model::config::MotifChoice {
    motif(kind, c2, scale, angle)
}

/// 3 sizes x 3 closures x monogram off/on: 18 designs, each a different mix of the lists above.
fn generated() -> Vec<(String, Configuration, Lang)> {
    let mut out = Vec::new();
    let mut i = 0usize;
    for size in ["13", "14", "16"] {
        for (kind, hw) in CLOSURES {
            for mono in [false, true] {
                let mut c = default();
                c.size = size.into();
                c.closure.kind = kind.into();
                c.closure.hardware = hw.into();
                let (m, col, mo, c2, sc, an) = OUTERS[i % OUTERS.len()];
                set(&mut c, "outer_front", m, col, with_motif(mo, c2, sc, an));
                let (m, col, mo, c2, sc, an) = OUTERS[(i + 1) % OUTERS.len()];
                set(&mut c, "outer_back", m, col, with_motif(mo, c2, sc, an));
                let (m, col, mo, c2, sc, an) = OUTERS[(i + 2) % OUTERS.len()];
                set(&mut c, "closure", m, col, with_motif(mo, c2, sc, an));
                let (m, col, mo, c2) = LININGS[i % LININGS.len()];
                set(&mut c, "lining", m, col, with_motif(mo, c2, 100, 0));
                let (m, col) = TRIMS[i % TRIMS.len()];
                set(&mut c, "trim", m, col, with_motif("solid", None, 100, 0));
                if mono {
                    let placement = if kind == "magnetic-flap" && i % 4 == 1 {
                        "flap-center"
                    } else {
                        PLACEMENTS[(i / 2) % PLACEMENTS.len()]
                    };
                    let part = match placement {
                        "back-center" => "outer_back",
                        "lining-label" => "lining",
                        "flap-center" => "closure",
                        _ => "outer_front",
                    };
                    let ground = c.parts[part].material.clone();
                    let (method, colour, font) = match ground.as_str() {
                        "leather" => ("deboss", "blind", "serif"),
                        "ultrasuede" if i.is_multiple_of(3) => ("emboss", "gold-foil", "script"),
                        "ultrasuede" => ("emboss", "blind", "sans"),
                        _ => ("embroidery", "gold", "sans"),
                    };
                    let text = ["AJ", "Åsa", "ЕК", "M&K", "OS"][i % 5];
                    c.monogram = Some(monogram(text, font, method, placement, colour));
                } else {
                    c.monogram = None;
                }
                let lang = Lang::ALL[i % 3];
                out.push((
                    format!("gen-{size}-{kind}-{}", if mono { "mono" } else { "plain" }),
                    c,
                    lang,
                ));
                i += 1;
            }
        }
    }
    out
}

fn cases() -> Vec<(String, Configuration, Lang)> {
    let mut out = vec![
        ("default".to_string(), default(), Lang::En),
        ("flap-herringbone".to_string(), flap_herringbone(), Lang::Sv),
        ("elastic-dots".to_string(), elastic_dots(), Lang::Ru),
        (
            "houndstooth-deboss".to_string(),
            houndstooth_deboss(),
            Lang::En,
        ),
        ("tartan-emboss".to_string(), tartan_emboss(), Lang::En),
    ];
    out.extend(generated());
    out
}

fn price_text(cfg: &Configuration, lang: Lang) -> String {
    let q = quote(cat(), cfg, lang).expect("golden cases are valid");
    let mut s = format!("{}\n", cfg.canonical_json());
    for l in &q.lines {
        s.push_str(&format!("{}\t{}\n", l.amount_minor, l.label));
    }
    s.push_str(&format!("{}\t{}\n", q.total_minor, q.currency));
    s
}

#[test]
fn golden_cases_are_valid_and_distinct() {
    let cases = cases();
    let mut hashes = std::collections::BTreeSet::new();
    for (name, cfg, lang) in &cases {
        assert_eq!(
            stitchfork_model::validate::validate(cat(), cfg, *lang),
            Ok(()),
            "{name}"
        );
        assert!(hashes.insert(cfg.content_hash()), "{name} repeats a design");
    }
    assert_eq!(cases.len(), 23);
}

#[test]
fn sleeve_outputs_match_golden_files() {
    for (name, cfg, lang) in cases() {
        golden(&format!("{name}.preview.svg"), &preview_svg(cat(), &cfg));
        golden(
            &format!("{name}.cut-sheet.{}.svg", lang.tag()),
            &cut_sheet_svg(cat(), &cfg, lang),
        );
        golden(
            &format!("{name}.price.{}.txt", lang.tag()),
            &price_text(&cfg, lang),
        );
    }
}
