package org.openlearning.progress;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.openlearning.certificate.CertificateRequest;
import org.openlearning.intent.IntentQueue;
import org.springframework.stereotype.Component;

/**
 * Applies progress events to PostgreSQL, the one way both writers use: the compaction job (which
 * fills the staging table with COPY) and the web app while Redis is unreachable (plain inserts).
 * Inside the caller's transaction: events are staged in {@value #STAGING}, merged into
 * {@code progress} by one set-based upsert that only ever moves forward (watched_seconds and
 * last_watched_at grow, completed turns true), then {@link CourseCompletion} recomputes the
 * enrollments whose progress changed. Applying the same events twice changes nothing the second time.
 */
@Component
public class ProgressWriter {

    /** A temporary table per database session, emptied at every commit. */
    public static final String STAGING = "progress_batch";

    /** Columns of {@value #STAGING}, in COPY order ({@code accepted_ms}: epoch milliseconds). */
    public static final String STAGING_COLUMNS = "enrollment_id, lesson_id, watched_seconds, completed, accepted_ms";

    private static final String CREATE_STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS progress_batch (
                enrollment_id   bigint      NOT NULL,
                lesson_id       bigint      NOT NULL,
                watched_seconds integer     NOT NULL,
                completed       boolean     NOT NULL,
                accepted_ms     bigint      NOT NULL
            ) ON COMMIT DELETE ROWS
            """;

    // Events whose lesson is not in the enrollment's course are dropped by the join (the API refuses
    // them; a lesson deleted meanwhile is the only way here). Rows are locked in key order, so two
    // compactors upserting overlapping batches cannot deadlock. A replayed batch updates nothing.
    private static final String UPSERT = """
            WITH changed AS (
            INSERT INTO progress AS p (enrollment_id, lesson_id, watched_seconds, completed, started_at,
                                       last_watched_at, completed_at, updated_at)
            SELECT b.enrollment_id, b.lesson_id, max(b.watched_seconds), bool_or(b.completed),
                   to_timestamp(min(b.accepted_ms) / 1000.0), to_timestamp(max(b.accepted_ms) / 1000.0),
                   to_timestamp(min(b.accepted_ms) FILTER (WHERE b.completed) / 1000.0), now()
            FROM progress_batch b
            JOIN enrollments e ON e.id = b.enrollment_id
            JOIN lessons l ON l.id = b.lesson_id AND l.course_id = e.course_id
            GROUP BY b.enrollment_id, b.lesson_id
            ORDER BY b.enrollment_id, b.lesson_id
            ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
                watched_seconds = greatest(p.watched_seconds, excluded.watched_seconds),
                completed       = p.completed OR excluded.completed,
                started_at      = least(p.started_at, excluded.started_at),
                last_watched_at = greatest(p.last_watched_at, excluded.last_watched_at),
                completed_at    = least(p.completed_at, excluded.completed_at),
                updated_at      = now()
            WHERE excluded.watched_seconds > p.watched_seconds
               OR (excluded.completed AND NOT p.completed)
               OR excluded.last_watched_at > p.last_watched_at
               OR excluded.started_at < p.started_at
            RETURNING p.enrollment_id
            )
            SELECT enrollment_id, count(*) FROM changed GROUP BY enrollment_id ORDER BY enrollment_id
            """;

    /** What one application changed. */
    public record Applied(int rowsChanged, long[] enrollmentsChanged, CourseCompletion.Changes completion) {
    }

    private final CourseCompletion completion;
    private final IntentQueue intents;

    /** {@code intents}: null for a writer outside the platform's processes (a benchmark's): the sweeper enqueues. */
    public ProgressWriter(CourseCompletion completion, IntentQueue intents) {
        this.completion = completion;
        this.intents = intents;
    }

    /**
     * After the transaction that applied progress has committed: enqueues the certificate requests
     * it wrote, so that a learner who just completed a course gets the certificate within moments
     * rather than at the intent sweeper's next round (which still catches any this misses).
     */
    public void announce(Applied applied) {
        if (applied == null || intents == null) {
            return;
        }
        for (long request : applied.completion().certificateRequests()) {
            intents.enqueue(CertificateRequest.INTENT, request);
        }
    }

    /** Makes sure this session has its (empty) staging table. */
    public void createStaging(Handle handle) {
        handle.execute(CREATE_STAGING);
    }

    /** Stages events with ordinary inserts (the web app's path, a few rows at a time). */
    public void stage(Handle handle, List<ProgressEvent> events) {
        createStaging(handle);
        PreparedBatch batch = handle.prepareBatch("INSERT INTO progress_batch (" + STAGING_COLUMNS
                + ") VALUES (:enrollmentId, :lessonId, :watchedSeconds, :completed, :acceptedMs)");
        for (ProgressEvent event : events) {
            batch.bind("enrollmentId", event.enrollmentId())
                    .bind("lessonId", event.lessonId())
                    .bind("watchedSeconds", event.watchedSeconds())
                    .bind("completed", event.completed())
                    .bind("acceptedMs", event.acceptedAtMillis())
                    .add();
        }
        batch.execute();
    }

    /** Merges what is staged into {@code progress} and recomputes the enrollments that changed. */
    public Applied applyStaged(Handle handle) {
        // one row per enrollment that changed (with how many of its rows did), not one per row
        List<long[]> changed = handle.createQuery(UPSERT)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        long[] enrollments = changed.stream().mapToLong(c -> c[0]).toArray();
        int rowsChanged = (int) changed.stream().mapToLong(c -> c[1]).sum();
        if (enrollments.length == 0) {
            return new Applied(0, enrollments, CourseCompletion.Changes.NONE);
        }
        // Completion depends on completed lessons only: a batch of mere "still watching" reports
        // cannot change it, so only enrollments that changed and reported a completion are recomputed.
        long[] completing = handle.createQuery("""
                        SELECT DISTINCT enrollment_id FROM progress_batch
                        WHERE completed AND enrollment_id = ANY(:changed) ORDER BY enrollment_id""")
                .bind("changed", enrollments).mapTo(Long.class).stream().mapToLong(Long::longValue).toArray();
        CourseCompletion.Changes changes = completion.recompute(handle, completing);
        return new Applied(rowsChanged, enrollments, changes);
    }

    /** Stages and applies in the caller's transaction. */
    public Applied apply(Handle handle, List<ProgressEvent> events) {
        stage(handle, events);
        return applyStaged(handle);
    }
}
