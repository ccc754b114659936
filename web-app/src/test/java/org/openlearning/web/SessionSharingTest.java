package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Sessions live in Redis: a second web replica serves the session the first one signed in. */
class SessionSharingTest extends WebTest {

    @Autowired
    Environment env;

    @Test
    void aSessionStartedOnOneReplicaIsValidOnAnother() {
        Account learner = account();
        BrowserSession onFirst = signIn(port, learner.email(), PASSWORD);
        assertThat(onFirst.send("GET", "/my-learning", null, null).body()).contains("Test " + learner.email());

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(WebApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password"),
                "--platform.redis.url=" + env.getProperty("platform.redis.url"),
                "--platform.redis.key-prefix=" + env.getProperty("platform.redis.key-prefix"),
                "--platform.s3.bucket=" + env.getProperty("platform.s3.bucket"),
                "--platform.s3.endpoint=" + env.getProperty("platform.s3.endpoint"))) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            BrowserSession onSecond = new BrowserSession(secondPort);
            onSecond.useCookie(onFirst.cookie());
            Response page = onSecond.send("GET", "/my-learning", null, null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("My learning", "Test " + learner.email());

            onSecond.send("POST", "/logout", null, onSecond.csrfTokenOf("/my-learning"));
            Response afterSignOut = onFirst.send("GET", "/my-learning", null, null);
            assertThat(afterSignOut.status()).isEqualTo(302);
        }
    }
}
