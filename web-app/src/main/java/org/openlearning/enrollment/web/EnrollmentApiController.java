package org.openlearning.enrollment.web;

import java.time.Instant;
import java.util.List;

import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.openlearning.enrollment.EnrollmentDao.MyCourse;
import org.openlearning.enrollment.Enrollments;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EnrollmentApiController {

    record EnrollRequest(Long courseId) {
    }

    record Enrollment(long id, long courseId, long userId, String status, Instant enrolledAt) {
        static Enrollment of(EnrollmentRow row) {
            return new Enrollment(row.id(), row.courseId(), row.userId(), row.status(), row.enrolledAt());
        }
    }

    private final Enrollments enrollments;
    private final EnrollmentDao dao;

    EnrollmentApiController(Enrollments enrollments, EnrollmentDao dao) {
        this.enrollments = enrollments;
        this.dao = dao;
    }

    /** 201 with the new enrollment, or 200 with the existing one. */
    @PostMapping("/api/enrollments")
    ResponseEntity<Enrollment> enroll(@AuthenticationPrincipal PlatformUser user,
            @RequestBody(required = false) EnrollRequest body) {
        if (body == null || body.courseId() == null) {
            throw ApiException.invalid("course_id", "course_id is required");
        }
        Enrollments.Enrolled result = enrollments.enroll(user, body.courseId());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Enrollment.of(result.enrollment()));
    }

    @GetMapping("/api/enrollments")
    List<MyCourse> mine(@AuthenticationPrincipal PlatformUser user) {
        return dao.coursesOf(user.id());
    }

    @GetMapping("/api/enrollments/{id}")
    Enrollment one(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        return Enrollment.of(enrollments.own(user, id));
    }
}
