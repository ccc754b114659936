package org.openlearning.identity;

import java.util.Locale;

import org.openlearning.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import redis.clients.jedis.RedisClient;

/**
 * Rate limit of sign-in attempts, in Redis so that every web replica counts together: at most
 * {@code perAccount} failures per e-mail and {@code perClient} per client address within the window.
 */
@Component
public class LoginAttempts {

    private final RedisClient redis;
    private final RedisKeys keys;
    private final int perAccount;
    private final int perClient;
    private final long windowSeconds;

    LoginAttempts(RedisClient redis, RedisKeys keys,
            @Value("${platform.login.max-failures-per-account:5}") int perAccount,
            @Value("${platform.login.max-failures-per-client:50}") int perClient,
            @Value("${platform.login.window-seconds:900}") long windowSeconds) {
        this.redis = redis;
        this.keys = keys;
        this.perAccount = perAccount;
        this.perClient = perClient;
        this.windowSeconds = windowSeconds;
    }

    public boolean blocked(String email, String client) {
        return count(accountKey(email)) >= perAccount || count(clientKey(client)) >= perClient;
    }

    public void failed(String email, String client) {
        increment(accountKey(email));
        increment(clientKey(client));
    }

    public void succeeded(String email) {
        redis.del(accountKey(email));
    }

    private long count(String key) {
        String value = redis.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void increment(String key) {
        if (redis.incr(key) == 1) {
            redis.expire(key, windowSeconds);
        }
    }

    private String accountKey(String email) {
        return keys.key("login", "fail", "account", email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private String clientKey(String client) {
        return keys.key("login", "fail", "client", client == null ? "" : client);
    }
}
