//! The live product preview: the domain renderer's SVG, injected as markup.
//!
//! The SVG string comes from `render::preview_svg`, which escapes all text, so
//! inner_html is safe here; re-rendering is one string build and one DOM parse.

use leptos::prelude::*;

/// The wrapper carries the accessible name; the drawing inside is decoration for
/// screen readers (a nested unnamed role="img" would be announced as an image without a name).
fn hide_inner(svg: &str) -> String {
    svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

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
            inner_html=move || hide_inner(&svg.get())
        ></div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_outer_svg_is_hidden() {
        let out = super::hide_inner(r#"<svg role="img"><svg x="1"></svg></svg>"#);
        assert_eq!(
            out,
            r#"<svg aria-hidden="true" focusable="false" role="img"><svg x="1"></svg></svg>"#
        );
    }
}
