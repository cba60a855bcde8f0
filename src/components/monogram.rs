//! The monogram panel: add/remove, live text, font, method, placement, colour.

use leptos::prelude::*;
use stitchfork_model::config::Monogram;

use crate::catalog::use_catalog;
use crate::components::customizer::Editor;
use crate::components::fold::Fold;
use crate::components::part_panel::opts;
use crate::components::swatches::OptionGroup;
use crate::i18n::{use_i18n, K};

#[component]
pub fn MonogramPanel(editor: Editor, open: RwSignal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    let cat = use_catalog();
    let monogram = Memo::new(move |_| editor.config.with(|c| c.monogram.clone()));
    let on = Memo::new(move |_| monogram.with(Option::is_some));
    let field = move |f: fn(&Monogram) -> String| {
        Signal::derive(move || monogram.with(|m| m.as_ref().map(f).unwrap_or_default()))
    };
    let edit = move |f: Box<dyn FnOnce(&mut Monogram)>| {
        editor.edit(|c| {
            if let Some(m) = c.monogram.as_mut() {
                f(m);
            }
        })
    };
    let toggle = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        editor.edit(|c| {
            c.monogram = if checked {
                cat.product(&c.product).map(|p| p.monogram_default.clone())
            } else {
                None
            };
        });
    };
    let a = editor.availability;
    let methods = Memo::new(move |_| {
        let lang = i.lang();
        let r = a.with(|a| a.monogram.methods.clone());
        opts(
            cat.monogram_methods
                .iter()
                .map(|m| (m.id.as_str(), &m.name, None)),
            Some(&r),
            lang,
        )
    });
    let fonts = Memo::new(move |_| {
        let lang = i.lang();
        let r = a.with(|a| a.monogram.fonts.clone());
        opts(
            cat.fonts.iter().map(|f| (f.id.as_str(), &f.name, None)),
            Some(&r),
            lang,
        )
    });
    let placements = Memo::new(move |_| {
        let lang = i.lang();
        let r = a.with(|a| a.monogram.placements.clone());
        opts(
            cat.placements
                .iter()
                .map(|p| (p.id.as_str(), &p.name, None)),
            Some(&r),
            lang,
        )
    });
    let colours = Memo::new(move |_| {
        let lang = i.lang();
        let r = a.with(|a| a.monogram.colours.clone());
        monogram.with(|m| {
            m.as_ref()
                .and_then(|m| cat.method(&m.method))
                .map(|method| {
                    opts(
                        method
                            .colours
                            .iter()
                            .map(|c| (c.id.as_str(), &c.name, c.hex.as_deref())),
                        Some(&r),
                        lang,
                    )
                })
                .unwrap_or_default()
        })
    });
    let text_errors = editor.errors_at("monogram.text".into());
    let max_chars = Memo::new(move |_| {
        editor.config.with(|c| {
            cat.product(&c.product)
                .and_then(|p| p.size(&c.size))
                .map(|s| s.monogram_max_chars)
                .unwrap_or(12)
        })
    });

    view! {
        <Fold
            id="monogram".to_string()
            title=Signal::derive(move || i.t(K::Monogram).to_string())
            summary=Signal::derive(move || monogram.with(|m| m.as_ref().map(|m| format!("“{}”", m.text)).unwrap_or_default()))
            verbatim=true
            open=open
        >
            <div class="check">
                <input type="checkbox" id="monogram-on" prop:checked=move || on.get() on:change=toggle/>
                <label for="monogram-on">{move || i.t(K::AddMonogram)}</label>
            </div>
            <Show when=move || on.get()>
                <div class="text-field">
                    <label for="monogram-text">{move || i.t(K::MonogramText)}</label>
                    <input
                        id="monogram-text"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength=move || max_chars.get() * 2
                        aria-describedby="monogram-text-err"
                        aria-invalid=move || (!text_errors.with(Vec::is_empty)).to_string()
                        prop:value=field(|m| m.text.clone())
                        on:input=move |ev| {
                            let t = event_target_value(&ev);
                            edit(Box::new(move |m| m.text = t));
                        }
                    />
                    <p id="monogram-text-err" class="field-error">
                        {move || text_errors.get().join(" ")}
                    </p>
                </div>
                <OptionGroup
                    name="monogram-method".to_string()
                    legend=Signal::derive(move || i.t(K::Method).to_string())
                    options=methods
                    selected=field(|m| m.method.clone())
                    on_select=Callback::new(move |id: String| {
                        edit(Box::new(move |m| {
                            if let Some(method) = cat.method(&id) {
                                if method.colour(&m.colour).is_none() {
                                    m.colour = method.colours.first().map(|c| c.id.clone()).unwrap_or_default();
                                }
                            }
                            m.method = id;
                        }))
                    })
                    errors=editor.errors_at("monogram.method".into())
                />
                <OptionGroup
                    name="monogram-font".to_string()
                    legend=Signal::derive(move || i.t(K::Font).to_string())
                    options=fonts
                    selected=field(|m| m.font.clone())
                    on_select=Callback::new(move |id: String| edit(Box::new(move |m| m.font = id)))
                    errors=editor.errors_at("monogram.font".into())
                />
                <OptionGroup
                    name="monogram-placement".to_string()
                    legend=Signal::derive(move || i.t(K::Placement).to_string())
                    options=placements
                    selected=field(|m| m.placement.clone())
                    on_select=Callback::new(move |id: String| edit(Box::new(move |m| m.placement = id)))
                    errors=editor.errors_at("monogram.placement".into())
                />
                <OptionGroup
                    name="monogram-colour".to_string()
                    legend=Signal::derive(move || i.t(K::Colour).to_string())
                    options=colours
                    selected=field(|m| m.colour.clone())
                    on_select=Callback::new(move |id: String| edit(Box::new(move |m| m.colour = id)))
                    errors=editor.errors_at("monogram.colour".into())
                />
            </Show>
        </Fold>
    }
}
