package org.openlearning.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openlearning.catalog.CourseEditing;
import org.openlearning.error.ApiException;
import org.openlearning.quiz.QuizAuthoring.OptionForm;
import org.openlearning.quiz.QuizAuthoring.QuestionForm;
import org.openlearning.quiz.QuizAuthoring.QuizForm;
import org.openlearning.quiz.QuizDao.QuestionRow;
import org.openlearning.quiz.QuizDao.QuizLesson;
import org.openlearning.quiz.QuizDao.QuizRow;
import org.openlearning.quiz.QuizKey.AnswerKey;
import org.openlearning.quiz.QuizKey.Option;

import tools.jackson.databind.json.JsonMapper;

/** Checks an instructor's quiz before it is saved; every refusal names the field (422). */
final class QuizForms {

    private QuizForms() {
    }

    static QuizRow settings(QuizForm form, QuizLesson lesson) {
        int passing = within("passing_percent", form.passingPercent(), 70, 0, 100);
        Integer maxAttempts = form.maxAttempts() == null || form.maxAttempts() == 0 ? null
                : within("max_attempts", form.maxAttempts(), 1, 1, 1000);
        int cooldown = within("cooldown_seconds", form.cooldownSeconds(), 0, 0, 2_592_000);
        Integer timeLimit = form.timeLimitSeconds() == null || form.timeLimitSeconds() == 0 ? null
                : within("time_limit_seconds", form.timeLimitSeconds(), 0, 10, 86_400);
        LatePolicy late;
        try {
            late = form.latePolicy() == null || form.latePolicy().isBlank() ? LatePolicy.GRADE_AT_DEADLINE
                    : LatePolicy.valueOf(form.latePolicy().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("late_policy", "late_policy is GRADE_AT_DEADLINE or REFUSE");
        }
        return new QuizRow(0, lesson.lessonId(), lesson.courseId(), passing, maxAttempts, cooldown, timeLimit, late,
                form.shuffleOptions() == null || form.shuffleOptions(), 0);
    }

    static List<QuestionRow> questions(List<QuestionForm> forms, JsonMapper json) {
        List<QuestionForm> list = forms == null ? List.of() : forms;
        if (list.size() > QuizAuthoring.MAX_QUESTIONS) {
            throw ApiException.invalid("questions", "a quiz has at most " + QuizAuthoring.MAX_QUESTIONS + " questions");
        }
        List<QuestionRow> rows = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            QuestionForm q = list.get(i);
            String at = "questions[" + i + "]";
            if (q == null) {
                throw ApiException.invalid(at, at + " is empty");
            }
            QuestionKind kind;
            try {
                kind = QuestionKind.valueOf(q.kind() == null ? "" : q.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(at + ".kind", "kind is one of SINGLE, MULTIPLE, TRUE_FALSE, NUMERIC, TEXT");
            }
            String prompt = CourseEditing.text(at + ".prompt", q.prompt(), 5000, true);
            int points = within(at + ".points", q.points(), 1, 1, 1000);
            String explanation = CourseEditing.text(at + ".explanation", q.explanation(), 5000, false);
            List<Option> options = new ArrayList<>();
            AnswerKey key = switch (kind) {
                case SINGLE, MULTIPLE -> choices(at, kind, q.options(), options);
                case TRUE_FALSE -> {
                    if (q.truth() == null) {
                        throw ApiException.invalid(at + ".truth", "say whether the statement is true or false");
                    }
                    yield new AnswerKey(null, q.truth(), null, null, null, null);
                }
                case NUMERIC -> {
                    if (q.value() == null || !Double.isFinite(q.value())) {
                        throw ApiException.invalid(at + ".value", "enter the correct number");
                    }
                    double tolerance = q.tolerance() == null ? 0 : q.tolerance();
                    if (!Double.isFinite(tolerance) || tolerance < 0) {
                        throw ApiException.invalid(at + ".tolerance", "the tolerance is a number of at least 0");
                    }
                    yield new AnswerKey(null, null, q.value(), tolerance, null, null);
                }
                case TEXT -> {
                    List<String> accepted = q.acceptedAnswers() == null ? List.of() : q.acceptedAnswers().stream()
                            .map(s -> s == null ? "" : s.strip()).filter(s -> !s.isEmpty()).distinct().toList();
                    if (accepted.isEmpty() || accepted.size() > 20
                            || accepted.stream().anyMatch(s -> s.length() > Grader.MAX_TEXT)) {
                        throw ApiException.invalid(at + ".accepted_answers",
                                "give 1 to 20 accepted answers of at most " + Grader.MAX_TEXT + " characters");
                    }
                    yield new AnswerKey(null, null, null, null, accepted, Boolean.TRUE.equals(q.caseSensitive()));
                }
            };
            rows.add(new QuestionRow(0, i + 1, kind, prompt, points, explanation, json.writeValueAsString(options),
                    json.writeValueAsString(key)));
        }
        return rows;
    }

    private static AnswerKey choices(String at, QuestionKind kind, List<OptionForm> forms, List<Option> options) {
        List<OptionForm> list = forms == null ? List.of() : forms;
        if (list.size() < 2 || list.size() > QuizAuthoring.MAX_OPTIONS) {
            throw ApiException.invalid(at + ".options", "a choice question has 2 to " + QuizAuthoring.MAX_OPTIONS
                    + " options");
        }
        List<String> correct = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
            OptionForm o = list.get(j);
            String text = CourseEditing.text(at + ".options[" + j + "].text", o == null ? null : o.text(), 1000, true);
            String id = Integer.toString(j + 1);
            if (options.stream().anyMatch(x -> x.text().equals(text))) {
                throw ApiException.invalid(at + ".options[" + j + "].text", "two options read the same");
            }
            options.add(new Option(id, text));
            if (Boolean.TRUE.equals(o.correct())) {
                correct.add(id);
            }
        }
        if (kind == QuestionKind.SINGLE && correct.size() != 1) {
            throw ApiException.invalid(at + ".options", "mark exactly one option correct");
        }
        if (kind == QuestionKind.MULTIPLE && correct.isEmpty()) {
            throw ApiException.invalid(at + ".options", "mark at least one option correct");
        }
        return new AnswerKey(List.copyOf(correct), null, null, null, null, null);
    }

    private static int within(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ApiException.invalid(field, field + " is between " + min + " and " + max);
        }
        return v;
    }
}
