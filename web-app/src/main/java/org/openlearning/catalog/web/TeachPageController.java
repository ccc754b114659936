package org.openlearning.catalog.web;

import java.util.Arrays;
import java.util.List;

import org.openlearning.catalog.Catalog;
import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.catalog.CourseEditing;
import org.openlearning.catalog.CourseEditing.CourseForm;
import org.openlearning.catalog.CourseEditing.LessonForm;
import org.openlearning.catalog.LessonKind;
import org.openlearning.catalog.Level;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The instructor's pages: their courses, a new course, and the course editor with its syllabus. */
@Controller
class TeachPageController {

    private final CourseDao courses;
    private final Catalog catalog;
    private final CourseEditing editing;

    TeachPageController(CourseDao courses, Catalog catalog, CourseEditing editing) {
        this.courses = courses;
        this.catalog = catalog;
        this.editing = editing;
    }

    @GetMapping("/teach")
    String teach(@AuthenticationPrincipal PlatformUser user, Model model) {
        model.addAttribute("courses", courses.taughtBy(user.id()));
        return "teach/courses";
    }

    @GetMapping("/teach/courses/new")
    String newCourse(Model model) {
        model.addAttribute("levels", Level.values());
        return "teach/new-course";
    }

    @PostMapping("/teach/courses")
    String create(@AuthenticationPrincipal PlatformUser user, @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String summary, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String level,
            @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "") String skills,
            Model model) {
        try {
            long id = editing.create(user,
                    new CourseForm(title, summary, description, category, level, language, splitSkills(skills)));
            return "redirect:/teach/courses/" + id;
        } catch (ApiException e) {
            model.addAttribute("levels", Level.values());
            model.addAttribute("error", e.getMessage());
            return "teach/new-course";
        }
    }

    @GetMapping("/teach/courses/{id}")
    String edit(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, Model model) {
        CourseRow course = editableOr404(user, id);
        model.addAttribute("view", catalog.byId(course.id(), user).orElseThrow());
        model.addAttribute("levels", Level.values());
        model.addAttribute("kinds", LessonKind.values());
        return "teach/edit-course";
    }

    @PostMapping("/teach/courses/{id}")
    String update(@AuthenticationPrincipal PlatformUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String summary,
            @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String category,
            @RequestParam(defaultValue = "") String level, @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "") String skills, RedirectAttributes redirect) {
        return outcome(redirect, id, "Saved.", () -> editing.update(user, id,
                new CourseForm(title, summary, description, category, level, language, splitSkills(skills))));
    }

    @PostMapping("/teach/courses/{id}/status")
    String status(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, @RequestParam String status,
            RedirectAttributes redirect) {
        return outcome(redirect, id, "Status changed to " + status + ".", () -> editing.setStatus(user, id, status));
    }

    @PostMapping("/teach/courses/{id}/modules")
    String addModule(@AuthenticationPrincipal PlatformUser user, @PathVariable long id,
            @RequestParam(defaultValue = "") String title, RedirectAttributes redirect) {
        return outcome(redirect, id, "Module added.", () -> editing.addModule(user, id, title));
    }

    @PostMapping("/teach/modules/{moduleId}/lessons")
    String addLesson(@AuthenticationPrincipal PlatformUser user, @PathVariable long moduleId,
            @RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "VIDEO") String kind,
            @RequestParam(name = "duration_minutes", defaultValue = "0") int minutes,
            @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        long courseId = courses.findModule(moduleId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).courseId();
        return outcome(redirect, courseId, "Lesson added.",
                () -> editing.addLesson(user, moduleId, new LessonForm(title, kind, minutes * 60, body)));
    }

    /**
     * Runs an edit and comes back to the editor with a notice or the reason it was refused; a course
     * that is missing or not the user's is the error page, as for {@link #edit}.
     */
    private String outcome(RedirectAttributes redirect, long courseId, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(e.status());
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/teach/courses/" + courseId;
    }

    private CourseRow editableOr404(PlatformUser user, long id) {
        try {
            return editing.editable(user, id);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status());
        }
    }

    private static List<String> splitSkills(String skills) {
        return Arrays.stream(skills.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
