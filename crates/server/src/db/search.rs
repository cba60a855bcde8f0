//! Turning a user's search box text into a safe full-text query for either backend.
//!
//! The user's text is never passed through: it is split into words made only of letters
//! and digits (so `"`, `%`, `_`, `*`, `:`, `&`, `NEAR`, parentheses... cannot reach the
//! query parser as syntax), bounded in count and length, and each word becomes a prefix
//! term. All terms must match (AND).

use super::Dialect;

/// At most this many words are used from a query.
const MAX_TERMS: usize = 8;
/// Longer words are cut to this many characters.
const MAX_TERM_CHARS: usize = 32;
/// Words FTS5 reads as operators even inside our quoting are harmless, but quoting
/// everything keeps the rule simple: every term is a quoted string.
///
/// Returns the sanitized words (lowercased).
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .take(MAX_TERM_CHARS)
                .collect::<String>()
                .to_lowercase()
        })
        // Lowercasing can produce non-alphanumeric combining marks; drop them again.
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .collect()
}

/// The dialect's search expression for the sanitized `terms` (non-empty), to bind as one
/// parameter: an FTS5 MATCH string or a PostgreSQL tsquery string.
pub fn match_expression(dialect: Dialect, terms: &[String]) -> String {
    match dialect {
        // "word"* : a quoted string with a prefix star; quotes cannot occur inside.
        Dialect::Sqlite => terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
        // 'word':* joined with &; quotes cannot occur inside.
        Dialect::Postgres => terms
            .iter()
            .map(|t| format!("'{t}':*"))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// The `FROM` clause of a SQLite search in newest-first order: the FTS5 index is the outer
/// loop (`CROSS JOIN` makes SQLite keep that order whatever its statistics say), read in
/// descending rowid (= `seq`) order, so a page stops after `limit` matches. Filtering
/// `patterns` with `seq IN (matches)` instead let SQLite look up every match by the state
/// index and sort them all: ~50 ms per query at 100k patterns against ~1.5 ms this way.
///
/// Only for sort=new: for the other orders, walking their `(state, key, seq)` index and
/// testing each row against the match list ([`condition`]) stays faster, because driving
/// from FTS would have to read the sort key of every match from its (large) table row.
pub const SQLITE_NEWEST_FROM: &str =
    "patterns_fts CROSS JOIN patterns p ON p.seq = patterns_fts.rowid";

/// With [`SQLITE_NEWEST_FROM`]: the condition matching parameter `$n`.
pub fn sqlite_newest_match(n: usize) -> String {
    format!("patterns_fts MATCH ${n}")
}

/// With [`SQLITE_NEWEST_FROM`]: the order, on the rowid FTS5 can walk backwards.
pub const SQLITE_NEWEST_ORDER: &str = "patterns_fts.rowid DESC";

/// With [`SQLITE_NEWEST_FROM`]: the exclusive upper bound on the rowid that continues after
/// cursor `(key, seq)`, so FTS5 starts there instead of skipping the earlier pages.
///
/// For sort=new the key is `seq` itself, and `(seq, seq) < (key, after)` holds exactly when
/// `seq < key`, or `seq = key` and `key < after`.
pub fn sqlite_newest_bound(key: i64, after: i64) -> i64 {
    // key < after implies key < i64::MAX, so the addition cannot overflow.
    if key < after {
        key + 1
    } else {
        key
    }
}

/// The SQL condition selecting patterns (alias `p`) that match parameter `$n`.
pub fn condition(dialect: Dialect, n: usize) -> String {
    match dialect {
        Dialect::Sqlite => {
            format!("p.seq IN (SELECT rowid FROM patterns_fts WHERE patterns_fts MATCH ${n})")
        }
        Dialect::Postgres => format!("p.search @@ to_tsquery('simple', ${n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_syntax_becomes_plain_words() {
        assert_eq!(
            terms(r#"he"llo" OR %_ NEAR(a b) title:x* -y ^z"#),
            ["he", "llo", "or", "near", "a", "b", "title", "x"]
        );
        assert!(terms(r#"%%% "" '' * : & | ! ( )"#).is_empty());
        let huge = "ж".repeat(100_000);
        assert_eq!(terms(&huge)[0].chars().count(), MAX_TERM_CHARS);
    }

    #[test]
    fn newest_bound_matches_the_row_value_comparison() {
        for key in [-3_i64, 0, 5, i64::MAX] {
            for after in [-3_i64, 0, 4, 5, 6, i64::MAX] {
                let bound = sqlite_newest_bound(key, after);
                for seq in [-4_i64, -3, 0, 4, 5, 6, i64::MAX] {
                    assert_eq!(
                        seq < bound,
                        (seq, seq) < (key, after),
                        "{key} {after} {seq}"
                    );
                }
            }
        }
    }

    #[test]
    fn expressions_quote_every_term() {
        let t = vec!["wool".to_string(), "ink".to_string()];
        assert_eq!(match_expression(Dialect::Sqlite, &t), r#""wool"* "ink"*"#);
        assert_eq!(
            match_expression(Dialect::Postgres, &t),
            "'wool':* & 'ink':*"
        );
    }
}
