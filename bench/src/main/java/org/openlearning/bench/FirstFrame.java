package org.openlearning.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openlearning.testing.Chromium;
import org.openlearning.video.transcode.Ffmpeg;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

/**
 * Time to first frame in Chromium: a 20 s 1080p clip uploaded by the demo instructor and transcoded
 * by the workers, then played by the demo learner on the lesson page through the edge. Measured by
 * the player itself ({@code requestVideoFrameCallback}): from pressing play to the first painted
 * frame, and from the start of the page load to that frame when play is pressed as soon as the page
 * is there.
 */
final class FirstFrame {

    static final int LOADS = 5;
    static final String LEARNER = "learner@demo.example";

    record Result(double playToFrameMs, double loadToFrameMs, int loads) {
    }

    Result measure(Connection db) throws Exception {
        long lesson = publishedLesson(db);
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Local.WEB + "/login");
            browser.findElement(By.id("email")).sendKeys(LEARNER);
            browser.findElement(By.id("password")).sendKeys(Local.ADMIN_PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            List<Double> play = new ArrayList<>();
            List<Double> load = new ArrayList<>();
            for (int i = 0; i <= LOADS; i++) {
                browser.get(Local.WEB + "/learn/lessons/" + lesson);
                wait.until(d -> js.executeScript("return window.lessonPlayer !== undefined").equals(Boolean.TRUE));
                js.executeScript("document.getElementById('video').play()");
                wait.until(d -> js.executeScript("return window.lessonPlayer.firstFrameMs") != null);
                double p = ((Number) js.executeScript("return window.lessonPlayer.firstFrameMs")).doubleValue();
                double l = ((Number) js.executeScript("return window.lessonPlayer.firstFrameAt")).doubleValue();
                if (i == 0) {
                    Local.log(String.format(java.util.Locale.ROOT, "first frame (warm-up load): %.0f ms after play", p));
                    continue;
                }
                play.add(p);
                load.add(l);
                Local.log(String.format(java.util.Locale.ROOT, "first frame: %.0f ms after play, %.0f ms after the page "
                        + "load started", p, l));
            }
            return new Result(Stats.median(play.stream().mapToDouble(Double::doubleValue).toArray()),
                    Stats.median(load.stream().mapToDouble(Double::doubleValue).toArray()), LOADS);
        } finally {
            browser.quit();
        }
    }

    /** A published course of the demo instructor whose lesson has a READY video; the demo learner enrolled. */
    private long publishedLesson(Connection db) throws Exception {
        String instructor = token("instructor@demo.example");
        long course = call("POST", "/api/courses", Map.of("title", "Benchmark: first frame " + UUID.randomUUID()
                .toString().substring(0, 6)), instructor).path("id").asLong();
        long module = call("POST", "/api/courses/" + course + "/modules", Map.of("title", "Week 1"), instructor)
                .path("id").asLong();
        long lesson = call("POST", "/api/modules/" + module + "/lessons", Map.of("title", "Lecture", "kind", "VIDEO",
                "duration_seconds", 20), instructor).path("id").asLong();
        call("POST", "/api/courses/" + course + "/status", Map.of("status", "PUBLISHED"), instructor);
        Path dir = Files.createTempDirectory("bench-first-frame");
        Path clip = dir.resolve("lecture.mp4");
        Ffmpeg.Result made = Ffmpeg.capture(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-t", "20", "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-t", "20", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()));
        if (!made.ok()) {
            throw new IllegalStateException("could not make the clip: " + made.lastError());
        }
        byte[] bytes = Files.readAllBytes(clip);
        JsonNode upload = call("POST", "/api/lessons/" + lesson + "/video-uploads", Map.of("file_name", "lecture.mp4",
                "size_bytes", bytes.length, "fingerprint", UUID.randomUUID().toString()), instructor);
        long id = upload.path("id").asLong();
        int partSize = upload.path("part_size").asInt();
        for (int n = 1, offset = 0; offset < bytes.length; n++, offset += partSize) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + partSize));
            Local.body(Local.send(Local.request("/api/video-uploads/" + id + "/parts/" + n)
                    .header("Authorization", "Bearer " + instructor).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build()), 200);
        }
        call("POST", "/api/video-uploads/" + id + "/complete", null, instructor);
        Local.log("first frame: waiting for upload " + id + " to be transcoded");
        String status = "";
        for (int i = 0; i < 1200 && !status.equals("READY") && !status.equals("FAILED"); i++) {
            Thread.sleep(250);
            status = status(db, id);
        }
        if (!status.equals("READY")) {
            throw new IllegalStateException("the first-frame clip ended " + status);
        }
        call("POST", "/api/enrollments", Map.of("course_id", course), token(LEARNER));
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return lesson;
    }

    private static String status(Connection db, long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT status FROM video_uploads WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static String token(String email) throws IOException, InterruptedException {
        return call("POST", "/api/auth/tokens", Map.of("email", email, "password", Local.ADMIN_PASSWORD, "name",
                "first-frame bench"), null).path("token").asString();
    }

    private static JsonNode call(String method, String path, Object body, String token) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = Local.request(path).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Local.JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Local.send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return Local.JSON.readTree(response.body());
    }
}
