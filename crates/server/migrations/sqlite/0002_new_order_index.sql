-- The "new" gallery order walks this index instead of sorting every public pattern.
CREATE INDEX patterns_new ON patterns (state, seq);
