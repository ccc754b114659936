package org.openlearning.enrollment.web;

import org.openlearning.catalog.CourseDao;
import org.openlearning.enrollment.Enrollments;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.LearnerProgress;
import org.openlearning.progress.ProgressDao;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My learning" with each course's progress and the learner's notifications, and the Enroll button of a course page. */
@Controller
class MyLearningPageController {

    private final Enrollments enrolling;
    private final CourseDao courses;
    private final LearnerProgress progress;
    private final ProgressDao notifications;

    MyLearningPageController(Enrollments enrolling, CourseDao courses, LearnerProgress progress,
            ProgressDao notifications) {
        this.enrolling = enrolling;
        this.courses = courses;
        this.progress = progress;
        this.notifications = notifications;
    }

    @GetMapping("/my-learning")
    String myLearning(@AuthenticationPrincipal PlatformUser user, Model model) {
        model.addAttribute("dashboard", progress.dashboard(user.id()));
        return "enrollment/my-learning";
    }

    @PostMapping("/my-learning/notifications/read")
    String markNotificationsRead(@AuthenticationPrincipal PlatformUser user) {
        notifications.markNotificationsRead(user.id());
        return "redirect:/my-learning";
    }

    @PostMapping("/courses/{slug}/enroll")
    String enroll(@AuthenticationPrincipal PlatformUser user, @PathVariable String slug, RedirectAttributes redirect) {
        long courseId = courses.findBySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).id();
        try {
            Enrollments.Enrolled result = enrolling.enroll(user, courseId);
            redirect.addFlashAttribute("notice", result.created() ? "You are enrolled." : "You were already enrolled.");
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status());
        }
        return "redirect:/my-learning";
    }
}
