//! Monogram text checks: NFC, length per size, allowed characters per font, control and
//! bidi-override characters, and a small blocklist of words we will not stitch or press.

use crate::catalog::Font;
use crate::messages as msg;
use crate::text::{self, is_bidi_control};
use crate::{Lang, Problem};

/// Lowercase words refused in a monogram, English, Swedish and Russian. A word matches a whole
/// word of the text, or all its letters run together ("F.U.C.K"); a word ending in `*` is a stem
/// that matches anywhere. Short words are whole-word only so names like "Kuklin" pass.
pub const BLOCKLIST: &[&str] = &[
    "fuck*",
    "shit*",
    "cunt*",
    "bitch*",
    "whore*", // English
    "fitta*",
    "kuk",
    "jävla*",
    "knull*",
    "horunge*", // Swedish
    "хуй*",
    "хуе*",
    "пизд*",
    "бля",
    "блят*",
    "бляд*",
    "ебат*",
    "сука", // Russian
];

fn blocked(text: &str) -> bool {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    let compact: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    BLOCKLIST.iter().any(|entry| match entry.strip_suffix('*') {
        Some(stem) => compact.contains(stem),
        None => compact == *entry || words.clone().any(|w| w == *entry),
    })
}

/// Punctuation a monogram may hold besides letters, digits and spaces.
const PUNCTUATION: &[char] = &['.', '&', '\'', '-', ' '];

/// Control characters, and the invisible format characters (joiners included: a monogram has
/// no script that needs them).
fn is_control_or_zero_width(c: char) -> bool {
    c.is_control() || text::is_joiner(c) || (text::is_hidden_format(c) && !is_bidi_control(c))
}

fn is_invisible(c: char) -> bool {
    is_control_or_zero_width(c) || is_bidi_control(c)
}

fn script_of(c: char) -> Option<&'static str> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Some("latin"),
        '\u{0400}'..='\u{04FF}' if c.is_alphabetic() => Some("cyrillic"),
        _ => None,
    }
}

/// The first character of `text` (NFC) that `font` has no glyph for, if any. Digits and the
/// allowed punctuation are in every font.
pub fn unsupported_char(text: &str, font: &Font) -> Option<char> {
    crate::nfc::nfc(text).chars().find(|&c| match script_of(c) {
        Some(s) => !font.scripts.iter().any(|fs| fs == s),
        None => false,
    })
}

/// All problems of a monogram text, reported at `monogram.text`.
pub fn check_text(
    raw: &str,
    font: Option<&Font>,
    max_chars: Option<u32>,
    lang: Lang,
) -> Vec<Problem> {
    const PATH: &str = "monogram.text";
    let text = crate::nfc::nfc(raw);
    let mut out = Vec::new();
    if text.chars().any(is_bidi_control) {
        out.push(Problem::new(
            PATH,
            "monogram_bidi",
            msg::monogram_bidi(lang),
        ));
    }
    if text.chars().any(is_control_or_zero_width) {
        out.push(Problem::new(
            PATH,
            "monogram_control",
            msg::monogram_control(lang),
        ));
    }
    // Invisible characters were reported above; anything else must be a letter we make, a digit
    // or one of the allowed punctuation marks.
    let allowed =
        |c: char| script_of(c).is_some() || c.is_ascii_digit() || PUNCTUATION.contains(&c);
    if let Some(bad) = text.chars().find(|&c| !allowed(c) && !is_invisible(c)) {
        out.push(Problem::new(
            PATH,
            "monogram_char",
            msg::monogram_char(lang, bad),
        ));
    }
    if !text.chars().any(|c| c.is_alphanumeric()) {
        out.push(Problem::new(
            PATH,
            "monogram_empty",
            msg::monogram_empty(lang),
        ));
    }
    let count = text.chars().count();
    if let Some(max) = max_chars {
        if count > max as usize {
            out.push(Problem::new(
                PATH,
                "monogram_too_long",
                msg::monogram_too_long(lang, max, count),
            ));
        }
    }
    if let Some(f) = font {
        if let Some(ch) = unsupported_char(&text, f) {
            out.push(Problem::new(
                PATH,
                "monogram_font_script",
                msg::font_lacks_char(lang, f.name.get(lang), ch),
            ));
        }
    }
    if blocked(&text) {
        out.push(Problem::new(
            PATH,
            "monogram_blocked",
            msg::monogram_blocked(lang),
        ));
    }
    out
}
