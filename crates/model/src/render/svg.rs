//! Small SVG writing helpers: escaping, number formatting, colour shading.

/// Escapes text for SVG element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids outright; validation refuses them, rendering just drops them.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most two decimals and no trailing zeros: `12`, `12.5`, `0.33`.
/// Formatted from integer hundredths, which keeps float formatting code out of the wasm.
pub fn n(x: f64) -> String {
    let hundredths = (x * 100.0).round() as i64;
    let (sign, abs) = if hundredths < 0 {
        ("-", -hundredths)
    } else {
        ("", hundredths)
    };
    match (abs / 100, abs % 100) {
        (whole, 0) => format!("{sign}{whole}"),
        (whole, frac) if frac % 10 == 0 => format!("{sign}{whole}.{}", frac / 10),
        (whole, frac) => format!("{sign}{whole}.{frac:02}"),
    }
}

fn rgb(hex: &str) -> (f64, f64, f64) {
    let ch = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(128.0, f64::from)
    };
    (ch(1), ch(3), ch(5))
}

/// Mixes `hex` towards white (`t > 0`) or black (`t < 0`) by `|t|`.
pub fn shade(hex: &str, t: f64) -> String {
    let (r, g, b) = rgb(hex);
    let target = if t > 0.0 { 255.0 } else { 0.0 };
    let t = t.abs().min(1.0);
    let mix = |v: f64| (v + (target - v) * t).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

/// Relative luminance in 0..=1, to pick readable text on a swatch.
pub fn luminance(hex: &str) -> f64 {
    let (r, g, b) = rgb(hex);
    (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(1.0 / 3.0), "0.33");
        assert_eq!(n(-0.001), "0");
    }

    #[test]
    fn shading_moves_towards_white_or_black() {
        assert_eq!(shade("#808080", 1.0), "#ffffff");
        assert_eq!(shade("#808080", -1.0), "#000000");
        assert_eq!(shade("#000000", 0.5), "#808080");
        assert!(luminance("#ffffff") > 0.99 && luminance("#000000") < 0.01);
    }
}
