package org.openlearning.quiz;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressWriter;
import org.openlearning.quiz.AttemptViews.Result;
import org.openlearning.quiz.Grader.Answer;
import org.openlearning.quiz.Grader.Graded;
import org.openlearning.quiz.QuizDao.AttemptRow;
import org.openlearning.quiz.QuizDao.Submitted;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Grading in the request. The answers are read and graded against the cached key first; then one
 * conditional UPDATE writes the grade if, and only if, the attempt is this learner's, still open, of
 * this quiz version and within its time — so of two submissions of one attempt (a double click, two
 * tabs, a retry) exactly one is graded, and the other gets the recorded grade back ({@code
 * replayed}, 200). Passing completes the quiz lesson through {@link ProgressWriter} in the same
 * transaction. Only when the UPDATE finds nothing does this look at the attempt to say why.
 */
@Service
public class QuizSubmissions {

    private final AnswerKeys keys;
    private final QuizDao quizzes;
    private final Jdbi jdbi;
    private final ProgressWriter progress;
    private final AttemptViews views;
    private final QuizProperties properties;
    private final QuizPasses passes;
    private final Clock clock;

    QuizSubmissions(AnswerKeys keys, QuizDao quizzes, Jdbi jdbi, ProgressWriter progress, AttemptViews views,
            QuizProperties properties, QuizPasses passes, @Qualifier("quizClock") Clock clock) {
        this.keys = keys;
        this.quizzes = quizzes;
        this.jdbi = jdbi;
        this.progress = progress;
        this.views = views;
        this.properties = properties;
        this.passes = passes;
        this.clock = clock;
    }

    public Result submit(PlatformUser user, long quizId, Long attemptId, List<JsonNode> answers) {
        QuizKey key = keys.current(quizId);
        if (attemptId == null) {
            throw ApiException.invalid("attempt_id", "attempt_id is required: start an attempt first");
        }
        for (int tries = 0; tries < 2; tries++) {
            List<Answer> read;
            try {
                read = Grader.read(key, answers);
            } catch (ApiException invalid) {
                // answers that do not fit the quiz: first make sure it is the quiz this attempt was given
                AttemptRow attempt = owned(user, quizId, attemptId);
                if ("STARTED".equals(attempt.status()) && attempt.quizVersion() != key.version() && tries == 0) {
                    key = keys.reload(quizId);
                    continue;
                }
                if (!"STARTED".equals(attempt.status())) {
                    return closed(key, attempt, user);
                }
                throw invalid;
            }
            Graded graded = Grader.grade(key, read);
            Instant now = now();
            QuizKey k = key;
            String answersJson = views.write(stored(read));
            String feedbackJson = views.write(graded.feedback());
            Optional<Submitted> done;
            if (!graded.passed() || passes.known(user.id(), quizId)) {
                // completes nothing: the grade alone, one statement outside a transaction
                done = jdbi.withHandle(h -> AttemptStatements.submit(h, attemptId, quizId, user.id(), k.version(), now,
                        properties.graceSeconds(), answersJson, graded.score(), graded.maxScore(), graded.passed(),
                        feedbackJson));
            } else {
                // perhaps the first pass: the grade and the lesson's completion commit together
                AtomicReference<ProgressWriter.Applied> completed = new AtomicReference<>();
                done = jdbi.inTransaction(h -> {
                    Optional<Submitted> s = AttemptStatements.submit(h, attemptId, quizId, user.id(), k.version(),
                            now, properties.graceSeconds(), answersJson, graded.score(), graded.maxScore(),
                            graded.passed(), feedbackJson);
                    s.filter(x -> !x.passedBefore())
                            .ifPresent(x -> completed.set(complete(h, k, x.enrollmentId(), now)));
                    return s;
                });
                progress.announce(completed.get());
            }
            if (done.isPresent()) {
                Submitted s = done.get();
                if (graded.passed() || s.passedBefore()) {
                    passes.remember(user.id(), quizId);
                }
                return views.result(key, attemptId, s.number(), "SUBMITTED", graded.score(), graded.maxScore(),
                        graded.passed(), false, now, graded.feedback(), s.usedBefore() + 1, false);
            }
            AttemptRow attempt = owned(user, quizId, attemptId);
            if (!"STARTED".equals(attempt.status())) {
                return closed(key, attempt, user);
            }
            if (attempt.quizVersion() != key.version()) {
                // this replica's idea of the current version is older than the attempt: look again
                key = keys.reload(quizId);
                continue;
            }
            if (timedOut(attempt, now)) {
                Result closed = closeTimedOut(key, attempt);
                if (closed == null) {
                    throw timeRanOut(quizzes.attempt(attemptId).orElseThrow());
                }
                return closed;
            }
        }
        throw ApiException.conflict(null, "this attempt changed while it was being submitted; submit it again");
    }

    /** A second submission of an attempt that is no longer open: its recorded grade, or why it has none. */
    private Result closed(QuizKey key, AttemptRow attempt, PlatformUser user) {
        switch (attempt.status()) {
            case "SUBMITTED":
                return views.recorded(key, attempt, quizzes.tally(user.id(), attempt.quizId()).used(), true);
            case "EXPIRED":
                throw timeRanOut(attempt);
            case "VOID":
                throw new ApiException(HttpStatus.CONFLICT, "quiz_changed", "the quiz was changed after this "
                        + "attempt started, so it cannot be graded; start a new attempt (it does not count)", null);
            default:
                throw new IllegalStateException("attempt " + attempt.id() + " is " + attempt.status());
        }
    }

    /** Keeps the answers so far; under GRADE_AT_DEADLINE they are what a late submission is graded on. */
    public Instant save(PlatformUser user, long quizId, long attemptId, List<JsonNode> answers) {
        QuizKey key = keys.current(quizId);
        List<Answer> read = Grader.read(key, answers);
        Instant now = now();
        if (quizzes.saveAnswers(attemptId, quizId, user.id(), now, properties.graceSeconds(),
                views.write(stored(read))) == 1) {
            return now;
        }
        AttemptRow attempt = owned(user, quizId, attemptId);
        if (!"STARTED".equals(attempt.status())) {
            throw ApiException.conflict(null, "this attempt is " + attempt.status().toLowerCase() + " already");
        }
        throw timeRanOut(attempt);
    }

    /** A submitted attempt's grade (or the reason it has none). */
    public Result result(PlatformUser user, long quizId, long attemptId) {
        QuizKey key = keys.current(quizId);
        AttemptRow attempt = owned(user, quizId, attemptId);
        if ("STARTED".equals(attempt.status()) && timedOut(attempt, now())) {
            Result closed = closeTimedOut(key, attempt);
            attempt = quizzes.attempt(attemptId).orElseThrow();
            if (closed != null) {
                return closed;
            }
        }
        if (!"SUBMITTED".equals(attempt.status()) && !"EXPIRED".equals(attempt.status())) {
            throw ApiException.conflict(null, "this attempt is " + attempt.status().toLowerCase() + "; it has no grade");
        }
        return views.recorded(key, attempt, quizzes.tally(user.id(), quizId).used(), false);
    }

    boolean timedOut(AttemptRow attempt, Instant now) {
        return attempt.deadline() != null && now.isAfter(attempt.deadline().plus(properties.grace()));
    }

    /**
     * Closes an open attempt whose time ran out: graded on the answers saved by the deadline
     * (GRADE_AT_DEADLINE; the result), or expired ungraded (REFUSE; null). Safe when another request
     * closes it at the same time: only one UPDATE finds it open.
     */
    Result closeTimedOut(QuizKey current, AttemptRow attempt) {
        QuizKey key = current.version() == attempt.quizVersion() ? current : null;
        if (key == null || key.latePolicy() == LatePolicy.REFUSE) {
            quizzes.expire(attempt.id(), current.maxScore());
            return null;
        }
        List<JsonNode> saved = attempt.answers() == null ? List.of() : listOf(views, attempt.answers());
        Graded graded = Grader.grade(key, Grader.read(key, saved));
        AtomicReference<ProgressWriter.Applied> completed = new AtomicReference<>();
        int changed = jdbi.inTransaction(h -> {
            int n = h.attach(QuizDao.class).gradeAtDeadline(attempt.id(), graded.score(), graded.maxScore(),
                    graded.passed(), views.write(graded.feedback()));
            if (n == 1 && graded.passed()) {
                completed.set(complete(h, key, attempt.enrollmentId(), attempt.deadline()));
            }
            return n;
        });
        progress.announce(completed.get());
        AttemptRow now = quizzes.attempt(attempt.id()).orElseThrow();
        int used = quizzes.tally(attempt.userId(), attempt.quizId()).used();
        return "SUBMITTED".equals(now.status()) ? views.recorded(key, now, used, changed == 0) : null;
    }

    private ProgressWriter.Applied complete(Handle h, QuizKey key, long enrollmentId, Instant at) {
        return progress.apply(h, List.of(new ProgressEvent(enrollmentId, key.lessonId(), 0, true, at.toEpochMilli())));
    }

    /** The attempt, if it is the caller's attempt at this quiz: 404 when there is none, 403 when another's. */
    private AttemptRow owned(PlatformUser user, long quizId, long attemptId) {
        AttemptRow attempt = quizzes.attempt(attemptId).filter(a -> a.quizId() == quizId)
                .orElseThrow(() -> ApiException.notFound("no attempt " + attemptId + " at quiz " + quizId));
        if (attempt.userId() != user.id()) {
            throw ApiException.forbidden("this attempt belongs to another learner");
        }
        return attempt;
    }

    private static ApiException timeRanOut(AttemptRow attempt) {
        return new ApiException(HttpStatus.CONFLICT, "time_limit_passed", "the time for this attempt ran out at "
                + attempt.deadline() + "; this quiz does not grade late submissions", null);
    }

    /** Answers as stored: the request's own shape, so a saved attempt can be shown and read again. */
    static List<Map<String, Object>> stored(List<Answer> answers) {
        List<Map<String, Object>> out = new ArrayList<>(answers.size());
        for (Answer a : answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("question_id", a.questionId());
            if (a.choice() != null) {
                m.put("choice", a.choice());
            } else if (a.choices() != null) {
                m.put("choices", a.choices());
            } else if (a.value() != null) {
                m.put("value", a.value());
            } else if (a.number() != null) {
                m.put("value", a.number());
            } else if (a.text() != null) {
                m.put("text", a.text());
            }
            out.add(m);
        }
        return out;
    }

    private static List<JsonNode> listOf(AttemptViews views, String json) {
        List<JsonNode> list = new ArrayList<>();
        views.readTree(json).forEach(list::add);
        return list;
    }

    /** PostgreSQL keeps microseconds: so does every time the API answers with. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
