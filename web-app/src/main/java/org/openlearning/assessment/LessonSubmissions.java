package org.openlearning.assessment;

import org.openlearning.catalog.LessonKind;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;

/**
 * Takes a learner's submission to one kind of graded lesson: quiz answers are graded at once,
 * program source is stored and graded by a job. {@code POST /api/assessments/{lesson_id}/submit}
 * hands the request body to the bean of the lesson's kind.
 */
public interface LessonSubmissions {

    /** The kind of lesson this bean takes submissions for; one bean per kind. */
    LessonKind kind();

    /** Validates and records one submission of {@code user} to lesson {@code lessonId} (of {@link #kind()}). */
    ResponseEntity<?> submit(PlatformUser user, long lessonId, JsonNode body);
}
