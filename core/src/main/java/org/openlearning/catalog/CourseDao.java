package org.openlearning.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Courses with their syllabus (modules and lessons) and instructors. */
@RegisterConstructorMapper(CourseDao.CourseRow.class)
@RegisterConstructorMapper(CourseDao.ModuleRow.class)
@RegisterConstructorMapper(CourseDao.LessonRow.class)
@RegisterConstructorMapper(CourseDao.InstructorRow.class)
public interface CourseDao {

    record CourseRow(long id, String slug, String title, String summary, String description, Long partnerId,
            String partnerName, String partnerSlug, String category, Level level, String language,
            List<String> skills, CourseStatus status, BigDecimal rating, long enrollmentCount, Instant createdAt,
            Instant updatedAt, Instant publishedAt) {
    }

    record ModuleRow(long id, long courseId, int position, String title) {
    }

    record LessonRow(long id, long moduleId, long courseId, int position, String title, LessonKind kind,
            int durationSeconds, String body) {
    }

    record InstructorRow(long userId, String displayName, String bio) {
    }

    String COURSE_COLUMNS = """
            SELECT c.id, c.slug, c.title, c.summary, c.description, c.partner_id, p.name AS partner_name,
                   p.slug AS partner_slug, c.category, c.level, c.language, c.skills, c.status, c.rating,
                   c.enrollment_count, c.created_at, c.updated_at, c.published_at
            FROM courses c LEFT JOIN partners p ON p.id = c.partner_id
            """;

    @SqlQuery(COURSE_COLUMNS + " WHERE c.slug = :slug")
    Optional<CourseRow> findBySlug(@Bind("slug") String slug);

    @SqlQuery(COURSE_COLUMNS + " WHERE c.id = :id")
    Optional<CourseRow> findById(@Bind("id") long id);

    @SqlQuery(COURSE_COLUMNS + """
             JOIN course_instructors ci ON ci.course_id = c.id
            WHERE ci.user_id = :userId ORDER BY c.updated_at DESC
            """)
    List<CourseRow> taughtBy(@Bind("userId") long userId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM course_instructors WHERE course_id = :courseId AND user_id = :userId)")
    boolean isInstructor(@Bind("courseId") long courseId, @Bind("userId") long userId);

    @SqlQuery("""
            SELECT u.id AS user_id, u.display_name, u.bio FROM course_instructors ci JOIN users u ON u.id = ci.user_id
            WHERE ci.course_id = :courseId ORDER BY ci.position, u.display_name
            """)
    List<InstructorRow> instructors(@Bind("courseId") long courseId);

    @SqlQuery("SELECT id, course_id, position, title FROM course_modules WHERE course_id = :courseId ORDER BY position, id")
    List<ModuleRow> modules(@Bind("courseId") long courseId);

    @SqlQuery("SELECT id, course_id, position, title FROM course_modules WHERE id = :id")
    Optional<ModuleRow> findModule(@Bind("id") long id);

    @SqlQuery("""
            SELECT l.id, l.module_id, l.course_id, l.position, l.title, l.kind, l.duration_seconds, l.body
            FROM lessons l JOIN course_modules m ON m.id = l.module_id
            WHERE l.course_id = :courseId ORDER BY m.position, m.id, l.position, l.id
            """)
    List<LessonRow> lessons(@Bind("courseId") long courseId);

    @SqlUpdate("""
            INSERT INTO courses (slug, title, summary, description, partner_id, category, level, language, skills,
                                 status, rating, enrollment_count, published_at)
            VALUES (:slug, :title, :summary, :description, :partnerId, :category, :level, :language, :skills,
                    :status, :rating, :enrollmentCount,
                    CASE WHEN :status = 'PUBLISHED' THEN now() END)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("slug") String slug, @Bind("title") String title, @Bind("summary") String summary,
            @Bind("description") String description, @Bind("partnerId") Long partnerId,
            @Bind("category") String category, @Bind("level") Level level, @Bind("language") String language,
            @Bind("skills") String[] skills, @Bind("status") CourseStatus status, @Bind("rating") BigDecimal rating,
            @Bind("enrollmentCount") long enrollmentCount);

    @SqlQuery("SELECT status FROM courses WHERE id = :id")
    Optional<CourseStatus> status(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM courses WHERE slug = :slug)")
    boolean slugTaken(@Bind("slug") String slug);

    @SqlUpdate("""
            UPDATE courses SET title = :title, summary = :summary, description = :description,
                   category = :category, level = :level, language = :language, skills = :skills, updated_at = now()
            WHERE id = :id
            """)
    int update(@Bind("id") long id, @Bind("title") String title, @Bind("summary") String summary,
            @Bind("description") String description, @Bind("category") String category, @Bind("level") Level level,
            @Bind("language") String language, @Bind("skills") String[] skills);

    @SqlUpdate("""
            UPDATE courses SET status = :status, updated_at = now(),
                   published_at = CASE WHEN :status = 'PUBLISHED' THEN coalesce(published_at, now()) ELSE published_at END
            WHERE id = :id
            """)
    int setStatus(@Bind("id") long id, @Bind("status") CourseStatus status);

    @SqlUpdate("""
            INSERT INTO course_instructors (course_id, user_id, position)
            VALUES (:courseId, :userId, (SELECT count(*) FROM course_instructors WHERE course_id = :courseId))
            ON CONFLICT DO NOTHING
            """)
    void addInstructor(@Bind("courseId") long courseId, @Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO course_modules (course_id, position, title)
            VALUES (:courseId, (SELECT coalesce(max(position), 0) + 1 FROM course_modules WHERE course_id = :courseId), :title)
            """)
    @GetGeneratedKeys("id")
    long addModule(@Bind("courseId") long courseId, @Bind("title") String title);

    @SqlUpdate("""
            INSERT INTO lessons (module_id, course_id, position, title, kind, duration_seconds, body)
            SELECT m.id, m.course_id, (SELECT coalesce(max(position), 0) + 1 FROM lessons WHERE module_id = m.id),
                   :title, :kind, :durationSeconds, :body
            FROM course_modules m WHERE m.id = :moduleId
            """)
    @GetGeneratedKeys("id")
    long addLesson(@Bind("moduleId") long moduleId, @Bind("title") String title, @Bind("kind") LessonKind kind,
            @Bind("durationSeconds") int durationSeconds, @Bind("body") String body);

    @SqlUpdate("UPDATE courses SET updated_at = now() WHERE id = :id")
    void touch(@Bind("id") long id);
}
