//! Undo/redo history of the customizer's configuration.
//!
//! Kept generic and free of Leptos so it is tested natively. Every edit pushes
//! a new present and clears the redo stack, like every editor people know.

/// How many past states are kept; older ones fall off so memory stays bounded.
const LIMIT: usize = 200;

/// A linear undo/redo history around one present value.
#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    present: T,
    future: Vec<T>,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history with nothing to undo.
    pub fn new(present: T) -> Self {
        Self {
            past: Vec::new(),
            present,
            future: Vec::new(),
        }
    }

    /// The current value.
    pub fn present(&self) -> &T {
        &self.present
    }

    /// Records an edit; an edit that changes nothing is not recorded.
    pub fn push(&mut self, next: T) {
        if next == self.present {
            return;
        }
        let previous = std::mem::replace(&mut self.present, next);
        self.past.push(previous);
        if self.past.len() > LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Steps back; returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.past.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.present, previous);
                self.future.push(current);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let current = std::mem::replace(&mut self.present, next);
                self.past.push(current);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn undo_and_redo_walk_the_edits() {
        let mut h = History::new(1);
        h.push(2);
        h.push(3);
        assert!(h.undo());
        assert_eq!(*h.present(), 2);
        assert!(h.undo());
        assert_eq!(*h.present(), 1);
        assert!(!h.undo());
        assert!(h.redo());
        assert_eq!(*h.present(), 2);
        assert!(h.can_redo());
    }

    #[test]
    fn a_new_edit_drops_the_redo_stack() {
        let mut h = History::new("a");
        h.push("b");
        h.undo();
        h.push("c");
        assert!(!h.can_redo());
        assert!(!h.redo());
        assert_eq!(*h.present(), "c");
    }

    #[test]
    fn unchanged_values_are_not_recorded() {
        let mut h = History::new(5);
        h.push(5);
        assert!(!h.can_undo());
    }

    #[test]
    fn the_past_is_bounded() {
        let mut h = History::new(0);
        for i in 1..=(super::LIMIT + 50) {
            h.push(i);
        }
        let mut undos = 0;
        while h.undo() {
            undos += 1;
        }
        assert_eq!(undos, super::LIMIT);
    }
}
