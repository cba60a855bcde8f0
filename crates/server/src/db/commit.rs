//! Group commit: on SQLite, the writes of concurrent requests share one transaction and one
//! sync of the write-ahead log.
//!
//! Why: with `synchronous = FULL` a commit returns only after the WAL is on disk, and with one
//! writer at a time each publish paid for its own sync (726 publishes/s at 32 clients). Here
//! one task, the committer, takes every write queued while it waited for its turn, runs each
//! inside its own savepoint of one `BEGIN IMMEDIATE` transaction, commits once, and only then
//! answers each request: nothing is acknowledged before it is durable.
//!
//! A write that finds no other queued runs in a transaction of its own, without a savepoint.
//! A batch first runs without savepoints too (two round trips to SQLite's thread fewer per
//! write: ~5% of a publish's CPU): writes rarely fail. If one does, that attempt is rolled
//! back whole and the batch runs again with a savepoint per write, where a write that fails
//! is rolled back to its savepoint alone and answers with its own error; the others go on.
//! If the batch as a whole cannot go on (a failed write took the whole transaction with it,
//! as SQLite may on a full disk) or cannot commit, every write of it is run again alone in
//! its own transaction, exactly as before group commit, so each gets its own answer (e.g.
//! 507 `storage_full` with nothing stored) and none is answered twice.
//!
//! PostgreSQL commits concurrent transactions by itself, so there a write is simply its own
//! transaction ([`super::Db::write`]).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sqlx::{Acquire, AnyConnection, AnyPool};
use tokio::sync::{mpsc, oneshot, Mutex};

use super::changes::{Changes, Touched};

/// The future a [`Write`] returns.
pub type WriteFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'a>>;

/// One request's change to the database. `apply` runs inside a transaction it does not own
/// (maybe with other requests' writes before it), and may run a second time after a rollback,
/// so it must only read and write through `conn`. It adds the patterns whose rows it changed
/// to `touched` (the read cache keeps every other pattern); adding one that a failed write
/// did not change in the end only costs a cache miss.
pub trait Write: Send + 'static {
    type Output: Send + 'static;
    type Error: From<sqlx::Error> + Send + 'static;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, Self::Output, Self::Error>;
}

/// At most this many writes share one commit (bounds the wait of the first one).
const MAX_BATCH: usize = 128;

/// Counters of the committer, for the log and the benchmark.
#[derive(Debug, Default)]
pub struct Counters {
    /// Writes answered.
    pub writes: AtomicU64,
    /// Transactions committed for them (one per batch; more when a batch fell back).
    pub commits: AtomicU64,
    /// Batches that could not commit together and were run write by write.
    pub fallbacks: AtomicU64,
    /// Writes queued and not answered yet.
    pub pending: AtomicU64,
}

/// A queued write with the place its answer goes to.
trait Job: Send {
    /// Applies the write; keeps its outcome and says whether it succeeded.
    fn run<'a>(
        &'a mut self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>>;
    /// Records a failure outside the write itself (begin or commit).
    fn fail(&mut self, e: sqlx::Error);
    /// Sends the outcome to the waiting request.
    fn answer(self: Box<Self>);
}

struct Queued<W: Write> {
    write: W,
    outcome: Option<Result<W::Output, W::Error>>,
    reply: oneshot::Sender<Result<W::Output, W::Error>>,
}

impl<W: Write> Job for Queued<W> {
    fn run<'a>(
        &'a mut self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>> {
        Box::pin(async move {
            let outcome = self.write.apply(conn, touched).await;
            let ok = outcome.is_ok();
            self.outcome = Some(outcome);
            ok
        })
    }

    fn fail(&mut self, e: sqlx::Error) {
        self.outcome = Some(Err(e.into()));
    }

    fn answer(self: Box<Self>) {
        if let Some(outcome) = self.outcome {
            // The request may have gone away; its write stands either way.
            let _ = self.reply.send(outcome);
        }
    }
}

/// The handle requests queue their writes on (cheap to clone).
#[derive(Clone)]
pub struct Committer {
    queue: mpsc::UnboundedSender<Box<dyn Job>>,
    pub counters: Arc<Counters>,
}

impl std::fmt::Debug for Committer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Committer")
            .field("counters", &self.counters)
            .finish()
    }
}

impl Committer {
    /// Starts the committer task. It takes `turn` for each batch (so a [`super::WriteTx`] of
    /// this process never competes with it for SQLite's lock) and records each commit in
    /// `changes` (a new generation, the patterns it touched) before answering. It ends when
    /// the last handle is dropped.
    pub fn start(pool: AnyPool, turn: Arc<Mutex<()>>, changes: Arc<Changes>) -> Committer {
        let (queue, mut rx) = mpsc::unbounded_channel::<Box<dyn Job>>();
        let counters = Arc::new(Counters::default());
        let c = counters.clone();
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let guard = turn.lock().await;
                // Everything that queued while we waited for the turn joins this batch.
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let mut touched = Touched::default();
                let commits = match batch.as_mut_slice() {
                    // Alone, a write needs no savepoint: two round trips to SQLite's worker
                    // thread fewer, and a quiet server's writes are mostly alone.
                    [job] => u64::from(run_alone(&pool, job.as_mut(), &mut touched).await),
                    _ => commit_batch(&pool, &mut batch, &mut touched, &c).await,
                };
                if commits > 0 {
                    changes.committed(&touched);
                }
                drop(guard);
                let n = batch.len() as u64;
                c.commits.fetch_add(commits, Ordering::Relaxed);
                c.writes.fetch_add(n, Ordering::Relaxed);
                c.pending.fetch_sub(n, Ordering::Relaxed);
                for job in batch {
                    job.answer();
                }
            }
        });
        Committer { queue, counters }
    }

    /// Queues `write` and waits until it is committed (or failed).
    pub async fn write<W: Write>(&self, write: W) -> Result<W::Output, W::Error> {
        let (reply, answer) = oneshot::channel();
        let job = Box::new(Queued {
            write,
            outcome: None,
            reply,
        });
        self.counters.pending.fetch_add(1, Ordering::Relaxed);
        if self.queue.send(job).is_err() {
            self.counters.pending.fetch_sub(1, Ordering::Relaxed);
            return Err(sqlx::Error::PoolClosed.into());
        }
        // A dropped reply means the committer stopped (the database is being closed).
        answer
            .await
            .unwrap_or_else(|_| Err(sqlx::Error::PoolClosed.into()))
    }
}

/// Why a batch without savepoints did not commit; nothing of it is stored either way.
enum BatchError {
    /// One of its writes failed (it may have changed part of what it meant to).
    WriteFailed,
    /// The transaction could not begin or commit.
    Db(sqlx::Error),
}

/// Every job of `batch` in one transaction without savepoints: commits only if every job
/// succeeded.
async fn run_batch(
    pool: &AnyPool,
    batch: &mut [Box<dyn Job>],
    touched: &mut Touched,
) -> Result<(), BatchError> {
    let mut tx = pool
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(BatchError::Db)?;
    for job in batch.iter_mut() {
        if !job.run(&mut tx, touched).await {
            // Dropping the transaction rolls it back.
            return Err(BatchError::WriteFailed);
        }
    }
    tx.commit().await.map_err(BatchError::Db)
}

/// Two or more jobs: in one bare transaction; if a job failed, again with a savepoint each;
/// if the batch cannot go on or commit, each job alone in its own transaction. Returns the
/// commits made; `touched` holds what the committed attempt touched.
async fn commit_batch(
    pool: &AnyPool,
    batch: &mut [Box<dyn Job>],
    touched: &mut Touched,
    counters: &Counters,
) -> u64 {
    let e = match run_batch(pool, batch, touched).await {
        Ok(()) => return 1,
        Err(BatchError::Db(e)) => e,
        Err(BatchError::WriteFailed) => {
            *touched = Touched::default();
            match run_batch_in_savepoints(pool, batch, touched).await {
                Ok(()) => return 1,
                Err(e) => e,
            }
        }
    };
    tracing::warn!(
        "a batch of {} writes could not commit together ({e}); running each alone",
        batch.len()
    );
    counters.fallbacks.fetch_add(1, Ordering::Relaxed);
    let mut commits = 0;
    for job in batch.iter_mut() {
        commits += u64::from(run_alone(pool, job.as_mut(), touched).await);
    }
    commits
}

/// Every job of `batch` in one transaction, each in its own savepoint. An error here means
/// the transaction was abandoned (rolled back) and no job's changes are stored.
async fn run_batch_in_savepoints(
    pool: &AnyPool,
    batch: &mut [Box<dyn Job>],
    touched: &mut Touched,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for job in batch.iter_mut() {
        let mut savepoint = (&mut *tx).begin().await?;
        if job.run(&mut savepoint, touched).await {
            savepoint.commit().await?;
        } else {
            // Fails when SQLite already rolled the whole transaction back.
            savepoint.rollback().await?;
        }
    }
    tx.commit().await
}

/// One job in its own transaction; returns whether it committed.
async fn run_alone(pool: &AnyPool, job: &mut dyn Job, touched: &mut Touched) -> bool {
    let mut tx = match pool.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        Err(e) => {
            job.fail(e);
            return false;
        }
    };
    if !job.run(&mut tx, touched).await {
        if let Err(e) = tx.rollback().await {
            tracing::warn!("rollback of a failed write: {e}");
        }
        return false;
    }
    match tx.commit().await {
        Ok(()) => true,
        Err(e) => {
            job.fail(e);
            false
        }
    }
}
