package org.openlearning.catalog.web;

import java.util.HashMap;
import java.util.Map;

import org.openlearning.catalog.Catalog;
import org.openlearning.enrollment.EnrollmentDao;
import org.openlearning.identity.PlatformUser;
import org.openlearning.search.CatalogSearch;
import org.openlearning.search.CourseQuery;
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
    private final CatalogSearch search;

    CatalogPageController(Catalog catalog, EnrollmentDao enrollments, CatalogSearch search) {
        this.catalog = catalog;
        this.enrollments = enrollments;
        this.search = search;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/courses";
    }

    /**
     * The catalog: search box with suggestions, facets, sorting and paging. Bad parameters in a URL
     * (hand-edited, or from an older page) are dropped rather than shown as an error, and search
     * itself never fails the page: while OpenSearch is away the answer comes from PostgreSQL with a
     * notice.
     */
    @GetMapping("/courses")
    String courses(@RequestParam(required = false) String query, @RequestParam(required = false) String category,
            @RequestParam(required = false) String level, @RequestParam(required = false) String language,
            @RequestParam(required = false) String partner,
            @RequestParam(name = "min_rating", required = false) String minRating,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String page, Model model) {
        Map<String, String> params = new HashMap<>();
        params.put("category", category);
        params.put("level", level);
        params.put("language", language);
        params.put("partner", partner);
        params.put("min_rating", minRating);
        params.put("sort", sort);
        params.put("page", page);
        CourseQuery q = parse(query, params);
        model.addAttribute("q", q);
        model.addAttribute("result", search.search(q));
        model.addAttribute("links", new CatalogLinks(q));
        return "catalog/courses";
    }

    /** The query of these parameters, leaving out each one that cannot be used. */
    private static CourseQuery parse(String text, Map<String, String> params) {
        for (int attempt = 0; ; attempt++) {
            try {
                return CourseQuery.parse(text, params.get("category"), params.get("level"), params.get("language"),
                        params.get("partner"), params.get("min_rating"), params.get("sort"),
                        parsePage(params.get("page")), null);
            } catch (CourseQuery.Invalid e) {
                if (!params.containsKey(e.field()) || params.get(e.field()) == null || attempt > params.size()) {
                    return CourseQuery.parse(text, null, null, null, null, null, null, 1, null);
                }
                params.put(e.field(), null);
            }
        }
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
            return page == null || page.isBlank() ? 1 : Integer.valueOf(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
