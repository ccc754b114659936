package org.openlearning.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.sandbox.RunnerClient.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** 50 submissions at once against a pool of 2: every one gets its verdict, the pool never runs more than 2. */
@TestPropertySource(properties = {"sandbox.pool-size=2", "sandbox.queue-capacity=64"})
class ConcurrencyTest extends RunnerTest {

    @Test
    void fiftySubmissionsAtOnceAllGetTheirVerdictsWithinThePoolLimit() throws Exception {
        List<Future<RunnerClient.Answer>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                answers.add(callers.submit(() -> client.post(RunnerClient.run("python",
                        "n = int(input())\nprint(n * n)", Map.of(),
                        List.of(test("square", n + "\n", (n * n) + "\n"))))));
            }
        }
        for (int i = 0; i < 50; i++) {
            RunnerClient.Answer answer = answers.get(i).get();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.verdict(0)).isEqualTo("ACCEPTED");
            assertThat(answer.test(0).get("stdout").asString()).isEqualTo((i * i) + "\n");
        }
        var pool = client.get("/health").body().get("pool");
        assertThat(pool.get("max_active").asInt()).isBetween(1, 2);
        assertThat(pool.get("active").asInt()).isZero();
        assertThat(pool.get("queued").asInt()).isZero();
        assertNothingLeftOnTheHost();
    }
}
