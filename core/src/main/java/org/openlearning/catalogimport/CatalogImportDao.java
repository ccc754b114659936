package org.openlearning.catalogimport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code catalog_imports} intent records and the row errors of each import. */
@RegisterConstructorMapper(CatalogImportDao.ImportRow.class)
@RegisterConstructorMapper(CatalogImportDao.RowError.class)
public interface CatalogImportDao {

    record ImportRow(long id, long requestedBy, String fileName, String objectKey, long sizeBytes, String status,
            Integer rowsTotal, int rowsRead, int rowsImported, int rowsRejected, String failureReason,
            Instant createdAt, Instant updatedAt, Instant startedAt, Instant finishedAt) {

        public boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }
    }

    record RowError(int line, String field, String reason) {
    }

    String COLUMNS = """
            SELECT id, requested_by, file_name, object_key, size_bytes, status, rows_total, rows_read,
                   rows_imported, rows_rejected, failure_reason, created_at, updated_at, started_at, finished_at
            FROM catalog_imports
            """;

    @SqlUpdate("""
            INSERT INTO catalog_imports (requested_by, file_name, object_key, size_bytes)
            VALUES (:requestedBy, :fileName, :objectKey, :sizeBytes)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("requestedBy") long requestedBy, @Bind("fileName") String fileName,
            @Bind("objectKey") String objectKey, @Bind("sizeBytes") long sizeBytes);

    @SqlQuery(COLUMNS + " WHERE id = :id")
    Optional<ImportRow> findById(@Bind("id") long id);

    @SqlQuery(COLUMNS + " ORDER BY id DESC LIMIT :limit")
    List<ImportRow> recent(@Bind("limit") int limit);

    /** Moves the import to RUNNING and counts the attempt; empty when it has already finished. */
    @SqlQuery("""
            UPDATE catalog_imports SET status = 'RUNNING', attempts = attempts + 1,
                   started_at = coalesce(started_at, now()), updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            RETURNING attempts
            """)
    Optional<Integer> markRunning(@Bind("id") long id);

    @SqlUpdate("UPDATE catalog_imports SET rows_total = :total, updated_at = now() WHERE id = :id")
    void setTotal(@Bind("id") long id, @Bind("total") int total);

    /** Counts one written chunk; runs in the chunk's transaction, so a rolled-back chunk never counts. */
    @SqlUpdate("""
            UPDATE catalog_imports
            SET rows_read = rows_read + :read, rows_imported = rows_imported + :imported,
                rows_rejected = (SELECT count(*) FROM catalog_import_errors WHERE import_id = :id), updated_at = now()
            WHERE id = :id
            """)
    void countChunk(@Bind("id") long id, @Bind("read") int read, @Bind("imported") int imported);

    @SqlBatch("""
            INSERT INTO catalog_import_errors (import_id, line, field, reason) VALUES (:importId, :line, :field, :reason)
            ON CONFLICT (import_id, line) DO NOTHING
            """)
    void insertErrors(@Bind("importId") long importId, @Bind("line") List<Integer> lines,
            @Bind("field") List<String> fields, @Bind("reason") List<String> reasons);

    @SqlUpdate("""
            UPDATE catalog_imports SET status = 'SUCCEEDED', rows_total = rows_read, finished_at = now(),
                   failure_reason = NULL, updated_at = now()
            WHERE id = :id
            """)
    void succeed(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE catalog_imports SET status = 'FAILED', failure_reason = :reason, finished_at = now(), updated_at = now()
            WHERE id = :id
            """)
    void fail(@Bind("id") long id, @Bind("reason") String reason);

    @SqlQuery("SELECT line, field, reason FROM catalog_import_errors WHERE import_id = :id ORDER BY line LIMIT :limit")
    List<RowError> errors(@Bind("id") long importId, @Bind("limit") int limit);
}
