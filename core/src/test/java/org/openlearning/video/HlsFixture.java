package org.openlearning.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.StorageProperties;
import org.openlearning.testing.S3ProxyProcess;

/**
 * Published HLS media for the edge tests, made at test time: a real 2 s 360p MPEG-TS segment from
 * ffmpeg (generated once per JVM) and a media playlist pointing at it, stored under a fresh version
 * prefix in the given S3 store and bucket.
 */
final class HlsFixture {

    private static final AtomicLong UPLOADS = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private static byte[] segment;

    private final ObjectStore store;
    private final Path dir;

    HlsFixture(String endpoint, String bucket) throws IOException {
        this.store = new ObjectStore(new StorageProperties(endpoint, S3ProxyProcess.IDENTITY,
                S3ProxyProcess.CREDENTIAL, bucket, null));
        this.dir = Files.createTempDirectory(media(), "objects-");
    }

    /** A version prefix no other test uses: {@code videos/{lesson}/{upload}-r1}. */
    static String newPrefix() {
        return "videos/9000/" + UPLOADS.incrementAndGet() + "-r1";
    }

    static synchronized byte[] segment() throws IOException, InterruptedException {
        if (segment == null) {
            Path out = media().resolve("segment-360p-2s.ts");
            Path log = media().resolve("ffmpeg.log");
            Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                    "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:v", "libx264", "-preset", "veryfast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts", out.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not finish the test segment within 60 s");
            }
            if (ffmpeg.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed (" + ffmpeg.exitValue() + "): " + Files.readString(log));
            }
            segment = Files.readAllBytes(out);
        }
        return segment;
    }

    private static Path media() throws IOException {
        return Files.createDirectories(Path.of("target", "it-media").toAbsolutePath());
    }

    static byte[] playlist(String... segments) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n");
        for (String s : segments) {
            text.append("#EXTINF:2.000000,\n").append(s).append('\n');
        }
        return text.append("#EXT-X-ENDLIST\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stores a published (public-read) object. The content type is deliberately generic: the edge
     * decides what players see.
     */
    void putPublic(String key, byte[] content) throws IOException {
        store.putPublic(key, file(content), "application/octet-stream");
    }

    /** Stores an object without public read (like a raw upload). */
    void putPrivate(String key, byte[] content) throws IOException {
        store.putFile(key, file(content), "application/octet-stream");
    }

    private Path file(byte[] content) throws IOException {
        Path file = Files.createTempFile(dir, "object", ".bin");
        Files.write(file, content);
        return file;
    }
}
