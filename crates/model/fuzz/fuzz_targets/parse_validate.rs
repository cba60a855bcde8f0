//! Untrusted configuration JSON through the whole pipeline the server and browser run on it:
//! parse (with migration), validate, availability, price, render, diff. Nothing may panic, and a
//! valid design's canonical form must read back to the same canonical form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stitchfork_model::config::parse;
use stitchfork_model::{diff, pricing, render, rules, validate, Catalog, Configuration, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cfg) = parse(text) else { return };
    let c = Catalog::builtin();
    let lang = Lang::ALL[data.len() % 3];
    let valid = validate::validate(c, &cfg, lang).is_ok();
    assert_eq!(pricing::quote(c, &cfg, lang).is_ok(), valid, "priced exactly when valid");
    let _ = rules::availability(c, &cfg, lang);
    let preview = render::preview_svg(c, &cfg);
    let sheet = render::cut_sheet_svg(c, &cfg, lang);
    for svg in [&preview, &sheet] {
        assert_eq!(svg.matches('<').count(), svg.matches('>').count(), "unescaped text in SVG");
    }
    if let Some(parent) = Configuration::default_for(c, "laptop-sleeve") {
        let _ = diff::diff(c, &parent, &cfg, lang);
    }
    assert!(diff::diff(c, &cfg, &cfg, lang).is_empty());
    if valid {
        let canonical = cfg.canonical_json();
        let again = parse(&canonical).expect("a valid design's canonical form parses");
        assert_eq!(again.canonical_json(), canonical);
    }
});
