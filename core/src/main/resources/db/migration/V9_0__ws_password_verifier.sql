-- SOAP web services (WS-Security UsernameToken): LibreClinica's clients send the SHA-1 hex
-- digest of the password as PasswordText. The digest is never stored: the verifier is a
-- password hash (same encoder as password_hash) of that digest, set whenever the password is
-- set. Accounts whose password was set before this migration have none until the next change.
ALTER TABLE user_account ADD COLUMN ws_password_verifier VARCHAR(255);
