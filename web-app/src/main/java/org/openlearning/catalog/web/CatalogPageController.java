package org.openlearning.catalog.web;

import org.openlearning.catalog.Catalog;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The catalog as learners see it: the course list with filters, and a course's own page. */
@Controller
class CatalogPageController {

    private final Catalog catalog;
    private final EnrollmentDao enrollments;

    CatalogPageController(Catalog catalog, EnrollmentDao enrollments) {
        this.catalog = catalog;
        this.enrollments = enrollments;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/courses";
    }

    @GetMapping("/courses")
    String courses(@RequestParam(required = false) String query, @RequestParam(required = false) String category,
            @RequestParam(required = false) String level, @RequestParam(required = false) String language,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String page, Model model) {
        Catalog.Query q;
        try {
            q = Catalog.Query.parse(query, category, level, language, sort, parsePage(page), null);
        } catch (ApiException e) {
            q = Catalog.Query.parse(query, category, null, language, null, 1, null); // ignore a bad filter
        }
        model.addAttribute("q", q);
        model.addAttribute("result", catalog.browse(q));
        model.addAttribute("categories", catalog.categories());
        model.addAttribute("languages", catalog.languages());
        return "catalog/courses";
    }

    @GetMapping("/courses/{slug}")
    String course(@PathVariable String slug, @AuthenticationPrincipal PlatformUser user, Model model) {
        Catalog.CourseView view = catalog.bySlug(slug, user)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("view", view);
        model.addAttribute("canEdit", catalog.canEdit(view.course(), user));
        model.addAttribute("enrollment",
                user == null ? null : enrollments.find(user.id(), view.course().id()).orElse(null));
        return "catalog/course";
    }

    /** Where "sign in to enroll" leads back to after signing in. */
    @GetMapping("/courses/{slug}/enroll")
    String enrollAfterSignIn(@PathVariable String slug) {
        return "redirect:/courses/" + slug;
    }

    private static Integer parsePage(String page) {
        try {
            return page == null ? 1 : Integer.valueOf(page);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
