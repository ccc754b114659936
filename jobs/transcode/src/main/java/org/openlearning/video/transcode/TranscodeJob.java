package org.openlearning.video.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.openlearning.storage.ObjectStore;
import org.openlearning.video.TranscodeHandler;
import org.openlearning.video.VideoUploadDao;
import org.openlearning.video.VideoUploadDao.VideoUpload;
import org.openlearning.video.VideoUploadStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code transcode} job (DESIGN.md §5 "Video"): probe, then either one FFmpeg process for the
 * whole ladder or, for long videos, a fan-out of chunk jobs and a stitch job; then publish under an
 * immutable prefix and switch the lesson in one transaction.
 *
 * <p>Every run of an upload has a number. A run starts clean (its own scratch folder, its own output
 * prefix); work of an older run (a worker that died, a chunk job still queued) notices that its run
 * is no longer current and stops, so nothing half-done is ever published.
 */
@Component
public class TranscodeJob implements TranscodeHandler {

    private static final Logger log = LoggerFactory.getLogger(TranscodeJob.class);
    private static final String[] DECODE_ERRORS = {"invalid data found", "corrupt", "error while decoding",
        "moov atom not found", "invalid nal", "no frame!", "partial file"};

    private final TranscodeSettings settings;
    private final VideoUploadDao uploads;
    private final TranscodeDao dao;
    private final ObjectStore store;
    private final JobRequestScheduler scheduler;
    private final TransactionTemplate transactions;

    TranscodeJob(TranscodeSettings settings, VideoUploadDao uploads, TranscodeDao dao, ObjectStore store,
            JobRequestScheduler scheduler, TransactionTemplate transactions) {
        this.settings = settings;
        this.uploads = uploads;
        this.dao = dao;
        this.store = store;
        this.scheduler = scheduler;
        this.transactions = transactions;
    }

    // ---- the job: probe, then one process or a fan-out ----

    @Override
    public void transcode(long uploadId) throws Exception {
        var started = uploads.startRun(uploadId);
        if (started.isEmpty()) {
            log.info("upload {} is finished or unknown; nothing to do", uploadId);
            return;
        }
        int run = started.get();
        VideoUpload upload = uploads.findById(uploadId).orElseThrow();
        if (run > settings.maxRuns()) {
            uploads.fail(uploadId, run, "Processing stopped " + (run - 1) + " times before it could finish (a "
                    + "worker crashed or ran out of resources). Retry the upload; if it stops again, export the "
                    + "video again before uploading.");
            return;
        }
        forgetEarlierRuns(uploadId);
        Path dir = scratch(uploadId + "-r" + run);
        try {
            Path source = dir.resolve("source");
            store.download(upload.objectKey(), source);
            SourceInfo info = Probe.probe(settings, source);
            uploads.recordSource(uploadId, run, info.seconds(), info.width(), info.height());
            List<Rendition> renditions = Ladder.forSource(info.width(), info.height());
            if (info.seconds() > settings.fanOutAbove().toSeconds()) {
                fanOut(upload, run, info, source, dir);
            } else {
                single(upload, run, info, renditions, source, dir);
            }
        } catch (UnplayableVideoException e) {
            log.info("upload {} cannot become a video: {}", uploadId, e.getMessage());
            uploads.fail(uploadId, run, e.getMessage());
        } catch (StaleRunException e) {
            log.info("upload {} run {} was superseded: {}", uploadId, run, e.getMessage());
        } catch (Exception e) {
            if (run >= settings.maxRuns()) {
                uploads.fail(uploadId, run, "Processing failed " + run + " times: " + e.getMessage()
                        + ". Retry the upload; if it fails again, export the video again before uploading.");
                return;
            }
            throw e;
        } finally {
            delete(dir);
        }
    }

    private void single(VideoUpload upload, int run, SourceInfo info, List<Rendition> renditions, Path source,
            Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        for (Rendition r : renditions) {
            Files.createDirectories(out.resolve(r.name()));
        }
        move(upload.id(), run, VideoUploadStatus.TRANSCODING, 0, null);
        Progress progress = new Progress(upload.id(), run, info.seconds(), 0, 97);
        Ffmpeg.Result result = Ffmpeg.transcode(FfmpegCommands.ladder(settings, info, renditions, source, out),
                progress);
        check(result, "transcoding");
        dao.addCpu(upload.id(), run, result.cpuSeconds());
        publish(upload, run, info, renditions, out);
    }

    // ---- fan-out: split at keyframes, one job per chunk, a stitch job at the end ----

    private void fanOut(VideoUpload upload, int run, SourceInfo info, Path source, Path dir) throws Exception {
        move(upload.id(), run, VideoUploadStatus.TRANSCODING, 0, null);
        Path chunks = dir.resolve("chunks");
        Files.createDirectories(chunks);
        Ffmpeg.Result result = Ffmpeg.transcode(FfmpegCommands.split(settings, info, source, chunks), s -> { });
        check(result, "splitting");
        dao.addCpu(upload.id(), run, result.cpuSeconds());
        List<String[]> list = new ArrayList<>();
        for (String line : Files.readAllLines(chunks.resolve("chunks.csv"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                list.add(line.split(","));
            }
        }
        String work = workPrefix(upload.id(), run);
        if (info.hasAudio()) {
            store.putFile(work + "/audio.mka", chunks.resolve("audio.mka"), "video/x-matroska");
        }
        for (int idx = 0; idx < list.size(); idx++) {
            String[] chunk = list.get(idx);
            store.putFile(work + "/chunks/" + idx + ".mkv", chunks.resolve(chunk[0]), "video/x-matroska");
            double start = Double.parseDouble(chunk[1]);
            double end = Double.parseDouble(chunk[2]);
            uploads.insertChunk(upload.id(), run, idx, start, end - start);
        }
        ensureCurrent(upload.id(), run);
        log.info("upload {} run {}: {} s in {} chunks", upload.id(), run, Math.round(info.seconds()), list.size());
        for (int idx = 0; idx < list.size(); idx++) {
            TranscodeChunkRequest request = new TranscodeChunkRequest(upload.id(), run, idx);
            scheduler.enqueue(request.jobId(), request);
        }
    }

    /** One chunk's ladder (a JobRunr job of its own; any worker may take it). */
    void chunk(long uploadId, int run, int idx) throws Exception {
        if (!current(uploadId, run)) {
            log.info("chunk {} of upload {} run {} is stale", idx, uploadId, run);
            return;
        }
        var attempt = dao.startChunk(uploadId, run, idx);
        if (attempt.isEmpty()) {
            stitchWhenComplete(uploadId, run);
            return;
        }
        if (attempt.get() > settings.maxRuns()) {
            uploads.fail(uploadId, run, "Part " + (idx + 1) + " of the video could not be processed after "
                    + (attempt.get() - 1) + " attempts. Retry the upload.");
            return;
        }
        VideoUpload upload = uploads.findById(uploadId).orElseThrow();
        VideoUploadDao.Chunk chunk = uploads.chunks(uploadId, run).get(idx);
        Path dir = scratch(uploadId + "-r" + run + "-c" + idx);
        try {
            Path input = dir.resolve("chunk.mkv");
            String work = workPrefix(uploadId, run);
            store.download(work + "/chunks/" + idx + ".mkv", input);
            List<Rendition> renditions = Ladder.forSource(upload.sourceWidth(), upload.sourceHeight());
            Path out = dir.resolve("out");
            Files.createDirectories(out);
            // The poster frame is taken by the chunk it falls in, at its time on the chunk's own clock.
            double posterAt = FfmpegCommands.posterAt(upload.sourceSeconds()) - chunk.startSeconds();
            boolean poster = posterAt >= 0 && posterAt < chunk.durationSeconds();
            List<String> command = FfmpegCommands.chunk(settings, chunk.startSeconds(), renditions,
                    poster ? posterAt : Double.NaN, input, out);
            ChunkProgress progress = new ChunkProgress(uploadId, run, idx, chunk.durationSeconds());
            Ffmpeg.Result result = Ffmpeg.transcode(command, progress);
            check(result, "transcoding part " + (idx + 1));
            for (Rendition r : renditions) {
                store.putFile(work + "/out/" + idx + "/" + r.name() + ".mkv", out.resolve(r.name() + ".mkv"),
                        "video/x-matroska");
            }
            if (poster) {
                store.putFile(work + "/" + FfmpegCommands.POSTER, out.resolve(FfmpegCommands.POSTER), "image/jpeg");
            }
            uploads.chunkDone(uploadId, run, idx, result.cpuSeconds());
            stitchWhenComplete(uploadId, run);
        } catch (UnplayableVideoException e) {
            uploads.fail(uploadId, run, e.getMessage());
        } catch (StaleRunException e) {
            log.info("chunk {} of upload {} run {} was superseded", idx, uploadId, run);
        } finally {
            delete(dir);
        }
    }

    /** The last chunk to finish hands over to the stitch job (its id is fixed: a second hand-over is a no-op). */
    private void stitchWhenComplete(long uploadId, int run) {
        Boolean complete = transactions.execute(tx -> uploads.lockRun(uploadId).filter(r -> r == run).isPresent()
                && dao.chunksLeft(uploadId, run) == 0);
        if (Boolean.TRUE.equals(complete)) {
            StitchRequest request = new StitchRequest(uploadId, run);
            scheduler.enqueue(request.jobId(), request);
        }
    }

    /** Joins the chunks' renditions, adds the audio, and publishes. */
    void stitch(long uploadId, int run) throws Exception {
        var attempt = dao.startStitch(uploadId, run);
        if (attempt.isEmpty()) {
            log.info("stitch of upload {} run {} is stale or done", uploadId, run);
            return;
        }
        if (attempt.get() > settings.maxRuns()) {
            uploads.fail(uploadId, run, "The processed parts of the video could not be joined after "
                    + (attempt.get() - 1) + " attempts. Retry the upload.");
            return;
        }
        VideoUpload upload = uploads.findById(uploadId).orElseThrow();
        List<VideoUploadDao.Chunk> chunks = uploads.chunks(uploadId, run);
        Path dir = scratch(uploadId + "-r" + run + "-stitch");
        try {
            String work = workPrefix(uploadId, run);
            List<Rendition> renditions = Ladder.forSource(upload.sourceWidth(), upload.sourceHeight());
            boolean hasAudio = store.exists(work + "/audio.mka");
            if (hasAudio) {
                store.download(work + "/audio.mka", dir.resolve("audio.mka"));
            }
            for (Rendition r : renditions) {
                StringBuilder list = new StringBuilder();
                for (VideoUploadDao.Chunk chunk : chunks) {
                    Path part = dir.resolve("parts").resolve(chunk.idx() + "-" + r.name() + ".mkv");
                    store.download(work + "/out/" + chunk.idx() + "/" + r.name() + ".mkv", part);
                    list.append("file '").append(part.toAbsolutePath()).append("'\n");
                }
                Files.writeString(dir.resolve(r.name() + ".txt"), list.toString(), StandardCharsets.UTF_8);
            }
            Path out = dir.resolve("out");
            for (Rendition r : renditions) {
                Files.createDirectories(out.resolve(r.name()));
            }
            store.download(work + "/" + FfmpegCommands.POSTER, out.resolve(FfmpegCommands.POSTER));
            SourceInfo info = new SourceInfo(upload.sourceSeconds(), upload.sourceWidth(), upload.sourceHeight(), 0,
                    hasAudio);
            move(uploadId, run, VideoUploadStatus.TRANSCODING, 95, null);
            Ffmpeg.Result result = Ffmpeg.transcode(FfmpegCommands.stitch(settings, renditions, hasAudio, dir, out),
                    new Progress(uploadId, run, info.seconds(), 95, 2));
            check(result, "joining the parts");
            dao.addCpu(uploadId, run, result.cpuSeconds() + dao.chunksCpu(uploadId, run));
            publish(upload, run, info, renditions, out);
            deleteWork(work, chunks, renditions, hasAudio);
        } catch (UnplayableVideoException e) {
            uploads.fail(uploadId, run, e.getMessage());
        } catch (StaleRunException e) {
            log.info("stitch of upload {} run {} was superseded", uploadId, run);
        } finally {
            delete(dir);
        }
    }

    // ---- publishing ----

    private void publish(VideoUpload upload, int run, SourceInfo info, List<Rendition> renditions, Path out)
            throws Exception {
        move(upload.id(), run, VideoUploadStatus.PUBLISHING, 98, null);
        List<MasterPlaylist.Variant> variants = MasterPlaylist.write(settings, renditions, info.hasAudio(), out);
        double produced = variants.stream().mapToDouble(MasterPlaylist.Variant::seconds).min().orElse(0);
        if (produced < info.seconds() - Math.max(1.5, info.seconds() * 0.03)) {
            throw new UnplayableVideoException("The video stops early: only " + Probe.clock(produced) + " of "
                    + Probe.clock(info.seconds()) + " could be read. The file is probably truncated or damaged; "
                    + "export it again and upload the complete file.");
        }
        String prefix = "videos/" + upload.lessonId() + "/" + upload.id() + "-r" + run;
        // Segments and the poster first, playlists after them, the master last: until the lesson points
        // at the prefix (below), nothing links to it anyway.
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.toString().endsWith(".m3u8"))
                            .thenComparing(p -> p.getFileName().toString().equals(MasterPlaylist.NAME))
                            .thenComparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            ensureCurrent(upload.id(), run);
            String key = prefix + "/" + out.relativize(file).toString().replace('\\', '/');
            store.putPublic(key, file, contentType(file));
        }
        boolean published = uploads.publish(upload.id(), run, prefix,
                renditions.stream().map(Rendition::name).toList(), (int) Math.round(info.seconds()));
        if (!published) {
            throw new StaleRunException("another run published or the upload was given up");
        }
        log.info("upload {} run {} is READY at {} ({})", upload.id(), run, prefix,
                renditions.stream().map(Rendition::name).toList());
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (name.endsWith(".ts")) {
            return "video/mp2t";
        }
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }

    private void deleteWork(String work, List<VideoUploadDao.Chunk> chunks, List<Rendition> renditions,
            boolean hasAudio) {
        try {
            for (VideoUploadDao.Chunk chunk : chunks) {
                store.delete(work + "/chunks/" + chunk.idx() + ".mkv");
                for (Rendition r : renditions) {
                    store.delete(work + "/out/" + chunk.idx() + "/" + r.name() + ".mkv");
                }
            }
            store.delete(work + "/" + FfmpegCommands.POSTER);
            if (hasAudio) {
                store.delete(work + "/audio.mka");
            }
        } catch (RuntimeException e) {
            log.warn("could not remove the intermediate files under {}: {}", work, e.toString());
        }
    }

    // ---- helpers ----

    private static String workPrefix(long uploadId, int run) {
        return "work/video/" + uploadId + "/r" + run;
    }

    private boolean current(long uploadId, int run) {
        return dao.statusOfRun(uploadId, run).filter(s -> s == VideoUploadStatus.TRANSCODING).isPresent();
    }

    private void ensureCurrent(long uploadId, int run) {
        if (dao.statusOfRun(uploadId, run).filter(s -> !s.finished()).isEmpty()) {
            throw new StaleRunException("run " + run + " of upload " + uploadId + " is no longer current");
        }
    }

    private void move(long uploadId, int run, VideoUploadStatus status, float percent, Integer eta) {
        if (uploads.progress(uploadId, run, status, percent, eta) == 0) {
            throw new StaleRunException("run " + run + " of upload " + uploadId + " is no longer current");
        }
    }

    /**
     * Ends FFmpeg processes that a dead worker left running for an earlier run of this upload on this
     * machine, and removes their folders.
     */
    private void forgetEarlierRuns(long uploadId) throws IOException {
        Ffmpeg.killOrphans(settings.workDir().resolve(uploadId + "-r"));
        if (Files.isDirectory(settings.workDir())) {
            try (Stream<Path> dirs = Files.list(settings.workDir())) {
                dirs.filter(d -> d.getFileName().toString().startsWith(uploadId + "-r")).forEach(TranscodeJob::delete);
            }
        }
    }

    /** A clean scratch folder for one piece of work, after ending FFmpeg processes a dead worker left in it. */
    private Path scratch(String name) throws IOException {
        Path dir = settings.workDir().resolve(name);
        Ffmpeg.killOrphans(dir);
        delete(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.toString());
        }
    }

    private static void check(Ffmpeg.Result result, String what) throws UnplayableVideoException, IOException {
        if (result.ok()) {
            return;
        }
        String tail = String.join("\n", result.logTail()).toLowerCase(Locale.ROOT);
        for (String marker : DECODE_ERRORS) {
            if (tail.contains(marker)) {
                throw new UnplayableVideoException("The video could not be decoded (" + result.lastError()
                        + "): the file is damaged. Export it again and upload it.");
            }
        }
        throw new IOException("ffmpeg failed while " + what + ": " + result.lastError());
    }

    /** The work of a run that is no longer current: stop without touching anything. */
    static class StaleRunException extends RuntimeException {
        StaleRunException(String message) {
            super(message);
        }
    }

    /** Writes percent done and an ETA at most once per progress interval. */
    private class Progress implements DoubleConsumer {
        private final long uploadId;
        private final int run;
        private final double total;
        private final float from;
        private final float span;
        private final Instant start = Instant.now();
        private final Throttle throttle = new Throttle(settings.progressInterval());

        Progress(long uploadId, int run, double total, float from, float span) {
            this.uploadId = uploadId;
            this.run = run;
            this.total = total;
            this.from = from;
            this.span = span;
        }

        @Override
        public void accept(double seconds) {
            Instant now = Instant.now();
            if (!throttle.due(now)) {
                return;
            }
            double done = Math.min(1, Math.max(0, seconds / total));
            Integer eta = done > 0.01
                    ? (int) Math.round(Duration.between(start, now).toMillis() / 1000.0 * (1 - done) / done)
                    : null;
            move(uploadId, run, VideoUploadStatus.TRANSCODING, (float) (from + span * done), eta);
        }
    }

    /** A chunk's share of the whole: its own percent, and the upload's from every chunk's. */
    private class ChunkProgress implements DoubleConsumer {
        private final long uploadId;
        private final int run;
        private final int idx;
        private final double total;
        private final Throttle throttle = new Throttle(settings.progressInterval());

        ChunkProgress(long uploadId, int run, int idx, double total) {
            this.uploadId = uploadId;
            this.run = run;
            this.idx = idx;
            this.total = total;
        }

        @Override
        public void accept(double seconds) {
            if (!throttle.due(Instant.now())) {
                return;
            }
            float percent = (float) Math.min(100, Math.max(0, seconds / total * 100));
            if (uploads.chunkProgress(uploadId, run, idx, percent) == 0 || !current(uploadId, run)) {
                throw new StaleRunException("chunk " + idx + " of run " + run + " is no longer current");
            }
            double all = dao.chunksPercent(uploadId, run);
            Integer eta = null;
            if (all > 1) {
                eta = (int) Math.round(dao.runSeconds(uploadId) * (100 - all) / all);
            }
            uploads.progress(uploadId, run, VideoUploadStatus.TRANSCODING, (float) (all * 0.95), eta);
        }
    }

    /** Lets something happen at most once per interval. */
    private static final class Throttle {
        private final Duration interval;
        private Instant last = Instant.EPOCH;

        Throttle(Duration interval) {
            this.interval = interval;
        }

        boolean due(Instant now) {
            if (Duration.between(last, now).compareTo(interval) < 0) {
                return false;
            }
            last = now;
            return true;
        }
    }
}
