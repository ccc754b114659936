package org.openlearning.redis;

/**
 * Builds every Redis key of the platform, under one optional prefix, so that tests (and several
 * platforms sharing one Redis) never see each other's keys.
 */
public record RedisKeys(String prefix) {

    public String key(String... parts) {
        return prefix + String.join(":", parts);
    }
}
