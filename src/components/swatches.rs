//! A radio group of named options, optionally with colour chips (swatches).
//!
//! Native radios inside a <fieldset>/<legend>: the browser gives arrow-key
//! movement, one tab stop per group and the names screen readers announce.
//! Unavailable options stay visible and disabled; each points with
//! aria-describedby to the rule's reason, listed once below the group.
//! Errors are not live regions here: the customizer announces them once, politely.

use leptos::prelude::*;

/// One option of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct Opt {
    pub id: String,
    pub label: String,
    /// Colour chip (#rrggbb), for swatches.
    pub hex: Option<String>,
    /// Why it is unavailable; None = available.
    pub reason: Option<String>,
}

/// `name` must be unique on the page (it prefixes the element ids).
#[component]
pub fn OptionGroup(
    name: String,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] options: Signal<Vec<Opt>>,
    #[prop(into)] selected: Signal<String>,
    on_select: Callback<String>,
    /// Validation messages for this field.
    #[prop(into, optional)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let group_class = move || {
        let swatch = options.with(|o| o.iter().any(|o| o.hex.is_some()));
        if swatch {
            "group swatches"
        } else {
            "group"
        }
    };
    let err_id = format!("{name}-err");
    let name_for_list = name.clone();
    view! {
        <fieldset class=group_class data-field=name.clone()>
            <legend>{move || legend.get()}</legend>
            {move || {
                let name = name_for_list.clone();
                let opts = options.get();
                let reasons = distinct_reasons(&opts);
                let reason_id = |r: &str| {
                    reasons
                        .iter()
                        .position(|x| x == r)
                        .map(|i| format!("{name}-why-{i}"))
                        .unwrap_or_default()
                };
                let items = opts
                    .iter()
                    .map(|o| {
                        let input_id = format!("{name}-{}", o.id);
                        let value = o.id.clone();
                        let is_checked = value.clone();
                        let disabled = o.reason.is_some();
                        let described = o.reason.as_deref().map(reason_id);
                        let chip = o
                            .hex
                            .clone()
                            .map(|hex| {
                                view! {
                                    <span class="chip" style=format!("background:{hex}") aria-hidden="true"></span>
                                }
                            });
                        view! {
                            <div class="opt" class:unavailable=disabled>
                                <input
                                    type="radio"
                                    id=input_id.clone()
                                    name=name.clone()
                                    value=o.id.clone()
                                    disabled=disabled
                                    aria-describedby=described
                                    prop:checked=move || selected.with(|s| *s == is_checked)
                                    on:change=move |_| on_select.run(value.clone())
                                />
                                <label for=input_id title=o.reason.clone()>
                                    {chip}
                                    <span class="name">{o.label.clone()}</span>
                                </label>
                            </div>
                        }
                    })
                    .collect_view();
                let why = reasons
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let who: Vec<&str> = opts
                            .iter()
                            .filter(|o| o.reason.as_deref() == Some(r.as_str()))
                            .map(|o| o.label.as_str())
                            .collect();
                        view! {
                            <li id=format!("{name}-why-{i}")>
                                <span class="who">{who.join(", ")}</span>
                                ": "
                                {r.clone()}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="opts">{items}</div>
                    <ul class="why">{why}</ul>
                }
            }}
            <p id=err_id class="field-error">
                {move || errors.get().join(" ")}
            </p>
        </fieldset>
    }
}

/// The different reasons in first-seen order.
fn distinct_reasons(opts: &[Opt]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in opts.iter().filter_map(|o| o.reason.as_ref()) {
        if !out.contains(r) {
            out.push(r.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(id: &str, reason: Option<&str>) -> Opt {
        Opt {
            id: id.into(),
            label: id.into(),
            hex: None,
            reason: reason.map(str::to_string),
        }
    }

    #[test]
    fn reasons_are_listed_once_in_order() {
        let opts = [
            opt("a", Some("no neon")),
            opt("b", None),
            opt("c", Some("too fine")),
            opt("d", Some("no neon")),
        ];
        assert_eq!(distinct_reasons(&opts), vec!["no neon", "too fine"]);
    }
}
