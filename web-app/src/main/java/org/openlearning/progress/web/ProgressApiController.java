package org.openlearning.progress.web;

import java.time.Instant;

import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.CourseAnalytics;
import org.openlearning.progress.LearnerProgress;
import org.openlearning.progress.LearnerProgress.CourseProgress;
import org.openlearning.progress.ProgressDao.LessonProgress;
import org.openlearning.progress.ProgressIngest;
import org.openlearning.progress.ProgressIngest.Accepted;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProgressApiController {

    /** The player's report; {@code watched_seconds} may carry a fraction, it is rounded down. */
    record Report(Double watchedSeconds, Boolean completed) {
    }

    /** {@code stored}: BUFFERED (202, applied within seconds) or APPLIED (200, Redis was unreachable). */
    record Receipt(long enrollmentId, long lessonId, int watchedSeconds, boolean completed, Instant acceptedAt,
            ProgressIngest.Stored stored) {

        static Receipt of(Accepted accepted) {
            var event = accepted.event();
            return new Receipt(event.enrollmentId(), event.lessonId(), event.watchedSeconds(), event.completed(),
                    event.acceptedAt(), accepted.stored());
        }
    }

    /** 202 when buffered (applied within seconds), 200 when already applied. */
    static HttpStatus status(Accepted accepted) {
        return accepted.stored() == ProgressIngest.Stored.BUFFERED ? HttpStatus.ACCEPTED : HttpStatus.OK;
    }

    private final ProgressIngest ingest;
    private final LearnerProgress progress;
    private final CourseAnalytics analytics;

    ProgressApiController(ProgressIngest ingest, LearnerProgress progress, CourseAnalytics analytics) {
        this.ingest = ingest;
        this.progress = progress;
        this.analytics = analytics;
    }

    /**
     * A report from a browser (session and CSRF token), or any other the direct API lane leaves to
     * the general chain; token-bearing reports are answered there ({@link ProgressReportRoute}) alike.
     */
    @PutMapping("/api/progress/{enrollmentId}/lessons/{lessonId}")
    ResponseEntity<Receipt> report(@AuthenticationPrincipal PlatformUser user, @PathVariable long enrollmentId,
            @PathVariable long lessonId, @RequestBody(required = false) Report body) {
        return answer(ingest, user, enrollmentId, lessonId, body);
    }

    static ResponseEntity<Receipt> answer(ProgressIngest ingest, PlatformUser user, long enrollmentId, long lessonId,
            Report body) {
        Report report = body == null ? new Report(null, null) : body;
        Accepted accepted = ingest.report(user, enrollmentId, lessonId, report.watchedSeconds(), report.completed());
        return ResponseEntity.status(status(accepted)).body(Receipt.of(accepted));
    }

    @GetMapping("/api/progress/{enrollmentId}")
    CourseProgress course(@AuthenticationPrincipal PlatformUser user, @PathVariable long enrollmentId) {
        ingest.ownEnrollment(user, enrollmentId);
        return progress.course(user.id(), enrollmentId);
    }

    @GetMapping("/api/progress/{enrollmentId}/lessons/{lessonId}")
    LessonProgress lesson(@AuthenticationPrincipal PlatformUser user, @PathVariable long enrollmentId,
            @PathVariable long lessonId) {
        ingest.ownEnrollment(user, enrollmentId);
        return progress.lesson(enrollmentId, lessonId);
    }

    @GetMapping("/api/courses/{courseId}/analytics")
    CourseAnalytics.Report analytics(@AuthenticationPrincipal PlatformUser user, @PathVariable long courseId) {
        return analytics.report(user, courseId);
    }
}
