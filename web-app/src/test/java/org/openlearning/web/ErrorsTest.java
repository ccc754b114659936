package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad input gets {error, message, field} with the right status; people get a friendly page; nobody a stack trace. */
class ErrorsTest extends WebTest {

    @Test
    void anUnknownApiPathIsAJson404() {
        Response r = get("/api/no-such-thing", account().token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asString()).isEqualTo("not_found");
        assertThat(r.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void anUnknownPageIsAFriendlyPage() {
        Response r = send("GET", "/courses/no-such-course-anywhere", null, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        assertThat(r.body()).contains("Page not found", "Back to the catalog").doesNotContain("Exception", "Whitelabel");
    }

    @Test
    void aWrongMethodIsExplained() {
        Response r = send("DELETE", "/api/courses", null, account().token());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.json().get("error").asString()).isEqualTo("method_not_allowed");
    }
}
