package org.openlearning.video;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.openlearning.catalog.CourseDao;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;

/**
 * Who may watch a lesson's video, and the signed, expiring edge URLs they get: learners enrolled in
 * the course, its instructors and admins. Nobody else receives a URL, and the edge refuses any URL
 * it did not see signed.
 */
@Service
public class LessonPlayback {

    /** A lesson as the player needs it. */
    public record Lesson(long id, String title, long courseId, String courseTitle, String courseSlug,
            String courseStatus, String videoPrefix, int durationSeconds, List<String> renditions) {
    }

    /** What the player loads: the master playlist and the poster, both valid until {@code expiresAt}. */
    public record Playback(long lessonId, String title, String courseTitle, String courseSlug, String masterUrl,
            String posterUrl, Instant expiresAt, int durationSeconds, List<String> renditions) {
    }

    private final Jdbi jdbi;
    private final CourseDao courses;
    private final EnrollmentDao enrollments;
    private final EdgeUrls edge;
    private final EdgeProperties properties;
    private final Clock clock = Clock.systemUTC();

    LessonPlayback(Jdbi jdbi, CourseDao courses, EnrollmentDao enrollments, EdgeUrls edge,
            EdgeProperties properties) {
        this.jdbi = jdbi;
        this.courses = courses;
        this.enrollments = enrollments;
        this.edge = edge;
        this.properties = properties;
    }

    public Lesson lesson(long lessonId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT l.id, l.title, c.id AS course_id, c.title AS course_title, c.slug AS course_slug,
                       c.status AS course_status, l.video_prefix, l.duration_seconds, u.renditions
                FROM lessons l
                JOIN courses c ON c.id = l.course_id
                LEFT JOIN video_uploads u ON u.id = l.video_upload_id
                WHERE l.id = :id
                """).bind("id", lessonId).map(ConstructorMapper.of(Lesson.class)).findOne())
                .orElseThrow(() -> ApiException.notFound("No such lesson"));
    }

    /** The lesson if the viewer may watch it: 404 when they may not even see the course, 403 when not enrolled. */
    public Lesson watchable(PlatformUser viewer, long lessonId) {
        Lesson lesson = lesson(lessonId);
        if (viewer.isAdmin() || courses.isInstructor(lesson.courseId(), viewer.id())) {
            return lesson;
        }
        if (!"PUBLISHED".equals(lesson.courseStatus())) {
            throw ApiException.notFound("No such lesson");
        }
        boolean enrolled = enrollments.find(viewer.id(), lesson.courseId())
                .filter(e -> !"WITHDRAWN".equals(e.status())).isPresent();
        if (!enrolled) {
            throw ApiException.forbidden("Enroll in " + lesson.courseTitle() + " to watch its lessons");
        }
        return lesson;
    }

    /** Signed URLs of the lesson's current video; 404 while it has none. */
    public Playback playback(PlatformUser viewer, long lessonId) {
        Lesson lesson = watchable(viewer, lessonId);
        return of(lesson).orElseThrow(() -> ApiException.notFound("This lesson has no video yet"));
    }

    public Optional<Playback> of(Lesson lesson) {
        if (lesson.videoPrefix() == null) {
            return Optional.empty();
        }
        Instant expires = clock.instant().plus(properties.urlTtl());
        return Optional.of(new Playback(lesson.id(), lesson.title(), lesson.courseTitle(), lesson.courseSlug(),
                edge.sign(lesson.videoPrefix(), "master.m3u8", expires),
                edge.sign(lesson.videoPrefix(), "poster.jpg", expires), expires, lesson.durationSeconds(),
                lesson.renditions() == null ? List.of() : lesson.renditions()));
    }
}
