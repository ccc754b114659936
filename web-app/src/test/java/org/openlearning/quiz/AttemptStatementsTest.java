package org.openlearning.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openlearning.web.QuizFixture;
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
        QuizFixture.Course course = QuizFixture.course(this, account("INSTRUCTOR"), "Async starts " + System.nanoTime(),
                QuizFixture.quiz());
        Account learner = account();
        return new Taken(course.quiz(), learner.id(), QuizFixture.enroll(this, learner, course));
    }

    private static AttemptStatements.Start start(Handle h, Taken t) {
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
