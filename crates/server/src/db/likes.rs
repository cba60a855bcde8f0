//! Likes: one row per (pattern, visitor), and the pattern's `like_count` changed in the
//! same transaction, so the count is exact however many times a visitor clicks.

use std::collections::HashSet;

use sqlx::{AnyConnection, Row};
use stitchfork_api::Sort;

use super::changes::Touched;
use super::commit::{Write, WriteFuture};
use super::patterns::hot_score;
use super::{now_ms, Db, Dialect};

/// Which of the patterns `seqs` the visitor (already hashed) likes. One query whatever the
/// count: the numbers travel as one JSON array parameter, so the statement text stays the
/// same and is prepared once per connection.
pub async fn liked_among(
    db: &Db,
    visitor: &str,
    seqs: &[i64],
) -> Result<HashSet<i64>, sqlx::Error> {
    if seqs.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = match db.dialect {
        Dialect::Sqlite => {
            "SELECT pattern_seq FROM likes WHERE visitor = $1 \
             AND pattern_seq IN (SELECT value FROM json_each($2))"
        }
        Dialect::Postgres => {
            "SELECT pattern_seq FROM likes WHERE visitor = $1 \
             AND pattern_seq IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)"
        }
    };
    let list = serde_json::to_string(seqs).unwrap_or_else(|_| "[]".into());
    let rows: Vec<i64> = sqlx::query_scalar(sql)
        .bind(visitor)
        .bind(list)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Likes (`like = true`) or unlikes a pattern for `visitor` (already hashed).
/// Returns the new like count; idempotent.
pub async fn set_like(db: &Db, seq: i64, visitor: &str, like: bool) -> Result<i64, sqlx::Error> {
    db.write(Like {
        seq,
        visitor: visitor.to_string(),
        like,
    })
    .await
}

/// The write of a like or unlike.
struct Like {
    seq: i64,
    visitor: String,
    like: bool,
}

impl Write for Like {
    type Output = i64;
    type Error = sqlx::Error;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, i64, sqlx::Error> {
        Box::pin(async move {
            let Like { seq, visitor, like } = self;
            let changed = if *like {
                sqlx::query(
                    "INSERT INTO likes (pattern_seq, visitor, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(*seq)
                .bind(visitor)
                .bind(now_ms())
                .execute(&mut *conn)
                .await?
                .rows_affected()
            } else {
                sqlx::query("DELETE FROM likes WHERE pattern_seq = $1 AND visitor = $2")
                    .bind(*seq)
                    .bind(visitor)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            };
            let delta: i64 = match (changed, like) {
                (0, _) => 0,
                (_, true) => 1,
                (_, false) => -1,
            };
            // Row lock (PostgreSQL) / write lock (SQLite) taken here serializes concurrent likes.
            // `hot` is not changed yet: it comes back as it was (the place the pattern leaves
            // in the trending order).
            let row = sqlx::query(
                "UPDATE patterns SET like_count = like_count + $1 WHERE seq = $2 \
                 RETURNING like_count, fork_count, created_at, hot",
            )
            .bind(delta)
            .bind(*seq)
            .fetch_one(&mut *conn)
            .await?;
            let likes: i64 = row.try_get("like_count")?;
            if delta != 0 {
                let old_hot: i64 = row.try_get("hot")?;
                let hot = hot_score(
                    row.try_get("created_at")?,
                    likes,
                    row.try_get("fork_count")?,
                );
                sqlx::query("UPDATE patterns SET hot = $1 WHERE seq = $2")
                    .bind(hot)
                    .bind(*seq)
                    .execute(&mut *conn)
                    .await?;
                // Its counts changed, and its places in the orders by likes and by hot; the
                // newest and most-forked orders keep theirs.
                touched.row(*seq);
                touched.at(
                    *seq,
                    &[
                        (Sort::Popular, likes - delta),
                        (Sort::Popular, likes),
                        (Sort::Trending, old_hot),
                        (Sort::Trending, hot),
                    ],
                    None,
                );
            }
            Ok(likes)
        })
    }
}
