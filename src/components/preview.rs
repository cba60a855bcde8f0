//! The live product preview: the domain renderer's SVG, injected as markup.
//!
//! The SVG string comes from `render::preview_svg`, which escapes all text, so
//! inner_html is safe here; re-rendering is one string build and one DOM parse.

use leptos::prelude::*;

#[component]
pub fn Preview(
    #[prop(into)] svg: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <div
            class="preview"
            role="img"
            aria-label=move || label.get()
            data-testid="preview"
            inner_html=move || svg.get()
        ></div>
    }
}
