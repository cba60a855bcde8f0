//! What changed since an answer was read: the database's generation, which patterns' rows
//! each commit touched, and where in each gallery order patterns moved, entered or left, so
//! the read cache can keep every single pattern and every gallery page a commit did not
//! change (see [`crate::read_cache`]).
//!
//! Every commit takes a new generation `n`. A commit that says what it touched records `n`
//! for those patterns: as a row (its own fields changed: a like, an edit, a new fork under
//! it) or as a parent (what its forks show of it changed: its title or state). A copy of a
//! pattern read while the generation was `g` is still current unless its row, or its
//! parent as a parent, was touched at a generation after `g`.
//!
//! For gallery pages a commit also says at which places (a sort and its `(key, seq)`
//! position, see [`Point`]) a pattern may have appeared, disappeared or moved: the old and
//! new positions of a like or a fork count, every position of a new, edited or
//! (un)published pattern. The commit is kept in a short log, which a cached page is checked
//! against ([`Changes::page_current`]).
//!
//! A commit that cannot say what it touched (another server's notification without the
//! list, a lost notification connection) raises the floor instead: every copy read before it
//! is stale. A notification from a server that names patterns but not places raises the
//! floor of pages only.
//!
//! Why the generation is read before the database and compared at lookup (not entries
//! dropped at commit): a read that started before a commit may store its old copy after the
//! commit; stamped with the older generation, that copy is never served.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use stitchfork_api::{FacetKind, Sort};

/// At most this many patterns' touches are remembered; past it they are forgotten at once
/// and the floor is raised (every cached pattern is read again, once).
const MAX_TOUCHED: usize = 50_000;

/// At most this many commits are kept for checking pages; a page last checked before the
/// oldest one kept is read again.
const MAX_LOGGED: usize = 4_096;

/// What a new pattern can be found by in a filtered gallery: its product and facets (tags,
/// materials, colours). Known for a publish only; a place without it may be on any page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    pub product: String,
    pub facets: Vec<(FacetKind, String)>,
}

/// A place in one gallery order where a pattern appeared, disappeared or moved from or to:
/// its sort key there and its `seq` (the order is `(key, seq)` descending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub sort: Sort,
    pub key: i64,
    pub seq: i64,
    /// The pattern's product and facets when known; `None`: it may match any filter.
    pub shape: Option<Arc<Shape>>,
}

/// The patterns (by `seq`) one or more writes changed, and where in the gallery orders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Patterns whose own row changed.
    rows: Vec<i64>,
    /// Patterns whose fields shown on their forks (title, state) changed.
    parents: Vec<i64>,
    /// Places where gallery pages may have gained, lost or reordered patterns.
    points: Vec<Point>,
    /// The places are not known (a notification of an older server): every page is stale.
    unplaced: bool,
}

/// Longest notification text sent with the touched patterns (PostgreSQL allows 8,000
/// bytes); a longer list is sent as "not said", which drops every cached pattern.
const MAX_ENCODED: usize = 7_000;

impl Touched {
    /// Pattern `seq`'s row changed.
    pub fn row(&mut self, seq: i64) {
        self.rows.push(seq);
    }

    /// Pattern `seq`'s row changed, and so did what its forks show of it.
    pub fn row_and_parent(&mut self, seq: i64) {
        self.rows.push(seq);
        self.parents.push(seq);
    }

    /// Pattern `seq` appeared, disappeared or moved at these `(sort, key)` places; `shape`
    /// when its filters are known (a new pattern's).
    pub fn at(&mut self, seq: i64, places: &[(Sort, i64)], shape: Option<Arc<Shape>>) {
        for &(sort, key) in places {
            self.points.push(Point {
                sort,
                key,
                seq,
                shape: shape.clone(),
            });
        }
    }

    /// Adds everything `other` touched.
    pub fn extend(&mut self, other: &Touched) {
        self.rows.extend_from_slice(&other.rows);
        self.parents.extend_from_slice(&other.parents);
        self.points.extend_from_slice(&other.points);
        self.unplaced |= other.unplaced;
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.parents.is_empty() && self.points.is_empty() && !self.unplaced
    }

    /// Patterns whose own row changed.
    pub fn rows(&self) -> &[i64] {
        &self.rows
    }

    /// Patterns whose title or state, as their forks show it, changed.
    pub fn parents(&self) -> &[i64] {
        &self.parents
    }

    /// Places where gallery pages may have changed.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Whether the places are unknown (every gallery page is stale).
    pub fn unplaced(&self) -> bool {
        self.unplaced
    }

    /// The text form for a change notification: `rows;parents;places`, the first two
    /// comma-separated lists of numbers, the places `<sort letter><key>.<seq>` (`n`ew,
    /// `p`opular, `t`rending, `f`orks) without shapes (the hearer takes them to match any
    /// filter). `None` when too long to send.
    pub fn encode(&self) -> Option<String> {
        if self.unplaced {
            return None;
        }
        let list = |seqs: &[i64]| {
            seqs.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let places = self
            .points
            .iter()
            .map(|p| format!("{}{}.{}", sort_letter(p.sort), p.key, p.seq))
            .collect::<Vec<_>>()
            .join(",");
        let text = format!("{};{};{places}", list(&self.rows), list(&self.parents));
        (text.len() <= MAX_ENCODED).then_some(text)
    }

    /// Reads [`Touched::encode`]'s form; `None` for anything else. The older form without
    /// places (`rows;parents`) reads as touching those patterns at unknown places.
    pub fn decode(text: &str) -> Option<Touched> {
        let list = |s: &str| -> Option<Vec<i64>> {
            if s.is_empty() {
                return Some(Vec::new());
            }
            s.split(',').map(|n| n.parse().ok()).collect()
        };
        let mut parts = text.split(';');
        let rows = list(parts.next()?)?;
        let parents = list(parts.next()?)?;
        let (points, unplaced) = match parts.next() {
            None => (Vec::new(), true),
            Some("") => (Vec::new(), false),
            Some(places) => (
                places.split(',').map(decode_point).collect::<Option<_>>()?,
                false,
            ),
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Touched {
            rows,
            parents,
            points,
            unplaced,
        })
    }
}

fn sort_letter(sort: Sort) -> char {
    match sort {
        Sort::New => 'n',
        Sort::Popular => 'p',
        Sort::Trending => 't',
        Sort::Forks => 'f',
    }
}

fn decode_point(text: &str) -> Option<Point> {
    let mut chars = text.chars();
    let sort = match chars.next()? {
        'n' => Sort::New,
        'p' => Sort::Popular,
        't' => Sort::Trending,
        'f' => Sort::Forks,
        _ => return None,
    };
    let (key, seq) = chars.as_str().split_once('.')?;
    Some(Point {
        sort,
        key: key.parse().ok()?,
        seq: seq.parse().ok()?,
        shape: None,
    })
}

/// The generation at which each pattern was last touched: (as a row, as a parent).
type Marks = HashMap<i64, (u64, u64)>;

/// What the lock guards: the marks of single patterns and the log of recent commits.
#[derive(Debug, Default)]
struct Recent {
    marks: Marks,
    /// (generation, what it touched) of recent commits that touched anything, oldest first.
    log: VecDeque<(u64, Arc<Touched>)>,
    /// Pages checked before this generation are stale whatever they are (a commit not
    /// said, or one forgotten from the log).
    pages_floor: u64,
}

/// The generation and the touches of recent commits; one per database handle.
#[derive(Debug, Default)]
pub struct Changes {
    generation: AtomicU64,
    /// Copies of patterns read before this generation are stale whatever they are.
    floor: AtomicU64,
    recent: RwLock<Recent>,
}

impl Changes {
    /// The current generation: bumped by every commit this handle hears of.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A commit that changed the patterns in `touched` (and maybe other things no cached
    /// answer shows, e.g. items) is visible: takes a new generation and records it for them.
    pub fn committed(&self, touched: &Touched) {
        // Written under the lock with the bump, so a lookup never sees the new generation
        // without the marks and the log entry that go with it.
        let mut recent = self.recent.write().unwrap_or_else(|e| e.into_inner());
        let n = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        if touched.unplaced {
            recent.pages_floor = n;
        } else if !touched.points.is_empty()
            || !touched.rows.is_empty()
            || !touched.parents.is_empty()
        {
            if recent.log.len() >= MAX_LOGGED {
                if let Some((forgotten, _)) = recent.log.pop_front() {
                    recent.pages_floor = recent.pages_floor.max(forgotten);
                }
            }
            recent.log.push_back((n, Arc::new(touched.clone())));
        }
        let marks = &mut recent.marks;
        if marks.len() + touched.rows.len() + touched.parents.len() > MAX_TOUCHED {
            marks.clear();
            self.floor.fetch_max(n, Ordering::AcqRel);
            return;
        }
        for seq in &touched.rows {
            marks.entry(*seq).or_default().0 = n;
        }
        for seq in &touched.parents {
            marks.entry(*seq).or_default().1 = n;
        }
    }

    /// A commit whose touches are not known is visible: every copy read before is stale.
    pub fn committed_unknown(&self) {
        let mut recent = self.recent.write().unwrap_or_else(|e| e.into_inner());
        let n = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        self.floor.fetch_max(n, Ordering::AcqRel);
        recent.pages_floor = n;
    }

    /// Whether a copy of pattern `seq` (a fork of `parent`, if any) read at generation
    /// `read_at` is still current.
    pub fn still_current(&self, read_at: u64, seq: i64, parent: Option<i64>) -> bool {
        if read_at < self.floor.load(Ordering::Acquire) {
            return false;
        }
        let recent = self.recent.read().unwrap_or_else(|e| e.into_inner());
        // Checked again under the lock: a floor raised by a clear is set before it is let go.
        if read_at < self.floor.load(Ordering::Acquire) {
            return false;
        }
        let marks = &recent.marks;
        let row_ok = marks.get(&seq).is_none_or(|m| m.0 <= read_at);
        let parent_ok = parent
            .and_then(|p| marks.get(&p))
            .is_none_or(|m| m.1 <= read_at);
        row_ok && parent_ok
    }

    /// Whether an answer known current at generation `checked_at` is still current: no
    /// commit since is one that `changes_it` says changes it. Returns the generation it is
    /// now known current at, or `None` when stale.
    pub fn page_current(
        &self,
        checked_at: u64,
        changes_it: impl Fn(&Touched) -> bool,
    ) -> Option<u64> {
        let recent = self.recent.read().unwrap_or_else(|e| e.into_inner());
        // Read under the lock: every commit up to `now` is in the log (or the floor).
        let now = self.generation.load(Ordering::Acquire);
        if checked_at < recent.pages_floor {
            return None;
        }
        // The log is in generation order: only the commits after `checked_at`.
        let from = recent.log.partition_point(|(n, _)| *n <= checked_at);
        let stale = recent
            .log
            .range(from..)
            .any(|(_, touched)| changes_it(touched));
        (!stale).then_some(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touches_round_trip_as_text() {
        let mut t = Touched::default();
        assert_eq!(t.encode().as_deref(), Some(";;"));
        assert_eq!(Touched::decode(";;"), Some(Touched::default()));
        t.row(7);
        t.row_and_parent(12);
        t.at(12, &[(Sort::Popular, 3), (Sort::Trending, -4)], None);
        let text = t.encode().expect("short");
        assert_eq!(text, "7,12;12;p3.12,t-4.12");
        assert_eq!(Touched::decode(&text), Some(t.clone()));
        // Shapes stay at home: the hearer takes the place to match any filter.
        let mut shaped = Touched::default();
        shaped.at(5, &[(Sort::New, 5)], Some(Arc::new(Shape::default())));
        let heard = Touched::decode(&shaped.encode().expect("short")).expect("decodes");
        assert_eq!(heard.points()[0].shape, None);
        // An older server's form names patterns but no places.
        let old = Touched::decode("7,12;12").expect("older form");
        assert_eq!((old.rows(), old.unplaced()), (&[7, 12][..], true));
        assert_eq!(old.encode(), None, "never sent on as if it said where");
        for bad in [
            "", "7", "a;", "1,,2;", ";x", ";;q1.2", ";;p1", ";;p1.x", ";;;", ";;p1.2,",
        ] {
            assert_eq!(Touched::decode(bad), None, "{bad}");
        }
        let mut long = Touched::default();
        for seq in 0..2_000 {
            long.row(seq);
        }
        assert_eq!(long.encode(), None, "too long to notify: sent as not said");
    }

    #[test]
    fn pages_are_checked_against_the_commits_since() {
        let c = Changes::default();
        let read_at = c.generation();
        let mut t = Touched::default();
        t.row(1);
        c.committed(&t);
        c.committed(&Touched::default());
        let now = c.generation();
        assert_eq!(c.page_current(read_at, |_| false), Some(now));
        assert_eq!(c.page_current(read_at, |t| t.rows().contains(&1)), None);
        assert_eq!(
            c.page_current(now, |t| t.rows().contains(&1)),
            Some(now),
            "checked after that commit"
        );
        let mut unplaced = Touched::decode("3;").expect("older form");
        unplaced.row(4);
        c.committed(&unplaced);
        assert_eq!(c.page_current(now, |_| false), None, "no places: all stale");
        let now = c.generation();
        c.committed_unknown();
        assert_eq!(c.page_current(now, |_| false), None);
        assert!(c.page_current(c.generation(), |_| true).is_some());
    }

    #[test]
    fn a_page_older_than_the_log_is_stale() {
        let c = Changes::default();
        let read_at = c.generation();
        let mut t = Touched::default();
        t.row(1);
        for _ in 0..=MAX_LOGGED {
            c.committed(&t);
        }
        assert_eq!(
            c.page_current(read_at, |_| false),
            None,
            "its commit forgotten"
        );
        let recent = c.generation() - 10;
        assert!(c.page_current(recent, |_| false).is_some());
    }

    #[test]
    fn only_touched_patterns_go_stale() {
        let c = Changes::default();
        let read_at = c.generation();
        let mut t = Touched::default();
        t.row(1);
        c.committed(&t);
        assert!(!c.still_current(read_at, 1, None), "its row changed");
        assert!(c.still_current(read_at, 2, None), "untouched");
        assert!(c.still_current(read_at, 3, Some(1)), "a like on the parent");
        assert!(
            c.still_current(c.generation(), 1, None),
            "read after the commit"
        );
        let read_at = c.generation();
        let mut t = Touched::default();
        t.row_and_parent(1);
        c.committed(&t);
        assert!(!c.still_current(read_at, 3, Some(1)), "its parent's title");
        assert!(c.still_current(read_at, 2, None));
        let read_at = c.generation();
        c.committed_unknown();
        assert!(!c.still_current(read_at, 2, None), "not said: all stale");
        assert!(c.still_current(c.generation(), 2, None));
    }

    #[test]
    fn too_many_touches_drop_every_copy_instead() {
        let c = Changes::default();
        let read_at = c.generation();
        let mut t = Touched::default();
        for seq in 0..=MAX_TOUCHED as i64 {
            t.row(seq);
        }
        c.committed(&t);
        assert!(!c.still_current(read_at, -5, None), "floor raised");
        assert!(c.still_current(c.generation(), 3, None));
    }
}
