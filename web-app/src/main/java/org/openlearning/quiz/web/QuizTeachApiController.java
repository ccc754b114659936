package org.openlearning.quiz.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.QuizAuthoring;
import org.openlearning.quiz.QuizAuthoring.QuizForm;
import org.openlearning.error.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Authoring a QUIZ lesson's quiz: the course's instructors and admins (403 for anyone else). */
@RestController
class QuizTeachApiController {

    private final QuizAuthoring authoring;

    QuizTeachApiController(QuizAuthoring authoring) {
        this.authoring = authoring;
    }

    @GetMapping("/api/teach/lessons/{lessonId}/quiz")
    QuizForm get(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return authoring.get(user, lessonId);
    }

    /** Replaces the quiz whole (settings and questions); a new version. */
    @PutMapping("/api/teach/lessons/{lessonId}/quiz")
    QuizForm put(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody(required = false) QuizForm form) {
        if (form == null) {
            throw ApiException.badRequest(null, "send the quiz as JSON {passing_percent, ..., questions: [...]}");
        }
        return authoring.put(user, lessonId, form);
    }
}
