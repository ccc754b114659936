package org.openlearning.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressProperties;
import org.openlearning.redis.RedisKeys;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamConsumerInfo;

/** The platform's Redis (127.0.0.1:6380) and its progress streams, as the benches see them. */
final class ProgressRedis {

    static final String HOST = "127.0.0.1";
    static final int PORT = 6380;
    /** Must match the apps' {@code platform.progress.shards}. */
    static final int SHARDS = Integer.getInteger("bench.progress.shards", 8);

    private ProgressRedis() {
    }

    static RedisClient connect() {
        return RedisClient.builder().hostAndPort(HOST, PORT).build();
    }

    /** The progress keys under {@code prefix} ("" for the running platform's). */
    static ProgressKeys keys(String prefix) {
        return new ProgressKeys(new RedisKeys(prefix), new ProgressProperties(SHARDS, Duration.ofDays(7)));
    }

    /** Entries in the streams, pending ones included (the compactor deletes what it acknowledges). */
    static long backlog(RedisClient redis, ProgressKeys keys) {
        long entries = 0;
        for (String stream : keys.streams()) {
            entries += redis.xlen(stream);
        }
        return entries;
    }

    /** Deletes the progress the web app cached in Redis for these enrollments. */
    static void forgetCached(RedisClient redis, ProgressKeys keys, long[] enrollments) {
        for (int from = 0; from < enrollments.length; from += 500) {
            String[] batch = Arrays.stream(enrollments, from, Math.min(enrollments.length, from + 500))
                    .mapToObj(keys::cache).toArray(String[]::new);
            redis.del(batch);
        }
    }

    /** Consumers of the compaction group that read from a stream within {@code recent}. */
    static Set<String> activeConsumers(RedisClient redis, ProgressKeys keys, Duration recent) {
        Set<String> names = new TreeSet<>();
        for (String stream : keys.streams()) {
            try {
                for (StreamConsumerInfo consumer : redis.xinfoConsumers2(stream, ProgressKeys.GROUP)) {
                    if (consumer.getIdle() <= recent.toMillis()) {
                        names.add(consumer.getName());
                    }
                }
            } catch (JedisDataException e) {
                // no such stream or group yet: nobody consumes it
            }
        }
        return names;
    }

    /**
     * Waits until the streams are empty, at most {@code limit}; returns the seconds it took, or -1
     * when entries were still there at the end.
     */
    static double drain(RedisClient redis, ProgressKeys keys, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (backlog(redis, keys) > 0) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
