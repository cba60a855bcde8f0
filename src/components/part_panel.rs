//! Option panels: size, one panel per product part (material, colour, motif and
//! its parameters), and the closure. Names come from the catalog in the current
//! language; reasons for unavailable options come from `rules::availability`.

use leptos::prelude::*;
use stitchfork_model::catalog::{ParamRange, Text};
use stitchfork_model::rules::Options;

use crate::catalog::use_catalog;
use crate::components::customizer::Editor;
use crate::components::fold::Fold;
use crate::components::swatches::{Opt, OptionGroup};
use crate::i18n::{use_i18n, K};

/// Builds the options of a group: ids in catalog order, localized names, chips and reasons.
pub fn opts<'a>(
    items: impl Iterator<Item = (&'a str, &'a Text, Option<&'a str>)>,
    reasons: Option<&Options>,
    lang: stitchfork_model::Lang,
) -> Vec<Opt> {
    items
        .map(|(id, name, hex)| Opt {
            id: id.to_string(),
            label: name.get(lang).to_string(),
            hex: hex.map(str::to_string),
            reason: reasons.and_then(|r| r.get(id).cloned().flatten()),
        })
        .collect()
}

#[component]
pub fn SizePanel(editor: Editor) -> impl IntoView {
    let i = use_i18n();
    let product = editor.product();
    let options = Memo::new(move |_| {
        let lang = i.lang();
        product
            .map(|p| {
                opts(
                    p.sizes.iter().map(|s| (s.id.as_str(), &s.name, None)),
                    None,
                    lang,
                )
            })
            .unwrap_or_default()
    });
    view! {
        <section class="panel">
            <OptionGroup
                name="size".to_string()
                legend=Signal::derive(move || i.t(K::Size).to_string())
                options=options
                selected=Signal::derive(move || editor.config.with(|c| c.size.clone()))
                on_select=Callback::new(move |id: String| editor.edit(|c| c.size = id))
                errors=editor.errors_at("size".into())
            />
        </section>
    }
}

/// One part of the product: material, colour, motif (+ second colour, scale, angle).
#[component]
pub fn PartPanel(editor: Editor, part: String, open: RwSignal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    let cat = use_catalog();
    let part = StoredValue::new(part);
    // The part's options come from the product, which an edit never changes: reading them must
    // not make every memo below run again on each click.
    let spec = editor.product().and_then(|p| p.part(&part.get_value()));
    let spec = move || spec;
    let choice = Memo::new(move |_| {
        editor
            .config
            .with(|c| c.parts.get(&part.get_value()).cloned())
    });
    let avail = Memo::new(move |_| {
        editor
            .availability
            .with(|a| a.parts.get(&part.get_value()).cloned())
    });

    let materials = Memo::new(move |_| {
        let lang = i.lang();
        let Some(spec) = spec() else {
            return Vec::new();
        };
        let reasons = avail.with(|a| a.as_ref().map(|a| a.materials.clone()));
        opts(
            spec.materials
                .iter()
                .filter_map(|m| cat.material(m))
                .map(|m| (m.id.as_str(), &m.name, None)),
            reasons.as_ref(),
            lang,
        )
    });
    let material = move || choice.with(|c| c.as_ref().and_then(|c| cat.material(&c.material)));
    let colours = Memo::new(move |_| {
        let lang = i.lang();
        let reasons = avail.with(|a| a.as_ref().map(|a| a.colours.clone()));
        material()
            .map(|m| {
                opts(
                    m.colours
                        .iter()
                        .map(|c| (c.id.as_str(), &c.name, Some(c.hex.as_str()))),
                    reasons.as_ref(),
                    lang,
                )
            })
            .unwrap_or_default()
    });
    let motifs = Memo::new(move |_| {
        let lang = i.lang();
        let Some(spec) = spec() else {
            return Vec::new();
        };
        let reasons = avail.with(|a| a.as_ref().map(|a| a.motifs.clone()));
        opts(
            spec.motifs
                .iter()
                .filter_map(|m| cat.motif(m))
                .map(|m| (m.id.as_str(), &m.name, None)),
            reasons.as_ref(),
            lang,
        )
    });
    // The second colour: any other colour of the same material.
    let colours2 = Memo::new(move |_| {
        let lang = i.lang();
        let main = choice.with(|c| c.as_ref().map(|c| c.colour.clone()).unwrap_or_default());
        material()
            .map(|m| {
                opts(
                    m.colours
                        .iter()
                        .filter(|c| c.id != main)
                        .map(|c| (c.id.as_str(), &c.name, Some(c.hex.as_str()))),
                    None,
                    lang,
                )
            })
            .unwrap_or_default()
    });
    let motif_spec = Memo::new(move |_| {
        choice.with(|c| c.as_ref().and_then(|c| cat.motif(&c.motif.kind)).cloned())
    });

    let p = part.get_value();
    let legend = move || {
        spec()
            .map(|s| s.name.get(i.lang()).to_string())
            .unwrap_or_default()
    };
    let sel = move |f: fn(&stitchfork_model::config::PartChoice) -> String| {
        Signal::derive(move || choice.with(|c| c.as_ref().map(f).unwrap_or_default()))
    };
    let edit_part = move |f: Box<dyn FnOnce(&mut stitchfork_model::config::PartChoice)>| {
        editor.edit(|c| {
            if let Some(ch) = c.parts.get_mut(&part.get_value()) {
                f(ch);
            }
        })
    };
    // The header of a closed part says what is chosen in it.
    let (mat_sel, col_sel) = (sel(|c| c.material.clone()), sel(|c| c.colour.clone()));
    let summary = Signal::derive(move || chosen(&[(materials, mat_sel), (colours, col_sel)]));
    let scale_id = format!("{p}-scale");
    let angle_id = format!("{p}-angle");

    view! {
        <Fold id=p.clone() title=Signal::derive(legend) summary=summary open=open>
            <OptionGroup
                name=format!("{p}-material")
                legend=Signal::derive(move || i.t(K::Material).to_string())
                options=materials
                selected=mat_sel
                on_select=Callback::new(move |m: String| {
                    editor.edit(|c| {
                        c.set_material(cat, &part.get_value(), &m);
                    })
                })
                errors=editor.errors_at(format!("parts.{p}.material"))
            />
            <OptionGroup
                name=format!("{p}-colour")
                legend=Signal::derive(move || i.t(K::Colour).to_string())
                options=colours
                selected=col_sel
                on_select=Callback::new(move |col: String| edit_part(Box::new(move |ch| ch.colour = col)))
                errors=editor.errors_at(format!("parts.{p}.colour"))
            />
            <Show when=move || motifs.with(|m| m.len() > 1)>
                <OptionGroup
                    name=format!("{}-motif", part.get_value())
                    legend=Signal::derive(move || i.t(K::Motif).to_string())
                    options=motifs
                    selected=sel(|c| c.motif.kind.clone())
                    on_select=Callback::new(move |m: String| {
                        editor.edit(|c| {
                            c.set_motif(cat, &part.get_value(), &m);
                        })
                    })
                    errors=editor.errors_at(format!("parts.{}.motif", part.get_value()))
                />
            </Show>
            <Show when=move || motif_spec.with(|s| s.as_ref().is_some_and(|s| s.colour2))>
                <OptionGroup
                    name=format!("{}-colour2", part.get_value())
                    legend=Signal::derive(move || i.t(K::SecondColour).to_string())
                    options=colours2
                    selected=sel(|c| c.motif.colour2.clone().unwrap_or_default())
                    on_select=Callback::new(move |col: String| {
                        edit_part(Box::new(move |ch| ch.motif.colour2 = Some(col)))
                    })
                />
            </Show>
            {move || {
                motif_spec.get().and_then(|s| s.scale).map(|range| {
                    view! {
                        <RangeField
                            id=scale_id.clone()
                            label=K::Scale
                            unit="%"
                            range=range
                            value=sel(|c| c.motif.scale.to_string())
                            on_input=Callback::new(move |v: u16| {
                                if let Ok(v) = u8::try_from(v) {
                                    edit_part(Box::new(move |ch| ch.motif.scale = v));
                                }
                            })
                        />
                    }
                })
            }}
            {move || {
                motif_spec.get().and_then(|s| s.angle).map(|range| {
                    view! {
                        <RangeField
                            id=angle_id.clone()
                            label=K::Angle
                            unit="°"
                            range=range
                            value=sel(|c| c.motif.angle.to_string())
                            on_input=Callback::new(move |v: u16| {
                                edit_part(Box::new(move |ch| ch.motif.angle = v))
                            })
                        />
                    }
                })
            }}
        </Fold>
    }
}

/// The labels of the chosen options of some groups, e.g. "Ultrasuede, Ink".
pub fn chosen(groups: &[(Memo<Vec<Opt>>, Signal<String>)]) -> String {
    groups
        .iter()
        .filter_map(|(opts, sel)| {
            let id = sel.get();
            opts.with(|o| o.iter().find(|o| o.id == id).map(|o| o.label.clone()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn ClosurePanel(editor: Editor, open: RwSignal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    let cat = use_catalog();
    let product = editor.product();
    let kinds = Memo::new(move |_| {
        let lang = i.lang();
        let reasons = editor.availability.with(|a| a.closures.clone());
        product
            .map(|p| {
                opts(
                    p.closures
                        .iter()
                        .filter_map(|k| cat.closure(k))
                        .map(|k| (k.id.as_str(), &k.name, None)),
                    Some(&reasons),
                    lang,
                )
            })
            .unwrap_or_default()
    });
    let hardware = Memo::new(move |_| {
        let lang = i.lang();
        let reasons = editor.availability.with(|a| a.hardware.clone());
        opts(
            cat.hardware
                .iter()
                .map(|h| (h.id.as_str(), &h.name, Some(h.hex.as_str()))),
            Some(&reasons),
            lang,
        )
    });
    let kind = Signal::derive(move || editor.config.with(|c| c.closure.kind.clone()));
    let metal = Signal::derive(move || editor.config.with(|c| c.closure.hardware.clone()));
    view! {
        <Fold
            id="fastening".to_string()
            title=Signal::derive(move || i.t(K::Closure).to_string())
            summary=Signal::derive(move || chosen(&[(kinds, kind), (hardware, metal)]))
            open=open
        >
            <OptionGroup
                name="closure-kind".to_string()
                legend=Signal::derive(move || i.t(K::Closure).to_string())
                options=kinds
                selected=kind
                on_select=Callback::new(move |k: String| editor.edit(|c| c.closure.kind = k))
                errors=editor.errors_at("closure.kind".into())
            />
            <OptionGroup
                name="closure-hardware".to_string()
                legend=Signal::derive(move || i.t(K::Hardware).to_string())
                options=hardware
                selected=metal
                on_select=Callback::new(move |h: String| editor.edit(|c| c.closure.hardware = h))
                errors=editor.errors_at("closure.hardware".into())
            />
        </Fold>
    }
}

/// A labelled slider for a motif parameter, with its value shown beside it.
#[component]
fn RangeField(
    id: String,
    label: K,
    unit: &'static str,
    range: ParamRange,
    value: Signal<String>,
    on_input: Callback<u16>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="range">
            <label for=id.clone()>{move || i.t(label)}</label>
            <input
                type="range"
                id=id
                min=range.min
                max=range.max
                step=range.step
                prop:value=value
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u16>() {
                        on_input.run(v);
                    }
                }
            />
            <output>{value} {unit}</output>
        </div>
    }
}
