package org.openlearning.assessment.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.openlearning.assessment.LessonSubmissions;
import org.openlearning.catalog.LessonKind;
import org.openlearning.catalog.LessonLookup;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** One submit endpoint for every graded lesson: dispatches on the lesson's kind (quiz, assignment). */
@RestController
class AssessmentSubmitController {

    /** The lesson's kind, through the lookup's cache: submits come in bursts at deadlines. */
    private final LessonLookup lessons;
    private final Map<LessonKind, LessonSubmissions> byKind = new EnumMap<>(LessonKind.class);

    AssessmentSubmitController(LessonLookup lessons, List<LessonSubmissions> submissions) {
        this.lessons = lessons;
        for (LessonSubmissions s : submissions) {
            if (byKind.put(s.kind(), s) != null) {
                throw new IllegalStateException("two submission beans for " + s.kind());
            }
        }
    }

    @PostMapping("/api/assessments/{lessonId}/submit")
    ResponseEntity<?> submit(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody(required = false) JsonNode body) {
        LessonKind kind = lessons.find(lessonId).map(LessonLookup.LessonInfo::kind)
                .orElseThrow(() -> ApiException.notFound("No such lesson"));
        LessonSubmissions submissions = byKind.get(kind);
        if (submissions == null) {
            throw ApiException.notFound("This lesson takes no submissions");
        }
        return submissions.submit(user, lessonId, body == null ? NullNode.getInstance() : body);
    }
}
