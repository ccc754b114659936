package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Per-run overhead of the sandbox runner against a bare {@code runsc run} of the same trivial
 * Python program (alternating rounds, medians), then runs/s with as many concurrent clients as the
 * runner's pool has slots. Needs the runner (./platform up starts it on 8090) and root for the
 * bare runs.
 */
final class SandboxBench {

    private static final String PROGRAM = "print('hello from the sandbox')\n";
    private static final String EXPECTED = "hello from the sandbox\n";
    private static final int WARMUP = 3;
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 8;
    private static final Duration THROUGHPUT_TIME = Duration.ofSeconds(20);

    private final String url = Local.env("PLATFORM_SANDBOX_URL", "http://127.0.0.1:8090");
    private final String secret;
    private final String body;

    SandboxBench() throws IOException {
        Path file = Path.of(Local.env("PLATFORM_SANDBOX_SECRET_FILE", ".platform/conf/sandbox.secret"));
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("no sandbox secret at " + file.toAbsolutePath()
                    + " (set PLATFORM_SANDBOX_SECRET_FILE or run after ./platform up)");
        }
        secret = Files.readString(file).strip();
        body = Local.JSON.writeValueAsString(Map.of("language", "python", "source", PROGRAM,
                "tests", List.of(Map.of("id", "t1", "stdin", "", "expected_stdout", EXPECTED, "compare", "exact"))));
    }

    Report run() throws Exception {
        JsonNode health = Local.body(Local.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                .timeout(Duration.ofSeconds(10)).GET().build()), 200);
        int pool = health.path("pool").path("size").asInt(1);
        Local.log("runner " + url + " (" + health.path("runsc").asString("") + ", pool " + pool + ")");
        double[] runnerMedians = new double[ROUNDS];
        double[] bareMedians = new double[ROUNDS];
        try (BareRunsc bare = new BareRunsc("/usr/bin/python3", PROGRAM)) {
            for (int i = 0; i < WARMUP; i++) {
                runner();
                bareRun(bare);
            }
            for (int round = 0; round < ROUNDS; round++) {
                double[] r = new double[PER_ROUND];
                double[] b = new double[PER_ROUND];
                for (int i = 0; i < PER_ROUND; i++) {
                    r[i] = runner();
                    b[i] = bareRun(bare);
                }
                runnerMedians[round] = Stats.median(r);
                bareMedians[round] = Stats.median(b);
                Local.log("round " + (round + 1) + ": runner " + Stats.round(runnerMedians[round], 1)
                        + " ms, bare runsc " + Stats.round(bareMedians[round], 1) + " ms");
            }
        }
        double runnerMs = Stats.median(runnerMedians);
        double bareMs = Stats.median(bareMedians);
        double runsPerSecond = throughput(pool);
        return new Report()
                .put("runner_ms_median", runnerMs, 1)
                .put("bare_runsc_ms_median", bareMs, 1)
                .put("ratio_vs_bare", runnerMs / bareMs, 3)
                .put("runs_per_s", runsPerSecond, 2)
                .put("pool_size", pool)
                .notes("trivial Python program (one print, one test): runner = POST /v1/runs round trip from "
                        + "the client (fresh sandbox, host cgroup, CPU/wall/output watch, cleanup); bare = "
                        + "'runsc run' of an equivalent minimal bundle (read-only /usr, tmpfs /tmp, no network). "
                        + ROUNDS + " alternating rounds of " + PER_ROUND + " each after " + WARMUP
                        + " warm-ups, median of round medians; runner rounds " + Stats.list(runnerMedians, 1)
                        + " ms, bare rounds " + Stats.list(bareMedians, 1) + " ms. runs_per_s: " + pool
                        + " concurrent clients (the pool size) for " + THROUGHPUT_TIME.toSeconds() + " s.");
    }

    /** One POST /v1/runs; milliseconds from the client. */
    private double runner() throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = post();
        double ms = (System.nanoTime() - started) / 1e6;
        JsonNode answer = Local.body(response, 200);
        String verdict = answer.path("tests").path(0).path("verdict").asString("");
        if (!verdict.equals("ACCEPTED")) {
            throw new IllegalStateException("the runner judged the trivial program " + verdict + ": " + response.body());
        }
        return ms;
    }

    private static double bareRun(BareRunsc bare) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String out = bare.run();
        double ms = (System.nanoTime() - started) / 1e6;
        if (!out.equals(EXPECTED)) {
            throw new IllegalStateException("bare runsc printed " + out);
        }
        return ms;
    }

    private HttpResponse<String> post() throws IOException, InterruptedException {
        return Local.send(HttpRequest.newBuilder(URI.create(url + "/v1/runs"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Runs per second with {@code clients} concurrent callers; 429s are retried and not counted. */
    private double throughput(int clients) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        long started = System.nanoTime();
        long end = started + THROUGHPUT_TIME.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = post();
                        if (response.statusCode() == 429) {
                            rejected.incrementAndGet();
                            Thread.sleep(50);
                        } else {
                            Local.body(response, 200);
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Local.log("throughput: " + done.get() + " runs in " + Stats.round(seconds, 1) + " s, " + rejected.get()
                + " answered 429");
        return done.get() / seconds;
    }
}
