package org.openlearning.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.openlearning.progress.CourseCompletion;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressWriter;
import org.openlearning.progress.compaction.CompactionSettings;
import org.openlearning.progress.compaction.StreamCompactor;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * The compaction bench's subject: events appended to progress streams under a private key prefix
 * (the running workers never see them), then drained by the job's own {@link StreamCompactor}, in
 * this process, on one connection, with the job's default settings.
 */
final class CompactionPath implements AutoCloseable {

    static final String PREFIX = "bench:compaction:";
    private static final int PIPELINE_SYNC_EVERY = 10_000;
    private static final int EMPTY_POLLS_ALLOWED = 3;

    private final RedisClient redis;
    private final ProgressKeys keys = ProgressRedis.keys(PREFIX);
    private final Connection db;
    private final Jdbi jdbi;
    private final ProgressWriter writer = new ProgressWriter(new CourseCompletion(), null);

    CompactionPath(RedisClient redis) throws SQLException {
        this.redis = redis;
        this.db = Local.connect();
        this.jdbi = Jdbi.create(db).installPlugin(new PostgresPlugin());
    }

    /** Empties the private streams and appends {@code events} to them (pipelined, not timed). */
    void append(List<ProgressEvent> events) {
        clear();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            int n = 0;
            for (ProgressEvent event : events) {
                pipeline.xadd(keys.stream(keys.shard(event.enrollmentId())), StreamEntryID.NEW_ENTRY,
                        Map.of("e", event.encode()));
                if (++n % PIPELINE_SYNC_EVERY == 0) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
        }
    }

    /** Creates the group and polls until {@code expected} entries are applied; returns the seconds it took. */
    double compact(int expected) {
        StreamCompactor compactor = new StreamCompactor(redis, jdbi, writer, keys, CompactionSettings.defaults(),
                "bench-" + ProcessHandle.current().pid());
        long start = System.nanoTime();
        StreamCompactor.createGroups(redis, keys);
        int applied = 0;
        int empty = 0;
        while (applied < expected) {
            StreamCompactor.Batch batch = compactor.pollAhead();
            if (batch.entries() == 0 && ++empty > EMPTY_POLLS_ALLOWED) {
                throw new IllegalStateException("the compactor found nothing more after " + applied + " of "
                        + expected + " entries");
            }
            applied += batch.entries();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        compactor.close();
        long left = ProgressRedis.backlog(redis, keys);
        if (left > 0) {
            throw new IllegalStateException(left + " entries left in the private streams after compaction");
        }
        return seconds;
    }

    /** Deletes the private streams (and their group). */
    void clear() {
        redis.del(keys.streams().toArray(String[]::new));
    }

    @Override
    public void close() throws SQLException {
        clear();
        db.close();
    }
}
