-- CRF spreadsheets between preview and commit: held server-side (never as a path the browser
-- names), bound to the user and a hash of the HTTP session, deleted on commit, cancel or expiry.
-- In the database so that any application node can commit what another one previewed.
CREATE TABLE crf_pending_upload (
    token        VARCHAR(64)  PRIMARY KEY,
    user_name    VARCHAR(64)  NOT NULL,
    session_hash VARCHAR(64)  NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content      BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX crf_pending_upload_user_ix ON crf_pending_upload (user_name, created_at);
CREATE INDEX crf_pending_upload_created_ix ON crf_pending_upload (created_at);
