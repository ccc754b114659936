package org.openlearning.enrollment;

import java.time.Duration;
import java.util.Optional;

import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Enrollments as the hot API paths (progress reports, quiz attempts) look them up: through
 * short-lived in-process caches, so that a learner's burst of requests costs one query. A status
 * change (withdrawal) is seen within {@code platform.progress.lookup-cache-ttl}. Who is not enrolled
 * is not cached: enrolling takes effect at once.
 */
@Component
public class EnrollmentLookup {

    private record Learner(long userId, long courseId) {
    }

    private final EnrollmentDao enrollments;
    private final Cache<Long, Optional<EnrollmentRow>> byId;
    private final Cache<Learner, EnrollmentRow> byLearner;

    EnrollmentLookup(EnrollmentDao enrollments,
            @Value("${platform.progress.lookup-cache-ttl:60s}") Duration ttl) {
        this.enrollments = enrollments;
        this.byId = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(ttl).build();
        this.byLearner = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(ttl).build();
    }

    public Optional<EnrollmentRow> byId(long enrollmentId) {
        return byId.get(enrollmentId, enrollments::findById);
    }

    /** The learner's enrollment in the course, unless it was withdrawn. */
    public Optional<EnrollmentRow> active(long userId, long courseId) {
        Learner key = new Learner(userId, courseId);
        EnrollmentRow row = byLearner.getIfPresent(key);
        if (row == null) {
            row = enrollments.find(userId, courseId).orElse(null);
            if (row != null) {
                byLearner.put(key, row);
            }
        }
        return Optional.ofNullable(row).filter(r -> !"WITHDRAWN".equals(r.status()));
    }
}
