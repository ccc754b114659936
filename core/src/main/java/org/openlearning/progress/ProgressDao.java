package org.openlearning.progress;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Reading progress back: a learner's lessons and milestones, notifications, a course's funnel. */
@RegisterConstructorMapper(ProgressDao.LessonProgress.class)
@RegisterConstructorMapper(ProgressDao.Milestone.class)
@RegisterConstructorMapper(ProgressDao.Notification.class)
@RegisterConstructorMapper(ProgressDao.LessonFunnel.class)
public interface ProgressDao {

    /** Where a learner is in one lesson (as compacted into PostgreSQL). */
    record LessonProgress(long lessonId, int watchedSeconds, boolean completed, Instant lastWatchedAt) {
    }

    record Milestone(long enrollmentId, int percent, Instant reachedAt) {
    }

    record Notification(long id, String kind, String title, String body, String link, Instant createdAt,
            Instant readAt) {
    }

    /**
     * One lesson of a course's funnel: how many learners started and completed it, how many stopped
     * with it as their furthest lesson without finishing the course, and where in a video those who
     * did not complete it stopped (median seconds).
     */
    record LessonFunnel(long lessonId, int position, String title, String kind, int durationSeconds, long started,
            long completed, long stoppedHere, Double medianStopSeconds) {
    }

    @SqlQuery("""
            SELECT lesson_id, watched_seconds, completed, last_watched_at
            FROM progress WHERE enrollment_id = :enrollmentId
            """)
    List<LessonProgress> lessons(@Bind("enrollmentId") long enrollmentId);

    @SqlQuery("""
            SELECT lesson_id, watched_seconds, completed, last_watched_at
            FROM progress WHERE enrollment_id = :enrollmentId AND lesson_id = :lessonId
            """)
    Optional<LessonProgress> lesson(@Bind("enrollmentId") long enrollmentId, @Bind("lessonId") long lessonId);

    @SqlQuery("""
            SELECT m.enrollment_id, m.percent, m.reached_at
            FROM progress_milestones m JOIN enrollments e ON e.id = m.enrollment_id
            WHERE e.user_id = :userId ORDER BY m.reached_at, m.percent
            """)
    List<Milestone> milestonesOf(@Bind("userId") long userId);

    @SqlQuery("""
            SELECT id, kind, title, body, link, created_at, read_at
            FROM notifications WHERE user_id = :userId ORDER BY created_at DESC, id DESC LIMIT :limit
            """)
    List<Notification> notifications(@Bind("userId") long userId, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM notifications WHERE user_id = :userId AND read_at IS NULL")
    int unreadNotifications(@Bind("userId") long userId);

    @SqlUpdate("UPDATE notifications SET read_at = now() WHERE user_id = :userId AND read_at IS NULL")
    int markNotificationsRead(@Bind("userId") long userId);

    @SqlQuery("""
            WITH ordered AS (
                SELECT l.id, l.title, l.kind, l.duration_seconds,
                       row_number() OVER (ORDER BY m.position, m.id, l.position, l.id) AS position
                FROM lessons l JOIN course_modules m ON m.id = l.module_id
                WHERE l.course_id = :courseId
            ),
            furthest AS (
                SELECT DISTINCT ON (p.enrollment_id) p.enrollment_id, o.id AS lesson_id
                FROM progress p
                JOIN ordered o ON o.id = p.lesson_id
                JOIN enrollments e ON e.id = p.enrollment_id
                WHERE e.course_id = :courseId AND e.completed_at IS NULL
                ORDER BY p.enrollment_id, o.position DESC
            ),
            stopped AS (
                SELECT lesson_id, count(*) AS n FROM furthest GROUP BY lesson_id
            )
            SELECT o.id AS lesson_id, o.position, o.title, o.kind, o.duration_seconds,
                   count(p.enrollment_id) AS started,
                   count(p.enrollment_id) FILTER (WHERE p.completed) AS completed,
                   coalesce(max(s.n), 0) AS stopped_here,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY p.watched_seconds)
                       FILTER (WHERE NOT p.completed AND o.kind = 'VIDEO') AS median_stop_seconds
            FROM ordered o
            LEFT JOIN progress p ON p.lesson_id = o.id
            LEFT JOIN stopped s ON s.lesson_id = o.id
            GROUP BY o.id, o.position, o.title, o.kind, o.duration_seconds
            ORDER BY o.position
            """)
    List<LessonFunnel> funnel(@Bind("courseId") long courseId);

    @SqlQuery("SELECT count(*) FROM enrollments WHERE course_id = :courseId")
    long enrolled(@Bind("courseId") long courseId);
}
