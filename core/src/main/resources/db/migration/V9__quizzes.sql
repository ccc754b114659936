-- Quizzes: a QUIZ lesson's questions, answer keys and rules. Every edit raises version; the answer
-- keys are cached per (quiz, version), so a cached key never needs invalidating, only forgetting.
CREATE TABLE quizzes (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id          bigint      NOT NULL UNIQUE REFERENCES lessons (id) ON DELETE CASCADE,
    course_id          bigint      NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    passing_percent    smallint    NOT NULL DEFAULT 70 CHECK (passing_percent BETWEEN 0 AND 100),
    max_attempts       integer     CHECK (max_attempts BETWEEN 1 AND 1000),   -- NULL: no limit
    cooldown_seconds   integer     NOT NULL DEFAULT 0 CHECK (cooldown_seconds BETWEEN 0 AND 2592000),
    time_limit_seconds integer     CHECK (time_limit_seconds BETWEEN 10 AND 86400), -- NULL: untimed
    late_policy        text        NOT NULL DEFAULT 'GRADE_AT_DEADLINE'
                                   CHECK (late_policy IN ('GRADE_AT_DEADLINE', 'REFUSE')),
    shuffle_options    boolean     NOT NULL DEFAULT true,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quizzes_course_idx ON quizzes (course_id);

-- options: [{id, text}] for SINGLE and MULTIPLE. answer_key by kind: {"correct": ["2"]} (SINGLE,
-- MULTIPLE), {"truth": true} (TRUE_FALSE), {"value": 3.14, "tolerance": 0.01} (NUMERIC),
-- {"accepted": ["..."], "case_sensitive": false} (TEXT). Never sent to learners.
CREATE TABLE quiz_questions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id     bigint  NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    kind        text    NOT NULL CHECK (kind IN ('SINGLE', 'MULTIPLE', 'TRUE_FALSE', 'NUMERIC', 'TEXT')),
    prompt      text    NOT NULL CHECK (length(prompt) BETWEEN 1 AND 5000),
    points      integer NOT NULL DEFAULT 1 CHECK (points BETWEEN 1 AND 1000),
    explanation text,
    options     jsonb   NOT NULL DEFAULT '[]',
    answer_key  jsonb   NOT NULL
);
CREATE INDEX quiz_questions_quiz_idx ON quiz_questions (quiz_id, position);

-- Intent record of a learner taking a quiz, graded in the request that submits it. The option
-- order of each question is chosen when the attempt starts. STARTED → SUBMITTED (graded), EXPIRED
-- (time ran out under the REFUSE policy: counts as an attempt, scores nothing) or VOID (the
-- instructor changed the quiz meanwhile: does not count).
CREATE TABLE quiz_attempts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quiz_id       bigint      NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    enrollment_id bigint      NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    number        integer     NOT NULL CHECK (number > 0),
    quiz_version  integer     NOT NULL,
    status        text        NOT NULL DEFAULT 'STARTED'
                              CHECK (status IN ('STARTED', 'SUBMITTED', 'EXPIRED', 'VOID')),
    started_at    timestamptz NOT NULL,
    deadline      timestamptz,
    option_order  jsonb       NOT NULL DEFAULT '{}',
    answers       jsonb,
    saved_at      timestamptz,
    submitted_at  timestamptz,
    late          boolean     NOT NULL DEFAULT false,
    score         integer,
    max_score     integer,
    passed        boolean,
    feedback      jsonb,
    CONSTRAINT quiz_attempts_number_key UNIQUE (user_id, quiz_id, number)
);
-- at most one open attempt per learner and quiz, whatever the concurrent starts
CREATE UNIQUE INDEX quiz_attempts_open_key ON quiz_attempts (user_id, quiz_id) WHERE status = 'STARTED';
CREATE INDEX quiz_attempts_enrollment_idx ON quiz_attempts (enrollment_id);
CREATE INDEX quiz_attempts_quiz_idx ON quiz_attempts (quiz_id);
