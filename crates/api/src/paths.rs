//! The API's URL paths. Templates (`{id}`) are what the server routes and documents; the
//! functions fill them in for a client. One place, so a path cannot drift between the two.

/// Where the API lives.
pub const BASE: &str = "/api/v1";

pub const CATALOG: &str = "/catalog";
pub const PATTERNS: &str = "/patterns";
pub const PATTERN: &str = "/patterns/{id}";
pub const LINEAGE: &str = "/patterns/{id}/lineage";
pub const LIKE: &str = "/patterns/{id}/like";
pub const PREVIEW: &str = "/patterns/{id}/preview.svg";
pub const CUT_SHEET: &str = "/patterns/{id}/cut-sheet.svg";
/// The social card: a 1200 x 630 PNG of the preview (Open Graph / Twitter image).
pub const CARD: &str = "/patterns/{id}/card.png";
pub const HIDE: &str = "/patterns/{id}/hide";
pub const RESTORE: &str = "/patterns/{id}/restore";
pub const RENDER_PREVIEW: &str = "/render/preview.svg";
pub const RENDER_CUT_SHEET: &str = "/render/cut-sheet.svg";
/// The social card of an unpublished design: `?d=` as in a shared design link.
pub const RENDER_CARD: &str = "/render/card.png";
pub const OPENAPI: &str = "/openapi.json";
/// What the items made from a pattern say (count, rating, owners' notes).
pub const MADE: &str = "/patterns/{id}/made";
pub const ITEMS: &str = "/items";
pub const ITEM: &str = "/items/{item}";
pub const ITEM_LABEL: &str = "/items/{item}/label.svg";
pub const ITEM_CUT_SHEET: &str = "/items/{item}/cut-sheet.svg";
pub const ITEM_CLAIM: &str = "/items/{item}/claim";
pub const ITEM_NOTES: &str = "/items/{item}/notes";
pub const NOTE_HIDE: &str = "/notes/{note}/hide";
/// The pattern's configuration moved onto its catalog's latest version (for a fork).
pub const UPGRADE: &str = "/patterns/{id}/upgrade";
/// Retailer catalogs and their versions (see `crate::catalogs`).
pub const CATALOGS: &str = "/catalogs";
pub const CATALOG_LATEST: &str = "/catalogs/{catalog}";
pub const CATALOG_VERSIONS: &str = "/catalogs/{catalog}/versions";
pub const CATALOG_VERSION: &str = "/catalogs/{catalog}/versions/{version}";
/// The JSON Schema of a catalog.
pub const CATALOG_SCHEMA: &str = "/catalog/schema.json";
/// An unsaved catalog's products drawn at every size.
pub const RENDER_CATALOG_PREVIEW: &str = "/render/catalog-preview";

/// The catalog routes (their parameter is not a pattern id).
pub const CATALOG_ALL: [&str; 6] = [
    CATALOGS,
    CATALOG_LATEST,
    CATALOG_VERSIONS,
    CATALOG_VERSION,
    CATALOG_SCHEMA,
    RENDER_CATALOG_PREVIEW,
];

/// The full URL path of a catalog template for catalog `id` (a checked catalog id, URL-safe)
/// and, for [`CATALOG_VERSION`], `version`.
pub fn for_catalog(template: &str, id: &str, version: u32) -> String {
    match template.strip_prefix(CATALOG_LATEST) {
        Some("/versions/{version}") => format!("{BASE}/catalogs/{id}/versions/{version}"),
        Some(rest) => format!("{BASE}/catalogs/{id}{rest}"),
        None => full(template),
    }
}

/// The item and note routes (their parameter is not a pattern id).
pub const ITEM_ALL: [&str; 7] = [
    ITEMS,
    ITEM,
    ITEM_LABEL,
    ITEM_CUT_SHEET,
    ITEM_CLAIM,
    ITEM_NOTES,
    NOTE_HIDE,
];

/// The full URL path of an item template (one of the `/items/{item}...` ones) for item `id`
/// (which the caller has made URL-safe); a prefix test, like [`for_pattern`].
pub fn for_item(template: &str, id: &str) -> String {
    match template.strip_prefix(ITEM) {
        Some(rest) => format!("{BASE}/items/{id}{rest}"),
        None => full(template),
    }
}

/// Every route template, for checking that the contract documents exactly these. Those with
/// `{id}` all start with [`PATTERN`].
pub const ALL: [&str; 16] = [
    CATALOG,
    PATTERNS,
    PATTERN,
    LINEAGE,
    LIKE,
    PREVIEW,
    CUT_SHEET,
    CARD,
    MADE,
    UPGRADE,
    HIDE,
    RESTORE,
    RENDER_PREVIEW,
    RENDER_CUT_SHEET,
    RENDER_CARD,
    OPENAPI,
];

/// The full URL path of `template` (one of the `/patterns/{id}...` ones) for pattern `id`
/// (which the caller has made URL-safe). Templates without `{id}` come back as they are.
pub fn for_pattern(template: &str, id: &str) -> String {
    // A prefix test, not a search-and-replace: the app's wasm carries no string searcher
    // for it.
    match template.strip_prefix(PATTERN) {
        Some(rest) => format!("{BASE}/patterns/{id}{rest}"),
        None => full(template),
    }
}

/// The full URL path of a template without parameters.
pub fn full(template: &str) -> String {
    format!("{BASE}{template}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_in() {
        assert_eq!(for_pattern(PATTERN, "abc"), "/api/v1/patterns/abc");
        assert_eq!(
            for_pattern(CUT_SHEET, "abc"),
            "/api/v1/patterns/abc/cut-sheet.svg"
        );
        assert_eq!(
            for_pattern(RENDER_PREVIEW, "abc"),
            "/api/v1/render/preview.svg"
        );
        for template in ALL {
            assert_eq!(
                template.contains("{id}"),
                template.starts_with(PATTERN),
                "{template}"
            );
            assert_eq!(
                for_pattern(template, "X"),
                full(template).replace("{id}", "X")
            );
        }
        assert_eq!(
            for_catalog(CATALOG_VERSION, "acme", 3),
            "/api/v1/catalogs/acme/versions/3"
        );
        for template in CATALOG_ALL {
            assert_eq!(
                for_catalog(template, "X", 7),
                full(template)
                    .replace("{catalog}", "X")
                    .replace("{version}", "7")
            );
        }
        for template in ITEM_ALL.into_iter().filter(|t| t.starts_with(ITEM)) {
            assert_eq!(
                for_item(template, "X"),
                full(template).replace("{item}", "X")
            );
        }
    }
}
