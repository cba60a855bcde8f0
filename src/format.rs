//! Locale-aware formatting through the browser's `Intl` (no number tables in the wasm).

use stitchfork_model::Lang;
use wasm_bindgen::JsValue;

use crate::i18n::locale;

/// Formats an amount in minor units (cents) as currency for the language's locale,
/// e.g. 12345 EUR -> "€123.45" (en), "123,45 €" (sv-SE), "123,45 €" (ru-RU).
///
/// The catalog's currencies have two decimals (EUR); a currency without would
/// need its exponent from the catalog.
pub fn money(lang: Lang, currency: &str, minor: i64) -> String {
    let amount = minor as f64 / 100.0;
    let options = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), v);
    let ok = set("style", &JsValue::from_str("currency")).is_ok()
        && set("currency", &JsValue::from_str(currency)).is_ok();
    let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
    if ok {
        let nf = js_sys::Intl::NumberFormat::new(&locales, &options);
        if let Ok(v) = nf
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(amount))
        {
            if let Some(s) = v.as_string() {
                return s;
            }
        }
    }
    format!("{amount:.2} {currency}")
}
