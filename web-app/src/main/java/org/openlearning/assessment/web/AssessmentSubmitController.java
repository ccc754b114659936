package org.openlearning.assessment.web;

import org.openlearning.assessment.AssessmentSubmits;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * One submit endpoint for every graded lesson (quiz, assignment), for browsers and whatever the
 * direct API lane leaves to the general chain ({@link AssessmentSubmitRoute} answers token clients alike).
 */
@RestController
class AssessmentSubmitController {

    private final AssessmentSubmits submits;

    AssessmentSubmitController(AssessmentSubmits submits) {
        this.submits = submits;
    }

    @PostMapping("/api/assessments/{lessonId}/submit")
    ResponseEntity<?> submit(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody(required = false) JsonNode body) {
        return submits.submit(user, lessonId, body);
    }
}
