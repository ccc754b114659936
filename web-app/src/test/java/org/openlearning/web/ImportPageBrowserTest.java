package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An admin uploads a partner catalog and follows it on its page. The import itself runs on a worker
 * (tested in the worker module); here the record is moved along as the job would, and the page
 * must follow it without a reload.
 */
class ImportPageBrowserTest extends BrowserTest {

    @Test
    void anAdminUploadsACatalogAndWatchesItLive() throws IOException {
        Account admin = account("ADMIN");
        signInAs(admin);
        Path csv = Files.createTempFile("partner-catalog", ".csv");
        Files.writeString(csv, "title,partner\nOcean Science,Harborview College\n");

        browser.get(url("/admin/imports"));
        browser.findElement(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("import-start")).click();
        wait.until(ExpectedConditions.urlMatches(".*/admin/imports/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "QUEUED"));
        shot("20-import-queued");

        sql("UPDATE catalog_imports SET status = 'RUNNING', rows_total = 40, rows_read = 20, rows_imported = 19, "
                + "rows_rejected = 1 WHERE id = ?", id);
        sql("INSERT INTO catalog_import_errors (import_id, line, field, reason) VALUES (?, 7, 'level', "
                + "'level ''Expert-ish'' is not one of Beginner, Intermediate, Advanced, Mixed')", id);
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "RUNNING"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-errors"), "Expert-ish"));
        assertThat(browser.findElement(By.id("import-bar")).getAttribute("style")).contains("50%");
        shot("21-import-running");

        sql("UPDATE catalog_imports SET status = 'SUCCEEDED', rows_read = 40, rows_imported = 39 WHERE id = ?", id);
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "SUCCEEDED"));
        assertThat(browser.findElement(By.id("import-imported")).getText()).isEqualTo("39");
        assertThat(browser.findElement(By.id("import-rejected")).getText()).isEqualTo("1");
        shot("22-import-done");
    }
}
