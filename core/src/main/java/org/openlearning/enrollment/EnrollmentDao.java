package org.openlearning.enrollment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A learner's place in a course. One per learner and course. */
@RegisterConstructorMapper(EnrollmentDao.EnrollmentRow.class)
@RegisterConstructorMapper(EnrollmentDao.MyCourse.class)
public interface EnrollmentDao {

    record EnrollmentRow(long id, long userId, long courseId, String status, Instant enrolledAt) {
    }

    /** A course on the learner's "My learning" page. */
    record MyCourse(long enrollmentId, long courseId, String slug, String title, String partnerName,
            String status, Instant enrolledAt, int lessonCount, BigDecimal rating) {
    }

    /** Inserts the enrollment unless it exists; empty when another request got there first. */
    @SqlQuery("""
            INSERT INTO enrollments (user_id, course_id) VALUES (:userId, :courseId)
            ON CONFLICT (user_id, course_id) DO NOTHING
            RETURNING id, user_id, course_id, status, enrolled_at
            """)
    Optional<EnrollmentRow> insertIfAbsent(@Bind("userId") long userId, @Bind("courseId") long courseId);

    @SqlQuery("SELECT id, user_id, course_id, status, enrolled_at FROM enrollments WHERE user_id = :userId AND course_id = :courseId")
    Optional<EnrollmentRow> find(@Bind("userId") long userId, @Bind("courseId") long courseId);

    @SqlQuery("SELECT id, user_id, course_id, status, enrolled_at FROM enrollments WHERE id = :id")
    Optional<EnrollmentRow> findById(@Bind("id") long id);

    @SqlUpdate("UPDATE courses SET enrollment_count = enrollment_count + 1 WHERE id = :courseId")
    void countEnrollment(@Bind("courseId") long courseId);

    @SqlQuery("""
            SELECT e.id AS enrollment_id, c.id AS course_id, c.slug, c.title, p.name AS partner_name, e.status,
                   e.enrolled_at, (SELECT count(*) FROM lessons l WHERE l.course_id = c.id) AS lesson_count, c.rating
            FROM enrollments e JOIN courses c ON c.id = e.course_id LEFT JOIN partners p ON p.id = c.partner_id
            WHERE e.user_id = :userId ORDER BY e.enrolled_at DESC, e.id DESC
            """)
    List<MyCourse> coursesOf(@Bind("userId") long userId);
}
