//! Gallery pages (list and search answers) kept for reuse, so the pages everyone asks for
//! (the first page of each sort, common searches) are read from the database once per
//! change instead of once per visitor.
//!
//! A page is reused only while nothing was written: the key carries the database's
//! generation ([`crate::db::Db::generation`]), which every commit of this process bumps, so
//! a publish, like or edit here is visible on the very next request. Writes by other server
//! processes on the same database cannot bump it; for those a page lives at most
//! `STITCHFORK_PAGE_CACHE_MS` (1 s by default), like a short HTTP cache would.
//!
//! The pages hold no per-visitor data: whether the caller liked an item is looked up per
//! request (see [`crate::db::likes::liked_among`]). moka gives the bounded, concurrent,
//! time-limited map.

use std::sync::Arc;
use std::time::Duration;

use crate::db::patterns::{ListQuery, PatternRow};

/// At most this many pages are kept (a page is at most 101 rows of a few KB).
const MAX_PAGES: u64 = 512;

/// The rows of one answer to a [`ListQuery`], in order (one more than the page when
/// there is a next page).
pub type Page = Arc<Vec<PatternRow>>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    generation: u64,
    query: ListQuery,
}

/// Cached pages; cheap to share.
#[derive(Clone)]
pub struct PageCache {
    pages: Option<moka::sync::Cache<Key, Page>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("enabled", &self.pages.is_some())
            .finish()
    }
}

impl PageCache {
    /// A cache whose pages live at most `max_age_ms`; 0 keeps nothing.
    pub fn new(max_age_ms: u32) -> PageCache {
        let pages = (max_age_ms > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(MAX_PAGES)
                .time_to_live(Duration::from_millis(max_age_ms.into()))
                .build()
        });
        PageCache { pages }
    }

    /// The page stored for `query` at `generation`, if still fresh.
    pub fn get(&self, generation: u64, query: &ListQuery) -> Option<Page> {
        let pages = self.pages.as_ref()?;
        pages.get(&Key {
            generation,
            query: query.clone(),
        })
    }

    /// Stores the page read for `query` while the database was at `generation`.
    pub fn put(&self, generation: u64, query: &ListQuery, page: Page) {
        if let Some(pages) = &self.pages {
            let key = Key {
                generation,
                query: query.clone(),
            };
            pages.insert(key, page);
        }
    }
}
