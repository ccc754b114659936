package org.openlearning.video.web;

import java.util.List;

import org.openlearning.catalog.LessonKind;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.video.UploadView;
import org.openlearning.video.VideoUploadDao.VideoLesson;
import org.openlearning.video.VideoUploadProperties;
import org.openlearning.video.VideoUploads;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The instructor's video pages: the lesson editor (which version plays, upload a new one, this lesson's
 * uploads live) and every upload to their courses, followed live.
 */
@Controller
class VideoPageController {

    static final int LISTED = 200;

    private final VideoUploads uploads;
    private final VideoUploadProperties properties;

    VideoPageController(VideoUploads uploads, VideoUploadProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    @GetMapping("/teach/lessons/{lessonId}")
    String lesson(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId, Model model) {
        VideoLesson lesson;
        try {
            lesson = uploads.lesson(user, lessonId);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status());
        }
        List<UploadView> list = lesson.kind() == LessonKind.VIDEO ? uploads.forLesson(user, lessonId, LISTED)
                : List.of();
        model.addAttribute("lesson", lesson);
        model.addAttribute("video", lesson.kind() == LessonKind.VIDEO);
        model.addAttribute("quizLesson", lesson.kind() == LessonKind.QUIZ); // its editor: quiz-editor.js
        model.addAttribute("playing", lesson.videoUploadId() == null ? null
                : list.stream().filter(u -> u.id() == lesson.videoUploadId()).findFirst()
                        .orElseGet(() -> uploads.find(user, lesson.videoUploadId())));
        model.addAttribute("uploads", list);
        model.addAttribute("maxSize", UploadView.size(properties.maxSize().toBytes()));
        return "teach/lesson";
    }

    @GetMapping("/teach/uploads")
    String all(@AuthenticationPrincipal PlatformUser user, Model model) {
        model.addAttribute("uploads", uploads.recent(user, LISTED));
        return "teach/uploads";
    }
}
