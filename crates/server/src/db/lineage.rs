//! Family trees: the chain of ancestors up to the root, and the descendants of a pattern
//! breadth-first, bounded in depth and node count. `parent_id` never changes after
//! publish, so the graph is a forest and both walks terminate.

use super::items::MadeStats;
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
    sqlx::query_as(&ancestors_sql())
        .bind(id)
        .bind(max)
        .fetch_all(&db.pool)
        .await
}

/// The SQL of [`ancestors`] (`$1` id, `$2` most ancestors; public so tests can check its plan).
pub fn ancestors_sql() -> String {
    let (made_ctes, made_columns, made_joins) = made_of_page();
    format!(
        "WITH RECURSIVE anc(id, parent_id, n) AS ( \
           SELECT id, parent_id, CAST(0 AS BIGINT) FROM patterns WHERE id = $1 \
           UNION ALL \
           SELECT p.id, p.parent_id, anc.n + 1 FROM patterns p JOIN anc ON p.id = anc.parent_id \
           WHERE anc.n < $2), \
         page AS MATERIALIZED (SELECT id, n FROM anc WHERE n > 0), \
         {made_ctes} \
         SELECT {MEMBER_COLUMNS}, {made_columns}, page.n AS distance \
         FROM page JOIN patterns p ON p.id = page.id {made_joins} \
         ORDER BY page.n"
    )
}

/// Made counts of the members in CTE `page` (column `id`; materialized, so the walk runs
/// once however often it is joined), one grouped query each for
/// items and for public notes, joined by the member's id (`p.id`): (CTEs, columns, joins).
/// Why not `items::MADE_COLUMNS`: its three subqueries per row ran for every row the walk
/// found, before the sort and the limit kept 500 of them.
fn made_of_page() -> (&'static str, &'static str, &'static str) {
    (
        "made AS (SELECT i.pattern_id, COUNT(*) AS made_count FROM items i \
           JOIN page ON page.id = i.pattern_id GROUP BY i.pattern_id), \
         rated AS (SELECT i.pattern_id, COUNT(n.rating) AS rating_count, \
           SUM(n.rating) AS rating_sum FROM items i JOIN page ON page.id = i.pattern_id \
           JOIN item_notes n ON n.item_seq = i.seq WHERE n.state = 'public' \
           GROUP BY i.pattern_id)",
        "COALESCE(made.made_count, 0) AS made_count, \
         COALESCE(rated.rating_count, 0) AS rating_count, \
         CAST(COALESCE(rated.rating_sum, 0) AS BIGINT) AS rating_sum",
        "LEFT JOIN made ON made.pattern_id = p.id LEFT JOIN rated ON rated.pattern_id = p.id",
    )
}

/// Descendants of `id` up to `max_depth` levels, breadth-first (then oldest first),
/// at most `max_nodes`.
///
/// The walk carries each member's `seq`, so the page (the first `max_nodes` by level, then
/// age) is chosen from the walk alone; only the page's rows are then read, with their made
/// counts (a family of 10,000 under one root returns 500).
pub async fn descendants(
    db: &Db,
    id: &str,
    max_depth: i64,
    max_nodes: i64,
) -> Result<Vec<Member>, sqlx::Error> {
    sqlx::query_as(&descendants_sql())
        .bind(id)
        .bind(max_depth)
        .bind(max_nodes)
        .fetch_all(&db.pool)
        .await
}

/// The SQL of [`descendants`] (`$1` id, `$2` depth, `$3` nodes; public so tests can check
/// its plan).
pub fn descendants_sql() -> String {
    let (made_ctes, made_columns, made_joins) = made_of_page();
    format!(
        "WITH RECURSIVE d(id, seq, n) AS ( \
           SELECT id, seq, CAST(0 AS BIGINT) FROM patterns WHERE id = $1 \
           UNION ALL \
           SELECT p.id, p.seq, d.n + 1 FROM patterns p JOIN d ON p.parent_id = d.id \
           WHERE d.n < $2), \
         page AS MATERIALIZED (SELECT id, seq, n FROM d WHERE n > 0 ORDER BY n, seq LIMIT $3), \
         {made_ctes} \
         SELECT {MEMBER_COLUMNS}, {made_columns}, page.n AS distance \
         FROM page JOIN patterns p ON p.seq = page.seq {made_joins} \
         ORDER BY page.n, p.seq"
    )
}
