package org.openlearning.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openlearning.video.EdgeProperties;
import org.openlearning.video.EdgeUrls;

/**
 * {@code edge}: a real 720p, 4 s HLS segment published in the platform bucket, fetched by 16
 * keep-alive clients through the running edge with a signed URL (a cache hit after the first
 * request), alternating with the same segment fetched straight from S3Proxy (anonymous GET of the
 * public object).
 */
final class EdgeBench {

    static final int CLIENTS = 16;
    static final int ROUNDS = 3;
    static final Duration WARMUP = Duration.ofSeconds(3);
    static final Duration ROUND = Duration.ofSeconds(5);
    static final String FILE = "720p/seg_00001.ts";

    private final PublishedMedia media = new PublishedMedia();

    Report run() throws Exception {
        media.ensureBucket();
        int leftovers = media.removeAll();
        if (leftovers > 0) {
            Local.log("removed " + leftovers + " objects of an earlier run under " + PublishedMedia.BENCH_VIDEOS);
        }
        Path dir = Files.createTempDirectory("edge-bench");
        String prefix = PublishedMedia.BENCH_VIDEOS + Instant.now().getEpochSecond() + "-r1";
        try {
            Path segment = dir.resolve("seg_00001.ts");
            long t0 = System.nanoTime();
            encodeSegment(segment, dir.resolve("ffmpeg.log"));
            long bytes = Files.size(segment);
            Local.log("ffmpeg: 720p 4 s segment, " + bytes + " bytes in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            media.putPublic(prefix + "/" + FILE, segment, "video/mp2t");

            URI edge = URI.create(new EdgeUrls(new EdgeProperties(Local.EDGE, Local.edgeSecret(), Duration.ofHours(1)),
                    Clock.systemUTC()).sign(prefix, FILE));
            URI origin = URI.create(Local.S3 + "/" + Local.S3_BUCKET + "/" + prefix + "/" + FILE);
            byte[] expected = Files.readAllBytes(segment);
            check(edge, expected, "MISS");
            check(edge, expected, "HIT");
            check(origin, expected, null);
            Report report = measure(edge, origin, bytes);
            try (var db = Local.connect()) {
                FirstFrame.Result frame = new FirstFrame().measure(db);
                report.put("first_frame_ms", frame.playToFrameMs(), 0)
                        .put("page_load_to_first_frame_ms", frame.loadToFrameMs(), 0);
            }
            return report;
        } finally {
            purge(prefix);
            media.removeAll();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Report measure(URI edge, URI origin, long bytes) throws InterruptedException {
        String loadBefore = loadAverage();
        Local.log("warm-up: " + CLIENTS + " clients, " + WARMUP.toSeconds() + " s edge then " + WARMUP.toSeconds()
                + " s origin");
        Local.log("warm-up edge: " + summary(fetch(edge, bytes, true, WARMUP)));
        Local.log("warm-up origin: " + summary(fetch(origin, bytes, false, WARMUP)));
        List<Round> edgeRounds = new ArrayList<>();
        List<Round> originRounds = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            Round e = fetch(edge, bytes, true, ROUND);
            Local.log("round " + i + " edge: " + summary(e));
            edgeRounds.add(e);
            Round o = fetch(origin, bytes, false, ROUND);
            Local.log("round " + i + " origin: " + summary(o));
            originRounds.add(o);
        }
        return report(edgeRounds, originRounds, bytes, loadBefore);
    }

    private static Report report(List<Round> edgeRounds, List<Round> originRounds, long bytes, String loadBefore) {
        double[] edgeRates = edgeRounds.stream().mapToDouble(Round::okPerSecond).toArray();
        double[] originRates = originRounds.stream().mapToDouble(Round::okPerSecond).toArray();
        double edgeRps = Stats.median(edgeRates);
        double originRps = Stats.median(originRates);
        Round edgeAll = Round.sum(edgeRounds);
        Round originAll = Round.sum(originRounds);
        Report report = new Report()
                .put("edge_hit_rps", edgeRps, 1)
                .put("edge_hit_p50_ms", medianPercentile(edgeRounds, 50), 2)
                .put("edge_hit_p99_ms", medianPercentile(edgeRounds, 99), 2)
                .put("edge_hit_mb_per_s", edgeRps * bytes / 1e6, 1)
                .put("edge_errors", edgeAll.errors())
                .put("origin_rps", originRps, 1)
                .put("origin_p50_ms", medianPercentile(originRounds, 50), 2)
                .put("origin_p99_ms", medianPercentile(originRounds, 99), 2)
                .put("origin_mb_per_s", originRps * bytes / 1e6, 1)
                .put("origin_errors", originAll.errors())
                .put("ratio_rps_edge_vs_origin", edgeRps / originRps, 2)
                .put("segment_bytes", bytes)
                .put("clients", CLIENTS);
        StringBuilder notes = new StringBuilder()
                .append("One 720p 4 s MPEG-TS segment (ffmpeg testsrc2 + sine, x264 veryfast CBR 3000k like the ")
                .append("ladder's 720p ceiling, AAC 128k), published public-read under ").append(PublishedMedia.BENCH_VIDEOS)
                .append(" in the platform bucket. ").append(CLIENTS).append(" clients (virtual threads, one shared ")
                .append("HTTP/1.1 HttpClient with keep-alive) each GET the whole segment in a loop; latency is ")
                .append("client-side until the last byte. Edge: signed URL through nginx on ").append(Local.EDGE)
                .append(", every counted answer a cache HIT (X-Cache-Status; anything else counts as an error). ")
                .append("Origin: the same object as an anonymous GET straight from S3Proxy ").append(Local.S3)
                .append(". ").append(ROUNDS).append(" rounds of ").append(ROUND.toSeconds())
                .append(" s each, alternating edge and origin, after ").append(WARMUP.toSeconds())
                .append(" s of warm-up on each; rps and percentiles are medians over the rounds (edge rounds: ")
                .append(Stats.list(edgeRates, 1)).append(" rps; origin rounds: ").append(Stats.list(originRates, 1))
                .append(" rps). The client, which reads all ").append(bytes).append(" bytes of every answer, nginx and ")
                .append("S3Proxy share this machine's cores. ")
                .append("Load average (1/5/15 min) before the warm-up ").append(loadBefore)
                .append(", after the last round ").append(loadAverage()).append(". ")
                .append("first_frame_ms: a 20 s 1080p clip uploaded by the demo instructor and transcoded by the ")
                .append("workers, played by the demo learner on the lesson page in headless Chromium through the edge; ")
                .append("the player times pressing play to the first painted frame (requestVideoFrameCallback), ")
                .append("and page_load_to_first_frame_ms from the start of the page load, play pressed as soon as ")
                .append("the page is there; medians of ").append(FirstFrame.LOADS).append(" loads after one warm-up.");
        if (edgeAll.errors() + originAll.errors() > 0) {
            notes.append(" Errors by kind: edge ").append(edgeAll.errorKinds()).append(", origin ")
                    .append(originAll.errorKinds()).append('.');
        }
        return report.notes(notes.toString());
    }

    /** Other work on the machine skews the figures; the notes record how busy it was. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double medianPercentile(List<Round> rounds, double p) {
        return Stats.median(rounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), p)).toArray());
    }

    private static String summary(Round r) {
        return String.format(Locale.ROOT, "%.1f ok/s, %d requests, %d errors %s, p50 %.2f ms, p99 %.2f ms",
                r.okPerSecond(), r.requests(), r.errors(), r.errorKinds(), Stats.percentileMs(r.latencies(), 50),
                Stats.percentileMs(r.latencies(), 99));
    }

    /** {@link #CLIENTS} loops fetching {@code uri} whole for {@code length}; edge answers must be hits. */
    private static Round fetch(URI uri, long bytes, boolean mustHit, Duration length) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        return Round.run(CLIENTS, length, (counter, deadline) -> {
            byte[] buffer = new byte[64 * 1024];
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<InputStream> response = Local.HTTP.send(request,
                            HttpResponse.BodyHandlers.ofInputStream());
                    long read = 0;
                    try (InputStream in = response.body()) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            read += n;
                        }
                    }
                    long nanos = System.nanoTime() - t0;
                    String cache = response.headers().firstValue("X-Cache-Status").orElse("-");
                    if (response.statusCode() != 200) {
                        counter.error("HTTP " + response.statusCode(), nanos);
                    } else if (read != bytes) {
                        counter.error("short body", nanos);
                    } else if (mustHit && !cache.equals("HIT")) {
                        counter.error("cache " + cache, nanos);
                    } else {
                        counter.ok(nanos);
                    }
                } catch (IOException e) {
                    counter.error(e.getClass().getSimpleName(), System.nanoTime() - t0);
                }
            }
        });
    }

    /** One request that must return the segment, and (for the edge) the given cache status. */
    private static void check(URI uri, byte[] expected, String cacheStatus) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = Local.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String cache = r.headers().firstValue("X-Cache-Status").orElse("-");
        if (r.statusCode() != 200 || !Arrays.equals(r.body(), expected)
                || (cacheStatus != null && !cacheStatus.equals(cache))) {
            throw new IllegalStateException("GET " + uri.getHost() + ":" + uri.getPort() + " answered " + r.statusCode()
                    + " with " + r.body().length + " bytes, X-Cache-Status " + cache + " (expected 200, "
                    + expected.length + " bytes" + (cacheStatus == null ? "" : ", " + cacheStatus) + ")");
        }
    }

    /** The edge's signed URL, as EdgeUrls in core builds it (secure_link_md5 "$expires/$prefix $secret"). */
    /** Drops the bench's file from the edge cache (the purge location answers 127.0.0.1 only). */
    private static void purge(String prefix) {
        try {
            Local.HTTP.send(HttpRequest.newBuilder(URI.create(Local.EDGE + "/purge/" + prefix + "/" + FILE))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            Local.log("could not purge the edge cache: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void encodeSegment(Path out, Path log) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-b:v", "3000k", "-minrate", "3000k", "-maxrate", "3000k", "-bufsize", "3000k",
                "-x264-params", "nal-hrd=cbr", "-c:a", "aac", "-b:a", "128k", "-f", "mpegts", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!ffmpeg.waitFor(120, TimeUnit.SECONDS)) {
            ffmpeg.destroyForcibly();
            throw new IllegalStateException("ffmpeg did not finish the 720p segment within 120 s");
        }
        if (ffmpeg.exitValue() != 0) {
            String text = Files.readString(log);
            throw new IllegalStateException("ffmpeg failed (" + ffmpeg.exitValue() + "): "
                    + text.substring(Math.max(0, text.length() - 2000)));
        }
    }
}
