//! The front view, drawn from the product's `view` in the catalog: each layer in order (a rect,
//! circle, line or path whose lengths are expressions over the size's numbers, painted with the
//! parts' colours and motifs, the trim colour, the hardware), skipping layers meant for other
//! closures, and the monogram on the first monogram layer whose part carries its placement.

use super::svg::{esc, n, shade};
use super::{id_prefix, monogram_inks, part_fill, part_hex};
use crate::catalog::{Catalog, Layer, Product, Shape, Size};
use crate::config::Configuration;
use crate::expr::{self, Env};

/// Attributes measured along x or y: the frame's margin is added to them.
fn axis(attr: &str) -> Option<bool> {
    match attr {
        "x" | "cx" | "x1" | "x2" => Some(true),
        "y" | "cy" | "y1" | "y2" => Some(false),
        _ => None,
    }
}

/// Which path command arguments are x (true) or y (false) coordinates.
fn path_axes(letter: &str) -> &'static [bool] {
    match letter {
        "H" => &[true],
        "V" => &[false],
        "M" | "L" => &[true, false],
        "Q" => &[true, false, true, false],
        "C" => &[true, false, true, false, true, false],
        _ => &[],
    }
}

struct Ctx<'a> {
    c: &'a Catalog,
    cfg: &'a Configuration,
    prefix: String,
    margin: f64,
    env: Vec<(&'a str, f64)>,
    hardware: &'a str,
    /// Pattern definitions of the parts painted so far, and whether the light is used.
    defs: Vec<String>,
    light: bool,
}

impl Ctx<'_> {
    fn eval(&self, e: &str) -> Option<f64> {
        let env: &Env = &self.env;
        expr::eval(e, env).ok()
    }

    /// A `style` value: a literal, or a reference to a part, its colour, the hardware, the light.
    fn paint(&mut self, v: &str) -> String {
        let Some(r) = v.strip_prefix('@') else {
            return esc(v);
        };
        let (r, t) = match r.split_once('/') {
            Some((r, t)) => (r, expr::eval(t, &[]).ok()),
            None => (r, None),
        };
        let hex = if let Some(part) = r.strip_prefix("part:") {
            let fill = part_fill(self.c, self.cfg, part, &self.prefix);
            if let Some(def) = fill.def {
                if !self.defs.contains(&def) {
                    self.defs.push(def);
                }
            }
            fill.paint
        } else if let Some(part) = r.strip_prefix("colour:") {
            part_hex(self.c, self.cfg, part).to_owned()
        } else if r == "hardware" {
            self.hardware.to_owned()
        } else if r == "light" {
            self.light = true;
            return format!("url(#{}-light)", self.prefix);
        } else {
            super::FALLBACK.to_owned()
        };
        match t {
            Some(t) => shade(&hex, t),
            None => hex,
        }
    }

    fn layer(&mut self, l: &Layer, out: &mut String) -> Option<()> {
        let mut attrs = String::new();
        if l.shape == Shape::Path {
            let mut d = Vec::with_capacity(l.d.len());
            for cmd in &l.d {
                let (letter, args) = cmd.split_first()?;
                let axes = path_axes(letter);
                let mut s = esc(letter);
                for (i, a) in args.iter().enumerate() {
                    let shift = axes.get(i).map_or(0.0, |_| self.margin);
                    s.push_str(&n(self.eval(a)? + shift));
                    if i + 1 < args.len() {
                        s.push(' ');
                    }
                }
                d.push(s);
            }
            attrs.push_str(&format!(r#" d="{}""#, d.join(" ")));
        } else {
            for (name, e) in &l.geometry {
                let shift = axis(name).map_or(0.0, |_| self.margin);
                attrs.push_str(&format!(
                    r#" {}="{}""#,
                    esc(name),
                    n(self.eval(&e.0)? + shift)
                ));
            }
        }
        for (name, v) in &l.style {
            let value = self.paint(v);
            attrs.push_str(&format!(r#" {}="{value}""#, esc(name)));
        }
        let tag = match l.shape {
            Shape::Rect => "rect",
            Shape::Circle => "circle",
            Shape::Line => "line",
            Shape::Path => "path",
            Shape::Monogram => return None,
        };
        out.push_str(&format!("<{tag}{attrs}/>"));
        Some(())
    }

    /// The monogram, if it is placed on this layer's part. `Some(())` once drawn.
    fn monogram(&self, l: &Layer, out: &mut String) -> Option<()> {
        let m = self.cfg.monogram.as_ref()?;
        let pl = self.c.placement(&m.placement)?;
        if l.part.as_deref() != Some(pl.part.as_str()) {
            return None;
        }
        let get = |k: &str| {
            l.geometry
                .iter()
                .find(|(name, _)| name == k)
                .and_then(|(_, e)| self.eval(&e.0))
        };
        let (bx, by, bw, bh) = (get("x")?, get("y")?, get("width")?, get("height")?);
        let (x, y) = (
            self.margin + (bx + pl.x * bw),
            self.margin + (by + pl.y * bh),
        );
        let ground = part_hex(self.c, self.cfg, &pl.part);
        let (ink, relief, stitched) = monogram_inks(self.c, self.cfg, ground)?;
        let family = self.c.font(&m.font).map_or("serif", |f| f.family.as_str());
        let size = f64::from(pl.text_height_mm) * 1.4;
        let text = esc(&m.text);
        let common = format!(
            r#"font-family="{}" font-size="{}" text-anchor="{}" font-weight="600""#,
            esc(family),
            n(size),
            esc(&pl.anchor)
        );
        if stitched {
            out.push_str(&format!(
                r#"<text x="{}" y="{}" {common} fill="{ink}" stroke="{relief}" stroke-width="0.6" stroke-dasharray="1.2 0.6">{text}</text>"#,
                n(x),
                n(y)
            ));
        } else {
            out.push_str(&format!(
                r#"<text x="{}" y="{}" {common} fill="{relief}">{text}</text>"#,
                n(x + 0.8),
                n(y + 0.8)
            ));
            out.push_str(&format!(
                r#"<text x="{}" y="{}" {common} fill="{ink}">{text}</text>"#,
                n(x),
                n(y)
            ));
        }
        Some(())
    }
}

/// A neutral frame for a design whose product or size is unknown: the preview never blanks.
fn placeholder() -> String {
    r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 388 298" width="776" height="596" role="img"><rect x="24" y="24" width="340" height="250" rx="12" fill="#9a9a9a"/></svg>"##.to_owned()
}

pub(super) fn render(c: &Catalog, cfg: &Configuration) -> String {
    let Some(product) = c.product(&cfg.product) else {
        return placeholder();
    };
    let Some(size) = product.size(&cfg.size) else {
        return placeholder();
    };
    draw(c, cfg, product, size).unwrap_or_else(placeholder)
}

/// The numbers a design's shapes are written with, and its view's width and height (mm).
type Frame<'p> = (Vec<(&'p str, f64)>, f64, f64);

/// The numbers a design's shapes are written with (its size's and closure's), and its view's
/// width and height in millimetres, without the margin.
fn view_frame<'p>(cfg: &Configuration, product: &'p Product, size: &'p Size) -> Option<Frame<'p>> {
    let env = product
        .env(size, &cfg.closure.kind)
        .or_else(|_| product.env(size, ""))
        .ok()?;
    let eval = |e: &str| expr::eval(e, &env[..]).ok();
    let (w, h) = (eval(&product.view.width.0)?, eval(&product.view.height.0)?);
    Some((env, w, h))
}

/// The `width` and `height` a design's preview is drawn at: twice its viewBox, in pixels.
fn drawn_size(margin: f64, w: f64, h: f64) -> (f64, f64) {
    ((w + 2.0 * margin) * 2.0, (h + 2.0 * margin) * 2.0)
}

pub(super) fn size(c: &Catalog, cfg: &Configuration) -> Option<(f64, f64)> {
    let product = c.product(&cfg.product)?;
    let (_, w, h) = view_frame(cfg, product, product.size(&cfg.size)?)?;
    Some(drawn_size(f64::from(product.view.margin), w, h))
}

fn draw(c: &Catalog, cfg: &Configuration, product: &Product, size: &Size) -> Option<String> {
    let (env, w, h) = view_frame(cfg, product, size)?;
    let view = &product.view;
    let mut ctx = Ctx {
        c,
        cfg,
        prefix: id_prefix(cfg, "p"),
        margin: f64::from(view.margin),
        env,
        hardware: c
            .hardware(&cfg.closure.hardware)
            .map_or(super::FALLBACK, |x| x.hex.as_str()),
        defs: Vec::new(),
        light: false,
    };
    let mut body = String::new();
    let mut monogram_drawn = false;
    for l in &view.layers {
        if !l.when_closure.is_empty() && !l.when_closure.contains(&cfg.closure.kind) {
            continue;
        }
        if l.shape == Shape::Monogram {
            if !monogram_drawn {
                monogram_drawn = ctx.monogram(l, &mut body).is_some();
            }
            continue;
        }
        // A layer whose numbers do not evaluate (a broken design) is left out, not the view.
        let mut one = String::new();
        if ctx.layer(l, &mut one).is_some() {
            body.push_str(&one);
        }
    }
    let mut defs = ctx.defs.concat();
    if ctx.light {
        // A soft top-left light so the flat colour reads as a padded object.
        defs.push_str(&format!(
            r##"<linearGradient id="{}-light" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffffff" stop-opacity="0.18"/><stop offset="0.55" stop-color="#ffffff" stop-opacity="0"/><stop offset="1" stop-color="#000000" stop-opacity="0.14"/></linearGradient>"##,
            ctx.prefix
        ));
    }
    let m = ctx.margin;
    let (vw, vh) = (w + 2.0 * m, h + 2.0 * m);
    let (pw, ph) = drawn_size(m, w, h);
    Some(format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img"><defs>{defs}</defs>{body}</svg>"#,
        n(vw),
        n(vh),
        n(pw),
        n(ph)
    ))
}
