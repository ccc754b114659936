package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.sandbox.RunnerClient.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A pool of one with no queue: a second request while one runs is turned away with 429. */
@TestPropertySource(properties = {"sandbox.pool-size=1", "sandbox.queue-capacity=0", "sandbox.retry-after=3s"})
class FullPoolTest extends RunnerTest {

    @Test
    void aRequestBeyondPoolAndQueueIsTooManyRequestsWithRetryAfter() throws Exception {
        CompletableFuture<RunnerClient.Answer> running = CompletableFuture.supplyAsync(() -> {
            try {
                return client.post(RunnerClient.run("python", "import time\ntime.sleep(3)\nprint('done')",
                        Map.of(), List.of(test("t", "", "done\n"))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 100 && client.get("/health").body().get("pool").get("active").asInt() == 0; i++) {
            Thread.sleep(50);
        }
        RunnerClient.Answer refused = client.post(RunnerClient.run("python", "print(1)", Map.of(),
                List.of(test("t", "", "1\n"))));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("error").asString()).isEqualTo("too_many_requests");
        assertThat(refused.raw().headers().firstValue("Retry-After")).contains("3");
        assertThat(running.get().verdict(0)).isEqualTo("ACCEPTED");

        RunnerClient.Answer later = client.post(RunnerClient.run("python", "print(1)", Map.of(),
                List.of(test("t", "", "1\n"))));
        assertThat(later.status()).isEqualTo(200);
        assertThat(client.get("/actuator/prometheus").raw().body()).contains("sandbox_runs_rejected_total 1.0");
        assertNothingLeftOnTheHost();
    }
}
