package org.openlearning.catalogimport.job;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param chunkSize  CSV records per chunk (one transaction each)
 * @param chunkPause pause after each chunk; zero in production, set by the tests that kill a
 *                   worker in the middle of an import
 * @param workDir    where the CSV is downloaded to while it is imported
 * @param maxAttempts attempts (JobRunr retries included) before the import is marked FAILED
 */
@ConfigurationProperties("platform.catalog-import")
record CatalogImportSettings(Integer chunkSize, Duration chunkPause, Path workDir, Integer maxAttempts) {

    CatalogImportSettings {
        chunkSize = chunkSize == null ? 1000 : chunkSize;
        chunkPause = chunkPause == null ? Duration.ZERO : chunkPause;
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "catalog-import") : workDir;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
    }
}
