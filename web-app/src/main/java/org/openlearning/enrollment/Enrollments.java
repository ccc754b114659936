package org.openlearning.enrollment;

import java.util.Optional;

import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseStatus;
import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enrolling is idempotent: a repeat, or concurrent identical requests, yield one enrollment and one id. */
@Service
public class Enrollments {

    /** The enrollment and whether this request created it. */
    public record Enrolled(EnrollmentRow enrollment, boolean created) {
    }

    private final EnrollmentDao enrollments;
    private final CourseDao courses;

    Enrollments(EnrollmentDao enrollments, CourseDao courses) {
        this.enrollments = enrollments;
        this.courses = courses;
    }

    @Transactional
    public Enrolled enroll(PlatformUser learner, long courseId) {
        courses.status(courseId)
                .filter(CourseStatus.PUBLISHED::equals)
                .orElseThrow(() -> ApiException.notFound("no published course " + courseId));
        Optional<EnrollmentRow> inserted = enrollments.insertIfAbsent(learner.id(), courseId);
        if (inserted.isPresent()) {
            enrollments.countEnrollment(courseId);
            return new Enrolled(inserted.get(), true);
        }
        // Another request enrolled first; its row is committed (the insert waited for it).
        return new Enrolled(enrollments.find(learner.id(), courseId).orElseThrow(), false);
    }

    /** The learner's own enrollment; 404 when missing, 403 when it is someone else's. */
    public EnrollmentRow own(PlatformUser user, long enrollmentId) {
        EnrollmentRow row = enrollments.findById(enrollmentId)
                .orElseThrow(() -> ApiException.notFound("no enrollment " + enrollmentId));
        if (row.userId() != user.id()) {
            throw ApiException.forbidden("this enrollment belongs to another learner");
        }
        return row;
    }
}
