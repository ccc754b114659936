package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.PublishedVideo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Progress in the browser: the player reports where the learner is and resumes there, lessons
 * without a video are marked complete, "My learning" shows it at once (from the Redis cache: no
 * compaction runs here), and a course's instructors, and only they, see its funnel.
 */
class ProgressBrowserTest extends BrowserTest {

    @Autowired
    ObjectStore store;

    /** A published course: a 12 s video, a reading and a quiz, in that order. */
    private record Course(long id, long video, long reading, long quiz) {
    }

    private Course course(Account instructor, String title) throws Exception {
        long courseId = post("/api/courses", Map.of("title", title, "summary", "A course about " + title,
                "category", "Data Science", "level", "BEGINNER", "language", "en", "skills", List.of("SQL")),
                instructor.token()).json().get("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        long video = lesson(instructor, moduleId, Map.of("title", "Lecture: " + title, "kind", "VIDEO",
                "duration_seconds", 600));
        long reading = lesson(instructor, moduleId, Map.of("title", "Notes: " + title, "kind", "READING",
                "body", "Windows are <b>not</b> groups.\nEach row keeps its identity.", "duration_seconds", 300));
        long quiz = lesson(instructor, moduleId, Map.of("title", "Check: " + title, "kind", "QUIZ",
                "duration_seconds", 300));
        assertThat(post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructor.token())
                .status()).isEqualTo(200);
        try (Connection c = dataSource.getConnection()) {
            PublishedVideo.publish(c, store, video, 12);
        }
        return new Course(courseId, video, reading, quiz);
    }

    private long lesson(Account instructor, long moduleId, Map<String, Object> lesson) {
        return post("/api/modules/" + moduleId + "/lessons", lesson, instructor.token()).json().get("id").asLong();
    }

    private long enroll(Account learner, long courseId) {
        Response enrolled = post("/api/enrollments", Map.of("course_id", courseId), learner.token());
        assertThat(enrolled.status()).isIn(200, 201);
        return enrolled.json().get("id").asLong();
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private double number(String script) {
        Object value = js().executeScript("return " + script);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    @Test
    void aLearnerWhoLeavesAVideoComesBackWhereTheyLeftOff() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = course(instructor, "Window Functions " + System.nanoTime());
        Account learner = account();
        long enrollment = enroll(learner, course.id());

        signInAs(learner);
        browser.get(url("/learn/lessons/" + course.video()));
        WebElement player = browser.findElement(By.id("player"));
        assertThat(player.getAttribute("data-enrollment")).isEqualTo(String.valueOf(enrollment));
        assertThat(player.getAttribute("data-resume")).isEqualTo("0");
        assertThat(browser.findElement(By.id("resumed")).isDisplayed()).isFalse();

        js().executeScript("const v = document.getElementById('video'); v.muted = true; v.play()");
        wait.until(d -> number("document.getElementById('video').currentTime") >= 5);
        js().executeScript("document.getElementById('video').pause()");
        wait.until(d -> number("window.lessonPlayer.reports") >= 1
                && number("window.lessonPlayer.lastReport && window.lessonPlayer.lastReport.watched_seconds") >= 5);
        long watched = (long) number("window.lessonPlayer.lastReport.watched_seconds");
        assertThat(js().executeScript("return window.lessonPlayer.lastReport.completed")).isEqualTo(false);
        assertThat(js().executeScript("return window.lessonPlayer.error")).isNull();

        // "My learning" shows it at once, and "Continue" leads back to the video
        browser.get(url("/my-learning"));
        WebElement card = browser.findElement(By.id("course-" + enrollment));
        assertThat(card.findElement(By.className("percent")).getText()).isEqualTo("0%");
        card.findElement(By.tagName("summary")).click();
        assertThat(card.findElement(By.cssSelector("#lesson-state-" + course.video() + " .watched")).getText())
                .isEqualTo("0:0" + watched + " of 0:12 watched");
        WebElement resume = card.findElement(By.cssSelector("a.continue"));
        assertThat(resume.getText()).isEqualTo("Continue: Lecture: " + titleOf(course));
        resume.click();

        wait.until(d -> d.getCurrentUrl().endsWith("/learn/lessons/" + course.video()));
        assertThat(Long.parseLong(browser.findElement(By.id("player")).getAttribute("data-resume")))
                .isGreaterThanOrEqualTo(5);
        wait.until(d -> number("window.lessonPlayer.resumedAt") >= 5);
        wait.until(d -> number("document.getElementById('video').currentTime") >= 5);
        assertThat(browser.findElement(By.id("resumed")).getText()).startsWith("Resumed at 0:0");
        // the first frame the learner sees is at the resume point, not at the start
        js().executeScript("const v = document.getElementById('video'); v.muted = true; v.play()");
        wait.until(d -> js().executeScript("return window.lessonPlayer.firstFrameMs") != null);
        assertThat(number("document.getElementById('video').currentTime")).isGreaterThanOrEqualTo(5);
        js().executeScript("document.getElementById('video').pause()");
        shot("progress-lesson-resumed");
    }

    @Test
    void finishingTheVideoAndMarkingTheReadingCompleteShowsOnMyLearningAtOnce() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = course(instructor, "Query Plans " + System.nanoTime());
        Account learner = account();
        long enrollment = enroll(learner, course.id());
        sql("""
                INSERT INTO notifications (user_id, kind, title, body, link, created_at, read_at)
                VALUES (?, 'MILESTONE', 'Halfway through an earlier course', 'Keep going.', '/my-learning',
                        now() - interval '2 days', now() - interval '1 day'),
                       (?, 'COURSE_COMPLETED', 'You finished SQL Basics', 'Your certificate is on its way.', NULL,
                        now() - interval '1 hour', NULL)
                """, learner.id(), learner.id());

        signInAs(learner);
        browser.get(url("/learn/lessons/" + course.video()));
        assertThat(browser.findElement(By.id("completed-state")).isDisplayed()).isFalse();
        wait.until(d -> number("document.getElementById('video').readyState") >= 1);
        js().executeScript("const v = document.getElementById('video'); v.muted = true; v.currentTime = 11.5; v.play()");
        wait.until(d -> Boolean.TRUE.equals(js().executeScript("return document.getElementById('video').ended")));
        wait.until(d -> Boolean.TRUE.equals(js().executeScript(
                "return window.lessonPlayer.lastReport && window.lessonPlayer.lastReport.completed")));
        assertThat(number("window.lessonPlayer.lastReport.watched_seconds")).isGreaterThanOrEqualTo(11);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("completed-state")));

        browser.findElement(By.id("next-lesson")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/learn/lessons/" + course.reading()));
        assertThat(browser.findElement(By.id("reading")).getText())
                .isEqualTo("Windows are <b>not</b> groups.\nEach row keeps its identity.");
        assertThat(browser.findElements(By.id("player"))).isEmpty();
        browser.findElement(By.id("mark-complete")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("completed-state")));
        assertThat(browser.findElement(By.id("mark-complete")).isDisplayed()).isFalse();
        shot("progress-reading-completed");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("completed-state")).isDisplayed()).as("completed on load").isTrue();
        assertThat(browser.findElement(By.id("mark-complete")).isDisplayed()).isFalse();

        browser.get(url("/my-learning"));
        WebElement card = browser.findElement(By.id("course-" + enrollment));
        assertThat(card.findElement(By.className("percent")).getText()).isEqualTo("66%");
        assertThat(card.findElement(By.className("lessons-done")).getText()).isEqualTo("2 of 3 lessons completed");
        assertThat(card.findElement(By.cssSelector("a.continue")).getText()).isEqualTo("Continue: Check: " + titleOf(course));
        assertThat(card.findElements(By.cssSelector(".milestone.reached")).stream().map(WebElement::getText))
                .containsExactly("25 %", "50 %");
        card.findElement(By.tagName("summary")).click();
        assertThat(card.findElement(By.cssSelector("#lesson-state-" + course.video() + " .check")).getText()).isEqualTo("✓");
        assertThat(card.findElement(By.cssSelector("#lesson-state-" + course.reading() + " .check")).getText()).isEqualTo("✓");
        assertThat(card.findElement(By.cssSelector("#lesson-state-" + course.quiz() + " .check")).getText()).isEmpty();

        WebElement notifications = browser.findElement(By.id("notifications"));
        assertThat(notifications.findElements(By.cssSelector(".notification.unread")).stream().map(WebElement::getText))
                .singleElement(InstanceOfAssertFactories.STRING).contains("You finished SQL Basics");
        assertThat(notifications.findElements(By.className("notification"))).hasSize(2);
        shot("progress-my-learning");
        browser.findElement(By.id("mark-all-read")).click();
        wait.until(d -> d.findElements(By.cssSelector(".notification.unread")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/my-learning");
        assertThat(browser.findElements(By.id("mark-all-read"))).isEmpty();
        assertThat(count("SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", learner.id()))
                .isZero();
    }

    @Test
    void instructorsSeeTheFunnelOfTheirOwnCourseOnly() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = course(instructor, "Indexing " + System.nanoTime());
        long[] enrollments = new long[4];
        for (int i = 0; i < enrollments.length; i++) {
            enrollments[i] = enroll(account(), course.id());
        }
        // all four start the video, two finish it and go on: one to the end of the course, one to the reading
        seed(enrollments[0], course.video(), 12, true);
        seed(enrollments[0], course.reading(), 0, true);
        seed(enrollments[0], course.quiz(), 0, true);
        sql("UPDATE enrollments SET status = 'COMPLETED', completed_at = now() WHERE id = ?", enrollments[0]);
        seed(enrollments[1], course.video(), 12, true);
        seed(enrollments[1], course.reading(), 0, true);
        seed(enrollments[2], course.video(), 3, false);
        seed(enrollments[3], course.video(), 8, false);

        signInAs(instructor);
        browser.get(url("/teach"));
        browser.findElement(By.id("analytics-" + course.id())).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/teach/courses/" + course.id() + "/analytics"));
        assertThat(browser.findElement(By.id("enrolled")).getText()).isEqualTo("4");
        assertThat(stats(course.video())).containsExactly("4", "2", "50 %", "2", "0:06");
        assertThat(stats(course.reading())).containsExactly("2", "2", "100 %", "1", "—");
        assertThat(stats(course.quiz())).containsExactly("1", "1", "100 %", "0", "—");
        WebElement video = browser.findElement(By.id("funnel-" + course.video()));
        assertThat(video.findElement(By.cssSelector(".funnel-bar.started")).getAttribute("style")).contains("width: 100%");
        assertThat(video.findElement(By.cssSelector(".funnel-bar.completed")).getAttribute("style")).contains("width: 50%");
        assertThat(browser.findElement(By.cssSelector("#funnel-" + course.quiz() + " .started-count")).getText())
                .isEqualTo("1");
        shot("progress-analytics");

        // the editor links here too; previewing a lesson reports nothing
        browser.get(url("/teach/courses/" + course.id()));
        assertThat(browser.findElement(By.id("course-analytics")).getAttribute("href"))
                .endsWith("/teach/courses/" + course.id() + "/analytics");
        browser.get(url("/learn/lessons/" + course.reading()));
        assertThat(browser.findElements(By.id("mark-complete"))).isEmpty();

        Account other = account("INSTRUCTOR");
        BrowserSession session = signIn(port, other.email(), PASSWORD);
        assertThat(session.send("GET", "/teach/courses/" + course.id() + "/analytics", null, null).status())
                .isEqualTo(403);
        assertThat(session.send("GET", "/teach/courses/999999999/analytics", null, null).status()).isEqualTo(404);
        browser.manage().deleteAllCookies();
        signInAs(other);
        browser.get(url("/teach/courses/" + course.id() + "/analytics"));
        assertThat(browser.findElement(By.className("status")).getText()).isEqualTo("403");
        assertThat(browser.findElements(By.id("funnel"))).isEmpty();
    }

    private void seed(long enrollmentId, long lessonId, int watchedSeconds, boolean completed) {
        sql("""
                INSERT INTO progress (enrollment_id, lesson_id, watched_seconds, completed, started_at, last_watched_at)
                VALUES (?, ?, ?, ?, now() - interval '1 day', now())
                """, enrollmentId, lessonId, watchedSeconds, completed);
    }

    /** Started, completed, completion rate, stopped here and median stop of a lesson's row in the table. */
    private List<String> stats(long lessonId) {
        WebElement row = browser.findElement(By.id("stats-" + lessonId));
        return List.of("started", "completed", "rate", "stopped", "median").stream()
                .map(column -> row.findElement(By.className(column)).getText()).toList();
    }

    private String titleOf(Course course) {
        return text("SELECT title FROM courses WHERE id = ?", course.id());
    }
}
