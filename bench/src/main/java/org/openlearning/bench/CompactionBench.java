package org.openlearning.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.openlearning.progress.ProgressEvent;

import redis.clients.jedis.RedisClient;

/**
 * {@code compaction}: the progress compaction path alone (Redis streams → StreamCompactor → COPY,
 * upsert, completion, commit, ack) against a bare COPY and grouped upsert of the same events done
 * by the bench, alternating, from the same empty state each time. Settable:
 * {@code -Dbench.compaction.events} (200,000).
 */
final class CompactionBench {

    static final String COURSE = "bench-compaction";
    static final int LEARNERS = 2_000;
    static final int LESSONS = 100;
    static final int EVENTS = Integer.getInteger("bench.compaction.events", 200_000);
    static final int ROUNDS = 3;
    static final long SEED = 20261122L;

    Report run() throws Exception {
        try (Connection db = Local.connect(); RedisClient redis = ProgressRedis.connect();
                CompactionPath path = new CompactionPath(redis); RawCopyUpsert raw = new RawCopyUpsert()) {
            ProgressCourse course = ProgressCourse.prepare(db, COURSE, LESSONS, LEARNERS, false);
            try {
                return measure(db, course, path, raw);
            } finally {
                int removed = course.remove(db);
                Local.log("cleanup: removed the bench course, " + removed + " enrollments with their progress and "
                        + "the learners");
            }
        }
    }

    private static Report measure(Connection db, ProgressCourse course, CompactionPath path, RawCopyUpsert raw)
            throws Exception {
        List<ProgressEvent> events = events(course);
        Local.log(events.size() + " events over " + Math.min(events.size(), course.keys()) + " keys of "
                + course.enrollments().length + " enrollments × " + LESSONS + " lessons (course " + course.id() + ")");
        List<ProgressEvent> warmUp = events.subList(0, events.size() / 4);
        Local.log("warm-up with " + warmUp.size() + " events: path " + Stats.round(path(db, course, path, warmUp)[0], 2)
                + " s, raw " + Stats.round(raw(db, course, raw, warmUp)[0], 2) + " s");
        double[] pathRates = new double[ROUNDS];
        double[] rawRates = new double[ROUNDS];
        long[] pathStored = null;
        long[] rawStored = null;
        for (int i = 0; i < ROUNDS; i++) {
            double[] p = path(db, course, path, events);
            pathRates[i] = events.size() / p[0];
            pathStored = new long[] {(long) p[1], (long) p[2]};
            double[] r = raw(db, course, raw, events);
            rawRates[i] = events.size() / r[0];
            rawStored = new long[] {(long) r[1], (long) r[2]};
            Local.log("round " + (i + 1) + ": path " + Stats.round(pathRates[i], 0) + " events/s ("
                    + Stats.round(p[0], 2) + " s), raw " + Stats.round(rawRates[i], 0) + " events/s ("
                    + Stats.round(r[0], 2) + " s)");
        }
        return report(pathRates, rawRates, pathStored, rawStored, course);
    }

    /**
     * Every (enrollment, lesson) key of the course once (again, one second further, when there are
     * more events than keys), shuffled the same way every run, as learners' reports interleave.
     */
    static List<ProgressEvent> events(ProgressCourse course) {
        int keys = course.keys();
        int[] order = new int[keys];
        for (int k = 0; k < keys; k++) {
            order[k] = k;
        }
        Random random = new Random(SEED);
        for (int k = keys - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        long accepted = System.currentTimeMillis() - EVENTS;
        List<ProgressEvent> events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int key = order[i % keys];
            events.add(new ProgressEvent(course.enrollmentOf(key), course.lessonOf(key), 30 + i / keys, false,
                    accepted + i));
        }
        return events;
    }

    /** {seconds, rows stored, sum of watched_seconds} of the path from an empty state. */
    private static double[] path(Connection db, ProgressCourse course, CompactionPath path, List<ProgressEvent> events)
            throws SQLException {
        course.resetProgress(db);
        vacuum(db);
        path.append(events);
        double seconds = path.compact(events.size());
        long[] stored = stored(db, course);
        return new double[] {seconds, stored[0], stored[1]};
    }

    /** The same for the raw COPY and upsert. */
    private static double[] raw(Connection db, ProgressCourse course, RawCopyUpsert raw, List<ProgressEvent> events)
            throws Exception {
        course.resetProgress(db);
        vacuum(db);
        double seconds = raw.run(events);
        long[] stored = stored(db, course);
        return new double[] {seconds, stored[0], stored[1]};
    }

    /** Dead rows of the previous round cleaned away, so that every round starts alike. */
    private static void vacuum(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("VACUUM progress, enrollments");
        }
    }

    private static long[] stored(Connection db, ProgressCourse course) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                SELECT count(*), coalesce(sum(p.watched_seconds), 0)
                FROM progress p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.course_id = ?
                """)) {
            st.setLong(1, course.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static Report report(double[] pathRates, double[] rawRates, long[] pathStored, long[] rawStored,
            ProgressCourse course) {
        double rate = Stats.median(pathRates);
        double rawRate = Stats.median(rawRates);
        boolean same = pathStored[0] == rawStored[0] && pathStored[1] == rawStored[1];
        Report report = new Report()
                .put("rows_per_s", rate, 0)
                .put("raw_copy_upsert_rows_per_s", rawRate, 0)
                .put("ratio_vs_raw", rate / rawRate, 3)
                .put("events", EVENTS)
                .put("rounds", ROUNDS)
                .put("rows_stored", pathStored[0])
                .put("path_seconds", EVENTS / rate, 2)
                .put("raw_seconds", EVENTS / rawRate, 2);
        String notes = "Events: " + EVENTS + " progress reports (watched only, never completed) over the "
                + course.keys() + " (enrollment, lesson) keys of a bench course (" + course.enrollments().length
                + " learners × " + LESSONS + " video lessons), shuffled with a fixed seed. Path: the events XADDed "
                + "(pipelined, not timed) to " + ProgressRedis.SHARDS + " streams under the private prefix '"
                + CompactionPath.PREFIX + "', then timed from createGroups until one in-process StreamCompactor "
                + "(the job's class and default settings: up to 2000 entries per stream per read, one PostgreSQL "
                + "connection, the next batch read from Redis while one is written, as the job does) has applied and "
                + "acknowledged all of them: XREADGROUP, decode, COPY into the staging table, upsert joined to "
                + "enrollments and lessons, completion recomputed for the enrollments that changed and reported a "
                + "completion (none here), commit, XACK + XDEL. Raw: the bench's own COPY of the same events into a temp table "
                + "and one grouped INSERT … ON CONFLICT DO UPDATE with greatest(), one commit; no Redis, no course "
                + "check, no completion. Both start from no progress rows for the course (deleted and vacuumed "
                + "before each run), so both insert the same rows; " + ROUNDS + " rounds alternating path and raw "
                + "after a warm-up of each with a quarter of the events. rows_per_s and raw_copy_upsert_rows_per_s = "
                + "events applied per second, medians (path rounds: " + Stats.list(pathRates, 0) + "; raw rounds: "
                + Stats.list(rawRates, 0) + "); ratio_vs_raw = rows_per_s / raw_copy_upsert_rows_per_s. "
                + (same ? "Both left the same " + pathStored[0] + " rows with the same watched_seconds sum."
                        : "The stored rows differ: path " + pathStored[0] + " rows / sum " + pathStored[1] + ", raw "
                        + rawStored[0] + " rows / sum " + rawStored[1] + ".")
                + " The running web app and workers stay up (idle) on the same "
                + Runtime.getRuntime().availableProcessors() + " cores.";
        return report.notes(notes);
    }
}
