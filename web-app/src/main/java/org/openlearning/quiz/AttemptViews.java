package org.openlearning.quiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openlearning.quiz.Grader.Feedback;
import org.openlearning.quiz.QuizDao.AttemptRow;
import org.openlearning.quiz.QuizKey.Option;
import org.openlearning.quiz.QuizKey.Question;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What learners see of quizzes and attempts: questions without their keys, and results. */
@Component
public class AttemptViews {

    /** A question as the learner sees it: options in this attempt's order, no key. */
    public record ShownQuestion(long id, QuestionKind kind, String prompt, int points, List<Option> options) {
    }

    /** An open attempt: what to answer and by when ({@code deadline} null when untimed). */
    public record Started(long attemptId, long quizId, int number, Instant startedAt, Instant deadline,
            Integer timeLimitSeconds, boolean resumed, int maxScore, int passingPercent,
            List<ShownQuestion> questions, JsonNode savedAnswers) {
    }

    /**
     * A graded attempt. {@code replayed}: this attempt had been submitted already and this is its
     * grade as recorded (the second submission changed nothing). {@code late}: graded as of the
     * deadline.
     */
    public record Result(long attemptId, long quizId, int number, String status, int score, int maxScore,
            double percent, boolean passed, int passingPercent, boolean late, Instant submittedAt,
            List<Feedback> feedback, int attemptsUsed, Integer attemptsLeft, Instant nextAttemptAt,
            boolean replayed) {
    }

    static final TypeReference<Map<String, List<String>>> ORDER = new TypeReference<>() {
    };
    private static final TypeReference<List<Feedback>> FEEDBACK = new TypeReference<>() {
    };

    private final JsonMapper json;

    AttemptViews(JsonMapper json) {
        this.json = json;
    }

    Started started(QuizKey key, AttemptRow attempt, boolean resumed) {
        Map<String, List<String>> order = json.readValue(attempt.optionOrder(), ORDER);
        List<ShownQuestion> shown = new ArrayList<>(key.questions().size());
        for (Question q : key.questions()) {
            List<String> ids = order.get(Long.toString(q.id()));
            List<Option> options = ids == null ? q.options() : ids.stream().map(q::option).toList();
            shown.add(new ShownQuestion(q.id(), q.kind(), q.prompt(), q.points(), options));
        }
        JsonNode saved = attempt.answers() == null ? null : json.readTree(attempt.answers());
        return new Started(attempt.id(), key.id(), attempt.number(), attempt.startedAt(), attempt.deadline(),
                key.timeLimitSeconds(), resumed, key.maxScore(), key.passingPercent(), shown, saved);
    }

    /** A result from what the attempt row recorded. */
    Result recorded(QuizKey key, AttemptRow a, int used, boolean replayed) {
        List<Feedback> feedback = a.feedback() == null ? List.of() : json.readValue(a.feedback(), FEEDBACK);
        Instant finished = a.submittedAt() != null ? a.submittedAt() : a.deadline();
        return result(key, a.id(), a.number(), a.status(), a.score() == null ? 0 : a.score(),
                a.maxScore() == null ? key.maxScore() : a.maxScore(), Boolean.TRUE.equals(a.passed()), a.late(),
                finished, feedback, used, replayed);
    }

    Result result(QuizKey key, long attemptId, int number, String status, int score, int maxScore, boolean passed,
            boolean late, Instant finishedAt, List<Feedback> feedback, int used, boolean replayed) {
        Integer left = key.maxAttempts() == null ? null : Math.max(0, key.maxAttempts() - used);
        Instant next = (left != null && left == 0) || key.cooldownSeconds() == 0 || finishedAt == null ? null
                : finishedAt.plusSeconds(key.cooldownSeconds());
        double percent = maxScore == 0 ? 0 : Math.round(1000.0 * score / maxScore) / 10.0;
        return new Result(attemptId, key.id(), number, status, score, maxScore, percent, passed,
                key.passingPercent(), late, finishedAt, feedback, used, left, next, replayed);
    }

    JsonNode readTree(String text) {
        return json.readTree(text);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }
}
