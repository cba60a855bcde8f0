//! Validation: all problems at once, each with a path; monogram text rules.

mod common;

use common::*;
use stitchfork_model::validate::validate;
use stitchfork_model::{Lang, Problem};

fn problems(cfg: &stitchfork_model::Configuration, lang: Lang) -> Vec<Problem> {
    validate(cat(), cfg, lang).expect_err("expected problems")
}

fn codes(ps: &[Problem]) -> Vec<(String, String)> {
    ps.iter()
        .map(|p| (p.path.clone(), p.code.clone()))
        .collect()
}

fn has(ps: &[Problem], path: &str, code: &str) -> bool {
    ps.iter().any(|p| p.path == path && p.code == code)
}

#[test]
fn many_problems_are_reported_together_with_paths() {
    let mut cfg = default();
    cfg.schema = 2;
    cfg.size = "15".into();
    cfg.parts.remove("lining");
    cfg.parts.insert("pocket".into(), cfg.parts["trim"].clone());
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "neon-pink",
        motif("stripes", None, 45, 7),
    );
    set(
        &mut cfg,
        "outer_back",
        "latex",
        "ink",
        motif("paisley", None, 100, 0),
    );
    set(
        &mut cfg,
        "closure",
        "ultrasuede",
        "ink",
        motif("solid", Some("sand"), 120, 30),
    );
    cfg.closure = stitchfork_model::config::ClosureChoice {
        kind: "velcro".into(),
        hardware: "chrome".into(),
    };
    cfg.monogram = Some(monogram(
        "ABCDEFGHIJKLMNOP",
        "comic",
        "laser",
        "sleeve-top",
        "glitter",
    ));
    let ps = problems(&cfg, Lang::En);
    let want = [
        ("schema", "unsupported_schema"),
        ("size", "unknown_size"),
        ("parts.lining", "missing_part"),
        ("parts.pocket", "extra_part"),
        ("parts.outer_front.colour", "unknown_colour"),
        ("parts.outer_front.motif.colour2", "colour2_missing"),
        ("parts.outer_front.motif.scale", "scale_out_of_range"),
        ("parts.outer_front.motif.angle", "angle_out_of_range"),
        ("parts.outer_back.material", "unknown_material"),
        ("parts.outer_back.motif.kind", "unknown_motif"),
        ("parts.closure.motif.colour2", "colour2_unused"),
        ("parts.closure.motif.scale", "scale_out_of_range"),
        ("parts.closure.motif.angle", "angle_out_of_range"),
        ("monogram.font", "unknown_font"),
        ("monogram.method", "unknown_method"),
        ("monogram.placement", "unknown_placement"),
        ("closure.kind", "unknown_closure"),
        ("closure.hardware", "unknown_hardware"),
    ];
    for (path, code) in want {
        assert!(
            has(&ps, path, code),
            "missing {path} {code} in {:#?}",
            codes(&ps)
        );
    }
    // Size is unknown, so no length limit applies: the long text is not reported as too long.
    assert!(!has(&ps, "monogram.text", "monogram_too_long"));
    assert!(ps.iter().all(|p| !p.message.is_empty()));
}

#[test]
fn unknown_product_stops_early_with_one_problem() {
    let mut cfg = default();
    cfg.product = "umbrella".into();
    assert_eq!(
        codes(&problems(&cfg, Lang::En)),
        [("product".to_owned(), "unknown_product".to_owned())]
    );
}

#[test]
fn part_choices_must_be_offered_for_the_part() {
    let mut cfg = default();
    set(
        &mut cfg,
        "lining",
        "leather",
        "black",
        motif("solid", None, 100, 0),
    );
    set(
        &mut cfg,
        "trim",
        "leather",
        "black",
        motif("dots", Some("tan"), 100, 0),
    );
    let ps = problems(&cfg, Lang::Sv);
    assert!(has(&ps, "parts.lining.material", "material_not_offered"));
    assert!(has(&ps, "parts.trim.motif.kind", "motif_not_offered"));
    assert!(
        ps.iter()
            .any(|p| p.message == "Foder: Fullnarvigt läder erbjuds inte för den här delen."),
        "{ps:#?}"
    );
}

#[test]
fn second_colour_must_be_of_the_material_and_differ() {
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("dots", Some("ink"), 100, 0),
    );
    set(
        &mut cfg,
        "outer_back",
        "ultrasuede",
        "ink",
        motif("dots", Some("cognac"), 100, 0),
    );
    let ps = problems(&cfg, Lang::En);
    assert_eq!(
        codes(&ps),
        [
            (
                "parts.outer_front.motif.colour2".to_owned(),
                "colour2_same".to_owned()
            ),
            (
                "parts.outer_back.motif.colour2".to_owned(),
                "unknown_colour".to_owned()
            )
        ]
    );
}

#[test]
fn motif_parameters_must_be_on_the_grid() {
    let mut cfg = default();
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("stripes", Some("sand"), 200, 165),
    );
    assert_eq!(validate(cat(), &cfg, Lang::En), Ok(()));
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("stripes", Some("sand"), 205, 180),
    );
    let ps = problems(&cfg, Lang::En);
    assert!(has(
        &ps,
        "parts.outer_front.motif.scale",
        "scale_out_of_range"
    ));
    assert!(has(
        &ps,
        "parts.outer_front.motif.angle",
        "angle_out_of_range"
    ));
    assert!(
        ps.iter()
            .any(|p| p.message == "angle must be between 0 and 165, in steps of 15."),
        "{ps:#?}"
    );
    // Dots take no angle: only the neutral 0 is accepted.
    set(
        &mut cfg,
        "outer_front",
        "ultrasuede",
        "ink",
        motif("dots", Some("sand"), 100, 15),
    );
    assert!(has(
        &problems(&cfg, Lang::En),
        "parts.outer_front.motif.angle",
        "angle_out_of_range"
    ));
}

fn with_text(text: &str, font: &str) -> stitchfork_model::Configuration {
    let mut cfg = houndstooth_deboss(); // 14": at most 10 characters, deboss on Ultrasuede
    let m = cfg.monogram.as_mut().unwrap();
    m.text = text.into();
    m.font = font.into();
    cfg
}

fn text_codes(text: &str, font: &str) -> Vec<String> {
    match validate(cat(), &with_text(text, font), Lang::En) {
        Ok(()) => vec![],
        Err(ps) => ps
            .into_iter()
            .filter(|p| p.path == "monogram.text")
            .map(|p| p.code)
            .collect(),
    }
}

#[test]
fn monogram_text_accepts_names_in_latin_and_cyrillic() {
    for ok in ["AJ", "Åsa & Örn", "O'Neil", "J.-P.", "Ёлка 2024", "Ärla"] {
        assert_eq!(text_codes(ok, "sans"), Vec::<String>::new(), "{ok}");
    }
}

#[test]
fn monogram_length_is_counted_after_nfc_per_size() {
    // Ten decomposed "Å" are twenty code points but ten characters after NFC: exactly the 14" limit.
    let ten = "A\u{030A}".repeat(10);
    assert_eq!(text_codes(&ten, "sans"), Vec::<String>::new());
    assert_eq!(text_codes(&"A".repeat(11), "sans"), ["monogram_too_long"]);
    let mut big = with_text(&"A".repeat(12), "sans");
    big.size = "16".into();
    assert_eq!(validate(cat(), &big, Lang::En), Ok(()));
}

#[test]
fn monogram_refuses_control_bidi_and_odd_characters() {
    assert_eq!(text_codes("A\u{0007}B", "sans"), ["monogram_control"]);
    assert_eq!(text_codes("A\u{200B}B", "sans"), ["monogram_control"]);
    assert_eq!(text_codes("\u{202E}JA", "sans"), ["monogram_bidi"]);
    assert_eq!(text_codes("A\u{2067}B", "sans"), ["monogram_bidi"]);
    assert_eq!(text_codes("A<B", "sans"), ["monogram_char"]);
    assert_eq!(text_codes("AJ 🙂", "sans"), ["monogram_char"]);
    assert_eq!(text_codes("  ", "sans"), ["monogram_empty"]);
    assert_eq!(text_codes("", "sans"), ["monogram_empty"]);
    assert_eq!(text_codes("Анна", "script"), ["monogram_font_script"]);
}

#[test]
fn monogram_blocklist_matches_case_insensitively_after_normalising() {
    for bad in [
        "FUCK",
        "f.u.c.k",
        "Jävla",
        "JA\u{0308}VLA",
        "ХУЙ",
        "сУкА",
        "Shit",
    ] {
        assert_eq!(text_codes(bad, "sans"), ["monogram_blocked"], "{bad}");
    }
    for fine in ["Kuklin", "Suki", "Ashley", "Li Kuk-Ro"] {
        let expect: &[&str] = if fine.ends_with("Ro") {
            &["monogram_blocked"]
        } else {
            &[]
        };
        assert_eq!(text_codes(fine, "sans"), expect, "{fine}");
    }
}

#[test]
fn messages_come_in_the_requested_language() {
    let cfg = with_text("\u{202E}AB", "sans");
    let msg = |lang| {
        problems(&cfg, lang)
            .into_iter()
            .find(|p| p.code == "monogram_bidi")
            .unwrap()
            .message
    };
    assert_eq!(
        msg(Lang::En),
        "The monogram contains text-direction control characters."
    );
    assert_eq!(
        msg(Lang::Sv),
        "Monogrammet innehåller tecken som styr textriktningen."
    );
    assert_eq!(
        msg(Lang::Ru),
        "Монограмма содержит символы управления направлением текста."
    );
}
