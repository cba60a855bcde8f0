//! Unicode NFC for monogram text, from the `unicode-normalization` crate.
//!
//! A hand-written table for just the monogram repertoire was ~17 KB gzip smaller in the wasm,
//! but NFC also needs canonical reordering and decomposition of combining marks
//! ("O" + macron + ogonek is "Ǭ"), which that table got wrong; correctness wins here.

use unicode_normalization::UnicodeNormalization;

/// The NFC form of `text`.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::nfc;

    #[test]
    fn combining_marks_are_reordered_before_composing() {
        // ogonek (ccc 202) sorts before macron (ccc 230): O + ogonek = Ǫ, then + macron = Ǭ.
        assert_eq!(nfc("O\u{304}\u{328}"), "\u{1EC}");
        assert_eq!(nfc("\u{14C}\u{328}"), "\u{1EC}");
        assert_eq!(nfc("A\u{30A}"), "\u{C5}");
        assert_eq!(nfc("\u{212B}"), "\u{C5}"); // the Ångström sign is a singleton
    }
}
