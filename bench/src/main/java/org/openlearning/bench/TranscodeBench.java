package org.openlearning.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import org.openlearning.video.transcode.Ffmpeg;
import org.openlearning.video.transcode.FfmpegCommands;
import org.openlearning.video.transcode.Ladder;
import org.openlearning.video.transcode.Probe;
import org.openlearning.video.transcode.Rendition;
import org.openlearning.video.transcode.SourceInfo;
import org.openlearning.video.transcode.TranscodeSettings;

import tools.jackson.databind.JsonNode;

/**
 * {@code transcode}: a 60 s 1080p30 clip uploaded through the API as the demo instructor, from
 * upload accepted (the complete call answered) to READY, against the job's own single FFmpeg
 * command run bare on the same file, alternating. Then a long clip (10 min by default) that the
 * workers fan out into chunks: the CPU seconds of all its FFmpeg processes against the single bare
 * ladder's.
 */
final class TranscodeBench {

    static final int CLIP_SECONDS = 60;
    static final int ROUNDS = 2;
    static final int FANOUT_SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_FANOUT_SECONDS", "600"));
    static final Duration POLL = Duration.ofMillis(250);

    /** The workers' settings (./platform starts them with the defaults). */
    private final TranscodeSettings settings = new TranscodeSettings(null, null, null, null, 0, null, 0, null, null, 0,
            null);

    private record Run(long uploadId, double wallSeconds, double cpuSeconds, String status, String reason) {
    }

    private record Bare(double wallSeconds, double cpuSeconds) {
    }

    Report run() throws Exception {
        Path dir = Files.createTempDirectory("bench-transcode");
        try (Connection db = Local.connect()) {
            Path clip = VideoApi.clip(dir, "lecture-60s.mp4", CLIP_SECONDS);
            String token = VideoApi.token(VideoApi.INSTRUCTOR, "transcode bench");
            long lesson = lesson(db);
            List<Double> walls = new ArrayList<>();
            List<Double> bares = new ArrayList<>();
            // warm-up: one bare run (page cache, ffmpeg's libraries)
            bare(clip, dir.resolve("warm"), 10);
            for (int round = 1; round <= ROUNDS; round++) {
                Run run = upload(db, token, lesson, clip);
                if (!"READY".equals(run.status())) {
                    throw new IllegalStateException("upload " + run.uploadId() + " ended " + run.status() + ": "
                            + run.reason());
                }
                walls.add(run.wallSeconds());
                Bare bare = bare(clip, dir.resolve("bare-" + round), 0);
                bares.add(bare.wallSeconds());
                Local.log(String.format(Locale.ROOT, "round %d: platform %.1f s, bare ffmpeg %.1f s", round,
                        run.wallSeconds(), bare.wallSeconds()));
            }
            double wall = Stats.median(walls.stream().mapToDouble(Double::doubleValue).toArray());
            double bareWall = Stats.median(bares.stream().mapToDouble(Double::doubleValue).toArray());

            Path longClip = VideoApi.clip(dir, "lecture-long.mp4", FANOUT_SECONDS);
            Run fanned = upload(db, token, lesson, longClip);
            if (!"READY".equals(fanned.status())) {
                throw new IllegalStateException("long upload ended " + fanned.status() + ": " + fanned.reason());
            }
            int chunks = chunks(db, fanned.uploadId());
            Bare single = bare(longClip, dir.resolve("bare-long"), 0);
            Local.log(String.format(Locale.ROOT, "fan-out: %d chunks, %.1f s wall, %.1f CPU s; single ladder %.1f s"
                    + " wall, %.1f CPU s", chunks, fanned.wallSeconds(), fanned.cpuSeconds(), single.wallSeconds(),
                    single.cpuSeconds()));
            return new Report()
                    .put("clip_seconds", CLIP_SECONDS)
                    .put("wall_seconds", wall, 2)
                    .put("realtime_factor", CLIP_SECONDS / wall, 2)
                    .put("bare_ffmpeg_wall_seconds", bareWall, 2)
                    .put("ratio_vs_bare", wall / bareWall, 3)
                    .put("fanout_clip_seconds", FANOUT_SECONDS)
                    .put("fanout_chunks", chunks)
                    .put("fanout_wall_seconds", fanned.wallSeconds(), 1)
                    .put("fanout_cpu_seconds", fanned.cpuSeconds(), 1)
                    .put("single_ladder_wall_seconds", single.wallSeconds(), 1)
                    .put("single_ladder_cpu_seconds", single.cpuSeconds(), 1)
                    .put("fanout_cpu_ratio", fanned.cpuSeconds() / single.cpuSeconds(), 3)
                    .notes("60 s 1080p30 testsrc2+sine clip, ladder 360p/720p/1080p (x264 " + settings.preset()
                            + ", " + settings.segmentSeconds() + " s segments); wall = upload accepted -> READY as "
                            + "polled through the API (" + POLL.toMillis() + " ms), medians of " + ROUNDS
                            + " rounds alternating with the job's own ffmpeg command run bare on the same file. "
                            + "Fan-out: a " + FANOUT_SECONDS + " s clip on the running workers; CPU = user+sys of "
                            + "every ffmpeg process of the run (split, chunks, stitch) against the single bare "
                            + "ladder's. Workers and bench share the same 2 cores.");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The job's single-process ladder command, run here on the same file. */
    private Bare bare(Path clip, Path out, int limitSeconds) throws Exception {
        SourceInfo info = Probe.probe(settings, clip);
        List<Rendition> ladder = Ladder.forSource(info.width(), info.height());
        for (Rendition r : ladder) {
            Files.createDirectories(out.resolve(r.name()));
        }
        List<String> command = new ArrayList<>(FfmpegCommands.ladder(settings, info, ladder, clip, out));
        if (limitSeconds > 0) {
            command.addAll(1, List.of("-t", String.valueOf(limitSeconds)));
        }
        long t0 = System.nanoTime();
        Ffmpeg.Result r = Ffmpeg.transcode(command, s -> { });
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!r.ok()) {
            throw new IllegalStateException("bare ffmpeg failed: " + r.lastError());
        }
        return new Bare(wall, r.cpuSeconds());
    }

    private Run upload(Connection db, String token, long lesson, Path clip) throws Exception {
        long id = VideoApi.upload(token, lesson, clip);
        long accepted = System.nanoTime();
        String status = "";
        JsonNode last = null;
        long lastLog = accepted;
        while (!status.equals("READY") && !status.equals("FAILED")) {
            Thread.sleep(POLL);
            HttpResponse<String> r = Local.send(Local.request("/api/video-uploads/" + id)
                    .header("Authorization", "Bearer " + token).GET().build());
            if (r.statusCode() == 200) {
                last = Local.JSON.readTree(r.body());
                status = last.path("status").asString("");
            }
            if (System.nanoTime() - lastLog > 15_000_000_000L) {
                Local.log("upload " + id + ": " + (last == null ? "?" : last.path("state").asString("")));
                lastLog = System.nanoTime();
            }
        }
        double wall = (System.nanoTime() - accepted) / 1e9;
        return new Run(id, wall, cpu(db, id), status, last.path("failure_reason").asString(""));
    }

    private static double cpu(Connection db, long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(cpu_seconds, 0) FROM video_uploads WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static int chunks(Connection db, long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT count(*) FROM video_transcode_chunks WHERE upload_id = ? AND run = (SELECT run FROM video_uploads WHERE id = ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A VIDEO lesson in a course of the demo instructor, made for the benchmark (kept: it holds the videos). */
    private static long lesson(Connection db) throws SQLException {
        return Local.inTransaction(db, () -> {
            try (PreparedStatement ps = db.prepareStatement("""
                    WITH i AS (SELECT id FROM users WHERE email = ?),
                         course AS (INSERT INTO courses (slug, title, status) VALUES (?, 'Benchmark: video lessons', 'DRAFT')
                                    RETURNING id),
                         teach AS (INSERT INTO course_instructors (course_id, user_id) SELECT course.id, i.id FROM course, i),
                         module AS (INSERT INTO course_modules (course_id, position, title) SELECT id, 1, 'Lectures' FROM course
                                    RETURNING id, course_id)
                    INSERT INTO lessons (module_id, course_id, position, title, kind)
                    SELECT id, course_id, 1, 'Benchmark lecture', 'VIDEO' FROM module RETURNING id
                    """)) {
                ps.setString(1, VideoApi.INSTRUCTOR);
                ps.setString(2, "bench-video-" + UUID.randomUUID().toString().substring(0, 8));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
