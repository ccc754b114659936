package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.video.TranscodeRequest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The web app's half of a lesson video: a resumable upload in parts straight into an S3 multipart
 * upload, then the record handed to the transcode job (which runs on the workers, not here).
 */
class VideoUploadTest extends WebTest {

    static final int PART = 5 * 1024 * 1024; // WebTest configures platform.video.part-size=5MB

    @Autowired
    ObjectStore store;

    /** Deterministic bytes: 12 MiB and a bit, three parts of which the last is short. */
    static byte[] payload(long seed) {
        byte[] data = new byte[2 * PART + 2 * 1024 * 1024 + 1234];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    static byte[] part(byte[] data, int n) {
        return Arrays.copyOfRange(data, (n - 1) * PART, Math.min(n * PART, data.length));
    }

    Response start(Account who, long lesson, String name, long size, String fingerprint) {
        return post("/api/lessons/" + lesson + "/video-uploads",
                Map.of("file_name", name, "size_bytes", size, "fingerprint", fingerprint), who.token());
    }

    static List<Integer> parts(JsonNode upload) {
        return upload.get("parts_received").valueStream().map(JsonNode::asInt).toList();
    }

    String objectKey(long id) {
        return text("SELECT object_key FROM video_uploads WHERE id = ?", id);
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0;) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void anUploadSentInPartsIsStoredWholeAndHandedToTheTranscodeJob() throws Exception {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Whole Uploads");
        byte[] video = payload(1);

        Response created = start(instructor, lesson, "Lecture 1 (final cut).mp4", video.length, "lecture-1:a");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("status").asString()).isEqualTo("UPLOADING");
        assertThat(created.json().get("part_size").asInt()).isEqualTo(PART);
        assertThat(created.json().get("part_count").asInt()).isEqualTo(3);
        assertThat(parts(created.json())).isEmpty();
        assertThat(objectKey(id)).startsWith("uploads/video/" + lesson + "/").endsWith("/Lecture_1_final_cut_.mp4");

        for (int n = 3; n >= 1; n--) {
            Response sent = putBytes("/api/video-uploads/" + id + "/parts/" + n, part(video, n), instructor.token());
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            assertThat(sent.json().get("part_number").asInt()).isEqualTo(n);
            assertThat(sent.json().get("size_bytes").asLong()).isEqualTo(part(video, n).length);
        }
        // sending a part again (a retry after a lost answer) replaces it
        assertThat(putBytes("/api/video-uploads/" + id + "/parts/2", part(video, 2), instructor.token()).status())
                .isEqualTo(200);

        Response completed = post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        assertThat(completed.status()).as(completed.body()).isEqualTo(202);
        assertThat(completed.json().get("id").asLong()).isEqualTo(id);
        assertThat(completed.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(completed.json().get("queue_position").asInt()).isPositive();
        assertThat(completed.json().get("state").asString()).startsWith("Queued — position ");
        assertThat(count("SELECT count(*) FROM video_uploads WHERE id = ? AND status = 'QUEUED'", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ? AND state = 'ENQUEUED'",
                TranscodeRequest.INTENT.jobId(id).toString())).isEqualTo(1);
        try (InputStream stored = store.open(objectKey(id))) {
            assertThat(sha256(stored)).isEqualTo(sha256(new java.io.ByteArrayInputStream(video)));
        }

        // completing again answers the status and enqueues nothing more
        long jobs = count("SELECT count(*) FROM jobrunr_jobs");
        Response again = post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(count("SELECT count(*) FROM jobrunr_jobs")).isEqualTo(jobs);
        // and it takes no more parts
        Response late = putBytes("/api/video-uploads/" + id + "/parts/1", part(video, 1), instructor.token());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("error").asString()).isEqualTo("conflict");
    }

    @Test
    void choosingTheSameFileAgainResumesWithThePartsAlreadyReceived() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Resumed Uploads");
        byte[] video = payload(2);
        long id = start(instructor, lesson, "resume.mov", video.length, "resume.mov:1:42").json().get("id").asLong();
        putBytes("/api/video-uploads/" + id + "/parts/1", part(video, 1), instructor.token());
        putBytes("/api/video-uploads/" + id + "/parts/3", part(video, 3), instructor.token());

        Response resumed = start(instructor, lesson, "resume.mov", video.length, "resume.mov:1:42");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("id").asLong()).isEqualTo(id);
        assertThat(parts(resumed.json())).containsExactly(1, 3);
        Response status = get("/api/video-uploads/" + id, instructor.token());
        assertThat(status.json().get("state").asString()).isEqualTo("Uploading — 2 of 3 parts received");

        // another file (another fingerprint) is another upload
        Response other = start(instructor, lesson, "resume.mov", video.length, "resume.mov:1:43");
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().get("id").asLong()).isNotEqualTo(id);

        assertThat(putBytes("/api/video-uploads/" + id + "/parts/2", part(video, 2), instructor.token()).status())
                .isEqualTo(200);
        Response completed = post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        assertThat(completed.status()).isEqualTo(202);
        assertThat(completed.json().get("parts_received").isNull()).isTrue();
        // a finished upload is not resumed: the same file again starts a new one
        assertThat(start(instructor, lesson, "resume.mov", video.length, "resume.mov:1:42").status()).isEqualTo(201);
    }

    @Test
    void completingWithAPartMissingIsAConflictThatNamesIt() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Gaps");
        byte[] video = payload(3);
        long id = start(instructor, lesson, "gap.mp4", video.length, "gap").json().get("id").asLong();
        putBytes("/api/video-uploads/" + id + "/parts/1", part(video, 1), instructor.token());
        putBytes("/api/video-uploads/" + id + "/parts/3", part(video, 3), instructor.token());

        Response r = post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("message").asString()).isEqualTo("1 of 3 parts are missing: 2");
        assertThat(r.json().get("field").asString()).isEqualTo("parts");
        assertThat(count("SELECT count(*) FROM video_uploads WHERE id = ? AND status = 'UPLOADING'", id)).isEqualTo(1);
    }

    @Test
    void aPartOfTheWrongSizeOrNumberIsRefused() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Sizes");
        byte[] video = payload(4);
        long id = start(instructor, lesson, "sizes.mp4", video.length, "sizes").json().get("id").asLong();
        String parts = "/api/video-uploads/" + id + "/parts/";

        Response shortPart = putBytes(parts + "1", Arrays.copyOf(video, PART - 1), instructor.token());
        assertThat(shortPart.status()).isEqualTo(422);
        assertThat(shortPart.json().get("field").asString()).isEqualTo("part");
        assertThat(shortPart.json().get("message").asString()).contains("exactly " + PART + " bytes");
        assertThat(putBytes(parts + "1", Arrays.copyOf(video, PART + 1), instructor.token()).status()).isEqualTo(422);
        // the last part is exactly the rest
        assertThat(putBytes(parts + "3", part(video, 2), instructor.token()).status()).isEqualTo(422);
        Response outOfRange = putBytes(parts + "4", part(video, 3), instructor.token());
        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.json().get("field").asString()).isEqualTo("part");
        assertThat(putBytes(parts + "0", part(video, 1), instructor.token()).status()).isEqualTo(422);
        assertThat(count("SELECT count(*) FROM video_upload_parts WHERE upload_id = ?", id)).isZero();
    }

    @Test
    void theFileMustFitAndTheLessonMustBeAVideoLesson() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Limits");
        long reading = count("SELECT id FROM lessons WHERE module_id = (SELECT module_id FROM lessons WHERE id = ?) "
                + "AND kind = 'READING'", lesson);

        Response huge = start(instructor, lesson, "huge.mp4", 4L * 1024 * 1024 * 1024 + 1, "huge");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("field").asString()).isEqualTo("size_bytes");
        assertThat(start(instructor, lesson, "max.mp4", 4L * 1024 * 1024 * 1024, "max").status()).isEqualTo(201);
        Response empty = start(instructor, lesson, "empty.mp4", 0, "empty");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("field").asString()).isEqualTo("size_bytes");
        assertThat(start(instructor, lesson, " ", 10, "blank").json().get("field").asString()).isEqualTo("file_name");
        assertThat(start(instructor, lesson, "x".repeat(501), 10, "long").json().get("field").asString())
                .isEqualTo("file_name");
        assertThat(post("/api/lessons/" + lesson + "/video-uploads", Map.of("file_name", "a.mp4", "size_bytes", 10),
                instructor.token()).json().get("field").asString()).isEqualTo("fingerprint");
        // not a video extension: accepted here, the transcode job's probe decides
        assertThat(start(instructor, lesson, "notes.txt", 10, "notes").status()).isEqualTo(201);

        Response notVideo = start(instructor, reading, "talk.mp4", 10, "talk");
        assertThat(notVideo.status()).isEqualTo(422);
        assertThat(notVideo.json().get("field").asString()).isEqualTo("lesson");
        assertThat(start(instructor, 987_654_321L, "talk.mp4", 10, "talk").status()).isEqualTo(404);
    }

    @Test
    void onlyAFailedUploadIsRetriedAndTheRetryIsQueued() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Retries");
        byte[] small = "not really a video".getBytes();
        long id = start(instructor, lesson, "clip.mp4", small.length, "clip").json().get("id").asLong();
        assertThat(post("/api/video-uploads/" + id + "/retry", null, instructor.token()).status()).isEqualTo(409);
        putBytes("/api/video-uploads/" + id + "/parts/1", small, instructor.token());
        post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        assertThat(post("/api/video-uploads/" + id + "/retry", null, instructor.token()).status()).isEqualTo(409);

        sql("UPDATE video_uploads SET status = 'FAILED', failure_reason = 'not a video file' WHERE id = ?", id);
        Response failed = get("/api/video-uploads/" + id, instructor.token());
        assertThat(failed.json().get("state").asString()).isEqualTo("Failed — not a video file");
        Response retried = post("/api/video-uploads/" + id + "/retry", null, instructor.token());
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        long retry = retried.json().get("id").asLong();
        assertThat(retry).isNotEqualTo(id);
        assertThat(retried.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(retried.json().get("file_name").asString()).isEqualTo("clip.mp4");
        assertThat(objectKey(retry)).isEqualTo(objectKey(id));
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ?", TranscodeRequest.INTENT.jobId(retry)
                .toString())).isEqualTo(1);
        assertThat(post("/api/video-uploads/" + retry + "/retry", null, instructor.token()).status()).isEqualTo(409);
    }

    @Test
    void cancellingAnUploadAbortsItsMultipartUpload() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Cancelled");
        byte[] video = payload(5);
        long id = start(instructor, lesson, "cancel.mp4", video.length, "cancel").json().get("id").asLong();
        putBytes("/api/video-uploads/" + id + "/parts/1", part(video, 1), instructor.token());
        String key = objectKey(id);
        String multipart = text("SELECT multipart_id FROM video_uploads WHERE id = ?", id);
        String etag = text("SELECT etag FROM video_upload_parts WHERE upload_id = ?", id);

        Response cancelled = send("DELETE", "/api/video-uploads/" + id, null, instructor.token());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        // the store no longer knows the multipart upload: its parts cannot be joined any more
        assertThatThrownBy(() -> store.completeMultipart(key, multipart, List.of(new io.minio.messages.Part(1, etag))))
                .isInstanceOf(ObjectStore.ObjectStoreException.class);
        assertThat(putBytes("/api/video-uploads/" + id + "/parts/2", part(video, 2), instructor.token()).status())
                .isEqualTo(409);
        assertThat(post("/api/video-uploads/" + id + "/complete", null, instructor.token()).status()).isEqualTo(409);
        assertThat(send("DELETE", "/api/video-uploads/" + id, null, instructor.token()).status()).isEqualTo(409);
        assertThat(store.exists(key)).isFalse();
        // the same file again is a new upload, not the cancelled one
        assertThat(start(instructor, lesson, "cancel.mp4", video.length, "cancel").json().get("id").asLong())
                .isNotEqualTo(id);
    }

    @Test
    void uploadsAreListedByIdsByLessonAndForTheInstructor() {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Listings");
        long first = start(instructor, lesson, "one.mp4", 100, "one").json().get("id").asLong();
        long second = start(instructor, lesson, "two.mp4", 200, "two").json().get("id").asLong();

        Response byIds = get("/api/video-uploads?ids=" + first + "," + second + ",987654321", instructor.token());
        assertThat(byIds.status()).isEqualTo(200);
        assertThat(byIds.json().valueStream().map(u -> u.get("id").asLong()).toList()).containsExactly(second, first);
        JsonNode one = byIds.json().get(1);
        assertThat(one.get("lesson_id").asLong()).isEqualTo(lesson);
        assertThat(one.get("file_name").asString()).isEqualTo("one.mp4");
        assertThat(one.get("size_bytes").asLong()).isEqualTo(100);
        assertThat(one.propertyNames()).containsExactlyInAnyOrder("id", "lesson_id", "lesson_title", "course_id",
                "course_title", "file_name", "size_bytes", "status", "state", "progress_percent", "eta_seconds",
                "queue_position", "failure_reason", "part_size", "part_count", "parts_received", "renditions",
                "source_seconds", "created_at", "updated_at");
        assertThat(get("/api/lessons/" + lesson + "/video-uploads", instructor.token()).json().size()).isEqualTo(2);
        assertThat(get("/api/video-uploads", instructor.token()).json().valueStream()
                .map(u -> u.get("id").asLong()).toList()).containsExactly(second, first);
        assertThat(get("/api/video-uploads?ids=abc", instructor.token()).status()).isEqualTo(400);
    }
}
