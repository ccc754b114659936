package org.openlearning.search;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code search_reindexes} intent records: full rebuilds of the search index, at most one
 * waiting or running at a time (a partial unique index enforces it).
 */
@RegisterConstructorMapper(SearchReindexDao.Reindex.class)
@RegisterConstructorMapper(SearchReindexDao.Backlog.class)
public interface SearchReindexDao {

    /** One rebuild as the admin page and the API show it. */
    record Reindex(long id, Long requestedBy, String kind, String status, String indexName, Long totalCourses,
            long indexed, String failureReason, Instant createdAt, Instant startedAt, Instant finishedAt,
            Instant updatedAt) {

        public boolean finished() {
            return "SUCCEEDED".equals(status) || "FAILED".equals(status);
        }

        /** Percent of the published courses written so far (0 before the count is known). */
        public int percent() {
            if (totalCourses == null || totalCourses == 0) {
                return "SUCCEEDED".equals(status) ? 100 : 0;
            }
            return (int) Math.min(100, indexed * 100 / totalCourses);
        }
    }

    /** The outbox: how many course changes wait to be indexed, and how old the oldest is. */
    record Backlog(long events, Double oldestSeconds) {
    }

    String COLUMNS = """
            SELECT id, requested_by, kind, status, index_name, total_courses, indexed, failure_reason,
                   created_at, started_at, finished_at, updated_at
            FROM search_reindexes
            """;

    /** A new REQUESTED rebuild; empty when one is already waiting or running. */
    @SqlQuery("""
            INSERT INTO search_reindexes (requested_by, kind) VALUES (:requestedBy, :kind)
            ON CONFLICT DO NOTHING
            RETURNING id
            """)
    Optional<Long> request(@Bind("requestedBy") Long requestedBy, @Bind("kind") String kind);

    @SqlQuery(COLUMNS + " WHERE id = :id")
    Optional<Reindex> findById(@Bind("id") long id);

    @SqlQuery(COLUMNS + " WHERE status IN ('REQUESTED', 'QUEUED', 'RUNNING')")
    Optional<Reindex> active();

    @SqlQuery(COLUMNS + " ORDER BY id DESC LIMIT :limit")
    List<Reindex> recent(@Bind("limit") int limit);

    /** The new index is created: the rebuild runs, and incremental changes go to that index too. */
    @SqlUpdate("""
            UPDATE search_reindexes SET status = 'RUNNING', index_name = :index, total_courses = :total,
                   started_at = coalesce(started_at, now()), failure_reason = NULL, updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    int markRunning(@Bind("id") long id, @Bind("index") String index, @Bind("total") long total);

    /** Counts one written chunk; runs in the chunk's transaction, so a rolled-back chunk never counts. */
    @SqlUpdate("UPDATE search_reindexes SET indexed = indexed + :written, updated_at = now() WHERE id = :id")
    void countChunk(@Bind("id") long id, @Bind("written") long written);

    @SqlUpdate("""
            UPDATE search_reindexes SET status = 'SUCCEEDED', total_courses = indexed, finished_at = now(),
                   failure_reason = NULL, updated_at = now()
            WHERE id = :id AND status <> 'SUCCEEDED'
            """)
    void succeed(@Bind("id") long id);

    @SqlUpdate("""
            UPDATE search_reindexes SET status = 'FAILED', failure_reason = :reason, finished_at = now(), updated_at = now()
            WHERE id = :id AND status IN ('REQUESTED', 'QUEUED', 'RUNNING')
            """)
    void fail(@Bind("id") long id, @Bind("reason") String reason);

    @SqlQuery("""
            SELECT count(*) AS events, extract(epoch FROM clock_timestamp() - min(created_at))::float8 AS oldest_seconds
            FROM catalog_outbox
            """)
    Backlog backlog();
}
