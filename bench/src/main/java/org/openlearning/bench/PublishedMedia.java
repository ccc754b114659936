package org.openlearning.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.Item;

/**
 * Media the edge bench publishes in the platform bucket, the way the transcode job does
 * (public-read, so the edge and anonymous readers may fetch it), under lesson 0, which no real
 * lesson has.
 */
final class PublishedMedia {

    static final String BENCH_VIDEOS = "videos/0/";

    private final MinioClient s3 = MinioClient.builder()
            .endpoint(Local.S3)
            .credentials(Local.S3_IDENTITY, Local.S3_CREDENTIAL)
            .region("us-east-1")
            .build();

    void ensureBucket() throws Exception {
        if (!s3.bucketExists(BucketExistsArgs.builder().bucket(Local.S3_BUCKET).build())) {
            s3.makeBucket(MakeBucketArgs.builder().bucket(Local.S3_BUCKET).build());
        }
    }

    void putPublic(String key, Path file, String contentType) throws Exception {
        s3.uploadObject(UploadObjectArgs.builder()
                .bucket(Local.S3_BUCKET)
                .object(key)
                .filename(file.toString())
                .contentType(contentType)
                .headers(Map.of("x-amz-acl", "public-read"))
                .build());
    }

    /** Deletes everything the bench ever published (this run's and an interrupted run's). */
    int removeAll() throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(Local.S3_BUCKET)
                .prefix(BENCH_VIDEOS).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        for (String key : keys) {
            s3.removeObject(RemoveObjectArgs.builder().bucket(Local.S3_BUCKET).object(key).build());
        }
        return keys.size();
    }
}
