//! Renderer snapshot tests. Snapshots live in tests/snapshots/*.svg (PNG renderings beside them for
//! people: `tests/snapshots/to-png.sh`). To accept a deliberate change, run with
//! `STITCHFORK_UPDATE_SNAPSHOTS=1` and look at the PNGs before committing.

mod common;

use std::path::PathBuf;

use common::*;
use stitchfork_model::render::{cut_sheet_svg, preview_size, preview_svg};
use stitchfork_model::{Configuration, Lang};

fn snapshot(name: &str, svg: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.svg"));
    if std::env::var_os("STITCHFORK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).expect("write snapshot");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with STITCHFORK_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert!(
        want == svg,
        "{name} differs from its snapshot; if intended, update with STITCHFORK_UPDATE_SNAPSHOTS=1"
    );
}

fn cases() -> Vec<(&'static str, Configuration, Lang)> {
    vec![
        ("default", default(), Lang::En),
        ("flap-herringbone", flap_herringbone(), Lang::Sv),
        ("elastic-dots", elastic_dots(), Lang::Ru),
        ("houndstooth-deboss", houndstooth_deboss(), Lang::En),
        ("tartan-emboss", tartan_emboss(), Lang::En),
    ]
}

#[test]
fn snapshot_cases_are_valid_designs() {
    for (name, cfg, lang) in cases() {
        assert_eq!(
            stitchfork_model::validate::validate(cat(), &cfg, lang),
            Ok(()),
            "{name}"
        );
    }
}

#[test]
fn previews_match_snapshots() {
    for (name, cfg, _) in cases() {
        snapshot(&format!("{name}.preview"), &preview_svg(cat(), &cfg));
    }
}

#[test]
fn cut_sheets_match_snapshots() {
    for (name, cfg, lang) in cases() {
        snapshot(
            &format!("{name}.cut-sheet.{}", lang.tag()),
            &cut_sheet_svg(cat(), &cfg, lang),
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    for (_, cfg, lang) in cases() {
        assert_eq!(preview_svg(cat(), &cfg), preview_svg(cat(), &cfg.clone()));
        assert_eq!(
            cut_sheet_svg(cat(), &cfg, lang),
            cut_sheet_svg(cat(), &cfg.clone(), lang)
        );
    }
}

#[test]
fn motifs_are_svg_patterns_with_ids_tied_to_the_design() {
    let svg = preview_svg(cat(), &flap_herringbone());
    let prefix = format!("sfp{}", &flap_herringbone().content_hash()[..10]);
    assert!(
        svg.contains(&format!(r#"<pattern id="{prefix}-outer_front""#)),
        "{svg}"
    );
    assert!(svg.contains(&format!(r#"fill="url(#{prefix}-outer_front)""#)));
    assert!(
        svg.contains(r#"patternTransform="rotate(45)""#),
        "the striped flap is turned 45°"
    );
    // A solid design needs no pattern at all.
    assert!(!preview_svg(cat(), &default()).contains("<pattern"));
}

#[test]
fn monogram_text_is_escaped_everywhere() {
    let mut cfg = houndstooth_deboss();
    if let Some(m) = cfg.monogram.as_mut() {
        m.text = "<script>alert('x')</script>&".into();
    }
    for svg in [
        preview_svg(cat(), &cfg),
        cut_sheet_svg(cat(), &cfg, Lang::En),
    ] {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
    }
}

#[test]
fn visible_monogram_is_drawn_and_hidden_one_is_not() {
    assert!(preview_svg(cat(), &houndstooth_deboss()).contains(">M&amp;K</text>"));
    let mut back = houndstooth_deboss();
    if let Some(m) = back.monogram.as_mut() {
        m.placement = "back-center".into();
    }
    assert!(
        !preview_svg(cat(), &back).contains("M&amp;K"),
        "a monogram on the back is not in the front view"
    );
    assert!(
        cut_sheet_svg(cat(), &back, Lang::En).contains("M&amp;K"),
        "but it is on the back panel of the cut sheet"
    );
}

#[test]
fn cut_sheet_has_every_panel_with_dimensions_and_legend() {
    let svg = cut_sheet_svg(cat(), &default(), Lang::En);
    // 14": 340 x 250 finished, 10 mm seam allowance.
    for needle in [
        "Outer front",
        "Outer back",
        "Lining",
        "Trim and piping",
        "Closure panel",
        ">360 mm<",
        ">270 mm<",
        ">520 mm<",
        ">860 mm<",
        "Legend",
        "Sewing line",
        "Ultrasuede",
        "Ink #1f2a44",
    ] {
        assert!(svg.contains(needle), "cut sheet lacks {needle:?}");
    }
    let sv = cut_sheet_svg(cat(), &default(), Lang::Sv);
    assert!(sv.contains("Tillskärningsark") && sv.contains("Foder"));
    // Every measure is in the sheet's language: Russian writes the unit in Cyrillic.
    let ru = cut_sheet_svg(cat(), &default(), Lang::Ru);
    assert!(ru.contains(">360 мм<") && ru.contains("припуск на шов 10 мм"));
    assert!(
        !ru.contains(" mm"),
        "a Latin unit left in the Russian sheet"
    );
}

#[test]
fn broken_configurations_still_render() {
    let mut cfg = default();
    cfg.size = "99".into();
    cfg.parts.clear();
    cfg.closure.kind = "velcro".into();
    assert!(preview_svg(cat(), &cfg).starts_with("<svg"));
    assert!(cut_sheet_svg(cat(), &cfg, Lang::Ru).contains("Неизвестное"));
}

#[test]
fn preview_size_is_the_size_the_preview_is_drawn_at() {
    // Every built-in product at every size: the page that shows a preview before it arrives
    // reserves exactly its place.
    let cat = stitchfork_model::Catalog::builtin();
    for product in &cat.products {
        for size in &product.sizes {
            let mut cfg = product.default.clone();
            cfg.size = size.id.clone();
            let svg = preview_svg(cat, &cfg);
            let root = &svg[..svg.find('>').expect("an svg root")];
            let attr = |name: &str| {
                let at = root.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                root[at..].split('"').next().expect(name).to_string()
            };
            let (w, h) = preview_size(cat, &cfg).expect("a known product and size");
            let at = format!("{} {}", product.id, size.id);
            // The attributes are written with at most two decimals.
            let near = |a: &str, b: f64| (a.parse::<f64>().expect(a) - b).abs() <= 0.005;
            assert!(near(&attr("width"), w), "{at}: {} vs {w}", attr("width"));
            assert!(near(&attr("height"), h), "{at}: {} vs {h}", attr("height"));
        }
    }
    let mut unknown = cat.products[0].default.clone();
    unknown.size = "no-such-size".into();
    assert_eq!(preview_size(cat, &unknown), None);
}
