package org.openlearning.progress;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.openlearning.progress.ProgressDao.LessonProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis side of progress: appends an event to its shard's stream and raises the learner's
 * cached progress (through {@link ProgressAppender}, which groups concurrent requests into one round
 * trip), and reads that cache back. When Redis fails, {@link #append} says so and stays away from
 * Redis for a moment (so a dead Redis costs the API one failed attempt per second, not one per
 * request); the caller writes to PostgreSQL instead.
 */
@Component
class ProgressBuffer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProgressBuffer.class);

    private static final long BACK_OFF_MILLIS = 1000;

    private final RedisClient redis;
    private final ProgressKeys keys;
    private final ProgressAppender appender;
    private final long waitMillis;
    private final Clock clock = Clock.systemUTC();
    private volatile long downUntil;

    ProgressBuffer(RedisClient redis, ProgressKeys keys, ProgressProperties properties,
            @Value("${platform.progress.append.max-group:500}") int maxGroup,
            @Value("${platform.progress.append.queue:10000}") int queue,
            @Value("${platform.redis.timeout:2s}") Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.appender = new ProgressAppender(redis, keys, properties.cacheTtl().toSeconds(), maxGroup, queue);
        // a group's round trip may take up to the Redis timeout; past that, the request falls back
        this.waitMillis = timeout.toMillis() + 500;
    }

    /** True when the event is in its stream; false when Redis is unreachable (the caller applies it itself). */
    boolean append(ProgressEvent event) {
        if (clock.millis() < downUntil) {
            return false;
        }
        ProgressAppender.Pending pending = new ProgressAppender.Pending(event);
        String failure;
        try {
            failure = appender.offer(pending, waitMillis) ? pending.await(waitMillis) : "the append queue is full";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (failure == null) {
            return true;
        }
        markDown(failure);
        return false;
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
            markDown(e.toString());
            return Map.of();
        } catch (RuntimeException e) {
            log.warn("unreadable cached progress of enrollment {}: {}", enrollmentId, e.toString());
            return Map.of();
        }
    }

    private void markDown(String why) {
        if (clock.millis() >= downUntil) {
            log.warn("Redis unreachable ({}); progress goes straight to PostgreSQL for now", why);
        }
        downUntil = clock.millis() + BACK_OFF_MILLIS;
    }

    @Override
    public void destroy() {
        appender.close();
    }
}
