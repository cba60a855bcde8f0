-- Stitchfork schema, SQLite dialect. Keep column names and meanings identical to
-- ../postgres/0001_init.sql: the queries in src/db are shared by both backends.

-- One row per published pattern. Rows are never deleted: unpublishing and hiding
-- only change `state`, so forks keep their lineage ("parent removed").
CREATE TABLE patterns (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT, -- internal order key (keyset pagination, FTS rowid)
    id            TEXT    NOT NULL UNIQUE,           -- public random id
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    tags          TEXT    NOT NULL,                  -- JSON array of strings
    author_name   TEXT    NOT NULL,
    product       TEXT    NOT NULL,
    config        TEXT    NOT NULL,                  -- canonical JSON of the configuration
    content_hash  TEXT    NOT NULL,
    parent_id     TEXT    REFERENCES patterns(id),   -- immutable: no cycles possible
    root_id       TEXT    NOT NULL,
    depth         INTEGER NOT NULL,
    edit_key_hash TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'public' CHECK (state IN ('public', 'removed', 'hidden')),
    like_count    INTEGER NOT NULL DEFAULT 0,
    fork_count    INTEGER NOT NULL DEFAULT 0,
    hot           INTEGER NOT NULL,                  -- "trending" score, see src/db/patterns.rs
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,                  -- unix milliseconds
    updated_at    INTEGER NOT NULL
);
CREATE INDEX patterns_parent ON patterns (parent_id);
CREATE INDEX patterns_popular ON patterns (state, like_count, seq);
CREATE INDEX patterns_forks ON patterns (state, fork_count, seq);
CREATE INDEX patterns_hot ON patterns (state, hot, seq);
CREATE INDEX patterns_product ON patterns (product, seq);

-- Filterable facets (tags, materials, colours) of a pattern: one row each.
CREATE TABLE pattern_facets (
    pattern_seq INTEGER NOT NULL REFERENCES patterns(seq),
    kind        TEXT    NOT NULL,  -- 'tag' | 'material' | 'colour'
    value       TEXT    NOT NULL,
    PRIMARY KEY (kind, value, pattern_seq)
);

-- One like per (pattern, visitor); `patterns.like_count` is kept in step in the same transaction.
CREATE TABLE likes (
    pattern_seq INTEGER NOT NULL REFERENCES patterns(seq),
    visitor     TEXT    NOT NULL,  -- sha256 of the visitor id (or client address)
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (pattern_seq, visitor)
);

-- Full-text search over the public text of a pattern.
CREATE VIRTUAL TABLE patterns_fts USING fts5 (
    title, description, tags, author_name,
    content = 'patterns', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER patterns_fts_insert AFTER INSERT ON patterns BEGIN
    INSERT INTO patterns_fts (rowid, title, description, tags, author_name)
    VALUES (new.seq, new.title, new.description, new.tags, new.author_name);
END;
CREATE TRIGGER patterns_fts_update AFTER UPDATE OF title, description, tags, author_name ON patterns BEGIN
    INSERT INTO patterns_fts (patterns_fts, rowid, title, description, tags, author_name)
    VALUES ('delete', old.seq, old.title, old.description, old.tags, old.author_name);
    INSERT INTO patterns_fts (rowid, title, description, tags, author_name)
    VALUES (new.seq, new.title, new.description, new.tags, new.author_name);
END;
