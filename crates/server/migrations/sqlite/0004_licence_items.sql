-- The licence a pattern is published under (issue #14), chosen at publish: CC BY 4.0 unless
-- said. Names as `stitchfork_api::Licence::as_str`; existing patterns were published under
-- the site's default, CC BY 4.0.
ALTER TABLE patterns ADD COLUMN licence TEXT NOT NULL DEFAULT 'cc-by-4.0'
    CHECK (licence IN ('cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'cc0-1.0', 'all-rights-reserved'));

-- Made items (issue #14): one physical copy of a design, registered by the retailer who sold
-- it. The claim code is kept in clear until the claim (the retailer prints it on the label, and
-- may print it again), then cleared; the owner key the claim answers is kept only as a hash.
-- Rows are never deleted.
CREATE TABLE items (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,          -- public short id (the label's QR: /i/{id})
    product         TEXT    NOT NULL,
    config          TEXT    NOT NULL,                 -- canonical JSON of what was made
    content_hash    TEXT    NOT NULL,
    catalog         TEXT    NOT NULL,                 -- the catalog it was made from
    pattern_id      TEXT    REFERENCES patterns(id),
    retailer        TEXT    NOT NULL,
    claim_code      TEXT,                             -- printed on the label; cleared by the claim
    owner_key_hash  TEXT,                             -- set once, by the claim
    created_at      INTEGER NOT NULL,
    claimed_at      INTEGER
);
CREATE INDEX items_pattern ON items (pattern_id, seq);

-- An owner's notes on an item, over time; the admin can hide one.
CREATE TABLE item_notes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    item_seq   INTEGER NOT NULL REFERENCES items(seq),
    body       TEXT    NOT NULL,
    rating     INTEGER CHECK (rating BETWEEN 1 AND 5),
    state      TEXT    NOT NULL DEFAULT 'public' CHECK (state IN ('public', 'hidden')),
    created_at INTEGER NOT NULL
);
CREATE INDEX item_notes_item ON item_notes (item_seq, seq);
