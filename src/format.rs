//! Locale-aware formatting through the browser's `Intl` (no number tables in the wasm).

use std::cell::RefCell;

use stitchfork_model::Lang;
use wasm_bindgen::JsValue;

use crate::i18n::locale;

thread_local! {
    /// Formatters already made, by language and currency: making an `Intl.NumberFormat` costs
    /// about a tenth of a millisecond, and the customizer formats its price lines on every click.
    static FORMATS: RefCell<Vec<(Lang, String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// Formats an amount in minor units (cents) as currency for the language's locale,
/// e.g. 12345 EUR -> "€123.45" (en), "123,45 €" (sv-SE), "123,45 €" (ru-RU).
///
/// The catalog's currencies have two decimals (EUR); a currency without would
/// need its exponent from the catalog.
pub fn money(lang: Lang, currency: &str, minor: i64) -> String {
    let amount = minor as f64 / 100.0;
    formatter(lang, currency)
        .and_then(|f| f.call1(&JsValue::NULL, &JsValue::from_f64(amount)).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{amount:.2} {currency}"))
}

/// The `format` function of the locale's currency formatter, made once.
fn formatter(lang: Lang, currency: &str) -> Option<js_sys::Function> {
    let known = FORMATS.with_borrow(|fs| {
        fs.iter()
            .find(|(l, c, _)| *l == lang && c == currency)
            .map(|(_, _, f)| f.clone())
    });
    if known.is_some() {
        return known;
    }
    let options = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), v);
    if set("style", &JsValue::from_str("currency")).is_err()
        || set("currency", &JsValue::from_str(currency)).is_err()
    {
        return None;
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
    // `format` is a getter that returns the formatter's own bound function.
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    FORMATS.with_borrow_mut(|fs| fs.push((lang, currency.to_owned(), format.clone())));
    Some(format)
}
