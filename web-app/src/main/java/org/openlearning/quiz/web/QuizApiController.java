package org.openlearning.quiz.web;

import java.time.Instant;
import java.util.List;

import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.AttemptViews.Result;
import org.openlearning.quiz.AttemptViews.Started;
import org.openlearning.quiz.QuizAttempts;
import org.openlearning.quiz.QuizAttempts.Overview;
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

/** Taking a quiz: the learner's standing, starting an attempt, saving answers, submitting them. */
@RestController
class QuizApiController {

    /** {@code answers}: [{question_id, choice | choices | value | text}]. */
    record Submission(Long attemptId, List<JsonNode> answers) {
    }

    record Answers(List<JsonNode> answers) {
    }

    record Saved(long attemptId, Instant savedAt) {
    }

    private final QuizAttempts attempts;
    private final QuizSubmissions submissions;

    QuizApiController(QuizAttempts attempts, QuizSubmissions submissions) {
        this.attempts = attempts;
        this.submissions = submissions;
    }

    @GetMapping("/api/assessments/{quizId}")
    Overview overview(@AuthenticationPrincipal PlatformUser user, @PathVariable long quizId) {
        return attempts.overview(user, quizId);
    }

    /** 201 with a new attempt; 200 with the learner's open attempt ({@code resumed}). */
    @PostMapping("/api/assessments/{quizId}/attempts")
    ResponseEntity<Started> start(@AuthenticationPrincipal PlatformUser user, @PathVariable long quizId) {
        Started started = attempts.start(user, quizId);
        return ResponseEntity.status(started.resumed() ? HttpStatus.OK : HttpStatus.CREATED).body(started);
    }

    @PostMapping("/api/assessments/{quizId}/submit")
    Result submit(@AuthenticationPrincipal PlatformUser user, @PathVariable long quizId,
            @RequestBody(required = false) Submission body) {
        Submission s = body == null ? new Submission(null, null) : body;
        return submissions.submit(user, quizId, s.attemptId(), s.answers());
    }

    @PutMapping("/api/assessments/{quizId}/attempts/{attemptId}/answers")
    Saved save(@AuthenticationPrincipal PlatformUser user, @PathVariable long quizId, @PathVariable long attemptId,
            @RequestBody(required = false) Answers body) {
        return new Saved(attemptId, submissions.save(user, quizId, attemptId, body == null ? null : body.answers()));
    }

    @GetMapping("/api/assessments/{quizId}/attempts/{attemptId}")
    Result attempt(@AuthenticationPrincipal PlatformUser user, @PathVariable long quizId,
            @PathVariable long attemptId) {
        return submissions.result(user, quizId, attemptId);
    }
}
