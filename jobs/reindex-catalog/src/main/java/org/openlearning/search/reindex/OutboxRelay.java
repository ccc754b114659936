package org.openlearning.search.reindex;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexes;
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

/**
 * Job {@code reindex-catalog}, incremental half: a thread in every worker that keeps the search
 * index in step with PostgreSQL by draining {@code catalog_outbox}. It sleeps on a LISTEN for the
 * outbox triggers' notification (falling back to polling when that connection is lost), so a course
 * change is searchable within a second or two. It is a long-running consumer rather than a JobRunr
 * job per change: JobRunr's polling alone would exceed the few seconds a change may take to show.
 * Several relays share the outbox safely ({@code SKIP LOCKED}; versioned writes).
 *
 * <p>On start it makes sure the search alias exists; when it had to create the (empty) index while
 * published courses exist, it requests an INITIAL full rebuild so that they get indexed.
 */
@Component
@ConditionalOnProperty(name = "platform.search.relay.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RelaySettings.class)
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxDrain drain;
    private final Jdbi jdbi;
    private final CourseIndex index;
    private final SearchReindexes reindexes;
    private final SearchReindexDao reindexDao;
    private final RelaySettings settings;
    private final String url;
    private final String user;
    private final String password;
    private final Counter events;
    private final Timer batches;
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean running;

    OutboxRelay(OutboxDrain drain, Jdbi jdbi, CourseIndex index, SearchReindexes reindexes, SearchReindexDao reindexDao,
            RelaySettings settings, MeterRegistry meters, @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username}") String user, @Value("${spring.datasource.password}") String password) {
        this.drain = drain;
        this.jdbi = jdbi;
        this.index = index;
        this.reindexes = reindexes;
        this.reindexDao = reindexDao;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
        this.events = Counter.builder("search.relay.events").description("outbox events indexed").register(meters);
        this.batches = Timer.builder("search.relay.batch").description("one batch: claim, read, bulk write, commit")
                .register(meters);
        meters.gauge("search.relay.lag.seconds", lagMillis, l -> l.get() / 1000.0);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("search-outbox-relay").daemon().start(this::loop);
    }

    private void loop() {
        boolean aliasChecked = false;
        OutboxListener listener = null;
        long backOff = 100;
        long nextLagCheck = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!aliasChecked) {
                    ensureIndex();
                    aliasChecked = true;
                }
                if (listener == null) {
                    listener = listen();
                }
                long started = System.nanoTime();
                OutboxDrain.Drained drained = drain.drain(settings.batchSize());
                if (drained.events() > 0) {
                    batches.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    events.increment(drained.events());
                }
                if (System.currentTimeMillis() >= nextLagCheck) {
                    Double oldest = reindexDao.backlog().oldestSeconds();
                    lagMillis.set(oldest == null ? 0 : (long) (oldest * 1000));
                    nextLagCheck = System.currentTimeMillis() + 1000;
                }
                if (drained.events() < settings.batchSize()) {
                    listener = await(listener);
                }
                backOff = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // OpenSearch or PostgreSQL is away: the claimed rows were rolled back and wait for the next try
                log.warn("search outbox relay failed, retrying in {} ms: {}", backOff, e.toString());
                sleep(backOff);
                backOff = Math.min(backOff * 2, 10_000);
            }
        }
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * Creates the empty index behind the alias when there is none. Courses that already exist then
     * need a full rebuild (INITIAL); with none published, every course to come arrives through the
     * outbox and no rebuild is needed. An index built with an older mapping is rebuilt as well.
     */
    private void ensureIndex() {
        if (!index.ensureAlias()) {
            if (index.aliasedIndexOutdated()) {
                reindexes.request(SearchReindexes.Kind.INITIAL, null).ifPresent(id -> log.info(
                        "search index {} was built with an older mapping: requested full rebuild {}", index.alias(), id));
            }
            return;
        }
        long published = jdbi.withHandle(CourseDocuments::countPublished);
        if (published == 0) {
            log.info("search index {} is new and there is no published course yet: nothing to rebuild", index.alias());
            return;
        }
        reindexes.request(SearchReindexes.Kind.INITIAL, null).ifPresentOrElse(
                id -> log.info("search index {} is new: requested the initial full rebuild {} for {} published courses",
                        index.alias(), id, published),
                () -> log.info("search index {} is new: a full rebuild is already on its way", index.alias()));
    }

    /** The LISTEN connection, or null (then the relay polls) when it cannot be opened now. */
    private OutboxListener listen() {
        try {
            return OutboxListener.open(url, user, password);
        } catch (SQLException e) {
            log.warn("cannot LISTEN on {}, polling every {} instead: {}", OutboxListener.CHANNEL, settings.poll(),
                    e.toString());
            return null;
        }
    }

    /** Waits for a notification or the poll interval; returns the listener still usable, or null. */
    private OutboxListener await(OutboxListener listener) {
        if (listener == null) {
            sleep(settings.poll().toMillis());
            return null;
        }
        try {
            listener.await(settings.poll());
            return listener;
        } catch (SQLException e) {
            log.warn("LISTEN connection lost, reconnecting: {}", e.toString());
            listener.close();
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
