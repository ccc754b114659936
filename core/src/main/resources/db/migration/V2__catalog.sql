-- Universities and companies that offer courses.
CREATE TABLE partners (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    kind        text        NOT NULL DEFAULT 'UNIVERSITY' CHECK (kind IN ('UNIVERSITY', 'COMPANY')),
    description text,
    website     text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE courses (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             text         NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title            text         NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    summary          text,
    description      text,
    partner_id       bigint       REFERENCES partners (id),
    category         text,
    level            text         NOT NULL DEFAULT 'BEGINNER'
                                  CHECK (level IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'MIXED')),
    language         text         NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2}$'),
    skills           text[]       NOT NULL DEFAULT '{}',
    status           text         NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    rating           numeric(2,1) CHECK (rating BETWEEN 0 AND 5),
    enrollment_count bigint       NOT NULL DEFAULT 0 CHECK (enrollment_count >= 0),
    source_import_id bigint,
    source_line      integer,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    published_at     timestamptz
);
CREATE INDEX courses_published_idx ON courses (category, level, language) WHERE status = 'PUBLISHED';
CREATE INDEX courses_published_popular_idx ON courses (enrollment_count DESC, id) WHERE status = 'PUBLISHED';
CREATE INDEX courses_partner_idx ON courses (partner_id);

CREATE TABLE course_instructors (
    course_id bigint  NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id   bigint  NOT NULL REFERENCES users (id),
    position  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_instructors_user_idx ON course_instructors (user_id);

CREATE TABLE course_modules (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id bigint  NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    title     text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300)
);
CREATE INDEX course_modules_course_idx ON course_modules (course_id, position);

CREATE TABLE lessons (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module_id        bigint  NOT NULL REFERENCES course_modules (id) ON DELETE CASCADE,
    course_id        bigint  NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position         integer NOT NULL,
    title            text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    kind             text    NOT NULL CHECK (kind IN ('VIDEO', 'READING', 'QUIZ', 'ASSIGNMENT')),
    duration_seconds integer NOT NULL DEFAULT 0 CHECK (duration_seconds >= 0),
    body             text
);
CREATE INDEX lessons_module_idx ON lessons (module_id, position);
CREATE INDEX lessons_course_idx ON lessons (course_id);

-- One enrollment per learner and course, whatever the retries.
CREATE TABLE enrollments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id),
    course_id   bigint      NOT NULL REFERENCES courses (id),
    status      text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'COMPLETED', 'WITHDRAWN')),
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrollments_user_course_key UNIQUE (user_id, course_id)
);
CREATE INDEX enrollments_course_idx ON enrollments (course_id);
