package org.openlearning.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.google.common.collect.ImmutableMultimap;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.messages.Part;
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
    /** The multipart calls (create, upload part, complete, abort) are public on the async client only. */
    private final MinioAsyncClient multipart;
    private final String bucket;
    private volatile boolean bucketChecked;

    public ObjectStore(StorageProperties properties) {
        this.client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        this.multipart = MinioAsyncClient.builder()
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

    /**
     * Uploads a local file that anyone may read without credentials: published, immutable media that
     * the edge fetches anonymously. Raw uploads and everything else stay private.
     */
    public void putPublic(String key, Path file, String contentType) {
        upload(key, file, contentType, Map.of("x-amz-acl", "public-read"));
    }

    /** Uploads a local file (private). */
    public void putFile(String key, Path file, String contentType) {
        upload(key, file, contentType, Map.of());
    }

    private void upload(String key, Path file, String contentType, Map<String, String> headers) {
        ensureBucket();
        try {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .filename(file.toString())
                    .contentType(contentType)
                    .headers(headers)
                    .build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not store " + key, e);
        }
    }

    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("could not delete " + key, e);
        }
    }

    // ---- multipart uploads whose parts arrive one request at a time (resumable browser uploads) ----

    /** Starts a multipart upload of {@code key}; returns its upload id. */
    public String startMultipart(String key, String contentType) {
        ensureBucket();
        return await("could not start an upload of " + key, () -> multipart.createMultipartUploadAsync(bucket, null,
                key, ImmutableMultimap.of("Content-Type", contentType), null))
                .result().uploadId();
    }

    /** Stores one part ({@code length} bytes of {@code data}); returns its ETag. */
    public String uploadPart(String key, String uploadId, int partNumber, byte[] data, int length) {
        return await("could not store part " + partNumber + " of " + key, () -> multipart.uploadPartAsync(bucket,
                null, key, data, length, uploadId, partNumber, null, null)).etag();
    }

    /** Joins the parts (number and ETag, in order) into the object. */
    public void completeMultipart(String key, String uploadId, List<Part> parts) {
        await("could not complete the upload of " + key, () -> multipart.completeMultipartUploadAsync(bucket, null,
                key, uploadId, parts.toArray(Part[]::new), null, null));
    }

    public void abortMultipart(String key, String uploadId) {
        await("could not abort the upload of " + key, () -> multipart.abortMultipartUploadAsync(bucket, null, key,
                uploadId, null, null));
    }

    private interface AsyncCall<T> {
        CompletableFuture<T> start() throws Exception;
    }

    private static <T> T await(String what, AsyncCall<T> call) {
        try {
            return call.start().get();
        } catch (ExecutionException | CompletionException e) {
            throw new ObjectStoreException(what, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException(what, e);
        } catch (Exception e) {
            throw new ObjectStoreException(what, e);
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
