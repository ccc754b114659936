package org.openlearning.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openlearning.catalog.CourseDao.CourseRow;
import org.openlearning.catalog.CourseDao.InstructorRow;
import org.openlearning.catalog.CourseDao.LessonRow;
import org.openlearning.catalog.CourseDao.ModuleRow;
import org.openlearning.identity.PlatformUser;
import org.springframework.stereotype.Service;

/**
 * Reading one course with its syllabus, as the catalog shows it. Lists of courses (search, filters,
 * facets) come from {@link org.openlearning.search.CatalogSearch}.
 */
@Service
public class Catalog {

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
}
