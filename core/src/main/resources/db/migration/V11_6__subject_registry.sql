-- The study's subject registry: a person (subject) registered through the web services'
-- subject "creat" without an enrolment belongs to the parent study it was registered in, and
-- to the study or site where it was registered (who may see it). The person of a study subject
-- leaves both empty.
ALTER TABLE subject ADD COLUMN registered_study_id BIGINT REFERENCES study (id);
ALTER TABLE subject ADD COLUMN registered_at_id BIGINT REFERENCES study (id);
CREATE INDEX subject_registered_person_ix ON subject (registered_study_id, person_id)
    WHERE registered_study_id IS NOT NULL;
