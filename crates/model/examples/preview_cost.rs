//! How long one preview takes to draw, per built-in product: a measurement for reports, not a
//! test (tests assert; this prints).
//!
//!   cargo run --release -p stitchfork-model --example preview_cost

use stitchfork_model::render::preview_svg;
use stitchfork_model::{Catalog, Configuration};

fn main() {
    let c = Catalog::builtin();
    for product in &c.products {
        let Some(cfg) = Configuration::default_for(c, &product.id) else {
            continue;
        };
        let n = 2000;
        let start = std::time::Instant::now();
        let mut bytes = 0;
        for _ in 0..n {
            bytes += preview_svg(c, &cfg).len();
        }
        let per = start.elapsed() / n;
        println!(
            "{}: {per:?} per preview ({} bytes)",
            cfg.product,
            bytes / n as usize
        );
    }
}
