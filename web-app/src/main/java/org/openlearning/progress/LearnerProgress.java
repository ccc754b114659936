package org.openlearning.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseDao.LessonRow;
import org.openlearning.catalog.LessonKind;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.enrollment.EnrollmentDao.MyCourse;
import org.openlearning.progress.ProgressDao.LessonProgress;
import org.openlearning.progress.ProgressDao.Milestone;
import org.openlearning.progress.ProgressDao.Notification;
import org.springframework.stereotype.Service;

/**
 * What a learner sees of their progress. PostgreSQL holds what the compaction applied; the Redis
 * cache holds what the API accepted a moment ago; both only move forward, so the view is the
 * larger of the two and is fresh the moment a report is accepted.
 */
@Service
public class LearnerProgress {

    public record LessonState(long lessonId, int position, String title, LessonKind kind, int durationSeconds,
            int watchedSeconds, boolean completed) {

        public boolean started() {
            return completed || watchedSeconds > 0;
        }
    }

    public record CourseProgress(long enrollmentId, long courseId, String slug, String title, String partnerName,
            String status, List<LessonState> lessons, int lessonsCompleted, int percent, LessonState next,
            List<Integer> milestones) {
    }

    public record Dashboard(List<CourseProgress> courses, List<Notification> notifications, int unread) {
    }

    private final EnrollmentDao enrollments;
    private final CourseDao courses;
    private final ProgressDao progress;
    private final ProgressBuffer buffer;

    LearnerProgress(EnrollmentDao enrollments, CourseDao courses, ProgressDao progress, ProgressBuffer buffer) {
        this.enrollments = enrollments;
        this.courses = courses;
        this.progress = progress;
        this.buffer = buffer;
    }

    public Dashboard dashboard(long userId) {
        Map<Long, List<Integer>> milestones = new HashMap<>();
        for (Milestone m : progress.milestonesOf(userId)) {
            milestones.computeIfAbsent(m.enrollmentId(), k -> new ArrayList<>()).add(m.percent());
        }
        List<CourseProgress> list = new ArrayList<>();
        for (MyCourse course : enrollments.coursesOf(userId)) {
            list.add(of(course, milestones.getOrDefault(course.enrollmentId(), List.of())));
        }
        return new Dashboard(list, progress.notifications(userId, 10), progress.unreadNotifications(userId));
    }

    /** One enrollment's progress; the caller has checked it is the viewer's. */
    public CourseProgress course(long userId, long enrollmentId) {
        MyCourse course = enrollments.coursesOf(userId).stream()
                .filter(c -> c.enrollmentId() == enrollmentId).findFirst().orElseThrow();
        List<Integer> reached = progress.milestonesOf(userId).stream()
                .filter(m -> m.enrollmentId() == enrollmentId).map(Milestone::percent).toList();
        return of(course, reached);
    }

    /** Where a learner is in one lesson, freshest first; zero when never reported. */
    public LessonProgress lesson(long enrollmentId, long lessonId) {
        LessonProgress cached = buffer.cached(enrollmentId).get(lessonId);
        LessonProgress stored = progress.lesson(enrollmentId, lessonId).orElse(null);
        return max(lessonId, stored, cached);
    }

    private CourseProgress of(MyCourse course, List<Integer> milestones) {
        Map<Long, LessonProgress> stored = new HashMap<>();
        for (LessonProgress p : progress.lessons(course.enrollmentId())) {
            stored.put(p.lessonId(), p);
        }
        Map<Long, LessonProgress> cached = buffer.cached(course.enrollmentId());
        List<LessonState> lessons = new ArrayList<>();
        int position = 0;
        int done = 0;
        for (LessonRow row : courses.lessons(course.courseId())) {
            LessonProgress p = max(row.id(), stored.get(row.id()), cached.get(row.id()));
            lessons.add(new LessonState(row.id(), ++position, row.title(), row.kind(), row.durationSeconds(),
                    p.watchedSeconds(), p.completed()));
            done += p.completed() ? 1 : 0;
        }
        int percent = lessons.isEmpty() ? 0 : (int) Math.floor(100.0 * done / lessons.size());
        return new CourseProgress(course.enrollmentId(), course.courseId(), course.slug(), course.title(),
                course.partnerName(), course.status(), lessons, done, percent, next(lessons), milestones);
    }

    /**
     * The lesson to continue: the furthest lesson the learner has touched if it is unfinished, else
     * the first unfinished one after it, else the first unfinished one at all; null when all are done.
     */
    static LessonState next(List<LessonState> lessons) {
        int furthest = -1;
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).started()) {
                furthest = i;
            }
        }
        if (furthest >= 0 && !lessons.get(furthest).completed()) {
            return lessons.get(furthest);
        }
        for (int i = furthest + 1; i < lessons.size(); i++) {
            if (!lessons.get(i).completed()) {
                return lessons.get(i);
            }
        }
        return lessons.stream().filter(l -> !l.completed()).findFirst().orElse(null);
    }

    private static LessonProgress max(long lessonId, LessonProgress a, LessonProgress b) {
        if (a == null && b == null) {
            return new LessonProgress(lessonId, 0, false, null);
        }
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new LessonProgress(lessonId, Math.max(a.watchedSeconds(), b.watchedSeconds()),
                a.completed() || b.completed(), a.lastWatchedAt() != null ? a.lastWatchedAt() : b.lastWatchedAt());
    }
}
