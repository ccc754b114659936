package org.openlearning.identity;

import java.time.Duration;

import org.openlearning.redis.RedisKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import redis.clients.jedis.RedisClient;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableSpringHttpSession
class SessionConfiguration {

    @Bean
    SessionRepository<MapSession> sessionRepository(RedisClient redis, RedisKeys keys,
            @Value("${platform.session.timeout:8h}") Duration timeout) {
        return new RedisSessionRepository(redis, keys, timeout);
    }

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName("SESSION");
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite("Lax");
        return cookies;
    }
}
