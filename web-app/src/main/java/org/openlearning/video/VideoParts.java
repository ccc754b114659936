package org.openlearning.video;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.intent.IntentQueue;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.ObjectStore.ObjectStoreException;
import org.openlearning.video.VideoUploadDao.Part;
import org.openlearning.video.VideoUploadDao.VideoUpload;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parts of an upload in progress and its completion. A part's body is read into one buffer of
 * exactly its size (never more than one part size per request, never the whole file) and stored as a
 * part of the S3 multipart upload; sending a part again replaces it. Only so many parts are held at
 * once ({@code platform.video.parts-in-memory}); further requests wait for a buffer to be freed.
 */
@Service
public class VideoParts {

    public record PartReceived(int partNumber, long sizeBytes) {
    }

    private static final Duration BUFFER_WAIT = Duration.ofSeconds(20);

    private final VideoUploads videoUploads;
    private final VideoUploadDao uploads;
    private final ObjectStore store;
    private final IntentQueue intents;
    private final TransactionTemplate transaction;
    /** One permit per part held in memory: the heap a burst of part requests may take is bounded. */
    private final Semaphore buffers;

    VideoParts(VideoUploads videoUploads, VideoUploadDao uploads, ObjectStore store, IntentQueue intents,
            TransactionTemplate transaction, VideoUploadProperties properties) {
        this.videoUploads = videoUploads;
        this.uploads = uploads;
        this.store = store;
        this.intents = intents;
        this.transaction = transaction;
        this.buffers = new Semaphore(properties.partsInMemory(), true);
    }

    /** Stores part {@code n}: exactly the part size, the last part exactly the rest; shorter or longer is refused. */
    public PartReceived receive(PlatformUser user, long id, int n, InputStream body, long contentLength) {
        VideoUpload u = videoUploads.authorized(user, id);
        VideoUploads.requireUploading(u);
        if (n < 1 || n > u.partCount()) {
            throw ApiException.invalid("part", "part numbers of this upload go from 1 to " + u.partCount());
        }
        long offset = (long) (n - 1) * u.partSize();
        int expected = (int) Math.min(u.partSize(), u.sizeBytes() - offset);
        if (contentLength >= 0 && contentLength != expected) {
            throw wrongSize(n, expected, contentLength);
        }
        String etag;
        acquireBuffer();
        try {
            etag = store.uploadPart(u.objectKey(), u.multipartId(), n, read(body, n, expected), expected);
        } catch (ObjectStoreException e) {
            VideoUploads.requireUploading(uploads.findById(id).orElseThrow()); // cancelled or completed meanwhile
            throw e;
        } finally {
            buffers.release();
        }
        uploads.recordPart(id, n, etag, expected);
        return new PartReceived(n, expected);
    }

    /** The body in one buffer of exactly {@code expected} bytes; a shorter or longer body is refused. */
    private static byte[] read(InputStream body, int n, int expected) {
        byte[] buffer = new byte[expected];
        try {
            int read = body.readNBytes(buffer, 0, expected);
            if (read < expected) {
                throw wrongSize(n, expected, read);
            }
            if (body.read() != -1) {
                throw ApiException.invalid("part", "part " + n + " must be exactly " + expected + " bytes; more arrived");
            }
        } catch (IOException e) {
            throw ApiException.badRequest("part", "part " + n + " was cut off before all its bytes arrived");
        }
        return buffer;
    }

    /** Waits a while for one of the part buffers this process allows; 429 (try again later) when none frees up. */
    private void acquireBuffer() {
        try {
            if (!buffers.tryAcquire(BUFFER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.tooManyRequests("the server is receiving many parts at once; send this one again "
                        + "in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.tooManyRequests("the server is shutting down; send this part again");
        }
    }

    /**
     * Joins the parts into the stored file and hands the record to the transcode job (enqueued after the
     * commit). Completing a completed upload again answers its current status.
     */
    public UploadView complete(PlatformUser user, long id) {
        VideoUpload u = videoUploads.authorized(user, id);
        if (u.status() == VideoUploadStatus.CANCELLED) {
            throw ApiException.conflict("status", "the upload was cancelled");
        }
        if (u.status() != VideoUploadStatus.UPLOADING) {
            return videoUploads.view(u);
        }
        List<Part> parts = uploads.parts(id);
        Set<Integer> received = new HashSet<>(parts.stream().map(Part::partNumber).toList());
        List<Integer> missing = IntStream.rangeClosed(1, u.partCount()).filter(n -> !received.contains(n)).boxed()
                .toList();
        if (!missing.isEmpty()) {
            String list = missing.size() <= 20 ? join(missing) : join(missing.subList(0, 20)) + ", …";
            throw ApiException.conflict("parts", missing.size() + " of " + u.partCount() + " parts are missing: "
                    + list);
        }
        try {
            store.completeMultipart(u.objectKey(), u.multipartId(),
                    parts.stream().map(p -> new io.minio.messages.Part(p.partNumber(), p.etag())).toList());
        } catch (ObjectStoreException e) {
            VideoUpload now = uploads.findById(id).orElseThrow();
            if (now.status() != VideoUploadStatus.UPLOADING) {
                return videoUploads.view(now); // a concurrent request completed it
            }
            if (!store.exists(u.objectKey())) {
                throw e;
            }
            // an earlier request joined the parts but did not get to mark the record: mark it now
        }
        transaction.executeWithoutResult(tx -> {
            if (uploads.markUploaded(id) == 1) {
                uploads.deleteParts(id);
                intents.enqueue(TranscodeRequest.INTENT, id);
            }
        });
        return videoUploads.view(uploads.findById(id).orElseThrow());
    }

    private static ApiException wrongSize(int n, int expected, long actual) {
        return ApiException.invalid("part", "part " + n + " must be exactly " + expected + " bytes, not " + actual);
    }

    private static String join(List<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
