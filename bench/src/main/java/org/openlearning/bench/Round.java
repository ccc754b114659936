package org.openlearning.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What one timed round of load did: outcomes by kind and every latency. */
record Round(double seconds, int created, int existing, int errors, Map<String, Integer> errorKinds,
        long[] latencies) {

    int requests() {
        return created + existing + errors;
    }

    double okPerSecond() {
        return (created + existing) / seconds;
    }

    String summary() {
        return String.format(Locale.ROOT, "%.1f ok/s, %d requests (%d created, %d existing, %d errors), "
                + "p50 %.2f ms, p99 %.2f ms", okPerSecond(), requests(), created, existing, errors,
                Stats.percentileMs(latencies, 50), Stats.percentileMs(latencies, 99));
    }

    /** One client's loop: works until {@code deadline} (System.nanoTime), tallying into its counter. */
    interface Client {
        void loop(Counter counter, long deadline) throws Exception;
    }

    /** Runs {@code clients} loops on virtual threads for {@code length} and adds up what they did. */
    static Round run(int clients, Duration length, Client client) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Counter> counters = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                Counter counter = new Counter();
                counters.add(counter);
                pool.submit(() -> {
                    client.loop(counter, deadline);
                    return null;
                });
            }
        }
        return of(counters, (System.nanoTime() - start) / 1e9);
    }

    static Round of(List<Counter> counters, double seconds) {
        int created = 0, existing = 0, errors = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        List<Stats.Samples> samples = new ArrayList<>();
        for (Counter c : counters) {
            created += c.created;
            existing += c.existing;
            errors += c.errors;
            c.kinds.forEach((k, n) -> kinds.merge(k, n, Integer::sum));
            samples.add(c.samples);
        }
        return new Round(seconds, created, existing, errors, kinds, Stats.Samples.sorted(samples));
    }

    static Round sum(List<Round> rounds) {
        int created = 0, existing = 0, errors = 0;
        double seconds = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        for (Round r : rounds) {
            created += r.created;
            existing += r.existing;
            errors += r.errors;
            seconds += r.seconds;
            r.errorKinds.forEach((k, n) -> kinds.merge(k, n, Integer::sum));
        }
        return new Round(seconds, created, existing, errors, kinds, new long[0]);
    }

    /** One client's tallies; touched by its own thread only. */
    static final class Counter {
        private int created;
        private int existing;
        private int errors;
        private final Map<String, Integer> kinds = new TreeMap<>();
        private final Stats.Samples samples = new Stats.Samples();

        void created(long nanos) {
            created++;
            samples.add(nanos);
        }

        void existing(long nanos) {
            existing++;
            samples.add(nanos);
        }

        /** A successful read (of something that exists); counted with {@link #existing}. */
        void ok(long nanos) {
            existing(nanos);
        }

        void error(String kind, long nanos) {
            errors++;
            kinds.merge(kind, 1, Integer::sum);
            samples.add(nanos);
        }
    }
}
