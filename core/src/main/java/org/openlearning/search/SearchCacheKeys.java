package org.openlearning.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.openlearning.redis.RedisKeys;
import org.springframework.stereotype.Component;

/**
 * Keys of the hot-query cache in Redis. Every cached answer is filed under the current generation;
 * whoever changes the index (the outbox relay after a batch, a full rebuild after its swap) bumps
 * the generation, so no answer from before the change is served again; the old entries expire.
 */
@Component
public final class SearchCacheKeys {

    private final RedisKeys keys;

    public SearchCacheKeys(RedisKeys keys) {
        this.keys = keys;
    }

    /** The counter bumped on every change of the index. */
    public String generation() {
        return keys.key("search", "generation");
    }

    public String answer(long generation, String kind, String canonicalQuery) {
        return keys.key("search", "answer", Long.toString(generation), kind, sha1(canonicalQuery));
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
