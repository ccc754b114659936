package org.openlearning.assessment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.openlearning.catalog.LessonKind;
import org.openlearning.catalog.LessonLookup;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** One submit for every graded lesson: hands the body to the {@link LessonSubmissions} of the lesson's kind. */
@Service
public class AssessmentSubmits {

    /** The lesson's kind, through the lookup's cache: submits come in bursts at deadlines. */
    private final LessonLookup lessons;
    private final Map<LessonKind, LessonSubmissions> byKind = new EnumMap<>(LessonKind.class);

    AssessmentSubmits(LessonLookup lessons, List<LessonSubmissions> submissions) {
        this.lessons = lessons;
        for (LessonSubmissions s : submissions) {
            if (byKind.put(s.kind(), s) != null) {
                throw new IllegalStateException("two submission beans for " + s.kind());
            }
        }
    }

    /** {@code body} null: none was sent. */
    public ResponseEntity<?> submit(PlatformUser user, long lessonId, JsonNode body) {
        LessonKind kind = lessons.find(lessonId).map(LessonLookup.LessonInfo::kind)
                .orElseThrow(() -> ApiException.notFound("No such lesson"));
        LessonSubmissions submissions = byKind.get(kind);
        if (submissions == null) {
            throw ApiException.notFound("This lesson takes no submissions");
        }
        return submissions.submit(user, lessonId, body == null ? NullNode.getInstance() : body);
    }
}
