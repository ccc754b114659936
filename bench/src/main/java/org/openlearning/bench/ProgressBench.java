package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.openlearning.progress.ProgressKeys;

import redis.clients.jedis.RedisClient;

/**
 * {@code progress}: sustained progress reports through {@code PUT /api/progress/…} from 128 clients,
 * each owning its own (enrollment, lesson) keys and sending ever higher watched_seconds; the lag
 * until PostgreSQL shows a report, and whether every accepted report arrived there. Settable:
 * {@code -Dbench.progress.seconds} (measured time, 60), {@code -Dbench.progress.clients} (128),
 * {@code -Dbench.progress.url} (the web app, http://127.0.0.1:8080).
 */
final class ProgressBench {

    static final String COURSE = "bench-progress";
    static final int LEARNERS = 2_000;
    static final int LESSONS = 10;
    static final int CLIENTS = Integer.getInteger("bench.progress.clients", 128);
    static final int ROUNDS = 3;
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.progress.seconds", 60));
    static final Duration WARMUP = Duration.ofSeconds(15);
    static final Duration DRAIN = Duration.ofSeconds(60);
    static final int PROBE_EVERY = 50;
    /** Event-loop threads of the load generator. */
    static final int LOOPS = Integer.getInteger("bench.progress.loops", 2);
    static final URI WEB = URI.create(System.getProperty("bench.progress.url", Local.WEB));

    private final Map<String, String> firstErrorBody = new ConcurrentHashMap<>();

    Report run() throws Exception {
        try (Connection db = Local.connect(); RedisClient redis = ProgressRedis.connect()) {
            ProgressKeys keys = ProgressRedis.keys("");
            if (ProgressRedis.drain(redis, keys, DRAIN) < 0) {
                throw new IllegalStateException("the progress streams hold " + ProgressRedis.backlog(redis, keys)
                        + " entries nobody compacts: are the workers running the progress compaction?");
            }
            long t0 = System.nanoTime();
            ProgressCourse course = ProgressCourse.prepare(db, COURSE, LESSONS, LEARNERS, true);
            try {
                course.resetProgress(db);
                ProgressRedis.forgetCached(redis, keys, course.enrollments());
                Local.log(course.enrollments().length + " learners enrolled in course " + course.id() + " (" + LESSONS
                        + " video lessons), with tokens, in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                return measure(course, db, redis, keys);
            } finally {
                ProgressRedis.forgetCached(redis, keys, course.enrollments());
                int removed = course.remove(db);
                Local.log("cleanup: removed the bench course, " + removed + " enrollments with their progress, "
                        + "the learners and their cached progress");
            }
        }
    }

    private Report measure(ProgressCourse course, Connection db, RedisClient redis, ProgressKeys keys) throws Exception {
        List<ProgressClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new ProgressClient(course, i, CLIENTS, WEB.getHost() + ":" + WEB.getPort(), this::noteFirst));
        }
        preflight(course);
        Local.log("warm-up: " + CLIENTS + " clients for " + WARMUP.toSeconds() + " s against " + WEB);
        Local.log("warm-up: " + phase(clients, WARMUP, null).summary());
        LagProbes probes = new LagProbes(course);
        List<Round> rounds = new ArrayList<>();
        CpuUse.Snapshot cpuBefore = CpuUse.snapshot(WEB.getPort());
        for (int i = 1; i <= ROUNDS; i++) {
            Round round = phase(clients, MEASURED.dividedBy(ROUNDS), probes);
            Local.log("round " + i + ": " + round.summary());
            rounds.add(round);
        }
        String cpu = CpuUse.between(cpuBefore, CpuUse.snapshot(WEB.getPort()), Runtime.getRuntime().availableProcessors());
        Set<String> consumers = ProgressRedis.activeConsumers(redis, keys, Duration.ofSeconds(5));
        Local.log("CPU during the rounds (100 % = one core): " + cpu);
        Local.log("compaction consumers active: " + consumers);
        double drained = ProgressRedis.drain(redis, keys, DRAIN);
        Local.log(drained < 0 ? "the streams did not drain within " + DRAIN.toSeconds() + " s"
                : "streams drained " + Stats.round(drained, 2) + " s after the load stopped");
        probes.stop();
        int[] accepted = new int[course.keys()];
        clients.forEach(c -> c.acceptedInto(accepted));
        int lost = lost(db, course, accepted);
        int reconnects = clients.stream().mapToInt(ProgressClient::reconnects).sum();
        return report(rounds, probes, lost, drained, reconnects, cpu, consumers, course);
    }

    /** All clients for {@code length}, on {@link #LOOPS} event-loop threads. */
    private static Round phase(List<ProgressClient> clients, Duration length, LagProbes probes)
            throws InterruptedException {
        long start = System.nanoTime();
        List<Round.Counter> counters = new ArrayList<>();
        for (ProgressClient client : clients) {
            Round.Counter counter = new Round.Counter();
            counters.add(counter);
            client.phase(counter, probes, PROBE_EVERY);
        }
        EventLoopHttp.run(WEB, clients, LOOPS, start + length.toNanos());
        return Round.of(counters, (System.nanoTime() - start) / 1e9);
    }

    /** Keys whose stored watched_seconds is below the highest value the API accepted for them. */
    private static int lost(Connection db, ProgressCourse course, int[] accepted) throws SQLException {
        int[] stored = course.storedWatched(db);
        int lost = 0;
        for (int k = 0; k < accepted.length; k++) {
            if (stored[k] < accepted[k]) {
                lost++;
            }
        }
        return lost;
    }

    /** One report before the load, so that a web app without the progress API fails the run at once. */
    private static void preflight(ProgressCourse course) throws IOException {
        String path = "/api/progress/" + course.enrollmentOf(0) + "/lessons/" + course.lessonOf(0);
        try (HttpLoad http = new HttpLoad(WEB)) {
            HttpLoad.Answer answer = http.put(path, course.tokenOf(0), "{\"watched_seconds\":0,\"completed\":false}");
            if (!answer.ok()) {
                throw new IllegalStateException("PUT " + WEB + path + " answered " + answer.status() + ": "
                        + answer.errorBody() + " (does this web app have the progress API?)");
            }
        }
    }

    private Report report(List<Round> rounds, LagProbes probes, int lost, double drained, int reconnects, String cpu,
            Set<String> consumers, ProgressCourse course) {
        Round all = Round.sum(rounds);
        double[] rates = rounds.stream().mapToDouble(Round::okPerSecond).toArray();
        double p50 = Stats.median(rounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), 50)).toArray());
        double p99 = Stats.median(rounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), 99)).toArray());
        long[] lags = probes.sortedLags();
        Report report = new Report()
                .put("accepted_per_s", Stats.median(rates), 1)
                .put("p50_ms", p50, 2)
                .put("p99_ms", p99, 2)
                .put("lag_p99_ms", Stats.percentileMs(lags, 99), 1)
                .put("lost_events", lost)
                .put("errors", all.errors())
                .put("requests", all.requests())
                .put("clients", CLIENTS)
                .put("seconds", all.seconds(), 1)
                .put("lag_p50_ms", Stats.percentileMs(lags, 50), 1)
                .put("lag_probes", probes.probes())
                .put("lag_unresolved", probes.unresolved())
                .put("applied_directly", all.existing())
                .put("drain_seconds", drained, 2)
                .put("keys", course.keys())
                .put("reconnects", reconnects)
                .put("compaction_consumers", consumers.size());
        StringBuilder notes = new StringBuilder()
                .append("PUT /api/progress/{enrollment}/lessons/{lesson} on ").append(WEB).append(" from ").append(CLIENTS)
                .append(" clients (one keep-alive HTTP/1.1 connection each, driven by ").append(LOOPS)
                .append(" event-loop threads on non-blocking sockets), each owning the ")
                .append(LESSONS).append(" lessons of every ").append(CLIENTS).append("th of ").append(course.enrollments().length)
                .append(" enrollments (").append(course.keys()).append(" keys) and sending watched_seconds one higher per key ")
                .append("each time, with the learner's bearer token; ").append(ROUNDS).append(" rounds of ")
                .append(MEASURED.dividedBy(ROUNDS).toSeconds()).append(" s after a ").append(WARMUP.toSeconds())
                .append(" s warm-up. accepted_per_s = median over rounds of 202/200 answers per second (rounds: ")
                .append(Stats.list(rates, 1)).append("); p50/p99 = median of the rounds' client-side percentiles; errors = ")
                .append("non-2xx answers and IO errors. Lag: every ").append(PROBE_EVERY).append("th accepted report is a probe, ")
                .append("looked up in PostgreSQL every ").append(LagProbes.EVERY.toMillis()).append(" ms (so lags are ")
                .append("measured to about that): lag = start of the first query showing the value or more minus the ")
                .append("client's receipt of the answer. After the load, the Redis streams drained in ").append(drained < 0
                        ? "more than " + DRAIN.toSeconds() : Stats.round(drained, 2))
                .append(" s; lost_events = keys whose stored watched_seconds is below their highest accepted value. ")
                .append("The web app appends to Redis (one script per report); ").append(consumers.size())
                .append(" compaction consumers read the streams during the rounds (").append(String.join(", ", consumers))
                .append(") and COPY batches into PostgreSQL. Load generator, web app, workers, Redis and ")
                .append("PostgreSQL share this machine's ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; CPU during the rounds (100 % = one core): ").append(cpu).append('.');
        if (all.errors() > 0) {
            notes.append(" Errors by kind: ").append(all.errorKinds()).append('.');
        }
        return report.notes(notes.toString());
    }

    private void noteFirst(String kind, String body) {
        if (firstErrorBody.putIfAbsent(kind, String.valueOf(body)) == null) {
            String text = String.valueOf(body);
            Local.log("first " + kind + ": " + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }
}
