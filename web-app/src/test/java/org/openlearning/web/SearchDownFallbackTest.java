package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openlearning.search.SearchAnswer;
import org.openlearning.search.SearchProperties;
import org.openlearning.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenSearch is down: nothing listens where it should (connections are refused). Also shows the
 * catalog page in Chromium while searching from PostgreSQL (screenshot catalog-fallback.png).
 */
@Import(SearchDownFallbackTest.NothingListens.class)
class SearchDownFallbackTest extends SearchFallbackTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class NothingListens {
        @Bean
        @Primary
        SearchProperties downSearch(@Value("${platform.search.alias}") String alias) {
            int port;
            // a port that was free a moment ago: nothing listens there now
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return SearchServers.at("http://127.0.0.1:" + port, alias, Duration.ofSeconds(2));
        }
    }

    @Test
    void theCatalogPageInTheBrowserShowsTheNoticeAndWorkingFacets() throws IOException {
        WebDriver browser = Chromium.start();
        try {
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(url("/courses?query=essentials"));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-notice")));
            browser.findElement(By.cssSelector("#facet-level a[data-value=BEGINNER]")).click();
            wait.until(ExpectedConditions.urlContains("level=beginner"));
            assertThat(browser.findElement(By.id("search-notice")).getText()).isEqualTo(SearchAnswer.LIMITED);
            assertThat(browser.findElements(By.cssSelector(".cards .meta")).stream().map(WebElement::getText))
                    .isNotEmpty().allMatch(meta -> meta.startsWith("Beginner"));
            Files.createDirectories(BrowserTest.SCREENSHOTS);
            Files.write(BrowserTest.SCREENSHOTS.resolve("catalog-fallback.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @DynamicPropertySource
    static void smallPool(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }
}
