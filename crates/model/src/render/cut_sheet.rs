//! The production cut sheet: each part's panel drawn flat at true proportions (1 unit = 1 mm),
//! with the cut line, the sewing line inset by the seam allowance, dimensions, a label (part,
//! material, colour, motif, finished size, count), the monogram's position, and a legend.

use super::svg::{esc, luminance, n};
use super::{id_prefix, monogram_inks, part_fill, part_hex};
use crate::catalog::Catalog;
use crate::config::Configuration;
use crate::geometry::{bbox, is_rect, panel, Panel, Pt};
use crate::Lang;

const MARGIN: f64 = 40.0;
const FONT: f64 = 11.0;
const LINE: f64 = 15.0;

fn t(lang: Lang, [en, sv, ru]: [&'static str; 3]) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
}

fn text(x: f64, y: f64, size: f64, extra: &str, s: &str) -> String {
    format!(
        r#"<text x="{}" y="{}" font-size="{}"{extra}>{}</text>"#,
        n(x),
        n(y),
        n(size),
        esc(s)
    )
}

pub(super) fn render(c: &Catalog, cfg: &Configuration, lang: Lang) -> String {
    let Some(product) = c.product(&cfg.product) else {
        return empty(lang);
    };
    let Some(size) = product.size(&cfg.size) else {
        return empty(lang);
    };
    let closure = c.closure(&cfg.closure.kind);
    let Ok(env) = product.env(size, &cfg.closure.kind) else {
        return empty(lang);
    };
    let (row_width, gap) = (
        f64::from(product.cut_sheet.row_width),
        f64::from(product.cut_sheet.gap),
    );
    let prefix = id_prefix(cfg, "c");
    // The unit's abbreviation is the same in English and Swedish; Russian writes it in Cyrillic.
    let mm = t(lang, ["mm", "mm", "мм"]);
    let mut defs = String::new();
    let mut body = String::new();

    // Title block.
    let mut y = MARGIN;
    let title = format!(
        "{} — {}, {}",
        t(lang, ["Cut sheet", "Tillskärningsark", "Лист раскроя"]),
        product.name.get(lang),
        size.name.get(lang)
    );
    body.push_str(&text(
        MARGIN,
        y + 20.0,
        22.0,
        r#" font-weight="700""#,
        &title,
    ));
    let finished: Vec<String> = product
        .cut_sheet
        .finished
        .iter()
        .map(|k| {
            size.params
                .get(k)
                .map_or_else(|| "?".into(), u32::to_string)
        })
        .collect();
    let sub = format!(
        "{} {} {mm} · {} {} · {} {} {mm}",
        t(lang, ["Finished", "Färdigt mått", "Готовый размер"]),
        finished.join(" × "),
        t(lang, ["design", "design", "дизайн"]),
        &cfg.content_hash()[..12],
        t(lang, ["seam allowance", "sömsmån", "припуск на шов"]),
        product.seam_allowance_mm,
    );
    body.push_str(&text(MARGIN, y + 42.0, FONT, r##" fill="#444444""##, &sub));
    y += 80.0;

    // Shelf layout: panels left to right, wrapping at the sheet's row width.
    let panels: Vec<(Panel, &crate::catalog::PartSpec)> = product
        .parts
        .iter()
        .filter_map(|spec| panel(product, spec, &env).ok().map(|p| (p, spec)))
        .collect();
    let label_lines = 6.0;
    let (mut x, mut row_h, mut max_x) = (MARGIN + 20.0, 0.0f64, 0.0f64);
    for (p, spec) in &panels {
        let copies = f64::from(p.count.max(1));
        let (cx0, cy0, cx1, cy1) = bbox(&p.cut);
        let (sx0, sy0, sx1, sy1) = bbox(&p.sew);
        let (cut_w, cut_h) = (cx1 - cx0, cy1 - cy0);
        let (fin_w, fin_h) = (sx1 - sx0, sy1 - sy0);
        let (pw, ph) = (cut_w, cut_h * copies + 12.0 * (copies - 1.0));
        if x + pw > row_width && x > MARGIN + 20.0 {
            x = MARGIN + 20.0;
            y += row_h + gap;
            row_h = 0.0;
        }
        let top = y + 20.0; // room for the width dimension
        let fill = part_fill(c, cfg, &spec.id, &prefix);
        defs.extend(fill.def.iter().cloned());
        let ground = part_hex(c, cfg, &spec.id);
        // Where the piece's own coordinates land on the sheet (copy 0).
        let (ox, oy) = (x - cx0, top - cy0);
        for k in 0..p.count.max(1) {
            let py = top + f64::from(k) * (cut_h + 12.0);
            let dy = py - top;
            body.push_str(&outline(
                &p.cut,
                (ox, oy + dy),
                &format!(
                    r##"fill="{}" fill-opacity="0.9" stroke="#111111" stroke-width="1.4""##,
                    fill.paint
                ),
            ));
            // Sewing line: the finished outline, inside the cut line by the seam allowance.
            let seam = if luminance(ground) < 0.45 {
                "#ffffff"
            } else {
                "#111111"
            };
            body.push_str(&outline(
                &p.sew,
                (ox, oy + dy),
                &format!(r#"fill="none" stroke="{seam}" stroke-width="1" stroke-dasharray="6 4""#),
            ));
            for &(vertical, at) in &p.folds {
                let style =
                    format!(r#"stroke="{seam}" stroke-width="1" stroke-dasharray="14 4 2 4""#);
                body.push_str(&if vertical {
                    format!(
                        r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" {style}/>"#,
                        n(py),
                        n(py + cut_h),
                        x = n(ox + at)
                    )
                } else {
                    format!(
                        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" {style}/>"#,
                        n(x),
                        n(x + cut_w),
                        y = n(oy + dy + at)
                    )
                });
            }
        }
        // Dimensions: width above, height to the left.
        body.push_str(&dimension_h(
            x,
            top - 8.0,
            pw,
            &format!("{} {mm}", n(cut_w)),
        ));
        body.push_str(&dimension_v(
            x - 10.0,
            top,
            cut_h,
            &format!("{} {mm}", n(cut_h)),
        ));

        // Monogram marker on the panel it sits on.
        if let Some((m, pl)) = cfg
            .monogram
            .as_ref()
            .and_then(|m| c.placement(&m.placement).map(|pl| (m, pl)))
        {
            if pl.part == spec.id {
                // The placement's fractions are of the finished piece's bounding box.
                let (fx, fy) = (ox + sx0, oy + sy0);
                let (mx, my) = (fx + pl.x * fin_w, fy + pl.y * fin_h);
                let th = f64::from(pl.text_height_mm);
                let (ink, _, _) = monogram_inks(c, cfg, ground)
                    .unwrap_or_else(|| ("#111111".into(), String::new(), false));
                let family = c.font(&m.font).map_or("serif", |f| f.family.as_str());
                body.push_str(&format!(
                    r#"<text x="{}" y="{}" font-family="{}" font-size="{}" text-anchor="{}" fill="{ink}">{}</text>"#,
                    n(mx),
                    n(my),
                    esc(family),
                    n(th * 1.4),
                    esc(&pl.anchor),
                    esc(&m.text)
                ));
                body.push_str(&format!(
                    r##"<circle cx="{}" cy="{}" r="3" fill="#e0245e"/><line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#e0245e" stroke-width="0.8"/>"##,
                    n(mx),
                    n(my),
                    n(mx - 12.0),
                    n(mx + 12.0),
                    y = n(my)
                ));
            }
        }

        // Label below the panel.
        let mut ly = top + ph + 18.0;
        let choice = cfg.parts.get(&spec.id);
        let material = choice.and_then(|ch| c.material(&ch.material));
        let colour = choice.and_then(|ch| material.and_then(|m| m.colour(&ch.colour)));
        let motif = choice.and_then(|ch| c.motif(&ch.motif.kind));
        let mut lines: Vec<(String, &str)> =
            vec![(spec.name.get(lang).to_owned(), r#" font-weight="700""#)];
        let count = if p.count > 1 {
            format!(" × {}", p.count)
        } else {
            String::new()
        };
        lines.push((
            format!("{}{count}", material.map_or("?", |m| m.name.get(lang))),
            "",
        ));
        lines.push((
            format!(
                "{} {}",
                colour.map_or("?", |x| x.name.get(lang)),
                colour.map_or("", |x| x.hex.as_str())
            ),
            "",
        ));
        if let (Some(ch), Some(mo)) = (choice, motif) {
            let mut s = mo.name.get(lang).to_owned();
            if mo.colour2 {
                let c2 = ch
                    .motif
                    .colour2
                    .as_deref()
                    .and_then(|id| material.and_then(|m| m.colour(id)))
                    .map_or("?", |x| x.name.get(lang));
                s.push_str(&format!(" / {c2}"));
            }
            if mo.scale.is_some() {
                s.push_str(&format!(", {} %", ch.motif.scale));
            }
            if mo.angle.is_some() {
                s.push_str(&format!(", {}°", ch.motif.angle));
            }
            lines.push((s, ""));
        }
        lines.push((
            format!(
                "{} {} × {} {mm}",
                t(lang, ["finished", "färdigt", "готовый"]),
                n(fin_w),
                n(fin_h)
            ),
            r##" fill="#555555""##,
        ));
        body.push_str(&format!(
            r##"<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="#111111" stroke-width="0.6"/>"##,
            n(x),
            n(ly + 2.0 * LINE - 10.0),
            ground
        ));
        for (i, (s, extra)) in lines.iter().enumerate() {
            let indent = if i == 2 { 16.0 } else { 0.0 };
            body.push_str(&text(x + indent, ly, FONT, extra, s));
            ly += LINE;
        }
        let block_w = pw.max(150.0);
        row_h = row_h.max(ph + 20.0 + 18.0 + label_lines * LINE);
        max_x = max_x.max(x + block_w);
        x += block_w + gap;
    }
    y += row_h + 20.0;

    // Monogram, closure and legend.
    body.push_str(&format!(
        r##"<line x1="{m}" y1="{y}" x2="{}" y2="{y}" stroke="#cccccc"/>"##,
        n(max_x),
        m = n(MARGIN),
        y = n(y)
    ));
    y += 26.0;
    let mut notes: Vec<String> = Vec::new();
    if let Some(m) = &cfg.monogram {
        let method = c.method(&m.method);
        let name = |o: Option<&crate::catalog::Text>, id: &str| {
            o.map_or_else(|| id.to_owned(), |x| x.get(lang).to_owned())
        };
        notes.push(format!(
            "{}: “{}” · {} · {} · {} · {}",
            t(lang, ["Monogram", "Monogram", "Монограмма"]),
            m.text,
            name(c.font(&m.font).map(|f| &f.name), &m.font),
            name(method.map(|x| &x.name), &m.method),
            name(
                method.and_then(|x| x.colour(&m.colour)).map(|x| &x.name),
                &m.colour
            ),
            name(c.placement(&m.placement).map(|p| &p.name), &m.placement),
        ));
    }
    notes.push(format!(
        "{}: {} · {}: {}",
        t(lang, ["Closure", "Stängning", "Застёжка"]),
        closure.map_or(cfg.closure.kind.as_str(), |k| k.name.get(lang)),
        t(lang, ["hardware", "beslag", "фурнитура"]),
        c.hardware(&cfg.closure.hardware)
            .map_or(cfg.closure.hardware.as_str(), |h| h.name.get(lang)),
    ));
    for note in &notes {
        body.push_str(&text(MARGIN, y, 13.0, "", note));
        y += 20.0;
    }
    y += 8.0;
    let legend: [(&str, [&'static str; 3]); 4] = [
        (
            r##"stroke="#111111" stroke-width="1.4""##,
            ["Cut line", "Skärlinje", "Линия кроя"],
        ),
        (
            r##"stroke="#111111" stroke-width="1" stroke-dasharray="6 4""##,
            [
                "Sewing line (seam allowance inside)",
                "Sömlinje (sömsmån innanför)",
                "Линия шва (припуск внутри)",
            ],
        ),
        (
            r##"stroke="#111111" stroke-width="1" stroke-dasharray="14 4 2 4""##,
            ["Fold line", "Viklinje", "Линия сгиба"],
        ),
        (
            r##"stroke="#e0245e" stroke-width="2""##,
            [
                "Monogram baseline point",
                "Monogrammets baslinjepunkt",
                "Точка базовой линии монограммы",
            ],
        ),
    ];
    body.push_str(&text(
        MARGIN,
        y,
        13.0,
        r#" font-weight="700""#,
        t(lang, ["Legend", "Teckenförklaring", "Условные обозначения"]),
    ));
    y += 20.0;
    for (style, label) in legend {
        body.push_str(&format!(
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" {style}/>"#,
            n(MARGIN),
            n(MARGIN + 50.0),
            y = n(y - 4.0)
        ));
        body.push_str(&text(MARGIN + 62.0, y, FONT, "", t(lang, label)));
        y += LINE + 2.0;
    }
    let (vw, vh) = (max_x.max(600.0) + MARGIN, y + MARGIN);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" font-family="Helvetica, Arial, sans-serif"><defs>{defs}</defs><rect width="100%" height="100%" fill="#ffffff"/>{body}</svg>"##,
        n(vw),
        n(vh),
        n(vw),
        n(vh)
    )
}

/// A piece's outline at `(dx, dy)`: a `<rect>` when it is an axis-aligned rectangle, else a path.
fn outline(pts: &[Pt], (dx, dy): (f64, f64), style: &str) -> String {
    if is_rect(pts) {
        let (x0, y0, x1, y1) = bbox(pts);
        return format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" {style}/>"#,
            n(dx + x0),
            n(dy + y0),
            n(x1 - x0),
            n(y1 - y0)
        );
    }
    let d: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, (x, y))| {
            format!(
                "{}{} {}",
                if i == 0 { 'M' } else { 'L' },
                n(dx + x),
                n(dy + y)
            )
        })
        .collect();
    format!(r#"<path d="{} Z" {style}/>"#, d.join(" "))
}

fn dimension_h(x: f64, y: f64, w: f64, label: &str) -> String {
    format!(
        r##"<g stroke="#333333" stroke-width="0.8"><line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/><line x1="{x0}" y1="{a}" x2="{x0}" y2="{b}"/><line x1="{x1}" y1="{a}" x2="{x1}" y2="{b}"/></g>{}"##,
        text(
            x + w / 2.0,
            y - 4.0,
            10.0,
            r##" text-anchor="middle" fill="#333333""##,
            label
        ),
        x0 = n(x),
        x1 = n(x + w),
        y = n(y),
        a = n(y - 4.0),
        b = n(y + 4.0)
    )
}

fn dimension_v(x: f64, y: f64, h: f64, label: &str) -> String {
    let (cx, cy) = (x - 4.0, y + h / 2.0);
    // A label longer than the edge is written level, to the left, instead of along it.
    let (lx, ly, turn) = if h < 60.0 {
        (x - 8.0, cy + 3.5, String::new())
    } else {
        (
            cx,
            cy,
            format!(r#" transform="rotate(-90 {} {})""#, n(cx), n(cy)),
        )
    };
    let anchor = if turn.is_empty() { "end" } else { "middle" };
    format!(
        r##"<g stroke="#333333" stroke-width="0.8"><line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/><line x1="{a}" y1="{y0}" x2="{b}" y2="{y0}"/><line x1="{a}" y1="{y1}" x2="{b}" y2="{y1}"/></g><text x="{lx}" y="{ly}" font-size="10" text-anchor="{anchor}" fill="#333333"{turn}>{}</text>"##,
        esc(label),
        x = n(x),
        y0 = n(y),
        y1 = n(y + h),
        a = n(x - 4.0),
        b = n(x + 4.0),
        lx = n(lx),
        ly = n(ly)
    )
}

fn empty(lang: Lang) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 60" width="400" height="60" font-family="Helvetica, Arial, sans-serif"><text x="20" y="36" font-size="16">{}</text></svg>"##,
        esc(t(
            lang,
            [
                "Unknown product or size: nothing to cut.",
                "Okänd produkt eller storlek: inget att skära.",
                "Неизвестное изделие или размер: кроить нечего."
            ]
        ))
    )
}
