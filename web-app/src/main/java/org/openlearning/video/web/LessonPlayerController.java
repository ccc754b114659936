package org.openlearning.video.web;

import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseDao.LessonRow;
import org.openlearning.catalog.LessonKind;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.LearnerProgress;
import org.openlearning.progress.ProgressDao.LessonProgress;
import org.openlearning.quiz.QuizDao;
import org.openlearning.video.LessonPlayback;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The lesson page, for whoever may watch: hls.js through the edge for videos, the text of other
 * lessons. An enrolled learner's page carries their enrollment and where they left off, so the page
 * resumes there and reports progress; instructors and admins previewing the course report nothing.
 * A quiz lesson's page is where its quiz is taken ({@code quiz.js}).
 */
@Controller
class LessonPlayerController {

    private final LessonPlayback playback;
    private final CourseDao courses;
    private final EnrollmentDao enrollments;
    private final LearnerProgress progress;
    private final QuizDao quizzes;

    LessonPlayerController(LessonPlayback playback, CourseDao courses, EnrollmentDao enrollments,
            LearnerProgress progress, QuizDao quizzes) {
        this.playback = playback;
        this.courses = courses;
        this.enrollments = enrollments;
        this.progress = progress;
        this.quizzes = quizzes;
    }

    @GetMapping("/learn/lessons/{lessonId}")
    String player(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId, Model model) {
        LessonPlayback.Lesson lesson;
        try {
            lesson = playback.watchable(user, lessonId);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                LessonPlayback.Lesson visible = playback.lesson(lessonId);
                return "redirect:/courses/" + visible.courseSlug() + "?enroll=required";
            }
            throw new ResponseStatusException(e.status());
        }
        LessonRow row = null;
        LessonRow next = null;
        for (LessonRow r : courses.lessons(lesson.courseId())) {
            if (row != null) {
                next = r;
                break;
            }
            if (r.id() == lessonId) {
                row = r;
            }
        }
        Long enrollmentId = enrollments.find(user.id(), lesson.courseId())
                .filter(e -> !"WITHDRAWN".equals(e.status())).map(EnrollmentRow::id).orElse(null);
        LessonProgress place = enrollmentId == null ? null : progress.lesson(enrollmentId, lessonId);

        model.addAttribute("lesson", lesson);
        model.addAttribute("row", row);
        model.addAttribute("video", row.kind() == LessonKind.VIDEO);
        model.addAttribute("next", next);
        model.addAttribute("playback", playback.of(lesson).orElse(null));
        model.addAttribute("enrollmentId", enrollmentId);
        model.addAttribute("resumeSeconds", place == null ? 0 : place.watchedSeconds());
        model.addAttribute("completed", place != null && place.completed());
        // a quiz lesson with a quiz is taken (and completed by passing it) on this page
        model.addAttribute("quizId", row.kind() == LessonKind.QUIZ
                ? quizzes.findByLesson(lessonId).map(QuizDao.QuizRow::id).orElse(null) : null);
        return "learn/lesson";
    }
}
