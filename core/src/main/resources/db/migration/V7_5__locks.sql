-- Locks below the study: an event CRF, a subject's event (status "locked" already exists) and a
-- subject's whole casebook. A lock remembers where it came from, so that unlocking the event or
-- the casebook releases exactly what that lock locked and nothing locked on its own.
ALTER TABLE event_crf ADD COLUMN status_before_lock VARCHAR(30);
-- 'crf' (locked by itself), 'event' (with its event) or 'casebook' (with its subject)
ALTER TABLE event_crf ADD COLUMN locked_with VARCHAR(20);
ALTER TABLE study_event ADD COLUMN locked_with VARCHAR(20);
ALTER TABLE study_subject ADD COLUMN casebook_locked BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE study_subject ADD COLUMN casebook_locked_at TIMESTAMPTZ;
ALTER TABLE study_subject ADD COLUMN casebook_locked_by VARCHAR(64);
