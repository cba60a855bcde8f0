//! `stitchfork serve`: open the database, bind, announce the address, serve until Ctrl+C or
//! SIGTERM, then shut down gracefully but within a bounded time.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use std::future::IntoFuture;

use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::app::{router, AppState};
use crate::db::{Db, DbOpenError};
use crate::seed::{self, SeedError};
use crate::settings::Settings;

/// How long in-flight requests may finish after a shutdown signal before we stop anyway.
const GRACE: Duration = Duration::from_millis(1500);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: String,
    pub database_url: String,
    pub dist: PathBuf,
    pub seed_demo_if_empty: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Db(#[from] DbOpenError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Seed(#[from] SeedError),
}

pub async fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let db = Db::open(&opts.database_url).await?;
    if opts.seed_demo_if_empty {
        let n = seed::seed_demo(&db).await?;
        if n > 0 {
            tracing::info!("seeded {n} demo patterns");
        }
    }
    let state = AppState::new(db.clone(), Settings::from_env());
    let cleanup = state.clone();
    let state_for_stats = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            cleanup.publish_limiter.forget_idle();
            cleanup.like_limiter.forget_idle();
        }
    });
    let app = router(state, &opts.dist);
    let listener = TcpListener::bind(&opts.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: opts.addr.clone(),
            source,
        })?;
    let local = listener.local_addr()?;
    // Listen for signals before announcing ourselves: whoever read the address may stop us at once.
    let stop = stop_signal()?;
    // The first stdout line is a contract: scripts and tests read the real port from it.
    println!("Stitchfork is running at http://{local}/");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    tracing::info!(database = %redact(&opts.database_url), dist = %opts.dist.display(), "listening on {local}");

    let signalled = Arc::new(Notify::new());
    let notify = signalled.clone();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stop.await;
        tracing::info!("shutting down");
        notify.notify_one();
    });
    tokio::select! {
        result = server.into_future() => result?,
        _ = async { signalled.notified().await; tokio::time::sleep(GRACE).await } => {
            tracing::warn!("requests still open after {GRACE:?}; closing them");
        }
    }
    log_counters(&state_for_stats);
    if tokio::time::timeout(Duration::from_millis(300), db.close())
        .await
        .is_err()
    {
        tracing::warn!("database pool did not close in time");
    }
    Ok(())
}

/// One line of counters at shutdown (log target `stitchfork_stats`, at info): the read
/// cache's hits and misses and the group commit's writes per commit. The benchmark enables
/// the target and reads the line from the server's log.
fn log_counters(state: &AppState) {
    let (hits, misses) = state.read_cache.counts();
    let (writes, commits, fallbacks) = state.db.commit_counters().map_or((0, 0, 0), |c| {
        use std::sync::atomic::Ordering::Relaxed;
        (
            c.writes.load(Relaxed),
            c.commits.load(Relaxed),
            c.fallbacks.load(Relaxed),
        )
    });
    tracing::info!(
        target: "stitchfork_stats",
        read_cache_hits = hits,
        read_cache_misses = misses,
        writes,
        commits,
        fallbacks,
        "counters"
    );
}

/// A future resolving on Ctrl+C or SIGTERM; the handlers are installed by this call, not on first poll.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! { _ = interrupt.recv() => {}, _ = terminate.recv() => {} }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// A database URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}
