package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.PublishedVideo;
import org.openlearning.video.EdgeProperties;
import org.openlearning.video.EdgeUrls;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Playing a lesson: signed edge URLs only for those who may watch, hls.js through the real edge
 * (nginx) and object store, the first frame soon after pressing play, switching renditions, keys.
 */
class LessonPlayerTest extends BrowserTest {

    @Autowired
    ObjectStore store;
    @Autowired
    EdgeUrls edgeUrls;
    @Autowired
    EdgeProperties edge;

    private long lessonWithVideo(Account instructor) throws Exception {
        long courseId = publishedCourse(instructor, "Streaming " + System.nanoTime());
        long lessonId = count("SELECT min(id) FROM lessons WHERE course_id = ? AND kind = 'VIDEO'", courseId);
        try (Connection c = dataSource.getConnection()) {
            PublishedVideo.publish(c, store, lessonId, 12);
        }
        return lessonId;
    }

    private long courseOf(long lessonId) {
        return count("SELECT course_id FROM lessons WHERE id = ?", lessonId);
    }

    private int edgeStatus(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void onlyThoseWhoMayWatchGetSignedUrlsAndTheEdgeChecksThem() throws Exception {
        Account instructor = account("INSTRUCTOR");
        long lessonId = lessonWithVideo(instructor);
        Account learner = account();
        Account stranger = account();
        post("/api/enrollments", Map.of("course_id", courseOf(lessonId)), learner.token());

        assertThat(get("/api/lessons/" + lessonId + "/playback", stranger.token()).status()).isEqualTo(403);
        assertThat(get("/api/lessons/" + lessonId + "/playback", null).status()).isEqualTo(401);
        assertThat(get("/api/lessons/999999/playback", learner.token()).status()).isEqualTo(404);
        Response playback = get("/api/lessons/" + lessonId + "/playback", learner.token());
        assertThat(playback.status()).isEqualTo(200);
        String master = playback.json().get("master_url").asString();
        assertThat(master).startsWith(edge.baseUrl() + "/v/").endsWith("/master.m3u8");
        assertThat(playback.json().get("renditions").toString()).contains("360p", "720p");
        assertThat(get("/api/lessons/" + lessonId + "/playback", instructor.token()).status()).isEqualTo(200);

        assertThat(edgeStatus(master)).isEqualTo(200);
        assertThat(edgeStatus(master.replaceFirst("/v/.", "/v/A"))).as("tampered").isEqualTo(403);
        String prefix = master.substring(master.indexOf("videos/"), master.lastIndexOf('/'));
        assertThat(edgeStatus(edgeUrls.sign(prefix, "master.m3u8", Instant.now().minusSeconds(5))))
                .as("expired").isEqualTo(403);
        assertThat(edgeStatus(edge.baseUrl() + "/" + prefix + "/master.m3u8")).as("unsigned").isIn(403, 404);
    }

    @Test
    void anEnrolledLearnerPlaysTheLessonSwitchesQualityAndUsesTheKeyboard() throws Exception {
        Account instructor = account("INSTRUCTOR");
        long lessonId = lessonWithVideo(instructor);
        Account learner = account();
        Account stranger = account();
        post("/api/enrollments", Map.of("course_id", courseOf(lessonId)), learner.token());

        // not enrolled: sent to the course page, where the Enroll button is
        signInAs(stranger);
        browser.get(url("/learn/lessons/" + lessonId));
        assertThat(browser.getCurrentUrl()).contains("/courses/").contains("enroll=required");
        browser.manage().deleteAllCookies();

        signInAs(learner);
        String slug = slugOf(lessonId);
        browser.get(url("/courses/" + slug));
        browser.findElement(By.cssSelector("a.lesson-link")).click();
        wait.until(d -> d.getCurrentUrl().contains("/learn/lessons/" + lessonId));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(browser.findElement(By.id("video")).getAttribute("poster")).contains("/poster.jpg");
        wait.until(d -> new Select(d.findElement(By.id("quality"))).getOptions().size() == 3);
        assertThat(new Select(browser.findElement(By.id("quality"))).getOptions().stream().map(o -> o.getText()))
                .containsExactly("Auto", "360p", "720p");
        shot("lesson-player-ready");

        js.executeScript("document.getElementById('video').play()");
        wait.until(d -> js.executeScript("return window.lessonPlayer.firstFrameMs") != null);
        long firstFrameMs = ((Number) js.executeScript("return window.lessonPlayer.firstFrameMs")).longValue();
        System.out.println("first frame after play: " + firstFrameMs + " ms");
        assertThat(firstFrameMs).as("first frame after pressing play, ms").isLessThan(2000);

        // the quality menu switches rendition, both ways
        new Select(browser.findElement(By.id("quality"))).selectByVisibleText("360p");
        wait.until(d -> Long.valueOf(360).equals(js.executeScript("return window.lessonPlayer.height")));
        wait.until(d -> Long.valueOf(360).equals(js.executeScript("return document.getElementById('video').videoHeight")));
        new Select(browser.findElement(By.id("quality"))).selectByVisibleText("720p");
        wait.until(d -> Long.valueOf(720).equals(js.executeScript("return window.lessonPlayer.height")));
        wait.until(d -> Long.valueOf(720).equals(js.executeScript("return document.getElementById('video').videoHeight")));
        assertThat(browser.findElement(By.id("playing-level")).getText()).isEqualTo("Playing 720p");

        // keys: pause, seek forward 5 s
        browser.findElement(By.id("player")).click();
        js.executeScript("document.getElementById('video').pause()");
        double before = ((Number) js.executeScript("return document.getElementById('video').currentTime")).doubleValue();
        browser.findElement(By.id("player")).sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> ((Number) js.executeScript("return document.getElementById('video').currentTime"))
                .doubleValue() >= before + 4.9);
        browser.findElement(By.id("player")).sendKeys("m");
        assertThat(js.executeScript("return document.getElementById('video').muted")).isEqualTo(true);
        assertThat(js.executeScript("return window.lessonPlayer.error")).isNull();
        shot("lesson-player-playing");
    }

    private String slugOf(long lessonId) {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT c.slug FROM courses c JOIN lessons l ON l.course_id = c.id WHERE l.id = ?")) {
            ps.setLong(1, lessonId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
