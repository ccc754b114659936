package org.openlearning.demo;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openlearning.catalog.CourseDao;
import org.openlearning.catalog.CourseStatus;
import org.openlearning.catalog.LessonKind;
import org.openlearning.catalog.Level;
import org.openlearning.catalog.PartnerDao;
import org.openlearning.identity.Role;
import org.openlearning.identity.UserDao;
import org.openlearning.quiz.QuizAuthoring;
import org.openlearning.quiz.QuizAuthoring.QuizForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --platform.task=demo-data}: one account per role and a demo catalog of partners,
 * instructors and courses with their syllabus, and quizzes for some of its quiz lessons. Idempotent: what exists is left as it is.
 */
@Component
@ConditionalOnProperty(name = "platform.task", havingValue = "demo-data")
@Order(0)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo-password";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record Partner(String slug, String name, String kind, String description, String website) {
    }

    record Instructor(String email, String displayName, String bio) {
    }

    record Lesson(String title, String kind, int durationSeconds, String body) {
    }

    record Module(String title, List<Lesson> lessons) {
    }

    record Course(String slug, String title, String summary, String description, String partner,
            List<String> instructors, String category, String level, String language, List<String> skills,
            BigDecimal rating, long enrollmentCount, String status, List<Module> modules) {
    }

    record DemoCatalog(List<Partner> partners, List<Instructor> instructors, List<Course> courses) {
    }

    /** A quiz for the QUIZ lesson titled {@code lesson} of the course {@code course} (a slug). */
    record DemoQuiz(String course, String lesson, QuizForm quiz) {
    }

    private static final List<Object[]> ACCOUNTS = List.of(
            new Object[] {"learner@demo.example", "Lena Learner", Role.LEARNER},
            new Object[] {"instructor@demo.example", "Ivan Instructor", Role.INSTRUCTOR},
            new Object[] {"registrar@demo.example", "Rita Registrar", Role.REGISTRAR},
            new Object[] {"ops@demo.example", "Omar Ops", Role.OPS},
            new Object[] {"admin@demo.example", "Ada Admin", Role.ADMIN});

    private final UserDao users;
    private final PartnerDao partners;
    private final CourseDao courses;
    private final PasswordEncoder passwords;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final QuizAuthoring quizzes;

    DemoData(UserDao users, PartnerDao partners, CourseDao courses, PasswordEncoder passwords, JsonMapper json,
            TransactionTemplate tx, QuizAuthoring quizzes) {
        this.users = users;
        this.partners = partners;
        this.courses = courses;
        this.passwords = passwords;
        this.json = json;
        this.tx = tx;
        this.quizzes = quizzes;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        DemoCatalog catalog;
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            catalog = json.readValue(in, DemoCatalog.class);
        }
        String hash = passwords.encode(PASSWORD);
        for (Object[] account : ACCOUNTS) {
            long id = user((String) account[0], (String) account[1], null, hash);
            users.grant(id, (Role) account[2]);
            users.grant(id, Role.LEARNER);
        }
        Map<String, Long> instructorIds = new HashMap<>();
        long demoInstructor = users.findByEmail("instructor@demo.example").orElseThrow().id();
        for (Instructor i : catalog.instructors()) {
            long id = user(i.email(), i.displayName(), i.bio(), hash);
            users.grant(id, Role.INSTRUCTOR);
            instructorIds.put(i.email(), id);
        }
        Map<String, Long> partnerIds = new HashMap<>();
        for (Partner p : catalog.partners()) {
            partnerIds.put(p.slug(), partners.upsert(p.slug(), p.name(), p.kind(), p.description(), p.website()));
        }
        int created = 0;
        for (Course c : catalog.courses()) {
            if (courses.slugTaken(c.slug())) {
                continue;
            }
            boolean coTaughtByDemoInstructor = created < 3; // gives the demo instructor account courses to edit
            tx.executeWithoutResult(status -> {
                long id = courses.insert(c.slug(), c.title(), c.summary(), c.description(), partnerIds.get(c.partner()),
                        c.category(), Level.valueOf(c.level()), c.language(), c.skills().toArray(String[]::new),
                        CourseStatus.valueOf(c.status()), c.rating(), c.enrollmentCount());
                c.instructors().forEach(email -> courses.addInstructor(id, instructorIds.get(email)));
                if (coTaughtByDemoInstructor) {
                    courses.addInstructor(id, demoInstructor);
                }
                for (Module m : c.modules()) {
                    long moduleId = courses.addModule(id, m.title());
                    for (Lesson l : m.lessons()) {
                        courses.addLesson(moduleId, l.title(), LessonKind.valueOf(l.kind()), l.durationSeconds(),
                                l.body());
                    }
                }
            });
            created++;
        }
        int quizCount = quizzes();
        log.info("demo data: {} accounts, {} instructors, {} partners, {} new courses, {} new quizzes", ACCOUNTS.size(),
                catalog.instructors().size(), catalog.partners().size(), created, quizCount);
    }

    /** The demo quizzes (demo/quizzes.json), each written once, also into a catalog loaded before them. */
    private int quizzes() throws IOException {
        List<DemoQuiz> demo;
        try (InputStream in = new ClassPathResource("demo/quizzes.json").getInputStream()) {
            demo = List.of(json.readValue(in, DemoQuiz[].class));
        }
        int created = 0;
        for (DemoQuiz q : demo) {
            long courseId = courses.findBySlug(q.course()).orElseThrow(() -> new IllegalStateException(
                    "demo quiz for a course not in the catalog: " + q.course())).id();
            long lessonId = courses.lessons(courseId).stream()
                    .filter(l -> l.kind() == LessonKind.QUIZ && l.title().equals(q.lesson())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no quiz lesson '" + q.lesson() + "' in " + q.course()))
                    .id();
            created += quizzes.createIfAbsent(lessonId, q.quiz()) ? 1 : 0;
        }
        return created;
    }

    private long user(String email, String name, String bio, String hash) {
        return users.insertIfAbsent(email, name, hash, bio)
                .orElseGet(() -> users.findByEmail(email).orElseThrow().id());
    }
}
