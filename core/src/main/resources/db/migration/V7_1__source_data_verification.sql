-- Source data verification of event CRFs: who verified and when; cleared when data changes.
ALTER TABLE event_crf ADD COLUMN sdv_verified BOOLEAN     NOT NULL DEFAULT FALSE;
ALTER TABLE event_crf ADD COLUMN sdv_at       TIMESTAMPTZ;
ALTER TABLE event_crf ADD COLUMN sdv_by       VARCHAR(64);
CREATE INDEX event_crf_study_sdv_ix ON event_crf (study_id, sdv_verified, id);
