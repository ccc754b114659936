package org.openlearning.progress.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/** A published course with lessons and enrolled learners, written straight to PostgreSQL. */
record CourseFixture(long courseId, List<Long> lessons, List<Long> enrollments) {

    static CourseFixture create(Jdbi jdbi, int lessonCount, int learners) {
        return jdbi.inTransaction(h -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            long course = h.createQuery("""
                    INSERT INTO courses (slug, title, status, published_at) VALUES (:slug, :title, 'PUBLISHED', now())
                    RETURNING id""").bind("slug", "course-" + tag).bind("title", "Course " + tag)
                    .mapTo(Long.class).one();
            long module = h.createQuery("INSERT INTO course_modules (course_id, position, title) VALUES (:c, 1, 'M') RETURNING id")
                    .bind("c", course).mapTo(Long.class).one();
            List<Long> lessons = new ArrayList<>();
            for (int i = 0; i < lessonCount; i++) {
                lessons.add(h.createQuery("""
                        INSERT INTO lessons (module_id, course_id, position, title, kind, duration_seconds)
                        VALUES (:m, :c, :p, :t, 'VIDEO', 600) RETURNING id""")
                        .bind("m", module).bind("c", course).bind("p", i + 1).bind("t", "Lesson " + (i + 1))
                        .mapTo(Long.class).one());
            }
            List<Long> enrollments = new ArrayList<>();
            for (int i = 0; i < learners; i++) {
                long user = h.createQuery("""
                        INSERT INTO users (email, display_name, password_hash) VALUES (:e, 'Learner', 'x') RETURNING id""")
                        .bind("e", "l" + i + "-" + tag + "@example.org").mapTo(Long.class).one();
                enrollments.add(h.createQuery("INSERT INTO enrollments (user_id, course_id) VALUES (:u, :c) RETURNING id")
                        .bind("u", user).bind("c", course).mapTo(Long.class).one());
            }
            return new CourseFixture(course, lessons, enrollments);
        });
    }
}
