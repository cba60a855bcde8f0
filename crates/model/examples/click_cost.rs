//! The domain's work behind one click in the customizer, per built-in product: what is available
//! and why, the problems, the price, the preview and the design in words, each timed alone. A
//! measurement for reports, not a test (tests assert; this prints).
//!
//!   cargo run --release -p stitchfork-model --example click_cost

use std::time::{Duration, Instant};

use stitchfork_model::describe::describe;
use stitchfork_model::render::preview_svg;
use stitchfork_model::{pricing, rules, validate, Catalog, Configuration, Lang};

/// The mean time of `f` over `n` runs.
fn per_run(n: u32, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    let mut sink = 0;
    for _ in 0..n {
        sink += f();
    }
    std::hint::black_box(sink);
    start.elapsed() / n
}

fn main() {
    let c = Catalog::builtin();
    for product in &c.products {
        let Some(cfg) = Configuration::default_for(c, &product.id) else {
            continue;
        };
        let n = 2000;
        let availability = per_run(n, || rules::availability(c, &cfg, Lang::En).parts.len());
        let problems = per_run(n, || validate::validate(c, &cfg, Lang::En).map_or(1, |_| 0));
        let quote = per_run(n, || {
            pricing::quote(c, &cfg, Lang::En).map_or(0, |q| q.lines.len())
        });
        let preview = per_run(n, || preview_svg(c, &cfg).len());
        let words = per_run(n, || describe(c, &cfg, Lang::En).len());
        println!(
            "{}: availability {availability:?}, problems {problems:?}, price {quote:?}, \
             preview {preview:?} ({} bytes), words {words:?}",
            cfg.product,
            preview_svg(c, &cfg).len()
        );
    }
}
