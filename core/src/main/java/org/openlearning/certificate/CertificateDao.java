package org.openlearning.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Certificates: one per learner and course; pending until their signed PDF is stored. */
@RegisterConstructorMapper(CertificateDao.CertificateRow.class)
public interface CertificateDao {

    record CertificateRow(String id, long userId, long courseId, String learnerName, String courseTitle,
            String partnerName, LocalDate completedOn, Long requestId, Long batchId, Integer batchLine,
            String forcedReason, Instant createdAt, Instant issuedAt, String objectKey, String sha256,
            Instant revokedAt, Long revokedBy, String revocationReason) {

        public boolean issued() {
            return issuedAt != null;
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    String COLUMNS = """
            SELECT id, user_id, course_id, learner_name, course_title, partner_name, completed_on, request_id,
                   batch_id, batch_line, forced_reason, created_at, issued_at, object_key, sha256, revoked_at,
                   revoked_by, revocation_reason
            FROM certificates
            """;

    @SqlQuery(COLUMNS + " WHERE id = :id")
    Optional<CertificateRow> findById(@Bind("id") String id);

    @SqlQuery(COLUMNS + " WHERE user_id = :userId AND course_id = :courseId")
    Optional<CertificateRow> find(@Bind("userId") long userId, @Bind("courseId") long courseId);

    @SqlQuery(COLUMNS + " WHERE user_id = :userId ORDER BY created_at DESC, id")
    List<CertificateRow> ofLearner(@Bind("userId") long userId);

    /** The issued certificates of a batch, in line order (for the batch's ZIP). */
    @SqlQuery(COLUMNS + " WHERE batch_id = :batchId AND issued_at IS NOT NULL ORDER BY batch_line")
    List<CertificateRow> issuedInBatch(@Bind("batchId") long batchId);

    /** The certificates of a batch whose lines fall in [from, to) and whose PDF is still missing. */
    @SqlQuery(COLUMNS + " WHERE batch_id = :batchId AND batch_line >= :from AND batch_line < :to AND sha256 IS NULL ORDER BY batch_line")
    List<CertificateRow> pendingInBatch(@Bind("batchId") long batchId, @Bind("from") int from, @Bind("to") int to);

    /**
     * Records the stored PDF of a pending certificate. Only the first writer wins (a second, racing
     * rendering of the same certificate changes nothing); returns whether this call recorded it.
     */
    @SqlUpdate("""
            UPDATE certificates SET issued_at = now(), object_key = :objectKey, sha256 = :sha256
            WHERE id = :id AND sha256 IS NULL
            """)
    boolean markIssued(@Bind("id") String id, @Bind("objectKey") String objectKey, @Bind("sha256") String sha256);

    /** Revokes an issued certificate once; returns false when it is unknown, pending or already revoked. */
    @SqlUpdate("""
            UPDATE certificates SET revoked_at = now(), revoked_by = :by, revocation_reason = :reason
            WHERE id = :id AND issued_at IS NOT NULL AND revoked_at IS NULL
            """)
    boolean revoke(@Bind("id") String id, @Bind("by") long revokedBy, @Bind("reason") String reason);
}
