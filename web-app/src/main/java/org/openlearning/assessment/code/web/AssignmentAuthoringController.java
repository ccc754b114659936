package org.openlearning.assessment.code.web;

import org.openlearning.assessment.code.AssignmentAuthoring;
import org.openlearning.assessment.code.AssignmentAuthoring.Form;
import org.openlearning.identity.PlatformUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The instructor's API of an ASSIGNMENT lesson's programming assignment (used by the lesson's teach page). */
@RestController
class AssignmentAuthoringController {

    private final AssignmentAuthoring authoring;

    AssignmentAuthoringController(AssignmentAuthoring authoring) {
        this.authoring = authoring;
    }

    @GetMapping("/api/teach/lessons/{lessonId}/assignment")
    Form get(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return authoring.get(user, lessonId);
    }

    @PutMapping("/api/teach/lessons/{lessonId}/assignment")
    Form save(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody(required = false) Form form) {
        return authoring.save(user, lessonId, form);
    }
}
