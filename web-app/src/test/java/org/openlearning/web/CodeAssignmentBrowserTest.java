package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The assignment pages in the browser: an instructor defines a programming assignment on the lesson's
 * teach page (a refused save points at the field); a learner reads it, edits the starter code and
 * submits, and sees the submission queued (no worker grades here; the graded journey is the worker's
 * CodeJourneyIT).
 */
class CodeAssignmentBrowserTest extends BrowserTest {

    private long assignmentLesson(Account instructor, String title) {
        long courseId = post("/api/courses", Map.of("title", title), instructor.token()).json().get("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        return post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Sum of two numbers", "kind",
                "ASSIGNMENT", "body", "Read two integers from one line and print their sum."), instructor.token())
                .json().get("id").asLong();
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void anInstructorDefinesAnAssignmentAndALearnerSubmitsAProgram() throws IOException {
        Account instructor = account("INSTRUCTOR");
        long lesson = assignmentLesson(instructor, "Programming in the browser");
        signInAs(instructor);
        browser.get(url("/teach/lessons/" + lesson));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assignment-form")));

        type(browser.findElement(By.id("passing-percent")), "60");
        browser.findElement(By.id("lang-cpp")).click();
        type(browser.findElement(By.id("starter-python")), "a, b = map(int, input().split())\n");
        WebElement first = browser.findElement(By.cssSelector("#tests .test"));
        type(first.findElement(By.className("t-name")), "small numbers");
        first.findElement(By.className("t-stdin")).sendKeys("1 2");
        first.findElement(By.className("t-expected")).sendKeys("3");
        browser.findElement(By.id("add-test")).click();
        WebElement second = browser.findElements(By.cssSelector("#tests .test")).get(1);
        type(second.findElement(By.className("t-name")), "big numbers");
        second.findElement(By.className("t-stdin")).sendKeys("1000000000 2000000000");
        second.findElement(By.className("t-expected")).sendKeys("3000000000");
        second.findElement(By.className("t-hidden")).click();
        type(second.findElement(By.className("t-points")), "-3");
        browser.findElement(By.id("save-assignment")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assignment-error")));
        assertThat(browser.findElement(By.id("assignment-error")).getText()).contains("points");
        assertThat(second.findElement(By.className("t-points")).getAttribute("class")).contains("invalid");

        type(second.findElement(By.className("t-points")), "2");
        browser.findElement(By.id("save-assignment")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assignment-saved")));
        assertThat(browser.findElement(By.id("assignment-summary")).getText()).contains("2 tests (1 hidden), 3 points");
        shot("60-teach-assignment");
        assertThat(count("SELECT count(*) FROM code_tests t JOIN code_assignments a ON a.id = t.assignment_id "
                + "WHERE a.lesson_id = ? AND t.hidden", lesson)).isEqualTo(1);

        long courseId = Long.parseLong(text("SELECT course_id FROM lessons WHERE id = ?", lesson));
        post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"), instructor.token());
        Account learner = account();
        post("/api/enrollments", Map.of("course_id", courseId), learner.token());
        browser.manage().deleteAllCookies();
        signInAs(learner);
        browser.get(url("/learn/lessons/" + lesson));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assignment-body")));

        assertThat(browser.findElement(By.id("reading")).getText()).contains("print their sum");
        assertThat(browser.findElement(By.id("examples")).getText()).contains("small numbers", "1 2", "3")
                .doesNotContain("2000000000");
        assertThat(browser.findElement(By.id("assignment-rules")).getText()).contains("1 hidden test", "60 %");
        assertThat(browser.findElements(By.id("mark-complete"))).as("passing completes it, not a click").isEmpty();
        List<String> languages = new Select(browser.findElement(By.id("code-language"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertThat(languages).containsExactly("Python 3", "C++");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat((String) js.executeScript("return window.codeEditor.getValue()"))
                .isEqualTo("a, b = map(int, input().split())\n");
        // typing in the editor: it indents Python blocks, and Tab indents with spaces
        WebElement editor = browser.findElement(By.cssSelector(".CodeMirror textarea"));
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        editor.sendKeys("if a:\nprint(a + b)\n");
        editor.sendKeys(Keys.TAB);
        String typed = (String) js.executeScript("return window.codeEditor.getValue()");
        assertThat(typed).contains("if a:\n    print(a + b)\n").doesNotContain("\t");
        assertThat(typed.substring(typed.lastIndexOf('\n') + 1)).as("the last line after Tab").isBlank().hasSizeGreaterThanOrEqualTo(4);
        shot("61-learn-assignment");

        browser.findElement(By.id("submit-code")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("submission-status"), "data-status", "QUEUED"));
        assertThat(browser.findElement(By.id("submission-status")).getText()).isEqualTo("Queued");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#submission-history tr[data-status]")));
        js.executeScript("document.getElementById('submit-code').scrollIntoView()");
        shot("62-learn-assignment-queued");
        assertThat(text("SELECT source FROM code_submissions WHERE user_id = ?", learner.id()))
                .contains("    print(a + b)");

        // switching languages offers that language's starter code; the Python draft is kept
        new Select(browser.findElement(By.id("code-language"))).selectByVisibleText("C++");
        assertThat((String) js.executeScript("return window.codeEditor.getValue()")).isEmpty();
        new Select(browser.findElement(By.id("code-language"))).selectByVisibleText("Python 3");
        assertThat((String) js.executeScript("return window.codeEditor.getValue()")).contains("print(a + b)");
    }
}
