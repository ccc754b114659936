package org.openlearning.progress.web;

import java.util.List;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.CourseAnalytics;
import org.openlearning.progress.ProgressDao.LessonFunnel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The instructor's view of a course's funnel: where learners start, finish and stop. */
@Controller
class ProgressPageController {

    /** One lesson as the page shows it: bar widths in percent of the funnel's largest count, text for the rest. */
    record Row(LessonFunnel lesson, long startedWidth, long completedWidth, String completionRate, String medianStop) {

        static Row of(LessonFunnel lesson, long scale) {
            String rate = lesson.started() == 0 ? "—" : Math.round(100.0 * lesson.completed() / lesson.started()) + " %";
            String median = "VIDEO".equals(lesson.kind()) && lesson.medianStopSeconds() != null
                    ? clock(Math.round(lesson.medianStopSeconds())) : "—";
            return new Row(lesson, Math.round(100.0 * lesson.started() / scale),
                    Math.round(100.0 * lesson.completed() / scale), rate, median);
        }

        private static String clock(long seconds) {
            return "%d:%02d".formatted(seconds / 60, seconds % 60);
        }
    }

    private final CourseAnalytics analytics;

    ProgressPageController(CourseAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/teach/courses/{courseId}/analytics")
    String analytics(@AuthenticationPrincipal PlatformUser user, @PathVariable long courseId, Model model) {
        CourseAnalytics.Report report;
        try {
            report = analytics.report(user, courseId);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status());
        }
        List<Row> rows = report.lessons().stream().map(l -> Row.of(l, report.scale())).toList();
        model.addAttribute("report", report);
        model.addAttribute("rows", rows);
        return "teach/analytics";
    }
}
