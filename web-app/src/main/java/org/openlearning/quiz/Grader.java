package org.openlearning.quiz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openlearning.error.ApiException;
import org.openlearning.quiz.QuizKey.Question;

import tools.jackson.databind.JsonNode;

/**
 * Reads a learner's answers against a quiz's key and grades them. Pure: no I/O, so the submit path
 * spends its time here only on arithmetic. Every question is all or nothing; a question left
 * unanswered scores zero. Answers name options by id, so the order the options were shown in plays
 * no part.
 */
public final class Grader {

    /** One answer, as read: exactly the field of its question's kind is set. */
    public record Answer(long questionId, String choice, List<String> choices, Boolean value, Double number,
            String text) {
    }

    /** How one question went, with what the learner answered and what was right, for people to read. */
    public record Feedback(long questionId, QuestionKind kind, String prompt, int points, int pointsAwarded,
            boolean correct, boolean answered, String yourAnswer, String correctAnswer, String explanation) {
    }

    public record Graded(int score, int maxScore, boolean passed, List<Feedback> feedback) {
    }

    static final int MAX_TEXT = 1000;

    private Grader() {
    }

    /**
     * Reads {@code answers}: each an object with a known {@code question_id}, at most once per
     * question, carrying the field of that question's kind (or null for "no answer"). 422 naming
     * {@code answers[i].field} otherwise.
     */
    public static List<Answer> read(QuizKey key, List<JsonNode> answers) {
        if (answers == null) {
            throw ApiException.invalid("answers", "answers is required (send [] to answer nothing)");
        }
        List<Answer> read = new ArrayList<>(answers.size());
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            JsonNode a = answers.get(i);
            String at = "answers[" + i + "]";
            if (a == null || !a.isObject()) {
                throw ApiException.invalid(at, at + " is not an object {question_id, ...}");
            }
            JsonNode id = a.get("question_id");
            if (id == null || !id.isIntegralNumber()) {
                throw ApiException.invalid(at + ".question_id", at + ".question_id must be a question's id");
            }
            Question q = key.question(id.longValue());
            if (q == null) {
                throw ApiException.invalid(at + ".question_id", "this quiz has no question " + id.asString());
            }
            if (!seen.add(q.id())) {
                throw ApiException.invalid(at + ".question_id", "question " + q.id() + " is answered twice");
            }
            for (String field : new String[] {"choice", "choices", "value", "text"}) {
                JsonNode other = a.get(field);
                if (!field.equals(q.kind().answerField()) && other != null && !other.isNull()) {
                    throw ApiException.invalid(at + "." + field, wrongType(q));
                }
            }
            read.add(answer(q, a.get(q.kind().answerField()), at + "." + q.kind().answerField()));
        }
        return read;
    }

    private static Answer answer(Question q, JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return new Answer(q.id(), null, null, null, null, null);
        }
        switch (q.kind()) {
            case SINGLE -> {
                if (!v.isString()) {
                    throw ApiException.invalid(field, wrongType(q));
                }
                return new Answer(q.id(), option(q, v.stringValue(), field), null, null, null, null);
            }
            case MULTIPLE -> {
                if (!v.isArray()) {
                    throw ApiException.invalid(field, wrongType(q));
                }
                Set<String> ids = new LinkedHashSet<>();
                for (JsonNode c : v) {
                    if (!c.isString()) {
                        throw ApiException.invalid(field, wrongType(q));
                    }
                    ids.add(option(q, c.stringValue(), field));
                }
                return new Answer(q.id(), null, List.copyOf(ids), null, null, null);
            }
            case TRUE_FALSE -> {
                if (!v.isBoolean()) {
                    throw ApiException.invalid(field, wrongType(q));
                }
                return new Answer(q.id(), null, null, v.booleanValue(), null, null);
            }
            case NUMERIC -> {
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw ApiException.invalid(field, wrongType(q));
                }
                return new Answer(q.id(), null, null, null, v.doubleValue(), null);
            }
            case TEXT -> {
                if (!v.isString()) {
                    throw ApiException.invalid(field, wrongType(q));
                }
                if (v.stringValue().length() > MAX_TEXT) {
                    throw ApiException.invalid(field, "an answer has at most " + MAX_TEXT + " characters");
                }
                return new Answer(q.id(), null, null, null, null, v.stringValue());
            }
            default -> throw new IllegalStateException(q.kind().name());
        }
    }

    private static String option(Question q, String id, String field) {
        if (q.option(id) == null) {
            throw ApiException.invalid(field, "'" + id + "' is not an option of question " + q.id());
        }
        return id;
    }

    private static String wrongType(Question q) {
        return switch (q.kind()) {
            case SINGLE -> "question " + q.id() + " takes one option id as \"choice\"";
            case MULTIPLE -> "question " + q.id() + " takes a list of option ids as \"choices\"";
            case TRUE_FALSE -> "question " + q.id() + " takes true or false as \"value\"";
            case NUMERIC -> "question " + q.id() + " takes a number as \"value\"";
            case TEXT -> "question " + q.id() + " takes a string as \"text\"";
        };
    }

    /** Grades answers (as {@link #read} returns them) against every question of the key. */
    public static Graded grade(QuizKey key, List<Answer> answers) {
        Map<Long, Answer> byQuestion = new HashMap<>();
        for (Answer a : answers) {
            byQuestion.put(a.questionId(), a);
        }
        int score = 0;
        List<Feedback> feedback = new ArrayList<>(key.questions().size());
        for (Question q : key.questions()) {
            Answer a = byQuestion.get(q.id());
            boolean answered = a != null && (a.choice() != null || a.choices() != null || a.value() != null
                    || a.number() != null || a.text() != null);
            boolean correct = answered && correct(q, a);
            int awarded = correct ? q.points() : 0;
            score += awarded;
            feedback.add(new Feedback(q.id(), q.kind(), q.prompt(), q.points(), awarded, correct, answered,
                    answered ? shown(q, a) : null, rightAnswer(q), q.explanation()));
        }
        return new Graded(score, key.maxScore(), key.passes(score), feedback);
    }

    static boolean correct(Question q, Answer a) {
        QuizKey.AnswerKey k = q.key();
        return switch (q.kind()) {
            case SINGLE -> a.choice() != null && k.correct().contains(a.choice());
            case MULTIPLE -> a.choices() != null && Set.copyOf(a.choices()).equals(Set.copyOf(k.correct()));
            case TRUE_FALSE -> a.value() != null && a.value().equals(k.truth());
            case NUMERIC -> a.number() != null && Math.abs(a.number() - k.value())
                    <= tolerance(k) + 1e-9 * Math.max(1, Math.abs(k.value()));
            case TEXT -> a.text() != null && k.accepted().stream()
                    .anyMatch(s -> normalized(s, caseSensitive(k)).equals(normalized(a.text(), caseSensitive(k))));
        };
    }

    private static double tolerance(QuizKey.AnswerKey k) {
        return k.tolerance() == null ? 0 : k.tolerance();
    }

    private static boolean caseSensitive(QuizKey.AnswerKey k) {
        return Boolean.TRUE.equals(k.caseSensitive());
    }

    /** Surrounding white space never matters, runs of it count as one space, case only when asked. */
    static String normalized(String text, boolean caseSensitive) {
        String t = text.strip().replaceAll("\\s+", " ");
        return caseSensitive ? t : t.toLowerCase(Locale.ROOT);
    }

    private static String shown(Question q, Answer a) {
        return switch (q.kind()) {
            case SINGLE -> q.option(a.choice()).text();
            case MULTIPLE -> a.choices().isEmpty() ? "(none)"
                    : a.choices().stream().map(id -> q.option(id).text()).collect(Collectors.joining("; "));
            case TRUE_FALSE -> a.value() ? "True" : "False";
            case NUMERIC -> number(a.number());
            case TEXT -> a.text();
        };
    }

    private static String rightAnswer(Question q) {
        QuizKey.AnswerKey k = q.key();
        return switch (q.kind()) {
            case SINGLE, MULTIPLE -> q.options().stream().filter(o -> k.correct().contains(o.id()))
                    .map(QuizKey.Option::text).collect(Collectors.joining("; "));
            case TRUE_FALSE -> k.truth() ? "True" : "False";
            case NUMERIC -> tolerance(k) > 0 ? number(k.value()) + " (± " + number(tolerance(k)) + ")"
                    : number(k.value());
            case TEXT -> String.join(" / ", k.accepted());
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
