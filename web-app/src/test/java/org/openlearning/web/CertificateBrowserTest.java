package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A learner finds their certificate on their account page with its download and share links; an
 * anonymous visitor opens the share link. (Issuing itself is the worker's: see the worker module's
 * certificate journey.)
 */
class CertificateBrowserTest extends BrowserTest {

    @Autowired
    ObjectStore store;

    @Test
    void aLearnerSharesTheirCertificateAndAnAnonymousVisitorVerifiesIt() throws Exception {
        Account learner = account();
        long course = publishedCourse(account("INSTRUCTOR"), "Applied Cryptography");
        CertificateFixtures.Issued issued = CertificateFixtures.issue(this, store, learner.id(), course,
                "Amara Okafor-Lindqvist", null, null);

        signInAs(learner);
        browser.get(url("/account"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("my-certificates")));
        assertThat(browser.findElement(By.id("my-certificates")).getText()).contains("Signals and Systems", "valid");
        String share = browser.findElement(By.cssSelector("#my-certificates .certificate-share")).getAttribute("href");
        assertThat(share).endsWith("/certificates/" + issued.id() + "/verify");
        assertThat(browser.findElement(By.cssSelector("#my-certificates .certificate-download")).getAttribute("href"))
                .endsWith("/certificates/" + issued.id() + "/pdf");
        shot("57-account-certificates");

        browser.manage().deleteAllCookies();
        browser.get(url("/certificates/" + issued.id() + "/verify"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "Valid certificate"));
        assertThat(browser.findElement(By.id("verify-learner")).getText()).isEqualTo("Amara Okafor-Lindqvist");
        assertThat(browser.findElement(By.id("verify-sha256")).getText()).isEqualTo(issued.sha256());
        assertThat(browser.getPageSource()).doesNotContain(learner.email());
        assertThat(browser.findElements(By.id("nav-sign-in"))).isNotEmpty();
        shot("58-verify-anonymous");
    }

    @Test
    void aRegistrarSeesTheCertificatesSectionAndALearnerDoesNot() throws Exception {
        Account registrar = account("REGISTRAR");
        signInAs(registrar);
        browser.get(url("/registrar"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-form")));
        assertThat(browser.findElements(By.id("nav-registrar"))).isNotEmpty();
        shot("59-registrar-page");

        browser.manage().deleteAllCookies();
        signInAs(account());
        assertThat(browser.findElements(By.id("nav-registrar"))).isEmpty();
        browser.get(url("/registrar"));
        assertThat(browser.getPageSource()).doesNotContain("batch-form");
    }
}
