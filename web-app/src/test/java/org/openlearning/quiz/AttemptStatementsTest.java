package org.openlearning.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openlearning.web.WebTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A start commits asynchronously, and only the start: the setting ends with the statement's own
 * transaction, so the submissions that later run on the same pooled connection commit synchronously.
 */
class AttemptStatementsTest extends WebTest {

    @Autowired
    Jdbi jdbi;

    private record Taken(long quizId, long userId, long enrollmentId) {
    }

    private Taken quizTakenBy() {
        Account instructor = account("INSTRUCTOR");
        long course = post("/api/courses", Map.of("title", "Async starts " + System.nanoTime(), "summary", "About it"),
                instructor.token()).json().get("id").asLong();
        long module = post("/api/courses/" + course + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        long lesson = post("/api/modules/" + module + "/lessons", Map.of("title", "Check", "kind", "QUIZ"),
                instructor.token()).json().get("id").asLong();
        post("/api/courses/" + course + "/status", Map.of("status", "PUBLISHED"), instructor.token());
        Response quiz = send("PUT", "/api/teach/lessons/" + lesson + "/quiz", Map.of("passing_percent", 50,
                "questions", List.of(Map.of("kind", "TRUE_FALSE", "prompt", "1 + 1 = 2", "points", 1, "truth", true))),
                instructor.token());
        assertThat(quiz.status()).as(quiz.body()).isEqualTo(200);
        Account learner = account();
        Response enrolled = post("/api/enrollments", Map.of("course_id", course), learner.token());
        assertThat(enrolled.status()).as(enrolled.body()).isIn(200, 201);
        return new Taken(quiz.json().get("quiz_id").asLong(), learner.id(), enrolled.json().get("id").asLong());
    }

    private static AttemptStatements.Start start(org.jdbi.v3.core.Handle h, Taken t) {
        return AttemptStatements.start(h, t.quizId(), t.userId(), t.enrollmentId(), 1,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, "{}", null, 0);
    }

    @Test
    void theAsynchronousCommitEndsWithTheStartAndTheAttemptIsCommitted() {
        Taken taken = quizTakenBy();
        String after = jdbi.withHandle(h -> {
            assertThat(start(h, taken).inserted()).isNotNull();
            return h.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
        });
        assertThat(after).as("the connection after a start").isEqualTo("on");
        assertThat(count("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ? AND status = 'STARTED'",
                taken.quizId())).as("seen from another connection").isEqualTo(1);
    }

    @Test
    void aStartRefusesToJoinATransaction() {
        Taken taken = quizTakenBy();
        assertThatThrownBy(() -> jdbi.useTransaction(h -> start(h, taken)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("asynchronously");
        assertThat(count("SELECT count(*) FROM quiz_attempts WHERE quiz_id = ?", taken.quizId())).isZero();
    }
}
