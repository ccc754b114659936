package org.openlearning.assessment.code.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/**
 * A published course with a "sum of two numbers" programming assignment (two visible tests worth 1
 * point each, one hidden test worth 2, passing at 100 %) and enrolled learners, written straight to
 * PostgreSQL; submissions are inserted QUEUED, as the web app leaves them.
 */
record AssignmentFixture(Jdbi jdbi, long courseId, long lessonId, long assignmentId, List<Long> tests,
        List<Long> users, List<Long> enrollments) {

    static final String PYTHON_SUM = "a, b = map(int, input().split())\nprint(a + b)\n";
    /** Right for small numbers only: the hidden test (big numbers) fails. */
    static final String PYTHON_SMALL_ONLY = "a, b = map(int, input().split())\nprint(a + b if abs(a + b) < 1000 else 0)\n";
    static final String CPP_BROKEN = "#include <iostream>\nint main( {\n  std::cout << 3\n}\n";
    static final String JAVA_SUM = """
            import java.util.Scanner;

            public class Main {
                public static void main(String[] args) {
                    Scanner in = new Scanner(System.in);
                    long a = in.nextLong();
                    long b = in.nextLong();
                    System.out.println(a + b);
                }
            }
            """;
    static final String JAVASCRIPT_SUM = """
            const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(BigInt);
            console.log((a + b).toString());
            """;

    static AssignmentFixture create(Jdbi jdbi, int learners) {
        return jdbi.inTransaction(h -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            long course = h.createQuery("""
                    INSERT INTO courses (slug, title, status, published_at) VALUES (:slug, :title, 'PUBLISHED', now())
                    RETURNING id""").bind("slug", "code-" + tag).bind("title", "Code " + tag).mapTo(Long.class).one();
            long module = h.createQuery("INSERT INTO course_modules (course_id, position, title) VALUES (:c, 1, 'M') RETURNING id")
                    .bind("c", course).mapTo(Long.class).one();
            long lesson = h.createQuery("""
                    INSERT INTO lessons (module_id, course_id, position, title, kind, body)
                    VALUES (:m, :c, 1, 'Sum of two numbers', 'ASSIGNMENT', 'Print the sum of two integers.')
                    RETURNING id""").bind("m", module).bind("c", course).mapTo(Long.class).one();
            // a second lesson, so that passing the assignment completes half of the course
            h.createUpdate("""
                    INSERT INTO lessons (module_id, course_id, position, title, kind) VALUES (:m, :c, 2, 'Notes', 'READING')
                    """).bind("m", module).bind("c", course).execute();
            long assignment = h.createQuery("""
                    INSERT INTO code_assignments (lesson_id, passing_percent, time_limit_ms, memory_mb)
                    VALUES (:l, 100, 5000, 256) RETURNING id""").bind("l", lesson).mapTo(Long.class).one();
            int position = 0;
            for (String language : List.of("python", "java", "cpp", "javascript")) {
                h.createUpdate("""
                        INSERT INTO code_assignment_languages (assignment_id, language, position, starter_code)
                        VALUES (:a, :l, :p, '')""").bind("a", assignment).bind("l", language).bind("p", position++)
                        .execute();
            }
            List<Long> tests = new ArrayList<>();
            tests.add(test(h, assignment, 1, "small numbers", "1 2\n", "3\n", false, 1));
            tests.add(test(h, assignment, 2, "a negative number", "-5 3\n", "-2\n", false, 1));
            tests.add(test(h, assignment, 3, "big numbers", "1000000000 2000000000\n", "3000000000\n", true, 2));
            List<Long> users = new ArrayList<>();
            List<Long> enrollments = new ArrayList<>();
            for (int i = 0; i < learners; i++) {
                long user = h.createQuery("""
                        INSERT INTO users (email, display_name, password_hash) VALUES (:e, 'Learner', 'x') RETURNING id""")
                        .bind("e", "l" + i + "-" + tag + "@example.org").mapTo(Long.class).one();
                users.add(user);
                enrollments.add(h.createQuery("INSERT INTO enrollments (user_id, course_id) VALUES (:u, :c) RETURNING id")
                        .bind("u", user).bind("c", course).mapTo(Long.class).one());
            }
            return new AssignmentFixture(jdbi, course, lesson, assignment, tests, users, enrollments);
        });
    }

    private static long test(org.jdbi.v3.core.Handle h, long assignment, int position, String name, String stdin,
            String expected, boolean hidden, int points) {
        return h.createQuery("""
                INSERT INTO code_tests (assignment_id, position, name, stdin, expected_stdout, compare_mode, hidden, points)
                VALUES (:a, :p, :n, :i, :o, 'TRIMMED', :h, :pts) RETURNING id""")
                .bind("a", assignment).bind("p", position).bind("n", name).bind("i", stdin).bind("o", expected)
                .bind("h", hidden).bind("pts", points).mapTo(Long.class).one();
    }

    /** A QUEUED submission of learner {@code learner} (an index into the fixture's learners). */
    long submit(int learner, String language, String source) {
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO code_submissions (assignment_id, lesson_id, user_id, enrollment_id, language, source, status)
                VALUES (:a, :l, :u, :e, :lang, :src, 'QUEUED') RETURNING id""")
                .bind("a", assignmentId).bind("l", lessonId).bind("u", users.get(learner))
                .bind("e", enrollments.get(learner)).bind("lang", language).bind("src", source)
                .mapTo(Long.class).one());
    }
}
