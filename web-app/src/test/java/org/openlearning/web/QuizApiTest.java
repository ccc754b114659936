package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.openlearning.web.QuizFixture.Course;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

/**
 * Taking quizzes through the API against the real PostgreSQL and Redis: grading, shuffling, attempt
 * limits, cooldowns, the server-side time limit under both late policies (on a clock the test moves),
 * double submissions, validation, who may do what, and completion of the quiz lesson on a pass.
 */
class QuizApiTest extends WebTest {

    /** The quiz clock, moved by the tests; only ever forward, as tests share it. */
    static final MovableClock CLOCK = new MovableClock(Instant.now());

    @TestBean(name = "quizClock", methodName = "quizClock")
    Clock quizClock;

    @Autowired
    MeterRegistry meters;

    static Clock quizClock() {
        return CLOCK;
    }

    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private Course course(String title, Object... settings) {
        return QuizFixture.course(this, account("INSTRUCTOR"), title + " " + System.nanoTime(),
                QuizFixture.quiz(settings));
    }

    private Response start(Course course, Account learner) {
        return post("/api/assessments/" + course.lesson() + "/attempts", null, learner.token());
    }

    private Response submit(Course course, Account learner, long attempt, Object answers) {
        return post("/api/assessments/" + course.lesson() + "/submit", Map.of("attempt_id", attempt, "answers", answers),
                learner.token());
    }

    /** Nothing of the answer keys appears in what learners receive. */
    private static void assertNoKeys(Response r) {
        assertThat(r.body()).doesNotContain("\"correct\"", "\"truth\"", "\"accepted", "\"tolerance\"",
                "answer_key", "3.14", "DISTINCT", "\"explanation\"");
    }

    @Test
    void aLearnerWhoAnswersEverythingRightPassesAndTheQuizLessonIsCompleted() {
        Course course = course("SQL grouping");
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);

        Response overview = get("/api/assessments/" + course.lesson(), learner.token());
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().get("question_count").asInt()).isEqualTo(5);
        assertThat(overview.json().get("max_score").asInt()).isEqualTo(10);
        assertThat(overview.json().get("attempts_used").asInt()).isZero();
        assertNoKeys(overview);

        Response started = start(course, learner);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertNoKeys(started);
        JsonNode attempt = started.json();
        assertThat(attempt.get("number").asInt()).isEqualTo(1);
        assertThat(attempt.get("deadline").isNull()).isTrue();
        assertThat(attempt.get("questions")).hasSize(5);
        assertThat(attempt.get("questions").get(0).get("options")).hasSize(4);

        Response graded = submit(course, learner, attempt.get("attempt_id").asLong(),
                QuizFixture.correctAnswers(attempt));
        assertThat(graded.status()).as(graded.body()).isEqualTo(200);
        JsonNode result = graded.json();
        assertThat(result.get("score").asInt()).isEqualTo(10);
        assertThat(result.get("max_score").asInt()).isEqualTo(10);
        assertThat(result.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("replayed").asBoolean()).isFalse();
        assertThat(result.get("attempts_used").asInt()).isEqualTo(1);
        assertThat(result.get("feedback")).hasSize(5).allSatisfy(f -> assertThat(f.get("correct").asBoolean()).isTrue());
        assertThat(result.get("feedback").get(0).get("explanation").asString()).startsWith("HAVING filters");

        assertThat(text("SELECT completed FROM progress WHERE enrollment_id = ? AND lesson_id = ?", enrollment,
                course.lesson())).isEqualTo("t");
        assertThat(count("SELECT lessons_completed FROM enrollments WHERE id = ?", enrollment)).isEqualTo(1);
        assertThat(text("SELECT status || ' ' || score || '/' || max_score || ' ' || passed FROM quiz_attempts "
                + "WHERE id = ?", attempt.get("attempt_id").asLong())).isEqualTo("SUBMITTED 10/10 true");
        Response after = get("/api/assessments/" + course.lesson(), learner.token());
        assertThat(after.json().get("passed").asBoolean()).isTrue();
        assertThat(after.json().get("best_score").asInt()).isEqualTo(10);
        assertThat(after.json().get("attempts")).hasSize(1);

        // passing again (a learner known to have passed: the grade alone, outside a transaction)
        long notified = count("SELECT count(*) FROM notifications n JOIN enrollments e ON e.user_id = n.user_id "
                + "WHERE e.id = ?", enrollment);
        assertThat(notified).as("the first pass's milestone").isPositive();
        JsonNode second = start(course, learner).json();
        assertThat(second.get("number").asInt()).isEqualTo(2);
        Response again = submit(course, learner, second.get("attempt_id").asLong(), QuizFixture.correctAnswers(second));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("passed").asBoolean()).isTrue();
        assertThat(again.json().get("attempts_used").asInt()).isEqualTo(2);
        assertThat(text("SELECT status || ' ' || score || '/' || max_score || ' ' || passed FROM quiz_attempts "
                + "WHERE id = ?", second.get("attempt_id").asLong())).isEqualTo("SUBMITTED 10/10 true");
        assertThat(count("SELECT lessons_completed FROM enrollments WHERE id = ?", enrollment)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notifications n JOIN enrollments e ON e.user_id = n.user_id "
                + "WHERE e.id = ?", enrollment)).as("nothing completed twice").isEqualTo(notified);
    }

    @Test
    void tokenStartsAndSubmitsAreAnsweredAheadOfTheGeneralChainAndChunkedOnesByItAlike() {
        Course course = course("Two doors for quizzes");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        String starts = "/api/assessments/" + course.lesson() + "/attempts";
        String submits = "/api/assessments/" + course.lesson() + "/submit";
        double before = direct("/api/assessments/{}/attempts") + direct("/api/assessments/{}/submit");

        // first turn: both through the direct lane
        Response started = start(course, learner);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode attempt = started.json();
        Response graded = submit(course, learner, attempt.get("attempt_id").asLong(),
                QuizFixture.correctAnswers(attempt));
        assertThat(graded.status()).as(graded.body()).isEqualTo(200);
        assertThat(direct("/api/assessments/{}/attempts") + direct("/api/assessments/{}/submit")).isEqualTo(before + 2);

        // second turn: chunked bodies go on to the controllers; the answers have the same shape
        Response startedAgain = sendChunked("POST", starts, "{}", learner.token());
        assertThat(startedAgain.status()).as(startedAgain.body()).isEqualTo(201);
        JsonNode second = startedAgain.json();
        Response gradedAgain = sendChunked("POST", submits, json.writeValueAsString(Map.of("attempt_id",
                second.get("attempt_id").asLong(), "answers", QuizFixture.correctAnswers(second))), learner.token());
        assertThat(gradedAgain.status()).as(gradedAgain.body()).isEqualTo(200);
        assertThat(direct("/api/assessments/{}/attempts") + direct("/api/assessments/{}/submit"))
                .as("left to the general chain").isEqualTo(before + 2);
        assertThat(ProgressApiTest.fields(second)).isEqualTo(ProgressApiTest.fields(attempt));
        assertThat(ProgressApiTest.fields(gradedAgain.json())).isEqualTo(ProgressApiTest.fields(graded.json()));
        assertThat(gradedAgain.json().get("attempts_used").asInt()).isEqualTo(2);

        // refusals alike: a submission of an attempt that is not there, on either door
        String missing = "{\"attempt_id\": 987654321, \"answers\": []}";
        for (Response r : List.of(post(submits, missing, learner.token()),
                sendChunked("POST", submits, missing, learner.token()))) {
            assertApiError(r, 404, "not_found", null);
        }
    }

    private double direct(String route) {
        return meters.counter("api_direct_requests", "route", route).count();
    }

    @Test
    void aFailedAttemptShowsWhatWasRightAndCompletesNothing() {
        Course course = course("Failing");
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();

        JsonNode result = submit(course, learner, attempt.get("attempt_id").asLong(), QuizFixture.wrongAnswers(attempt))
                .json();
        assertThat(result.get("score").asInt()).isZero();
        assertThat(result.get("passed").asBoolean()).isFalse();
        JsonNode single = result.get("feedback").get(0);
        assertThat(single.get("your_answer").asString()).isEqualTo("WHERE");
        assertThat(single.get("correct_answer").asString()).isEqualTo("HAVING");
        assertThat(single.get("points_awarded").asInt()).isZero();
        assertThat(result.get("feedback").get(3).get("correct_answer").asString()).isEqualTo("3.14 (± 0.005)");
        assertThat(count("SELECT count(*) FROM progress WHERE enrollment_id = ?", enrollment)).isZero();

        // half right: 5 of 10 is below 70 %
        JsonNode second = start(course, learner).json();
        List<Map<String, Object>> mixed = new ArrayList<>(QuizFixture.correctAnswers(second).subList(0, 2));
        mixed.addAll(QuizFixture.wrongAnswers(second).subList(2, 5));
        JsonNode half = submit(course, learner, second.get("attempt_id").asLong(), mixed).json();
        assertThat(half.get("score").asInt()).isEqualTo(5);
        assertThat(half.get("passed").asBoolean()).isFalse();
        assertThat(half.get("attempts_used").asInt()).isEqualTo(2);
    }

    @Test
    void eachAttemptHasItsOwnOptionOrderAndGradingIgnoresIt() {
        Course course = course("Shuffled");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            JsonNode attempt = start(course, learner).json();
            List<String> order = new ArrayList<>();
            attempt.get("questions").get(0).get("options").forEach(o -> order.add(o.get("text").asString()));
            assertThat(order).containsExactlyInAnyOrder("WHERE", "HAVING", "ORDER BY", "LIMIT");
            orders.add(order);
            JsonNode result = submit(course, learner, attempt.get("attempt_id").asLong(),
                    QuizFixture.correctAnswers(attempt)).json();
            assertThat(result.get("score").asInt()).as("attempt %d in order %s", i + 1, order).isEqualTo(10);
        }
        // 24 orders: six attempts in one order would happen once in 24^5 runs
        assertThat(orders).hasSizeGreaterThan(1);

        Course fixed = course("Unshuffled", "shuffle_options", false);
        QuizFixture.enroll(this, learner, fixed);
        JsonNode attempt = start(fixed, learner).json();
        List<String> order = new ArrayList<>();
        attempt.get("questions").get(0).get("options").forEach(o -> order.add(o.get("text").asString()));
        assertThat(order).containsExactly("WHERE", "HAVING", "ORDER BY", "LIMIT");
    }

    @Test
    void startingWhileAnAttemptIsOpenResumesIt() {
        Course course = course("Resume");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        Response first = start(course, learner);
        Response again = start(course, learner);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("resumed").asBoolean()).isTrue();
        assertThat(again.json().get("attempt_id").asLong()).isEqualTo(first.json().get("attempt_id").asLong());
        assertThat(again.json().get("questions")).isEqualTo(first.json().get("questions"));
    }

    @Test
    void concurrentStartsOpenOneAttemptAndTheStandingCarriesFromAttemptToAttempt() throws Exception {
        Course course = course("Many clicks");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        int clicks = 12;
        try (ExecutorService pool = Executors.newFixedThreadPool(clicks)) {
            for (int round = 1; round <= 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> futures = new ArrayList<>();
                for (int i = 0; i < clicks; i++) {
                    Callable<Response> click = () -> {
                        go.await();
                        return start(course, learner);
                    };
                    futures.add(pool.submit(click));
                }
                go.countDown();
                Set<Long> ids = new HashSet<>();
                int created = 0;
                JsonNode attempt = null;
                for (Future<Response> f : futures) {
                    Response r = f.get();
                    assertThat(r.status()).as(r.body()).isIn(200, 201);
                    created += r.status() == 201 ? 1 : 0;
                    ids.add(r.json().get("attempt_id").asLong());
                    attempt = r.json();
                }
                assertThat(ids).as("round " + round).hasSize(1);
                assertThat(created).as("round " + round).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ? AND status = 'STARTED'",
                        course.quiz())).isEqualTo(1);
                // the second attempt passes, the others fail: the pass and its score stay in the standing
                List<Map<String, Object>> answers = round == 2 ? QuizFixture.correctAnswers(attempt)
                        : QuizFixture.wrongAnswers(attempt);
                JsonNode result = submit(course, learner, ids.iterator().next(), answers).json();
                assertThat(result.get("attempts_used").asInt()).isEqualTo(round);
            }
        }
        assertThat(text("SELECT string_agg(number || ':' || status || ':' || prior_used || ':' || prior_passed, ' '"
                + " ORDER BY number) FROM quiz_attempts WHERE quiz_id = ?", course.quiz()))
                .isEqualTo("1:SUBMITTED:0:false 2:SUBMITTED:1:false 3:SUBMITTED:2:true");
        JsonNode overview = get("/api/assessments/" + course.lesson(), learner.token()).json();
        assertThat(overview.get("attempts_used").asInt()).isEqualTo(3);
        assertThat(overview.get("passed").asBoolean()).isTrue();
        assertThat(overview.get("best_score").asInt()).isEqualTo(10);
    }

    @Test
    void noAttemptBeyondTheLimit() {
        Course course = course("Two tries", "max_attempts", 2);
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        for (int i = 1; i <= 2; i++) {
            JsonNode attempt = start(course, learner).json();
            JsonNode result = submit(course, learner, attempt.get("attempt_id").asLong(),
                    QuizFixture.wrongAnswers(attempt)).json();
            assertThat(result.get("attempts_left").asInt()).isEqualTo(2 - i);
        }
        assertApiError(start(course, learner), 409, "attempts_exhausted", null);
        assertThat(get("/api/assessments/" + course.lesson(), learner.token()).json().get("attempts_left").asInt())
                .isZero();
        assertThat(count("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ?", course.quiz())).isEqualTo(2);
    }

    @Test
    void theNextAttemptWaitsForTheCooldown() {
        Course course = course("Cooldown", "cooldown_seconds", 600);
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        JsonNode result = submit(course, learner, attempt.get("attempt_id").asLong(), List.of()).json();
        Instant next = Instant.parse(result.get("next_attempt_at").asString());
        assertThat(next).isEqualTo(Instant.parse(result.get("submitted_at").asString()).plusSeconds(600));

        Response early = start(course, learner);
        assertApiError(early, 429, "cooldown", null);
        assertThat(early.json().get("message").asString()).contains(next.toString());
        CLOCK.advance(Duration.ofSeconds(590));
        assertApiError(start(course, learner), 429, "cooldown", null);
        CLOCK.advance(Duration.ofSeconds(11));
        Response later = start(course, learner);
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        assertThat(later.json().get("number").asInt()).isEqualTo(2);
    }

    @Test
    void aLateSubmissionIsGradedOnTheAnswersSavedByTheDeadline() {
        Course course = course("Timed, graded at deadline", "time_limit_seconds", 60, "late_policy",
                "GRADE_AT_DEADLINE");
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        long id = attempt.get("attempt_id").asLong();
        Instant deadline = Instant.parse(attempt.get("deadline").asString());
        assertThat(deadline).isEqualTo(Instant.parse(attempt.get("started_at").asString()).plusSeconds(60));

        Response saved = send("PUT", "/api/assessments/" + course.lesson() + "/attempts/" + id + "/answers",
                Map.of("answers", QuizFixture.correctAnswers(attempt)), learner.token());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(75)); // past the deadline and the 10 s grace
        assertApiError(send("PUT", "/api/assessments/" + course.lesson() + "/attempts/" + id + "/answers",
                Map.of("answers", List.of()), learner.token()), 409, "time_limit_passed", null);

        Response late = submit(course, learner, id, QuizFixture.wrongAnswers(attempt));
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(late.json().get("late").asBoolean()).isTrue();
        assertThat(late.json().get("score").asInt()).as("the saved answers, not the late ones").isEqualTo(10);
        assertThat(Instant.parse(late.json().get("submitted_at").asString())).isEqualTo(deadline);
        assertThat(text("SELECT completed FROM progress WHERE enrollment_id = ? AND lesson_id = ?", enrollment,
                course.lesson())).isEqualTo("t");
    }

    @Test
    void aSubmissionWithinTheGraceIsOnTime() {
        Course course = course("Timed, in grace", "time_limit_seconds", 60, "late_policy", "REFUSE");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        CLOCK.advance(Duration.ofSeconds(65));
        Response r = submit(course, learner, attempt.get("attempt_id").asLong(), QuizFixture.correctAnswers(attempt));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("late").asBoolean()).isFalse();
        assertThat(r.json().get("score").asInt()).isEqualTo(10);
    }

    @Test
    void aLateSubmissionIsRefusedWhenTheQuizSaysSoAndTheAttemptCounts() {
        Course course = course("Timed, refused", "time_limit_seconds", 60, "late_policy", "REFUSE", "max_attempts", 2);
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        long id = attempt.get("attempt_id").asLong();
        CLOCK.advance(Duration.ofSeconds(71));

        assertApiError(submit(course, learner, id, QuizFixture.correctAnswers(attempt)), 409, "time_limit_passed", null);
        assertApiError(submit(course, learner, id, QuizFixture.correctAnswers(attempt)), 409, "time_limit_passed", null);
        assertThat(text("SELECT status || ' ' || score || ' ' || passed FROM quiz_attempts WHERE id = ?", id))
                .isEqualTo("EXPIRED 0 false");
        JsonNode overview = get("/api/assessments/" + course.lesson(), learner.token()).json();
        assertThat(overview.get("attempts_used").asInt()).isEqualTo(1);
        assertThat(overview.get("attempts_left").asInt()).isEqualTo(1);

        // an attempt left open past its time is closed when the next one starts
        JsonNode second = start(course, learner).json();
        CLOCK.advance(Duration.ofSeconds(71));
        assertApiError(start(course, learner), 409, "attempts_exhausted", null);
        assertThat(text("SELECT status FROM quiz_attempts WHERE id = ?", second.get("attempt_id").asLong()))
                .isEqualTo("EXPIRED");
    }

    @Test
    void aDoubleSubmitIsGradedOnceAndBothGetTheSameResult() throws Exception {
        Course course = course("Double click");
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        long id = attempt.get("attempt_id").asLong();
        List<Map<String, Object>> answers = QuizFixture.correctAnswers(attempt);

        int clicks = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clicks)) {
            for (int i = 0; i < clicks; i++) {
                Callable<Response> click = () -> {
                    go.await();
                    return submit(course, learner, id, answers);
                };
                futures.add(pool.submit(click));
            }
            go.countDown();
            int fresh = 0;
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("score").asInt()).isEqualTo(10);
                assertThat(r.json().get("attempt_id").asLong()).isEqualTo(id);
                assertThat(r.json().get("attempts_used").asInt()).isEqualTo(1);
                fresh += r.json().get("replayed").asBoolean() ? 0 : 1;
            }
            assertThat(fresh).as("gradings").isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ? AND status = 'SUBMITTED'",
                course.quiz())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM progress WHERE enrollment_id = ? AND completed", enrollment))
                .isEqualTo(1);
        // a later repeat, with other answers, still gets the recorded grade
        Response repeat = submit(course, learner, id, QuizFixture.wrongAnswers(attempt));
        assertThat(repeat.json().get("score").asInt()).isEqualTo(10);
        assertThat(repeat.json().get("replayed").asBoolean()).isTrue();
    }

    @Test
    void badAnswersAreRefusedWithTheirFieldAndLeaveTheAttemptOpen() {
        Course course = course("Validation");
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        long id = attempt.get("attempt_id").asLong();
        JsonNode questions = attempt.get("questions");
        long single = questions.get(0).get("id").asLong();
        long numeric = questions.get(3).get("id").asLong();

        assertApiError(submit(course, learner, id, List.of(Map.of("question_id", 987654321L, "choice", "1"))), 422,
                "invalid", "answers[0].question_id");
        assertApiError(submit(course, learner, id, List.of(Map.of("question_id", single, "choice", "1"),
                Map.of("question_id", numeric, "text", "3.14"))), 422, "invalid", "answers[1].text");
        assertApiError(submit(course, learner, id, List.of(Map.of("question_id", numeric, "value", "3.14"))), 422,
                "invalid", "answers[0].value");
        assertApiError(submit(course, learner, id, List.of(Map.of("question_id", single, "choices", List.of("1")))), 422,
                "invalid", "answers[0].choices");
        assertApiError(submit(course, learner, id, List.of(Map.of("question_id", single, "choice", "99"))), 422,
                "invalid", "answers[0].choice");
        assertApiError(post("/api/assessments/" + course.lesson() + "/submit", Map.of("answers", List.of()),
                learner.token()), 422, "invalid", "attempt_id");
        assertApiError(post("/api/assessments/" + course.lesson() + "/submit", Map.of("attempt_id", id), learner.token()),
                422, "invalid", "answers");
        assertApiError(post("/api/assessments/" + course.lesson() + "/submit", "{\"attempt_id\": ", learner.token()), 400,
                "bad_request", null);
        assertApiError(submit(course, learner, 987654321L, List.of()), 404, "not_found", null);
        assertApiError(post("/api/assessments/987654321/submit", Map.of("attempt_id", id, "answers", List.of()),
                learner.token()), 404, "not_found", null);
        assertApiError(post("/api/assessments/987654321/attempts", null, learner.token()), 404, "not_found", null);

        assertThat(text("SELECT status FROM quiz_attempts WHERE id = ?", id)).isEqualTo("STARTED");
        assertThat(submit(course, learner, id, QuizFixture.correctAnswers(attempt)).json().get("score").asInt())
                .isEqualTo(10);
    }

    @Test
    void onlyEnrolledLearnersTakeQuizzesAndNobodySubmitsAnothersAttempt() {
        Course course = course("Whose attempt");
        Account owner = account();
        QuizFixture.enroll(this, owner, course);
        JsonNode attempt = start(course, owner).json();
        long id = attempt.get("attempt_id").asLong();
        Account stranger = account();

        assertApiError(start(course, stranger), 403, "forbidden", null);
        assertApiError(get("/api/assessments/" + course.lesson(), stranger.token()), 403, "forbidden", null);
        QuizFixture.enroll(this, stranger, course);
        assertApiError(submit(course, stranger, id, QuizFixture.correctAnswers(attempt)), 403, "forbidden", null);
        assertApiError(get("/api/assessments/" + course.lesson() + "/attempts/" + id, stranger.token()), 403, "forbidden",
                null);
        assertApiError(send("PUT", "/api/assessments/" + course.lesson() + "/attempts/" + id + "/answers",
                Map.of("answers", List.of()), stranger.token()), 403, "forbidden", null);
        assertApiError(post("/api/assessments/" + course.lesson() + "/attempts", null, null), 401, "unauthorized", null);
        assertThat(text("SELECT status FROM quiz_attempts WHERE id = ?", id)).isEqualTo("STARTED");
    }

    @Test
    void onlyTheCoursesInstructorsAndAdminsAuthorItsQuiz() {
        Course course = course("Authoring rights");
        String path = "/api/teach/lessons/" + course.lesson() + "/quiz";
        Map<String, Object> quiz = QuizFixture.quiz("passing_percent", 50);

        Response own = get(path, course.instructor().token());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("questions").get(0).get("options").get(1).get("correct").asBoolean()).isTrue();
        assertApiError(get(path, account().token()), 403, "forbidden", null);
        assertApiError(send("PUT", path, quiz, account().token()), 403, "forbidden", null);
        assertApiError(send("PUT", path, quiz, account("INSTRUCTOR").token()), 403, "forbidden", null);
        Response admin = send("PUT", path, quiz, account("ADMIN").token());
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.json().get("passing_percent").asInt()).isEqualTo(50);
        assertThat(admin.json().get("version").asInt()).isEqualTo(2);
        assertApiError(send("PUT", "/api/teach/lessons/" + course.reading() + "/quiz", quiz,
                course.instructor().token()), 422, "invalid", "lesson_id");
        assertApiError(send("PUT", "/api/teach/lessons/987654321/quiz", quiz, course.instructor().token()), 404,
                "not_found", null);
    }

    @Test
    void aQuizThatMakesNoSenseIsRefusedWithItsField() {
        Course course = course("Bad quizzes");
        String path = "/api/teach/lessons/" + course.lesson() + "/quiz";
        String token = course.instructor().token();
        Map<String, Object> twoRight = Map.of("kind", "SINGLE", "prompt", "Pick", "options",
                List.of(QuizFixture.option("a", true), QuizFixture.option("b", true)));
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(twoRight)), token), 422, "invalid",
                "questions[0].options");
        Map<String, Object> oneOption = Map.of("kind", "MULTIPLE", "prompt", "Pick", "options",
                List.of(QuizFixture.option("a", true)));
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(oneOption)), token), 422, "invalid",
                "questions[0].options");
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(Map.of("kind", "ESSAY", "prompt", "x"))),
                token), 422, "invalid", "questions[0].kind");
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(Map.of("kind", "TRUE_FALSE",
                "prompt", "x"))), token), 422, "invalid", "questions[0].truth");
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(Map.of("kind", "NUMERIC", "prompt", "x",
                "value", 1, "tolerance", -1))), token), 422, "invalid", "questions[0].tolerance");
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(Map.of("kind", "TEXT", "prompt", "x",
                "accepted_answers", List.of(" ")))), token), 422, "invalid", "questions[0].accepted_answers");
        assertApiError(send("PUT", path, QuizFixture.quiz("questions", List.of(Map.of("kind", "TEXT", "prompt", " ",
                "accepted_answers", List.of("a")))), token), 422, "invalid", "questions[0].prompt");
        assertApiError(send("PUT", path, QuizFixture.quiz("passing_percent", 101), token), 422, "invalid",
                "passing_percent");
        assertApiError(send("PUT", path, QuizFixture.quiz("time_limit_seconds", 5), token), 422, "invalid",
                "time_limit_seconds");
        assertApiError(send("PUT", path, QuizFixture.quiz("late_policy", "LENIENT"), token), 422, "invalid",
                "late_policy");
        assertThat(get(path, token).json().get("version").asInt()).as("nothing refused was saved").isEqualTo(1);
    }

    @Test
    void editingAQuizVoidsOpenAttemptsWhichDoNotCount() {
        Course course = course("Edited meanwhile", "max_attempts", 1);
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        JsonNode attempt = start(course, learner).json();
        Response edit = send("PUT", "/api/teach/lessons/" + course.lesson() + "/quiz",
                QuizFixture.quiz("max_attempts", 1, "passing_percent", 60), course.instructor().token());
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);

        assertApiError(submit(course, learner, attempt.get("attempt_id").asLong(), QuizFixture.correctAnswers(attempt)),
                409, "quiz_changed", null);
        Response again = start(course, learner);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        JsonNode fresh = again.json();
        JsonNode result = submit(course, learner, fresh.get("attempt_id").asLong(), QuizFixture.correctAnswers(fresh))
                .json();
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("passing_percent").asInt()).isEqualTo(60);
    }

    @Test
    void aQuizLessonCannotBeMarkedCompleteWithoutPassing() {
        Course course = course("No shortcuts");
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);
        assertApiError(send("PUT", "/api/progress/" + enrollment + "/lessons/" + course.lesson(),
                Map.of("completed", true), learner.token()), 422, "invalid", "completed");
        assertThat(send("PUT", "/api/progress/" + enrollment + "/lessons/" + course.reading(),
                Map.of("completed", true), learner.token()).status()).isEqualTo(202);
    }
}
