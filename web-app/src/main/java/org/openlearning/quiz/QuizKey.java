package org.openlearning.quiz;

import java.util.List;

/**
 * One version of a quiz with its answer keys: what grading needs, as cached in Redis under
 * (quiz, version). A version never changes, so a cached key is never stale, only superseded.
 */
public record QuizKey(long id, long lessonId, long courseId, int version, int passingPercent, Integer maxAttempts,
        int cooldownSeconds, Integer timeLimitSeconds, LatePolicy latePolicy, boolean shuffleOptions,
        List<Question> questions) {

    public record Option(String id, String text) {
    }

    /**
     * The key of one question; which fields are set depends on the kind: {@code correct} option ids
     * (SINGLE, MULTIPLE), {@code truth} (TRUE_FALSE), {@code value} and {@code tolerance} (NUMERIC),
     * {@code accepted} and {@code caseSensitive} (TEXT).
     */
    public record AnswerKey(List<String> correct, Boolean truth, Double value, Double tolerance,
            List<String> accepted, Boolean caseSensitive) {
    }

    public record Question(long id, QuestionKind kind, String prompt, int points, String explanation,
            List<Option> options, AnswerKey key) {

        public Option option(String optionId) {
            for (Option o : options) {
                if (o.id().equals(optionId)) {
                    return o;
                }
            }
            return null;
        }
    }

    public int maxScore() {
        int total = 0;
        for (Question q : questions) {
            total += q.points();
        }
        return total;
    }

    public Question question(long questionId) {
        for (Question q : questions) {
            if (q.id() == questionId) {
                return q;
            }
        }
        return null;
    }

    /** Whether {@code score} of {@link #maxScore()} meets the passing percentage. */
    public boolean passes(int score) {
        int max = maxScore();
        return max > 0 && score * 100L >= (long) passingPercent * max;
    }
}
