-- Intent record of a lesson video: the instructor's upload (an S3 multipart upload while UPLOADING),
-- then the transcode job moves it through QUEUED, PROBING, TRANSCODING and PUBLISHING to READY or
-- FAILED. A lesson plays only a READY upload's immutable, versioned output prefix.
CREATE TABLE video_uploads (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id          bigint      NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    course_id          bigint      NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    uploaded_by        bigint      NOT NULL REFERENCES users (id),
    file_name          text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 500),
    size_bytes         bigint      NOT NULL CHECK (size_bytes > 0),
    -- name, size and modification time as the browser saw them: lets a reloaded page resume
    fingerprint        text        NOT NULL,
    object_key         text        NOT NULL,
    multipart_id       text,
    part_size          integer     NOT NULL CHECK (part_size > 0),
    status             text        NOT NULL DEFAULT 'UPLOADING'
                                   CHECK (status IN ('UPLOADING', 'UPLOADED', 'QUEUED', 'PROBING', 'TRANSCODING',
                                                     'PUBLISHING', 'READY', 'FAILED', 'CANCELLED')),
    progress_percent   real        NOT NULL DEFAULT 0,
    eta_seconds        integer,
    -- every transcode run gets its own number, and its output its own prefix
    run                integer     NOT NULL DEFAULT 0,
    run_started_at     timestamptz,
    -- CPU seconds of every FFmpeg process of the run that published
    cpu_seconds        double precision,
    stitch_attempts    integer     NOT NULL DEFAULT 0,
    failure_reason     text,
    source_seconds     double precision,
    source_width       integer,
    source_height      integer,
    renditions         text[],
    output_prefix      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    finished_at        timestamptz
);
CREATE INDEX video_uploads_lesson_idx ON video_uploads (lesson_id, id DESC);
CREATE INDEX video_uploads_course_idx ON video_uploads (course_id, id DESC);
CREATE INDEX video_uploads_uploaded_idx ON video_uploads (updated_at) WHERE status = 'UPLOADED';
CREATE INDEX video_uploads_queued_idx ON video_uploads (updated_at) WHERE status = 'QUEUED';

-- Parts received so far of an upload in progress (S3 needs every part's ETag to complete it).
CREATE TABLE video_upload_parts (
    upload_id   bigint  NOT NULL REFERENCES video_uploads (id) ON DELETE CASCADE,
    part_number integer NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
    etag        text    NOT NULL,
    size_bytes  bigint  NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);

-- Chunks of a long video transcoded in parallel (one JobRunr job each), per run.
CREATE TABLE video_transcode_chunks (
    upload_id        bigint           NOT NULL REFERENCES video_uploads (id) ON DELETE CASCADE,
    run              integer          NOT NULL,
    idx              integer          NOT NULL,
    start_seconds    double precision NOT NULL,
    duration_seconds double precision NOT NULL,
    status           text             NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'DONE')),
    progress_percent real             NOT NULL DEFAULT 0,
    attempts         integer          NOT NULL DEFAULT 0,
    cpu_seconds      double precision,
    PRIMARY KEY (upload_id, run, idx)
);

ALTER TABLE lessons
    ADD COLUMN video_upload_id bigint REFERENCES video_uploads (id) ON DELETE SET NULL,
    ADD COLUMN video_prefix    text;
