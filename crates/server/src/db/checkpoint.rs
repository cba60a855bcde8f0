//! SQLite: copying the write-ahead log into the database file off the writers' path.
//!
//! By default SQLite checkpoints inside the commit that fills the log past 1,000 pages: that
//! commit copies ~4 MB into the database file and syncs it before it returns, so every few
//! hundred publishes one batch of writers waited for it (publish p99 80-99 ms at ~1,900
//! publishes/s on the benchmark's 100,000 patterns, 16-20 ms with no checkpoint at all).
//! Here connections never checkpoint by themselves (`wal_autocheckpoint = 0`, set where the
//! pool connects) and this task does it a few times a second instead:
//!
//! 1. `PASSIVE` checkpoints copy what is in the log while writers go on (readers and the
//!    writer are never blocked by them), twice: the second copies what came in during the
//!    first, a smaller part;
//! 2. if writes came in meanwhile, a last one runs while holding the writers' turn, which
//!    only has the last few frames left to copy. With the whole log copied, the next write
//!    starts the log again from its beginning, so it does not grow while writes never stop
//!    (what a checkpoint that always trails the writer would let happen).
//!
//! Durability is unchanged: a commit is still synced to the log before it is answered
//! (`synchronous = FULL`); a checkpoint only moves committed pages, and after a crash
//! SQLite replays the log. When the last connection closes, SQLite checkpoints as before.

use std::sync::Arc;
use std::time::Duration;

use sqlx::AnyPool;
use tokio::sync::Mutex;

use super::changes::Changes;

/// How often the log is copied when there were writes.
const EVERY: Duration = Duration::from_millis(200);

/// Starts the checkpointer of `pool`'s database. It ends with the pool.
pub fn start(pool: AnyPool, turn: Arc<Mutex<()>>, changes: Arc<Changes>) {
    tokio::spawn(async move {
        let mut copied_at = changes.generation();
        loop {
            tokio::time::sleep(EVERY).await;
            if pool.is_closed() {
                return;
            }
            let now = changes.generation();
            if now == copied_at {
                continue;
            }
            if let Err(e) = copy_log(&pool, &turn, &changes, now).await {
                // Not fatal: the log keeps every commit; the next round tries again.
                tracing::warn!("checkpoint: {e}");
                continue;
            }
            copied_at = now;
        }
    });
}

/// One round, begun at generation `start`: the bulk of the log alongside writers, the rest
/// between two batches.
async fn copy_log(
    pool: &AnyPool,
    turn: &Mutex<()>,
    changes: &Changes,
    start: u64,
) -> Result<(), sqlx::Error> {
    passive(pool).await?;
    passive(pool).await?;
    if changes.generation() != start {
        let _turn = turn.lock().await;
        passive(pool).await?;
    }
    Ok(())
}

/// `PRAGMA wal_checkpoint(PASSIVE)`.
async fn passive(pool: &AnyPool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(pool)
        .await?;
    Ok(())
}
