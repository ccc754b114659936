package org.openlearning.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openlearning.catalog.CourseDao.CourseCard;
import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.catalog.CourseDao.InstructorRow;
import org.openlearning.catalog.CourseDao.LessonRow;
import org.openlearning.catalog.CourseDao.ModuleRow;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;

/** Browsing the published catalog (PostgreSQL-backed) and reading one course with its syllabus. */
@Service
public class Catalog {

    public static final int PAGE_SIZE = 12;
    public static final int MAX_PAGE_SIZE = 100;

    public record Query(String text, String category, Level level, String language, CourseDao.Sort sort, int page,
            int size) {

        /** Reads request parameters; a bad value is a 400 naming the parameter. */
        public static Query parse(String text, String category, String level, String language, String sort,
                Integer page, Integer size) {
            Level parsedLevel = null;
            if (level != null && !level.isBlank()) {
                parsedLevel = Level.parse(level)
                        .orElseThrow(() -> ApiException.badRequest("level", "level is one of beginner, intermediate, advanced, mixed"));
            }
            CourseDao.Sort parsedSort = CourseDao.Sort.POPULAR;
            if (sort != null && !sort.isBlank()) {
                try {
                    parsedSort = CourseDao.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("sort", "sort is one of popular, rating, newest, title");
                }
            }
            int p = page == null ? 1 : page;
            int s = size == null ? PAGE_SIZE : size;
            if (p < 1 || p > 10_000) {
                throw ApiException.badRequest("page", "page is a number from 1");
            }
            if (s < 1 || s > MAX_PAGE_SIZE) {
                throw ApiException.badRequest("size", "size is a number from 1 to " + MAX_PAGE_SIZE);
            }
            return new Query(blankToNull(text), blankToNull(category), parsedLevel,
                    blankToNull(language) == null ? null : language.strip().toLowerCase(Locale.ROOT), parsedSort, p, s);
        }
    }

    public record Page(List<CourseCard> items, int page, int size, long total) {
        public long pages() {
            return Math.max(1, (total + size - 1) / size);
        }
    }

    public record ModuleView(ModuleRow module, List<LessonRow> lessons) {
        public int seconds() {
            return lessons.stream().mapToInt(LessonRow::durationSeconds).sum();
        }
    }

    public record CourseView(CourseRow course, List<InstructorRow> instructors, List<ModuleView> modules) {
        public int lessonCount() {
            return modules.stream().mapToInt(m -> m.lessons().size()).sum();
        }

        public int seconds() {
            return modules.stream().mapToInt(ModuleView::seconds).sum();
        }
    }

    private final CourseDao courses;

    Catalog(CourseDao courses) {
        this.courses = courses;
    }

    public Page browse(Query q) {
        String level = q.level() == null ? null : q.level().name();
        List<CourseCard> items = courses.published(q.category(), level, q.language(), q.text(), q.sort().sql(),
                q.size(), (long) (q.page() - 1) * q.size());
        long total = items.size() < q.size() && q.page() == 1 ? items.size()
                : courses.countPublished(q.category(), level, q.language(), q.text());
        return new Page(items, q.page(), q.size(), total);
    }

    public List<String> categories() {
        return courses.publishedCategories();
    }

    public List<String> languages() {
        return courses.publishedLanguages();
    }

    /** A published course, or one the viewer teaches (or any, for an admin); otherwise empty. */
    public Optional<CourseView> bySlug(String slug, PlatformUser viewer) {
        return courses.findBySlug(slug).filter(c -> visible(c, viewer)).map(this::view);
    }

    public Optional<CourseView> byId(long id, PlatformUser viewer) {
        return courses.findById(id).filter(c -> visible(c, viewer)).map(this::view);
    }

    public boolean canEdit(CourseRow course, PlatformUser user) {
        return user != null && (user.isAdmin() || courses.isInstructor(course.id(), user.id()));
    }

    private boolean visible(CourseRow course, PlatformUser viewer) {
        return course.status() == CourseStatus.PUBLISHED || canEdit(course, viewer);
    }

    private CourseView view(CourseRow course) {
        Map<Long, List<LessonRow>> byModule = new LinkedHashMap<>();
        List<ModuleRow> modules = courses.modules(course.id());
        modules.forEach(m -> byModule.put(m.id(), new ArrayList<>()));
        for (LessonRow lesson : courses.lessons(course.id())) {
            byModule.computeIfAbsent(lesson.moduleId(), k -> new ArrayList<>()).add(lesson);
        }
        List<ModuleView> views = modules.stream().map(m -> new ModuleView(m, byModule.get(m.id()))).toList();
        return new CourseView(course, courses.instructors(course.id()), views);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
