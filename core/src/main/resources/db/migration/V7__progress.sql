-- Where each learner is in each lesson. Written by the progress-compaction job (batched from the
-- Redis event streams) and, while Redis is unreachable, by the web app directly; both through the
-- same upsert: watched_seconds and last_watched_at only grow, completed only turns true.
CREATE TABLE progress (
    enrollment_id   bigint      NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    lesson_id       bigint      NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    watched_seconds integer     NOT NULL DEFAULT 0 CHECK (watched_seconds >= 0),
    completed       boolean     NOT NULL DEFAULT false,
    started_at      timestamptz NOT NULL,
    last_watched_at timestamptz NOT NULL,
    completed_at    timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, lesson_id)
);
CREATE INDEX progress_lesson_idx ON progress (lesson_id);

-- How far each enrollment is, recomputed by the compaction for the enrollments a batch touched.
ALTER TABLE enrollments
    ADD COLUMN completion_percent real        NOT NULL DEFAULT 0 CHECK (completion_percent BETWEEN 0 AND 100),
    ADD COLUMN lessons_completed  integer     NOT NULL DEFAULT 0,
    ADD COLUMN completed_at       timestamptz;

-- 25/50/75/100 %: each recorded once per enrollment, whatever the retries.
CREATE TABLE progress_milestones (
    enrollment_id bigint      NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    percent       smallint    NOT NULL CHECK (percent IN (25, 50, 75, 100)),
    reached_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, percent)
);

-- In-app notifications. A notification born of a milestone points at it, so it exists once.
CREATE TABLE notifications (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id             bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind                text        NOT NULL CHECK (kind IN ('MILESTONE', 'COURSE_COMPLETED', 'CERTIFICATE')),
    title               text        NOT NULL,
    body                text,
    link                text,
    milestone_enrollment bigint,
    milestone_percent   smallint,
    created_at          timestamptz NOT NULL DEFAULT now(),
    read_at             timestamptz,
    CONSTRAINT notifications_milestone_key UNIQUE (milestone_enrollment, milestone_percent)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- Intent record: a learner met the course's completion criteria and is owed a certificate. One per
-- enrollment; the certificate-issuance job carries it out.
CREATE TABLE certificate_requests (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrollment_id  bigint      NOT NULL UNIQUE REFERENCES enrollments (id),
    status         text        NOT NULL DEFAULT 'REQUESTED'
                               CHECK (status IN ('REQUESTED', 'QUEUED', 'RUNNING', 'ISSUED', 'FAILED')),
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificate_requests_requested_idx ON certificate_requests (updated_at) WHERE status = 'REQUESTED';
