//! Demo and bulk data. `seed_demo` publishes a few dozen hand-written patterns in real fork
//! families (chains 3-4 deep, siblings) so a first run never shows an empty gallery;
//! `seed_bulk` generates many random patterns for load measurements.
//!
//! Each pattern is described as steps applied to its parent's configuration (or the
//! product default). A step the catalog's rules refuse is skipped, so every stored
//! configuration passes the domain's validation whatever the catalog says.

use rand::seq::SliceRandom;
use rand::Rng;
use stitchfork_api::fields::{AuthorName, Description, Problems, Tags, Title};
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::{ClosureChoice, Configuration, Monogram};
use stitchfork_model::{validate, Lang};

use crate::db::patterns::{self as store, NewPattern, PublishError};
use crate::db::{likes, Db};
use crate::keys;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the catalog has no product with a default configuration")]
    NoProduct,
    #[error(transparent)]
    Publish(#[from] PublishError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("a seed pattern's text is refused: {0:?}")]
    Field(Vec<stitchfork_api::FieldProblem>),
}

/// One change to a configuration.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// part, material, colour
    Mat(&'static str, &'static str, &'static str),
    /// part, colour
    Col(&'static str, &'static str),
    /// part, motif
    Motif(&'static str, &'static str),
    /// text, font, method, placement, colour
    Mono(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    NoMono,
    /// kind, hardware
    Close(&'static str, &'static str),
    Size(&'static str),
    /// Start over from this product's default (the first step of another product's family).
    Product(&'static str),
}

/// (parent index, title, author, tags, steps): parents come before their forks.
type Demo = (
    Option<usize>,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [Step],
);

use Step::*;

const OUTER: [&str; 3] = ["outer_front", "outer_back", "closure"];

#[rustfmt::skip]
const DEMOS: &[Demo] = &[
    /* 0 */ (None, "Midnight ink classic", "Maja Lind", &["minimal", "everyday"], &[NoMono]),
    /* 1 */ (Some(0), "Ink with saffron flash", "Oskar Berg", &["bold", "everyday"], &[Col("closure", "saffron")]),
    /* 2 */ (Some(1), "Saffron flash, brass zip", "Lea Novak", &["bold", "brass"], &[Close("zip", "brass")]),
    /* 3 */ (Some(2), "Saffron flash monogram LN", "Lea Novak", &["bold", "monogram"], &[Mono("LN", "serif", "emboss", "front-bottom-right", "gold-foil")]),
    /* 4 */ (Some(0), "Ink and moss", "Ivan Petrov", &["calm", "green"], &[Col("outer_back", "moss")]),
    /* 5 */ (Some(4), "Moss herringbone", "Ivan Petrov", &["tweed", "green"], &[Motif("outer_front", "herringbone")]),
    /* 6 */ (None, "Cognac leather heirloom", "Astrid Holm", &["leather", "classic"], &[Mat("outer_front", "leather", "cognac"), Mat("outer_back", "leather", "cognac"), Mat("closure", "leather", "cognac"), Close("magnetic-flap", "brass")]),
    /* 7 */ (Some(6), "Heirloom in oxblood", "Erik Sund", &["leather", "red"], &[Col("outer_front", "oxblood"), Col("outer_back", "oxblood"), Col("closure", "oxblood")]),
    /* 8 */ (Some(7), "Oxblood, gunmetal hardware", "Erik Sund", &["leather", "dark"], &[Close("magnetic-flap", "gunmetal")]),
    /* 9 */ (Some(8), "Oxblood debossed EJ", "Nina Ek", &["leather", "monogram", "gift"], &[Mono("EJ", "sans", "deboss", "front-center", "blind")]),
    /* 10 */ (Some(6), "Black leather executive", "Dmitri Orlov", &["leather", "office"], &[Col("outer_front", "black"), Col("outer_back", "black"), Col("closure", "black"), Close("zip", "matte-black")]),
    /* 11 */ (Some(6), "Tan and navy", "Sofia Lund", &["leather", "nautical"], &[Col("outer_front", "tan"), Col("outer_back", "navy")]),
    /* 12 */ (None, "Heather felt study", "Karin Vik", &["wool", "cozy"], &[Mat("outer_front", "wool-felt", "heather-grey"), Mat("outer_back", "wool-felt", "heather-grey"), Mat("closure", "wool-felt", "charcoal"), Close("elastic-band", "nickel"), NoMono]),
    /* 13 */ (Some(12), "Felt with mustard band", "Jonas Ahl", &["wool", "mustard"], &[Col("closure", "mustard")]),
    /* 14 */ (Some(13), "Mustard dots", "Jonas Ahl", &["wool", "playful"], &[Motif("outer_front", "dots")]),
    /* 15 */ (Some(14), "Mustard dots embroidered", "Olga Smirnova", &["wool", "monogram"], &[Mono("OS", "sans", "embroidery", "front-top-left", "white")]),
    /* 16 */ (Some(12), "Forest felt", "Pelle Strand", &["wool", "green", "cozy"], &[Col("outer_front", "forest"), Col("outer_back", "forest")]),
    /* 17 */ (Some(12), "Plum and petrol", "Anya Volkova", &["wool", "jewel"], &[Col("outer_front", "plum"), Col("outer_back", "petrol")]),
    /* 18 */ (None, "Field tan canvas", "Henrik Dahl", &["canvas", "outdoor"], &[Mat("outer_front", "waxed-canvas", "field-tan"), Mat("outer_back", "waxed-canvas", "field-tan"), Mat("closure", "waxed-canvas", "olive"), Mat("trim", "leather", "chestnut"), Close("magnetic-flap", "gunmetal"), NoMono]),
    /* 19 */ (Some(18), "Spruce canvas", "Henrik Dahl", &["canvas", "green", "outdoor"], &[Col("outer_front", "spruce"), Col("outer_back", "spruce")]),
    /* 20 */ (Some(19), "Spruce stripes", "Elsa Norberg", &["canvas", "stripes"], &[Motif("outer_front", "stripes")]),
    /* 21 */ (Some(18), "Brick and stone", "Mikhail Sokolov", &["canvas", "warm"], &[Col("outer_front", "brick"), Col("outer_back", "stone")]),
    /* 22 */ (None, "Signal red commuter", "Tove Lindqvist", &["nylon", "commuter", "bright"], &[Mat("outer_front", "recycled-nylon", "signal-red"), Mat("outer_back", "recycled-nylon", "black"), Mat("closure", "recycled-nylon", "black"), Mat("lining", "recycled-nylon", "graphite"), NoMono]),
    /* 23 */ (Some(22), "Neon pink night ride", "Alex Kim", &["nylon", "neon"], &[Col("outer_front", "neon-pink")]),
    /* 24 */ (Some(23), "Neon pink and cobalt", "Alex Kim", &["nylon", "neon", "blue"], &[Col("outer_back", "cobalt")]),
    /* 25 */ (Some(22), "Glacier commuter", "Ingrid Falk", &["nylon", "light"], &[Col("outer_front", "glacier"), Col("outer_back", "glacier")]),
    /* 26 */ (None, "Houndstooth scholar", "Vera Kuznetsova", &["pattern", "classic"], &[Motif("outer_front", "houndstooth"), Motif("outer_back", "houndstooth"), Mono("VK", "serif", "emboss", "front-bottom-right", "silver-foil")]),
    /* 27 */ (Some(26), "Houndstooth in teal", "Lars Wik", &["pattern", "teal"], &[Col("outer_front", "teal"), Col("outer_back", "teal")]),
    /* 28 */ (None, "Tartan weekend", "Fiona Grant", &["tartan", "weekend"], &[Motif("outer_front", "tartan"), Col("outer_front", "bordeaux"), Size("16")]),
    /* 29 */ (Some(28), "Tartan weekend, 13 inch", "Emil Roos", &["tartan", "small"], &[Size("13")]),
    /* 30 */ (Some(28), "Chevron weekend", "Daria Lebedeva", &["chevron", "weekend"], &[Motif("outer_front", "chevron")]),
    /* 31 */ (None, "Blush and sand", "Hanna Berg", &["soft", "pastel"], &[Col("outer_front", "blush"), Col("outer_back", "sand"), Col("closure", "sand"), Close("zip", "rose-gold")]),
    /* 32 */ (Some(31), "Blush script AM", "Alma Moberg", &["soft", "monogram", "gift"], &[Mono("AM", "script", "emboss", "front-center", "gold-foil")]),
    /* 33 */ (None, "Slate minimal 16", "Nikolai Ivanov", &["minimal", "grey"], &[Col("outer_front", "slate"), Col("outer_back", "slate"), Col("closure", "charcoal"), Size("16"), NoMono]),
    /* 34 */ (None, "Market day tote", "Maja Lind", &["tote", "canvas", "everyday"], &[Product("tote-bag")]),
    /* 35 */ (Some(34), "Market tote with a snap", "Oskar Berg", &["tote", "canvas"], &[Close("magnetic-snap", "brass")]),
    /* 36 */ (Some(35), "Striped market tote", "Lea Novak", &["tote", "stripes"], &[Motif("tote_front", "stripes"), Motif("tote_back", "stripes")]),
    /* 37 */ (Some(36), "Striped tote, embroidered", "Olga Smirnova", &["tote", "monogram"], &[Mono("OS", "sans", "embroidery", "tote-front-center", "white")]),
    /* 38 */ (Some(34), "Big spruce tote", "Henrik Dahl", &["tote", "green", "large"], &[Size("large"), Col("tote_front", "spruce"), Col("tote_back", "spruce"), Col("gusset", "field-tan")]),
    /* 39 */ (None, "Nylon beach tote", "Tove Lindqvist", &["tote", "nylon", "summer"], &[Product("tote-bag"), Mat("tote_front", "recycled-nylon", "glacier"), Mat("tote_back", "recycled-nylon", "glacier"), Mat("gusset", "recycled-nylon", "cobalt"), Mat("handles", "recycled-nylon", "cobalt"), Close("zip", "nickel")]),
    /* 40 */ (Some(39), "Beach tote in signal red", "Alex Kim", &["tote", "nylon", "bright"], &[Col("tote_front", "signal-red"), Col("tote_back", "signal-red")]),
];

fn apply(catalog: &Catalog, cfg: &mut Configuration, step: Step) {
    match step {
        Mat(part, material, colour) => {
            cfg.set_material(catalog, part, material);
            if let Some(p) = cfg.parts.get_mut(part) {
                p.colour = colour.to_string();
            }
        }
        Col(part, colour) => {
            if let Some(p) = cfg.parts.get_mut(part) {
                p.colour = colour.to_string();
            }
        }
        Motif(part, motif) => {
            cfg.set_motif(catalog, part, motif);
        }
        Mono(text, font, method, placement, colour) => {
            cfg.monogram = Some(Monogram {
                text: text.into(),
                font: font.into(),
                method: method.into(),
                placement: placement.into(),
                colour: colour.into(),
            });
        }
        NoMono => cfg.monogram = None,
        Close(kind, hardware) => {
            cfg.closure = ClosureChoice {
                kind: kind.into(),
                hardware: hardware.into(),
            };
        }
        Size(size) => cfg.size = size.into(),
        Product(id) => {
            if let Some(d) = Configuration::default_for(catalog, id) {
                *cfg = d;
            }
        }
    }
}

/// Applies a step only if the result is still valid.
fn apply_checked(catalog: &Catalog, cfg: &mut Configuration, step: Step) {
    let mut next = cfg.clone();
    apply(catalog, &mut next, step);
    if validate::validate(catalog, &next, Lang::En).is_ok() {
        *cfg = next;
    }
}

/// The default configuration of the first product, made valid if it is not.
fn base(catalog: &Catalog) -> Result<Configuration, SeedError> {
    catalog
        .products
        .first()
        .and_then(|p| Configuration::default_for(catalog, &p.id))
        .ok_or(SeedError::NoProduct)
}

/// A new pattern row (the edit key is thrown away: demo patterns are edited by the admin key).
/// Its text goes through the same checks as a publish.
fn new_pattern(
    cfg: &Configuration,
    title: &str,
    author: &str,
    tags: &[&str],
    parent: Option<String>,
    builtin_version: i64,
) -> Result<NewPattern, SeedError> {
    let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
    let mut problems = Problems::default();
    let title = problems.check(Title::parse(title));
    let tags = problems.check(Tags::parse(&tags));
    let author_name = problems.check(AuthorName::parse(author));
    let description = problems.check(Description::parse(""));
    let (Some(title), Some(tags), Some(author_name), Some(description)) =
        (title, tags, author_name, description)
    else {
        return Err(SeedError::Field(problems.0));
    };
    Ok(NewPattern {
        id: keys::new_pattern_id(),
        title,
        description,
        tags,
        author_name,
        product: cfg.product.clone(),
        config: cfg.canonical_json(),
        content_hash: cfg.content_hash(),
        parent_id: parent,
        licence: Default::default(),
        // Made with the built-in catalog this binary carries.
        catalog: stitchfork_api::catalogs::BUILTIN_ID.to_string(),
        catalog_version: builtin_version,
        edit_key_hash: keys::hash_secret(&keys::new_edit_key()),
        publish_key_hash: None,
        facets: crate::db::patterns::facets(cfg),
    })
}

/// Publishes the demo patterns if the database has none. Returns how many were added.
pub async fn seed_demo(db: &Db) -> Result<usize, SeedError> {
    if store::count(db).await? > 0 {
        return Ok(0);
    }
    let catalog = Catalog::builtin();
    let base = base(catalog)?;
    let mut configs: Vec<Configuration> = Vec::new();
    let mut batch: Vec<NewPattern> = Vec::new();
    for (parent, title, author, tags, steps) in DEMOS {
        let mut cfg = match parent {
            Some(p) => configs[*p].clone(),
            None => base.clone(),
        };
        for step in *steps {
            apply_checked(catalog, &mut cfg, *step);
        }
        let parent_id = parent.map(|p| batch[p].id.clone());
        batch.push(new_pattern(
            &cfg,
            title,
            author,
            tags,
            parent_id,
            db.builtin_version(),
        )?);
        configs.push(cfg);
    }
    store::insert_many(db, &batch).await?;
    // A few likes so "popular" has an order.
    for (i, p) in batch.iter().enumerate() {
        for v in 0..(i * 7 % 11) {
            likes::set_like(db, &p.id, &keys::hash_secret(&format!("demo-{v}")), true).await?;
        }
    }
    Ok(batch.len())
}

const WORDS: &[&str] = &[
    "ink", "saffron", "moss", "harbor", "meadow", "atlas", "north", "ember", "river", "granite",
    "velvet", "studio", "weekend", "commuter", "nordic", "autumn", "linen", "copper", "fjord",
    "birch",
];
const NAMES: &[&str] = &[
    "Maja", "Oskar", "Ivan", "Lea", "Astrid", "Erik", "Olga", "Nina", "Sam", "Kim",
];

/// Publishes `n` random valid patterns (about a fifth are forks), in batches.
pub async fn seed_bulk(db: &Db, n: u64) -> Result<(), SeedError> {
    let catalog = Catalog::builtin();
    let base = base(catalog)?;
    let mut rng = rand::thread_rng();
    let mut ids: Vec<String> = Vec::new();
    let mut remaining = n;
    while remaining > 0 {
        let size = remaining.min(1000);
        let mut batch = Vec::with_capacity(size as usize);
        for _ in 0..size {
            let mut cfg = base.clone();
            let part = *OUTER.choose(&mut rng).unwrap_or(&"outer_front");
            if let Some(material) = catalog.materials.choose(&mut rng) {
                if let Some(colour) = material.colours.choose(&mut rng) {
                    let (m, c) = (material.id.clone(), colour.id.clone());
                    let mut next = cfg.clone();
                    next.set_material(catalog, part, &m);
                    if let Some(p) = next.parts.get_mut(part) {
                        p.colour = c;
                    }
                    if validate::validate(catalog, &next, Lang::En).is_ok() {
                        cfg = next;
                    }
                }
            }
            if let Some(motif) = catalog.motifs.choose(&mut rng) {
                let mut next = cfg.clone();
                next.set_motif(catalog, "outer_front", &motif.id);
                if validate::validate(catalog, &next, Lang::En).is_ok() {
                    cfg = next;
                }
            }
            let title = format!(
                "{} {} {}",
                WORDS.choose(&mut rng).unwrap_or(&"ink"),
                WORDS.choose(&mut rng).unwrap_or(&"moss"),
                rng.gen_range(1..1000)
            );
            let author = NAMES.choose(&mut rng).unwrap_or(&"Sam");
            let tags = [*WORDS.choose(&mut rng).unwrap_or(&"ink")];
            let parent = (!ids.is_empty() && rng.gen_bool(0.2))
                .then(|| ids[rng.gen_range(0..ids.len())].clone());
            let p = new_pattern(&cfg, &title, author, &tags, parent, db.builtin_version())?;
            ids.push(p.id.clone());
            batch.push(p);
        }
        store::insert_many(db, &batch).await?;
        remaining -= size;
    }
    Ok(())
}
