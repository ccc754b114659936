package org.openlearning.search.reindex;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbox relay ({@code platform.search.relay.*}).
 *
 * @param enabled   whether this process runs a relay (every worker does, by default)
 * @param batchSize outbox rows claimed per transaction
 * @param poll      the longest wait between two looks at the outbox; a notification from
 *                  PostgreSQL ends the wait at once
 */
@ConfigurationProperties("platform.search.relay")
record RelaySettings(Boolean enabled, Integer batchSize, Duration poll) {

    RelaySettings {
        enabled = enabled == null || enabled;
        batchSize = batchSize == null ? 500 : batchSize;
        poll = poll == null ? Duration.ofSeconds(1) : poll;
        if (batchSize < 1) {
            throw new IllegalArgumentException("platform.search.relay.batch-size must be at least 1, not " + batchSize);
        }
    }
}
