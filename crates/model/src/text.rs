//! Characters that user text may not carry because they change how it displays without being
//! seen: bidirectional controls (a title could read as something other than what it is) and the
//! other invisible format characters (Unicode category Cf). One rule for every text a person
//! types (pattern titles, descriptions, author names, tags, monograms), on the server and in the
//! browser alike.
//!
//! Zero-width (non-)joiners are the exception in free text: Persian, Indic scripts and emoji
//! sequences need them, and they cannot reorder anything. The monogram, which is stitched and
//! has a small repertoire, refuses them too.

/// Bidirectional embedding, override, isolate and mark characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The zero-width joiner and non-joiner (format characters that free text keeps).
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// The invisible format characters (category Cf) other than the joiners, as inclusive ranges,
/// bidi controls included. A table, not a `match`: it is smaller in the browser's wasm.
const HIDDEN_FORMAT: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200B}'),
    ('\u{200E}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Invisible format characters (category Cf) other than the joiners, bidi controls included.
pub fn is_hidden_format(c: char) -> bool {
    HIDDEN_FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// [`is_hidden_format`] as the body of a regular-expression character class, for contracts
/// that state the rule as a pattern (the OpenAPI document). Astral characters are written
/// as themselves: both Rust's `regex` and Python's `re` read them in a class.
pub const HIDDEN_FORMAT_CLASS: &str = "\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\u{110BD}\u{110CD}\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}";

/// Whether free text (one line, or with `newlines` also `\n` and `\t`) holds a character it
/// may not: a control character or a hidden format character.
pub fn has_forbidden_char(text: &str, newlines: bool) -> bool {
    text.chars()
        .any(|c| (c.is_control() && !(newlines && (c == '\n' || c == '\t'))) || is_hidden_format(c))
}

fn forbidden(c: char, newlines: bool) -> bool {
    (c.is_control() && !(newlines && (c == '\n' || c == '\t'))) || is_hidden_format(c)
}

/// `text` without the characters [`has_forbidden_char`] refuses: what a form sends, so a
/// pasted title with a stray bidi override is published as it looks.
pub fn without_forbidden(text: &str, newlines: bool) -> String {
    text.chars().filter(|&c| !forbidden(c, newlines)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_and_the_pattern_name_the_same_characters() {
        // Every range of the table appears in the class, written as escapes or as itself.
        let class = HIDDEN_FORMAT_CLASS;
        for &(lo, hi) in HIDDEN_FORMAT {
            let esc = |c: char| {
                if (c as u32) < 0x10000 {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                }
            };
            let written = if lo == hi {
                esc(lo)
            } else {
                format!("{}-{}", esc(lo), esc(hi))
            };
            let split = format!("{}{}", esc(lo), esc(hi));
            assert!(
                class.contains(&written) || (hi as u32 == lo as u32 + 1 && class.contains(&split)),
                "{written} is not in the class"
            );
        }
        assert!(is_bidi_control('\u{202E}') && is_hidden_format('\u{202E}'));
        assert!(!is_hidden_format('\u{200D}') && is_joiner('\u{200D}'));
    }

    #[test]
    fn hidden_characters_are_refused_and_joiners_kept() {
        for bad in [
            "a\u{202E}b",
            "\u{2066}x",
            "x\u{200B}",
            "\u{FEFF}",
            "a\u{E0041}",
        ] {
            assert!(has_forbidden_char(bad, true), "{bad:?}");
        }
        for ok in [
            "Ink & saffron",
            "می\u{200C}خواهم",
            "👩\u{200D}💻",
            "שלום",
            "Ёж",
        ] {
            assert!(!has_forbidden_char(ok, false), "{ok:?}");
        }
        assert!(has_forbidden_char("a\nb", false));
        assert_eq!(without_forbidden("In\u{202E}k\n", false), "Ink");
        assert_eq!(without_forbidden("a\u{200B}\nb", true), "a\nb");
        assert!(!has_forbidden_char("a\nb\tc", true));
    }
}
