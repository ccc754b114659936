package org.openlearning.search;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot-query cache: answers OpenSearch gave, as JSON in Redis under the index's current
 * generation ({@link SearchCacheKeys}), for {@code platform.search.cache-ttl}. Whoever changes the
 * index bumps the generation, so a cached answer never outlives a change of the catalog by more than
 * the moment the bump takes. The cache is an optimisation only: when Redis fails, searches go on
 * without it (logged once until Redis answers again).
 */
@Component
class AnswerCache {

    private static final Logger log = LoggerFactory.getLogger(AnswerCache.class);

    private final RedisClient redis;
    private final SearchCacheKeys keys;
    private final JsonMapper json;
    private final long ttlMillis;
    private final AtomicBoolean failing = new AtomicBoolean();

    AnswerCache(RedisClient redis, SearchCacheKeys keys, JsonMapper json, SearchProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.ttlMillis = properties.cacheTtl().toMillis();
    }

    /** Where one answer is cached: under the generation read now (a missing counter is generation 0). */
    Optional<String> key(String kind, String canonicalQuery) {
        if (ttlMillis <= 0) {
            return Optional.empty();
        }
        try {
            String generation = redis.get(keys.generation());
            long g = generation == null ? 0 : Long.parseLong(generation);
            ok();
            return Optional.of(keys.answer(g, kind, canonicalQuery));
        } catch (RuntimeException e) {
            failed("reading the search generation", e);
            return Optional.empty();
        }
    }

    <T> Optional<T> get(String key, JavaType type) {
        return getJson(key).flatMap(cached -> {
            try {
                return Optional.of(json.<T>readValue(cached, type));
            } catch (JacksonException e) {
                // written by an older version of this code: ask again and overwrite it
                log.debug("ignoring an unreadable cached search answer {}", key, e);
                return Optional.empty();
            }
        });
    }

    /** A cached answer's JSON as it was written (to be sent on as it is). */
    Optional<byte[]> getJson(String key) {
        try {
            byte[] cached = redis.get(key.getBytes(StandardCharsets.UTF_8));
            ok();
            return Optional.ofNullable(cached);
        } catch (RuntimeException e) {
            failed("reading a cached search answer", e);
            return Optional.empty();
        }
    }

    /** Caches an answer; returns its JSON, written whether Redis took it or not. */
    byte[] put(String key, Object answer) {
        byte[] written = write(answer);
        try {
            redis.psetex(key.getBytes(StandardCharsets.UTF_8), ttlMillis, written);
            ok();
        } catch (RuntimeException e) {
            failed("caching a search answer", e);
        }
        return written;
    }

    /** An answer's JSON, as the cache keeps it and the API sends it. */
    byte[] write(Object answer) {
        return json.writeValueAsBytes(answer);
    }

    JavaType type(Class<?> type) {
        return json.constructType(type);
    }

    JavaType listOf(Class<?> element) {
        return json.getTypeFactory().constructCollectionType(java.util.List.class, element);
    }

    private void failed(String what, RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            log.warn("search goes on without the Redis cache: {} failed ({})", what, e.toString());
        }
    }

    private void ok() {
        if (failing.compareAndSet(true, false)) {
            log.info("the Redis search cache works again");
        }
    }
}
