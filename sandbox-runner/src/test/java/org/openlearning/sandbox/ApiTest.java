package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.sandbox.RunnerClient.test;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP contract: authentication, validation, error shape, health and metrics. */
class ApiTest extends RunnerTest {

    private static final String OK_SOURCE = "print(input())";

    @Test
    void requestsWithoutTheSecretAreUnauthorized() throws Exception {
        String body = "{\"language\":\"python\",\"source\":\"print(1)\",\"tests\":[{\"id\":\"t\"}]}";
        for (String authorization : new String[] {null, "Bearer wrong-secret-wrong-secret", "Basic " + SECRET,
                "Bearer " + SECRET + "x"}) {
            RunnerClient.Answer answer = client.post(body, authorization);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().get("error").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        RunnerClient.Answer answer = client.post("{\"language\": ", "Bearer " + SECRET);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asString()).isEqualTo("bad_request");
        assertThat(answer.raw().body()).doesNotContain("Exception");
    }

    @Test
    void invalidFieldsAreUnprocessableAndNamed() throws Exception {
        assertInvalid(Map.of("language", "cobol", "source", OK_SOURCE, "tests", List.of(test("t", "", null))), "language");
        assertInvalid(Map.of("language", "python", "source", "", "tests", List.of(test("t", "", null))), "source");
        assertInvalid(Map.of("language", "python", "source", "#".repeat(256 * 1024 + 1),
                "tests", List.of(test("t", "", null))), "source");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE, "tests", List.of()), "tests");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE), "tests");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE,
                "tests", java.util.Collections.nCopies(101, test("t", "", null))), "tests");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE,
                "tests", List.of(test("t", "", null), test("t", "", null))), "tests[1].id");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE, "limits", Map.of("wall_ms", 30001),
                "tests", List.of(test("t", "", null))), "limits.wall_ms");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE, "limits", Map.of("memory_mb", 4096),
                "tests", List.of(test("t", "", null))), "limits.memory_mb");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE, "limits", Map.of("cpu_ms", 0),
                "tests", List.of(test("t", "", null))), "limits.cpu_ms");
        assertInvalid(Map.of("language", "python", "source", OK_SOURCE,
                "tests", List.of(Map.of("id", "t", "compare", "fuzzy"))), "tests[0].compare");
    }

    @Test
    void aBodyOverThirtyTwoMegabytesIsTooLarge() throws Exception {
        String stdin = "x".repeat(1024 * 1024);
        List<Map<String, Object>> tests = new java.util.ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tests.add(test("t" + i, stdin, null));
        }
        RunnerClient.Answer answer = client.post(RunnerClient.run("python", OK_SOURCE, Map.of(), tests));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().get("error").asString()).isEqualTo("payload_too_large");
    }

    @Test
    void aValidRunAnswersTheContractShape() throws Exception {
        RunnerClient.Answer answer = client.post(RunnerClient.run("python", OK_SOURCE, Map.of(),
                List.of(test("echo", "hello\n", "hello\n"))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("compile").get("status").asString()).isEqualTo("skipped");
        var result = answer.test(0);
        assertThat(result.get("id").asString()).isEqualTo("echo");
        assertThat(result.get("verdict").asString()).isEqualTo("ACCEPTED");
        assertThat(result.get("exit_code").asInt()).isZero();
        assertThat(result.get("signal").isNull()).isTrue();
        assertThat(result.get("wall_ms").asLong()).isPositive();
        assertThat(result.get("stdout").asString()).isEqualTo("hello\n");
        assertThat(answer.body().get("wall_ms").asLong()).isPositive();
        assertNothingLeftOnTheHost();
    }

    @Test
    void healthAndMetricsNeedNoSecret() throws Exception {
        RunnerClient.Answer health = client.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(health.body().get("runsc").asString()).startsWith("runsc version");
        assertThat(health.body().get("pool").get("size").asInt()).isPositive();
        client.post(RunnerClient.run("python", "print(1)", Map.of(), List.of(test("t", "", "1\n"))));
        String metrics = client.get("/actuator/prometheus").raw().body();
        assertThat(metrics).contains("sandbox_runs_active", "sandbox_runs_queued", "sandbox_runs_rejected_total",
                "sandbox_tests_total{verdict=\"ACCEPTED\"}");
    }

    private void assertInvalid(Map<String, Object> body, String field) throws Exception {
        RunnerClient.Answer answer = client.post(body);
        assertThat(answer.status()).as(field).isEqualTo(422);
        assertThat(answer.body().get("error").asString()).isEqualTo("invalid");
        assertThat(answer.body().get("field").asString()).isEqualTo(field);
        assertThat(answer.body().get("message").asString()).isNotBlank();
    }
}
