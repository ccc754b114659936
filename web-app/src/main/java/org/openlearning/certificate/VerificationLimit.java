package org.openlearning.certificate;

import org.openlearning.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;

/**
 * Rate limit of the public verification, per client address, in Redis so that every web replica
 * counts together: at most {@code perMinute} look-ups in each minute. While Redis is unreachable
 * verification stays open (it is read-only and answered from PostgreSQL).
 */
@Component
public class VerificationLimit {

    private static final Logger log = LoggerFactory.getLogger(VerificationLimit.class);

    private final RedisClient redis;
    private final RedisKeys keys;
    private final int perMinute;

    VerificationLimit(RedisClient redis, RedisKeys keys,
            @Value("${platform.certificates.verify-per-minute:60}") int perMinute) {
        this.redis = redis;
        this.keys = keys;
        this.perMinute = perMinute;
    }

    /** Counts a look-up; false when the client is over its limit. */
    public boolean allow(String client) {
        long minute = System.currentTimeMillis() / 60_000;
        String key = keys.key("certificates", "verify", client == null ? "" : client, Long.toString(minute));
        try {
            long count = redis.incr(key);
            if (count == 1) {
                redis.expire(key, 120);
            }
            return count <= perMinute;
        } catch (RuntimeException e) {
            log.warn("verification rate limit unavailable, allowing: {}", e.toString());
            return true;
        }
    }
}
