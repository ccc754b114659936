package org.openlearning.redis;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import redis.clients.jedis.RedisClient;

/** The platform's own Redis: sessions, rate limits, caches and (later) the progress buffer. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    @Bean(destroyMethod = "close")
    RedisClient redisClient(@Value("${platform.redis.url}") URI url) {
        return RedisClient.create(url);
    }

    @Bean
    RedisKeys redisKeys(@Value("${platform.redis.key-prefix:}") String prefix) {
        return new RedisKeys(prefix);
    }
}
