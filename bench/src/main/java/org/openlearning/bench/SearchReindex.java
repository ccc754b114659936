package org.openlearning.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A full rebuild of the search index through the real path: {@code POST /api/admin/search/reindexes}
 * as an admin (202 with the record's id), then the {@code search_reindexes} record polled every
 * 250 ms until it is SUCCEEDED or FAILED.
 */
final class SearchReindex {

    static final String PATH = "/api/admin/search/reindexes";
    static final Duration POLL = Duration.ofMillis(250);

    /** The finished record; times in seconds ({@code wall}: from sending the request until the end was seen). */
    record Outcome(long id, String status, long totalCourses, long indexed, double queueSeconds, double jobSeconds,
            double wallSeconds, String failure) {

        boolean succeeded() {
            return status.equals("SUCCEEDED");
        }
    }

    private SearchReindex() {
    }

    /** Waits for a rebuild already waiting or running (only one may be), then requests one and waits for it. */
    static Outcome run(Connection db, AdminToken admin, Duration timeout) throws Exception {
        long active = activeId(db);
        if (active > 0) {
            Local.log("a rebuild (" + active + ") is already under way: waiting for it first");
            await(db, active, timeout, System.nanoTime());
        }
        long start = System.nanoTime();
        HttpResponse<String> response = Local.send(Local.request(PATH)
                .header("Authorization", "Bearer " + admin.token())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        long id = Local.body(response, 202).path("id").asLong();
        Local.log("rebuild " + id + " requested: " + response.statusCode());
        return await(db, id, timeout, start);
    }

    private static Outcome await(Connection db, long id, Duration timeout, long start) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextLog = 0;
        try (PreparedStatement st = db.prepareStatement("""
                SELECT status, coalesce(total_courses, 0), indexed, failure_reason,
                       extract(epoch FROM started_at - created_at), extract(epoch FROM finished_at - started_at)
                FROM search_reindexes WHERE id = ?
                """)) {
            st.setLong(1, id);
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("search_reindexes has no record " + id);
                    }
                    String status = rs.getString(1);
                    double wall = (System.nanoTime() - start) / 1e9;
                    if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                        return new Outcome(id, status, rs.getLong(2), rs.getLong(3), seconds(rs, 5), seconds(rs, 6),
                                wall, rs.getString(4));
                    }
                    if (System.nanoTime() > nextLog) {
                        Local.log("rebuild " + id + ": " + status + ", " + rs.getLong(3) + " of " + rs.getLong(2)
                                + " indexed after " + Stats.round(wall, 1) + " s");
                        nextLog = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("rebuild " + id + " did not finish within " + timeout.toMinutes() + " min");
                }
                Thread.sleep(POLL);
            }
        }
    }

    private static long activeId(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT id FROM search_reindexes WHERE status IN ('REQUESTED', 'QUEUED', 'RUNNING') ORDER BY id LIMIT 1");
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static double seconds(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    static String describe(Outcome o) {
        return "rebuild " + o.id() + " " + o.status() + ": " + o.indexed() + " of " + o.totalCourses()
                + " courses indexed, job %.2f s, wall %.2f s".formatted(o.jobSeconds(), o.wallSeconds())
                + (o.failure() == null ? "" : ", failure: " + o.failure());
    }
}
