package org.openlearning.progress.compaction;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import redis.clients.jedis.RedisClient;

/**
 * Job {@code progress-compaction}: the worker's compactor threads, each a consumer of the progress
 * streams' group, draining them continuously (a batch every few milliseconds under load, a blocking
 * read when idle) and taking over what dead consumers left pending. It is a long-running consumer
 * rather than a JobRunr job per batch: at thousands of events a second a job per batch would cost
 * more job-storage writes than the batch itself, and JobRunr's polling alone would exceed the
 * few seconds of lag that progress may have. Operators watch it through its metrics
 * ({@code progress_compaction_*}) on the progress dashboard.
 */
@Component
@ConditionalOnProperty(name = "platform.progress.compaction.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CompactionSettings.class)
class ProgressCompactor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProgressCompactor.class);

    private final RedisClient redis;
    private final Jdbi jdbi;
    private final ProgressWriter writer;
    private final ProgressKeys keys;
    private final CompactionSettings settings;
    private final String name;
    private final Counter events;
    private final Timer batches;
    private final AtomicLong lagMillis = new AtomicLong();
    private final Clock clock = Clock.systemUTC();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ProgressCompactor(RedisClient redis, Jdbi jdbi, ProgressWriter writer, ProgressKeys keys,
            CompactionSettings settings, MeterRegistry meters, @Value("${platform.worker.name:worker}") String name) {
        this.redis = redis;
        this.jdbi = jdbi;
        this.writer = writer;
        this.keys = keys;
        this.settings = settings;
        this.name = name;
        this.events = Counter.builder("progress.compaction.events").description("progress events applied")
                .register(meters);
        this.batches = Timer.builder("progress.compaction.batch").description("one batch: COPY, upsert, commit, ack")
                .register(meters);
        meters.gauge("progress.compaction.lag.seconds", lagMillis, l -> l.get() / 1000.0);
    }

    @Override
    public void start() {
        running = true;
        String pid = Long.toString(ManagementFactory.getRuntimeMXBean().getPid());
        for (int i = 0; i < settings.consumers(); i++) {
            StreamCompactor compactor = new StreamCompactor(redis, jdbi, writer, keys, settings,
                    name + "-" + pid + "-" + i);
            Thread thread = Thread.ofPlatform().name("progress-compaction-" + i).daemon().unstarted(() -> loop(compactor));
            threads.add(thread);
            thread.start();
        }
        log.info("progress compaction: {} consumer(s) on {} stream(s)", settings.consumers(), keys.streams().size());
    }

    private void loop(StreamCompactor compactor) {
        long nextReclaim = 0;
        long backOff = 100;
        boolean groups = false;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!groups) {
                    StreamCompactor.createGroups(redis, keys);
                    groups = true;
                }
                if (clock.millis() >= nextReclaim) {
                    compactor.reclaim().forEach(this::record);
                    nextReclaim = clock.millis() + settings.reclaimEvery().toMillis();
                }
                long started = System.nanoTime();
                StreamCompactor.Batch batch = compactor.pollAhead();
                if (batch.entries() > 0) {
                    batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    record(batch);
                }
                backOff = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // Redis or PostgreSQL is away: what was read stays pending and is taken over again later
                log.warn("progress compaction ({}) failed, retrying in {} ms: {}", compactor.consumer(), backOff,
                        e.toString());
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                backOff = Math.min(backOff * 2, 5000);
            }
        }
        compactor.close();
    }

    private void record(StreamCompactor.Batch batch) {
        events.increment(batch.events());
        if (batch.oldestAcceptedMillis() > 0) {
            lagMillis.set(clock.millis() - batch.oldestAcceptedMillis());
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
