-- Intent record of a partner catalog import: written by the web app, moved through its statuses by
-- the catalog-import job.
CREATE TABLE catalog_imports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_by   bigint      NOT NULL REFERENCES users (id),
    file_name      text        NOT NULL,
    object_key     text        NOT NULL,
    size_bytes     bigint      NOT NULL,
    status         text        NOT NULL DEFAULT 'REQUESTED'
                               CHECK (status IN ('REQUESTED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    rows_total     integer,
    attempts       integer     NOT NULL DEFAULT 0,
    rows_read      integer     NOT NULL DEFAULT 0,
    rows_imported  integer     NOT NULL DEFAULT 0,
    rows_rejected  integer     NOT NULL DEFAULT 0,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX catalog_imports_requested_idx ON catalog_imports (updated_at) WHERE status = 'REQUESTED';

CREATE TABLE catalog_import_errors (
    import_id bigint  NOT NULL REFERENCES catalog_imports (id) ON DELETE CASCADE,
    line      integer NOT NULL,
    field     text,
    reason    text    NOT NULL,
    PRIMARY KEY (import_id, line)
);

ALTER TABLE courses
    ADD CONSTRAINT courses_source_import_fk FOREIGN KEY (source_import_id) REFERENCES catalog_imports (id);
