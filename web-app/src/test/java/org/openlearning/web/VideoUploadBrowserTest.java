package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An instructor uploads a lesson video in the browser and follows it. No worker runs in the web app's
 * tests: the upload stays queued, and the records are moved along here as the transcode job would.
 */
class VideoUploadBrowserTest extends BrowserTest {

    @Autowired
    ObjectStore store;

    @Test
    void anInstructorUploadsALessonVideoAndFollowsItLive() throws IOException {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Coastal Ecosystems");
        long course = count("SELECT course_id FROM lessons WHERE id = ?", lesson);
        long playing = uploadedThroughTheApi(instructor, lesson, "coastal-intro-v1.mp4");
        sql("UPDATE video_uploads SET status = 'READY', progress_percent = 100, renditions = '{1080p,720p,360p}', "
                + "source_seconds = 754.2, output_prefix = 'videos/x/1' WHERE id = ?", playing);
        sql("UPDATE lessons SET video_upload_id = ? WHERE id = ?", playing, lesson);

        signInAs(instructor);
        browser.get(url("/teach/courses/" + course));
        browser.findElement(By.id("lesson-" + lesson)).click();
        wait.until(ExpectedConditions.textToBe(By.id("lesson-title"), "Lecture: Coastal Ecosystems"));
        assertThat(browser.findElement(By.id("now-playing")).getText()).contains("coastal-intro-v1.mp4", "12:34",
                "1080p", "720p", "360p");

        Path video = Files.createTempDirectory("videos").resolve("coastal-intro-v2.mp4");
        byte[] bytes = new byte[7 * 1024 * 1024 + 4321]; // two parts of the tests' 5 MB part size
        new SplittableRandom(7).nextBytes(bytes);
        Files.write(video, bytes);
        browser.findElement(By.id("video-file")).sendKeys(video.toAbsolutePath().toString());
        browser.findElement(By.id("video-upload-start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-done")));
        assertThat(browser.findElement(By.id("upload-percent")).getText()).isEqualTo("100 %");
        assertThat(browser.findElement(By.id("upload-bar")).getAttribute("style")).contains("100%");
        assertThat(browser.findElement(By.id("upload-sent")).getText()).isEqualTo("7.0 of 7.0 MB");
        long uploaded = count("SELECT max(id) FROM video_uploads WHERE lesson_id = ?", lesson);
        WebElement row = browser.findElement(By.cssSelector("#uploads tr[data-upload-id='" + uploaded + "']"));
        assertThat(row.getText()).contains("coastal-intro-v2.mp4", "7.0 MB", "Queued — position");
        assertThat(count("SELECT count(*) FROM video_uploads WHERE id = ? AND status = 'QUEUED' AND size_bytes = ?",
                uploaded, (long) bytes.length)).isEqualTo(1);
        shot("30-lesson-video-queued");

        sql("UPDATE video_uploads SET status = 'TRANSCODING', progress_percent = 42, eta_seconds = 70 WHERE id = ?",
                uploaded);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#uploads tr[data-upload-id='" + uploaded + "']"), "Transcoding 42 % — about 1 min left"));
        shot("31-lesson-video-transcoding");

        long broken = uploadedThroughTheApi(instructor, lesson, "lecture-audio-only.m4a");
        sql("UPDATE video_uploads SET status = 'FAILED', failure_reason = 'the file has no video stream' WHERE id = ?",
                broken);
        browser.findElement(By.id("teach-nav-uploads")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("uploads-page")));
        String page = browser.findElement(By.id("uploads")).getText();
        assertThat(page).contains("Coastal Ecosystems", "Lecture: Coastal Ecosystems", "coastal-intro-v1.mp4", "Ready",
                "Transcoding 42 %", "Failed — the file has no video stream");
        shot("32-uploads");

        sql("UPDATE video_uploads SET status = 'PUBLISHING', progress_percent = 100, eta_seconds = NULL WHERE id = ?",
                uploaded);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#uploads tr[data-upload-id='" + uploaded + "']"), "Publishing"));

        browser.findElement(By.cssSelector("#uploads tr[data-upload-id='" + broken + "'] button.retry")).click();
        wait.until(d -> count("SELECT count(*) FROM video_uploads WHERE id > ? AND lesson_id = ?", broken, lesson) == 1);
        long retry = count("SELECT max(id) FROM video_uploads WHERE lesson_id = ?", lesson);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#uploads tr[data-upload-id='" + retry + "']"), "Queued — position"));
        assertThat(browser.findElement(By.cssSelector("#uploads tbody tr")).getAttribute("data-upload-id"))
                .isEqualTo(String.valueOf(retry));

        sql("UPDATE video_uploads SET status = 'READY', renditions = '{720p,360p}', source_seconds = 61 WHERE id = ?",
                uploaded);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#uploads tr[data-upload-id='" + uploaded + "']"), "Ready"));
        shot("33-uploads-live");
    }

    @Test
    void choosingTheSameFileAfterAReloadSendsOnlyTheMissingParts() throws Exception {
        Account instructor = account("INSTRUCTOR");
        long lesson = videoLesson(instructor, "Interrupted Lectures");
        Path video = Files.createTempDirectory("videos").resolve("long-lecture.mp4");
        byte[] bytes = new byte[6 * 1024 * 1024]; // two parts: 5 MB and 1 MB
        new SplittableRandom(11).nextBytes(bytes);
        Files.write(video, bytes);
        Files.setLastModifiedTime(video, FileTime.fromMillis(1_700_000_000_000L));
        // an earlier page sent the first part, then was closed; the part it sent is marked to be recognised
        String fingerprint = "long-lecture.mp4:" + bytes.length + ":1700000000000";
        long id = post("/api/lessons/" + lesson + "/video-uploads", Map.of("file_name", "long-lecture.mp4",
                "size_bytes", bytes.length, "fingerprint", fingerprint), instructor.token()).json().get("id").asLong();
        byte[] earlier = Arrays.copyOf(bytes, 5 * 1024 * 1024);
        Arrays.fill(earlier, 0, 16, (byte) 'E');
        assertThat(putBytes("/api/video-uploads/" + id + "/parts/1", earlier, instructor.token()).status())
                .isEqualTo(200);

        signInAs(instructor);
        browser.get(url("/teach/lessons/" + lesson));
        browser.findElement(By.id("video-file")).sendKeys(video.toAbsolutePath().toString());
        browser.findElement(By.id("video-upload-start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-done")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#uploads tr[data-upload-id='" + id + "']"), "Queued"));
        assertThat(count("SELECT count(*) FROM video_uploads WHERE lesson_id = ?", lesson)).isEqualTo(1);
        // the stored file starts with the part the earlier page sent: the browser did not send it again
        String key = text("SELECT object_key FROM video_uploads WHERE id = ?", id);
        try (InputStream stored = store.open(key)) {
            byte[] head = stored.readNBytes(16);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("E".repeat(16));
            assertThat(16 + stored.transferTo(OutputStream.nullOutputStream())).isEqualTo(bytes.length);
        }
    }

    /** A small upload sent and completed over the API, as another tab would have done. */
    private long uploadedThroughTheApi(Account instructor, long lesson, String name) {
        byte[] bytes = ("a few bytes of " + name).getBytes();
        long id = post("/api/lessons/" + lesson + "/video-uploads", Map.of("file_name", name, "size_bytes",
                bytes.length, "fingerprint", name), instructor.token()).json().get("id").asLong();
        putBytes("/api/video-uploads/" + id + "/parts/1", bytes, instructor.token());
        post("/api/video-uploads/" + id + "/complete", null, instructor.token());
        return id;
    }
}
