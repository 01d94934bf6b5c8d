-- The audit trail (21 CFR Part 11, ICH E6, Japan's ER/ES guideline): one append-only table.
-- Every record carries the hash of the record before it (previous_hash) and its own hash over
-- its fields and previous_hash, so that a changed, removed or inserted record breaks the chain.
-- The hash is computed by the application (AuditService); AuditChainVerifier re-computes it.
CREATE SEQUENCE audit_log_id_seq AS BIGINT;

CREATE TABLE audit_log (
    id             BIGINT       NOT NULL DEFAULT nextval('audit_log_id_seq'),
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(255) NOT NULL,
    action         VARCHAR(255) NOT NULL,
    entity_type    VARCHAR(255) NOT NULL,
    entity_id      VARCHAR(255),
    study_id       BIGINT,
    old_value      TEXT,
    new_value      TEXT,
    reason         TEXT,
    client_address VARCHAR(255),
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (id),
    CONSTRAINT audit_log_hash_uk UNIQUE (hash),
    -- Each record has exactly one successor: a second writer that read a stale head of the
    -- chain fails here instead of forking the chain.
    CONSTRAINT audit_log_previous_hash_uk UNIQUE (previous_hash)
);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

CREATE INDEX audit_log_actor_ix ON audit_log (actor, id);
CREATE INDEX audit_log_action_ix ON audit_log (action, id);
CREATE INDEX audit_log_entity_ix ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_study_ix ON audit_log (study_id, id);

-- The database itself refuses to change or remove audit records, whoever asks.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Statement level, so that even an UPDATE or DELETE that matches no row is refused.
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
