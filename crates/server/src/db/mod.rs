//! Storage: one `sqlx::AnyPool` for SQLite (default) and PostgreSQL (`postgres://` URLs).
//!
//! Why `Any` and not an enum of typed pools: almost every query is plain SQL both backends
//! accept (`$1` placeholders work in SQLite too, `INSERT .. ON CONFLICT DO NOTHING`,
//! recursive CTEs, BIGINT/TEXT columns only), so with `Any` each query is written once and
//! decoded once. The few real differences live in [`Dialect`]: how a write transaction
//! starts (`BEGIN IMMEDIATE` on SQLite so writers queue up front instead of failing on
//! lock upgrade), and full-text search (FTS5 vs tsvector). The price is that `Any` only
//! knows i64/f64/String/bool/bytes, which is why the schema has BIGINT and TEXT only.
//!
//! Writes on SQLite take turns in this process first ([`Db::begin_write`]): SQLite runs one
//! writer at a time anyway, and its own busy handler lets a waiting writer sleep and lose
//! its turn again and again (publish p99 of 1.1 s under 32 writers, while the median was
//! 35 ms), and each waiter held a pooled connection that readers then lacked. Requests write
//! through [`Db::write`], which on SQLite hands the write to the group committer
//! ([`commit`]): concurrent writes share one transaction and one sync.
//!
//! Each backend has its own migration folder (`migrations/sqlite`, `migrations/postgres`),
//! embedded in the binary and applied at start.

pub mod catalogs;
pub mod changes;
pub mod checkpoint;
pub mod commit;
pub mod items;
pub mod likes;
pub mod lineage;
pub mod patterns;
pub mod search;

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use changes::{Changes, Touched};
use commit::{Committer, Write};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which SQL dialect the pool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Errors while opening the database.
#[derive(Debug, thiserror::Error)]
pub enum DbOpenError {
    #[error("unsupported database URL `{0}` (use sqlite://path or postgres://...)")]
    UnsupportedUrl(String),
    #[error("cannot create the directory for the database file: {0}")]
    CreateDir(#[from] std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot record the built-in catalog: {0}")]
    Builtin(#[source] sqlx::Error),
}

/// The database handle shared by all requests (cheap to clone).
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
    /// SQLite writers queue here, first come first served (tokio's mutex is fair).
    write_turn: Arc<Mutex<()>>,
    /// The generation and the patterns recent commits touched (see [`Db::generation`]).
    changes: Arc<Changes>,
    /// This handle's name in change notifications, so it does not count its own commits
    /// twice.
    origin: Arc<str>,
    /// SQLite only: the group committer every [`Db::write`] goes through.
    committer: Option<Committer>,
    /// The version the built-in catalog this binary carries is stored as (recorded at open).
    builtin_version: i64,
}

/// The PostgreSQL channel every commit notifies, so every server process sharing the
/// database hears of every write (see [`Db::generation`]). The payload is the sender's
/// origin, then `|` and the patterns it touched and where in the gallery orders
/// ([`Touched::encode`]); without them (a list too long, or a server of an older version)
/// the hearer drops every cached pattern and page, without the places every page.
const CHANGES_CHANNEL: &str = "stitchfork_changes";

/// A write transaction; commit it with [`WriteTx::commit`], or drop it to roll back.
/// Derefs to the transaction's connection, so queries run on `&mut *tx` as usual.
pub struct WriteTx {
    // Field order matters: the transaction is dropped (rolled back) before the turn is
    // handed to the next writer.
    tx: Transaction<'static, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
    changes: Arc<Changes>,
    dialect: Dialect,
    origin: Arc<str>,
}

impl WriteTx {
    /// Commits a write that changed no pattern's row (items, catalogs), then tells readers
    /// that data changed (see [`WriteTx::commit_touching`]).
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.commit_touching(&Touched::default()).await
    }

    /// Commits, then tells readers that data changed and which patterns' rows: this process
    /// at once, and on PostgreSQL every other server process too (the notification is sent
    /// by the commit).
    pub async fn commit_touching(mut self, touched: &Touched) -> Result<(), sqlx::Error> {
        if self.dialect == Dialect::Postgres {
            let payload = match touched.encode() {
                Some(list) => format!("{}|{list}", self.origin),
                None => self.origin.to_string(),
            };
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANGES_CHANNEL)
                .bind(payload)
                .execute(&mut *self.tx)
                .await?;
        }
        let changes = self.changes.clone();
        self.tx.commit().await?;
        changes.committed(touched);
        Ok(())
    }
}

impl Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl Db {
    /// Connects (creating the SQLite file and its folder if needed) and applies migrations.
    pub async fn open(url: &str) -> Result<Db, DbOpenError> {
        sqlx::any::install_default_drivers();
        let (dialect, url) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Dialect::Postgres, url.to_string())
        } else if url.starts_with("sqlite:") {
            (Dialect::Sqlite, prepare_sqlite_url(url)?)
        } else {
            return Err(DbOpenError::UnsupportedUrl(url.to_string()));
        };
        let options = AnyConnectOptions::from_str(&url).map_err(DbOpenError::Connect)?;
        let pool_options = match dialect {
            // SQLite writes are serialized anyway; a few connections serve concurrent reads.
            Dialect::Sqlite => {
                AnyPoolOptions::new()
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL: readers never block the writer. synchronous=FULL: a commit is
                            // fsynced before we answer 201. busy_timeout: queue, don't fail.
                            // mmap + a 16 MB page cache per connection: reads of a large file
                            // no longer go through a read() per page (measured at 100k
                            // patterns: get +17%, uncached list pages +35%). Writes still use
                            // write(), so a full disk stays an error, not a signal.
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = FULL",
                                "PRAGMA foreign_keys = ON",
                                "PRAGMA busy_timeout = 10000",
                                "PRAGMA mmap_size = 1073741824",
                                "PRAGMA cache_size = -16000",
                                // The checkpointer copies the log, not the commits
                                // (see `checkpoint`); the log file is cut back to 64 MB
                                // when it starts again.
                                "PRAGMA wal_autocheckpoint = 0",
                                "PRAGMA journal_size_limit = 67108864",
                            ] {
                                conn.execute(pragma).await?;
                            }
                            Ok(())
                        })
                    })
                    .after_release(|conn, _meta| Box::pin(still_usable(conn)))
                    // A connection to a local file does not go stale while idle, and every
                    // release already checked it (`still_usable`); pinging again before each
                    // use cost a round trip to the connection's thread per query.
                    .test_before_acquire(false)
            }
            Dialect::Postgres => AnyPoolOptions::new().max_connections(16),
        };
        let pool = pool_options
            .acquire_timeout(Duration::from_secs(15))
            .connect_with(options)
            .await
            .map_err(DbOpenError::Connect)?;
        match dialect {
            Dialect::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Dialect::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let changes = Arc::new(Changes::default());
        let origin: Arc<str> = format!("{:016x}", rand::random::<u64>()).into();
        if dialect == Dialect::Postgres {
            hear_other_writers(&url, changes.clone(), origin.clone()).await?;
        }
        let write_turn = Arc::new(Mutex::new(()));
        let committer = (dialect == Dialect::Sqlite)
            .then(|| Committer::start(pool.clone(), write_turn.clone(), changes.clone()));
        if dialect == Dialect::Sqlite {
            checkpoint::start(pool.clone(), write_turn.clone(), changes.clone());
        }
        let mut db = Db {
            pool,
            dialect,
            write_turn,
            changes,
            origin,
            committer,
            builtin_version: 0,
        };
        // Part of opening, like a migration: every process using the database (server, seed)
        // finds the built-in catalog it carries stored, and patterns can be pinned to it.
        db.builtin_version = catalogs::record_builtin(&db)
            .await
            .map_err(DbOpenError::Builtin)?;
        Ok(db)
    }

    /// The version the built-in catalog this binary carries is stored as.
    pub fn builtin_version(&self) -> i64 {
        self.builtin_version
    }

    /// Applies one request's write and returns once it is committed. On SQLite it joins the
    /// group commit (shared transaction and sync, see [`commit`]); on PostgreSQL it is its
    /// own transaction.
    pub async fn write<W: Write>(&self, write: W) -> Result<W::Output, W::Error> {
        if let Some(committer) = &self.committer {
            return committer.write(write).await;
        }
        let mut tx = self.begin_write().await?;
        let mut touched = Touched::default();
        let out = write.apply(&mut tx, &mut touched).await?;
        tx.commit_touching(&touched).await?;
        Ok(out)
    }

    /// The group committer's counters (SQLite only).
    pub fn commit_counters(&self) -> Option<&commit::Counters> {
        self.committer.as_ref().map(|c| &*c.counters)
    }

    /// Starts a write transaction. On SQLite it first waits for this process's write turn
    /// (before taking a pooled connection), then takes the database's write lock up front
    /// (`BEGIN IMMEDIATE`), so two writers never deadlock on a read-to-write upgrade.
    /// PostgreSQL writers run concurrently; its row locks order them.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let (tx, turn) = match self.dialect {
            Dialect::Sqlite => {
                let turn = self.write_turn.clone().lock_owned().await;
                (self.pool.begin_with("BEGIN IMMEDIATE").await?, Some(turn))
            }
            Dialect::Postgres => (self.pool.begin().await?, None),
        };
        Ok(WriteTx {
            tx,
            _turn: turn,
            changes: self.changes.clone(),
            dialect: self.dialect,
            origin: self.origin.clone(),
        })
    }

    /// A number that changes whenever a write is committed: what was read at one generation
    /// may be reused while it is still current. It counts this process's commits, and on
    /// PostgreSQL every other server's too (LISTEN/NOTIFY); a second process on the same
    /// SQLite file is not heard, which is why caches also bound the age of what they keep.
    pub fn generation(&self) -> u64 {
        self.changes.generation()
    }

    /// The generation with the patterns each commit touched: whether a copy of one pattern
    /// read at some generation is still current.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Closes the pool (waits for connections to be returned).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Listens on PostgreSQL for the commits of the other server processes (notifications not
/// sent by `origin`) and records each in `changes` with the patterns it names. When the
/// listening connection is lost, notifications may have been missed, so then every cached
/// pattern is dropped (sqlx reconnects on the next call). The task ends once the `Db` is
/// gone.
async fn hear_other_writers(
    url: &str,
    changes: Arc<Changes>,
    origin: Arc<str>,
) -> Result<(), DbOpenError> {
    let changes = Arc::downgrade(&changes);
    let mut listener = sqlx::postgres::PgListener::connect(url)
        .await
        .map_err(DbOpenError::Connect)?;
    listener
        .listen(CHANGES_CHANNEL)
        .await
        .map_err(DbOpenError::Connect)?;
    tokio::spawn(async move {
        loop {
            let heard = listener.try_recv().await;
            let Some(changes) = changes.upgrade() else {
                return;
            };
            match heard {
                Ok(Some(n)) => {
                    let (sender, touched) = match n.payload().split_once('|') {
                        Some((sender, list)) => (sender, Touched::decode(list)),
                        None => (n.payload(), None),
                    };
                    if sender == &*origin {
                        continue; // our own commit, counted when it was made
                    }
                    match touched {
                        Some(touched) => changes.committed(&touched),
                        None => changes.committed_unknown(),
                    }
                }
                Ok(None) => {
                    changes.committed_unknown();
                    tracing::warn!("change notifications: connection lost; reconnecting");
                }
                Err(e) => {
                    changes.committed_unknown();
                    tracing::warn!("change notifications: {e}; retrying in 1 s");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
}

/// Whether a SQLite connection may go back to the pool, or must be closed (a new one
/// replaces it on demand).
///
/// When a write fails with `SQLITE_FULL` (or an I/O error), SQLite may already have rolled
/// the transaction back by itself. sqlx's `ROLLBACK` on drop then fails ("no transaction is
/// active") and sqlx keeps counting the connection as inside a transaction, so every later
/// `BEGIN IMMEDIATE` on it is refused: publishing failed until a restart even after the
/// disk had space again. The ping first runs the rollback sqlx queued when the transaction
/// was dropped, so the count read after it is the settled one.
///
/// A connection counted outside any transaction has no rollback queued (the count only
/// goes down by itself), so it goes back without the ping: reads, most of the traffic, no
/// longer pay a round trip to the connection's thread on release.
async fn still_usable(conn: &mut sqlx::AnyConnection) -> Result<bool, sqlx::Error> {
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    conn.ping().await?;
    if conn.is_in_transaction() {
        tracing::warn!("closing a database connection left inside a failed transaction");
        return Ok(false);
    }
    Ok(true)
}

/// Adds `mode=rwc` (create if missing) to a SQLite URL and creates the file's folder.
fn prepare_sqlite_url(url: &str) -> Result<String, DbOpenError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if path.is_empty() || path == ":memory:" {
        return Err(DbOpenError::UnsupportedUrl(url.to_string()));
    }
    if let Some(parent) = Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    Ok(match query {
        Some(q) if q.contains("mode=") => url.to_string(),
        Some(q) => format!("sqlite://{path}?{q}&mode=rwc"),
        None => format!("sqlite://{path}?mode=rwc"),
    })
}

/// Current time in unix milliseconds (the schema's timestamp unit).
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_connections_read_through_mmap_and_a_larger_cache() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open(&format!("sqlite://{}/p.db", dir.path().display()))
            .await
            .expect("open");
        let mmap: i64 = sqlx::query_scalar("PRAGMA mmap_size")
            .fetch_one(&db.pool)
            .await
            .expect("mmap_size");
        let cache: i64 = sqlx::query_scalar("PRAGMA cache_size")
            .fetch_one(&db.pool)
            .await
            .expect("cache_size");
        assert_eq!((mmap, cache), (1 << 30, -16000));
        db.close().await;
    }

    /// What "a 201 survives kill -9" rests on, group commit or not: every pooled connection
    /// (the committer's too) writes through a WAL and syncs it at each commit.
    #[tokio::test]
    async fn every_sqlite_connection_is_wal_with_synchronous_full() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open(&format!("sqlite://{}/d.db", dir.path().display()))
            .await
            .expect("open");
        let mut held = Vec::new();
        for _ in 0..8 {
            let mut conn = db.pool.acquire().await.expect("connection");
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&mut *conn)
                .await
                .expect("journal_mode");
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut *conn)
                .await
                .expect("synchronous");
            assert_eq!((mode.as_str(), sync), ("wal", 2), "2 is FULL");
            held.push(conn);
        }
        drop(held);
        db.close().await;
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = std::env::temp_dir().join(format!("sf-url-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        let out = prepare_sqlite_url(&url).expect("url");
        assert!(out.ends_with("x.db?mode=rwc"), "{out}");
        assert!(dir.is_dir());
        assert!(prepare_sqlite_url("sqlite::memory:").is_err());
    }
}
