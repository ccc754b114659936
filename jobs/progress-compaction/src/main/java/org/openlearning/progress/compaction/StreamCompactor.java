package org.openlearning.progress.compaction;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One consumer of the progress streams' consumer group. A batch is read from every shard at once,
 * COPYed into the staging table, merged into {@code progress} with the completion recomputed, and
 * committed; only then are its entries acknowledged (and deleted from the stream). A crash before the
 * commit leaves the entries pending: {@link #reclaim} of another consumer takes them over once they
 * have been idle for a while. A crash after the commit and before the acknowledgement makes them be
 * applied twice, which changes nothing: the upsert only moves forward and milestones, notifications
 * and certificate requests are unique.
 */
public final class StreamCompactor {

    private static final Logger log = LoggerFactory.getLogger(StreamCompactor.class);

    /** What one batch did. {@code oldestAcceptedMillis} is 0 when the batch was empty. */
    public record Batch(int entries, int events, int rowsChanged, int enrollments, long oldestAcceptedMillis) {

        static final Batch EMPTY = new Batch(0, 0, 0, 0, 0);
    }

    private final RedisClient redis;
    private final Jdbi jdbi;
    private final ProgressWriter writer;
    private final ProgressKeys keys;
    private final CompactionSettings settings;
    private final String consumer;
    private final Map<String, StreamEntryID> fromUndelivered = new LinkedHashMap<>();
    private final ExecutorService reader;
    private CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> readAhead;
    private boolean held;
    /** When the last read started (System.nanoTime), and whether it came back full (a backlog). */
    private volatile long lastReadAt = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean lastReadFull;

    public StreamCompactor(RedisClient redis, Jdbi jdbi, ProgressWriter writer, ProgressKeys keys,
            CompactionSettings settings, String consumer) {
        this.redis = redis;
        this.jdbi = jdbi;
        this.writer = writer;
        this.keys = keys;
        this.settings = settings;
        this.consumer = consumer;
        this.reader = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(consumer + "-reader").factory());
        for (String stream : keys.streams()) {
            fromUndelivered.put(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
        }
    }

    public String consumer() {
        return consumer;
    }

    /** Creates the group on every stream (from the beginning: no event appended earlier is skipped). */
    public static void createGroups(RedisClient redis, ProgressKeys keys) {
        for (String stream : keys.streams()) {
            try {
                redis.xgroupCreate(stream, ProgressKeys.GROUP, new StreamEntryID(), true);
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                    throw e;
                }
            }
        }
    }

    /** Reads the events no consumer has seen yet (waiting up to the block time) and applies them. */
    public Batch poll() {
        List<Map.Entry<String, List<StreamEntry>>> read = read();
        return read == null || read.isEmpty() ? Batch.EMPTY : apply(read);
    }

    /**
     * Like {@link #poll}, but the next batch is read from Redis while this one is written to
     * PostgreSQL, so the two overlap. What was read ahead and not applied (the process died, the
     * database failed) stays pending in the group and is taken over by {@link #reclaim}, like any
     * other batch a consumer did not finish.
     */
    public Batch pollAhead() {
        List<Map.Entry<String, List<StreamEntry>>> read;
        CompletableFuture<List<Map.Entry<String, List<StreamEntry>>>> ahead = readAhead;
        readAhead = null;
        if (ahead == null) {
            read = read();
        } else {
            try {
                read = ahead.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (read == null || read.isEmpty()) {
            return Batch.EMPTY;
        }
        readAhead = CompletableFuture.supplyAsync(this::read, reader);
        return apply(read);
    }

    /** Stops reading ahead (an entry read ahead stays pending until reclaimed). */
    public void close() {
        reader.shutdownNow();
    }

    /**
     * Reads the next batch. Unless the last read came back full (there is a backlog: read on at once),
     * a read waits until {@code linger} has passed since the last one: under a steady stream of
     * reports, a batch then holds a linger's worth of them, instead of the few that arrived during one
     * round trip, and the cost per batch (a transaction, a commit, the acknowledgements) is shared
     * by many events. The lag this adds is at most the linger.
     */
    private List<Map.Entry<String, List<StreamEntry>>> read() {
        long wait = lastReadFull ? 0 : settings.linger().toNanos() - (System.nanoTime() - lastReadAt);
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        lastReadAt = System.nanoTime();
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(ProgressKeys.GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(settings.batchSize()).block((int) settings.block().toMillis()),
                fromUndelivered);
        lastReadFull = read != null && read.stream().anyMatch(s -> s.getValue().size() >= settings.batchSize());
        return read;
    }

    /**
     * Takes over entries pending at other consumers for longer than the reclaim time (their consumer
     * died mid-batch) and applies them; returns what it applied.
     */
    public List<Batch> reclaim() {
        List<Batch> batches = new ArrayList<>();
        for (String stream : keys.streams()) {
            StreamEntryID cursor = new StreamEntryID();
            do {
                Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(stream, ProgressKeys.GROUP,
                        consumer, settings.reclaimAfter().toMillis(), cursor,
                        XAutoClaimParams.xAutoClaimParams().count(settings.batchSize()));
                if (!claimed.getValue().isEmpty()) {
                    log.info("{} took over {} progress events left pending on {}", consumer,
                            claimed.getValue().size(), stream);
                    batches.add(apply(List.of(Map.entry(stream, claimed.getValue()))));
                }
                cursor = claimed.getKey();
            } while (!cursor.equals(new StreamEntryID()));
        }
        return batches;
    }

    Batch apply(List<Map.Entry<String, List<StreamEntry>>> read) {
        List<ProgressEvent> events = new ArrayList<>();
        Map<String, List<StreamEntryID>> ids = new LinkedHashMap<>();
        int entries = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, List<StreamEntry>> stream : read) {
            List<StreamEntryID> streamIds = ids.computeIfAbsent(stream.getKey(), k -> new ArrayList<>());
            for (StreamEntry entry : stream.getValue()) {
                entries++;
                streamIds.add(entry.getID());
                if (entry.getFields() == null) {
                    continue; // deleted meanwhile (acknowledged by a consumer that was slower than the reclaim)
                }
                try {
                    ProgressEvent event = ProgressEvent.decode(entry.getFields().get("e"));
                    events.add(event);
                    oldest = Math.min(oldest, event.acceptedAtMillis());
                } catch (IllegalArgumentException e) {
                    // only a foreign writer can put this here; it can never be applied, so it is not kept
                    log.error("dropping unreadable entry {} of {}: {}", entry.getID(), stream.getKey(), e.getMessage());
                }
            }
        }
        if (entries == 0) {
            return Batch.EMPTY;
        }
        ProgressWriter.Applied applied = events.isEmpty() ? null : applyInTransaction(events);
        writer.announce(applied);
        hold("after-commit");
        acknowledge(ids);
        return new Batch(entries, events.size(), applied == null ? 0 : applied.rowsChanged(),
                applied == null ? 0 : applied.enrollmentsChanged().length, events.isEmpty() ? 0 : oldest);
    }

    private ProgressWriter.Applied applyInTransaction(List<ProgressEvent> events) {
        for (int attempt = 1;; attempt++) {
            try {
                return jdbi.inTransaction(h -> {
                    writer.createStaging(h);
                    CopyStaging.copy(h, events);
                    hold("after-copy");
                    return writer.applyStaged(h);
                });
            } catch (RuntimeException e) {
                if (attempt >= 5 || !retryable(e)) {
                    throw e;
                }
                log.info("progress batch hit a {} (attempt {}), retrying", e.getClass().getSimpleName(), attempt);
            }
        }
    }

    private void acknowledge(Map<String, List<StreamEntryID>> ids) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            ids.forEach((stream, list) -> {
                if (!list.isEmpty()) {
                    StreamEntryID[] array = list.toArray(StreamEntryID[]::new);
                    pipeline.xack(stream, ProgressKeys.GROUP, array);
                    pipeline.xdel(stream, array);
                }
            });
            pipeline.sync();
        }
    }

    /** Deadlocks and serialization failures are worth another try; anything else is not. */
    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private void hold(String point) {
        if (held || !point.equals(settings.holdAt())) {
            return;
        }
        held = true;
        log.warn("compaction holding {} (fault injection): waiting to be killed", point);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding " + point);
        }
    }
}
