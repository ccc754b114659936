package org.openlearning.video.web;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.video.LessonPlayback;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The lesson player page: hls.js through the edge, for whoever may watch. */
@Controller
class LessonPlayerController {

    private final LessonPlayback playback;

    LessonPlayerController(LessonPlayback playback) {
        this.playback = playback;
    }

    @GetMapping("/learn/lessons/{lessonId}")
    String player(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId, Model model) {
        LessonPlayback.Lesson lesson;
        try {
            lesson = playback.watchable(user, lessonId);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                LessonPlayback.Lesson visible = playback.lesson(lessonId);
                return "redirect:/courses/" + visible.courseSlug() + "?enroll=required";
            }
            throw new ResponseStatusException(e.status());
        }
        model.addAttribute("lesson", lesson);
        model.addAttribute("playback", playback.of(lesson).orElse(null));
        return "learn/lesson";
    }
}
