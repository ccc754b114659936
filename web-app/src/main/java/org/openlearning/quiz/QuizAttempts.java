package org.openlearning.quiz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.enrollment.EnrollmentDao.EnrollmentRow;
import org.openlearning.enrollment.EnrollmentLookup;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.AttemptViews.Started;
import org.openlearning.quiz.QuizDao.AttemptRow;
import org.openlearning.quiz.QuizDao.Tally;
import org.openlearning.quiz.QuizKey.Option;
import org.openlearning.quiz.QuizKey.Question;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starting attempts and a learner's standing in a quiz. Starting checks the enrollment, the attempts
 * left and the cooldown, and writes the attempt (an intent record) with its own option order; a
 * start while an attempt is open returns that attempt (a reload, a second tab, a double click). An
 * open attempt whose time ran out is closed first, by the quiz's late policy.
 */
@Service
public class QuizAttempts {

    /** A learner's standing in a quiz, without its answer keys. */
    public record Overview(long quizId, long lessonId, int questionCount, int maxScore, int passingPercent,
            Integer maxAttempts, int cooldownSeconds, Integer timeLimitSeconds, LatePolicy latePolicy,
            int attemptsUsed, Integer attemptsLeft, Instant nextAttemptAt, boolean passed, Integer bestScore,
            Long openAttemptId, List<AttemptSummary> attempts) {
    }

    public record AttemptSummary(long id, int number, String status, Integer score, Integer maxScore,
            Boolean passed, boolean late, Instant startedAt, Instant submittedAt) {
    }

    static final int LISTED = 50;

    private final AnswerKeys keys;
    private final QuizDao quizzes;
    private final Jdbi jdbi;
    private final EnrollmentLookup enrollments;
    private final AttemptViews views;
    private final QuizSubmissions submissions;
    private final QuizPasses passes;
    private final Clock clock;

    QuizAttempts(AnswerKeys keys, QuizDao quizzes, Jdbi jdbi, EnrollmentLookup enrollments, AttemptViews views,
            QuizSubmissions submissions, QuizPasses passes, @Qualifier("quizClock") Clock clock) {
        this.keys = keys;
        this.quizzes = quizzes;
        this.jdbi = jdbi;
        this.enrollments = enrollments;
        this.views = views;
        this.submissions = submissions;
        this.passes = passes;
        this.clock = clock;
    }

    /** The quiz, if the learner may take it: 404 when there is none, 403 when not enrolled. */
    QuizKey takeable(PlatformUser user, long quizId) {
        QuizKey key = keys.current(quizId);
        enrollment(user, key);
        return key;
    }

    private EnrollmentRow enrollment(PlatformUser user, QuizKey key) {
        return enrollments.active(user.id(), key.courseId())
                .orElseThrow(() -> ApiException.forbidden("enroll in the course to take its quizzes"));
    }

    /** 201 semantics: a new attempt; {@code resumed} when the learner's open attempt is returned instead. */
    public Started start(PlatformUser user, long quizId) {
        QuizKey key = keys.current(quizId);
        EnrollmentRow enrollment = enrollment(user, key);
        if (key.questions().isEmpty()) {
            throw ApiException.conflict(null, "this quiz has no questions yet");
        }
        Instant now = now();
        Instant deadline = key.timeLimitSeconds() == null ? null : now.plusSeconds(key.timeLimitSeconds());
        String order = views.write(optionOrder(key));
        for (int tries = 0; tries < 3; tries++) {
            // one statement, its own transaction: it inserts the attempt only if the standing allows it
            AttemptStatements.Start start = jdbi.withHandle(h -> AttemptStatements.start(h, quizId, user.id(),
                    enrollment.id(), key.version(), now, deadline, order, key.maxAttempts(), key.cooldownSeconds()));
            if (start == null) {
                continue; // a concurrent start of this learner came first: the next turn returns theirs
            }
            Tally tally = start.standing().tally();
            if (tally.passed()) {
                passes.remember(user.id(), quizId);
            }
            if (start.inserted() != null) {
                return views.started(key, start.inserted(), false);
            }
            AttemptRow open = start.standing().open();
            if (open != null) {
                if (!submissions.timedOut(open, now)) {
                    return views.started(key, open, true);
                }
                // closed in its own transaction, so that it stays closed whatever this start decides
                submissions.closeTimedOut(key, open);
                continue;
            }
            if (key.maxAttempts() != null && tally.used() >= key.maxAttempts()) {
                throw new ApiException(HttpStatus.CONFLICT, "attempts_exhausted", "you have used all "
                        + key.maxAttempts() + " attempts of this quiz", null);
            }
            Instant next = nextAllowed(key, tally);
            if (next != null && now.isBefore(next)) {
                long wait = Math.max(1, Duration.between(now, next).toMillis() / 1000 + 1);
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "cooldown", "you may start the next attempt at "
                        + next + " (in " + wait + " s)", null);
            }
            // nothing inserted and nothing in the way: a concurrent start of this learner came first;
            // the next turn returns theirs
        }
        throw ApiException.conflict(null, "another attempt was started or finished at the same moment; try again");
    }

    static Instant nextAllowed(QuizKey key, Tally tally) {
        if (key.cooldownSeconds() == 0 || tally.lastFinishedAt() == null) {
            return null;
        }
        return tally.lastFinishedAt().plusSeconds(key.cooldownSeconds());
    }

    /** Each choice question's option ids in a fresh random order (or as authored, when not shuffled). */
    private static Map<String, List<String>> optionOrder(QuizKey key) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (Question q : key.questions()) {
            if (!q.kind().hasOptions()) {
                continue;
            }
            List<String> ids = new ArrayList<>(q.options().stream().map(Option::id).toList());
            if (key.shuffleOptions()) {
                Collections.shuffle(ids, ThreadLocalRandom.current());
            }
            order.put(Long.toString(q.id()), ids);
        }
        return order;
    }

    public Overview overview(PlatformUser user, long quizId) {
        QuizKey key = takeable(user, quizId);
        Instant now = now();
        Optional<AttemptRow> open = quizzes.openAttempt(user.id(), quizId);
        if (open.isPresent() && submissions.timedOut(open.get(), now)) {
            submissions.closeTimedOut(key, open.get());
            open = Optional.empty();
        }
        Tally tally = quizzes.tally(user.id(), quizId);
        List<AttemptSummary> attempts = quizzes.attempts(user.id(), quizId, LISTED).stream()
                .filter(a -> !"VOID".equals(a.status()))
                .map(a -> new AttemptSummary(a.id(), a.number(), a.status(), a.score(), a.maxScore(), a.passed(),
                        a.late(), a.startedAt(), a.submittedAt()))
                .toList();
        Integer left = key.maxAttempts() == null ? null : Math.max(0, key.maxAttempts() - tally.used());
        Instant next = nextAllowed(key, tally);
        return new Overview(key.id(), key.lessonId(), key.questions().size(), key.maxScore(), key.passingPercent(),
                key.maxAttempts(), key.cooldownSeconds(), key.timeLimitSeconds(), key.latePolicy(), tally.used(),
                left, next != null && next.isAfter(now) && (left == null || left > 0) ? next : null, tally.passed(),
                tally.bestScore(), open.map(AttemptRow::id).orElse(null), attempts);
    }

    /** PostgreSQL keeps microseconds: so does every time the API answers with. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
