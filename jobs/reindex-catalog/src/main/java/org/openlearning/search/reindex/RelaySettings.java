package org.openlearning.search.reindex;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbox relay ({@code platform.search.relay.*}).
 *
 * @param enabled        whether this process runs a relay (every worker does, by default)
 * @param batchSize      outbox rows claimed per transaction
 * @param poll           the longest wait between two looks at the outbox; a notification from
 *                       PostgreSQL ends the wait at once
 * @param reclaimEvery   how often the index upkeep looks at the index (0: never)
 * @param reclaimShare   the share of deleted documents (0 … 1) above which they are merged away
 * @param reclaimMinimum the fewest deleted documents worth a merge
 * @param mergeQuietAbove the most segments a quiet index is left in (more: it is merged into one;
 *                        0: never)
 */
@ConfigurationProperties("platform.search.relay")
record RelaySettings(Boolean enabled, Integer batchSize, Duration poll, Duration reclaimEvery, Double reclaimShare,
        Long reclaimMinimum, Integer mergeQuietAbove) {

    RelaySettings {
        enabled = enabled == null || enabled;
        batchSize = batchSize == null ? 500 : batchSize;
        poll = poll == null ? Duration.ofSeconds(1) : poll;
        reclaimEvery = reclaimEvery == null ? Duration.ofMinutes(1) : reclaimEvery;
        reclaimShare = reclaimShare == null ? 0.2 : reclaimShare;
        reclaimMinimum = reclaimMinimum == null ? 1000 : reclaimMinimum;
        mergeQuietAbove = mergeQuietAbove == null ? 3 : mergeQuietAbove;
        if (batchSize < 1) {
            throw new IllegalArgumentException("platform.search.relay.batch-size must be at least 1, not " + batchSize);
        }
        if (reclaimShare <= 0 || reclaimShare >= 1) {
            throw new IllegalArgumentException("platform.search.relay.reclaim-share must be between 0 and 1, not "
                    + reclaimShare);
        }
    }
}
