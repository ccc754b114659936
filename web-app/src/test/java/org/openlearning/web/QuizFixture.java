package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Quizzes for the tests: a published course whose second lesson is a quiz with one question of every kind. */
public final class QuizFixture {

    /** The course, its reading and quiz lessons, and the quiz's id. */
    public record Course(long id, WebTest.Account instructor, long reading, long lesson, long quiz) {
    }

    private QuizFixture() {
    }

    /** One question of every kind; 10 points in all. Correct answers: see {@link #correctAnswers}. */
    static List<Map<String, Object>> everyKind() {
        return List.of(
                Map.of("kind", "SINGLE", "prompt", "Which clause filters groups?", "points", 2,
                        "explanation", "HAVING filters after GROUP BY; WHERE filters rows before it.",
                        "options", List.of(option("WHERE", false), option("HAVING", true), option("ORDER BY", false),
                                option("LIMIT", false))),
                Map.of("kind", "MULTIPLE", "prompt", "Which are aggregate functions?", "points", 3,
                        "explanation", "COUNT and SUM aggregate; LOWER works on one value.",
                        "options", List.of(option("COUNT", true), option("LOWER", false), option("SUM", true))),
                Map.of("kind", "TRUE_FALSE", "prompt", "NULL = NULL is true.", "points", 1, "truth", false,
                        "explanation", "Comparing with NULL gives NULL, not true."),
                Map.of("kind", "NUMERIC", "prompt", "What is 22 / 7, to two decimals?", "points", 2, "value", 3.14,
                        "tolerance", 0.005),
                Map.of("kind", "TEXT", "prompt", "Which keyword removes duplicate rows?", "points", 2,
                        "accepted_answers", List.of("DISTINCT", "SELECT DISTINCT")));
    }

    static Map<String, Object> option(String text, boolean correct) {
        return Map.of("text", text, "correct", correct);
    }

    /** A quiz document with the given settings over {@link #everyKind()}. */
    public static Map<String, Object> quiz(Object... settings) {
        Map<String, Object> quiz = new HashMap<>();
        quiz.put("passing_percent", 70);
        for (int i = 0; i < settings.length; i += 2) {
            quiz.put((String) settings[i], settings[i + 1]);
        }
        quiz.putIfAbsent("questions", everyKind());
        return quiz;
    }

    public static Course course(WebTest test, WebTest.Account instructor, String title, Map<String, Object> quiz) {
        WebTest.Response created = test.post("/api/courses", Map.of("title", title, "summary", "About " + title),
                instructor.token());
        long courseId = created.json().get("id").asLong();
        long module = test.post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        long reading = test.post("/api/modules/" + module + "/lessons", Map.of("title", "Notes", "kind", "READING",
                "body", "Read me."), instructor.token()).json().get("id").asLong();
        long lesson = test.post("/api/modules/" + module + "/lessons", Map.of("title", "Check: " + title, "kind",
                "QUIZ"), instructor.token()).json().get("id").asLong();
        test.post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructor.token());
        WebTest.Response saved = test.send("PUT", "/api/teach/lessons/" + lesson + "/quiz", quiz, instructor.token());
        if (saved.status() != 200) {
            throw new IllegalStateException("quiz not saved: " + saved.body());
        }
        return new Course(courseId, instructor, reading, lesson, saved.json().get("quiz_id").asLong());
    }

    /** Enrolls {@code learner} in the course; the enrollment's id. */
    public static long enroll(WebTest test, WebTest.Account learner, Course course) {
        WebTest.Response r = test.post("/api/enrollments", Map.of("course_id", course.id()), learner.token());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().get("id").asLong();
    }

    /** Right answers to {@link #everyKind()} for a started attempt (by question kind). */
    static List<Map<String, Object>> correctAnswers(JsonNode started) {
        return answers(started, true);
    }

    static List<Map<String, Object>> wrongAnswers(JsonNode started) {
        return answers(started, false);
    }

    private static List<Map<String, Object>> answers(JsonNode started, boolean right) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (JsonNode q : started.get("questions")) {
            long id = q.get("id").asLong();
            switch (q.get("kind").asString()) {
                case "SINGLE" -> answers.add(Map.of("question_id", id, "choice",
                        optionId(q, right ? "HAVING" : "WHERE")));
                case "MULTIPLE" -> answers.add(Map.of("question_id", id, "choices", right
                        ? List.of(optionId(q, "SUM"), optionId(q, "COUNT")) : List.of(optionId(q, "LOWER"))));
                case "TRUE_FALSE" -> answers.add(Map.of("question_id", id, "value", !right));
                case "NUMERIC" -> answers.add(Map.of("question_id", id, "value", right ? 3.143 : 3.2));
                case "TEXT" -> answers.add(Map.of("question_id", id, "text", right ? " distinct " : "UNIQUE"));
                default -> throw new IllegalStateException(q.toString());
            }
        }
        return answers;
    }

    static String optionId(JsonNode question, String text) {
        for (JsonNode o : question.get("options")) {
            if (o.get("text").asString().equals(text)) {
                return o.get("id").asString();
            }
        }
        throw new IllegalStateException("no option " + text + " in " + question);
    }
}
