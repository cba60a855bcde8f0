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
pub const HIDE: &str = "/patterns/{id}/hide";
pub const RESTORE: &str = "/patterns/{id}/restore";
pub const RENDER_PREVIEW: &str = "/render/preview.svg";
pub const RENDER_CUT_SHEET: &str = "/render/cut-sheet.svg";
pub const OPENAPI: &str = "/openapi.json";

/// Every route template, for checking that the contract documents exactly these.
pub const ALL: [&str; 12] = [
    CATALOG,
    PATTERNS,
    PATTERN,
    LINEAGE,
    LIKE,
    PREVIEW,
    CUT_SHEET,
    HIDE,
    RESTORE,
    RENDER_PREVIEW,
    RENDER_CUT_SHEET,
    OPENAPI,
];

/// The full URL path of `template` for pattern `id` (which the caller has made URL-safe).
pub fn for_pattern(template: &str, id: &str) -> String {
    format!("{BASE}{}", template.replace("{id}", id))
}

/// The full URL path of a template without parameters.
pub fn full(template: &str) -> String {
    format!("{BASE}{template}")
}
