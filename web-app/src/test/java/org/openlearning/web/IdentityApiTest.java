package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class IdentityApiTest extends WebTest {

    @Test
    void signUpCreatesALearnerAndRefusesATakenEmail() {
        Response first = post("/api/auth/signup", Map.of("email", "Ada.Lovelace@Example.org", "display_name", "Ada",
                "password", PASSWORD), null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("email").asString()).isEqualTo("ada.lovelace@example.org");
        assertThat(first.json().get("roles").toString()).contains("LEARNER");

        Response again = post("/api/auth/signup", Map.of("email", "ada.lovelace@example.org", "display_name", "Ada",
                "password", PASSWORD), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("conflict");
        assertThat(again.json().get("field").asString()).isEqualTo("email");
    }

    @Test
    void signUpExplainsBadInput() {
        Response shortPassword = post("/api/auth/signup", Map.of("email", "x@example.org", "display_name", "X",
                "password", "short"), null);
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.json().get("field").asString()).isEqualTo("password");
        assertThat(shortPassword.json().get("message").asString()).contains("at least");

        Response badEmail = post("/api/auth/signup", Map.of("email", "not-an-email", "display_name", "X",
                "password", PASSWORD), null);
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().get("field").asString()).isEqualTo("email");

        Response notJson = post("/api/auth/signup", "{not json", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asString()).isEqualTo("bad_request");
    }

    @Test
    void passwordsAreKeptAsArgon2idHashes() {
        Account account = account();
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            ps.setLong(1, account.id());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).contains("$argon2id$").doesNotContain(PASSWORD);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenOpensTheApiUntilItIsRevoked() {
        Account account = account();
        Response me = get("/api/me", account.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(account.email());

        long tokenId = get("/api/me/tokens", account.token()).json().get(0).get("id").asLong();
        assertThat(send("DELETE", "/api/me/tokens/" + tokenId, null, account.token()).status()).isEqualTo(204);

        Response after = get("/api/me", account.token());
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("error").asString()).isEqualTo("invalid_token");
    }

    @Test
    void anUnknownTokenIsRefused() {
        Response r = get("/api/me", "lpat_made-up-token-that-does-not-exist");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("message").asString()).isNotBlank();
    }

    @Test
    void repeatedWrongPasswordsAreRateLimited() {
        Account account = account();
        for (int i = 0; i < 5; i++) {
            Response wrong = post("/api/auth/tokens", Map.of("email", account.email(), "password", "wrong password!"),
                    null);
            assertThat(wrong.status()).isEqualTo(401);
        }
        Response blocked = post("/api/auth/tokens", Map.of("email", account.email(), "password", PASSWORD), null);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().get("error").asString()).isEqualTo("too_many_requests");
    }
}
