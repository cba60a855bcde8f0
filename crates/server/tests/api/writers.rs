//! SQLite writers take turns inside the process (`Db::begin_write`): a writer waiting for
//! its turn holds no pooled connection, so readers are served however many writers queue.

use std::time::Duration;

use stitchfork_server::db::Db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_writers_leave_connections_for_readers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!("sqlite://{}/w.db", dir.path().display()))
        .await
        .expect("open");
    let holder = db.begin_write().await.expect("first writer");
    // More waiting writers than the pool has connections (8).
    let writers: Vec<_> = (0..12)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin_write().await?;
                sqlx::query("SELECT 1").execute(&mut *tx).await?;
                tx.commit().await
            })
        })
        .collect();
    // Let them queue up (if they have not yet, the reader below only finds it easier).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let generation = db.generation();
    // A bound, not a speed target: without turns the reader waits for the holder, which
    // only commits after the read.
    let read = tokio::time::timeout(
        Duration::from_secs(8),
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM patterns").fetch_one(&db.pool),
    )
    .await
    .expect("a reader was starved by writers waiting for their turn");
    assert_eq!(read.expect("count"), 0);
    holder.commit().await.expect("commit");
    for w in writers {
        w.await.expect("join").expect("every queued writer commits");
    }
    assert_eq!(db.generation(), generation + 13, "each commit is counted");
    db.close().await;
}
