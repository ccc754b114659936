package org.openlearning.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Compaction lag as a reader of PostgreSQL sees it: accepted reports (probes) are looked up in
 * {@code progress} every {@link #EVERY}, all waiting probes in one query; a probe's lag is the start
 * of the first query that found its value (or a higher one) minus the moment the client had the
 * API's answer.
 */
final class LagProbes {

    static final Duration EVERY = Duration.ofMillis(100);

    private record Probe(int key, int value, long acceptedNanos) {
    }

    private static final String LOOK_UP = """
            SELECT k.i, p.watched_seconds
            FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS k (enrollment_id, lesson_id, i)
            JOIN progress p ON p.enrollment_id = k.enrollment_id AND p.lesson_id = k.lesson_id
            """;

    private final ProgressCourse course;
    private final Connection db;
    private final ConcurrentLinkedQueue<Probe> incoming = new ConcurrentLinkedQueue<>();
    private final List<Probe> waiting = new ArrayList<>();
    private final Stats.Samples lags = new Stats.Samples();
    private final Thread poller;
    private volatile boolean running = true;
    private int probes;
    private int failures;

    /** Starts polling on its own connection. */
    LagProbes(ProgressCourse course) throws SQLException {
        this.course = course;
        this.db = Local.connect();
        this.poller = Thread.ofPlatform().name("lag-probes").daemon().start(this::poll);
    }

    void add(int key, int value, long acceptedNanos) {
        incoming.add(new Probe(key, value, acceptedNanos));
    }

    /** Takes one last look, stops polling and closes the connection. */
    void stop() throws InterruptedException, SQLException {
        running = false;
        poller.join();
        db.close();
    }

    int probes() {
        return probes;
    }

    /** Probes never seen in PostgreSQL before {@link #stop}. */
    int unresolved() {
        return waiting.size();
    }

    long[] sortedLags() {
        return Stats.Samples.sorted(List.of(lags));
    }

    private void poll() {
        boolean last = false;
        while (!last) {
            last = !running;
            long started = System.nanoTime();
            for (Probe p = incoming.poll(); p != null; p = incoming.poll()) {
                waiting.add(p);
                probes++;
            }
            if (!waiting.isEmpty()) {
                try {
                    resolve(started);
                } catch (SQLException e) {
                    if (failures++ == 0) {
                        Local.log("lag probe query failed (probes wait for the next look): " + e.getMessage());
                    }
                }
            }
            long sleep = EVERY.toMillis() - (System.nanoTime() - started) / 1_000_000;
            if (!last && sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void resolve(long queryStart) throws SQLException {
        Long[] enrollments = new Long[waiting.size()];
        Long[] lessons = new Long[waiting.size()];
        for (int i = 0; i < waiting.size(); i++) {
            enrollments[i] = course.enrollmentOf(waiting.get(i).key());
            lessons[i] = course.lessonOf(waiting.get(i).key());
        }
        Map<Integer, Integer> stored = new HashMap<>();
        Array e = db.createArrayOf("bigint", enrollments);
        Array l = db.createArrayOf("bigint", lessons);
        try (PreparedStatement st = db.prepareStatement(LOOK_UP)) {
            st.setArray(1, e);
            st.setArray(2, l);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1) - 1, rs.getInt(2));
                }
            }
        }
        int index = 0;
        for (Iterator<Probe> it = waiting.iterator(); it.hasNext(); index++) {
            Probe probe = it.next();
            Integer value = stored.get(index);
            if (value != null && value >= probe.value()) {
                lags.add(Math.max(0, queryStart - probe.acceptedNanos()));
                it.remove();
            }
        }
    }
}
