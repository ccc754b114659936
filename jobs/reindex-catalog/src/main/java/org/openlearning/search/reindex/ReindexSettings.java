package org.openlearning.search.reindex;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Full rebuilds of the search index ({@code platform.search.reindex.*}).
 *
 * @param chunkSize   courses read and written per chunk (one transaction and one bulk request each)
 * @param chunkPause  pause after each chunk; zero in production, set by the tests that kill a
 *                    worker in the middle of a rebuild
 * @param maxAttempts Spring Batch executions (a killed worker's included) before the rebuild is
 *                    marked FAILED and its half-built index deleted
 */
@ConfigurationProperties("platform.search.reindex")
record ReindexSettings(Integer chunkSize, Duration chunkPause, Integer maxAttempts) {

    ReindexSettings {
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        chunkPause = chunkPause == null ? Duration.ZERO : chunkPause;
        maxAttempts = maxAttempts == null ? 4 : maxAttempts;
    }
}
