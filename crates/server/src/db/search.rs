//! Turning a user's search box text into a safe full-text query for either backend.
//!
//! The user's text is never passed through: it is split into words made only of letters
//! and digits (so `"`, `%`, `_`, `*`, `:`, `&`, `NEAR`, parentheses... cannot reach the
//! query parser as syntax), bounded in count and length, and each word becomes a prefix
//! term. All terms must match (AND).
//!
//! On SQLite a prefix term is asked as the exact tokens it stands for when they are few and
//! known ([`sqlite_expression`]): FTS5 answers `"wool"*` by merging the whole doclist of every
//! token starting with "wool" before it returns one row (1-6 ms for a common word at 100k
//! patterns), but `("wool" OR "woollen")` lazily, in rowid order, so a newest-first page stops
//! after its matches (~0.1 ms). The tokens come from `search_vocab`, which holds every token
//! the index has held (migration 0007), so the answer is the same rows either way.

use sqlx::AnyConnection;

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

/// A prefix term standing for more tokens than this is asked as a prefix: an OR of many
/// tokens costs more to set up than the prefix merge saves.
const MAX_TOKENS: usize = 32;

/// The letters besides ASCII that FTS5's `unicode61 remove_diacritics 2` is known to turn
/// into these tokens (lowercase input; a test checks each against SQLite's tokenizer).
/// Cyrillic letters stay themselves (its diacritic removal is for Latin letters only).
const FOLDS: &[(char, char)] = &[
    ('à', 'a'),
    ('á', 'a'),
    ('â', 'a'),
    ('ä', 'a'),
    ('å', 'a'),
    ('ç', 'c'),
    ('è', 'e'),
    ('é', 'e'),
    ('ê', 'e'),
    ('ë', 'e'),
    ('ì', 'i'),
    ('í', 'i'),
    ('î', 'i'),
    ('ï', 'i'),
    ('ñ', 'n'),
    ('ò', 'o'),
    ('ó', 'o'),
    ('ô', 'o'),
    ('ö', 'o'),
    ('ù', 'u'),
    ('ú', 'u'),
    ('û', 'u'),
    ('ü', 'u'),
    ('ý', 'y'),
];

/// The token FTS5 makes of a sanitized `term` (one of [`terms`]), when it is certain: ASCII
/// letters and digits, the letters in [`FOLDS`], and lowercase Cyrillic. `None` for
/// anything else (the term is then asked as a prefix, which is always right).
pub fn sqlite_token(term: &str) -> Option<String> {
    term.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | 'а'..='я' | 'ё' => Some(c),
            _ => FOLDS.iter().find(|(from, _)| *from == c).map(|(_, to)| *to),
        })
        .collect()
}

/// The FTS5 MATCH string for the sanitized `terms` (non-empty), each prefix term replaced by
/// the tokens it stands for (from `search_vocab`) where they are known and few; `None` when
/// some term stands for no token at all (nothing can match).
pub async fn sqlite_expression(
    conn: &mut AnyConnection,
    terms: &[String],
) -> Result<Option<String>, sqlx::Error> {
    let mut parts = Vec::with_capacity(terms.len());
    for term in terms {
        let Some(token) = sqlite_token(term) else {
            parts.push(format!("\"{term}\"*"));
            continue;
        };
        // Every string that starts with `token` sorts below this bound (U+10FFFF is not
        // a character any token can hold).
        let bound = format!("{token}\u{10FFFF}");
        let tokens: Vec<String> = sqlx::query_scalar(
            "SELECT term FROM search_vocab WHERE term >= $1 AND term < $2 ORDER BY term LIMIT $3",
        )
        .bind(&token)
        .bind(bound)
        .bind(MAX_TOKENS as i64 + 1)
        .fetch_all(&mut *conn)
        .await?;
        if tokens.is_empty() {
            return Ok(None);
        }
        if tokens.len() > MAX_TOKENS {
            parts.push(format!("\"{term}\"*"));
        } else {
            let quoted: Vec<String> = tokens
                .iter()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect();
            parts.push(format!("({})", quoted.join(" OR ")));
        }
    }
    // FTS5 has no implicit AND between parenthesized groups.
    Ok(Some(parts.join(" AND ")))
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
    fn only_certain_tokens_are_made_here() {
        assert_eq!(sqlite_token("wool42").as_deref(), Some("wool42"));
        assert_eq!(sqlite_token("höstfodral").as_deref(), Some("hostfodral"));
        assert_eq!(sqlite_token("ёлка").as_deref(), Some("ёлка"));
        // ß, ø and CJK: SQLite's folding is not restated here, so the prefix term stays.
        for unsure in ["straße", "øre", "東京"] {
            assert_eq!(sqlite_token(unsure), None, "{unsure}");
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
