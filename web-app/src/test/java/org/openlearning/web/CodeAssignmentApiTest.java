package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openlearning.assessment.code.GradeCodeRequest;

import tools.jackson.databind.JsonNode;

/**
 * Programming assignments through the API: instructors define them (validated field by field),
 * enrolled learners submit programs that become REQUESTED/QUEUED intent records with a job (nothing is
 * graded in the web app), and what learners read of hidden tests is only passed or failed.
 */
class CodeAssignmentApiTest extends WebTest {

    private record Assignment(long courseId, long lessonId, long readingId, Account instructor) {
    }

    private static Map<String, Object> test(String name, String stdin, String expected, boolean hidden, int points) {
        Map<String, Object> t = new HashMap<>();
        t.put("name", name);
        t.put("stdin", stdin);
        t.put("expected_stdout", expected);
        t.put("compare_mode", "TRIMMED");
        t.put("hidden", hidden);
        t.put("points", points);
        return t;
    }

    private static Map<String, Object> definition() {
        Map<String, Object> d = new HashMap<>();
        d.put("passing_percent", 60);
        d.put("time_limit_ms", 2000);
        d.put("languages", List.of(Map.of("language", "python", "starter_code", "a, b = map(int, input().split())\n"),
                Map.of("language", "cpp", "starter_code", "#include <iostream>\nint main() {}\n")));
        d.put("tests", List.of(test("small numbers", "1 2\n", "3\n", false, 1),
                test("secret big numbers", "1000000000 2000000000\n", "3000000000\n", true, 2)));
        return d;
    }

    /** A published course with an ASSIGNMENT lesson (defined as {@link #definition()}) and a READING lesson. */
    private Assignment assignment(String title) {
        Account instructor = account("INSTRUCTOR");
        long courseId = post("/api/courses", Map.of("title", title), instructor.token()).json().get("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        long lesson = post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Sum of two numbers", "kind",
                "ASSIGNMENT", "body", "Read two integers and print their sum."), instructor.token())
                .json().get("id").asLong();
        long reading = post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Notes", "kind", "READING"),
                instructor.token()).json().get("id").asLong();
        Response saved = send("PUT", "/api/teach/lessons/" + lesson + "/assignment", definition(), instructor.token());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructor.token())
                .status()).isEqualTo(200);
        return new Assignment(courseId, lesson, reading, instructor);
    }

    private Account enrolledLearner(Assignment a) {
        Account learner = account();
        Response enrolled = post("/api/enrollments", Map.of("course_id", a.courseId()), learner.token());
        assertThat(enrolled.status()).as(enrolled.body()).isBetween(200, 201);
        return learner;
    }

    private Response submit(long lessonId, Object body, Account who) {
        return post("/api/assessments/" + lessonId + "/submit", body, who.token());
    }

    private static void assertError(Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").asString()).isNotBlank();
        assertThat(r.json().path("message").asString()).isNotBlank();
        if (field != null) {
            assertThat(r.json().path("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void anInstructorDefinesAnAssignmentAndReadsItBackWithHiddenTests() {
        Assignment a = assignment("Defining assignments");

        Response back = get("/api/teach/lessons/" + a.lessonId() + "/assignment", a.instructor().token());

        assertThat(back.status()).as(back.body()).isEqualTo(200);
        JsonNode form = back.json();
        assertThat(form.path("configured").asBoolean()).isTrue();
        assertThat(form.path("passing_percent").asInt()).isEqualTo(60);
        assertThat(form.path("time_limit_ms").asInt()).isEqualTo(2000);
        assertThat(form.path("languages")).extracting(l -> l.path("language").asString())
                .containsExactly("python", "cpp");
        assertThat(form.path("tests")).hasSize(2);
        JsonNode hidden = form.path("tests").get(1);
        assertThat(hidden.path("hidden").asBoolean()).isTrue();
        assertThat(hidden.path("stdin").asString()).as("instructors see hidden tests whole").contains("1000000000");
        assertThat(hidden.path("points").asInt()).isEqualTo(2);
    }

    @Test
    void savingAgainKeepsTestsSentBackWithTheirIdAndDropsTheOthers() {
        Assignment a = assignment("Editing tests");
        JsonNode form = get("/api/teach/lessons/" + a.lessonId() + "/assignment", a.instructor().token()).json();
        long kept = form.path("tests").get(1).path("id").asLong();
        Map<String, Object> d = definition();
        Map<String, Object> moved = test("secret big numbers, renamed", "5 5\n", "10\n", true, 3);
        moved.put("id", kept);
        Map<String, Object> numeric = test("halves", "1 2\n", "1.5\n", false, 1);
        numeric.put("compare_mode", "numeric");
        d.put("tests", List.of(moved, numeric));

        Response saved = send("PUT", "/api/teach/lessons/" + a.lessonId() + "/assignment", d, a.instructor().token());

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode tests = saved.json().path("tests");
        assertThat(tests).hasSize(2);
        assertThat(tests.get(0).path("id").asLong()).isEqualTo(kept);
        assertThat(tests.get(0).path("name").asString()).isEqualTo("secret big numbers, renamed");
        assertThat(tests.get(1).path("compare_mode").asString()).isEqualTo("NUMERIC");
        assertThat(tests.get(1).path("tolerance").asDouble()).as("default tolerance").isEqualTo(1e-6);
        assertThat(count("SELECT count(*) FROM code_tests t JOIN code_assignments c ON c.id = t.assignment_id "
                + "WHERE c.lesson_id = ?", a.lessonId())).isEqualTo(2);
    }

    @Test
    void badDefinitionsAreRefusedFieldByFieldAndNothingIsWritten() {
        Assignment a = assignment("Refused definitions");
        String path = "/api/teach/lessons/" + a.lessonId() + "/assignment";
        String before = text("SELECT updated_at::text FROM code_assignments WHERE lesson_id = ?", a.lessonId());

        Map<String, Object> noLanguages = definition();
        noLanguages.put("languages", List.of());
        assertError(send("PUT", path, noLanguages, a.instructor().token()), 422, "languages");

        Map<String, Object> cobol = definition();
        cobol.put("languages", List.of(Map.of("language", "cobol")));
        assertError(send("PUT", path, cobol, a.instructor().token()), 422, "languages[0].language");

        Map<String, Object> noTests = definition();
        noTests.put("tests", List.of());
        assertError(send("PUT", path, noTests, a.instructor().token()), 422, "tests");

        Map<String, Object> badMode = definition();
        Map<String, Object> t = test("x", "", "", false, 1);
        t.put("compare_mode", "fuzzy");
        badMode.put("tests", List.of(t));
        assertError(send("PUT", path, badMode, a.instructor().token()), 422, "tests[0].compare_mode");

        Map<String, Object> badTolerance = definition();
        Map<String, Object> n = test("x", "", "", false, 1);
        n.put("compare_mode", "NUMERIC");
        n.put("tolerance", -1);
        badTolerance.put("tests", List.of(n));
        assertError(send("PUT", path, badTolerance, a.instructor().token()), 422, "tests[0].tolerance");

        Map<String, Object> noPoints = definition();
        noPoints.put("tests", List.of(test("x", "", "", false, 0)));
        assertError(send("PUT", path, noPoints, a.instructor().token()), 422, "tests");

        Map<String, Object> passing = definition();
        passing.put("passing_percent", 0);
        assertError(send("PUT", path, passing, a.instructor().token()), 422, "passing_percent");

        Map<String, Object> foreignTest = definition();
        Map<String, Object> f = test("x", "", "1", false, 1);
        f.put("id", 987654321L);
        foreignTest.put("tests", List.of(f));
        assertError(send("PUT", path, foreignTest, a.instructor().token()), 422, "tests[0].id");

        assertError(send("PUT", path, "{not json", a.instructor().token()), 400, null);
        assertError(send("PUT", "/api/teach/lessons/" + a.readingId() + "/assignment", definition(),
                a.instructor().token()), 422, "lesson");
        assertError(send("PUT", path, definition(), account("INSTRUCTOR").token()), 403, null);
        assertError(send("PUT", path, definition(), account().token()), 403, null);
        assertError(send("PUT", "/api/teach/lessons/987654321/assignment", definition(), a.instructor().token()),
                404, null);

        assertThat(text("SELECT updated_at::text FROM code_assignments WHERE lesson_id = ?", a.lessonId()))
                .as("no refused save changed the assignment").isEqualTo(before);
        assertThat(count("SELECT count(*) FROM code_tests t JOIN code_assignments c ON c.id = t.assignment_id "
                + "WHERE c.lesson_id = ?", a.lessonId())).isEqualTo(2);
    }

    @Test
    void aSubmissionIsStoredAndQueuedWith202AndAStatusUrl() {
        Assignment a = assignment("Submitting");
        Account learner = enrolledLearner(a);

        Response r = submit(a.lessonId(), Map.of("language", "python", "source",
                "a, b = map(int, input().split())\nprint(a + b)\n"), learner);

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().path("submission_id").asLong();
        assertThat(r.json().path("status").asString()).isEqualTo("REQUESTED");
        assertThat(r.json().path("status_url").asString()).isEqualTo("/api/code-submissions/" + id);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/api/code-submissions/" + id);
        // the intent record, queued after commit under the job id derived from it; nothing graded it here
        assertThat(text("SELECT status FROM code_submissions WHERE id = ?", id)).isEqualTo("QUEUED");
        assertThat(text("SELECT language FROM code_submissions WHERE id = ?", id)).isEqualTo("python");
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ? AND state = 'ENQUEUED'",
                GradeCodeRequest.INTENT.jobId(id).toString())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM code_test_results WHERE submission_id = ?", id)).isZero();

        Response status = get("/api/code-submissions/" + id, learner.token());
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(status.json().path("finished").asBoolean()).isFalse();
        assertThat(status.json().path("source").asString()).contains("print(a + b)");
        assertThat(status.json().path("tests")).isEmpty();

        Response list = get("/api/assessments/" + a.lessonId() + "/code-submissions", learner.token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json()).extracting(s -> s.path("submission_id").asLong()).containsExactly(id);
    }

    @Test
    void badSubmissionsAreRefusedWithTheFieldAndWriteNothing() {
        Assignment a = assignment("Refused submissions");
        Account learner = enrolledLearner(a);
        long lesson = a.lessonId();

        assertError(submit(lesson, Map.of("language", "java", "source", "class Main {}"), learner), 422, "language");
        assertError(submit(lesson, Map.of("language", "brainfuck", "source", "+."), learner), 422, "language");
        assertError(submit(lesson, Map.of("source", "print(1)"), learner), 422, "language");
        assertError(submit(lesson, Map.of("language", "python", "source", ""), learner), 422, "source");
        assertError(submit(lesson, Map.of("language", "python", "source", "   \n"), learner), 422, "source");
        assertError(submit(lesson, Map.of("language", "python"), learner), 422, "source");
        assertError(submit(lesson, Map.of("language", "python", "source", "#".repeat(64 * 1024 + 1)), learner), 422,
                "source");
        assertError(submit(lesson, "[1, 2", learner), 400, null);
        assertThat(count("SELECT count(*) FROM code_submissions WHERE user_id = ?", learner.id())).isZero();

        // exactly 64 KB is still accepted
        assertThat(submit(lesson, Map.of("language", "python", "source", "#".repeat(64 * 1024)), learner).status())
                .isEqualTo(202);
    }

    @Test
    void onlyEnrolledLearnersSubmitAndOnlyTheirOwnSubmissionsAreVisible() {
        Assignment a = assignment("Who submits");
        Account stranger = account();
        Map<String, String> program = Map.of("language", "python", "source", "print(3)");

        assertError(submit(a.lessonId(), program, stranger), 403, null);
        assertError(get("/api/assessments/" + a.lessonId() + "/code-submissions", stranger.token()), 403, null);
        assertError(submit(987654321L, program, stranger), 404, null);
        assertError(submit(a.readingId(), program, stranger), 404, null);
        Response anonymous = post("/api/assessments/" + a.lessonId() + "/submit", program, null);
        assertThat(anonymous.status()).isEqualTo(401);

        Account learner = enrolledLearner(a);
        long id = submit(a.lessonId(), program, learner).json().path("submission_id").asLong();
        Account other = enrolledLearner(a);
        assertError(get("/api/code-submissions/" + id, other.token()), 404, null);
        assertThat(get("/api/assessments/" + a.lessonId() + "/code-submissions", other.token()).json()).isEmpty();
        assertThat(get("/api/code-submissions/" + id, a.instructor().token()).status())
                .as("the course's instructor may look").isEqualTo(200);
        assertThat(count("SELECT count(*) FROM code_submissions WHERE lesson_id = ?", a.lessonId())).isEqualTo(1);
    }

    @Test
    void hiddenTestsAreReportedOnlyAsPassedOrFailed() {
        Assignment a = assignment("Hidden tests");
        Account learner = enrolledLearner(a);
        long id = submit(a.lessonId(), Map.of("language", "python", "source", "print(3)"), learner).json()
                .path("submission_id").asLong();
        // graded as the job would store it: the visible test accepted, the hidden one wrong
        List<Long> tests = new ArrayList<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                SELECT t.id FROM code_tests t JOIN code_assignments c ON c.id = t.assignment_id
                WHERE c.lesson_id = ? ORDER BY t.position""")) {
            ps.setLong(1, a.lessonId());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    tests.add(rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        sql("""
                INSERT INTO code_test_results (submission_id, test_id, position, test_name, hidden, verdict, points,
                    max_points, wall_ms, exit_code, stdout_excerpt, message)
                VALUES (?, ?, 1, 'small numbers', false, 'ACCEPTED', 1, 1, 12, 0, '3', 'output matches')""",
                id, tests.get(0));
        sql("""
                INSERT INTO code_test_results (submission_id, test_id, position, test_name, hidden, verdict, points,
                    max_points, wall_ms, exit_code)
                VALUES (?, ?, 2, 'secret big numbers', true, 'WRONG_ANSWER', 0, 2, 15, 0)""", id, tests.get(1));
        sql("UPDATE code_submissions SET status = 'GRADED', score = 1, max_score = 3, passed = false, "
                + "graded_at = now() WHERE id = ?", id);

        Response r = get("/api/code-submissions/" + id, learner.token());

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("GRADED");
        assertThat(r.json().path("score").asInt()).isEqualTo(1);
        assertThat(r.json().path("max_score").asInt()).isEqualTo(3);
        assertThat(r.json().path("passed").asBoolean()).isFalse();
        JsonNode visible = r.json().path("tests").get(0);
        assertThat(visible.path("verdict").asString()).isEqualTo("ACCEPTED");
        assertThat(visible.path("stdout").asString()).isEqualTo("3");
        assertThat(visible.path("time_ms").asInt()).isEqualTo(12);
        JsonNode hidden = r.json().path("tests").get(1);
        assertThat(hidden.path("hidden").asBoolean()).isTrue();
        assertThat(hidden.path("verdict").asString()).isEqualTo("FAILED");
        assertThat(hidden.path("passed").asBoolean()).isFalse();
        assertThat(hidden.path("stdout").isNull()).isTrue();
        assertThat(hidden.path("time_ms").isNull()).isTrue();
        assertThat(r.body()).doesNotContain("WRONG_ANSWER", "1000000000", "3000000000");

        // the learner's page data shows visible tests as examples and only counts the hidden ones
        Response page = get("/api/assessments/" + a.lessonId() + "/assignment", learner.token());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().path("examples")).hasSize(1);
        assertThat(page.json().path("hidden_tests").asInt()).isEqualTo(1);
        assertThat(page.json().path("total_points").asInt()).isEqualTo(3);
        assertThat(page.body()).doesNotContain("1000000000", "secret big numbers");
        assertThat(page.json().path("languages")).extracting(l -> l.path("id").asString())
                .containsExactly("python", "cpp");
    }

    @Test
    void aLearnerCannotSubmitMoreThanTheAssignmentAllows() {
        Assignment a = assignment("Limited submissions");
        Map<String, Object> d = definition();
        d.put("max_submissions", 2);
        assertThat(send("PUT", "/api/teach/lessons/" + a.lessonId() + "/assignment", d, a.instructor().token())
                .status()).isEqualTo(200);
        Account learner = enrolledLearner(a);
        Map<String, String> program = Map.of("language", "python", "source", "print(3)");

        assertThat(submit(a.lessonId(), program, learner).status()).isEqualTo(202);
        assertThat(submit(a.lessonId(), program, learner).status()).isEqualTo(202);
        assertError(submit(a.lessonId(), program, learner), 409, null);

        assertThat(count("SELECT count(*) FROM code_submissions WHERE user_id = ?", learner.id())).isEqualTo(2);
        Response page = get("/api/assessments/" + a.lessonId() + "/assignment", learner.token());
        assertThat(page.json().path("submissions_left").asInt()).isZero();
    }
}
