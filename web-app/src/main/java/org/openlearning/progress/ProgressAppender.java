package org.openlearning.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Appends accepted progress events to Redis in groups: request threads hand their event over and
 * wait; one writer thread takes whatever has gathered meanwhile and sends it in one round trip, one
 * script call per shard (a shard's stream and caches share a hash tag, so each call stays within one
 * slot of a Redis Cluster). Under load, the events of many concurrent requests share one round trip
 * and one pooled connection, instead of each request taking a connection of its own.
 *
 * <p>A request learns whether its event was written: only then is it acknowledged. When a call fails,
 * every event of that call is reported as not written and its request writes it to PostgreSQL itself;
 * if Redis had written part of it after all, the event arrives twice, which the monotonic upsert
 * absorbs.
 */
final class ProgressAppender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressAppender.class);

    // KEYS: the shard's stream, then one cache hash per event. ARGV: ttl seconds, then per event its
    // encoding, lesson id, watched seconds, completed (0/1). The cache only moves forward, like the table.
    static final String APPEND = """
            local ttl = ARGV[1]
            for i = 2, #KEYS do
              local a = 2 + (i - 2) * 4
              redis.call('XADD', KEYS[1], '*', 'e', ARGV[a])
              local w = tonumber(ARGV[a + 2])
              local c = tonumber(ARGV[a + 3])
              local old = redis.call('HGET', KEYS[i], ARGV[a + 1])
              if old then
                local sep = string.find(old, ',', 1, true)
                w = math.max(w, tonumber(string.sub(old, 1, sep - 1)))
                c = math.max(c, tonumber(string.sub(old, sep + 1)))
              end
              redis.call('HSET', KEYS[i], ARGV[a + 1], string.format('%d,%d', w, c))
              redis.call('EXPIRE', KEYS[i], ttl)
            end
            return #KEYS - 1
            """;

    /** One event waiting for its group to be written. */
    static final class Pending {

        final ProgressEvent event;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile String failure;

        Pending(ProgressEvent event) {
            this.event = event;
        }

        /** @param failure null when the event was written, else why not */
        void finish(String failure) {
            this.failure = failure;
            done.countDown();
        }

        /** Null when written; else why not (a Redis error, or no answer within {@code millis}). */
        String await(long millis) throws InterruptedException {
            if (!done.await(millis, TimeUnit.MILLISECONDS)) {
                return "no answer within " + millis + " ms";
            }
            return failure;
        }
    }

    private final RedisClient redis;
    private final ProgressKeys keys;
    private final String ttlSeconds;
    private final int maxGroup;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;
    private volatile String sha;

    ProgressAppender(RedisClient redis, ProgressKeys keys, long ttlSeconds, int maxGroup, int capacity) {
        this.redis = redis;
        this.keys = keys;
        this.ttlSeconds = Long.toString(ttlSeconds);
        this.maxGroup = maxGroup;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("progress-appender").daemon().unstarted(this::loop);
        this.writer.start();
    }

    /** Queues the event; false when the queue stayed full for {@code millis} (nothing was queued). */
    boolean offer(Pending pending, long millis) throws InterruptedException {
        return running && queue.offer(pending, millis, TimeUnit.MILLISECONDS);
    }

    private void loop() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                String failure = write(group);
                group.forEach(p -> p.finish(failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(p -> p.finish("interrupted"));
                break;
            } catch (RuntimeException e) {
                log.error("progress appender: a group of {} events failed", group.size(), e);
                group.forEach(p -> p.finish(e.toString()));
            } finally {
                group.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.finish("shutting down"));
    }

    /** Writes a group in one round trip; null, or why Redis failed (the group's requests fall back). */
    private String write(List<Pending> group) {
        Map<Integer, List<ProgressEvent>> byShard = new LinkedHashMap<>();
        for (Pending p : group) {
            byShard.computeIfAbsent(keys.shard(p.event.enrollmentId()), s -> new ArrayList<>()).add(p.event);
        }
        try {
            try {
                send(byShard);
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                sha = null; // Redis restarted and forgot the script; nothing of this group was written
                send(byShard);
            }
            return null;
        } catch (JedisException e) {
            return e.toString();
        }
    }

    private void send(Map<Integer, List<ProgressEvent>> byShard) {
        String script = script();
        List<Response<Object>> answers = new ArrayList<>(byShard.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            byShard.forEach((shard, events) -> {
                List<String> k = new ArrayList<>(events.size() + 1);
                List<String> args = new ArrayList<>(events.size() * 4 + 1);
                k.add(keys.stream(shard));
                args.add(ttlSeconds);
                for (ProgressEvent e : events) {
                    k.add(keys.cache(e.enrollmentId()));
                    args.add(e.encode());
                    args.add(Long.toString(e.lessonId()));
                    args.add(Integer.toString(e.watchedSeconds()));
                    args.add(e.completed() ? "1" : "0");
                }
                answers.add(pipeline.evalsha(script, k, args));
            });
            pipeline.sync();
        }
        for (Response<Object> answer : answers) {
            answer.get(); // throws the call's error, if any
        }
    }

    private String script() {
        String loaded = sha;
        if (loaded == null) {
            loaded = redis.scriptLoad(APPEND);
            sha = loaded;
        }
        return loaded;
    }

    /** Stops taking events, writes what was queued, and waits (a little) for the writer to end. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
