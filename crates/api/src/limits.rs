//! The numbers both sides enforce: the server refuses past them, the app's forms stop at
//! them (`maxlength`), and the contract states them. Change one here and all three follow.

/// Characters of a title (after trimming).
pub const TITLE_MAX: usize = 80;
/// Characters of a description (after trimming).
pub const DESCRIPTION_MAX: usize = 2000;
/// Characters of an author name (after trimming).
pub const AUTHOR_MAX: usize = 40;
/// Tags on one pattern.
pub const TAGS_MAX: usize = 8;
/// Characters of one tag (after trimming).
pub const TAG_MAX: usize = 24;
/// The author name stored when none is given.
pub const ANONYMOUS: &str = "Anonymous";

/// Gallery page size when `limit` is absent.
pub const DEFAULT_LIMIT: i64 = 24;
/// Largest gallery page (larger `limit`s are clamped).
pub const MAX_LIMIT: i64 = 100;
/// Longest filter value (`tag`, `product`, `material`, `colour`), in characters.
pub const FILTER_MAX: usize = 64;
/// Characters of the search text that are looked at.
pub const SEARCH_MAX: usize = 500;

/// Levels of descendants a lineage answer includes at most (and by default).
pub const LINEAGE_MAX_DEPTH: i64 = 6;
/// Descendant nodes a lineage answer includes at most (and by default).
pub const LINEAGE_MAX_NODES: i64 = 500;
/// Ancestor chains longer than this are cut (and `ancestors_truncated` is set).
pub const LINEAGE_MAX_ANCESTORS: i64 = 1000;
