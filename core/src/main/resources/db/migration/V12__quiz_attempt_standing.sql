-- Every attempt carries the learner's standing at the quiz as it was when the attempt started (the
-- attempts that counted, when the last of them ended, any pass, the best score). With the attempt's
-- own outcome that gives the standing after it, so starting and submitting read one row, the latest
-- attempt, however many came before. Finished attempts never change, so the carried standing stays
-- true.
ALTER TABLE quiz_attempts
    ADD COLUMN prior_used        integer     NOT NULL DEFAULT 0,
    ADD COLUMN prior_finished_at timestamptz,
    ADD COLUMN prior_passed      boolean     NOT NULL DEFAULT false,
    ADD COLUMN prior_best        integer;

UPDATE quiz_attempts a
SET prior_used = p.used, prior_finished_at = p.finished_at, prior_passed = p.passed, prior_best = p.best
FROM (SELECT id,
             count(*) FILTER (WHERE status IN ('SUBMITTED', 'EXPIRED')) OVER w AS used,
             max(coalesce(submitted_at, deadline)) FILTER (WHERE status IN ('SUBMITTED', 'EXPIRED')) OVER w
                 AS finished_at,
             coalesce(bool_or(passed) OVER w, false) AS passed,
             max(score) OVER w AS best
      FROM quiz_attempts
      WINDOW w AS (PARTITION BY user_id, quiz_id ORDER BY number ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) p
WHERE p.id = a.id;

-- At most one open attempt per learner and quiz follows from the numbering alone: an attempt is
-- inserted as number latest + 1 only while the latest is not open, so two concurrent starts insert
-- the same number and the unique (user_id, quiz_id, number) lets one of them through. Without the
-- partial index on status, grading an attempt changes no indexed column, and with room left on the
-- page for the grade the update stays on its page (a heap-only update: no index entries written).
DROP INDEX quiz_attempts_open_key;
ALTER TABLE quiz_attempts SET (fillfactor = 30);
