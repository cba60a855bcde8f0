//! Diff of a parent and a fork, as people read it.

mod common;

use common::*;
use stitchfork_model::diff::diff;
use stitchfork_model::Lang;

fn messages(
    a: &stitchfork_model::Configuration,
    b: &stitchfork_model::Configuration,
    lang: Lang,
) -> Vec<String> {
    diff(cat(), a, b, lang)
        .into_iter()
        .map(|c| format!("{} | {}", c.path, c.message))
        .collect()
}

#[test]
fn a_design_against_itself_has_no_changes() {
    for cfg in [default(), flap_herringbone(), elastic_dots()] {
        assert!(diff(cat(), &cfg, &cfg, Lang::En).is_empty());
    }
}

#[test]
fn colour_change_and_monogram_added() {
    let parent = default();
    let mut child = default();
    set(
        &mut child,
        "outer_front",
        "ultrasuede",
        "saffron",
        motif("solid", None, 100, 0),
    );
    child.monogram = Some(monogram(
        "AJ",
        "serif",
        "emboss",
        "front-bottom-right",
        "blind",
    ));
    assert_eq!(
        messages(&parent, &child, Lang::En),
        [
            "parts.outer_front.colour | Outer front colour: Ink → Saffron",
            "monogram | Monogram added: AJ"
        ]
    );
    assert_eq!(
        messages(&child, &parent, Lang::Sv)[1],
        "monogram | Monogram borttaget: AJ"
    );
}

#[test]
fn a_bigger_fork_lists_every_change_in_order() {
    let got = messages(&default(), &flap_herringbone(), Lang::En);
    assert_eq!(
        got,
        [
            "size | Size: 14″ laptops → 16″ laptops",
            "parts.closure.colour | Closure panel colour: Ink → Bordeaux",
            "parts.closure.motif.kind | Closure panel motif: Solid → Stripes",
            "parts.closure.motif.colour2 | Closure panel second colour: none → Sand",
            "parts.closure.motif.scale | Closure panel motif scale: 100 % → 60 %",
            "parts.closure.motif.angle | Closure panel motif angle: 0° → 45°",
            "parts.outer_back.material | Outer back material: Ultrasuede → Waxed canvas",
            "parts.outer_back.colour | Outer back colour: Ink → Navy",
            "parts.outer_front.material | Outer front material: Ultrasuede → Waxed canvas",
            "parts.outer_front.colour | Outer front colour: Ink → Field tan",
            "parts.outer_front.motif.kind | Outer front motif: Solid → Herringbone",
            "parts.outer_front.motif.colour2 | Outer front second colour: none → Navy",
            "monogram | Monogram added: AJ",
            "closure.kind | Closure: Zip → Magnetic flap",
            "closure.hardware | Hardware: Nickel → Brass",
        ]
    );
}

#[test]
fn monogram_edits_and_russian() {
    let a = elastic_dots();
    let mut b = elastic_dots();
    let m = b.monogram.as_mut().unwrap();
    m.text = "Оля".into();
    m.colour = "gold".into();
    assert_eq!(
        messages(&a, &b, Lang::Ru),
        [
            "monogram.text | Текст монограммы: Анна → Оля",
            "monogram.colour | Цвет монограммы: Белый → Золотой"
        ]
    );
}

#[test]
fn unknown_ids_are_shown_as_they_are() {
    let a = default();
    let mut b = default();
    b.parts.remove("trim");
    b.closure.hardware = "unobtainium".into();
    assert_eq!(
        messages(&a, &b, Lang::En),
        [
            "parts.trim | Trim and piping removed",
            "closure.hardware | Hardware: Nickel → unobtainium"
        ]
    );
}
