-- Where an audit record belongs in a subject's casebook: the subject, and when the record is
-- about an event, an event CRF or an item value, those too (with the CRF version the value was
-- entered in). One row per audit record that concerns a subject, written with the record in
-- the same transaction (AuditService), so that a subject's audit log and an item's history are
-- each one indexed query instead of a search over entity ids of several types.
--
-- The hashed evidence stays in audit_log (entity type and id); this table is an index to it,
-- append-only like the log itself, and can be rebuilt from the log and the clinical tables.
CREATE TABLE audit_log_context (
    audit_id         BIGINT  NOT NULL,
    study_subject_id BIGINT  NOT NULL,
    study_event_id   BIGINT,
    event_crf_id     BIGINT,
    crf_version_id   BIGINT,
    item_id          BIGINT,
    item_ordinal     INTEGER,
    CONSTRAINT audit_log_context_pk PRIMARY KEY (audit_id)
    -- no foreign key to audit_log: it would make TRUNCATE audit_log fail on the key instead of
    -- on the append-only trigger; rows are written only by AuditService, with their record
);

CREATE INDEX audit_log_context_subject_ix ON audit_log_context (study_subject_id, audit_id);
CREATE INDEX audit_log_context_item_ix ON audit_log_context (event_crf_id, item_id, audit_id)
    WHERE item_id IS NOT NULL;

CREATE TRIGGER audit_log_context_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log_context
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Records written before this migration: found through the entities they name.
INSERT INTO audit_log_context (audit_id, study_subject_id)
SELECT a.id, s.id
  FROM audit_log a JOIN study_subject s ON a.entity_id = s.id::text
 WHERE a.entity_type = 'StudySubject';

INSERT INTO audit_log_context (audit_id, study_subject_id, study_event_id)
SELECT a.id, e.study_subject_id, e.id
  FROM audit_log a JOIN study_event e ON a.entity_id = e.id::text
 WHERE a.entity_type = 'StudyEvent';

INSERT INTO audit_log_context (audit_id, study_subject_id, study_event_id, event_crf_id, crf_version_id)
SELECT a.id, e.study_subject_id, e.id, c.id, c.crf_version_id
  FROM audit_log a
  JOIN event_crf c ON a.entity_id = c.id::text
  JOIN study_event e ON e.id = c.study_event_id
 WHERE a.entity_type = 'EventCrf';

INSERT INTO audit_log_context
    (audit_id, study_subject_id, study_event_id, event_crf_id, crf_version_id, item_id, item_ordinal)
SELECT a.id, e.study_subject_id, e.id, c.id, c.crf_version_id, d.item_id, d.ordinal
  FROM audit_log a
  JOIN item_data d ON a.entity_id = d.id::text
  JOIN event_crf c ON c.id = d.event_crf_id
  JOIN study_event e ON e.id = c.study_event_id
 WHERE a.entity_type = 'ItemData';
