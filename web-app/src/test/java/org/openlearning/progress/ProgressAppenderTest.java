package org.openlearning.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openlearning.redis.RedisKeys;
import org.openlearning.testing.TestStack;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The grouped appends against the real Redis: many concurrent requests share script calls, every
 * event lands in its shard's stream once, the cache keeps the highest value per lesson, and a Redis
 * that cannot be reached fails the waiting requests (which then fall back) instead of hanging them.
 */
class ProgressAppenderTest {

    private static final int SHARDS = 4;

    private final RedisClient redis = RedisClient.create(URI.create(TestStack.REDIS_URL));
    private final ProgressKeys keys = new ProgressKeys(new RedisKeys("test:" + UUID.randomUUID() + ":"),
            new ProgressProperties(SHARDS, Duration.ofDays(7)));

    @AfterEach
    void cleanUp() {
        for (String stream : keys.streams()) {
            redis.del(stream);
        }
        for (long enrollment = 1; enrollment <= 64; enrollment++) {
            redis.del(keys.cache(enrollment));
        }
        redis.close();
    }

    @Test
    void concurrentRequestsShareScriptCallsAndEveryEventLandsOnce() throws Exception {
        long callsBefore = evalshaCalls();
        List<Future<String>> answers = new ArrayList<>();
        try (ProgressAppender appender = new ProgressAppender(redis, keys, 3600, 500, 10_000);
                ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            long now = System.currentTimeMillis();
            for (long enrollment = 1; enrollment <= 64; enrollment++) {
                for (int report = 1; report <= 25; report++) {
                    // per enrollment, lesson 1 climbs to 25 and lesson 2 goes down from 25 to 1
                    ProgressEvent up = new ProgressEvent(enrollment, 1, report, false, now + report);
                    ProgressEvent down = new ProgressEvent(enrollment, 2, 26 - report, report == 3, now + report);
                    for (ProgressEvent event : List.of(up, down)) {
                        answers.add(requests.submit(() -> {
                            ProgressAppender.Pending pending = new ProgressAppender.Pending(event);
                            return appender.offer(pending, 5_000) ? pending.await(5_000) : "not queued";
                        }));
                    }
                }
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).as("failure of an append").isNull();
            }
        }
        long calls = evalshaCalls() - callsBefore;
        assertThat(calls).as("script calls for %d events", answers.size()).isLessThan(answers.size() / 2);

        List<String> entries = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            for (StreamEntry e : redis.xrange(keys.stream(shard), "-", "+")) {
                ProgressEvent event = ProgressEvent.decode(e.getFields().get("e"));
                assertThat(keys.shard(event.enrollmentId())).as("the shard of %s", event).isEqualTo(shard);
                entries.add(e.getFields().get("e"));
            }
        }
        assertThat(entries).hasSize(answers.size()).doesNotHaveDuplicates();
        for (long enrollment = 1; enrollment <= 64; enrollment++) {
            Map<String, String> cached = redis.hgetAll(keys.cache(enrollment));
            assertThat(cached).as("cache of enrollment %d", enrollment).containsEntry("1", "25,0").containsEntry("2", "25,1");
            assertThat(redis.ttl(keys.cache(enrollment))).isPositive();
        }
    }

    @Test
    void anUnreachableRedisFailsTheWaitingRequestsPromptly() throws Exception {
        try (RedisClient nowhere = RedisClient.create(URI.create("redis://127.0.0.1:1"));
                ProgressAppender appender = new ProgressAppender(nowhere, keys, 3600, 500, 100)) {
            ProgressAppender.Pending pending = new ProgressAppender.Pending(
                    new ProgressEvent(1, 1, 10, false, System.currentTimeMillis()));
            long started = System.nanoTime();
            assertThat(appender.offer(pending, 1_000)).isTrue();
            assertThat(pending.await(10_000)).as("why it was not written").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private long evalshaCalls() {
        String stats = redis.info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }
}
