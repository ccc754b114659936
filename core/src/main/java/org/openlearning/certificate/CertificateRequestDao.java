package org.openlearning.certificate;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code certificate_requests} intent records that course completion writes (one per
 * enrollment), with what a certificate needs to know of the learner and the course.
 */
@RegisterConstructorMapper(CertificateRequestDao.RequestRow.class)
public interface CertificateRequestDao {

    record RequestRow(long id, long enrollmentId, String status, long userId, long courseId, String learnerName,
            String courseTitle, String partnerName, Instant completedAt) {

        public boolean finished() {
            return "ISSUED".equals(status) || "FAILED".equals(status);
        }
    }

    @SqlQuery("""
            SELECT r.id, r.enrollment_id, r.status, e.user_id, e.course_id, u.display_name AS learner_name,
                   c.title AS course_title, coalesce(p.name, '') AS partner_name, e.completed_at
            FROM certificate_requests r
            JOIN enrollments e ON e.id = r.enrollment_id
            JOIN users u ON u.id = e.user_id
            JOIN courses c ON c.id = e.course_id
            LEFT JOIN partners p ON p.id = c.partner_id
            WHERE r.id = :id
            """)
    Optional<RequestRow> findById(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE certificate_requests SET status = 'RUNNING', updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    boolean markRunning(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE certificate_requests SET status = 'ISSUED', failure_reason = NULL, updated_at = now()
            WHERE id = :id
            """)
    void markIssued(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE certificate_requests SET status = 'FAILED', failure_reason = :reason, updated_at = now()
            WHERE id = :id AND status <> 'ISSUED'
            """)
    void fail(@Bind("id") long id, @Bind("reason") String reason);
}
