package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An instructor builds a course in the browser: draft, module, lesson, publish; learners then see it. */
class InstructorBrowserTest extends BrowserTest {

    @Test
    void anInstructorCreatesAndPublishesACourse() throws IOException {
        Account instructor = account("INSTRUCTOR");
        signInAs(instructor);
        browser.get(url("/teach"));
        browser.findElement(By.id("new-course")).click();
        browser.findElement(By.id("title")).sendKeys("Field Methods in Ecology");
        browser.findElement(By.name("summary")).sendKeys("Sample, measure and model populations in the field.");
        browser.findElement(By.name("category")).sendKeys("Physical Science and Engineering");
        new Select(browser.findElement(By.name("level"))).selectByVisibleText("Intermediate");
        browser.findElement(By.name("skills")).sendKeys("Sampling, Field Work");
        shot("10-new-course");
        browser.findElement(By.id("create-course")).click();
        wait.until(ExpectedConditions.textToBe(By.id("course-status"), "DRAFT"));

        browser.findElement(By.id("status-published")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edit-error")));
        assertThat(browser.findElement(By.id("edit-error")).getText()).contains("lesson");

        browser.findElement(By.id("module-title")).sendKeys("Week 1: Sampling design");
        browser.findElement(By.id("add-module")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("aside"), "Week 1: Sampling design"));
        browser.findElement(By.cssSelector(".module-edit input[name=title]")).sendKeys("Transects and quadrats");
        browser.findElement(By.cssSelector(".module-edit button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("aside"), "Transects and quadrats"));
        browser.findElement(By.id("status-published")).click();
        wait.until(ExpectedConditions.textToBe(By.id("course-status"), "PUBLISHED"));
        shot("11-course-editor");

        browser.get(url("/courses?query=Field%20Methods"));
        browser.findElement(By.partialLinkText("Field Methods in Ecology")).click();
        wait.until(ExpectedConditions.textToBe(By.id("course-title"), "Field Methods in Ecology"));
        assertThat(browser.getPageSource()).contains("Transects and quadrats", "Sampling");
    }

    @Test
    void anotherInstructorCannotOpenTheEditor() {
        Account owner = account("INSTRUCTOR");
        long course = publishedCourse(owner, "Someone Else's Course");
        signInAs(account("INSTRUCTOR"));
        browser.get(url("/teach/courses/" + course));
        assertThat(browser.getPageSource()).contains("Not allowed").doesNotContain("Add module");
    }
}
