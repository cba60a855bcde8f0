-- The licence a pattern is published under (issue #14), chosen at publish: CC BY 4.0 unless
-- said. Names as `stitchfork_api::Licence::as_str`; existing patterns were published under
-- the site's default, CC BY 4.0.
ALTER TABLE patterns ADD COLUMN licence TEXT NOT NULL DEFAULT 'cc-by-4.0'
    CHECK (licence IN ('cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'cc0-1.0', 'all-rights-reserved'));
