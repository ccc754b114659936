package org.openlearning.quiz.web;

import java.util.ArrayList;
import java.util.List;

import org.openlearning.assessment.LessonSubmissions;
import org.openlearning.catalog.LessonKind;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.QuizLessons;
import org.openlearning.quiz.QuizSubmissions;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/assessments/{lesson_id}/submit} of a QUIZ lesson:
 * {@code {attempt_id, answers: [{question_id, choice | choices | value | text}]}}, graded at once.
 */
@Component
class QuizLessonSubmissions implements LessonSubmissions {

    private final QuizSubmissions submissions;
    private final QuizLessons lessons;

    QuizLessonSubmissions(QuizSubmissions submissions, QuizLessons lessons) {
        this.submissions = submissions;
        this.lessons = lessons;
    }

    @Override
    public LessonKind kind() {
        return LessonKind.QUIZ;
    }

    @Override
    public ResponseEntity<?> submit(PlatformUser user, long lessonId, JsonNode body) {
        JsonNode attempt = body.get("attempt_id");
        Long attemptId = null;
        if (attempt != null && !attempt.isNull()) {
            if (!attempt.canConvertToLong() || !attempt.isIntegralNumber()) {
                throw ApiException.invalid("attempt_id", "attempt_id must be a number");
            }
            attemptId = attempt.asLong();
        }
        JsonNode answers = body.get("answers");
        List<JsonNode> list = null;
        if (answers != null && !answers.isNull()) {
            if (!answers.isArray()) {
                throw ApiException.invalid("answers", "answers must be a list");
            }
            list = new ArrayList<>();
            for (JsonNode a : answers) {
                list.add(a);
            }
        }
        Long attemptOf = attemptId;
        List<JsonNode> given = list;
        return ResponseEntity.ok(lessons.withQuiz(lessonId, quiz -> submissions.submit(user, quiz, attemptOf, given)));
    }
}
