//! The design in words: the text alternative of the preview for screen readers, e.g.
//! "Laptop sleeve for 14″ laptops. Outer front: Ultrasuede, Ink, Solid. … Monogram “AB”: Emboss,
//! Serif, Front, bottom right. Closure: Zip, Nickel."
//!
//! Built from the catalog's own names in the asked language, so it says what the picture shows
//! and never needs a translation of its own beyond a few joining words.

use crate::catalog::{Catalog, Text};
use crate::config::Configuration;
use crate::Lang;

fn word(lang: Lang, [en, sv, ru]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
}

/// One sentence per part, then the monogram and the closure; ids the catalog does not know are
/// said as they are (the validator reports them).
pub fn describe(cat: &Catalog, config: &Configuration, lang: Lang) -> String {
    let name =
        |t: Option<&Text>, id: &str| t.map_or_else(|| id.to_owned(), |t| t.get(lang).to_owned());
    let product = cat.product(&config.product);
    let mut out = Vec::new();
    let size = product.and_then(|p| p.size(&config.size)).map(|s| &s.name);
    out.push(format!(
        "{} ({}).",
        name(product.map(|p| &p.name), &config.product),
        name(size, &config.size)
    ));
    let part_ids: Vec<&str> = match product {
        Some(p) => p.parts.iter().map(|s| s.id.as_str()).collect(),
        None => config.parts.keys().map(String::as_str).collect(),
    };
    for id in part_ids {
        let Some(choice) = config.parts.get(id) else {
            continue;
        };
        let part = product.and_then(|p| p.part(id)).map(|s| &s.name);
        let material = cat.material(&choice.material);
        let colour = |c: &str| name(material.and_then(|m| m.colour(c)).map(|c| &c.name), c);
        let mut s = format!(
            "{}: {}, {}, {}",
            name(part, id),
            name(material.map(|m| &m.name), &choice.material),
            colour(&choice.colour),
            name(
                cat.motif(&choice.motif.kind).map(|m| &m.name),
                &choice.motif.kind
            ),
        );
        if let Some(c2) = &choice.motif.colour2 {
            s.push_str(&format!(
                " {} {}",
                word(lang, ["with", "med", "и"]),
                colour(c2)
            ));
        }
        s.push('.');
        out.push(s);
    }
    if let Some(m) = &config.monogram {
        let colour = cat
            .method(&m.method)
            .and_then(|method| method.colour(&m.colour))
            .map(|c| &c.name);
        out.push(format!(
            "{} “{}”: {}, {}, {}, {}.",
            word(lang, ["Monogram", "Monogram", "Монограмма"]),
            m.text,
            name(cat.method(&m.method).map(|x| &x.name), &m.method),
            name(cat.font(&m.font).map(|x| &x.name), &m.font),
            name(cat.placement(&m.placement).map(|x| &x.name), &m.placement),
            name(colour, &m.colour),
        ));
    }
    out.push(format!(
        "{}: {}, {}.",
        word(lang, ["Closure", "Stängning", "Застёжка"]),
        name(
            cat.closure(&config.closure.kind).map(|x| &x.name),
            &config.closure.kind
        ),
        name(
            cat.hardware(&config.closure.hardware).map(|x| &x.name),
            &config.closure.hardware
        ),
    ));
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_every_part_the_monogram_and_the_closure_in_the_language() {
        let cat = Catalog::builtin();
        let mut config = Configuration::default_for(cat, "laptop-sleeve").expect("default");
        config.monogram = cat
            .product("laptop-sleeve")
            .map(|p| p.monogram_default.clone());
        let en = describe(cat, &config, Lang::En);
        assert!(
            en.starts_with("Laptop sleeve (14″ laptops). Outer front: Ultrasuede, Ink, Solid."),
            "{en}"
        );
        assert!(en.contains("Lining: Wool felt"), "{en}");
        assert!(
            en.contains("Monogram “AB”: Emboss, Serif, Front, bottom right"),
            "{en}"
        );
        assert!(en.ends_with("Closure: Zip, Nickel."), "{en}");
        let sv = describe(cat, &config, Lang::Sv);
        assert!(
            sv.contains("Framsida: Ultrasuede, Bläck, Enfärgad."),
            "{sv}"
        );
        config.monogram = None;
        assert!(!describe(cat, &config, Lang::Ru).contains("Монограмма"));
    }
}
