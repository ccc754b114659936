package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** An upload over the size limit is a 413 in the API's error shape, and nothing is recorded. */
@TestPropertySource(properties = {"spring.servlet.multipart.max-file-size=64KB",
        "spring.servlet.multipart.max-request-size=65KB"})
class UploadLimitTest extends WebTest {

    @Test
    void anUploadOverTheLimitIsA413() throws Exception {
        Account admin = account("ADMIN");
        String boundary = "----limit" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + "title,partner\n" + "x,y\n".repeat(40_000) + "\r\n--" + boundary
                + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/admin/catalog-imports")))
                .header("Authorization", "Bearer " + admin.token())
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).contains("application/json");
        assertThat(json.readTree(r.body()).get("error").asString()).isEqualTo("payload_too_large");
        assertThat(count("SELECT count(*) FROM catalog_imports")).isZero();
    }
}
