package org.openlearning.redis;

import java.net.URI;
import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/** The platform's own Redis: sessions, rate limits, caches and the progress event streams. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    /**
     * A pool sized for the request threads that share it, with short timeouts: when Redis is gone a
     * caller learns it in milliseconds and takes its fallback, instead of hanging.
     */
    @Bean(destroyMethod = "close")
    RedisClient redisClient(@Value("${platform.redis.url}") URI url,
            @Value("${platform.redis.pool-size:32}") int poolSize,
            @Value("${platform.redis.connect-timeout:500ms}") Duration connectTimeout,
            @Value("${platform.redis.timeout:2s}") Duration timeout) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        // after a Redis restart every idle connection is dead: find them within a second, rather than
        // one failed call at a time
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1);
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user(JedisURIHelper.getUser(url))
                        .password(JedisURIHelper.getPassword(url))
                        .database(JedisURIHelper.getDBIndex(url))
                        .ssl(JedisURIHelper.isRedisSSLScheme(url))
                        .connectionTimeoutMillis((int) connectTimeout.toMillis())
                        .socketTimeoutMillis((int) timeout.toMillis())
                        .build())
                .poolConfig(pool)
                .build();
    }

    @Bean
    RedisKeys redisKeys(@Value("${platform.redis.key-prefix:}") String prefix) {
        return new RedisKeys(prefix);
    }
}
