package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.openlearning.certificate.CertificateIds;
import org.springframework.test.context.TestPropertySource;

/** The public verification is rate-limited per client address. */
@TestPropertySource(properties = {"platform.certificates.verify-per-minute=5", "spring.datasource.hikari.maximum-pool-size=4"})
class CertificateVerifyLimitTest extends WebTest {

    @Test
    void aClientAskingTooOftenGets429WithAJsonError() {
        String id = CertificateIds.next();
        int[] statuses = new int[7];
        Response last = null;
        for (int i = 0; i < statuses.length; i++) {
            last = exchange(HttpRequest.newBuilder(URI.create(url("/certificates/" + id + "/verify")))
                    .header("Accept", "application/json").GET().build());
            statuses[i] = last.status();
        }

        // a minute boundary may fall inside the loop: then the count starts again once
        assertThat(statuses).contains(429);
        assertThat(statuses[0]).isEqualTo(404);
        assertThat(last.status()).isIn(404, 429);
        Response limited = exchange(HttpRequest.newBuilder(URI.create(url("/certificates/" + id + "/verify")))
                .header("Accept", "application/json").GET().build());
        if (limited.status() == 429) {
            assertThat(limited.json().get("error").asString()).isEqualTo("too_many_requests");
            assertThat(limited.json().get("message").asString()).contains("too many verifications");
        }
    }
}
