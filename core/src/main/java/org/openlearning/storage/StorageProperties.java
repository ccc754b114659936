package org.openlearning.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the S3-compatible object store is and which bucket the platform writes to. */
@ConfigurationProperties("platform.s3")
public record StorageProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public StorageProperties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
    }
}
