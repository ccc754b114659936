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
 * Job {@code reindex-catalog}, upkeep of the index beside the relay, every
 * {@code platform.search.relay.reclaim-every} (a minute) in every worker. Two things make searches
 * slower than the catalog needs, and OpenSearch's merge policy, made for indices that keep growing,
 * leaves both alone:
 * <ul>
 * <li><b>Deleted copies.</b> Every change the relay indexes replaces a document, and the old copy
 * stays in its segment, searched and skipped, until a merge drops it. The policy merges when there
 * are many segments, not when there are many deleted documents in few of them: after a partner
 * import that touched every course, half of a compact index can be old copies (on 100,000 courses
 * with as many old copies, OpenSearch answered 396 searches/s at 32 concurrent, and 404 to 534
 * once they were gone). Above a share of all documents (20 %, the policy's own allowance) they are
 * merged away. Documents just replaced are kept until OpenSearch's retention lease moves past them
 * (some 30 s), and so are dropped by a later round.</li>
 * <li><b>Segments.</b> Each refresh that follows a write adds a segment, and the policy lets up to
 * about ten of each size stand. A search pays for every segment (it looks its words up, rewrites
 * its typo automata and maps its facets once per segment): the 100,000-course catalog in ten
 * segments cost OpenSearch a quarter more CPU per search than in one. So an index that has been
 * quiet (no write) for a whole round and has more than {@code merge-quiet-above} segments is
 * merged into one, unless it is larger than {@link #MERGE_QUIET_UP_TO}: a catalog is read far more
 * than it is written, and a quiet index stays merged until the next change. While the catalog
 * keeps changing, nothing is merged this way.</li>
 * </ul>
 * A merge does not stop searches or indexing. Two workers doing it at once merge once.
 */
@Component
@ConditionalOnProperty(name = "platform.search.relay.enabled", havingValue = "true", matchIfMissing = true)
class IndexUpkeep implements SmartLifecycle {

    /**
     * The largest index merged into one segment when quiet: beyond a few gigabytes one segment
     * is too large for the merge policy to ever merge again, and its deleted copies would be left to
     * the expunge rounds alone.
     */
    static final long MERGE_QUIET_UP_TO = 2L << 30;

    private static final Logger log = LoggerFactory.getLogger(IndexUpkeep.class);

    private final CourseIndex index;
    private final RelaySettings settings;
    private volatile ScheduledExecutorService timer;
    /** The index's write count at the previous round (-1: none yet). */
    private long writesBefore = -1;

    IndexUpkeep(CourseIndex index, RelaySettings settings) {
        this.index = index;
        this.settings = settings;
    }

    /** What a round did. */
    enum Done { NOTHING, EXPUNGED, MERGED }

    /** One round: merges deleted copies away when there are too many, or a quiet index into one segment. */
    synchronized Done round() {
        CourseIndex.Shape shape = index.shape();
        boolean quiet = shape.writes() == writesBefore;
        writesBefore = shape.writes();
        long started = System.nanoTime();
        if (shape.deleted() >= settings.reclaimMinimum() && shape.deletedShare() > settings.reclaimShare()) {
            index.expungeDeletes();
            log.info("search index {}: {} deleted documents beside {} live, merged in {} ms (those still under the"
                    + " retention lease go in a later round)", index.alias(), shape.deleted(), shape.live(),
                    (System.nanoTime() - started) / 1_000_000);
            return Done.EXPUNGED;
        }
        if (quiet && settings.mergeQuietAbove() > 0 && shape.segments() > settings.mergeQuietAbove()
                && shape.bytes() <= MERGE_QUIET_UP_TO) {
            index.mergeIntoOne();
            log.info("search index {}: quiet for a round, {} segments ({} MB) merged into one in {} ms", index.alias(),
                    shape.segments(), shape.bytes() >> 20, (System.nanoTime() - started) / 1_000_000);
            return Done.MERGED;
        }
        return Done.NOTHING;
    }

    private void tick() {
        try {
            round();
        } catch (RuntimeException e) {
            // OpenSearch away or the index being rebuilt: the next round looks again
            log.warn("search index {}: upkeep failed: {}", index.alias(), e.toString());
        }
    }

    @Override
    public void start() {
        long every = settings.reclaimEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-index-upkeep")
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
