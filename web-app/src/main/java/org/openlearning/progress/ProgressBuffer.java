package org.openlearning.progress;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openlearning.progress.ProgressDao.LessonProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis side of progress: appends an event to its shard's stream and raises the learner's
 * cached progress in one atomic script (one round trip), and reads that cache back. When Redis
 * fails, {@link #append} says so and stays away from Redis for a moment (so a dead Redis costs the
 * API one failed attempt per second, not one per request); the caller writes to PostgreSQL instead.
 */
@Component
class ProgressBuffer {

    private static final Logger log = LoggerFactory.getLogger(ProgressBuffer.class);

    // KEYS: stream, cache hash. ARGV: encoded event, lesson id, watched, completed (0/1), ttl seconds.
    // The cache only moves forward, like the table: a late, lower report never lowers it.
    private static final String APPEND = """
            redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
            local w = tonumber(ARGV[3])
            local c = tonumber(ARGV[4])
            local old = redis.call('HGET', KEYS[2], ARGV[2])
            if old then
              local sep = string.find(old, ',', 1, true)
              w = math.max(w, tonumber(string.sub(old, 1, sep - 1)))
              c = math.max(c, tonumber(string.sub(old, sep + 1)))
            end
            redis.call('HSET', KEYS[2], ARGV[2], string.format('%d,%d', w, c))
            redis.call('EXPIRE', KEYS[2], ARGV[5])
            return 1
            """;

    private static final long BACK_OFF_MILLIS = 1000;

    private final RedisClient redis;
    private final ProgressKeys keys;
    private final long ttlSeconds;
    private final Clock clock = Clock.systemUTC();
    private volatile String sha;
    private volatile long downUntil;

    ProgressBuffer(RedisClient redis, ProgressKeys keys, ProgressProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.ttlSeconds = properties.cacheTtl().toSeconds();
    }

    /** True when the event is in its stream; false when Redis is unreachable (nothing was written). */
    boolean append(ProgressEvent event) {
        if (clock.millis() < downUntil) {
            return false;
        }
        List<String> k = List.of(keys.stream(keys.shard(event.enrollmentId())), keys.cache(event.enrollmentId()));
        List<String> args = List.of(event.encode(), Long.toString(event.lessonId()),
                Integer.toString(event.watchedSeconds()), event.completed() ? "1" : "0", Long.toString(ttlSeconds));
        try {
            try {
                redis.evalsha(script(), k, args);
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                sha = null; // Redis restarted and forgot the script
                redis.evalsha(script(), k, args);
            }
            return true;
        } catch (JedisException e) {
            markDown(e);
            return false;
        }
    }

    /** The cached progress of an enrollment, lesson id → progress; empty when Redis has none or is down. */
    Map<Long, LessonProgress> cached(long enrollmentId) {
        if (clock.millis() < downUntil) {
            return Map.of();
        }
        try {
            Map<String, String> raw = redis.hgetAll(keys.cache(enrollmentId));
            Map<Long, LessonProgress> cached = new HashMap<>();
            raw.forEach((lesson, value) -> {
                int sep = value.indexOf(',');
                cached.put(Long.parseLong(lesson), new LessonProgress(Long.parseLong(lesson),
                        Integer.parseInt(value.substring(0, sep)), value.endsWith(",1"), null));
            });
            return cached;
        } catch (JedisException e) {
            markDown(e);
            return Map.of();
        } catch (RuntimeException e) {
            log.warn("unreadable cached progress of enrollment {}: {}", enrollmentId, e.toString());
            return Map.of();
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

    private void markDown(JedisException e) {
        if (clock.millis() >= downUntil) {
            log.warn("Redis unreachable ({}); progress goes straight to PostgreSQL for now", e.toString());
        }
        downUntil = clock.millis() + BACK_OFF_MILLIS;
    }
}
