package org.openlearning.bench;

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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Time to first frame in Chromium: a 20 s 1080p clip uploaded by the demo instructor and transcoded
 * by the workers, then played by the demo learner on the lesson page through the edge. Measured by
 * the player itself ({@code requestVideoFrameCallback}): from pressing play to the first painted
 * frame, and from the start of the page load to that frame when play is pressed as soon as the page
 * is there.
 */
final class FirstFrame {

    static final int LOADS = 5;

    record Result(double playToFrameMs, double loadToFrameMs, int loads) {
    }

    Result measure(Connection db) throws Exception {
        long lesson = publishedLesson(db);
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Local.WEB + "/login");
            browser.findElement(By.id("email")).sendKeys(VideoApi.LEARNER);
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
        String instructor = VideoApi.token(VideoApi.INSTRUCTOR, "first-frame bench");
        long course = VideoApi.call("POST", "/api/courses", Map.of("title", "Benchmark: first frame "
                + UUID.randomUUID().toString().substring(0, 6)), instructor).path("id").asLong();
        long module = VideoApi.call("POST", "/api/courses/" + course + "/modules", Map.of("title", "Week 1"),
                instructor).path("id").asLong();
        long lesson = VideoApi.call("POST", "/api/modules/" + module + "/lessons", Map.of("title", "Lecture", "kind",
                "VIDEO", "duration_seconds", 20), instructor).path("id").asLong();
        VideoApi.call("POST", "/api/courses/" + course + "/status", Map.of("status", "PUBLISHED"), instructor);
        Path dir = Files.createTempDirectory("bench-first-frame");
        long id = VideoApi.upload(instructor, lesson, VideoApi.clip(dir, "lecture.mp4", 20));
        Local.log("first frame: waiting for upload " + id + " to be transcoded");
        String status = "";
        for (int i = 0; i < 1200 && !status.equals("READY") && !status.equals("FAILED"); i++) {
            Thread.sleep(250);
            status = status(db, id);
        }
        if (!status.equals("READY")) {
            throw new IllegalStateException("the first-frame clip ended " + status);
        }
        VideoApi.call("POST", "/api/enrollments", Map.of("course_id", course),
                VideoApi.token(VideoApi.LEARNER, "first-frame bench"));
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
}
