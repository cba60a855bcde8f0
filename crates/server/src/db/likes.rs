//! Likes: one row per (pattern, visitor), and the pattern's `like_count` changed in the
//! same transaction, so the count is exact however many times a visitor clicks.

use std::collections::HashSet;

use sqlx::{AnyConnection, Row};
use stitchfork_api::{PatternState, Sort};

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

/// Likes (`like = true`) or unlikes public pattern `id` for `visitor` (already hashed).
/// Returns the new like count, or `None` when no public pattern has this id; idempotent.
///
/// Whether the pattern is public is checked in the write itself, so a like never lands on a
/// pattern removed just before (and the request needs no read of its own): three statements
/// when the count changes, two when it does not.
pub async fn set_like(
    db: &Db,
    id: &str,
    visitor: &str,
    like: bool,
) -> Result<Option<i64>, sqlx::Error> {
    db.write(Like {
        id: id.to_string(),
        visitor: visitor.to_string(),
        like,
    })
    .await
}

/// The write of a like or unlike.
struct Like {
    id: String,
    visitor: String,
    like: bool,
}

impl Write for Like {
    type Output = Option<i64>;
    type Error = sqlx::Error;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, Option<i64>, sqlx::Error> {
        Box::pin(async move {
            let Like { id, visitor, like } = self;
            let public = format!(
                "SELECT seq FROM patterns WHERE id = $1 AND state = '{}'",
                PatternState::Public.as_str()
            );
            let changed = if *like {
                // The WHERE of the SELECT keeps SQLite from reading ON CONFLICT as a join.
                sqlx::query(&format!(
                    "INSERT INTO likes (pattern_seq, visitor, created_at) \
                     SELECT seq, $2, $3 FROM ({public}) p WHERE true ON CONFLICT DO NOTHING"
                ))
                .bind(id)
                .bind(visitor)
                .bind(now_ms())
                .execute(&mut *conn)
                .await?
                .rows_affected()
            } else {
                sqlx::query(&format!(
                    "DELETE FROM likes WHERE pattern_seq IN ({public}) AND visitor = $2"
                ))
                .bind(id)
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
            let row = sqlx::query(&format!(
                "UPDATE patterns SET like_count = like_count + $1 WHERE id = $2 AND state = '{}' \
                 RETURNING seq, like_count, fork_count, created_at, hot",
                PatternState::Public.as_str()
            ))
            .bind(delta)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let seq: i64 = row.try_get("seq")?;
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
                    .bind(seq)
                    .execute(&mut *conn)
                    .await?;
                // Its counts changed, and its places in the orders by likes and by hot; the
                // newest and most-forked orders keep theirs.
                touched.row(seq);
                touched.at(
                    seq,
                    &[
                        (Sort::Popular, likes - delta),
                        (Sort::Popular, likes),
                        (Sort::Trending, old_hot),
                        (Sort::Trending, hot),
                    ],
                    None,
                );
            }
            Ok(Some(likes))
        })
    }
}
