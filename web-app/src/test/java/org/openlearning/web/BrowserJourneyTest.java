package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A learner's first visit, in headless Chromium: sign up, browse, open a course, enroll, find it in My learning. */
class BrowserJourneyTest extends BrowserTest {

    @Test
    void aNewLearnerSignsUpFindsACourseAndEnrolls() throws IOException {
        Account instructor = account("INSTRUCTOR");
        long courseId = publishedCourse(instructor, "Practical Time Series Forecasting");
        send("PUT", "/api/courses/" + courseId, java.util.Map.of("title", "Practical Time Series Forecasting",
                "summary", "Forecast demand, traffic and sales with classical and modern methods.",
                "category", "Journey Testing", "level", "INTERMEDIATE", "language", "en",
                "skills", java.util.List.of("Forecasting", "Python")), instructor.token());

        browser.get(url("/courses"));
        browser.findElement(By.id("nav-sign-up")).click();
        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        browser.findElement(By.id("display_name")).sendKeys("Jordan Learner");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        shot("01-signup");
        browser.findElement(By.id("create-account")).click();
        wait.until(ExpectedConditions.urlContains("/courses?welcome"));
        assertThat(browser.findElement(By.id("nav-account")).getText()).isEqualTo("Jordan Learner");

        browser.findElement(By.id("query")).sendKeys("time series forecasting", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("query=time"));
        browser.findElement(By.cssSelector("#facet-level a[data-value=INTERMEDIATE]")).click();
        wait.until(ExpectedConditions.urlContains("level=intermediate"));
        browser.findElement(By.cssSelector("#facet-category a[data-value='Journey Testing']")).click();
        wait.until(ExpectedConditions.urlContains("category=Journey"));
        shot("02-catalog-filtered");
        browser.findElement(By.partialLinkText("Practical Time Series Forecasting")).click();
        wait.until(ExpectedConditions.textToBe(By.id("course-title"), "Practical Time Series Forecasting"));
        shot("03-course");

        browser.findElement(By.id("enroll")).click();
        wait.until(ExpectedConditions.urlContains("/my-learning"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("You are enrolled.");
        assertThat(browser.findElement(By.id("my-courses")).getText()).contains("Practical Time Series Forecasting");
        shot("04-my-learning");

        browser.get(url("/courses/" + get("/api/courses/" + courseId, null).json().get("slug").asString()));
        assertThat(browser.findElement(By.id("enrolled")).getText()).contains("Enrolled");
        assertThat(count("SELECT count(*) FROM enrollments e JOIN users u ON u.id = e.user_id WHERE u.email = ?", email))
                .isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsExplainedOnTheSignInPage() throws IOException {
        Account learner = account();
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(learner.email());
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        shot("05-login-error");
        browser.findElement(By.id("email")).sendKeys(learner.email());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/my-learning"));
    }
}
