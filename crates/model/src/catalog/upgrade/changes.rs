//! What changed between two configurations, path by path, with each value's name in its own
//! catalog. The upgrade computes its changes this way (instead of logging its own steps) so that
//! a value changed twice, or changed and changed back, is reported once, as it ends up.

use super::{Change, ChangeKind};
use crate::catalog::{Catalog, Text};
use crate::config::Configuration;

/// One value of a configuration at a path.
pub(super) struct Entry {
    pub path: String,
    value: String,
    name: Text,
    /// The entry whose change already says this one changed (`parts.x` for `parts.x.material`,
    /// the motif kind for its parameters, `monogram` for its font), reported instead.
    parent: Option<String>,
}

fn same(s: &str) -> Text {
    Text {
        en: s.to_owned(),
        sv: s.to_owned(),
        ru: s.to_owned(),
    }
}

/// Every value of `cfg` that an upgrade can change, in configuration order, named in `c`
/// (an id that `c` does not know is named by the id itself).
pub(super) fn entries(c: &Catalog, cfg: &Configuration) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut push = |path: String, value: &str, name: Option<&Text>, parent: Option<String>| {
        let name = name.cloned().unwrap_or_else(|| same(value));
        out.push(Entry {
            path,
            value: value.to_owned(),
            name,
            parent,
        });
    };
    let product = c.product(&cfg.product);
    let size = product.and_then(|p| p.size(&cfg.size));
    push("size".into(), &cfg.size, size.map(|s| &s.name), None);
    for (id, choice) in &cfg.parts {
        let part = format!("parts.{id}");
        let spec = product.and_then(|p| p.part(id));
        push(part.clone(), "", spec.map(|s| &s.name), None);
        let material = c.material(&choice.material);
        let colour_name = |colour: &str| material.and_then(|m| m.colour(colour)).map(|x| &x.name);
        push(
            format!("{part}.material"),
            &choice.material,
            material.map(|m| &m.name),
            Some(part.clone()),
        );
        push(
            format!("{part}.colour"),
            &choice.colour,
            colour_name(&choice.colour),
            Some(part.clone()),
        );
        let kind = format!("{part}.motif.kind");
        let m = &choice.motif;
        push(
            kind.clone(),
            &m.kind,
            c.motif(&m.kind).map(|s| &s.name),
            Some(part.clone()),
        );
        if let Some(c2) = &m.colour2 {
            push(
                format!("{part}.motif.colour2"),
                c2,
                colour_name(c2),
                Some(kind.clone()),
            );
        }
        let (scale, angle) = (m.scale.to_string(), m.angle.to_string());
        push(
            format!("{part}.motif.scale"),
            &scale,
            None,
            Some(kind.clone()),
        );
        push(format!("{part}.motif.angle"), &angle, None, Some(kind));
    }
    if let Some(m) = &cfg.monogram {
        let mono = || Some("monogram".to_owned());
        push("monogram".into(), &m.text, None, None);
        let font = c.font(&m.font).map(|f| &f.name);
        push("monogram.font".into(), &m.font, font, mono());
        let method = c.method(&m.method);
        push(
            "monogram.method".into(),
            &m.method,
            method.map(|x| &x.name),
            mono(),
        );
        let placement = c.placement(&m.placement).map(|p| &p.name);
        push("monogram.placement".into(), &m.placement, placement, mono());
        let colour = method.and_then(|x| x.colour(&m.colour)).map(|x| &x.name);
        push("monogram.colour".into(), &m.colour, colour, mono());
    }
    let closure = c.closure(&cfg.closure.kind).map(|k| &k.name);
    push("closure.kind".into(), &cfg.closure.kind, closure, None);
    let hardware = c.hardware(&cfg.closure.hardware).map(|h| &h.name);
    push(
        "closure.hardware".into(),
        &cfg.closure.hardware,
        hardware,
        None,
    );
    out
}

/// The paths whose value differs between `before` and `after` (present on one side only counts).
pub(super) fn changed_paths(before: &[Entry], after: &[Entry]) -> Vec<String> {
    let value = |list: &[Entry], path: &str| {
        list.iter()
            .find(|e| e.path == path)
            .map(|e| e.value.clone())
    };
    let mut out: Vec<String> = Vec::new();
    for e in before.iter().chain(after) {
        if !out.contains(&e.path) && value(before, &e.path) != value(after, &e.path) {
            out.push(e.path.clone());
        }
    }
    out
}

/// The changes from `before` (named in the old catalog) to `after` (named in the new one).
/// A path in `discontinued` is a choice the new catalog no longer offered; any other change was
/// made because a rule of the new catalog forbids the combination. A change whose parent changed
/// too is left out: the parent's says it. A side without the path is named by an empty text.
pub(super) fn changes(before: &[Entry], after: &[Entry], discontinued: &[String]) -> Vec<Change> {
    let changed = changed_paths(before, after);
    let find = |list: &[Entry], path: &str| list.iter().position(|e| e.path == path);
    let entry = |path: &str| {
        find(before, path)
            .map(|i| &before[i])
            .or_else(|| find(after, path).map(|i| &after[i]))
    };
    let ancestor_changed = |path: &str| {
        let mut parent = entry(path).and_then(|e| e.parent.clone());
        while let Some(p) = parent {
            if changed.contains(&p) {
                return true;
            }
            parent = entry(&p).and_then(|e| e.parent.clone());
        }
        false
    };
    let empty = || same("");
    changed
        .iter()
        .filter(|p| !ancestor_changed(p))
        .map(|path| Change {
            path: path.clone(),
            kind: if discontinued.contains(path) {
                ChangeKind::Discontinued
            } else {
                ChangeKind::NowForbidden
            },
            before: find(before, path).map_or_else(empty, |i| before[i].name.clone()),
            after: find(after, path).map_or_else(empty, |i| after[i].name.clone()),
        })
        .collect()
}
