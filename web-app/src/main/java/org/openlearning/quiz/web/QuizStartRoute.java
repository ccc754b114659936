package org.openlearning.quiz.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.quiz.QuizAttempts;
import org.openlearning.quiz.QuizLessons;
import org.openlearning.web.direct.DirectRoute;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code POST /api/assessments/{lesson}/attempts} with a token: starting an attempt, as the controller does. */
@Component
class QuizStartRoute implements DirectRoute {

    private final QuizLessons lessons;
    private final QuizAttempts attempts;

    QuizStartRoute(QuizLessons lessons, QuizAttempts attempts) {
        this.lessons = lessons;
        this.attempts = attempts;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/assessments/{}/attempts";
    }

    /** The controller takes no body: none is read. */
    @Override
    public Class<?> body() {
        return null;
    }

    @Override
    public ResponseEntity<?> answer(PlatformUser user, long[] ids, Object body) {
        return QuizApiController.start(lessons, attempts, user, ids[0]);
    }
}
