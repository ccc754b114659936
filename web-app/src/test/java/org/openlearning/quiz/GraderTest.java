package org.openlearning.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openlearning.error.ApiException;
import org.openlearning.quiz.QuizKey.AnswerKey;
import org.openlearning.quiz.QuizKey.Option;
import org.openlearning.quiz.QuizKey.Question;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GraderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<Option> PLANETS = List.of(new Option("1", "Mercury"), new Option("2", "Venus"),
            new Option("3", "Earth"), new Option("4", "Mars"));

    private static final QuizKey KEY = new QuizKey(7, 70, 700, 1, 60, null, 0, null, LatePolicy.GRADE_AT_DEADLINE,
            true, List.of(
                    new Question(11, QuestionKind.SINGLE, "Closest to the sun?", 2, "Mercury orbits closest.", PLANETS,
                            new AnswerKey(List.of("1"), null, null, null, null, null)),
                    new Question(12, QuestionKind.MULTIPLE, "Which have no moons?", 3, null, PLANETS,
                            new AnswerKey(List.of("1", "2"), null, null, null, null, null)),
                    new Question(13, QuestionKind.TRUE_FALSE, "Mars is red.", 1, null, List.of(),
                            new AnswerKey(null, true, null, null, null, null)),
                    new Question(14, QuestionKind.NUMERIC, "Pi to two places?", 2, null, List.of(),
                            new AnswerKey(null, null, 3.14, 0.005, null, null)),
                    new Question(15, QuestionKind.TEXT, "Our planet?", 2, null, List.of(),
                            new AnswerKey(null, null, null, null, List.of("Earth", "the Earth"), false)),
                    new Question(16, QuestionKind.TEXT, "Chemical symbol of sodium?", 1, null, List.of(),
                            new AnswerKey(null, null, null, null, List.of("Na"), true))));

    private static List<JsonNode> answers(String json) {
        List<JsonNode> list = new ArrayList<>();
        JSON.readTree(json).forEach(list::add);
        return list;
    }

    private static Grader.Graded grade(String json) {
        return Grader.grade(KEY, Grader.read(KEY, answers(json)));
    }

    private static void assertInvalid(String json, String field) {
        assertThatThrownBy(() -> Grader.read(KEY, answers(json)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void everyKindIsGradedRightWhenRight() {
        Grader.Graded g = grade("""
                [{"question_id": 11, "choice": "1"}, {"question_id": 12, "choices": ["2", "1"]},
                 {"question_id": 13, "value": true}, {"question_id": 14, "value": 3.1416},
                 {"question_id": 15, "text": "  THE   earth "}, {"question_id": 16, "text": "Na"}]
                """);
        assertThat(g.score()).isEqualTo(11);
        assertThat(g.maxScore()).isEqualTo(11);
        assertThat(g.passed()).isTrue();
        assertThat(g.feedback()).allSatisfy(f -> assertThat(f.correct()).isTrue());
        assertThat(g.feedback().get(0).explanation()).isEqualTo("Mercury orbits closest.");
        assertThat(g.feedback().get(1).yourAnswer()).isEqualTo("Venus; Mercury");
    }

    @Test
    void everyKindIsGradedWrongWhenWrong() {
        Grader.Graded g = grade("""
                [{"question_id": 11, "choice": "3"}, {"question_id": 12, "choices": ["1"]},
                 {"question_id": 13, "value": false}, {"question_id": 14, "value": 3.15},
                 {"question_id": 15, "text": "Mars"}, {"question_id": 16, "text": "NA"}]
                """);
        assertThat(g.score()).isZero();
        assertThat(g.passed()).isFalse();
        assertThat(g.feedback()).allSatisfy(f -> {
            assertThat(f.correct()).isFalse();
            assertThat(f.answered()).isTrue();
            assertThat(f.pointsAwarded()).isZero();
        });
        assertThat(g.feedback().get(0).correctAnswer()).isEqualTo("Mercury");
        assertThat(g.feedback().get(1).correctAnswer()).isEqualTo("Mercury; Venus");
        assertThat(g.feedback().get(3).correctAnswer()).isEqualTo("3.14 (± 0.005)");
        assertThat(g.feedback().get(4).correctAnswer()).isEqualTo("Earth / the Earth");
    }

    @Test
    void aMultipleChoiceWithASupersetOrSubsetOfTheRightOptionsIsWrong() {
        assertThat(grade("[{\"question_id\": 12, \"choices\": [\"1\", \"2\", \"3\"]}]").score()).isZero();
        assertThat(grade("[{\"question_id\": 12, \"choices\": []}]").score()).isZero();
        assertThat(grade("[{\"question_id\": 12, \"choices\": [\"2\", \"1\", \"1\"]}]").score()).isEqualTo(3);
    }

    @Test
    void numericAnswersCountWithinTheTolerance() {
        assertThat(grade("[{\"question_id\": 14, \"value\": 3.145}]").score()).isEqualTo(2);
        assertThat(grade("[{\"question_id\": 14, \"value\": 3.135}]").score()).isEqualTo(2);
        assertThat(grade("[{\"question_id\": 14, \"value\": 3.1451}]").score()).isZero();
        assertThat(grade("[{\"question_id\": 14, \"value\": 3}]").score()).isZero();
    }

    @Test
    void unansweredQuestionsScoreNothingAndPassingIsAPercentage() {
        Grader.Graded none = grade("[]");
        assertThat(none.score()).isZero();
        assertThat(none.feedback()).hasSize(6).allSatisfy(f -> assertThat(f.answered()).isFalse());
        // 7 of 11 = 63.6 % ≥ 60 %: passes; 6 of 11 = 54.5 %: fails
        assertThat(grade("""
                [{"question_id": 11, "choice": "1"}, {"question_id": 12, "choices": ["1", "2"]},
                 {"question_id": 13, "value": true}, {"question_id": 15, "text": "x"}, {"question_id": 16, "text": "Na"}]
                """).passed()).isTrue();
        assertThat(grade("""
                [{"question_id": 11, "choice": "1"}, {"question_id": 12, "choices": ["1", "2"]},
                 {"question_id": 13, "value": true}, {"question_id": 14, "value": null}]
                """).passed()).isFalse();
    }

    @Test
    void unknownQuestionsDuplicatesAndWrongTypesAreRefusedWithTheirField() {
        assertInvalid("[{\"question_id\": 99, \"choice\": \"1\"}]", "answers[0].question_id");
        assertInvalid("[{\"choice\": \"1\"}]", "answers[0].question_id");
        assertInvalid("[{\"question_id\": \"11\", \"choice\": \"1\"}]", "answers[0].question_id");
        assertInvalid("[{\"question_id\": 11, \"choice\": \"1\"}, {\"question_id\": 11, \"choice\": \"2\"}]",
                "answers[1].question_id");
        assertInvalid("[42]", "answers[0]");
        assertInvalid("[{\"question_id\": 11, \"choice\": \"9\"}]", "answers[0].choice");
        assertInvalid("[{\"question_id\": 11, \"choice\": 1}]", "answers[0].choice");
        assertInvalid("[{\"question_id\": 11, \"choices\": [\"1\"]}]", "answers[0].choices");
        assertInvalid("[{\"question_id\": 12, \"choices\": \"1\"}]", "answers[0].choices");
        assertInvalid("[{\"question_id\": 12, \"choices\": [\"1\", \"7\"]}]", "answers[0].choices");
        assertInvalid("[{\"question_id\": 13, \"value\": \"true\"}]", "answers[0].value");
        assertInvalid("[{\"question_id\": 14, \"value\": \"3.14\"}]", "answers[0].value");
        assertInvalid("[{\"question_id\": 14, \"text\": \"3.14\"}]", "answers[0].text");
        assertInvalid("[{\"question_id\": 15, \"text\": 3}]", "answers[0].text");
        assertInvalid("[{\"question_id\": 15, \"text\": \"" + "x".repeat(1001) + "\"}]", "answers[0].text");
        assertThatThrownBy(() -> Grader.read(KEY, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.field()).isEqualTo("answers"));
    }

    @Test
    void gradingDoesNotDependOnTheOrderOfAnswers() {
        String a = "[{\"question_id\": 12, \"choices\": [\"1\", \"2\"]}, {\"question_id\": 11, \"choice\": \"1\"}]";
        String b = "[{\"question_id\": 11, \"choice\": \"1\"}, {\"question_id\": 12, \"choices\": [\"2\", \"1\"]}]";
        assertThat(grade(a).score()).isEqualTo(grade(b).score()).isEqualTo(5);
    }
}
