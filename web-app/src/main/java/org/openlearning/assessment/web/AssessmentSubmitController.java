package org.openlearning.assessment.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.assessment.LessonSubmissions;
import org.openlearning.catalog.LessonKind;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** One submit endpoint for every graded lesson: dispatches on the lesson's kind (quiz, assignment). */
@RestController
class AssessmentSubmitController {

    private final Jdbi jdbi;
    private final Map<LessonKind, LessonSubmissions> byKind = new EnumMap<>(LessonKind.class);
    /** A lesson's kind, asked once a minute at most: submits come in bursts at deadlines. */
    private final Cache<Long, LessonKind> kinds = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    AssessmentSubmitController(Jdbi jdbi, List<LessonSubmissions> submissions) {
        this.jdbi = jdbi;
        for (LessonSubmissions s : submissions) {
            if (byKind.put(s.kind(), s) != null) {
                throw new IllegalStateException("two submission beans for " + s.kind());
            }
        }
    }

    @PostMapping("/api/assessments/{lessonId}/submit")
    ResponseEntity<?> submit(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody(required = false) JsonNode body) {
        LessonKind kind = kinds.getIfPresent(lessonId);
        if (kind == null) {
            kind = jdbi.withHandle(h -> h.createQuery("SELECT kind FROM lessons WHERE id = :id")
                            .bind("id", lessonId).mapTo(LessonKind.class).findOne())
                    .orElseThrow(() -> ApiException.notFound("No such lesson"));
            kinds.put(lessonId, kind);
        }
        LessonSubmissions submissions = byKind.get(kind);
        if (submissions == null) {
            throw ApiException.notFound("This lesson takes no submissions");
        }
        return submissions.submit(user, lessonId, body == null ? NullNode.getInstance() : body);
    }
}
