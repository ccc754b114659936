package org.openlearning.progress.compaction;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How progress events are compacted ({@code platform.progress.compaction.*}).
 *
 * @param enabled      run the compactors in this process
 * @param consumers    compactor threads in this process (each a consumer of the group)
 * @param batchSize    entries read per stream per round; a batch is at most shards × batchSize events
 * @param block        how long a read waits for new events when the streams are empty
 * @param linger       the least time between two reads, unless the last one came back full: under
 *                     load, batches gather this long (more events per transaction), which adds at
 *                     most this much lag
 * @param reclaimAfter entries pending this long at another consumer (a dead one) are taken over
 * @param reclaimEvery how often a compactor looks for such entries
 * @param holdAt       fault injection for crash tests: a compactor stops dead at this point of its
 *                     first batch (after-copy: staged, not committed; after-commit: committed, not
 *                     acknowledged) and waits to be killed. Empty in production.
 */
@ConfigurationProperties("platform.progress.compaction")
public record CompactionSettings(Boolean enabled, int consumers, int batchSize, Duration block, Duration linger,
        Duration reclaimAfter, Duration reclaimEvery, String holdAt) {

    public CompactionSettings {
        enabled = enabled == null || enabled;
        consumers = consumers <= 0 ? 1 : consumers;
        batchSize = batchSize <= 0 ? 2000 : batchSize;
        block = block == null ? Duration.ofMillis(500) : block;
        linger = linger == null ? Duration.ofMillis(200) : linger;
        reclaimAfter = reclaimAfter == null ? Duration.ofSeconds(30) : reclaimAfter;
        reclaimEvery = reclaimEvery == null ? Duration.ofSeconds(5) : reclaimEvery;
        holdAt = holdAt == null ? "" : holdAt;
        if (!holdAt.isEmpty() && !holdAt.equals("after-copy") && !holdAt.equals("after-commit")) {
            throw new IllegalArgumentException("platform.progress.compaction.hold-at must be after-copy or after-commit");
        }
    }

    public static CompactionSettings defaults() {
        return new CompactionSettings(null, 0, 0, null, null, null, null, null);
    }
}
