package org.openlearning.progress;

import java.util.List;

import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.ProgressDao.LessonFunnel;
import org.springframework.stereotype.Service;

/** Per-lesson funnel of a course, for its own instructors (and admins) only. */
@Service
public class CourseAnalytics {

    public record Report(long courseId, String slug, String title, long enrolled, List<LessonFunnel> lessons) {

        /** The largest count of the funnel, for scaling its bars. */
        public long scale() {
            return Math.max(1, lessons.stream().mapToLong(LessonFunnel::started).max().orElse(0));
        }
    }

    private final CourseDao courses;
    private final ProgressDao progress;

    CourseAnalytics(CourseDao courses, ProgressDao progress) {
        this.courses = courses;
        this.progress = progress;
    }

    /** 404 when the course does not exist, 403 when the viewer does not teach it. */
    public Report report(PlatformUser viewer, long courseId) {
        CourseRow course = courses.findById(courseId).orElseThrow(() -> ApiException.notFound("no course " + courseId));
        if (!viewer.isAdmin() && !courses.isInstructor(courseId, viewer.id())) {
            throw ApiException.forbidden("only the course's instructors see its analytics");
        }
        return new Report(course.id(), course.slug(), course.title(), progress.enrolled(courseId),
                progress.funnel(courseId));
    }
}
