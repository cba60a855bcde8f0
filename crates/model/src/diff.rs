//! Diff: what a fork changed relative to its parent, as sentences with paths
//! ("Outer front colour: Ink → Saffron", "Monogram added: AJ").

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::config::{Configuration, Monogram, MotifChoice, PartChoice};
use crate::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Dotted path of the changed field, as in `Problem::path`.
    pub path: String,
    pub message: String,
}

fn word(lang: Lang, [en, sv, ru]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
}

struct Differ<'a> {
    c: &'a Catalog,
    lang: Lang,
    out: Vec<Change>,
}

impl Differ<'_> {
    fn push(&mut self, path: String, subject: &str, from: &str, to: &str) {
        if from != to {
            self.out.push(Change {
                path,
                message: format!("{subject}: {from} → {to}"),
            });
        }
    }

    fn part_name(&self, product: &str, part: &str) -> String {
        self.c
            .product(product)
            .and_then(|p| p.part(part))
            .map_or_else(|| part.to_owned(), |s| s.name.get(self.lang).to_owned())
    }

    fn material_name(&self, id: &str) -> String {
        self.c
            .material(id)
            .map_or_else(|| id.to_owned(), |m| m.name.get(self.lang).to_owned())
    }

    fn colour_name(&self, material: &str, id: &str) -> String {
        self.c
            .material(material)
            .and_then(|m| m.colour(id))
            .map_or_else(|| id.to_owned(), |col| col.name.get(self.lang).to_owned())
    }

    fn part(&mut self, product: &str, id: &str, a: &PartChoice, b: &PartChoice) {
        let name = self.part_name(product, id);
        let l = self.lang;
        let path = format!("parts.{id}");
        let (ma, mb) = (
            self.material_name(&a.material),
            self.material_name(&b.material),
        );
        self.push(
            format!("{path}.material"),
            &format!("{name} {}", word(l, ["material", "material", "— материал"])),
            &ma,
            &mb,
        );
        let (ca, cb) = (
            self.colour_name(&a.material, &a.colour),
            self.colour_name(&b.material, &b.colour),
        );
        self.push(
            format!("{path}.colour"),
            &format!("{name} {}", word(l, ["colour", "färg", "— цвет"])),
            &ca,
            &cb,
        );
        self.motif(
            &path,
            &name,
            (&a.material, &a.motif),
            (&b.material, &b.motif),
        );
    }

    fn motif(
        &mut self,
        path: &str,
        name: &str,
        (mat_a, a): (&str, &MotifChoice),
        (mat_b, b): (&str, &MotifChoice),
    ) {
        let l = self.lang;
        let motif_name = |id: &str| {
            self.c
                .motif(id)
                .map_or_else(|| id.to_owned(), |m| m.name.get(l).to_owned())
        };
        let (ka, kb) = (motif_name(&a.kind), motif_name(&b.kind));
        self.push(
            format!("{path}.motif.kind"),
            &format!("{name} {}", word(l, ["motif", "mönster", "— узор"])),
            &ka,
            &kb,
        );
        let none = word(l, ["none", "ingen", "нет"]);
        let c2 = |mat: &str, c: &Option<String>| {
            c.as_deref()
                .map_or_else(|| none.to_owned(), |id| self.colour_name(mat, id))
        };
        let (c2a, c2b) = (c2(mat_a, &a.colour2), c2(mat_b, &b.colour2));
        self.push(
            format!("{path}.motif.colour2"),
            &format!(
                "{name} {}",
                word(l, ["second colour", "andra färg", "— второй цвет"])
            ),
            &c2a,
            &c2b,
        );
        self.push(
            format!("{path}.motif.scale"),
            &format!(
                "{name} {}",
                word(l, ["motif scale", "mönsterskala", "— масштаб узора"])
            ),
            &format!("{} %", a.scale),
            &format!("{} %", b.scale),
        );
        self.push(
            format!("{path}.motif.angle"),
            &format!(
                "{name} {}",
                word(l, ["motif angle", "mönstervinkel", "— угол узора"])
            ),
            &format!("{}°", a.angle),
            &format!("{}°", b.angle),
        );
    }

    fn monogram(&mut self, a: &Option<Monogram>, b: &Option<Monogram>) {
        let l = self.lang;
        match (a, b) {
            (None, None) => {}
            (None, Some(m)) => self.out.push(Change {
                path: "monogram".into(),
                message: format!(
                    "{}: {}",
                    word(
                        l,
                        ["Monogram added", "Monogram tillagt", "Добавлена монограмма"]
                    ),
                    m.text
                ),
            }),
            (Some(m), None) => self.out.push(Change {
                path: "monogram".into(),
                message: format!(
                    "{}: {}",
                    word(
                        l,
                        [
                            "Monogram removed",
                            "Monogram borttaget",
                            "Удалена монограмма"
                        ]
                    ),
                    m.text
                ),
            }),
            (Some(a), Some(b)) => {
                let c = self.c;
                let name = |id: &str, f: &dyn Fn(&str) -> Option<String>| {
                    f(id).unwrap_or_else(|| id.to_owned())
                };
                self.push(
                    "monogram.text".into(),
                    word(l, ["Monogram text", "Monogramtext", "Текст монограммы"]),
                    &a.text,
                    &b.text,
                );
                let font = |id: &str| c.font(id).map(|f| f.name.get(l).to_owned());
                self.push(
                    "monogram.font".into(),
                    word(l, ["Monogram font", "Monogramtypsnitt", "Шрифт монограммы"]),
                    &name(&a.font, &font),
                    &name(&b.font, &font),
                );
                let method = |id: &str| c.method(id).map(|m| m.name.get(l).to_owned());
                self.push(
                    "monogram.method".into(),
                    word(l, ["Monogram method", "Monogrammetod", "Способ нанесения"]),
                    &name(&a.method, &method),
                    &name(&b.method, &method),
                );
                let placement = |id: &str| c.placement(id).map(|p| p.name.get(l).to_owned());
                self.push(
                    "monogram.placement".into(),
                    word(
                        l,
                        [
                            "Monogram placement",
                            "Monogramplacering",
                            "Место монограммы",
                        ],
                    ),
                    &name(&a.placement, &placement),
                    &name(&b.placement, &placement),
                );
                let colour = |m: &Monogram| {
                    c.method(&m.method)
                        .and_then(|x| x.colour(&m.colour))
                        .map_or_else(|| m.colour.clone(), |x| x.name.get(l).to_owned())
                };
                self.push(
                    "monogram.colour".into(),
                    word(l, ["Monogram colour", "Monogramfärg", "Цвет монограммы"]),
                    &colour(a),
                    &colour(b),
                );
            }
        }
    }
}

/// The changes from `parent` to `child`, in a fixed order: product, size, parts (by id), monogram, closure.
pub fn diff(c: &Catalog, parent: &Configuration, child: &Configuration, lang: Lang) -> Vec<Change> {
    let mut d = Differ {
        c,
        lang,
        out: Vec::new(),
    };
    let l = lang;
    let product_name = |id: &str| {
        c.product(id)
            .map_or_else(|| id.to_owned(), |p| p.name.get(l).to_owned())
    };
    d.push(
        "product".into(),
        word(l, ["Product", "Produkt", "Изделие"]),
        &product_name(&parent.product),
        &product_name(&child.product),
    );
    let size_name = |cfg: &Configuration| {
        c.product(&cfg.product)
            .and_then(|p| p.size(&cfg.size))
            .map_or_else(|| cfg.size.clone(), |s| s.name.get(l).to_owned())
    };
    d.push(
        "size".into(),
        word(l, ["Size", "Storlek", "Размер"]),
        &size_name(parent),
        &size_name(child),
    );
    let ids: std::collections::BTreeSet<&String> =
        parent.parts.keys().chain(child.parts.keys()).collect();
    for id in ids {
        match (parent.parts.get(id), child.parts.get(id)) {
            (Some(a), Some(b)) => d.part(&child.product, id, a, b),
            (None, Some(b)) => {
                let name = d.part_name(&child.product, id);
                let m = d.material_name(&b.material);
                d.out.push(Change {
                    path: format!("parts.{id}"),
                    message: format!("{name} {}: {m}", word(l, ["added", "tillagd", "добавлена"])),
                });
            }
            (Some(_), None) => {
                let name = d.part_name(&parent.product, id);
                d.out.push(Change {
                    path: format!("parts.{id}"),
                    message: format!("{name} {}", word(l, ["removed", "borttagen", "удалена"])),
                });
            }
            (None, None) => {}
        }
    }
    d.monogram(&parent.monogram, &child.monogram);
    let closure_name = |id: &str| {
        c.closure(id)
            .map_or_else(|| id.to_owned(), |k| k.name.get(l).to_owned())
    };
    d.push(
        "closure.kind".into(),
        word(l, ["Closure", "Stängning", "Застёжка"]),
        &closure_name(&parent.closure.kind),
        &closure_name(&child.closure.kind),
    );
    let hw_name = |id: &str| {
        c.hardware(id)
            .map_or_else(|| id.to_owned(), |h| h.name.get(l).to_owned())
    };
    d.push(
        "closure.hardware".into(),
        word(l, ["Hardware", "Beslag", "Фурнитура"]),
        &hw_name(&parent.closure.hardware),
        &hw_name(&child.closure.hardware),
    );
    d.out
}
