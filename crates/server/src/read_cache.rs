//! Answers kept for reuse: gallery pages (list and search) and single patterns, so what
//! everyone asks for (the first page of each sort, common searches, a pattern whose link
//! was shared) is read from the database once per change instead of once per visitor.
//!
//! A single pattern is reused until a commit touches it (its row, or its parent's title or
//! state; see [`crate::db::changes`]), so a busy site's likes and forks do not empty the
//! cache of every other pattern.
//!
//! A gallery page (a sort, filters or a search, a cursor) is reused until a commit changes
//! what it shows. Every commit says which patterns' rows it changed and at which places of
//! each order (`(key, seq)` in one sort) a pattern may have appeared, left or moved
//! ([`crate::db::changes::Point`]). A page covers the places from its last row read (or the
//! end of the order, when it holds fewer rows than asked for) up to its cursor (or the top);
//! it is stale when:
//!
//! - it shows a pattern whose row changed (its counts, title, text, state), or a fork whose
//!   parent's title or state changed (a fork shows them);
//! - a place in its sort falls within what it covers, unless the pattern is known not to
//!   match its filters. What writes say:
//!   - a like or unlike: the old and new place in `popular` (likes) and `trending` (hot);
//!     `new` and `forks` keep their order, so they only drop pages showing it;
//!   - a publish: the new pattern's place in all four sorts, with its product and facets
//!     (a page filtered by another product, tag, material or colour keeps), and for a fork
//!     its parent's old and new place in `forks` and `trending`;
//!   - an edit (title, description and tags: what searches and tag filters match) and an
//!     unpublish, hide or restore: the pattern's place in all four sorts, matching any
//!     filter and any search.
//!
//!   Searches are pages with one more filter; a new pattern's text is not compared with
//!   the words (it is taken to match every search), so a publish drops the newest-first
//!   page of every search, and pages of other orders only where it lands.
//! - a commit does not say (another server's notification without places, a lost
//!   notification connection): every page is stale.
//!
//! Writes that change no pattern's row (made items, notes, catalogs) keep every page.
//!
//! Why places and not just "which pages show P": a pattern that enters (a publish, a
//! restore) or climbs into a page (a like in `popular`) is on no cached page yet. Why a
//! place outside what a page covers cannot change it, whatever its filters or words: the
//! page holds every matching row from its last row up to its cursor, so a pattern
//! landing or leaving elsewhere leaves those rows as they are. (A like's or a fork's old
//! place is sent too, although a page showing the pattern is dropped by its row anyway.)
//!
//! Commits of this process are recorded before their writes are answered, so a writer's next
//! read on the same server sees its write; on PostgreSQL every other server hears them
//! through LISTEN/NOTIFY (places included). What no notification reaches (a second process
//! on the same SQLite file, a notification lost while reconnecting) lives at most
//! `STITCHFORK_READ_CACHE_MS` (10 s by default).
//!
//! Nothing kept is per visitor: whether the caller liked a pattern is looked up per request
//! (see [`crate::db::likes::liked_among`]). moka gives the bounded, concurrent, time-limited
//! maps. Each answer's time is drawn between half the limit and the limit ([`Jittered`]):
//! answers read together in a burst would otherwise all expire in the same instant, and the
//! misses that followed, all at once, were the slow tail of the open-loop benchmark (search
//! held 474-1,067 req/s at p99 <= 10 ms with a 10 s limit, 1,281 with a 10 min one).

use std::hash::{BuildHasher, Hash, RandomState};
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use stitchfork_api::FacetKind;

use crate::db::changes::{Changes, Point, Shape, Touched};
use crate::db::patterns::{self as store, ListQuery, PatternRow};
use crate::encoded::EncodedJson;

/// Gallery pages are kept up to about this many bytes (rows, JSON and compressed copies;
/// see [`PageRows::weight`]): about 1,900 pages of 20 patterns. 512 pages were fewer than
/// the searches a busy gallery repeats within the cache's time (the benchmark's Zipf list
/// has 1,232), so the tail of them were read again and again.
const MAX_PAGE_BYTES: u64 = 128 << 20;
/// At most this many single patterns are kept (a few KB each).
const MAX_PATTERNS: u64 = 10_000;

/// One answer to a [`ListQuery`], shared by every request it answers.
pub type Page = Arc<PageRows>;

/// The rows of one answer to a [`ListQuery`], in order (one more than the page when there is
/// a next page), and the API's JSON of them for a visitor who likes none of them, made on
/// first use with its compressed copies ([`EncodedJson`]). Most visitors like none of a
/// page's patterns, so a hit then costs a copy of the bytes instead of building, serializing
/// and compressing 20 patterns again (what held list pages to a third of single patterns'
/// rate).
#[derive(Debug)]
pub struct PageRows {
    rows: Vec<PatternRow>,
    unliked: OnceLock<EncodedJson>,
}

impl PageRows {
    pub fn new(rows: Vec<PatternRow>) -> Page {
        Arc::new(PageRows {
            rows,
            unliked: OnceLock::new(),
        })
    }

    /// The JSON `encode` makes of these rows for a visitor who likes none of them, made once.
    /// (Two requests may both make it at first; the first stored wins, and they are equal.)
    pub fn unliked_json<E>(
        &self,
        encode: impl FnOnce(&[PatternRow]) -> Result<Vec<u8>, E>,
    ) -> Result<&EncodedJson, E> {
        if let Some(json) = self.unliked.get() {
            return Ok(json);
        }
        let json = EncodedJson::new(encode(&self.rows)?);
        Ok(self.unliked.get_or_init(|| json))
    }

    /// About the bytes this page holds once its JSON is made: the rows' text, and the JSON
    /// (about as long again) with its brotli and gzip copies (about a fifth of it each).
    fn weight(&self) -> u32 {
        let text: usize = self
            .rows
            .iter()
            .map(|r| {
                256 + r.id.len()
                    + r.title.len()
                    + r.description.len()
                    + r.tags.len()
                    + r.author_name.len()
                    + r.config.len()
                    + r.root_id.len()
                    + r.edit_key_hash.len()
                    + r.content_hash.len()
            })
            .sum();
        u32::try_from(text * 5 / 2).unwrap_or(u32::MAX)
    }
}

impl Deref for PageRows {
    type Target = [PatternRow];

    fn deref(&self) -> &[PatternRow] {
        &self.rows
    }
}

/// One public pattern.
pub type Pattern = Arc<PatternRow>;

/// A page with what it takes to tell whether a commit changed it.
struct Kept {
    rows: Page,
    /// The query it answers (its sort and filters).
    query: ListQuery,
    /// The lowest place it covers: its last row when it holds as many as asked for; `None`
    /// when it is the end of the order (a pattern anywhere below its cursor would be on it).
    lowest: Option<(i64, i64)>,
    /// Its rows' seqs, and their parents' (sorted, for lookups).
    seqs: Vec<i64>,
    parents: Vec<i64>,
    /// The generation it is known current at (read, or checked since).
    checked_at: AtomicU64,
}

impl Kept {
    fn new(generation: u64, query: &ListQuery, rows: Page) -> Kept {
        // Full: there may be more rows below it. The API reads one row more than it shows
        // (to know whether there is a next page), the gallery's first paint shows every row:
        // the page covers down to its last row read, right for either.
        let full = rows.len() as i64 >= query.limit;
        let lowest = rows
            .last()
            .filter(|_| full)
            .map(|last| (store::key_of(query.sort, last), last.seq));
        let mut seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
        seqs.sort_unstable();
        let mut parents: Vec<i64> = rows.iter().filter_map(|r| r.parent_seq).collect();
        parents.sort_unstable();
        parents.dedup();
        Kept {
            rows,
            query: query.clone(),
            lowest,
            seqs,
            parents,
            checked_at: AtomicU64::new(generation),
        }
    }

    /// Whether the commit that touched `t` may change this page (see the module's rules).
    fn changed_by(&self, t: &Touched) -> bool {
        t.unplaced()
            || t.rows().iter().any(|s| self.seqs.binary_search(s).is_ok())
            || t.parents()
                .iter()
                .any(|s| self.parents.binary_search(s).is_ok())
            || t.points().iter().any(|p| self.covers(p))
    }

    /// Whether a pattern appearing, leaving or moving at `p` may change this page.
    fn covers(&self, p: &Point) -> bool {
        let q = &self.query;
        let place = (p.key, p.seq);
        p.sort == q.sort
            && self.lowest.is_none_or(|low| place >= low)
            && q.after.is_none_or(|after| place < after)
            && p.shape.as_deref().is_none_or(|shape| may_match(shape, q))
    }
}

/// Whether a pattern of `shape` can match `q`'s filters: `false` only when one of them is
/// certainly not met (words are not compared: any search may match).
fn may_match(shape: &Shape, q: &ListQuery) -> bool {
    let has = |kind: FacetKind, wanted: &Option<String>, fold: bool| {
        wanted.as_deref().is_none_or(|w| {
            shape.facets.iter().any(|(k, v)| {
                *k == kind && (v == w || (fold && v.to_lowercase() == w.to_lowercase()))
            })
        })
    };
    q.product.as_deref().is_none_or(|p| p == shape.product)
        // The tag filter is lowercased before it is compared; fold to stay on the safe side.
        && has(FacetKind::Tag, &q.tag, true)
        && has(FacetKind::Material, &q.material, false)
        && has(FacetKind::Colour, &q.colour, false)
}

/// Kept answers; one per server, shared by all requests.
pub struct ReadCache {
    pages: Option<moka::sync::Cache<ListQuery, Arc<Kept>>>,
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
            .field("enabled", &self.pages.is_some())
            .finish()
    }
}

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

/// A map holding at most `capacity` in `weigh`'s units, whose entries live at most
/// `max_age_ms` (each between half that and that, see [`Jittered`]); `None` when 0 (caching
/// off).
fn bounded<K, V>(
    max_age_ms: u32,
    capacity: u64,
    weigh: fn(&K, &V) -> u32,
) -> Option<moka::sync::Cache<K, V>>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    (max_age_ms > 0).then(|| {
        moka::sync::Cache::builder()
            .max_capacity(capacity)
            .weigher(weigh)
            .expire_after(Jittered::new(max_age_ms))
            .build()
    })
}

impl ReadCache {
    /// A cache whose answers live at most `max_age_ms`; 0 keeps nothing.
    pub fn new(max_age_ms: u32) -> ReadCache {
        ReadCache {
            pages: bounded(max_age_ms, MAX_PAGE_BYTES, |_, kept| kept.rows.weight()),
            patterns: bounded(max_age_ms, MAX_PATTERNS, |_, _| 1),
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
        if self.pages.is_some() {
            let counter = if found.is_some() {
                &self.hits
            } else {
                &self.misses
            };
            counter.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// The page stored for `query`, if no commit in `changes` changed it since it was read.
    pub fn page(&self, changes: &Changes, query: &ListQuery) -> Option<Page> {
        let found = self.pages.as_ref().and_then(|map| {
            let kept = map.get(query)?;
            let at = kept.checked_at.load(Ordering::Acquire);
            let now = changes.page_current(at, |t| kept.changed_by(t))?;
            // The next lookup checks only the commits after this one.
            kept.checked_at.fetch_max(now, Ordering::AcqRel);
            Some(kept.rows.clone())
        });
        self.count(found)
    }

    /// Stores the page read for `query` while the database was at `generation` (read
    /// before the page, so a commit made during the read is checked against it).
    pub fn put_page(&self, generation: u64, query: &ListQuery, page: Page) {
        if let Some(map) = &self.pages {
            map.insert(query.clone(), Arc::new(Kept::new(generation, query, page)));
        }
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
    use stitchfork_api::{Licence, PatternState, Sort};

    fn row(seq: i64, likes: i64, parent: Option<i64>) -> PatternRow {
        PatternRow {
            seq,
            id: format!("p{seq}"),
            title: String::new(),
            description: String::new(),
            tags: "[]".into(),
            author_name: String::new(),
            product: "sleeve".into(),
            config: "{}".into(),
            content_hash: String::new(),
            parent_id: None,
            root_id: String::new(),
            depth: 0,
            edit_key_hash: String::new(),
            state: PatternState::Public,
            like_count: likes,
            fork_count: 0,
            hot: 0,
            version: 1,
            created_at: 0,
            updated_at: 0,
            licence: Licence::default(),
            catalog: String::new(),
            catalog_version: 1,
            parent_seq: parent,
            parent_title: None,
            parent_author: None,
            parent_state: None,
        }
    }

    /// A page of `sort` after `after` showing `rows`; `more`: a next page exists (then one
    /// more row is read with it: the next seq down, with the last row's likes).
    fn kept(sort: Sort, after: Option<(i64, i64)>, mut rows: Vec<PatternRow>, more: bool) -> Kept {
        let limit = rows.len() as i64 + 1;
        if let Some(last) = rows.last().filter(|_| more) {
            let extra = row(last.seq - 1, last.like_count, None);
            rows.push(extra);
        }
        let query = ListQuery::unfiltered(sort, after, limit);
        Kept::new(0, &query, PageRows::new(rows))
    }

    fn like(seq: i64, likes_before: i64) -> Touched {
        let mut t = Touched::default();
        t.row(seq);
        t.at(
            seq,
            &[
                (Sort::Popular, likes_before),
                (Sort::Popular, likes_before + 1),
                (Sort::Trending, 0),
                (Sort::Trending, 1),
            ],
            None,
        );
        t
    }

    fn publish(seq: i64, product: &str, tag: &str) -> Touched {
        let shape = Shape {
            product: product.into(),
            facets: vec![(FacetKind::Tag, tag.into())],
        };
        let mut t = Touched::default();
        t.at(
            seq,
            &[
                (Sort::New, seq),
                (Sort::Popular, 0),
                (Sort::Trending, 1_000),
                (Sort::Forks, 0),
            ],
            Some(Arc::new(shape)),
        );
        t
    }

    #[test]
    fn a_like_changes_pages_showing_it_and_where_it_moves_by_likes() {
        let newest = kept(
            Sort::New,
            None,
            vec![row(9, 0, None), row(8, 0, None)],
            true,
        );
        assert!(
            !newest.changed_by(&like(3, 0)),
            "not on it, newest keeps its order"
        );
        assert!(newest.changed_by(&like(8, 0)), "shows its count");
        // Popular: 9 (5 likes), 8 (2 likes), and 7 (2 likes) read to know a next page exists.
        let popular = kept(
            Sort::Popular,
            None,
            vec![row(9, 5, None), row(8, 2, None)],
            true,
        );
        assert!(!popular.changed_by(&like(3, 0)), "0 -> 1 stays below");
        assert!(
            !popular.changed_by(&like(3, 1)),
            "(2, 3) is after (2, 7): ties newest first"
        );
        assert!(
            popular.changed_by(&like(3, 2)),
            "(3, 3) above the last row (2, 7)"
        );
        assert!(popular.changed_by(&like(30, 1)), "(2, 30) is before (2, 7)");
        assert!(
            popular.changed_by(&like(7, 2)),
            "the row read to know a next page exists"
        );
        let below = kept(Sort::Popular, Some((2, 8)), vec![row(7, 2, None)], false);
        assert!(
            below.changed_by(&like(3, 0)),
            "the last page covers down to the end"
        );
        assert!(below.changed_by(&like(7, 1)));
        assert!(
            !below.changed_by(&like(30, 6)),
            "moves above its cursor only"
        );
    }

    #[test]
    fn a_publish_changes_pages_where_it_lands_and_whose_filters_it_may_match() {
        let first = kept(
            Sort::New,
            None,
            vec![row(9, 0, None), row(8, 0, None)],
            true,
        );
        assert!(first.changed_by(&publish(10, "sleeve", "wool")));
        let deeper = kept(Sort::New, Some((8, 8)), vec![row(7, 0, None)], true);
        assert!(!deeper.changed_by(&publish(10, "sleeve", "wool")));
        let mut other = kept(Sort::New, None, vec![row(9, 0, None)], true);
        other.query.product = Some("tote".into());
        assert!(!other.changed_by(&publish(10, "sleeve", "wool")));
        assert!(other.changed_by(&publish(10, "tote", "wool")));
        other.query.tag = Some("linen".into());
        assert!(!other.changed_by(&publish(10, "tote", "wool")));
        assert!(
            other.changed_by(&publish(10, "tote", "Linen")),
            "folded: may match"
        );
        let mut search = kept(Sort::New, None, vec![row(9, 0, None)], true);
        search.query.search_terms = vec!["zebra".into()];
        assert!(
            search.changed_by(&publish(10, "sleeve", "wool")),
            "words not compared"
        );
        let popular = kept(
            Sort::Popular,
            None,
            vec![row(9, 5, None), row(8, 2, None)],
            true,
        );
        assert!(
            !popular.changed_by(&publish(10, "sleeve", "wool")),
            "lands at 0 likes"
        );
    }

    #[test]
    fn a_page_covers_down_to_its_last_row_read() {
        // The gallery's first paint shows every row it reads: 9 and 7, as many as asked for.
        let query = ListQuery::unfiltered(Sort::New, None, 2);
        let page = Kept::new(
            0,
            &query,
            PageRows::new(vec![row(9, 0, None), row(7, 0, None)]),
        );
        let mut restored = Touched::default();
        restored.at(8, &[(Sort::New, 8)], None);
        assert!(page.changed_by(&restored), "8 comes back between them");
        let mut below = Touched::default();
        below.at(6, &[(Sort::New, 6)], None);
        assert!(!page.changed_by(&below));
    }

    #[test]
    fn a_parents_new_title_changes_pages_showing_its_forks() {
        let page = kept(Sort::New, None, vec![row(9, 0, Some(4))], true);
        let mut t = Touched::default();
        t.row_and_parent(4);
        assert!(page.changed_by(&t));
        let mut t = Touched::default();
        t.row_and_parent(5);
        assert!(!page.changed_by(&t));
    }

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
