package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.CertificateBatchFixture;
import org.openlearning.testing.Chromium;
import org.openlearning.testing.TestStack;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.json.JsonMapper;

/**
 * The certificate journey with the real web app, a real worker and a browser: a registrar uploads a
 * batch and watches it finish, downloads the ZIP (each PDF signed, its QR code the verification
 * address), an anonymous visitor verifies a certificate, the registrar revokes it and the visitor
 * sees it revoked.
 */
class CertificateJourneyIT {

    private static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRegistrarIssuesABatchAndAnAnonymousVisitorVerifiesAndSeesARevocation() throws Exception {
        TestStack.Env env = TestStack.create("certificate_journey");
        Path keystore = CertificateWorkers.keystore();
        Files.createDirectories(SCREENSHOTS);
        try (AppProcess web = AppProcess.start(Path.of("..", "web-app", "target", "web-app.jar"), "certificate-web",
                "Started WebApplication", env, List.of("-Xmx384m"), List.of("--spring.datasource.hikari.maximum-pool-size=5"));
                AppProcess worker = CertificateWorkers.start(env, "certificate-worker", keystore,
                        "--platform.public-url=" + web.url(""))) {
            String registrar = account(web, env, "REGISTRAR");
            CertificateBatchFixture fixture;
            try (Connection c = env.connect()) {
                fixture = CertificateBatchFixture.create(c, 40, 10, "j" + UUID.randomUUID().toString().substring(0, 6));
            }
            Path csv = Files.createTempDirectory("journey").resolve("autumn-cohort.csv");
            Files.writeString(csv, fixture.csv());

            WebDriver browser = Chromium.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                signIn(browser, wait, web, registrar);
                browser.get(web.url("/registrar"));
                shot(browser, "50-registrar-empty");
                browser.findElement(By.id("batch-file")).sendKeys(csv.toAbsolutePath().toString());
                browser.findElement(By.id("batch-start")).click();
                wait.until(ExpectedConditions.urlMatches(".*/registrar/batches/\\d+$"));
                long batchId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));
                new WebDriverWait(browser, Duration.ofSeconds(240))
                        .until(ExpectedConditions.textToBe(By.id("batch-status"), "SUCCEEDED"));
                assertThat(browser.findElement(By.id("batch-issued")).getText()).isEqualTo(String.valueOf(fixture.good()));
                assertThat(browser.findElement(By.id("batch-rejected")).getText())
                        .isEqualTo(String.valueOf(fixture.badLines().size()));
                assertThat(browser.findElements(By.cssSelector("#batch-errors tbody tr"))).hasSize(fixture.badLines().size());
                assertThat(browser.findElement(By.id("batch-errors")).getText()).contains("no learner has the e-mail");
                assertThat(browser.findElement(By.id("batch-bar")).getAttribute("style")).contains("100%");
                assertThat(browser.findElement(By.id("batch-zip")).isDisplayed()).isTrue();
                shot(browser, "51-registrar-batch-done");

                // the ZIP of the batch: every PDF signed, its QR code the verification address
                Cookie session = browser.manage().getCookieNamed("SESSION");
                HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(
                        URI.create(web.url("/registrar/batches/" + batchId + "/certificates.zip")))
                        .header("Cookie", "SESSION=" + session.getValue()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(zip.statusCode()).isEqualTo(200);
                List<byte[]> pdfs = new ArrayList<>();
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                    for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                        pdfs.add(in.readAllBytes());
                    }
                }
                assertThat(pdfs).hasSize(fixture.good());
                Path pdf = SCREENSHOTS.resolve("52-certificate.pdf");
                Files.write(pdf, pdfs.get(4)); // line 6: the name override
                assertThat(run("pdfsig", pdf.toString())).contains("Signature is Valid").contains("Total document signed");
                run("pdftoppm", "-r", "110", "-png", "-singlefile", pdf.toString(),
                        SCREENSHOTS.resolve("52-certificate").toString());
                assertThat(run("pdftotext", "-raw", pdf.toString(), "-")).contains("Ελένη Παπαδοπούλου");
                String verifyUrl = run("zbarimg", "--quiet", "--raw", SCREENSHOTS.resolve("52-certificate.png").toString()).strip();
                assertThat(verifyUrl).startsWith(web.url("/certificates/")).endsWith("/verify");
                String certificateId = verifyUrl.replaceAll(".*/certificates/([^/]+)/verify", "$1");

                // an anonymous visitor follows the QR code
                browser.manage().deleteAllCookies();
                browser.get(verifyUrl);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "Valid certificate"));
                assertThat(browser.findElement(By.id("verify-learner")).getText()).isEqualTo("Ελένη Παπαδοπούλου");
                assertThat(browser.getPageSource()).doesNotContain("@example.org");
                shot(browser, "53-verify-valid");

                signIn(browser, wait, web, registrar);
                browser.get(web.url("/registrar"));
                browser.findElement(By.id("revoke-id")).sendKeys(certificateId);
                browser.findElement(By.id("revoke-reason")).sendKeys("Issued to the wrong cohort");
                browser.findElement(By.id("revoke-submit")).click();
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revoke-done")));
                shot(browser, "54-registrar-revoked");

                browser.manage().deleteAllCookies();
                browser.get(verifyUrl);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "Revoked"));
                assertThat(browser.findElement(By.id("verify-revocation-reason")).getText())
                        .isEqualTo("Issued to the wrong cohort");
                shot(browser, "55-verify-revoked");

                browser.get(web.url("/certificates/" + "AAAAAAAAAAAAAAAAAAAAAA" + "/verify"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-verdict"), "Unknown certificate"));
                shot(browser, "56-verify-unknown");
            } finally {
                browser.quit();
            }
        }
    }

    private static String run(String... command) throws Exception {
        Path out = Files.createTempFile("tool", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void signIn(WebDriver browser, WebDriverWait wait, AppProcess web, String email) {
        browser.get(web.url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String account(AppProcess web, TestStack.Env env, String role) throws Exception {
        String email = "registrar-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(web.url("/api/auth/signup")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email,
                        "display_name", "Registrar Journey", "password", PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = JSON.readTree(r.body()).path("id").asLong();
        try (Connection c = env.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, role);
            ps.executeUpdate();
        }
        return email;
    }
}
