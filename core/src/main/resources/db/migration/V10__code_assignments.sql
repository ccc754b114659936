-- A programming assignment: what an ASSIGNMENT lesson asks learners to program. The lesson's body is
-- the statement; this row holds how submissions are graded.
CREATE TABLE code_assignments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id       bigint      NOT NULL UNIQUE REFERENCES lessons (id) ON DELETE CASCADE,
    -- share of the points a submission needs to pass (and so to complete the lesson)
    passing_percent integer     NOT NULL DEFAULT 100 CHECK (passing_percent BETWEEN 1 AND 100),
    -- submissions a learner may make; null: as many as they like
    max_submissions integer     CHECK (max_submissions BETWEEN 1 AND 1000),
    -- wall-clock and CPU limit of one test run in the sandbox
    time_limit_ms   integer     NOT NULL DEFAULT 5000 CHECK (time_limit_ms BETWEEN 100 AND 10000),
    memory_mb       integer     NOT NULL DEFAULT 256 CHECK (memory_mb BETWEEN 32 AND 512),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The languages an assignment accepts, each with the code a learner starts from.
CREATE TABLE code_assignment_languages (
    assignment_id bigint  NOT NULL REFERENCES code_assignments (id) ON DELETE CASCADE,
    language      text    NOT NULL CHECK (language IN ('python', 'java', 'cpp', 'javascript')),
    position      integer NOT NULL,
    starter_code  text    NOT NULL DEFAULT '' CHECK (octet_length(starter_code) <= 65536),
    PRIMARY KEY (assignment_id, language)
);

-- Test cases: the program reads stdin and must print the expected stdout, compared as the mode says.
-- Hidden tests are graded like the others, but learners only ever learn whether they passed.
CREATE TABLE code_tests (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id   bigint           NOT NULL REFERENCES code_assignments (id) ON DELETE CASCADE,
    position        integer          NOT NULL,
    name            text             NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    stdin           text             NOT NULL DEFAULT '' CHECK (octet_length(stdin) <= 1048576),
    expected_stdout text             NOT NULL DEFAULT '' CHECK (octet_length(expected_stdout) <= 1048576),
    compare_mode    text             NOT NULL DEFAULT 'TRIMMED' CHECK (compare_mode IN ('EXACT', 'TRIMMED', 'NUMERIC')),
    tolerance       double precision CHECK (tolerance >= 0 AND tolerance <= 1),
    hidden          boolean          NOT NULL DEFAULT false,
    points          integer          NOT NULL DEFAULT 1 CHECK (points BETWEEN 0 AND 1000),
    CONSTRAINT code_tests_position_key UNIQUE (assignment_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- Intent record: one learner's submission, written by the web app (REQUESTED), queued for the grade-code
-- job (QUEUED), sent to the sandbox runner (RUNNING), then GRADED with a score, or FAILED with a reason.
-- status_detail is what the learner reads meanwhile ("waiting for a free grader").
CREATE TABLE code_submissions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assignment_id   bigint      NOT NULL REFERENCES code_assignments (id) ON DELETE CASCADE,
    lesson_id       bigint      NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id),
    enrollment_id   bigint      NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    language        text        NOT NULL CHECK (language IN ('python', 'java', 'cpp', 'javascript')),
    source          text        NOT NULL CHECK (octet_length(source) BETWEEN 1 AND 65536),
    status          text        NOT NULL DEFAULT 'REQUESTED'
                                CHECK (status IN ('REQUESTED', 'QUEUED', 'RUNNING', 'GRADED', 'FAILED')),
    status_detail   text,
    failure_reason  text,
    -- runs of the job (retries and restarts after a crash included)
    runs            integer     NOT NULL DEFAULT 0,
    compile_status  text        CHECK (compile_status IN ('OK', 'ERROR', 'SKIPPED')),
    compile_message text,
    score           integer,
    max_score       integer,
    passed          boolean,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    graded_at       timestamptz,
    CHECK (status <> 'GRADED' OR (score IS NOT NULL AND max_score IS NOT NULL AND passed IS NOT NULL))
);
CREATE INDEX code_submissions_learner_idx ON code_submissions (assignment_id, user_id, id DESC);
CREATE INDEX code_submissions_enrollment_idx ON code_submissions (enrollment_id);
CREATE INDEX code_submissions_requested_idx ON code_submissions (updated_at) WHERE status = 'REQUESTED';

-- The verdict of each test of a graded submission. Name, visibility and points are those the test had
-- when the submission was graded. Output is kept for visible tests only.
CREATE TABLE code_test_results (
    submission_id  bigint  NOT NULL REFERENCES code_submissions (id) ON DELETE CASCADE,
    test_id        bigint  NOT NULL REFERENCES code_tests (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    test_name      text    NOT NULL,
    hidden         boolean NOT NULL,
    verdict        text    NOT NULL CHECK (verdict IN ('ACCEPTED', 'WRONG_ANSWER', 'TIME_LIMIT', 'MEMORY_LIMIT',
                                                      'RUNTIME_ERROR', 'COMPILE_ERROR', 'OUTPUT_LIMIT')),
    points         integer NOT NULL,
    max_points     integer NOT NULL,
    wall_ms        integer,
    cpu_ms         integer,
    exit_code      integer,
    stdout_excerpt text,
    stderr_excerpt text,
    message        text,
    PRIMARY KEY (submission_id, test_id),
    CHECK (NOT hidden OR (stdout_excerpt IS NULL AND stderr_excerpt IS NULL AND message IS NULL))
);
