package org.openlearning.video.web;

import org.openlearning.identity.PlatformUser;
import org.openlearning.video.LessonPlayback;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Signed, expiring edge URLs of a lesson's video, for enrolled learners, its instructors and admins. */
@RestController
class LessonPlaybackApiController {

    private final LessonPlayback playback;

    LessonPlaybackApiController(LessonPlayback playback) {
        this.playback = playback;
    }

    @GetMapping("/api/lessons/{lessonId}/playback")
    LessonPlayback.Playback playback(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return playback.playback(user, lessonId);
    }
}
