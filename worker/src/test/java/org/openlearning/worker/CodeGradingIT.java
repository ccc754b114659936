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
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.Chromium;
import org.openlearning.testing.SandboxProcess;
import org.openlearning.testing.TestStack;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Programming submissions end to end with every real part: the packaged web app, worker processes
 * running job grade-code, the sandbox runner (runsc) with a pool of {@value #POOL} sandboxes and a
 * queue of {@value #QUEUE}, PostgreSQL and Chromium.
 */
class CodeGradingIT {

    static final int POOL = 2;
    static final int QUEUE = 2;
    private static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SUM = "a, b = map(int, input().split())\nprint(a + b)\n";
    private static final String SMALL_ONLY = "a, b = map(int, input().split())\nprint(a + b if abs(a + b) < 1000 else 0)\n";

    /** PostgreSQL is shared by every test run on the machine: a few connections per process are plenty here. */
    private static final String SMALL_POOL = "--spring.datasource.hikari.maximum-pool-size=8";

    static TestStack.Env env;
    /** One connection for the test's own queries, held throughout: the shared server may be short of slots. */
    static Connection db;
    static SandboxProcess runner;
    static AppProcess web;
    static String instructorToken;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        env = TestStack.create("code_grading");
        db = env.connect();
        runner = SandboxProcess.start("code-grading-runner", POOL, QUEUE);
        web = AppProcess.start(Path.of("..", "web-app", "target", "web-app.jar"), "code-grading-web",
                "Started WebApplication", env, List.of("-Xmx384m"), List.of(SMALL_POOL));
        instructorToken = new CodeGradingIT().token(account("INSTRUCTOR"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        if (runner != null) {
            runner.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static AppProcess worker(String name) throws Exception {
        return WorkerProcess.start(env, name, "--platform.sandbox.url=" + runner.url(),
                "--platform.sandbox.secret-file=" + runner.secretFile(), "--platform.sandbox.busy-wait=30s",
                "--platform.intents.sweep-interval=2s", "--platform.intents.stale-after=2s",
                SMALL_POOL);
    }

    /** A published course whose ASSIGNMENT lesson has two visible tests (1 point each) and a hidden one (2). */
    private record Course(long id, long lesson) {
    }

    private Course course(String title) throws Exception {
        long courseId = call("POST", "/api/courses", Map.of("title", title), instructorToken).path("id").asLong();
        long moduleId = call("POST", "/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"),
                instructorToken).path("id").asLong();
        long lesson = call("POST", "/api/modules/" + moduleId + "/lessons", Map.of("title", "Sum of two numbers",
                "kind", "ASSIGNMENT", "body", "Print the sum of two integers."), instructorToken).path("id").asLong();
        Map<String, Object> definition = new HashMap<>();
        definition.put("passing_percent", 100);
        definition.put("time_limit_ms", 5000);
        definition.put("languages", List.of(Map.of("language", "python", "starter_code",
                "a, b = map(int, input().split())\n")));
        definition.put("tests", List.of(
                Map.of("name", "small numbers", "stdin", "1 2\n", "expected_stdout", "3\n",
                        "points", 1),
                Map.of("name", "a negative number", "stdin", "-5 3\n", "expected_stdout", "-2\n", "points", 1),
                Map.of("name", "big numbers", "stdin", "1000000000 2000000000\n", "expected_stdout",
                        "3000000000\n", "hidden", true, "points", 2)));
        call("PUT", "/api/teach/lessons/" + lesson + "/assignment", definition, instructorToken);
        call("POST", "/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructorToken);
        return new Course(courseId, lesson);
    }

    @Test
    void fiftySubmissionsAtOnceAllGetVerdictsNoneLostAndThePoolNeverExceedsItsLimit() throws Exception {
        Course course = course("Fifty at once");
        int count = 50;
        List<String> learners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = token(account(null));
            call("POST", "/api/enrollments", Map.of("course_id", course.id()), token);
            learners.add(token);
        }
        try (AppProcess a = worker("code-worker-a"); AppProcess b = worker("code-worker-b")) {
            ExecutorService pool = Executors.newFixedThreadPool(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    String token = learners.get(i);
                    String source = i % 2 == 0 ? SUM : SMALL_ONLY;
                    posts.add(pool.submit(() -> {
                        go.await();
                        return send("POST", "/api/assessments/" + course.lesson() + "/submit",
                                Map.of("language", "python", "source", source), token);
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<String>> post : posts) {
                    HttpResponse<String> r = post.get(2, TimeUnit.MINUTES);
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                }
            } finally {
                pool.shutdownNow();
            }

            long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
            while (query("SELECT count(*) FROM code_submissions WHERE lesson_id = ? AND status = 'GRADED'",
                    course.lesson()) < count && System.nanoTime() < deadline) {
                assertThat(runner.maxActive()).as("the runner's pool limit").isLessThanOrEqualTo(POOL);
                Thread.sleep(500);
            }
        }
        assertThat(query("SELECT count(*) FROM code_submissions WHERE lesson_id = ?", course.lesson()))
                .as("none lost").isEqualTo(count);
        assertThat(query("SELECT count(*) FROM code_submissions WHERE lesson_id = ? AND status = 'GRADED'",
                course.lesson())).as("all graded").isEqualTo(count);
        assertThat(query("SELECT count(*) FROM code_submissions WHERE lesson_id = ? AND passed", course.lesson()))
                .isEqualTo(count / 2);
        assertThat(query("SELECT count(*) FROM code_test_results r JOIN code_submissions s ON s.id = r.submission_id "
                + "WHERE s.lesson_id = ?", course.lesson())).as("three verdicts each").isEqualTo(3L * count);
        assertThat(query("SELECT count(*) FROM progress WHERE lesson_id = ? AND completed", course.lesson()))
                .as("the passing half completed the lesson").isEqualTo(count / 2);
        assertThat(runner.maxActive()).as("the runner never ran more than its pool").isBetween(1, POOL);
        System.out.println("code grading: 50 submissions, runner answered 429 " + (long) runner.rejected()
                + " times, max active " + runner.maxActive());
    }

    @Test
    void aWorkerKilledMidJobLeavesTheSubmissionToBeGradedOnceByAnother() throws Exception {
        Course course = course("Killed mid-job");
        String token = token(account(null));
        call("POST", "/api/enrollments", Map.of("course_id", course.id()), token);
        // slow enough (3 tests of 2.5 s) for the worker to die while the runner runs it
        String slow = "import time\ntime.sleep(2.5)\n" + SUM;
        long id;
        try (AppProcess doomed = worker("code-worker-doomed")) {
            id = call("POST", "/api/assessments/" + course.lesson() + "/submit",
                    Map.of("language", "python", "source", slow), token).path("submission_id").asLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"RUNNING".equals(text("SELECT status FROM code_submissions WHERE id = ?", id))) {
                assertThat(System.nanoTime()).as("the job started").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            doomed.kill();
        }
        assertThat(text("SELECT status FROM code_submissions WHERE id = ?", id)).isEqualTo("RUNNING");
        assertThat(query("SELECT count(*) FROM code_test_results WHERE submission_id = ?", id)).isZero();

        try (AppProcess rescuer = worker("code-worker-rescuer")) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!"GRADED".equals(text("SELECT status FROM code_submissions WHERE id = ?", id))
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        assertThat(text("SELECT status FROM code_submissions WHERE id = ?", id)).isEqualTo("GRADED");
        assertThat(query("SELECT count(*) FROM code_test_results WHERE submission_id = ?", id))
                .as("the results exist once").isEqualTo(3);
        assertThat(query("SELECT runs FROM code_submissions WHERE id = ?", id)).isGreaterThanOrEqualTo(2);
        assertThat(text("SELECT passed::text FROM code_submissions WHERE id = ?", id)).isEqualTo("true");
    }

    @Test
    void aLearnerSubmitsCodeInTheBrowserAndSeesPerTestResults() throws Exception {
        Course course = course("Programming in the browser");
        String email = account(null);
        call("POST", "/api/enrollments", Map.of("course_id", course.id()), token(email));
        Files.createDirectories(SCREENSHOTS);
        try (AppProcess worker = worker("code-worker-journey")) {
            WebDriver browser = Chromium.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(web.url("/login"));
                browser.findElement(By.id("email")).sendKeys(email);
                browser.findElement(By.id("password")).sendKeys(PASSWORD);
                browser.findElement(By.id("sign-in")).click();
                wait.until(d -> !d.getCurrentUrl().contains("/login"));
                browser.get(web.url("/learn/lessons/" + course.lesson()));
                wait.until(d -> d.findElement(By.id("assignment-body")).isDisplayed());
                JavascriptExecutor js = (JavascriptExecutor) browser;

                // a first try that is right for small numbers only
                js.executeScript("window.codeEditor.setValue(arguments[0])", SMALL_ONLY);
                browser.findElement(By.id("submit-code")).click();
                List<String> seen = new ArrayList<>();
                new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(50)).until(d -> {
                    String status = d.findElement(By.id("submission-status")).getAttribute("data-status");
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                        seen.add(status);
                    }
                    return "GRADED".equals(status);
                });
                System.out.println("code journey: the page showed " + seen);
                assertThat(seen).as("queued, then graded").contains("GRADED").containsAnyOf("REQUESTED", "QUEUED");
                assertThat(browser.findElement(By.id("submission-status")).getText()).isEqualTo("Not passed");
                assertThat(browser.findElement(By.id("submission-score")).getText()).isEqualTo("2 / 4 points");
                List<String> verdicts = browser.findElements(By.cssSelector("#results tbody tr")).stream()
                        .map(r -> r.getAttribute("data-verdict")).toList();
                assertThat(verdicts).containsExactly("ACCEPTED", "ACCEPTED", "FAILED");
                String hiddenRow = browser.findElements(By.cssSelector("#results tbody tr")).get(2).getText();
                assertThat(hiddenRow).contains("big numbers", "hidden", "Failed").doesNotContain("3000000000");
                js.executeScript("document.getElementById('current-submission').scrollIntoView()");
                shot(browser, "70-code-journey-not-passed");

                // the right program passes and completes the lesson
                js.executeScript("window.codeEditor.setValue(arguments[0])", SUM);
                browser.findElement(By.id("submit-code")).click();
                new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> "Passed".equals(
                        d.findElement(By.id("submission-status")).getText()));
                assertThat(browser.findElement(By.id("submission-score")).getText()).isEqualTo("4 / 4 points");
                assertThat(browser.findElements(By.cssSelector("#results tbody tr[data-verdict]")).stream()
                        .map(r -> r.getAttribute("data-verdict")).toList())
                        .containsExactly("ACCEPTED", "ACCEPTED", "PASSED");
                wait.until(d -> d.findElement(By.id("completed-state")).isDisplayed());
                wait.until(d -> d.findElements(By.cssSelector("#submission-history tbody tr")).size() == 2);
                js.executeScript("document.getElementById('current-submission').scrollIntoView()");
                shot(browser, "71-code-journey-passed");
            } finally {
                browser.quit();
            }
        }
    }

    // ---- helpers ----

    private static void shot(WebDriver browser, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String account(String role) throws Exception {
        String email = "code-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long id = new CodeGradingIT().call("POST", "/api/auth/signup", Map.of("email", email, "display_name",
                "Coder " + email.substring(5, 9), "password", PASSWORD), null).path("id").asLong();
        if (role != null) {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, role);
                ps.executeUpdate();
            }
        }
        return email;
    }

    private String token(String email) throws Exception {
        return call("POST", "/api/auth/tokens", Map.of("email", email, "password", PASSWORD, "name", "it"), null)
                .path("token").asString();
    }

    private HttpResponse<String> send(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, Object body, String token) throws Exception {
        HttpResponse<String> response = send(method, path, body, token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static long query(String sql, Object... args) throws Exception {
        String value = text(sql, args);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String text(String sql, Object... args) throws Exception {
        synchronized (db) {
            return textOn(sql, args);
        }
    }

    private static String textOn(String sql, Object... args) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
