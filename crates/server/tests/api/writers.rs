//! SQLite writers take turns inside the process (`Db::begin_write`): a writer waiting for
//! its turn holds no pooled connection, so readers are served however many writers queue.
//! Request writes queued meanwhile are group-committed (`db::commit`).

use std::sync::atomic::Ordering;
use std::time::Duration;

use stitchfork_api::fields::{AuthorName, Description, Tags, Title};
use stitchfork_api::Licence;
use stitchfork_server::db::patterns::{self, NewPattern, PublishError};
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

fn new_pattern(i: usize, parent: Option<&str>) -> NewPattern {
    NewPattern {
        id: format!("group{i:05}"),
        title: Title::parse(&format!("Group commit {i}")).expect("title"),
        description: Description::parse("").expect("description"),
        tags: Tags::parse(&[]).expect("tags"),
        author_name: AuthorName::parse("tester").expect("author"),
        product: "laptop-sleeve".into(),
        config: "{}".into(),
        content_hash: format!("{i:064}"),
        parent_id: parent.map(str::to_string),
        edit_key_hash: "x".into(),
        publish_key_hash: None,
        licence: Licence::default(),
        catalog: stitchfork_api::catalogs::BUILTIN_ID.into(),
        catalog_version: 1,
        facets: vec![],
    }
}

/// Group commit: writes queued while another writer holds the turn are committed together,
/// in one transaction, and each is answered only after that commit; a write that fails in
/// the batch (a fork of a missing parent) is rolled back alone and the others are stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_writes_share_one_commit_and_fail_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!("sqlite://{}/g.db", dir.path().display()))
        .await
        .expect("open");
    let counters = || {
        let c = db.commit_counters().expect("SQLite has a group committer");
        (
            c.writes.load(Ordering::Relaxed),
            c.commits.load(Ordering::Relaxed),
            c.pending.load(Ordering::Relaxed),
        )
    };
    let holder = db.begin_write().await.expect("first writer");
    let generation = db.generation();
    const GOOD: usize = 20;
    let mut writes: Vec<_> = (0..GOOD)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move { patterns::insert(&db, &new_pattern(i, None)).await })
        })
        .collect();
    let orphan = {
        let db = db.clone();
        tokio::spawn(async move {
            patterns::insert(&db, &new_pattern(GOOD, Some("no-such-parent"))).await
        })
    };
    writes.push(orphan);
    // Wait until all of them are queued behind the holder (no time bound: only a condition).
    while counters().2 < GOOD as u64 + 1 {
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        counters().0,
        0,
        "nothing is answered while the turn is held"
    );
    assert_eq!(patterns::count(&db).await.expect("count"), 0);
    holder.commit().await.expect("commit");
    let orphan = writes.pop().expect("orphan");
    for w in writes {
        w.await.expect("join").expect("every good write is stored");
    }
    assert!(matches!(
        orphan.await.expect("join"),
        Err(PublishError::ParentNotFound)
    ));
    assert_eq!(patterns::count(&db).await.expect("count"), GOOD as i64);
    assert_eq!(
        counters(),
        (GOOD as u64 + 1, 1, 0),
        "21 writes answered after one commit"
    );
    assert_eq!(db.generation(), generation + 2, "holder + one batch");
    db.close().await;
}

/// A publish returns the row as stored (its `RETURNING` and the parent it read), so the 201
/// is answered without reading it again: exactly what a read after the commit finds.
async fn a_publish_returns_the_row_as_stored(app: &crate::common::TestApp) {
    let root = patterns::insert(&app.db, &new_pattern(1, None))
        .await
        .expect("root");
    let fork = patterns::insert(&app.db, &new_pattern(2, Some(&root.id)))
        .await
        .expect("fork");
    let two = patterns::insert_many(
        &app.db,
        &[new_pattern(3, None), new_pattern(4, Some("group00003"))],
    )
    .await
    .expect("two at once");
    // The forks are read back unchanged (their parents' fork counts moved on since).
    for stored in [&fork, &two[1]] {
        let read = patterns::get(&app.db, &stored.id)
            .await
            .expect("read")
            .expect("stored");
        assert_eq!(format!("{stored:?}"), format!("{read:?}"));
    }
    assert_eq!(
        (fork.parent_title.as_deref(), fork.depth, fork.version),
        (Some("Group commit 1"), 1, 1)
    );
    // The root as returned then had no forks; read now, it has one.
    let root_now = patterns::get(&app.db, &root.id).await.expect("read");
    assert_eq!(
        (root.fork_count, root_now.map(|r| r.fork_count)),
        (0, Some(1))
    );
}
both!(a_publish_returns_the_row_as_stored);

/// The write-ahead log's checkpoint sequence number (bytes 12..16 of its header): SQLite
/// adds one each time the log starts over from its beginning, which it does only once
/// everything in it was copied into the database file.
fn log_restarts(db_file: &std::path::Path) -> u32 {
    let wal = std::fs::read(db_file.with_extension("db-wal")).expect("the log exists");
    u32::from_be_bytes(wal[12..16].try_into().expect("a header"))
}

/// Connections never checkpoint inside a commit (`wal_autocheckpoint = 0`), yet the log is
/// copied and starts over while writes go on: the checkpointer (`db::checkpoint`) does it.
/// 40 small publishes fill far fewer pages than SQLite's own 1,000-page checkpoint, so
/// without the checkpointer the log never starts over here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_is_copied_and_restarted_off_the_commit_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("c.db");
    let db = Db::open(&format!("sqlite://{}", file.display()))
        .await
        .expect("open");
    let mut conn = db.pool.acquire().await.expect("connection");
    let auto: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
        .fetch_one(&mut *conn)
        .await
        .expect("wal_autocheckpoint");
    assert_eq!(auto, 0, "commits do not checkpoint");
    drop(conn);
    patterns::insert(&db, &new_pattern(0, None))
        .await
        .expect("first write");
    let before = log_restarts(&file);
    // Writes keep coming until one of them finds the log copied and starts it over (no time
    // bound: a condition; it takes a few of the checkpointer's 200 ms rounds).
    let mut i = 1;
    while log_restarts(&file) == before {
        patterns::insert(&db, &new_pattern(i, None))
            .await
            .expect("write");
        i += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(i < 3_000, "the log never started over");
    }
    assert_eq!(patterns::count(&db).await.expect("count"), i as i64);
    db.close().await;
}
