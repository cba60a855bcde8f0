//! Products as data: the built-in tote bag (a second shape: tapered panels, a gusset, handles)
//! and a third product loaded from `tests/products/cushion-catalog.json` with no code of its
//! own, each customized, validated, priced, rendered and cut.

use std::path::PathBuf;

use stitchfork_model::config::Monogram;
use stitchfork_model::pricing::quote;
use stitchfork_model::render::{cut_sheet_svg, preview_svg};
use stitchfork_model::rules::availability;
use stitchfork_model::validate::validate;
use stitchfork_model::{Catalog, Configuration, Lang};

fn tote() -> Configuration {
    Configuration::default_for(Catalog::builtin(), "tote-bag").expect("the tote is built in")
}

fn dump(name: &str, svg: &str) {
    // For a person to look at: STITCHFORK_DUMP_SVG=dir writes every drawing there.
    if let Some(dir) = std::env::var_os("STITCHFORK_DUMP_SVG") {
        std::fs::write(PathBuf::from(dir).join(name), svg).expect("dump");
    }
}

#[test]
fn the_tote_default_is_valid_priced_and_drawn_as_a_bag() {
    let c = Catalog::builtin();
    let cfg = tote();
    assert_eq!(validate(c, &cfg, Lang::En), Ok(()));
    let q = quote(c, &cfg, Lang::En).unwrap();
    assert_eq!(q.lines[0].label, "Tote bag, Small (38 cm)");
    assert!(q
        .lines
        .iter()
        .any(|l| l.label.starts_with("Gusset: Waxed canvas")));
    assert!(q
        .lines
        .iter()
        .any(|l| l.label.starts_with("Handles: Full-grain leather")));
    assert_eq!(
        q.total_minor,
        q.lines.iter().map(|l| l.amount_minor).sum::<i64>()
    );
    let svg = preview_svg(c, &cfg);
    dump("tote.preview.svg", &svg);
    // Handles arch above the tapered body; rivets in the hardware colour (brass).
    assert!(svg.contains(r#"stroke-linecap="round""#), "{svg}");
    assert!(svg.contains(r#"d="M24 174 H404 L374 534 H54 Z""#), "{svg}");
    assert!(svg.contains(r##"fill="#c2a14d""##));
    // None of the sleeve's drawing: no zip track, no flap.
    assert!(!svg.contains("1.6 1.2"));
    let sheet = cut_sheet_svg(c, &cfg, Lang::En);
    dump("tote.cut-sheet.svg", &sheet);
    for needle in [
        "Front panel",
        "Gusset",
        "Handles",
        "Full-grain leather × 2",
        ">1066 mm<",
        "finished 380 × 360 mm",
        "380 × 360 × 100 mm",
    ] {
        assert!(sheet.contains(needle), "cut sheet lacks {needle:?}");
    }
    // The tapered panels are cut as paths, the gusset and handles as rectangles.
    assert!(sheet.contains("<path d=\"M"));
}

#[test]
fn each_tote_closure_draws_its_own_layers_and_prices() {
    let c = Catalog::builtin();
    let mut snap = tote();
    snap.closure.kind = "magnetic-snap".into();
    let mut zip = tote();
    zip.closure.kind = "zip".into();
    zip.size = "large".into();
    let open = preview_svg(c, &tote());
    let snap_svg = preview_svg(c, &snap);
    let zip_svg = preview_svg(c, &zip);
    dump("tote-zip.preview.svg", &zip_svg);
    assert!(snap_svg.contains(r#"rx="8""#) && !open.contains(r#"rx="8""#));
    assert!(zip_svg.contains("1.6 1.2") && !snap_svg.contains("1.6 1.2"));
    let total = |cfg: &Configuration| quote(c, cfg, Lang::En).unwrap().total_minor;
    assert_eq!(total(&snap) - total(&tote()), 600, "the snap's price");
    assert!(total(&zip) > total(&tote()) + 1200, "bigger and zipped");
}

#[test]
fn tote_rules_explain_themselves_and_monogram_shows_on_the_front() {
    let c = Catalog::builtin();
    let mut cfg = tote();
    let a = availability(c, &cfg, Lang::Sv);
    assert_eq!(
        a.parts["handles"].materials["wool-felt"].as_deref(),
        Some("Ullfilt töjer sig under belastning, så handtag görs inte av den.")
    );
    // The sleeve's placements are not offered on the tote; its own and the lining label are.
    let placements: Vec<&String> = a.monogram.placements.keys().collect();
    assert_eq!(
        placements,
        ["lining-label", "tote-front-center", "tote-front-low"]
    );
    cfg.set_material(c, "handles", "wool-felt");
    let problems = validate(c, &cfg, Lang::En).unwrap_err();
    assert_eq!(problems[0].path, "parts.handles.material");
    let mut cfg = tote();
    cfg.monogram = Some(c.product("tote-bag").unwrap().monogram_default.clone());
    assert_eq!(validate(c, &cfg, Lang::En), Ok(()));
    assert!(preview_svg(c, &cfg).contains(">AB</text>"));
    assert!(cut_sheet_svg(c, &cfg, Lang::Ru).contains(">AB</text>"));
}

fn cushion_catalog() -> Catalog {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/products/cushion-catalog.json");
    let json = std::fs::read_to_string(path).expect("read the cushion catalog");
    Catalog::from_json(&json).expect("the cushion catalog passes every check")
}

#[test]
fn a_third_product_from_json_alone_is_customized_validated_priced_rendered_and_cut() {
    let c = cushion_catalog();
    assert_eq!(c.currency, "SEK");
    let mut cfg = Configuration::default_for(&c, "cushion-cover").unwrap();
    assert_eq!(validate(&c, &cfg, Lang::En), Ok(()));
    // Customize: another size, a striped front, the piping in another colour, a monogram.
    cfg.size = "60".into();
    assert!(cfg.set_material(&c, "front", "linen"));
    assert!(cfg.set_motif(&c, "front", "stripes"));
    cfg.parts.get_mut("piping").unwrap().colour = "rust".into();
    cfg.monogram = Some(Monogram {
        text: "Hem".into(),
        font: "serif".into(),
        method: "embroidery".into(),
        placement: "front-corner".into(),
        colour: "white".into(),
    });
    assert_eq!(validate(&c, &cfg, Lang::Sv), Ok(()));
    let q = quote(&c, &cfg, Lang::Sv).unwrap();
    assert_eq!(q.currency, "SEK");
    assert_eq!(q.lines[0].label, "Kuddfodral, 60 × 60 cm");
    let preview = preview_svg(&c, &cfg);
    dump("cushion.preview.svg", &preview);
    assert!(
        preview.contains("<pattern") && preview.contains(">Hem</text>"),
        "{preview}"
    );
    let sheet = cut_sheet_svg(&c, &cfg, Lang::En);
    dump("cushion.cut-sheet.svg", &sheet);
    // The envelope back is two overlapping pieces; the front is 600 mm square plus 15 mm seams.
    for needle in ["Envelope back", "Cotton × 2", ">630 mm<", "Hem"] {
        assert!(sheet.contains(needle), "cut sheet lacks {needle:?}");
    }
    // Its rule refuses what it should, with its own reason.
    cfg.set_material(&c, "piping", "velvet");
    let problems = validate(&c, &cfg, Lang::En).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("Velvet piping")),
        "{problems:?}"
    );
}
