package org.openlearning.catalog;

import java.util.List;
import java.util.Locale;

import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.catalog.CourseDao.ModuleRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Instructors create and edit their own courses; nobody edits another's (admins may edit any). */
@Service
public class CourseEditing {

    /** The editable fields of a course. */
    public record CourseForm(String title, String summary, String description, String category, String level,
            String language, List<String> skills) {
    }

    public record LessonForm(String title, String kind, Integer durationSeconds, String body) {
    }

    private final CourseDao courses;
    private final Catalog catalog;

    CourseEditing(CourseDao courses, Catalog catalog) {
        this.courses = courses;
        this.catalog = catalog;
    }

    /** A new draft taught by {@code instructor}; returns its id. */
    @Transactional
    public long create(PlatformUser instructor, CourseForm form) {
        Valid v = validate(form);
        String base = Slugs.of(v.title);
        String slug = base;
        for (int n = 2; courses.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        long id = courses.insert(slug, v.title, v.summary, v.description, null, v.category, v.level, v.language,
                v.skills, CourseStatus.DRAFT, null, 0);
        courses.addInstructor(id, instructor.id());
        return id;
    }

    @Transactional
    public void update(PlatformUser user, long courseId, CourseForm form) {
        editable(user, courseId);
        Valid v = validate(form);
        courses.update(courseId, v.title, v.summary, v.description, v.category, v.level, v.language, v.skills);
    }

    @Transactional
    public void setStatus(PlatformUser user, long courseId, String status) {
        editable(user, courseId);
        CourseStatus target;
        try {
            target = CourseStatus.valueOf(status == null ? "" : status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "status is one of DRAFT, PUBLISHED, ARCHIVED");
        }
        if (target == CourseStatus.PUBLISHED && courses.lessons(courseId).isEmpty()) {
            throw ApiException.invalid("status", "add at least one lesson before publishing");
        }
        courses.setStatus(courseId, target);
    }

    @Transactional
    public ModuleRow addModule(PlatformUser user, long courseId, String title) {
        editable(user, courseId);
        String t = text("title", title, 300, true);
        long id = courses.addModule(courseId, t);
        courses.touch(courseId);
        return courses.findModule(id).orElseThrow();
    }

    @Transactional
    public long addLesson(PlatformUser user, long moduleId, LessonForm form) {
        ModuleRow module = courses.findModule(moduleId)
                .orElseThrow(() -> ApiException.notFound("no module " + moduleId));
        editable(user, module.courseId());
        String title = text("title", form.title(), 300, true);
        LessonKind kind;
        try {
            kind = LessonKind.valueOf(form.kind() == null ? "" : form.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("kind", "kind is one of VIDEO, READING, QUIZ, ASSIGNMENT");
        }
        int duration = form.durationSeconds() == null ? 0 : form.durationSeconds();
        if (duration < 0 || duration > 24 * 3600) {
            throw ApiException.invalid("duration_seconds", "duration is between 0 and 86400 seconds");
        }
        long id = courses.addLesson(moduleId, title, kind, duration, text("body", form.body(), 100_000, false));
        courses.touch(module.courseId());
        return id;
    }

    /** 404 when the course does not exist, 403 when the user may not edit it. */
    public CourseRow editable(PlatformUser user, long courseId) {
        CourseRow course = courses.findById(courseId)
                .orElseThrow(() -> ApiException.notFound("no course " + courseId));
        if (!catalog.canEdit(course, user)) {
            throw ApiException.forbidden("only the course's instructors may edit it");
        }
        return course;
    }

    private record Valid(String title, String summary, String description, String category, Level level,
            String language, String[] skills) {
    }

    private static Valid validate(CourseForm form) {
        String title = text("title", form.title(), 300, true);
        String summary = text("summary", form.summary(), 500, false);
        String description = text("description", form.description(), 20_000, false);
        String category = text("category", form.category(), 100, false);
        Level level = form.level() == null || form.level().isBlank() ? Level.BEGINNER
                : Level.parse(form.level()).orElseThrow(() -> ApiException.invalid("level",
                        "level is one of BEGINNER, INTERMEDIATE, ADVANCED, MIXED"));
        String language = form.language() == null || form.language().isBlank() ? "en"
                : form.language().strip().toLowerCase(Locale.ROOT);
        if (!language.matches("[a-z]{2}")) {
            throw ApiException.invalid("language", "language is a two-letter ISO 639-1 code such as en or es");
        }
        List<String> skills = form.skills() == null ? List.of()
                : form.skills().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (skills.size() > 30 || skills.stream().anyMatch(s -> s.length() > 100)) {
            throw ApiException.invalid("skills", "at most 30 skills of at most 100 characters each");
        }
        return new Valid(title, summary, description, category, level, language, skills.toArray(String[]::new));
    }

    /**
     * A text field of course content as stored: stripped, null when empty; 422 naming {@code field}
     * when it is required and empty or longer than {@code max}.
     */
    public static String text(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw ApiException.invalid(field, field + " is required");
        }
        if (v.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
        return v.isEmpty() ? null : v;
    }
}
