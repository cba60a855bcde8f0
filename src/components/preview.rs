//! The live product preview: the domain renderer's SVG, injected as markup, described in
//! words for screen readers.
//!
//! The SVG string comes from `render::preview_svg`, which escapes all text, so
//! inner_html is safe here; re-rendering is one string build and one DOM parse.

use leptos::prelude::*;

/// The wrapper carries the accessible name; the drawing inside is decoration for
/// screen readers (a nested unnamed role="img" would be announced as an image without a name).
pub fn hide_inner(svg: &str) -> String {
    svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// `description`: the design in words (`describe`), the text alternative of the drawing.
#[component]
pub fn Preview(
    #[prop(into)] svg: Signal<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] description: Signal<String>,
    /// The label is the maker's own title (pattern page), not interface text to translate.
    #[prop(optional)]
    user_label: bool,
) -> impl IntoView {
    view! {
        <div class="preview-box">
            <div
                class="preview"
                role="img"
                aria-label=move || label.get()
                translate=user_label.then_some("no")
                aria-describedby="preview-words"
                data-testid="preview"
                inner_html=move || hide_inner(&svg.get())
            ></div>
            <p id="preview-words" class="sr-only">
                {move || description.get()}
            </p>
        </div>
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
