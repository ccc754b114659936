-- Intent record of a registrar's bulk issuance: a CSV in the object store, walked by a restartable
-- Spring Batch job (validation, certificate rows), then rendered in parts that any worker may take.
CREATE TABLE certificate_batches (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_by   bigint      NOT NULL REFERENCES users (id),
    file_name      text        NOT NULL,
    object_key     text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    status         text        NOT NULL DEFAULT 'REQUESTED'
                               CHECK (status IN ('REQUESTED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    attempts       integer     NOT NULL DEFAULT 0,
    rows_total     integer,
    rows_read      integer     NOT NULL DEFAULT 0,
    rows_accepted  integer     NOT NULL DEFAULT 0,
    rows_rejected  integer     NOT NULL DEFAULT 0,
    parts          integer,
    part_size      integer,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX certificate_batches_requested_idx ON certificate_batches (updated_at) WHERE status = 'REQUESTED';

CREATE TABLE certificate_batch_errors (
    batch_id bigint  NOT NULL REFERENCES certificate_batches (id) ON DELETE CASCADE,
    line     integer NOT NULL,
    field    text,
    reason   text    NOT NULL,
    PRIMARY KEY (batch_id, line)
);

-- One certificate per learner and course, whatever the retries and whoever asked (completion or a
-- batch). The id is random (128 bits, URL-safe): it is the public verification address. A row is
-- written first without a PDF (pending); issued_at, object_key and sha256 are set together once
-- the signed PDF is stored.
CREATE TABLE certificates (
    id                text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{22}$'),
    user_id           bigint      NOT NULL REFERENCES users (id),
    course_id         bigint      NOT NULL REFERENCES courses (id),
    learner_name      text        NOT NULL,
    course_title      text        NOT NULL,
    partner_name      text        NOT NULL,
    completed_on      date        NOT NULL,
    request_id        bigint      REFERENCES certificate_requests (id),
    batch_id          bigint      REFERENCES certificate_batches (id),
    batch_line        integer,
    forced_reason     text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    issued_at         timestamptz,
    object_key        text,
    sha256            text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    revoked_at        timestamptz,
    revoked_by        bigint      REFERENCES users (id),
    revocation_reason text,
    CONSTRAINT certificates_learner_course_key UNIQUE (user_id, course_id),
    CONSTRAINT certificates_issued_whole CHECK ((issued_at IS NULL) = (sha256 IS NULL) AND (sha256 IS NULL) = (object_key IS NULL)),
    CONSTRAINT certificates_revoked_whole CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX certificates_user_idx ON certificates (user_id);
CREATE INDEX certificates_batch_idx ON certificates (batch_id, batch_line) WHERE batch_id IS NOT NULL;
CREATE INDEX certificates_pending_idx ON certificates (batch_id, batch_line) WHERE sha256 IS NULL;
