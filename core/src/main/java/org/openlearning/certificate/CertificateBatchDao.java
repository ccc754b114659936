package org.openlearning.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code certificate_batches} intent records of registrars and the row errors of each batch. */
@RegisterConstructorMapper(CertificateBatchDao.BatchRow.class)
@RegisterConstructorMapper(CertificateBatchDao.RowError.class)
public interface CertificateBatchDao {

    record BatchRow(long id, long requestedBy, String fileName, String objectKey, long sizeBytes, String status,
            Integer rowsTotal, int rowsRead, int rowsAccepted, int rowsRejected, Integer parts, Integer partSize, int issued,
            String failureReason, Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt) {

        public boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }
    }

    record RowError(int line, String field, String reason) {
    }

    String COLUMNS = """
            SELECT b.id, b.requested_by, b.file_name, b.object_key, b.size_bytes, b.status, b.rows_total, b.rows_read,
                   b.rows_accepted, b.rows_rejected, b.parts, b.part_size,
                   (SELECT count(*) FROM certificates c WHERE c.batch_id = b.id AND c.issued_at IS NOT NULL) AS issued,
                   b.failure_reason, b.created_at, b.updated_at, b.started_at, b.finished_at
            FROM certificate_batches b
            """;

    @SqlUpdate("""
            INSERT INTO certificate_batches (requested_by, file_name, object_key, size_bytes)
            VALUES (:requestedBy, :fileName, :objectKey, :sizeBytes)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("requestedBy") long requestedBy, @Bind("fileName") String fileName,
            @Bind("objectKey") String objectKey, @Bind("sizeBytes") long sizeBytes);

    @SqlQuery(COLUMNS + " WHERE b.id = :id")
    Optional<BatchRow> findById(@Bind("id") long id);

    @SqlQuery(COLUMNS + " ORDER BY b.id DESC LIMIT :limit")
    List<BatchRow> recent(@Bind("limit") int limit);

    /** Moves the batch to RUNNING and counts the attempt; empty when it has already finished. */
    @SqlQuery("""
            UPDATE certificate_batches SET status = 'RUNNING', attempts = attempts + 1,
                   started_at = coalesce(started_at, now()), updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            RETURNING attempts
            """)
    Optional<Integer> markRunning(@Bind("id") long id);

    @SqlUpdate("UPDATE certificate_batches SET rows_total = :total, updated_at = now() WHERE id = :id")
    void setTotal(@Bind("id") long id, @Bind("total") int total);

    /** Counts one written chunk; runs in the chunk's transaction, so a rolled-back chunk never counts. */
    @SqlUpdate("""
            UPDATE certificate_batches
            SET rows_read = rows_read + :read, rows_accepted = rows_accepted + :accepted,
                rows_rejected = (SELECT count(*) FROM certificate_batch_errors WHERE batch_id = :id), updated_at = now()
            WHERE id = :id
            """)
    void countChunk(@Bind("id") long id, @Bind("read") int read, @Bind("accepted") int accepted);

    @SqlBatch("""
            INSERT INTO certificate_batch_errors (batch_id, line, field, reason) VALUES (:batchId, :line, :field, :reason)
            ON CONFLICT (batch_id, line) DO NOTHING
            """)
    void insertErrors(@Bind("batchId") long batchId, @Bind("line") List<Integer> lines,
            @Bind("field") List<String> fields, @Bind("reason") List<String> reasons);

    /**
     * Fixes how the batch is cut into render parts. The first call wins: a part must mean the same
     * lines to every worker, whatever their own settings, and on every retry.
     */
    @SqlQuery("""
            UPDATE certificate_batches SET parts = coalesce(parts, :parts), part_size = coalesce(part_size, :partSize),
                   updated_at = now()
            WHERE id = :id
            RETURNING parts
            """)
    int setParts(@Bind("id") long id, @Bind("parts") int parts, @Bind("partSize") int partSize);

    /** Marks the batch SUCCEEDED once none of its certificates is pending; returns whether this call did. */
    @SqlUpdate("""
            UPDATE certificate_batches b SET status = 'SUCCEEDED', finished_at = now(), failure_reason = NULL,
                   updated_at = now()
            WHERE b.id = :id AND b.status = 'RUNNING' AND b.parts IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.batch_id = b.id AND c.sha256 IS NULL)
            """)
    boolean succeedIfDone(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE certificate_batches SET status = 'FAILED', failure_reason = :reason, finished_at = now(), updated_at = now()
            WHERE id = :id AND status <> 'SUCCEEDED'
            """)
    void fail(@Bind("id") long id, @Bind("reason") String reason);

    @SqlQuery("SELECT line, field, reason FROM certificate_batch_errors WHERE batch_id = :id ORDER BY line LIMIT :limit")
    List<RowError> errors(@Bind("id") long batchId, @Bind("limit") int limit);
}
