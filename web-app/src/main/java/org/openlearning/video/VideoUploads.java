package org.openlearning.video;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.openlearning.catalog.CourseEditing;
import org.openlearning.catalog.LessonKind;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.intent.IntentQueue;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.ObjectStore.ObjectStoreException;
import org.openlearning.video.VideoUploadDao.Part;
import org.openlearning.video.VideoUploadDao.VideoLesson;
import org.openlearning.video.VideoUploadDao.VideoUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An instructor's resumable video upload: an S3 multipart upload recorded in {@code video_uploads}, its
 * parts sent one request at a time ({@link VideoParts}); once whole, the record becomes the intent of
 * the transcode job. Only the course's instructors and admins see or touch a course's uploads.
 */
@Service
@EnableConfigurationProperties(VideoUploadProperties.class)
public class VideoUploads {

    public record NewUpload(String fileName, Long sizeBytes, String fingerprint) {
    }

    /** The upload and whether it was already there (the same file again: resume it). */
    public record Started(UploadView upload, boolean resumed) {
    }

    private static final Logger log = LoggerFactory.getLogger(VideoUploads.class);

    private final VideoUploadDao uploads;
    private final ObjectStore store;
    private final IntentQueue intents;
    private final CourseEditing editing;
    private final TransactionTemplate transaction;
    private final VideoUploadProperties properties;

    VideoUploads(VideoUploadDao uploads, ObjectStore store, IntentQueue intents, CourseEditing editing,
            TransactionTemplate transaction, VideoUploadProperties properties) {
        this.uploads = uploads;
        this.store = store;
        this.intents = intents;
        this.editing = editing;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Starts an upload of a lesson's video, or finds the unfinished upload of the same file to resume. */
    public Started start(PlatformUser user, long lessonId, NewUpload form) {
        VideoLesson lesson = lesson(user, lessonId);
        if (lesson.kind() != LessonKind.VIDEO) {
            throw ApiException.invalid("lesson", "only a video lesson takes a video; this lesson is a "
                    + lesson.kind().name().toLowerCase(Locale.ROOT));
        }
        String name = form.fileName() == null ? "" : form.fileName().strip();
        if (name.isEmpty() || name.length() > 500) {
            throw ApiException.invalid("file_name", "file_name has 1 to 500 characters");
        }
        if (form.sizeBytes() == null || form.sizeBytes() < 1) {
            throw ApiException.invalid("size_bytes", "the file is empty");
        }
        if (form.sizeBytes() > properties.maxSize().toBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "a video is at most "
                    + UploadView.size(properties.maxSize().toBytes()), "size_bytes");
        }
        String fingerprint = form.fingerprint() == null ? "" : form.fingerprint().strip();
        if (fingerprint.isEmpty() || fingerprint.length() > 1000) {
            throw ApiException.invalid("fingerprint", "fingerprint has 1 to 1000 characters");
        }
        var resumable = uploads.findResumable(lessonId, user.id(), fingerprint)
                .filter(u -> u.sizeBytes() == form.sizeBytes());
        if (resumable.isPresent()) {
            return new Started(view(resumable.get()), true);
        }
        String key = "uploads/video/" + lessonId + "/" + UUID.randomUUID() + "/" + safeName(name);
        String multipartId = store.startMultipart(key, contentType(name));
        long id = uploads.insert(lessonId, lesson.courseId(), user.id(), name, form.sizeBytes(), fingerprint, key,
                multipartId, properties.partBytes());
        return new Started(view(uploads.findById(id).orElseThrow()), false);
    }

    /** A new transcode of a FAILED upload's stored file, as a new upload record. */
    public UploadView retry(PlatformUser user, long id) {
        VideoUpload u = authorized(user, id);
        if (u.status() != VideoUploadStatus.FAILED) {
            throw ApiException.conflict("status", "only a failed upload can be retried; this one is "
                    + u.status().name().toLowerCase(Locale.ROOT));
        }
        long retryId = transaction.execute(tx -> {
            long newId = uploads.insertRetry(id, user.id())
                    .orElseThrow(() -> ApiException.conflict("status", "only a failed upload can be retried"));
            intents.enqueue(TranscodeRequest.INTENT, newId);
            return newId;
        });
        return view(uploads.findById(retryId).orElseThrow());
    }

    /** Cancels an upload still in progress and drops the parts already stored. */
    public UploadView cancel(PlatformUser user, long id) {
        VideoUpload u = authorized(user, id);
        if (u.status() != VideoUploadStatus.UPLOADING || uploads.cancel(id) != 1) {
            throw ApiException.conflict("status", "only an upload in progress can be cancelled; this one is "
                    + uploads.findById(id).orElseThrow().status().name().toLowerCase(Locale.ROOT));
        }
        uploads.deleteParts(id);
        try {
            store.abortMultipart(u.objectKey(), u.multipartId());
        } catch (ObjectStoreException e) {
            // the record is cancelled either way; stored parts left behind are the store's to expire
            log.warn("could not abort the multipart upload of cancelled video upload {}: {}", id, e.getMessage());
        }
        return view(uploads.findById(id).orElseThrow());
    }

    public UploadView find(PlatformUser user, long id) {
        return view(authorized(user, id));
    }

    /** The uploads with these ids (unknown ids are left out); 403 when any is of a course the user may not edit. */
    public List<UploadView> find(PlatformUser user, List<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<VideoUpload> found = uploads.findByIds(wanted);
        found.stream().map(VideoUpload::courseId).distinct().forEach(course -> editing.editable(user, course));
        return found.stream().map(this::view).toList();
    }

    /** The latest uploads to the courses the user teaches (every course for an admin), newest first. */
    public List<UploadView> recent(PlatformUser user, int limit) {
        return uploads.forInstructor(user.id(), user.isAdmin(), limit).stream().map(this::view).toList();
    }

    public List<UploadView> forLesson(PlatformUser user, long lessonId, int limit) {
        lesson(user, lessonId);
        return uploads.forLesson(lessonId, limit).stream().map(this::view).toList();
    }

    /** 404 when the lesson does not exist, 403 when the user may not edit its course. */
    public VideoLesson lesson(PlatformUser user, long lessonId) {
        VideoLesson lesson = uploads.findLesson(lessonId)
                .orElseThrow(() -> ApiException.notFound("no lesson " + lessonId));
        editing.editable(user, lesson.courseId());
        return lesson;
    }

    VideoUpload authorized(PlatformUser user, long id) {
        VideoUpload u = uploads.findById(id).orElseThrow(() -> ApiException.notFound("no video upload " + id));
        editing.editable(user, u.courseId());
        return u;
    }

    UploadView view(VideoUpload u) {
        List<Integer> parts = u.status() == VideoUploadStatus.UPLOADING
                ? uploads.parts(u.id()).stream().map(Part::partNumber).toList()
                : List.of();
        return UploadView.of(u, parts);
    }

    static void requireUploading(VideoUpload u) {
        if (u.status() != VideoUploadStatus.UPLOADING) {
            throw ApiException.conflict("status", "the upload is " + u.status().name().toLowerCase(Locale.ROOT)
                    + "; it takes no more parts");
        }
    }

    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (safe.length() > 100) {
            safe = safe.substring(safe.length() - 100);
        }
        return safe.isEmpty() ? "video" : safe;
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String ext = lower.contains(".") ? lower.substring(lower.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "mp4", "m4v" -> "video/mp4";
            case "mov" -> "video/quicktime";
            case "webm" -> "video/webm";
            case "mkv" -> "video/x-matroska";
            default -> "application/octet-stream";
        };
    }
}
