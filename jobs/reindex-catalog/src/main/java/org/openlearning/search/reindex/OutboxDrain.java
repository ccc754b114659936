package org.openlearning.search.reindex;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchCacheKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;

/**
 * One batch of the outbox relay, in one transaction: claim the oldest outbox rows (skipping those
 * another relay holds), read the current documents of their courses, write them to the alias and to
 * the index of a running rebuild, and commit only once OpenSearch took them. A crash before the
 * commit leaves the rows for the next relay; writing a document twice is harmless because every
 * write carries the course's {@code search_version} and the newest state wins.
 */
@Component
class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);

    private static final String CLAIM = """
            DELETE FROM catalog_outbox WHERE id IN (
                SELECT id FROM catalog_outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING course_id
            """;
    // FOR SHARE: a rebuild cannot be marked FAILED (and its index deleted) while this batch writes to it
    private static final String REBUILDING = """
            SELECT index_name FROM search_reindexes WHERE status = 'RUNNING' AND index_name IS NOT NULL FOR SHARE
            """;

    /** What a batch did: outbox rows claimed, distinct courses written. */
    record Drained(int events, int courses) {
    }

    private final Jdbi jdbi;
    private final CourseIndex index;
    private final RedisClient redis;
    private final SearchCacheKeys cacheKeys;

    OutboxDrain(Jdbi jdbi, CourseIndex index, RedisClient redis, SearchCacheKeys cacheKeys) {
        this.jdbi = jdbi;
        this.index = index;
        this.redis = redis;
        this.cacheKeys = cacheKeys;
    }

    Drained drain(int limit) {
        Drained drained = jdbi.inTransaction(h -> {
            List<Long> courseIds = h.createQuery(CLAIM).bind("limit", limit).mapTo(Long.class).list();
            if (courseIds.isEmpty()) {
                return new Drained(0, 0);
            }
            List<CourseDocuments.Versioned> documents = CourseDocuments.byIds(h, courseIds);
            index.write(index.alias(), documents);
            Optional<String> rebuilding = h.createQuery(REBUILDING).mapTo(String.class).findFirst();
            if (rebuilding.isPresent()) {
                index.write(rebuilding.get(), documents);
            }
            return new Drained(courseIds.size(), documents.size());
        });
        if (drained.events() > 0) {
            bumpCacheGeneration();
        }
        return drained;
    }

    /** Cached answers from before this batch are no longer served; without Redis they just expire. */
    void bumpCacheGeneration() {
        try {
            redis.incr(cacheKeys.generation());
        } catch (RuntimeException e) {
            log.warn("could not bump the search cache generation (cached answers expire on their own): {}",
                    e.toString());
        }
    }
}
