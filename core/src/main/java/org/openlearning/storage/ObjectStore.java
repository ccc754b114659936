package org.openlearning.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;

/**
 * The object store (S3Proxy locally, MinIO or S3 in production). Objects are streamed in and out,
 * never held whole in memory.
 */
@Component
@EnableConfigurationProperties(StorageProperties.class)
public class ObjectStore {

    /** Part size of multipart uploads of streams of unknown length. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;
    private volatile boolean bucketChecked;

    public ObjectStore(StorageProperties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        this.bucket = properties.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /** Streams {@code size} bytes (or, when -1, an unknown length in parts) to {@code key}. */
    public void put(String key, InputStream content, long size, String contentType) {
        ensureBucket();
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(content, size, size >= 0 ? -1 : PART_SIZE)
                    .contentType(contentType)
                    .build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not store " + key, e);
        }
    }

    public InputStream open(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not read " + key, e);
        }
    }

    /** Copies an object to a local file, replacing it. */
    public void download(String key, Path target) {
        try (InputStream in = open(key)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ObjectStoreException("could not download " + key, e);
        }
    }

    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchBucket".equals(e.errorResponse().code())) {
                return false;
            }
            throw new ObjectStoreException("could not look up " + key, e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not look up " + key, e);
        }
    }

    void ensureBucket() {
        if (bucketChecked) {
            return;
        }
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            bucketChecked = true;
        } catch (ErrorResponseException e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw new ObjectStoreException("could not create bucket " + bucket, e);
            }
            bucketChecked = true;
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not create bucket " + bucket, e);
        }
    }

    public static class ObjectStoreException extends RuntimeException {
        ObjectStoreException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
