-- What the SAML service provider must remember between the browser's trips, kept in the
-- database so that several application servers behind a load balancer share it (no sticky
-- sessions needed for /sso/saml/*): the AuthnRequests sent and not yet answered (a Response
-- must answer one, once), and the IDs of assertions already used (replay cache). Both are
-- short-lived working data, not clinical data: rows are removed when used or expired.

CREATE TABLE sso_saml_request (
    id              VARCHAR(100)  PRIMARY KEY,
    issued_at       TIMESTAMPTZ   NOT NULL,
    force_authn     BOOLEAN       NOT NULL,
    user_name       VARCHAR(64),
    return_path     VARCHAR(2000)
);
CREATE INDEX sso_saml_request_issued_ix ON sso_saml_request (issued_at);

CREATE TABLE sso_saml_replay (
    assertion_id    VARCHAR(256)  PRIMARY KEY,
    keep_until      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sso_saml_replay_keep_ix ON sso_saml_replay (keep_until);
