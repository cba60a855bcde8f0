//! One section of the customizer's options that folds: the accordion of the WAI-ARIA
//! Authoring Practices (a heading whose button says `aria-expanded` and controls the panel).
//!
//! The customizer keeps one section open at a time, so a part's options fit one phone screen
//! under the preview; a closed section's header still says what is chosen in it.

use leptos::prelude::*;

/// `open` is shared by the sections of one customizer: the id of the open one, if any.
#[component]
pub fn Fold(
    /// Unique on the page: the heading is `{id}-h`, the panel `{id}-body`.
    id: String,
    #[prop(into)] title: Signal<String>,
    /// What is chosen inside, shown in the header.
    #[prop(into)]
    summary: Signal<String>,
    /// The summary is the shopper's own text (the monogram), not to be translated.
    #[prop(optional)]
    verbatim: bool,
    open: RwSignal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let me = StoredValue::new(id.clone());
    let is_open = Memo::new(move |_| open.with(|o| me.with_value(|me| o.as_deref() == Some(me))));
    let heading = NodeRef::<leptos::html::H2>::new();
    let toggle = move |_| {
        let opening = !is_open.get_untracked();
        open.set(opening.then(|| me.get_value()));
        if opening {
            // The section above may just have folded away: keep this header in view (on a phone
            // below the sticky preview, which the page's scroll-padding leaves room for).
            request_animation_frame(move || {
                if let Some(h) = heading.get_untracked() {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    h.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
    };
    view! {
        <section class="panel fold" class:open=move || is_open.get() aria-labelledby=format!("{id}-h")>
            <h2 id=format!("{id}-h") node_ref=heading>
                <button
                    type="button"
                    class="fold-button"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=format!("{id}-body")
                    on:click=toggle
                >
                    <span class="fold-title">{move || title.get()}</span>
                    <span class="fold-summary" translate=verbatim.then_some("no")>
                        {move || summary.get()}
                    </span>
                </button>
            </h2>
            <div id=format!("{id}-body") class="fold-body" hidden=move || !is_open.get()>
                {children()}
            </div>
        </section>
    }
}
