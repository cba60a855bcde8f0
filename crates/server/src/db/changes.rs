//! What changed since an answer was read: the database's generation, and which patterns'
//! rows each commit touched, so the read cache can keep every single pattern a commit did
//! not change (see [`crate::read_cache`]).
//!
//! Every commit takes a new generation `n`. A commit that says what it touched records `n`
//! for those patterns: as a row (its own fields changed: a like, an edit, a new fork under
//! it) or as a parent (what its forks show of it changed: its title or state). A copy of a
//! pattern read while the generation was `g` is still current unless its row, or its
//! parent as a parent, was touched at a generation after `g`. A commit that cannot say what
//! it touched (another server's notification without the list, a lost notification
//! connection) raises the floor instead: every copy read before it is stale.
//!
//! Why the generation is read before the database and compared at lookup (not entries
//! dropped at commit): a read that started before a commit may store its old copy after the
//! commit; stamped with the older generation, that copy is never served.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

/// At most this many patterns' touches are remembered; past it they are forgotten at once
/// and the floor is raised (every cached pattern is read again, once).
const MAX_TOUCHED: usize = 50_000;

/// The patterns (by `seq`) one or more writes changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// Patterns whose own row changed.
    rows: Vec<i64>,
    /// Patterns whose fields shown on their forks (title, state) changed.
    parents: Vec<i64>,
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

    /// Adds everything `other` touched.
    pub fn extend(&mut self, other: &Touched) {
        self.rows.extend_from_slice(&other.rows);
        self.parents.extend_from_slice(&other.parents);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.parents.is_empty()
    }

    /// The text form for a change notification: `rows;parents`, each a comma-separated list
    /// of numbers (`;` alone: nothing touched). `None` when too long to send.
    pub fn encode(&self) -> Option<String> {
        let list = |seqs: &[i64]| {
            seqs.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let text = format!("{};{}", list(&self.rows), list(&self.parents));
        (text.len() <= MAX_ENCODED).then_some(text)
    }

    /// Reads [`Touched::encode`]'s form; `None` for anything else.
    pub fn decode(text: &str) -> Option<Touched> {
        let list = |s: &str| -> Option<Vec<i64>> {
            if s.is_empty() {
                return Some(Vec::new());
            }
            s.split(',').map(|n| n.parse().ok()).collect()
        };
        let (rows, parents) = text.split_once(';')?;
        Some(Touched {
            rows: list(rows)?,
            parents: list(parents)?,
        })
    }
}

/// The generation at which each pattern was last touched: (as a row, as a parent).
type Marks = HashMap<i64, (u64, u64)>;

/// The generation and the touches of recent commits; one per database handle.
#[derive(Debug, Default)]
pub struct Changes {
    generation: AtomicU64,
    /// Copies of patterns read before this generation are stale whatever they are.
    floor: AtomicU64,
    marks: RwLock<Marks>,
}

impl Changes {
    /// The current generation: bumped by every commit this handle hears of.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// A commit that changed the patterns in `touched` (and maybe other things, e.g. what
    /// gallery pages show) is visible: takes a new generation and records it for them.
    pub fn committed(&self, touched: &Touched) {
        // The marks are written under their lock with the bump, so a lookup never sees the
        // new generation without the marks that go with it.
        let mut marks = self.marks.write().unwrap_or_else(|e| e.into_inner());
        let n = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
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
        let _marks = self.marks.write().unwrap_or_else(|e| e.into_inner());
        let n = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        self.floor.fetch_max(n, Ordering::AcqRel);
    }

    /// Whether a copy of pattern `seq` (a fork of `parent`, if any) read at generation
    /// `read_at` is still current.
    pub fn still_current(&self, read_at: u64, seq: i64, parent: Option<i64>) -> bool {
        if read_at < self.floor.load(Ordering::Acquire) {
            return false;
        }
        let marks = self.marks.read().unwrap_or_else(|e| e.into_inner());
        // Checked again under the lock: a floor raised by a clear is set before it is let go.
        if read_at < self.floor.load(Ordering::Acquire) {
            return false;
        }
        let row_ok = marks.get(&seq).is_none_or(|m| m.0 <= read_at);
        let parent_ok = parent
            .and_then(|p| marks.get(&p))
            .is_none_or(|m| m.1 <= read_at);
        row_ok && parent_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touches_round_trip_as_text() {
        let mut t = Touched::default();
        assert_eq!(t.encode().as_deref(), Some(";"));
        assert_eq!(Touched::decode(";"), Some(Touched::default()));
        t.row(7);
        t.row_and_parent(12);
        let text = t.encode().expect("short");
        assert_eq!(text, "7,12;12");
        assert_eq!(Touched::decode(&text), Some(t));
        for bad in ["", "7", "a;", "1,,2;", ";x"] {
            assert_eq!(Touched::decode(bad), None, "{bad}");
        }
        let mut long = Touched::default();
        for seq in 0..2_000 {
            long.row(seq);
        }
        assert_eq!(long.encode(), None, "too long to notify: sent as not said");
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
