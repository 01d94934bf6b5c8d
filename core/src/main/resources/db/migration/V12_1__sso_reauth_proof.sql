-- A presence proven at the SAML IdP (ForceAuthn) before a signature, kept in the database so
-- that the signature may be made at another application server than the one the IdP's Response
-- reached. One row per account at most; used once (removed when the signature asks for it).

CREATE TABLE sso_saml_reauth_proof (
    user_name       VARCHAR(64)   PRIMARY KEY,
    authn_at        TIMESTAMPTZ   NOT NULL
);
