-- The version of the catalog a made item was priced and cut from (issue #14): the catalog's
-- ETag, a hash of its content. Items registered before it was recorded have none ('').
ALTER TABLE items ADD COLUMN catalog_version TEXT NOT NULL DEFAULT '';
