package org.openlearning.assessment.code;

import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.openlearning.catalog.LessonKind;
import org.openlearning.error.ApiException;
import org.springframework.stereotype.Component;

/** The lesson of an assignment, with its course, as the assignment pages and API need it. */
@Component
public class AssignmentLesson {

    /** @param body the lesson's text: the assignment's statement */
    public record Lesson(long id, String title, LessonKind kind, String body, long courseId, String courseTitle,
            String courseSlug, String courseStatus) {
    }

    private final Jdbi jdbi;

    AssignmentLesson(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Lesson> find(long lessonId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT l.id, l.title, l.kind, l.body, c.id AS course_id, c.title AS course_title,
                       c.slug AS course_slug, c.status AS course_status
                FROM lessons l JOIN courses c ON c.id = l.course_id WHERE l.id = :id
                """).bind("id", lessonId).map(ConstructorMapper.of(Lesson.class)).findOne());
    }

    Lesson get(long lessonId) {
        return find(lessonId).orElseThrow(() -> ApiException.notFound("No such lesson"));
    }

    /** The lesson, which must be an assignment: 422 (field {@code lesson}) for any other kind. */
    static Lesson requireAssignment(Lesson lesson) {
        if (lesson.kind() != LessonKind.ASSIGNMENT) {
            throw ApiException.invalid("lesson", "only an assignment lesson takes programs; this lesson is a "
                    + lesson.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return lesson;
    }
}
