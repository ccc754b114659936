package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openlearning.web.QuizFixture.Course;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

/** Quizzes in the browser: a learner takes one and sees the feedback; an instructor writes one. */
class QuizBrowserTest extends BrowserTest {

    private void scrollTo(String id) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private WebElement question(int index) {
        return browser.findElements(By.cssSelector("#quiz-form .quiz-question")).get(index);
    }

    private void pick(WebElement question, String text) {
        for (WebElement label : question.findElements(By.cssSelector("label.quiz-option"))) {
            if (label.getText().equals(text)) {
                label.click();
                return;
            }
        }
        throw new IllegalStateException("no option " + text);
    }

    @Test
    void aLearnerTakesAQuizSeesTheFeedbackAndPassesOnTheSecondTry() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = QuizFixture.course(this, instructor, "SQL Aggregation " + System.nanoTime(),
                QuizFixture.quiz("max_attempts", 3, "time_limit_seconds", 900));
        Account learner = account();
        long enrollment = QuizFixture.enroll(this, learner, course);

        signInAs(learner);
        browser.get(url("/learn/lessons/" + course.lesson()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-start")));
        assertThat(browser.findElement(By.id("quiz-facts")).getText())
                .isEqualTo("5 questions · 10 points · pass with 70 % · 3 attempts · 15 minutes per attempt");
        assertThat(browser.findElement(By.id("quiz-status")).getText()).isEqualTo("Not attempted yet");
        assertThat(browser.findElements(By.id("mark-complete"))).isEmpty();
        browser.findElement(By.id("quiz-start")).click();

        // first attempt: the single choice and the number right, the rest wrong
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-form")));
        assertThat(browser.findElements(By.cssSelector("#quiz-form .quiz-question"))).hasSize(5);
        wait.until(d -> d.findElement(By.id("quiz-timer")).getText().endsWith("left"));
        pick(question(0), "HAVING");
        pick(question(1), "LOWER");
        pick(question(2), "True");
        question(3).findElement(By.tagName("input")).sendKeys("3.14");
        question(4).findElement(By.tagName("input")).sendKeys("UNIQUE");
        wait.until(d -> d.findElement(By.id("quiz-saved")).getText().equals("Answers saved"));
        shot("quiz-taking");
        browser.findElement(By.id("quiz-submit")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-score")));
        assertThat(browser.findElement(By.id("quiz-verdict")).getText()).isEqualTo("Not passed");
        assertThat(browser.findElement(By.id("quiz-points")).getText()).isEqualTo("4 of 10 points (40 %)");
        List<WebElement> feedback = browser.findElements(By.cssSelector("#quiz-feedback li"));
        assertThat(feedback).hasSize(5);
        assertThat(feedback.get(0).getAttribute("class")).contains("right");
        assertThat(feedback.get(0).findElement(By.className("explanation")).getText()).startsWith("HAVING filters");
        assertThat(feedback.get(1).getAttribute("class")).contains("wrong");
        assertThat(feedback.get(1).findElement(By.className("your-answer")).getText()).isEqualTo("LOWER");
        assertThat(feedback.get(1).findElement(By.className("correct-answer")).getText()).isEqualTo("COUNT; SUM");
        assertThat(feedback.get(4).findElement(By.className("correct-answer")).getText())
                .isEqualTo("DISTINCT / SELECT DISTINCT");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-history")));
        assertThat(browser.findElement(By.id("quiz-note")).getText()).isEqualTo("2 attempts left.");
        assertThat(browser.findElement(By.id("quiz-attempt-1")).getText()).contains("#1", "4 / 10", "not passed");
        assertThat(browser.findElement(By.id("completed-state")).isDisplayed()).isFalse();
        scrollTo("quiz");
        shot("quiz-feedback-failed");

        // second attempt: everything right
        browser.findElement(By.id("quiz-start")).click();
        wait.until(d -> d.findElement(By.id("quiz-attempt-label")).getText().startsWith("Attempt 2"));
        pick(question(0), "HAVING");
        pick(question(1), "COUNT");
        pick(question(1), "SUM");
        pick(question(2), "False");
        question(3).findElement(By.tagName("input")).sendKeys("3.142");
        question(4).findElement(By.tagName("input")).sendKeys("distinct");
        browser.findElement(By.id("quiz-submit")).click();
        wait.until(d -> d.findElement(By.id("quiz-verdict")).getText().equals("Passed"));
        assertThat(browser.findElement(By.id("quiz-points")).getText()).isEqualTo("10 of 10 points (100 %)");
        assertThat(browser.findElements(By.cssSelector("#quiz-feedback li.right"))).hasSize(5);
        assertThat(browser.findElement(By.id("completed-state")).isDisplayed()).isTrue();
        wait.until(d -> d.findElement(By.id("quiz-status")).getText().startsWith("Passed"));
        scrollTo("quiz");
        shot("quiz-feedback-passed");

        assertThat(text("SELECT completed FROM progress WHERE enrollment_id = ? AND lesson_id = ?", enrollment,
                course.lesson())).isEqualTo("t");
        // a reload shows the standing: passed, two attempts, one left
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-history")));
        assertThat(browser.findElement(By.id("quiz-status")).getText()).isEqualTo("Passed · best score 10 of 10");
        assertThat(browser.findElement(By.id("quiz-note")).getText()).isEqualTo("1 attempt left.");
        assertThat(browser.findElement(By.id("completed-state")).isDisplayed()).isTrue();
    }

    @Test
    void aReloadInTheMiddleOfAnAttemptResumesItWithTheAnswersSoFar() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = QuizFixture.course(this, instructor, "Resuming " + System.nanoTime(), QuizFixture.quiz());
        Account learner = account();
        QuizFixture.enroll(this, learner, course);
        signInAs(learner);
        browser.get(url("/learn/lessons/" + course.lesson()));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("quiz-start"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-form")));
        pick(question(0), "HAVING");
        question(4).findElement(By.tagName("input")).sendKeys("DISTINCT");
        wait.until(d -> d.findElement(By.id("quiz-saved")).getText().equals("Answers saved"));

        browser.navigate().refresh();
        wait.until(d -> d.findElement(By.id("quiz-attempt-label")).getText().equals("Attempt 1 (resumed)"));
        WebElement having = question(0).findElements(By.cssSelector("label.quiz-option")).stream()
                .filter(l -> l.getText().equals("HAVING")).findFirst().orElseThrow();
        assertThat(having.findElement(By.tagName("input")).isSelected()).isTrue();
        assertThat(question(4).findElement(By.tagName("input")).getAttribute("value")).isEqualTo("DISTINCT");
    }

    @Test
    void anInstructorWritesAQuizOnTheLessonPage() throws Exception {
        Account instructor = account("INSTRUCTOR");
        Course course = QuizFixture.course(this, instructor, "Authoring " + System.nanoTime(),
                QuizFixture.quiz("questions", List.of()));
        signInAs(instructor);
        browser.get(url("/teach/lessons/" + course.lesson()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-no-questions")));
        assertThat(browser.findElement(By.id("quiz-passing")).getAttribute("value")).isEqualTo("70");

        new Select(browser.findElement(By.id("quiz-new-kind"))).selectByValue("SINGLE");
        browser.findElement(By.id("quiz-add")).click();
        WebElement single = browser.findElement(By.id("quiz-edit-0"));
        single.findElement(By.className("q-prompt")).sendKeys("Which planet is closest to the sun?");
        single.findElement(By.className("q-add-option")).click();
        single = browser.findElement(By.id("quiz-edit-0"));
        List<WebElement> options = single.findElements(By.className("q-option"));
        options.get(0).sendKeys("Venus");
        options.get(1).sendKeys("Mercury");
        options.get(2).sendKeys("Mars");
        single.findElements(By.className("q-correct")).get(1).click();
        single.findElement(By.className("q-points")).clear();
        single.findElement(By.className("q-points")).sendKeys("2");
        single.findElement(By.className("q-explanation")).sendKeys("Mercury's orbit is the smallest.");

        new Select(browser.findElement(By.id("quiz-new-kind"))).selectByValue("NUMERIC");
        browser.findElement(By.id("quiz-add")).click();
        WebElement numeric = browser.findElement(By.id("quiz-edit-1"));
        numeric.findElement(By.className("q-prompt")).sendKeys("How many planets has the solar system?");
        numeric.findElement(By.className("q-value")).sendKeys("8");

        new Select(browser.findElement(By.id("quiz-new-kind"))).selectByValue("TEXT");
        browser.findElement(By.id("quiz-add")).click();
        WebElement text = browser.findElement(By.id("quiz-edit-2"));
        text.findElement(By.className("q-prompt")).sendKeys("Name the red planet.");
        browser.findElement(By.id("quiz-time-limit")).clear();
        browser.findElement(By.id("quiz-time-limit")).sendKeys("600");

        // saving without an accepted answer is refused, naming the field
        browser.findElement(By.id("quiz-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-editor-error")));
        assertThat(browser.findElement(By.id("quiz-editor-error")).getText()).contains("questions[2].accepted_answers");
        assertThat(browser.findElement(By.className("q-accepted")).getAttribute("class")).contains("field-error");

        browser.findElement(By.className("q-accepted")).sendKeys("Mars");
        browser.findElement(By.id("quiz-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("quiz-saved")));
        assertThat(browser.findElement(By.id("quiz-saved")).getText()).isEqualTo("Saved: version 2, 3 questions.");
        shot("quiz-editor");
        scrollTo("quiz-editor");
        shot("quiz-editor-top");

        JsonNode quiz = get("/api/teach/lessons/" + course.lesson() + "/quiz", instructor.token()).json();
        assertThat(quiz.get("time_limit_seconds").asInt()).isEqualTo(600);
        JsonNode first = quiz.get("questions").get(0);
        assertThat(first.get("kind").asString()).isEqualTo("SINGLE");
        assertThat(first.get("points").asInt()).isEqualTo(2);
        assertThat(first.get("options").get(1).get("text").asString()).isEqualTo("Mercury");
        assertThat(first.get("options").get(1).get("correct").asBoolean()).isTrue();
        assertThat(first.get("options").get(0).get("correct").asBoolean()).isFalse();
        assertThat(first.get("explanation").asString()).isEqualTo("Mercury's orbit is the smallest.");
        assertThat(quiz.get("questions").get(1).get("value").asDouble()).isEqualTo(8.0);
        assertThat(quiz.get("questions").get(2).get("accepted_answers").get(0).asString()).isEqualTo("Mars");
    }
}
