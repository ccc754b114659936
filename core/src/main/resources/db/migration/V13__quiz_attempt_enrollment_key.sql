-- An attempt's learner is its enrollment's learner: one composite foreign key says so and checks both
-- columns with one probe and one row lock, where two keys (to users and to enrollments) took two of
-- each for every attempt started.
ALTER TABLE enrollments ADD CONSTRAINT enrollments_id_user_key UNIQUE (id, user_id);
ALTER TABLE quiz_attempts
    DROP CONSTRAINT quiz_attempts_user_id_fkey,
    DROP CONSTRAINT quiz_attempts_enrollment_id_fkey,
    ADD CONSTRAINT quiz_attempts_enrollment_user_fkey FOREIGN KEY (enrollment_id, user_id)
        REFERENCES enrollments (id, user_id) ON DELETE CASCADE;
