//! Pricing: line items and a total in minor units of the catalog's currency.
//!
//! Price = size base + for each part (cut area in dm² × material price per dm², rounded half up to a
//! whole minor unit) + motif surcharges + closure + hardware + monogram (method price + per letter).
//! Invalid configurations get no price, only their problems.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::config::Configuration;
use crate::geometry::panel;
use crate::{Lang, Problem};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub label: String,
    pub amount_minor: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// ISO 4217, e.g. `EUR`.
    pub currency: String,
    pub lines: Vec<LineItem>,
    pub total_minor: i64,
}

/// `mm²` as `dm²` with two decimals, in the language's decimal separator.
fn dm2(area_mm2: u64, lang: Lang) -> String {
    let hundredths = (area_mm2 + 50) / 100;
    let sep = if lang == Lang::En { '.' } else { ',' };
    format!("{}{sep}{:02} dm²", hundredths / 100, hundredths % 100)
}

/// Cost of `area_mm2` at `per_dm2` minor units per 10 000 mm², rounded half up.
pub fn area_cost(area_mm2: u64, per_dm2: i64) -> i64 {
    let exact = i128::from(area_mm2) * i128::from(per_dm2);
    i64::try_from((exact + 5_000) / 10_000).unwrap_or(i64::MAX)
}

fn label(lang: Lang, [en, sv, ru]: [&str; 3]) -> &str {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
}

/// The total of a configuration in a catalog, in minor units of its currency: what the upgrade
/// answer shows before (old version) and after (new version). Refuses like [`quote`].
pub fn total_minor(c: &Catalog, cfg: &Configuration) -> Result<i64, Vec<Problem>> {
    quote(c, cfg, Lang::En).map(|q| q.total_minor)
}

/// Prices a configuration; refuses (with every problem) if it does not validate.
pub fn quote(c: &Catalog, cfg: &Configuration, lang: Lang) -> Result<Quote, Vec<Problem>> {
    crate::validate::validate(c, cfg, lang)?;
    // After validation every lookup below succeeds; `filter_map`/`?` just keeps this panic-free.
    let mut lines = Vec::new();
    let missing = || {
        vec![Problem::new(
            "",
            "internal",
            "catalog lookup failed after validation",
        )]
    };
    let product = c.product(&cfg.product).ok_or_else(missing)?;
    let size = product.size(&cfg.size).ok_or_else(missing)?;
    let closure = c.closure(&cfg.closure.kind);
    let env = product
        .env(size, &cfg.closure.kind)
        .map_err(|_| missing())?;
    lines.push(LineItem {
        label: format!("{}, {}", product.name.get(lang), size.name.get(lang)),
        amount_minor: size.base_price_minor,
    });
    for spec in &product.parts {
        let Some(choice) = cfg.parts.get(&spec.id) else {
            continue;
        };
        let Some(material) = c.material(&choice.material) else {
            continue;
        };
        let Ok(p) = panel(product, spec, &env) else {
            return Err(missing());
        };
        let area = p.cut_area_mm2();
        lines.push(LineItem {
            label: format!(
                "{}: {}, {}",
                spec.name.get(lang),
                material.name.get(lang),
                dm2(area, lang)
            ),
            amount_minor: area_cost(area, material.price_per_dm2_minor),
        });
        if let Some(m) = c
            .motif(&choice.motif.kind)
            .filter(|m| m.surcharge_minor > 0)
        {
            let word = label(lang, ["motif", "mönster", "узор"]);
            lines.push(LineItem {
                label: format!("{}: {} {word}", spec.name.get(lang), m.name.get(lang)),
                amount_minor: m.surcharge_minor,
            });
        }
    }
    if let Some(k) = closure {
        lines.push(LineItem {
            label: format!(
                "{}: {}",
                label(lang, ["Closure", "Stängning", "Застёжка"]),
                k.name.get(lang)
            ),
            amount_minor: k.price_minor,
        });
    }
    if let Some(h) = c
        .hardware(&cfg.closure.hardware)
        .filter(|h| h.price_minor > 0)
    {
        lines.push(LineItem {
            label: format!(
                "{}: {}",
                label(lang, ["Hardware", "Beslag", "Фурнитура"]),
                h.name.get(lang)
            ),
            amount_minor: h.price_minor,
        });
    }
    if let Some(m) = &cfg.monogram {
        if let Some(method) = c.method(&m.method) {
            // Spaces are free: only stitched or pressed characters count.
            let chars = m.text.chars().filter(|ch| !ch.is_whitespace()).count();
            let n = i64::try_from(chars).unwrap_or(i64::MAX);
            lines.push(LineItem {
                label: format!(
                    "{}: {}, “{}”",
                    label(lang, ["Monogram", "Monogram", "Монограмма"]),
                    method.name.get(lang),
                    m.text
                ),
                amount_minor: method
                    .price_minor
                    .saturating_add(method.per_char_minor.saturating_mul(n)),
            });
        }
    }
    let total_minor = lines
        .iter()
        .map(|l| l.amount_minor)
        .fold(0i64, i64::saturating_add);
    Ok(Quote {
        currency: c.currency.clone(),
        lines,
        total_minor,
    })
}
