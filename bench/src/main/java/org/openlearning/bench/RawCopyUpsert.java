package org.openlearning.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.openlearning.progress.ProgressEvent;
import org.postgresql.PGConnection;

/**
 * The compaction bench's baseline: the events COPYed in one go into a temporary table of the bench's
 * own, merged into {@code progress} by one grouped upsert that only moves forward, one commit. No
 * Redis, no course check, no completion recomputed.
 */
final class RawCopyUpsert implements AutoCloseable {

    private static final String STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS bench_progress_copy (
                enrollment_id   bigint  NOT NULL,
                lesson_id       bigint  NOT NULL,
                watched_seconds integer NOT NULL,
                completed       boolean NOT NULL,
                accepted_ms     bigint  NOT NULL
            ) ON COMMIT DELETE ROWS
            """;

    private static final String COPY = """
            COPY bench_progress_copy (enrollment_id, lesson_id, watched_seconds, completed, accepted_ms)
            FROM STDIN (FORMAT text)""";

    private static final String UPSERT = """
            INSERT INTO progress AS p (enrollment_id, lesson_id, watched_seconds, completed, started_at,
                                       last_watched_at, updated_at)
            SELECT enrollment_id, lesson_id, max(watched_seconds), bool_or(completed),
                   to_timestamp(min(accepted_ms) / 1000.0), to_timestamp(max(accepted_ms) / 1000.0), now()
            FROM bench_progress_copy
            GROUP BY enrollment_id, lesson_id
            ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
                watched_seconds = greatest(p.watched_seconds, excluded.watched_seconds),
                completed       = p.completed OR excluded.completed,
                last_watched_at = greatest(p.last_watched_at, excluded.last_watched_at),
                updated_at      = now()
            """;

    private final Connection db;

    RawCopyUpsert() throws SQLException {
        this.db = Local.connect();
        try (Statement st = db.createStatement()) {
            st.execute(STAGING);
        }
        db.setAutoCommit(false);
    }

    /** Copies and merges {@code events}; returns the seconds it took, the text for COPY included. */
    double run(List<ProgressEvent> events) throws SQLException, IOException {
        long start = System.nanoTime();
        StringBuilder text = new StringBuilder(events.size() * 40);
        for (ProgressEvent e : events) {
            text.append(e.enrollmentId()).append('\t')
                    .append(e.lessonId()).append('\t')
                    .append(e.watchedSeconds()).append('\t')
                    .append(e.completed() ? 't' : 'f').append('\t')
                    .append(e.acceptedAtMillis()).append('\n');
        }
        try {
            db.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
            try (Statement st = db.createStatement()) {
                st.executeUpdate(UPSERT);
            }
            db.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            db.rollback();
            throw e;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
