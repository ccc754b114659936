package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlearning.search.CourseIndex;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The catalog page in Chromium: suggestions as you type, facets, results; screenshots in target/screenshots. */
class CatalogSearchBrowserTest extends BrowserTest {

    @DynamicPropertySource
    static void ownContext(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    private static CourseIndex built;

    @Autowired
    Jdbi jdbi;
    @Autowired
    CourseIndex index;

    @BeforeEach
    void catalog() {
        if (built == null) {
            SearchCatalog.write(jdbi);
            SearchCatalog.index(jdbi, index);
            built = index;
        }
    }

    @AfterAll
    static void dropIndices() {
        if (built != null) {
            SearchCatalog.drop(built);
        }
    }

    @Test
    void searchWithSuggestionsThenFilterByLevelAndOpenAResult() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        browser.get(url("/courses"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("facet-level")));
        assertThat(browser.findElements(By.id("search-notice"))).isEmpty();
        shot("catalog-facets");

        // typing shows suggestions; the keyboard picks one and opens its course
        WebElement box = browser.findElement(By.id("query"));
        box.sendKeys("mach");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions .suggestion")));
        List<String> titles = browser.findElements(By.cssSelector("#suggestions .suggestion-title")).stream()
                .map(WebElement::getText).toList();
        assertThat(titles).contains("Machine Learning", "Machine Vision Basics").doesNotContain("Machine Learning Secrets");
        box.sendKeys(Keys.ARROW_DOWN);
        wait.until(ExpectedConditions.attributeToBe(By.id("suggestion-0"), "aria-selected", "true"));
        shot("catalog-suggestions");
        box.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/courses/machine-learning"));
        assertThat(browser.findElement(By.id("course-title")).getText()).isEqualTo("Machine Learning");

        // back in the catalog: the mouse picks a suggestion too
        browser.navigate().back();
        WebElement again = wait.until(ExpectedConditions.elementToBeClickable(By.id("query")));
        again.clear();
        again.sendKeys("python");
        WebElement python = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//ul[@id='suggestions']/li[.//span[text()='Python for Everybody']]")));
        python.click();
        wait.until(ExpectedConditions.urlContains("/courses/python-for-everybody"));
        browser.navigate().back();

        // a search, then the level facet narrows it; the active filter can be removed again
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(By.id("query")));
        search.clear();
        search.sendKeys("essentials", Keys.ENTER); // no suggestion chosen: enter searches
        wait.until(ExpectedConditions.urlContains("query=essentials"));
        assertThat(browser.getCurrentUrl()).doesNotContain("min_rating=").doesNotContain("sort=");
        browser.findElement(By.cssSelector("#facet-level a[data-value=ADVANCED]")).click();
        wait.until(ExpectedConditions.urlContains("level=advanced"));
        assertThat(browser.findElements(By.cssSelector(".cards .meta")).stream().map(WebElement::getText))
                .isNotEmpty().allMatch(meta -> meta.startsWith("Advanced"));
        assertThat(browser.findElement(By.cssSelector("#facet-level a.active")).getText()).startsWith("Advanced");
        assertThat(browser.findElements(By.cssSelector(".cards .title mark"))).isNotEmpty();
        shot("catalog-filtered");
        assertThat(browser.findElement(By.id("active-filters")).getText()).contains("Advanced");

        WebElement first = browser.findElement(By.cssSelector(".cards .course-link"));
        String title = first.findElement(By.cssSelector(".title")).getText();
        first.click();
        wait.until(ExpectedConditions.textToBe(By.id("course-title"), title));

        browser.navigate().back();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#active-filters a.removable"))).click();
        wait.until(d -> !d.getCurrentUrl().contains("level="));
        assertThat(browser.getCurrentUrl()).contains("query=essentials");
    }
}
