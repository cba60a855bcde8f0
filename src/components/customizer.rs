//! The customizer: one reusable component for `/customize` and `/embed`.
//!
//! State is one undo/redo history of `Configuration`s; everything else (what is
//! available and why, validation problems, the quote, the preview SVG) is a
//! memo computed by the domain crate from the present configuration. Every
//! change autosaves the draft and (on the site) rewrites the URL's `?d=`.

use leptos::ev;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use stitchfork_model::config::Configuration;
use stitchfork_model::describe::describe;
use stitchfork_model::pricing::{self, Quote};
use stitchfork_model::render;
use stitchfork_model::rules::{self, Availability};
use stitchfork_model::validate;
use stitchfork_model::Problem;

use crate::catalog::use_catalog;
use crate::components::cut_sheet_dialog::CutSheetButton;
use crate::components::monogram::MonogramPanel;
use crate::components::part_panel::{ClosurePanel, PartPanel, SizePanel};
use crate::components::preview::Preview;
use crate::components::price::Price;
use crate::components::status::{Announcer, Problems};
use crate::draft::{self, Draft};
use crate::history::History;
use crate::i18n::{use_i18n, K};
use crate::lazy;

/// How long the address bar may lag behind the design (the draft itself is saved at once).
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// Where the customizer runs: the site (publish, share) or a retailer's iframe (add to cart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Site,
    Embed,
}

/// What the customizer reports on every change and on add-to-cart (for embeds).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub config: Configuration,
    pub quote: Option<Quote>,
    pub valid: bool,
    pub problems: Vec<Problem>,
    pub preview_svg: String,
    /// The pattern this design started from, if any.
    pub parent: Option<String>,
}

/// Edits go through this handle so every change is one undo step.
#[derive(Clone, Copy)]
pub struct Editor {
    history: RwSignal<History<Configuration>>,
    pub config: Memo<Configuration>,
    pub availability: Memo<Availability>,
    pub problems: Memo<Vec<Problem>>,
}

impl Editor {
    /// Applies one edit to a copy of the present configuration and records it.
    pub fn edit(self, f: impl FnOnce(&mut Configuration)) {
        let mut next = self.config.get_untracked();
        f(&mut next);
        self.history.update(|h| h.push(next));
    }

    /// The product being customized: an edit never changes it, so reading it tracks nothing.
    pub fn product(self) -> Option<&'static stitchfork_model::catalog::Product> {
        let cat = use_catalog();
        self.config.with_untracked(|c| cat.product(&c.product))
    }

    /// Validation messages whose path is `path` or below it.
    pub fn errors_at(self, path: String) -> Signal<Vec<String>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|ps| {
                ps.iter()
                    .filter(|p| {
                        p.path == path
                            || (p.path.starts_with(&path) && p.path[path.len()..].starts_with('.'))
                    })
                    .map(|p| p.message.clone())
                    .collect()
            })
        })
    }
}

#[component]
pub fn Customizer(
    initial: Draft,
    /// True when the draft came back from localStorage (the user is told).
    #[prop(optional)]
    restored: bool,
    mode: Mode,
    /// Called after every change (embeds post it to the host page).
    #[prop(optional)]
    on_change: Option<Callback<Snapshot>>,
    /// Called by the "Add to cart" button in embed mode.
    #[prop(optional)]
    on_add_to_cart: Option<Callback<Snapshot>>,
    /// The retailer's own label for the add-to-cart button (embed mode), used as given.
    #[prop(optional_no_strip)]
    cart_label: Option<String>,
) -> impl IntoView {
    // The server's first paint of the product's page stands in until the customizer is shown.
    Effect::new(|_| crate::app::first_paint_done());
    on_cleanup(crate::app::first_paint_done);
    // A retailer's page gets no publishing, so it does not fetch the dialog ahead.
    if matches!(mode, Mode::Site) {
        lazy::prefetch_on_demand();
    }
    let i = use_i18n();
    let cat = use_catalog();
    let parent = StoredValue::new(initial.parent.clone());
    let catalog_id = StoredValue::new(initial.catalog.clone());
    let product_id = initial.config.product.clone();
    let start = Configuration::default_for(cat, &product_id);
    // Where this design started: until it differs, there is nothing to autosave.
    let started_from = StoredValue::new(initial.config.clone());
    let history = RwSignal::new(History::new(initial.config));
    let config = Memo::new(move |_| history.with(|h| h.present().clone()));
    let availability = Memo::new(move |_| config.with(|c| rules::availability(cat, c, i.lang())));
    let problems = Memo::new(move |_| {
        config.with(|c| {
            validate::validate(cat, c, i.lang())
                .err()
                .unwrap_or_default()
        })
    });
    let quote = Memo::new(move |_| config.with(|c| pricing::quote(cat, c, i.lang()).ok()));
    let svg = Memo::new(move |_| config.with(|c| render::preview_svg(cat, c)));
    let words = Signal::derive(move || config.with(|c| describe(cat, c, i.lang())));
    let editor = Editor {
        history,
        config,
        availability,
        problems,
    };
    let draft_now = Signal::derive(move || Draft {
        config: config.get(),
        parent: parent.get_value(),
        catalog: catalog_id.get_value(),
    });
    let show_restored = RwSignal::new(restored);
    let publish_open = RwSignal::new(false);
    let share_url = RwSignal::new(None::<String>);

    // Autosave on every change, synchronously: the draft is never only in memory.
    // The URL follows a moment later: Chrome takes ~10 ms per history.replaceState
    // (measured), too slow to do on every click before the repaint.
    let url_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let d = draft_now.get();
        // Opening a pattern to fork (or a shared link) stores nothing until the first change,
        // so it never replaces a draft; a restored draft stays saved as it is.
        if restored || started_from.with_value(|s| *s != d.config) {
            draft::save(&d);
        }
        if mode == Mode::Site {
            if let Some(t) = url_timer.get_value() {
                t.clear();
            }
            // The link is written when the timer fires, not on every click before the repaint.
            let timer =
                set_timeout_with_handle(move || replace_url(&draft::share_path(&d)), URL_DELAY);
            url_timer.set_value(timer.ok());
        }
    });
    on_cleanup(move || {
        if let Some(t) = url_timer.get_value() {
            t.clear();
        }
    });
    if let Some(cb) = on_change {
        Effect::new(move |_| {
            cb.run(snapshot(config, quote, problems, svg, parent));
        });
    }

    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, which has its own undo.
    let keys = window_event_listener(ev::keydown, move |e| {
        let ctrl = e.ctrl_key() || e.meta_key();
        if !ctrl || in_text_field(&e) {
            return;
        }
        let key = e.key().to_lowercase();
        let redo = (key == "z" && e.shift_key()) || key == "y";
        let undo = key == "z" && !e.shift_key();
        if undo || redo {
            e.prevent_default();
            history.update(|h| {
                if redo {
                    h.redo();
                } else {
                    h.undo();
                }
            });
        }
    });
    on_cleanup(move || keys.remove());

    let product = cat.product(&product_id);
    let parts: Vec<String> = product
        .map(|p| p.parts.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    let product_name = product.map(|p| p.name.clone());
    // One section of options open at a time (the first part to begin with).
    let open = RwSignal::new(parts.first().cloned());

    let share = move |_| {
        let path = draft::share_path(&draft_now.get_untracked());
        let url = format!("{}{}", origin(), path);
        copy_to_clipboard(&url);
        share_url.set(Some(url));
    };
    let start_over = move |_| {
        if let Some(s) = start.clone() {
            history.update(|h| h.push(s));
        }
    };
    let add_to_cart = move |_| {
        if let Some(cb) = on_add_to_cart {
            cb.run(snapshot(config, quote, problems, svg, parent));
        }
    };

    view! {
        <div class="customizer" class:embed=mode == Mode::Embed>
            <div class="stage">
                <Preview
                    svg=svg
                    label=Signal::derive(move || i.t(K::PreviewLabel).to_string())
                    description=words
                />
                <div class="toolbar" role="toolbar" aria-label=move || i.t(K::CustomizeTitle)>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Z"
                        disabled=move || history.with(|h| !h.can_undo())
                        on:click=move |_| history.update(|h| {
                            h.undo();
                        })
                    >
                        {move || i.t(K::Undo)}
                    </button>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Shift+Z"
                        disabled=move || history.with(|h| !h.can_redo())
                        on:click=move |_| history.update(|h| {
                            h.redo();
                        })
                    >
                        {move || i.t(K::Redo)}
                    </button>
                    <button type="button" on:click=start_over>
                        {move || i.t(K::StartOver)}
                    </button>
                    {(mode == Mode::Site)
                        .then(|| {
                            view! {
                                <button type="button" on:click=share>
                                    {move || i.t(K::ShareDraft)}
                                </button>
                                <CutSheetButton config=config/>
                            }
                        })}
                </div>
                {move || {
                    share_url
                        .get()
                        .map(|u| {
                            view! {
                                <p class="share-draft" role="status">
                                    <label for="draft-url">{move || i.t(K::LinkCopied)}</label>
                                    <input id="draft-url" readonly value=u/>
                                </p>
                            }
                        })
                }}
                <Show when=move || show_restored.get()>
                    <p class="notice" role="status">
                        {move || i.t(K::DraftRestored)}
                        " "
                        <button
                            type="button"
                            class="link"
                            aria-label=move || i.t(K::Dismiss)
                            on:click=move |_| show_restored.set(false)
                        >
                            "×"
                        </button>
                    </p>
                </Show>
                <Problems problems=problems/>
                <Announcer quote=quote problems=problems/>
                <div class="checkout">
                <Price quote=quote/>
                {match mode {
                    Mode::Site => {
                        view! {
                            <button
                                type="button"
                                class="primary big"
                                aria-haspopup="dialog"
                                disabled=move || problems.with(|p| !p.is_empty())
                                on:click=move |_| publish_open.set(true)
                            >
                                {move || i.t(K::Publish)}
                            </button>
                            {lazy::publish_dialog_on_demand(publish_open, draft_now)}
                        }
                            .into_any()
                    }
                    Mode::Embed => {
                        view! {
                            <button
                                type="button"
                                class="primary big"
                                data-action="add-to-cart"
                                disabled=move || problems.with(|p| !p.is_empty())
                                on:click=add_to_cart
                            >
                                {move || cart_label.clone().unwrap_or_else(|| i.t(K::AddToCart).to_string())}
                            </button>
                        }
                            .into_any()
                    }
                }}
                </div>
            </div>
            <div class="panels">
                <h1 class="customize-title">
                    {move || {
                        product_name
                            .as_ref()
                            .map(|n| n.get(i.lang()).to_string())
                            .unwrap_or_default()
                    }}
                </h1>
                {move || {
                    parent
                        .get_value()
                        .map(|p| {
                            let href = format!("/p/{p}");
                            view! {
                                <p class="forking">
                                    {move || i.t(K::ForkingFrom)}
                                    " "
                                    <a href=href.clone() translate="no">{p.clone()}</a>
                                </p>
                            }
                        })
                }}
                {(mode == Mode::Site).then(|| other_products(&product_id, i))}
                <SizePanel editor=editor/>
                {parts
                    .into_iter()
                    .map(|part| view! { <PartPanel editor=editor part=part open=open/> })
                    .collect_view()}
                <MonogramPanel editor=editor open=open/>
                <ClosurePanel editor=editor open=open/>
            </div>
        </div>
    }
}

fn snapshot(
    config: Memo<Configuration>,
    quote: Memo<Option<Quote>>,
    problems: Memo<Vec<Problem>>,
    svg: Memo<String>,
    parent: StoredValue<Option<String>>,
) -> Snapshot {
    let problems = problems.get();
    Snapshot {
        config: config.get(),
        quote: quote.get(),
        valid: problems.is_empty(),
        problems,
        preview_svg: svg.get(),
        parent: parent.get_value(),
    }
}

fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            let tag = el.tag_name().to_lowercase();
            let input_type = el.get_attribute("type").unwrap_or_default();
            tag == "textarea"
                || (tag == "input"
                    && !matches!(input_type.as_str(), "radio" | "checkbox" | "range"))
        })
}

/// Rewrites the address bar without a navigation (the router need not re-run).
fn replace_url(path: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

fn copy_to_clipboard(text: &str) {
    // Best effort: the URL is also shown in a field to copy by hand.
    let _ = window().navigator().clipboard().write_text(text);
}

/// Links to the catalog's other products (the site's customizer only; an embed shows the one
/// product the retailer chose).
fn other_products(current: &str, i: crate::i18n::I18n) -> impl IntoView {
    let others: Vec<(String, stitchfork_model::catalog::Text)> = use_catalog()
        .products
        .iter()
        .filter(|p| p.id != current)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <nav class="other-products" aria-label=move || i.t(K::OtherProducts)>
                {move || i.t(K::OtherProducts)}
                " "
                {others
                    .iter()
                    .map(|(id, name)| {
                        let name = name.clone();
                        let href = match crate::catalog::publish_catalog() {
                            Some(catalog) => format!("/customize/{id}?catalog={catalog}"),
                            None => format!("/customize/{id}"),
                        };
                        view! {
                            <a href=href data-product=id.clone()>
                                {move || name.get(i.lang()).to_string()}
                            </a>
                            " "
                        }
                    })
                    .collect_view()}
            </nav>
        }
    })
}
