package org.openlearning.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.assessment.code.AssignmentAuthoring;
import org.openlearning.assessment.code.AssignmentAuthoring.Form;
import org.openlearning.assessment.code.AssignmentAuthoring.LanguageForm;
import org.openlearning.assessment.code.AssignmentAuthoring.TestForm;
import org.openlearning.assessment.code.CodeAssignmentDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --platform.task=demo-data}, after the catalog: programming assignments of demo lessons
 * ({@code demo/assignments.json}: statement, starter code in every language, visible and hidden
 * tests). An assignment that exists is left as it is.
 */
@Component
@ConditionalOnProperty(name = "platform.task", havingValue = "demo-data")
@Order(1)
class DemoAssignments implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAssignments.class);

    record Assignment(String courseSlug, String lessonTitle, String statement, Integer passingPercent,
            Integer timeLimitMs, Integer memoryMb, List<LanguageForm> languages, List<TestForm> tests) {
    }

    record Assignments(List<Assignment> assignments) {
    }

    private final Jdbi jdbi;
    private final CodeAssignmentDao assignments;
    private final AssignmentAuthoring authoring;
    private final JsonMapper json;

    DemoAssignments(Jdbi jdbi, CodeAssignmentDao assignments, AssignmentAuthoring authoring, JsonMapper json) {
        this.jdbi = jdbi;
        this.assignments = assignments;
        this.authoring = authoring;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Assignments demo;
        try (InputStream in = new ClassPathResource("demo/assignments.json").getInputStream()) {
            demo = json.readValue(in, Assignments.class);
        }
        int created = 0;
        for (Assignment a : demo.assignments()) {
            Optional<Long> lesson = jdbi.withHandle(h -> h.createQuery("""
                    SELECT l.id FROM lessons l JOIN courses c ON c.id = l.course_id
                    WHERE c.slug = :slug AND l.title = :title AND l.kind = 'ASSIGNMENT' ORDER BY l.id LIMIT 1""")
                    .bind("slug", a.courseSlug()).bind("title", a.lessonTitle()).mapTo(Long.class).findOne());
            if (lesson.isEmpty() || assignments.findByLesson(lesson.get()).isPresent()) {
                continue;
            }
            jdbi.useHandle(h -> h.createUpdate("UPDATE lessons SET body = :body WHERE id = :id AND body IS NULL")
                    .bind("body", a.statement()).bind("id", lesson.get()).execute());
            authoring.replace(lesson.get(), new Form(true, a.passingPercent(), null, a.timeLimitMs(), a.memoryMb(),
                    a.languages(), a.tests()));
            created++;
        }
        log.info("demo data: {} new programming assignments", created);
    }
}
