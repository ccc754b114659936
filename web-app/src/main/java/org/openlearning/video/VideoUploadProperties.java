package org.openlearning.video;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Resumable uploads of lesson videos.
 *
 * @param partSize the size of every part but the last; S3 wants at least 5 MiB, and the web app holds one
 *                 part in memory per request in flight, so it stays small
 * @param maxSize  the largest video an instructor may upload
 * @param partsInMemory how many parts this process holds at once, across all uploads; more requests wait
 *                 for a slot. By default a quarter of the heap's worth of parts, at least three.
 */
@ConfigurationProperties("platform.video")
public record VideoUploadProperties(DataSize partSize, DataSize maxSize, Integer partsInMemory) {

    static final DataSize MIN_PART = DataSize.ofMegabytes(5);
    static final DataSize MAX_PART = DataSize.ofMegabytes(64);
    /** S3 numbers parts from 1 to 10,000. */
    static final int MAX_PARTS = 10_000;

    public VideoUploadProperties {
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        maxSize = maxSize == null ? DataSize.ofGigabytes(4) : maxSize;
        if (partsInMemory == null) {
            partsInMemory = (int) Math.max(3, Runtime.getRuntime().maxMemory() / 4 / partSize.toBytes());
        }
        if (partsInMemory < 1) {
            throw new IllegalArgumentException("platform.video.parts-in-memory is at least 1");
        }
        if (partSize.compareTo(MIN_PART) < 0 || partSize.compareTo(MAX_PART) > 0) {
            throw new IllegalArgumentException("platform.video.part-size is between 5MB and 64MB, not " + partSize);
        }
        if ((maxSize.toBytes() + partSize.toBytes() - 1) / partSize.toBytes() > MAX_PARTS) {
            throw new IllegalArgumentException("platform.video.max-size needs more than " + MAX_PARTS
                    + " parts of platform.video.part-size");
        }
    }

    int partBytes() {
        return (int) partSize.toBytes();
    }
}
