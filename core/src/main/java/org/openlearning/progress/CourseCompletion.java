package org.openlearning.progress;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

/**
 * The course's completion criteria and what follows from meeting them, for a set of enrollments
 * whose progress just changed (in the same transaction). Today's criteria: every lesson of the
 * course completed; graded lessons are completed by passing them. Milestones (25/50/75/100 %) are
 * recorded once each (primary key), each with one notification; meeting the criteria writes one
 * certificate request (unique per enrollment) for the certificate job.
 */
@Component
public class CourseCompletion {

    public static final int[] MILESTONES = {25, 50, 75, 100};

    private static final String RECOMPUTE = """
            WITH counts AS (
                SELECT e.id, count(l.id) AS total, count(l.id) FILTER (WHERE p.completed) AS done
                FROM enrollments e
                LEFT JOIN lessons l ON l.course_id = e.course_id
                LEFT JOIN progress p ON p.enrollment_id = e.id AND p.lesson_id = l.id
                WHERE e.id = ANY(:ids)
                GROUP BY e.id
            )
            UPDATE enrollments e SET
                completion_percent = CASE WHEN c.total = 0 THEN 0 ELSE 100.0 * c.done / c.total END,
                lessons_completed  = c.done,
                completed_at       = CASE WHEN c.total > 0 AND c.done = c.total
                                          THEN coalesce(e.completed_at, now()) ELSE e.completed_at END,
                status             = CASE WHEN c.total > 0 AND c.done = c.total AND e.status = 'ACTIVE'
                                          THEN 'COMPLETED' ELSE e.status END
            FROM counts c
            WHERE e.id = c.id
            """;

    // One statement: new milestones, their notifications, and the certificate request of those who
    // just met the criteria. Conflicts mean "already recorded": nothing happens twice.
    private static final String MILESTONES_SQL = """
            WITH reached AS (
                INSERT INTO progress_milestones (enrollment_id, percent)
                SELECT e.id, m.percent
                FROM enrollments e
                CROSS JOIN (VALUES (25), (50), (75), (100)) AS m (percent)
                WHERE e.id = ANY(:ids) AND e.completion_percent >= m.percent
                ORDER BY e.id, m.percent
                ON CONFLICT DO NOTHING
                RETURNING enrollment_id, percent
            ),
            notified AS (
                INSERT INTO notifications (user_id, kind, title, body, link, milestone_enrollment, milestone_percent)
                SELECT e.user_id,
                       CASE WHEN r.percent = 100 THEN 'COURSE_COMPLETED' ELSE 'MILESTONE' END,
                       CASE WHEN r.percent = 100 THEN 'You completed ' || c.title
                            ELSE r.percent || ' % of ' || c.title END,
                       CASE WHEN r.percent = 100 THEN 'Your certificate is being prepared.'
                            ELSE 'Keep going: you are ' || r.percent || ' % through the course.' END,
                       '/courses/' || c.slug,
                       r.enrollment_id, r.percent
                FROM reached r
                JOIN enrollments e ON e.id = r.enrollment_id
                JOIN courses c ON c.id = e.course_id
                ON CONFLICT DO NOTHING
                RETURNING id
            ),
            certified AS (
                INSERT INTO certificate_requests (enrollment_id)
                SELECT enrollment_id FROM reached WHERE percent = 100
                ON CONFLICT (enrollment_id) DO NOTHING
                RETURNING id
            )
            SELECT (SELECT count(*) FROM reached) AS milestones,
                   (SELECT count(*) FROM notified) AS notifications,
                   (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM certified) AS certificate_requests
            """;

    /**
     * What a recomputation recorded; {@code certificateRequests}: the ids of the certificate requests
     * it wrote, to be enqueued once the transaction has committed ({@link ProgressWriter#announce}).
     */
    public record Changes(int milestones, int notifications, long[] certificateRequests) {

        public static final Changes NONE = new Changes(0, 0, new long[0]);
    }

    private static long[] longs(java.sql.Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] ids = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = ((Number) values[i]).longValue();
        }
        return ids;
    }

    public Changes recompute(Handle handle, long[] enrollmentIds) {
        if (enrollmentIds.length == 0) {
            return Changes.NONE;
        }
        // lock the enrollments in id order first: two batches touching the same ones cannot deadlock
        handle.createQuery("SELECT id FROM enrollments WHERE id = ANY(:ids) ORDER BY id FOR NO KEY UPDATE")
                .bind("ids", enrollmentIds).mapTo(Long.class).list();
        handle.createUpdate(RECOMPUTE).bind("ids", enrollmentIds).execute();
        return handle.createQuery(MILESTONES_SQL)
                .bind("ids", enrollmentIds)
                .map((rs, ctx) -> new Changes(rs.getInt(1), rs.getInt(2), longs(rs.getArray(3))))
                .one();
    }
}
