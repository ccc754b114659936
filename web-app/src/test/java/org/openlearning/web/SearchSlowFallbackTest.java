package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openlearning.search.SearchProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenSearch hangs: a local socket accepts connections and never answers. The search times out
 * after {@code platform.search.timeout}, and during the next seconds requests go straight to
 * PostgreSQL instead of each waiting for that timeout again.
 */
@Import(SearchSlowFallbackTest.SilentSearch.class)
class SearchSlowFallbackTest extends SearchFallbackTest {

    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    private static ServerSocket silent;

    @DynamicPropertySource
    static void silentServer(DynamicPropertyRegistry registry) {
        try {
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    HELD.add(silent.accept()); // read nothing, answer nothing
                } catch (IOException e) {
                    return; // closed at the end of the class
                }
            }
        }, "silent-opensearch");
        acceptor.setDaemon(true);
        acceptor.start();
        registry.add("platform.search.retry-after", () -> "30s");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SilentSearch {
        @Bean
        @Primary
        SearchProperties slowSearch(@Value("${platform.search.alias}") String alias) {
            return SearchServers.at("http://127.0.0.1:" + silent.getLocalPort(), alias, Duration.ofMillis(1500));
        }
    }

    @AfterAll
    static void closeSilentServer() throws IOException {
        silent.close();
        for (Socket s : HELD) {
            s.close();
        }
    }

    @Test
    void afterOneTimeoutTheNextRequestsDoNotWait() {
        ok("/api/courses?category=Business"); // may pay the timeout, if no other test did yet
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(ok("/api/courses?category=Business&page=1&size=" + (i + 1)).get("source").asString())
                    .isEqualTo("database");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("five requests, in ms").isLessThan(1500);
        assertThat(HELD).isNotEmpty();
    }
}
