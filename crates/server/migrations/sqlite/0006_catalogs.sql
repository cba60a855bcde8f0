-- Retailer catalogs (issue #13). Keep column names and meanings identical to
-- ../postgres/0006_catalogs.sql.
--
-- A catalog is named by the `id` in its JSON; its key (for uploading versions) is stored only
-- as a hash, like edit keys. The built-in catalog has no key (only the admin key uploads it).
-- `latest` is the number of its newest version: bumping it is what orders concurrent uploads.
CREATE TABLE catalogs (
    id         TEXT    PRIMARY KEY,
    key_hash   TEXT,                              -- NULL for the built-in catalog
    latest     INTEGER NOT NULL DEFAULT 0,        -- newest version (0 before the first)
    created_at INTEGER NOT NULL                   -- unix milliseconds
);

-- Every version of a catalog, immutable: the JSON exactly as uploaded, and what lists show.
CREATE TABLE catalog_versions (
    catalog    TEXT    NOT NULL REFERENCES catalogs(id),
    version    INTEGER NOT NULL,                  -- 1, 2, 3, ... per catalog
    json       TEXT    NOT NULL,
    etag       TEXT    NOT NULL,                  -- hex sha256 of `json`
    currency   TEXT    NOT NULL,
    products   TEXT    NOT NULL,                  -- JSON array of the product ids, in order
    created_at INTEGER NOT NULL,
    PRIMARY KEY (catalog, version)
);

-- A pattern is shown, priced and cut with the catalog version it was made with. Patterns
-- published before were made with the built-in catalog, recorded as its version 1 at the next
-- start.
ALTER TABLE patterns ADD COLUMN catalog TEXT NOT NULL DEFAULT 'stitchfork-builtin';
ALTER TABLE patterns ADD COLUMN catalog_version INTEGER NOT NULL DEFAULT 1;
