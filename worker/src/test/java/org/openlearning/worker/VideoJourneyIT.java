package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.Chromium;
import org.openlearning.testing.EdgeProcess;
import org.openlearning.testing.TestStack;
import org.openlearning.testing.VideoClips;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole video journey with every real part: the packaged web app, a worker, the edge (nginx),
 * PostgreSQL, S3, FFmpeg and Chromium. An instructor uploads a clip on the lesson editor and
 * watches its status reach Ready without reloading; a learner enrolls and plays it.
 */
class VideoJourneyIT {

    private static final String SECRET = "JourneyEdgeSecret0123456789";
    private static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anInstructorUploadsAVideoThatBecomesReadyAndALearnerPlaysIt() throws Exception {
        TestStack.Env env = TestStack.create("video_journey");
        Path clip = VideoClips.clip(Files.createTempDirectory("journey"), "week-1-lecture.mp4", 1280, 720, 8);
        Files.createDirectories(SCREENSHOTS);
        try (EdgeProcess edge = EdgeProcess.start(EdgeProcess.Settings.of(
                        URI.create(TestStack.S3_ENDPOINT).getAuthority(), env.bucket(), SECRET));
                AppProcess web = AppProcess.start(Path.of("..", "web-app", "target", "web-app.jar"), "journey-web",
                        "Started WebApplication", env, List.of("-Xmx384m"), List.of(
                                "--platform.edge.base-url=" + edge.baseUrl(), "--platform.edge.secret=" + SECRET));
                AppProcess worker = WorkerProcess.start(env, "journey-worker",
                        "--platform.intents.sweep-interval=2s", "--platform.intents.stale-after=2s",
                        "--platform.transcode.work-dir=" + Files.createTempDirectory("journey-work"))) {
            String instructor = account(web, env, "INSTRUCTOR");
            String learner = account(web, env, null);
            String instructorToken = token(web, instructor);
            long courseId = call(web, "POST", "/api/courses", Map.of("title", "Streaming media 101", "summary",
                    "Video lessons end to end"), instructorToken).path("id").asLong();
            long moduleId = call(web, "POST", "/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"),
                    instructorToken).path("id").asLong();
            long lessonId = call(web, "POST", "/api/modules/" + moduleId + "/lessons", Map.of("title",
                    "Lecture 1", "kind", "VIDEO", "duration_seconds", 60), instructorToken).path("id").asLong();
            call(web, "POST", "/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructorToken);

            WebDriver browser = Chromium.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                signIn(browser, wait, web, instructor);
                browser.get(web.url("/teach/lessons/" + lessonId));
                browser.findElement(By.id("video-file")).sendKeys(clip.toAbsolutePath().toString());
                browser.findElement(By.id("video-upload-start")).click();
                // the status moves on live, without reloading the page, until Ready
                new WebDriverWait(browser, Duration.ofSeconds(180)).until(d -> !d.findElements(
                        By.cssSelector("#uploads tr[data-status='READY']")).isEmpty());
                assertThat(browser.findElement(By.cssSelector("#uploads tr[data-status='READY']")).getText())
                        .contains("Ready", "360p", "720p");
                shot(browser, "40-journey-upload-ready");
                browser.manage().deleteAllCookies();

                call(web, "POST", "/api/enrollments", Map.of("course_id", courseId), token(web, learner));
                signIn(browser, wait, web, learner);
                browser.get(web.url("/learn/lessons/" + lessonId));
                JavascriptExecutor js = (JavascriptExecutor) browser;
                wait.until(d -> new Select(d.findElement(By.id("quality"))).getOptions().size() == 3);
                js.executeScript("document.getElementById('video').play()");
                wait.until(d -> js.executeScript("return window.lessonPlayer.firstFrameMs") != null);
                long firstFrame = ((Number) js.executeScript("return window.lessonPlayer.firstFrameMs")).longValue();
                System.out.println("journey: first frame " + firstFrame + " ms after play");
                assertThat(firstFrame).isLessThan(2000);
                new Select(browser.findElement(By.id("quality"))).selectByVisibleText("360p");
                wait.until(d -> Long.valueOf(360).equals(js.executeScript(
                        "return document.getElementById('video').videoHeight")));
                shot(browser, "41-journey-learner-plays");
                assertThat(js.executeScript("return window.lessonPlayer.error")).isNull();
                // the segments came through the edge, from the transcoded, published version
                assertThat(edge.accessLog()).anySatisfy(a -> assertThat(a.uri()).contains("/720p/seg_"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void signIn(WebDriver browser, WebDriverWait wait, AppProcess web, String email) {
        browser.get(web.url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String account(AppProcess web, TestStack.Env env, String role) throws Exception {
        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long id = call(web, "POST", "/api/auth/signup", Map.of("email", email, "display_name", "Journey " + email,
                "password", PASSWORD), null).path("id").asLong();
        if (role != null) {
            try (Connection c = env.connect();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, role);
                ps.executeUpdate();
            }
        }
        return email;
    }

    private String token(AppProcess web, String email) throws Exception {
        return call(web, "POST", "/api/auth/tokens", Map.of("email", email, "password", PASSWORD, "name", "journey"),
                null).path("token").asString();
    }

    private JsonNode call(AppProcess web, String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
