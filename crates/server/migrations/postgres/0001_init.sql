-- Stitchfork schema, PostgreSQL dialect. Keep column names and meanings identical to
-- ../sqlite/0001_init.sql: the queries in src/db are shared by both backends.
-- Integers are BIGINT throughout so both backends decode to i64.

CREATE TABLE patterns (
    seq           BIGSERIAL PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    tags          TEXT    NOT NULL,
    author_name   TEXT    NOT NULL,
    product       TEXT    NOT NULL,
    config        TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    parent_id     TEXT    REFERENCES patterns(id),
    root_id       TEXT    NOT NULL,
    depth         BIGINT  NOT NULL,
    edit_key_hash TEXT    NOT NULL,
    state         TEXT    NOT NULL DEFAULT 'public' CHECK (state IN ('public', 'removed', 'hidden')),
    like_count    BIGINT  NOT NULL DEFAULT 0,
    fork_count    BIGINT  NOT NULL DEFAULT 0,
    hot           BIGINT  NOT NULL,
    version       BIGINT  NOT NULL DEFAULT 1,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    search        tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', title || ' ' || description || ' ' || tags || ' ' || author_name)
    ) STORED
);
CREATE INDEX patterns_parent ON patterns (parent_id);
CREATE INDEX patterns_popular ON patterns (state, like_count, seq);
CREATE INDEX patterns_forks ON patterns (state, fork_count, seq);
CREATE INDEX patterns_hot ON patterns (state, hot, seq);
CREATE INDEX patterns_product ON patterns (product, seq);
CREATE INDEX patterns_search ON patterns USING GIN (search);

CREATE TABLE pattern_facets (
    pattern_seq BIGINT NOT NULL REFERENCES patterns(seq),
    kind        TEXT   NOT NULL,
    value       TEXT   NOT NULL,
    PRIMARY KEY (kind, value, pattern_seq)
);

CREATE TABLE likes (
    pattern_seq BIGINT NOT NULL REFERENCES patterns(seq),
    visitor     TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (pattern_seq, visitor)
);
