//! Answers kept for reuse: gallery pages (list and search) and single patterns, so what
//! everyone asks for (the first page of each sort, common searches, a pattern whose link
//! was shared) is read from the database once per change instead of once per visitor.
//!
//! A gallery page is reused only while nothing was written: its key carries the database's
//! generation ([`crate::db::Db::generation`]), which every commit bumps (this process's at
//! once; on PostgreSQL every other server's too, through LISTEN/NOTIFY), so a publish, like
//! or edit is visible on the next request. A single pattern is reused until a commit
//! touches it (its row, or its parent's title or state; see [`crate::db::changes`]), so a
//! busy site's likes and forks do not empty the cache of every other pattern. What no
//! notification reaches (a second process on the same SQLite file, a notification lost
//! while reconnecting) lives at most `STITCHFORK_READ_CACHE_MS` (10 s by default).
//!
//! Nothing kept is per visitor: whether the caller liked a pattern is looked up per request
//! (see [`crate::db::likes::liked_among`]). moka gives the bounded, concurrent, time-limited
//! maps. Each answer's time is drawn between half the limit and the limit ([`Jittered`]):
//! answers read together in a burst would otherwise all expire in the same instant, and the
//! misses that followed, all at once, were the slow tail of the open-loop benchmark (search
//! held 474-1,067 req/s at p99 <= 10 ms with a 10 s limit, 1,281 with a 10 min one).

use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::db::changes::Changes;
use crate::db::patterns::{ListQuery, PatternRow};

/// At most this many gallery pages are kept (a page is at most 101 rows of a few KB).
const MAX_PAGES: u64 = 512;
/// At most this many single patterns are kept (a few KB each).
const MAX_PATTERNS: u64 = 10_000;

/// The rows of one answer to a [`ListQuery`], in order (one more than the page when
/// there is a next page).
pub type Page = Arc<Vec<PatternRow>>;

/// One public pattern.
pub type Pattern = Arc<PatternRow>;

/// How long an answer is kept: between half of `max` and `max`, spread by the key's hash
/// (so answers stored together do not all expire together).
struct Jittered {
    max: Duration,
    hasher: RandomState,
}

impl Jittered {
    fn new(max_age_ms: u32) -> Jittered {
        Jittered {
            max: Duration::from_millis(max_age_ms.into()),
            hasher: RandomState::new(),
        }
    }

    fn age<K: Hash>(&self, key: &K) -> Duration {
        // The hash's top 16 bits as a fraction of one half of `max`.
        let spread = (self.hasher.hash_one(key) >> 48) as u32;
        self.max / 2 + self.max / 2 * spread / (1 << 16)
    }
}

impl<K: Hash, V> moka::Expiry<K, V> for Jittered {
    fn expire_after_create(&self, key: &K, _: &V, _: Instant) -> Option<Duration> {
        Some(self.age(key))
    }

    /// A newer copy stored under the same key lives its own time (as a new entry would).
    fn expire_after_update(
        &self,
        key: &K,
        _: &V,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(self.age(key))
    }
}

/// A generation-stamped map; `None` when caching is off.
struct Stamped<K, V>(Option<moka::sync::Cache<(u64, K), V>>);

impl<K, V> Stamped<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn new(max_age_ms: u32, capacity: u64) -> Self {
        Stamped((max_age_ms > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(capacity)
                .expire_after(Jittered::new(max_age_ms))
                .build()
        }))
    }

    fn get(&self, generation: u64, key: K) -> Option<V> {
        self.0.as_ref()?.get(&(generation, key))
    }

    fn put(&self, generation: u64, key: K, value: V) {
        if let Some(map) = &self.0 {
            map.insert((generation, key), value);
        }
    }
}

/// Kept answers; one per server, shared by all requests.
pub struct ReadCache {
    pages: Stamped<ListQuery, Page>,
    /// By id: the generation it was read at, and the row (checked against
    /// [`Changes::still_current`] when asked for).
    patterns: Option<moka::sync::Cache<String, (u64, Pattern)>>,
    /// Lookups answered from the cache, and lookups that had to read the database (both
    /// zero while caching is off): the hit rate the benchmark reports.
    hits: AtomicU64,
    misses: AtomicU64,
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache")
            .field("enabled", &self.pages.0.is_some())
            .finish()
    }
}

impl ReadCache {
    /// A cache whose answers live at most `max_age_ms`; 0 keeps nothing.
    pub fn new(max_age_ms: u32) -> ReadCache {
        ReadCache {
            pages: Stamped::new(max_age_ms, MAX_PAGES),
            patterns: (max_age_ms > 0).then(|| {
                moka::sync::Cache::builder()
                    .max_capacity(MAX_PATTERNS)
                    .expire_after(Jittered::new(max_age_ms))
                    .build()
            }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// (hits, misses) since the start.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    fn count<T>(&self, found: Option<T>) -> Option<T> {
        if self.pages.0.is_some() {
            let counter = if found.is_some() {
                &self.hits
            } else {
                &self.misses
            };
            counter.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// The page stored for `query` at `generation`, if still fresh.
    pub fn page(&self, generation: u64, query: &ListQuery) -> Option<Page> {
        self.count(self.pages.get(generation, query.clone()))
    }

    /// Stores the page read for `query` while the database was at `generation`.
    pub fn put_page(&self, generation: u64, query: &ListQuery, page: Page) {
        self.pages.put(generation, query.clone(), page);
    }

    /// The public pattern `id` as stored, if no commit in `changes` touched it since.
    pub fn pattern(&self, changes: &Changes, id: &str) -> Option<Pattern> {
        let found = self.patterns.as_ref().and_then(|map| {
            let (read_at, row) = map.get(id)?;
            changes
                .still_current(read_at, row.seq, row.parent_seq)
                .then_some(row)
        });
        self.count(found)
    }

    /// Stores public pattern `id` as read while the database was at `generation`.
    pub fn put_pattern(&self, generation: u64, id: &str, pattern: Pattern) {
        if let Some(map) = &self.patterns {
            map.insert(id.to_string(), (generation, pattern));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_live_between_half_the_limit_and_the_limit_spread_out() {
        let jitter = Jittered::new(10_000);
        let ages: Vec<Duration> = (0..200u32).map(|k| jitter.age(&k)).collect();
        for age in &ages {
            assert!(
                (Duration::from_secs(5)..=Duration::from_secs(10)).contains(age),
                "{age:?}"
            );
        }
        // Spread: keys stored together do not share one expiry instant.
        let mut distinct = ages.clone();
        distinct.sort();
        distinct.dedup();
        assert!(distinct.len() > 150, "{} distinct ages", distinct.len());
        // The same key always gets the same time.
        assert_eq!(jitter.age(&7u32), jitter.age(&7u32));
    }
}
