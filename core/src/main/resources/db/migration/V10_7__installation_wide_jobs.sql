-- A background job may belong to no study: the whole-study import runs before its study exists.
ALTER TABLE background_job ALTER COLUMN study_id DROP NOT NULL;

-- The uploaded extract, kept from the preview until the import job has read it.
ALTER TABLE study_import ADD COLUMN file_content BYTEA;
ALTER TABLE study_import ADD COLUMN language VARCHAR(20);
