-- Catalog search. PostgreSQL stays the system of record; OpenSearch holds a copy of every course's
-- search document, kept fresh through an outbox that the database itself fills.

-- search_version grows whenever what a course's search document shows changes. Documents are
-- indexed with it as their external version, so a late write of an older state never replaces a
-- newer one, whoever writes (the outbox relay on any worker, or a full rebuild).
CREATE SEQUENCE course_search_version_seq;
ALTER TABLE courses ADD COLUMN search_version bigint NOT NULL DEFAULT nextval('course_search_version_seq');

-- One row per course change, written in the changing transaction by the triggers below: every
-- writer (instructors' edits, imports, enrollment counts, scripts) is covered. The relay deletes
-- the rows it has indexed; a course changed many times is indexed once.
CREATE TABLE catalog_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id  bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION courses_bump_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.search_version IS NOT DISTINCT FROM OLD.search_version AND NEW IS DISTINCT FROM OLD THEN
        NEW.search_version := nextval('course_search_version_seq');
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER courses_search_version BEFORE UPDATE ON courses
    FOR EACH ROW EXECUTE FUNCTION courses_bump_search_version();

CREATE FUNCTION courses_to_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_outbox (course_id) SELECT id FROM old_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO catalog_outbox (course_id)
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.search_version <> o.search_version;
    ELSE
        INSERT INTO catalog_outbox (course_id) SELECT id FROM new_rows;
    END IF;
    PERFORM pg_notify('catalog_outbox', '');
    RETURN NULL;
END $$;

CREATE TRIGGER courses_outbox_insert AFTER INSERT ON courses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION courses_to_outbox();
CREATE TRIGGER courses_outbox_update AFTER UPDATE ON courses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION courses_to_outbox();
CREATE TRIGGER courses_outbox_delete AFTER DELETE ON courses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION courses_to_outbox();

-- Changes outside the courses row that its document shows: instructors, their names, partner names.
CREATE FUNCTION course_instructors_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE courses SET search_version = nextval('course_search_version_seq')
        WHERE id IN (SELECT course_id FROM old_rows);
    ELSE
        UPDATE courses SET search_version = nextval('course_search_version_seq')
        WHERE id IN (SELECT course_id FROM new_rows);
    END IF;
    RETURN NULL;
END $$;

-- statement-level: a bulk insert of instructors costs one UPDATE, not one per row
CREATE TRIGGER course_instructors_search_insert AFTER INSERT ON course_instructors REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION course_instructors_changed();
CREATE TRIGGER course_instructors_search_delete AFTER DELETE ON course_instructors REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION course_instructors_changed();

CREATE FUNCTION instructor_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE courses SET search_version = nextval('course_search_version_seq')
    WHERE id IN (SELECT course_id FROM course_instructors WHERE user_id = NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER users_display_name_search AFTER UPDATE OF display_name ON users
    FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name)
    EXECUTE FUNCTION instructor_renamed();

CREATE FUNCTION partner_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE courses SET search_version = nextval('course_search_version_seq') WHERE partner_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER partners_search AFTER UPDATE OF name, slug ON partners
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.slug IS DISTINCT FROM OLD.slug)
    EXECUTE FUNCTION partner_renamed();

-- Full rebuilds of the search index: an intent record (admin page, nightly Quartz trigger) carried
-- out by a JobRunr job that runs a Spring Batch job; the page shows its progress.
CREATE TABLE search_reindexes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_by   bigint REFERENCES users (id),
    kind           text        NOT NULL CHECK (kind IN ('MANUAL', 'NIGHTLY', 'INITIAL')),
    status         text        NOT NULL DEFAULT 'REQUESTED'
                               CHECK (status IN ('REQUESTED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    index_name     text,
    total_courses  bigint,
    indexed        bigint      NOT NULL DEFAULT 0,
    failure_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_reindexes_requested_idx ON search_reindexes (updated_at) WHERE status = 'REQUESTED';
-- at most one rebuild waiting or running at a time
CREATE UNIQUE INDEX search_reindexes_one_active ON search_reindexes ((true))
    WHERE status IN ('REQUESTED', 'QUEUED', 'RUNNING');

-- The fallback while OpenSearch is away: PostgreSQL full-text search over published courses.
-- array_to_string is only STABLE, so the document is built by an IMMUTABLE wrapper for the index.
CREATE FUNCTION course_search_document(title text, skills text[], summary text, description text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(skills, ' '), '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'C')
        || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'D')
$$;

CREATE INDEX courses_search_document_idx ON courses
    USING gin (course_search_document(title, skills, summary, description)) WHERE status = 'PUBLISHED';
