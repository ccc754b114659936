package org.openlearning.catalog.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.openlearning.catalog.Catalog;
import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.catalog.CourseDao.ModuleRow;
import org.openlearning.catalog.CourseEditing;
import org.openlearning.catalog.CourseEditing.CourseForm;
import org.openlearning.catalog.CourseEditing.LessonForm;
import org.openlearning.catalog.CourseStatus;
import org.openlearning.catalog.Level;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.search.CatalogSearch;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.CourseSearch;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog over the JSON API: browse (public) and author (instructors, own courses only). */
@RestController
class CourseApiController {

    record Lesson(long id, int position, String title, String kind, int durationSeconds) {
    }

    record Module(long id, int position, String title, List<Lesson> lessons) {
    }

    record Course(long id, String slug, String title, String summary, String description, String partner,
            String category, Level level, String language, List<String> skills, CourseStatus status,
            BigDecimal rating, long enrollmentCount, List<String> instructors, List<Module> modules,
            Instant updatedAt) {
    }

    record StatusChange(String status) {
    }

    record NewModule(String title) {
    }

    record Created(long id) {
    }

    private final Catalog catalog;
    private final CourseEditing editing;
    private final CatalogSearch search;

    CourseApiController(Catalog catalog, CourseEditing editing, CatalogSearch search) {
        this.catalog = catalog;
        this.editing = editing;
        this.search = search;
    }

    /**
     * Search and browse the published catalog: OpenSearch, or PostgreSQL while it is away ({@code source}
     * and {@code notice} tell which). A parameter that cannot be used is a 400 naming it.
     */
    @GetMapping(path = "/api/courses", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] browse(@RequestParam(required = false) String query, @RequestParam(required = false) String category,
            @RequestParam(required = false) String level, @RequestParam(required = false) String language,
            @RequestParam(required = false) String partner,
            @RequestParam(name = "min_rating", required = false) String minRating,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        CourseQuery q;
        try {
            q = CourseQuery.parse(query, category, level, language, partner, minRating, sort, page, size);
        } catch (CourseQuery.Invalid e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
        return search.searchJson(q); // an org.openlearning.search.SearchAnswer
    }

    /** Published courses whose title completes what is being typed in the search box. */
    @GetMapping("/api/courses/suggest")
    List<CourseSearch.Suggestion> suggest(@RequestParam(required = false) String q) {
        return search.suggest(q);
    }

    @GetMapping("/api/courses/{id}")
    Course course(@PathVariable long id, @AuthenticationPrincipal PlatformUser user) {
        return catalog.byId(id, user).map(CourseApiController::toJson)
                .orElseThrow(() -> ApiException.notFound("no published course " + id));
    }

    @PostMapping("/api/courses")
    ResponseEntity<Course> create(@AuthenticationPrincipal PlatformUser user, @RequestBody CourseForm form) {
        return ResponseEntity.status(HttpStatus.CREATED).body(full(editing.create(user, form), user));
    }

    @PutMapping("/api/courses/{id}")
    Course update(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, @RequestBody CourseForm form) {
        editing.update(user, id, form);
        return full(id, user);
    }

    @PostMapping("/api/courses/{id}/status")
    Course status(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, @RequestBody StatusChange body) {
        editing.setStatus(user, id, body.status());
        return full(id, user);
    }

    @PostMapping("/api/courses/{id}/modules")
    ResponseEntity<Created> addModule(@AuthenticationPrincipal PlatformUser user, @PathVariable long id,
            @RequestBody NewModule body) {
        ModuleRow module = editing.addModule(user, id, body.title());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(module.id()));
    }

    @PostMapping("/api/modules/{id}/lessons")
    ResponseEntity<Created> addLesson(@AuthenticationPrincipal PlatformUser user, @PathVariable long id,
            @RequestBody LessonForm body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(editing.addLesson(user, id, body)));
    }

    private Course full(long id, PlatformUser user) {
        return catalog.byId(id, user).map(CourseApiController::toJson).orElseThrow();
    }

    private static Course toJson(Catalog.CourseView view) {
        CourseRow c = view.course();
        List<Module> modules = view.modules().stream()
                .map(m -> new Module(m.module().id(), m.module().position(), m.module().title(),
                        m.lessons().stream().map(l -> new Lesson(l.id(), l.position(), l.title(), l.kind().name(),
                                l.durationSeconds())).toList()))
                .toList();
        return new Course(c.id(), c.slug(), c.title(), c.summary(), c.description(), c.partnerName(), c.category(),
                c.level(), c.language(), c.skills(), c.status(), c.rating(), c.enrollmentCount(),
                view.instructors().stream().map(i -> i.displayName()).toList(), modules, c.updatedAt());
    }
}
