-- Study parameter: show the Japanese era next to dates on the study's data pages
-- (e.g. 2026/04/07 (令和8年)). A site shows what its parent study sets.
ALTER TABLE study ADD COLUMN era_shown BOOLEAN NOT NULL DEFAULT FALSE;
