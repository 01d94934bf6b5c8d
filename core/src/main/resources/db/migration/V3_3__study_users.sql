-- The study or site an account works in is one that exists (studies are never deleted).
ALTER TABLE user_account
    ADD CONSTRAINT user_account_active_study_fk FOREIGN KEY (active_study_id) REFERENCES study (id);
-- Live roles of an account are read on every authorisation check.
CREATE INDEX study_user_role_account_status_ix ON study_user_role (account_id, status);
