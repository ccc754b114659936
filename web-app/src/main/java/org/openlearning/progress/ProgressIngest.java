package org.openlearning.progress;

import java.time.Clock;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.catalog.LessonKind;
import org.openlearning.catalog.LessonLookup;
import org.openlearning.catalog.LessonLookup.LessonInfo;
import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.openlearning.enrollment.EnrollmentLookup;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;

/**
 * Accepts a progress report: checks who sends it and that the values are sane, then appends it to
 * the Redis stream of its shard ({@code BUFFERED}: the compaction job will apply it), or, while Redis
 * is unreachable, applies it to PostgreSQL at once with the same upsert ({@code APPLIED}).
 * Enrollments ({@link EnrollmentLookup}) and lessons ({@link LessonLookup}) are looked up through
 * short-lived in-process caches: this is the hottest write path of the platform.
 */
@Service
public class ProgressIngest {

    /** Lessons may be reported a little past their end (players round up, clocks drift). */
    static final int SLACK_SECONDS = 5;

    public enum Stored { BUFFERED, APPLIED }

    public record Accepted(ProgressEvent event, Stored stored) {
    }

    private final EnrollmentLookup enrollments;
    private final Jdbi jdbi;
    private final ProgressBuffer buffer;
    private final ProgressWriter writer;
    private final LessonLookup lessons;
    private final Clock clock = Clock.systemUTC();

    ProgressIngest(EnrollmentLookup enrollments, LessonLookup lessons, Jdbi jdbi, ProgressBuffer buffer,
            ProgressWriter writer) {
        this.enrollments = enrollments;
        this.jdbi = jdbi;
        this.buffer = buffer;
        this.writer = writer;
        this.lessons = lessons;
    }

    /**
     * @param watchedSeconds how far into a video the learner is (null for other lessons)
     * @param completed      whether the learner finished the lesson (null: unchanged)
     */
    public Accepted report(PlatformUser user, long enrollmentId, long lessonId, Double watchedSeconds,
            Boolean completed) {
        EnrollmentRow enrollment = ownEnrollment(user, enrollmentId);
        LessonInfo lesson = lessons.find(lessonId).filter(l -> l.courseId() == enrollment.courseId())
                .orElseThrow(() -> ApiException.notFound("no lesson " + lessonId + " in this enrollment's course"));
        int watched = validWatched(lesson, watchedSeconds, completed);
        ProgressEvent event = new ProgressEvent(enrollmentId, lessonId, watched, Boolean.TRUE.equals(completed),
                clock.millis());
        if (buffer.append(event)) {
            return new Accepted(event, Stored.BUFFERED);
        }
        writer.announce(jdbi.inTransaction(h -> writer.apply(h, List.of(event))));
        return new Accepted(event, Stored.APPLIED);
    }

    /** The caller's own, active enrollment: 404 when missing, 403 when someone else's or withdrawn. */
    public EnrollmentRow ownEnrollment(PlatformUser user, long enrollmentId) {
        EnrollmentRow row = enrollments.byId(enrollmentId)
                .orElseThrow(() -> ApiException.notFound("no enrollment " + enrollmentId));
        if (row.userId() != user.id()) {
            throw ApiException.forbidden("this enrollment belongs to another learner");
        }
        if ("WITHDRAWN".equals(row.status())) {
            throw ApiException.forbidden("this enrollment was withdrawn");
        }
        return row;
    }

    private static int validWatched(LessonInfo lesson, Double watchedSeconds, Boolean completed) {
        if (watchedSeconds == null && completed == null) {
            throw ApiException.invalid("watched_seconds", "send watched_seconds, completed, or both");
        }
        if (lesson.graded() && Boolean.TRUE.equals(completed)) {
            throw ApiException.invalid("completed", "a " + lesson.kind().name().toLowerCase()
                    + " lesson is completed by passing it");
        }
        if (lesson.kind() != LessonKind.VIDEO) {
            if (watchedSeconds != null) {
                throw ApiException.invalid("watched_seconds", "a " + lesson.kind().name().toLowerCase()
                        + " lesson has no watched_seconds; send completed only");
            }
            return 0;
        }
        if (watchedSeconds == null) {
            return 0;
        }
        int limit = lesson.durationSeconds() + SLACK_SECONDS;
        if (watchedSeconds < 0 || watchedSeconds > limit) {
            throw ApiException.invalid("watched_seconds",
                    "watched_seconds must be within 0 and " + limit + " for this lesson");
        }
        return (int) Math.floor(watchedSeconds);
    }
}
