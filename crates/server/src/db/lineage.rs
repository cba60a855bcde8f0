//! Family trees: the chain of ancestors up to the root, and the descendants of a pattern
//! breadth-first, bounded in depth and node count. `parent_id` never changes after
//! publish, so the graph is a forest and both walks terminate.

use super::items::{MadeStats, MADE_COLUMNS};
use super::Db;

/// The public bits of one family member (removed/hidden ones are reported as removed
/// by the API layer, without title or author).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub id: String,
    pub parent_id: Option<String>,
    pub title: String,
    pub author_name: String,
    pub state: stitchfork_api::PatternState,
    pub like_count: i64,
    pub fork_count: i64,
    pub created_at: i64,
    pub licence: stitchfork_api::Licence,
    #[sqlx(flatten)]
    pub made: MadeStats,
    /// Distance from the starting pattern (1 = parent or child).
    pub distance: i64,
}

const MEMBER_COLUMNS: &str = "p.id, p.parent_id, p.title, p.author_name, p.state, \
    p.like_count, p.fork_count, p.created_at, p.licence";

/// Ancestors of `id`, nearest first, at most `max` of them.
pub async fn ancestors(db: &Db, id: &str, max: i64) -> Result<Vec<Member>, sqlx::Error> {
    let sql = format!(
        "WITH RECURSIVE anc(id, parent_id, n) AS ( \
           SELECT id, parent_id, CAST(0 AS BIGINT) FROM patterns WHERE id = $1 \
           UNION ALL \
           SELECT p.id, p.parent_id, anc.n + 1 FROM patterns p JOIN anc ON p.id = anc.parent_id \
           WHERE anc.n < $2) \
         SELECT {MEMBER_COLUMNS}, {MADE_COLUMNS}, anc.n AS distance FROM anc JOIN patterns p ON p.id = anc.id \
         WHERE anc.n > 0 ORDER BY anc.n"
    );
    sqlx::query_as(&sql)
        .bind(id)
        .bind(max)
        .fetch_all(&db.pool)
        .await
}

/// Descendants of `id` up to `max_depth` levels, breadth-first (then oldest first),
/// at most `max_nodes`.
pub async fn descendants(
    db: &Db,
    id: &str,
    max_depth: i64,
    max_nodes: i64,
) -> Result<Vec<Member>, sqlx::Error> {
    let sql = format!(
        "WITH RECURSIVE d(id, n) AS ( \
           SELECT id, CAST(0 AS BIGINT) FROM patterns WHERE id = $1 \
           UNION ALL \
           SELECT p.id, d.n + 1 FROM patterns p JOIN d ON p.parent_id = d.id WHERE d.n < $2) \
         SELECT {MEMBER_COLUMNS}, {MADE_COLUMNS}, d.n AS distance FROM d JOIN patterns p ON p.id = d.id \
         WHERE d.n > 0 ORDER BY d.n, p.seq LIMIT $3"
    );
    sqlx::query_as(&sql)
        .bind(id)
        .bind(max_depth)
        .bind(max_nodes)
        .fetch_all(&db.pool)
        .await
}
