-- Every token the full-text index has held (issue #18), so that a search's prefix term can be
-- asked as the exact tokens it stands for (see src/db/search.rs). FTS5 answers a prefix term
-- by merging the whole doclist of every token it matches before returning a row (~1-6 ms for a
-- common word at 100k patterns), while exact tokens are read lazily in rowid order and a page
-- stops after its 21 matches (~0.05 ms). SQLite only: PostgreSQL's tsquery prefixes do not
-- have this cost shape (no PostgreSQL migration goes with this one).
--
-- Tokens are only ever added: one no pattern holds any more matches nothing, so the list may
-- hold more than the index, never less (which is what keeps answers identical).
CREATE TABLE search_vocab (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- A scratch index, empty between statements: the triggers put one pattern's text in it to read
-- the tokens FTS5 makes of it. Same columns and tokenizer as patterns_fts (0001_init.sql).
CREATE VIRTUAL TABLE search_scratch USING fts5 (
    title, description, tags, author_name,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_scratch_vocab USING fts5vocab (search_scratch, row);

CREATE TRIGGER search_vocab_insert AFTER INSERT ON patterns BEGIN
    INSERT INTO search_scratch (rowid, title, description, tags, author_name)
    VALUES (new.seq, new.title, new.description, new.tags, new.author_name);
    INSERT OR IGNORE INTO search_vocab (term) SELECT term FROM search_scratch_vocab;
    INSERT INTO search_scratch (search_scratch) VALUES ('delete-all');
END;
CREATE TRIGGER search_vocab_update AFTER UPDATE OF title, description, tags, author_name ON patterns BEGIN
    INSERT INTO search_scratch (rowid, title, description, tags, author_name)
    VALUES (new.seq, new.title, new.description, new.tags, new.author_name);
    INSERT OR IGNORE INTO search_vocab (term) SELECT term FROM search_scratch_vocab;
    INSERT INTO search_scratch (search_scratch) VALUES ('delete-all');
END;

-- What the index already holds.
CREATE VIRTUAL TABLE temp.patterns_fts_vocab USING fts5vocab (main, patterns_fts, row);
INSERT INTO search_vocab (term) SELECT term FROM temp.patterns_fts_vocab;
DROP TABLE temp.patterns_fts_vocab;
