package org.openlearning.quiz.web;

import java.time.Instant;
import java.util.List;

import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.AttemptViews.Result;
import org.openlearning.quiz.AttemptViews.Started;
import org.openlearning.quiz.QuizAttempts;
import org.openlearning.quiz.QuizAttempts.Overview;
import org.openlearning.quiz.QuizLessons;
import org.openlearning.quiz.QuizSubmissions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * Taking a quiz, addressed by its lesson's id: the learner's standing, starting an attempt, saving
 * answers. Submitting goes through the one submit endpoint of every graded lesson
 * ({@link QuizLessonSubmissions}).
 */
@RestController
class QuizApiController {

    record Answers(List<JsonNode> answers) {
    }

    record Saved(long attemptId, Instant savedAt) {
    }

    private final QuizAttempts attempts;
    private final QuizSubmissions submissions;
    private final QuizLessons lessons;

    QuizApiController(QuizAttempts attempts, QuizSubmissions submissions, QuizLessons lessons) {
        this.attempts = attempts;
        this.submissions = submissions;
        this.lessons = lessons;
    }

    @GetMapping("/api/assessments/{lessonId}")
    Overview overview(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return lessons.withQuiz(lessonId, quiz -> attempts.overview(user, quiz));
    }

    /**
     * 201 with a new attempt; 200 with the learner's open attempt ({@code resumed}). Token clients are
     * answered alike by {@link QuizStartRoute}, ahead of the general chain.
     */
    @PostMapping("/api/assessments/{lessonId}/attempts")
    ResponseEntity<Started> start(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return start(lessons, attempts, user, lessonId);
    }

    static ResponseEntity<Started> start(QuizLessons lessons, QuizAttempts attempts, PlatformUser user, long lessonId) {
        Started started = lessons.withQuiz(lessonId, quiz -> attempts.start(user, quiz));
        return ResponseEntity.status(started.resumed() ? HttpStatus.OK : HttpStatus.CREATED).body(started);
    }

    @PutMapping("/api/assessments/{lessonId}/attempts/{attemptId}/answers")
    Saved save(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId, @PathVariable long attemptId,
            @RequestBody(required = false) Answers body) {
        List<JsonNode> answers = body == null ? null : body.answers();
        return new Saved(attemptId, lessons.withQuiz(lessonId, quiz -> submissions.save(user, quiz, attemptId, answers)));
    }

    @GetMapping("/api/assessments/{lessonId}/attempts/{attemptId}")
    Result attempt(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @PathVariable long attemptId) {
        return lessons.withQuiz(lessonId, quiz -> submissions.result(user, quiz, attemptId));
    }
}
