package org.openlearning.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openlearning.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium (the distribution's) driven by Selenium against the real app; screenshots in target/. */
abstract class BrowserTest extends WebTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        // pages re-render parts of themselves: an element read while it is replaced is read again
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected void signInAs(Account account) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(account.email());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    protected void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
