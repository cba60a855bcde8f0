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
    let toggle = move |_| {
        open.set(if is_open.get_untracked() {
            None
        } else {
            Some(me.get_value())
        })
    };
    view! {
        <section class="panel fold" class:open=move || is_open.get() aria-labelledby=format!("{id}-h")>
            <h2 id=format!("{id}-h")>
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
