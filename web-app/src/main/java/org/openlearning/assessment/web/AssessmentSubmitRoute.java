package org.openlearning.assessment.web;

import org.openlearning.assessment.AssessmentSubmits;
import org.openlearning.identity.PlatformUser;
import org.openlearning.web.direct.DirectRoute;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/assessments/{lesson}/submit} with a token: exam week's hottest request, as the controller takes it. */
@Component
class AssessmentSubmitRoute implements DirectRoute {

    private final AssessmentSubmits submits;

    AssessmentSubmitRoute(AssessmentSubmits submits) {
        this.submits = submits;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/assessments/{}/submit";
    }

    @Override
    public Class<?> body() {
        return JsonNode.class;
    }

    @Override
    public ResponseEntity<?> answer(PlatformUser user, long[] ids, Object body) {
        return submits.submit(user, ids[0], (JsonNode) body);
    }
}
