package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * The progress API: who may report and read progress, which reports are sane, that an accepted report
 * is visible at once (from the Redis cache; no compaction runs here) and never moves backwards, and
 * who sees a course's analytics. Every refusal has the API's error shape.
 */
class ProgressApiTest extends WebTest {

    /** The VIDEO lesson's length, set by SQL: reports may go up to {@value} + 5 s. */
    private static final int DURATION = 120;

    @Autowired
    private MeterRegistry meters;

    /** A published course with a VIDEO lesson of {@link #DURATION} seconds and a READING lesson. */
    private record Course(long id, Account instructor, long video, long reading) {
    }

    @Test
    void aValidReportIsAcceptedWithAReceiptAndIsVisibleAtOnce() {
        Course course = course("Receipts and caches");
        Account learner = account();
        long enrollment = enroll(learner, course);

        Response put = report(enrollment, course.video(), Map.of("watched_seconds", 42.7, "completed", false),
                learner);

        assertThat(put.status()).as(put.body()).isEqualTo(202);
        JsonNode receipt = put.json();
        assertThat(receipt.path("enrollment_id").asLong()).isEqualTo(enrollment);
        assertThat(receipt.path("lesson_id").asLong()).isEqualTo(course.video());
        assertThat(receipt.path("watched_seconds").asInt()).as("rounded down").isEqualTo(42);
        assertThat(receipt.path("completed").asBoolean()).isFalse();
        assertThat(receipt.path("accepted_at").asString()).isNotBlank();
        assertThat(receipt.path("stored").asString()).isEqualTo("BUFFERED");
        // nothing compacts in this app: what GET shows comes from the cache the report raised
        assertThat(count("SELECT count(*) FROM progress WHERE enrollment_id = ?", enrollment)).isZero();

        Response lesson = get("/api/progress/" + enrollment + "/lessons/" + course.video(), learner.token());
        assertThat(lesson.status()).as(lesson.body()).isEqualTo(200);
        assertThat(lesson.json().path("watched_seconds").asInt()).isEqualTo(42);
        assertThat(lesson.json().path("completed").asBoolean()).isFalse();

        Response whole = get("/api/progress/" + enrollment, learner.token());
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().path("enrollment_id").asLong()).isEqualTo(enrollment);
        assertThat(lessonIn(whole.json(), course.video()).path("watched_seconds").asInt()).isEqualTo(42);
        assertThat(lessonIn(whole.json(), course.reading()).path("watched_seconds").asInt()).isZero();
        assertThat(whole.json().path("next").path("lesson_id").asLong()).isEqualTo(course.video());
    }

    @Test
    void aLowerReportAfterAHigherOneNeverLowersProgress() {
        Course course = course("Only forward");
        Account learner = account();
        long enrollment = enroll(learner, course);

        assertThat(report(enrollment, course.video(), Map.of("watched_seconds", 90), learner).status()).isEqualTo(202);
        assertThat(report(enrollment, course.video(), Map.of("watched_seconds", 30), learner).status()).isEqualTo(202);
        assertThat(report(enrollment, course.reading(), Map.of("completed", true), learner).status()).isEqualTo(202);
        assertThat(report(enrollment, course.reading(), Map.of("completed", false), learner).status()).isEqualTo(202);

        JsonNode video = get("/api/progress/" + enrollment + "/lessons/" + course.video(), learner.token()).json();
        assertThat(video.path("watched_seconds").asInt()).isEqualTo(90);
        JsonNode reading = get("/api/progress/" + enrollment + "/lessons/" + course.reading(), learner.token()).json();
        assertThat(reading.path("completed").asBoolean()).as("completed only turns true").isTrue();
        JsonNode whole = get("/api/progress/" + enrollment, learner.token()).json();
        assertThat(lessonIn(whole, course.video()).path("watched_seconds").asInt()).isEqualTo(90);
        assertThat(whole.path("lessons_completed").asInt()).isEqualTo(1);
        assertThat(whole.path("percent").asInt()).isEqualTo(50);
    }

    @Test
    void anotherLearnersEnrollmentCanBeNeitherWrittenNorRead() {
        Course course = course("Mind your own");
        Account owner = account();
        long enrollment = enroll(owner, course);
        report(enrollment, course.video(), Map.of("watched_seconds", 10), owner);
        Account intruder = account();
        enroll(intruder, course);

        assertError(report(enrollment, course.video(), Map.of("watched_seconds", 100), intruder), 403, "forbidden",
                null);
        assertError(get("/api/progress/" + enrollment, intruder.token()), 403, "forbidden", null);
        assertError(get("/api/progress/" + enrollment + "/lessons/" + course.video(), intruder.token()), 403,
                "forbidden", null);
        assertThat(get("/api/progress/" + enrollment + "/lessons/" + course.video(), owner.token()).json()
                .path("watched_seconds").asInt()).as("the refused report changed nothing").isEqualTo(10);
    }

    @Test
    void aWithdrawnEnrollmentTakesNoReports() {
        Course course = course("Withdrawn");
        Account learner = account();
        long enrollment = enroll(learner, course);
        // before any progress call: the API caches enrollments for a few seconds
        sql("UPDATE enrollments SET status = 'WITHDRAWN' WHERE id = ?", enrollment);

        assertError(report(enrollment, course.video(), Map.of("watched_seconds", 5), learner), 403, "forbidden", null);
    }

    @Test
    void unknownEnrollmentsAndLessonsOfAnotherCourseAreNotFound() {
        Course course = course("Where things are");
        Course other = course("Somewhere else");
        Account learner = account();
        long enrollment = enroll(learner, course);

        assertError(report(enrollment, other.video(), Map.of("watched_seconds", 5), learner), 404, "not_found", null);
        assertError(report(enrollment, 987654321L, Map.of("watched_seconds", 5), learner), 404, "not_found", null);
        assertError(report(987654321L, course.video(), Map.of("watched_seconds", 5), learner), 404, "not_found",
                null);
        assertThat(get("/api/progress/" + enrollment, learner.token()).json().path("lessons"))
                .allSatisfy(l -> assertThat(l.path("watched_seconds").asInt()).isZero());
    }

    @Test
    void watchedSecondsOutsideTheVideoAreRejected() {
        Course course = course("Bounds");
        Account learner = account();
        long enrollment = enroll(learner, course);

        assertError(report(enrollment, course.video(), Map.of("watched_seconds", -1), learner), 422, "invalid",
                "watched_seconds");
        assertError(report(enrollment, course.video(), Map.of("watched_seconds", -0.5), learner), 422, "invalid",
                "watched_seconds");
        assertError(report(enrollment, course.video(), Map.of("watched_seconds", DURATION + 5.5), learner), 422,
                "invalid", "watched_seconds");
        assertError(report(enrollment, course.video(), Map.of("watched_seconds", DURATION + 60), learner), 422,
                "invalid", "watched_seconds");
        assertThat(get("/api/progress/" + enrollment + "/lessons/" + course.video(), learner.token()).json()
                .path("watched_seconds").asInt()).as("nothing refused was recorded").isZero();

        // the limits themselves are fine: the start, and a player a few seconds past the end
        assertThat(report(enrollment, course.video(), Map.of("watched_seconds", 0), learner).status()).isEqualTo(202);
        Response end = report(enrollment, course.video(), Map.of("watched_seconds", DURATION + 5), learner);
        assertThat(end.status()).as(end.body()).isEqualTo(202);
        assertThat(end.json().path("watched_seconds").asInt()).isEqualTo(DURATION + 5);
    }

    @Test
    void aReadingLessonTakesOnlyCompleted() {
        Course course = course("Reading");
        Account learner = account();
        long enrollment = enroll(learner, course);

        assertError(report(enrollment, course.reading(), Map.of("watched_seconds", 10), learner), 422, "invalid",
                "watched_seconds");
        assertError(report(enrollment, course.reading(), Map.of("watched_seconds", 0, "completed", true), learner),
                422, "invalid", "watched_seconds");

        Response done = report(enrollment, course.reading(), Map.of("completed", true), learner);
        assertThat(done.status()).as(done.body()).isEqualTo(202);
        assertThat(done.json().path("completed").asBoolean()).isTrue();
        assertThat(done.json().path("watched_seconds").asInt()).isZero();
    }

    @Test
    void aReportWithNeitherFieldIsRejected() {
        Course course = course("Empty");
        Account learner = account();
        long enrollment = enroll(learner, course);
        String path = "/api/progress/" + enrollment + "/lessons/" + course.video();

        assertError(send("PUT", path, "{}", learner.token()), 422, "invalid", "watched_seconds");
        assertError(send("PUT", path, null, learner.token()), 422, "invalid", "watched_seconds");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("watched_seconds", null);
        nulls.put("completed", null);
        assertError(send("PUT", path, nulls, learner.token()), 422, "invalid", "watched_seconds");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Course course = course("Malformed");
        Account learner = account();
        long enrollment = enroll(learner, course);
        String path = "/api/progress/" + enrollment + "/lessons/" + course.video();

        assertError(send("PUT", path, "{\"watched_seconds\": ", learner.token()), 400, "bad_request", null);
        assertError(send("PUT", path, "{\"watched_seconds\": \"a while\"}", learner.token()), 400, "bad_request",
                null);
        assertError(send("PUT", path, "[1, 2]", learner.token()), 400, "bad_request", null);
        assertError(send("PUT", "/api/progress/first/lessons/" + course.video(), "{\"completed\": true}",
                learner.token()), 400, "bad_request", "enrollmentId");
    }

    @Test
    void withoutCredentialsNothingIsReadOrWritten() {
        Course course = course("Anonymous");
        Account learner = account();
        long enrollment = enroll(learner, course);
        String lesson = "/api/progress/" + enrollment + "/lessons/" + course.video();

        assertError(send("PUT", lesson, Map.of("watched_seconds", 5), null), 401, "unauthorized", null);
        assertError(get(lesson, null), 401, "unauthorized", null);
        assertError(get("/api/progress/" + enrollment, null), 401, "unauthorized", null);
        assertError(get("/api/courses/" + course.id() + "/analytics", null), 401, "unauthorized", null);
        assertError(send("PUT", lesson, Map.of("watched_seconds", 5), "not-a-token"), 401, "invalid_token", null);
        assertThat(get(lesson, learner.token()).json().path("watched_seconds").asInt()).isZero();
    }

    @Test
    void tokenReportsAreAnsweredAheadOfTheGeneralChainAndAnyOtherByItAlike() {
        Course course = course("Two doors");
        Account learner = account();
        long enrollment = enroll(learner, course);
        String path = "/api/progress/" + enrollment + "/lessons/" + course.video();
        double direct = direct();

        // a plain token report (JSON of known length): the direct lane, answered whole and not cacheable
        Response plain = send("PUT", path, "{\"watched_seconds\": 12}", learner.token());
        assertThat(plain.status()).as(plain.body()).isEqualTo(202);
        assertThat(direct()).isEqualTo(direct + 1);
        assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().getBytes(UTF_8).length);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        // the same report with a body of unknown length (chunked) goes on to the controller: same answer
        Response chunked = sendChunked("PUT", path, "{\"watched_seconds\": 20}", learner.token());
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(202);
        assertThat(direct()).as("left to the general chain").isEqualTo(direct + 1);
        assertThat(fields(chunked.json())).isEqualTo(fields(plain.json()));
        assertThat(chunked.json().path("watched_seconds").asInt()).isEqualTo(20);
        assertThat(chunked.json().path("stored").asString()).isEqualTo(plain.json().path("stored").asString())
                .isEqualTo("BUFFERED");

        // refusals are alike on both doors
        String tooFar = "{\"watched_seconds\": 9999}";
        for (Response r : List.of(send("PUT", path, tooFar, learner.token()),
                sendChunked("PUT", path, tooFar, learner.token()))) {
            assertError(r, 422, "invalid", "watched_seconds");
        }
        for (Response r : List.of(send("PUT", path, tooFar, "lpat_not-a-token"),
                sendChunked("PUT", path, tooFar, "lpat_not-a-token"))) {
            assertError(r, 401, "invalid_token", null);
        }
        assertThat(get(path, learner.token()).json().path("watched_seconds").asInt()).isEqualTo(20);
    }

    private double direct() {
        return meters.counter("api_direct_requests", "route", "/api/progress/{}/lessons/{}").count();
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        Collections.sort(names);
        return names;
    }

    @Test
    void onlyTheCoursesInstructorsAndAdminsSeeItsAnalytics() {
        Course course = course("Funnels");
        Account learner = account();
        long enrollment = enroll(learner, course);
        report(enrollment, course.video(), Map.of("watched_seconds", 30), learner);
        String path = "/api/courses/" + course.id() + "/analytics";

        Response own = get(path, course.instructor().token());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("course_id").asLong()).isEqualTo(course.id());
        assertThat(own.json().path("enrolled").asLong()).isEqualTo(1);
        assertThat(own.json().path("lessons")).hasSize(2);
        assertThat(own.json().path("lessons").get(0).path("lesson_id").asLong()).isEqualTo(course.video());
        assertThat(get(path, account("ADMIN").token()).status()).isEqualTo(200);

        assertError(get(path, account("INSTRUCTOR").token()), 403, "forbidden", null);
        assertError(get(path, learner.token()), 403, "forbidden", null);
        assertError(get("/api/courses/987654321/analytics", course.instructor().token()), 404, "not_found", null);
    }

    private Course course(String title) {
        Account instructor = account("INSTRUCTOR");
        Response created = post("/api/courses", Map.of("title", title, "summary", "A course about " + title),
                instructor.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long courseId = created.json().path("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().path("id").asLong();
        long video = post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Lecture", "kind", "VIDEO"),
                instructor.token()).json().path("id").asLong();
        long reading = post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Notes", "kind", "READING"),
                instructor.token()).json().path("id").asLong();
        sql("UPDATE lessons SET duration_seconds = ? WHERE id = ?", DURATION, video);
        Response published = post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"),
                instructor.token());
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return new Course(courseId, instructor, video, reading);
    }

    private long enroll(Account learner, Course course) {
        Response enrolled = post("/api/enrollments", Map.of("course_id", course.id()), learner.token());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        return enrolled.json().path("id").asLong();
    }

    private Response report(long enrollment, long lesson, Map<String, ?> body, Account learner) {
        return send("PUT", "/api/progress/" + enrollment + "/lessons/" + lesson, body, learner.token());
    }

    private static JsonNode lessonIn(JsonNode course, long lessonId) {
        for (JsonNode lesson : course.path("lessons")) {
            if (lesson.path("lesson_id").asLong() == lessonId) {
                return lesson;
            }
        }
        throw new AssertionError("lesson " + lessonId + " missing from " + course);
    }

    /** The API's error shape ({@link #assertApiError}), sent as JSON. */
    private static void assertError(Response r, int status, String error, String field) {
        assertApiError(r, status, error, field);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/json");
    }
}
