package org.openlearning.video.web;

import java.io.IOException;
import java.util.List;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.video.UploadView;
import org.openlearning.video.VideoParts;
import org.openlearning.video.VideoParts.PartReceived;
import org.openlearning.video.VideoUploads;
import org.openlearning.video.VideoUploads.NewUpload;
import org.openlearning.video.VideoUploads.Started;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Resumable video uploads over the JSON API (the course's instructors and admins): start or resume,
 * send parts as raw bytes, complete, then follow the transcode; retry a failed one, cancel one in progress.
 */
@RestController
class VideoUploadApiController {

    static final int LISTED = 100;

    private final VideoUploads uploads;
    private final VideoParts parts;

    VideoUploadApiController(VideoUploads uploads, VideoParts parts) {
        this.uploads = uploads;
        this.parts = parts;
    }

    /** 201 with a new upload; 200 with the unfinished upload of the same file, to resume it. */
    @PostMapping("/api/lessons/{lessonId}/video-uploads")
    ResponseEntity<UploadView> start(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId,
            @RequestBody NewUpload body) {
        Started started = uploads.start(user, lessonId, body);
        return ResponseEntity.status(started.resumed() ? HttpStatus.OK : HttpStatus.CREATED).body(started.upload());
    }

    @GetMapping("/api/lessons/{lessonId}/video-uploads")
    List<UploadView> forLesson(@AuthenticationPrincipal PlatformUser user, @PathVariable long lessonId) {
        return uploads.forLesson(user, lessonId, LISTED);
    }

    @PutMapping("/api/video-uploads/{id}/parts/{n}")
    PartReceived part(@AuthenticationPrincipal PlatformUser user, @PathVariable long id, @PathVariable int n,
            HttpServletRequest request) throws IOException {
        return parts.receive(user, id, n, request.getInputStream(), request.getContentLengthLong());
    }

    @PostMapping("/api/video-uploads/{id}/complete")
    ResponseEntity<UploadView> complete(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(parts.complete(user, id));
    }

    @GetMapping("/api/video-uploads/{id}")
    UploadView status(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        return uploads.find(user, id);
    }

    /** The uploads with the given ids (for live pages), or else the latest to the caller's courses. */
    @GetMapping("/api/video-uploads")
    List<UploadView> list(@AuthenticationPrincipal PlatformUser user,
            @RequestParam(required = false) List<Long> ids) {
        if (ids == null) {
            return uploads.recent(user, LISTED);
        }
        if (ids.size() > LISTED) {
            throw ApiException.badRequest("ids", "ask for at most " + LISTED + " uploads at a time");
        }
        return uploads.find(user, ids);
    }

    @PostMapping("/api/video-uploads/{id}/retry")
    ResponseEntity<UploadView> retry(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        return ResponseEntity.status(HttpStatus.CREATED).body(uploads.retry(user, id));
    }

    @DeleteMapping("/api/video-uploads/{id}")
    UploadView cancel(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        return uploads.cancel(user, id);
    }
}
