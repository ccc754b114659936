package org.openlearning.assessment.code.web;

import java.util.List;

import org.openlearning.assessment.code.CodeSubmissions;
import org.openlearning.assessment.code.LearnerAssignment;
import org.openlearning.assessment.code.SubmissionView;
import org.openlearning.identity.PlatformUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Following code submissions: one submission's status and per-test results (polled by the page while
 * it is graded), a learner's submissions to an assignment, and the assignment as learners see it.
 * Submitting is {@code POST /api/assessments/{lesson_id}/submit}.
 */
@RestController
class CodeSubmissionApiController {

    private final CodeSubmissions submissions;
    private final LearnerAssignment assignments;

    CodeSubmissionApiController(CodeSubmissions submissions, LearnerAssignment assignments) {
        this.submissions = submissions;
        this.assignments = assignments;
    }

    @GetMapping("/api/code-submissions/{submissionId}")
    SubmissionView submission(@AuthenticationPrincipal PlatformUser user, @PathVariable long submissionId) {
        return submissions.view(user, submissionId);
    }

    @GetMapping("/api/assessments/{lessonId}/code-submissions")
    List<SubmissionView> mine(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return submissions.mine(user, lessonId);
    }

    @GetMapping("/api/assessments/{lessonId}/assignment")
    LearnerAssignment.View assignment(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return assignments.view(user, lessonId);
    }
}
