package org.openlearning.video.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.EdgeProcess;
import org.openlearning.testing.TestStack;
import org.openlearning.testing.VideoClips;
import org.openlearning.testing.VideoUploadFixture;
import org.openlearning.video.EdgeUrls;
import org.openlearning.video.VideoUploadDao;
import org.openlearning.video.VideoUploadDao.VideoUpload;
import org.openlearning.video.VideoUploadStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The transcode job against real FFmpeg, PostgreSQL and the S3 store, its handlers called as JobRunr
 * would call them; the published output is read back through the edge with ffprobe, as players read it.
 */
@SpringBootTest(classes = TranscodeTestApplication.class)
class TranscodeJobTest {

    static final TestStack.Env ENV = TestStack.create("transcode");
    static final String EDGE_SECRET = "TranscodeTestEdgeSecret01";
    static EdgeProcess edge;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws Exception {
        ENV.register(registry);
        // the published output is read back through a private edge (nginx from deploy/edge), as players read it
        edge = EdgeProcess.start(EdgeProcess.Settings.of(URI.create(TestStack.S3_ENDPOINT).getAuthority(),
                ENV.bucket(), EDGE_SECRET));
        registry.add("platform.edge.base-url", edge::baseUrl);
        registry.add("platform.edge.secret", () -> EDGE_SECRET);
    }

    @AfterAll
    static void stopEdge() throws InterruptedException {
        edge.close();
    }

    @TempDir
    static Path clips;

    @Autowired
    TranscodeJob job;
    @Autowired
    VideoUploadDao uploads;
    @Autowired
    ObjectStore store;
    @Autowired
    Jdbi jdbi;
    @Autowired
    EdgeUrls edgeUrls;

    private final HttpClient http = HttpClient.newHttpClient();

    private long upload(Path file) throws Exception {
        try (Connection c = ENV.connect()) {
            VideoUploadFixture.Lesson lesson = VideoUploadFixture.videoLesson(c, file.getFileName().toString());
            return VideoUploadFixture.uploaded(c, store, lesson, file);
        }
    }

    /** A signed URL of a published file through the edge. */
    private String url(String prefix, String file) {
        return edgeUrls.sign(prefix, file);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private String lessonPrefix(long uploadId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT l.video_prefix FROM lessons l JOIN video_uploads u ON u.lesson_id = l.id WHERE u.id = :id
                """).bind("id", uploadId).mapTo(String.class).findOne().orElse(null));
    }

    private static List<Double> extinf(String playlist) {
        List<Double> durations = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXTINF:")) {
                durations.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
            }
        }
        return durations;
    }

    @Test
    void a1080pClipBecomesReadyWithThreeRenditionsThatPlayOverHttp() throws Exception {
        long id = upload(VideoClips.clip(clips, "lecture-1080.mp4", 1920, 1080, 9));

        job.transcode(id);

        VideoUpload upload = uploads.findById(id).orElseThrow();
        assertThat(upload.status()).isEqualTo(VideoUploadStatus.READY);
        assertThat(upload.renditions()).containsExactly("360p", "720p", "1080p");
        assertThat(upload.progressPercent()).isEqualTo(100f);
        assertThat(upload.outputPrefix()).endsWith("/" + id + "-r1");
        assertThat(lessonPrefix(id)).isEqualTo(upload.outputPrefix());
        assertThat(upload.sourceSeconds()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(0.1));

        HlsProbe.Result probe = HlsProbe.probe(url(upload.outputPrefix(), "master.m3u8"));
        assertThat(probe.resolutions()).containsExactly("1280x720", "1920x1080", "640x360");
        assertThat(probe.seconds()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(0.5));
        String master = get(url(upload.outputPrefix(), "master.m3u8"));
        assertThat(master).contains("RESOLUTION=1920x1080", "RESOLUTION=640x360", "CODECS=\"avc1.64", "mp4a.40.2",
                "BANDWIDTH=", "AVERAGE-BANDWIDTH=");
        // keyframes on one grid: every rendition is cut into the same segments of the configured length
        List<Double> segments720 = extinf(get(url(upload.outputPrefix(), "720p/index.m3u8")));
        assertThat(segments720).isEqualTo(extinf(get(url(upload.outputPrefix(), "360p/index.m3u8"))))
                .isEqualTo(extinf(get(url(upload.outputPrefix(), "1080p/index.m3u8"))));
        assertThat(segments720.subList(0, segments720.size() - 1)).allSatisfy(d -> assertThat(d).isEqualTo(4.0));
        assertThat(get(url(upload.outputPrefix(), "poster.jpg"))).isNotEmpty();
        int lessonSeconds = jdbi.withHandle(h -> h.createQuery(
                "SELECT duration_seconds FROM lessons WHERE video_upload_id = :id").bind("id", id).mapTo(Integer.class).one());
        assertThat(lessonSeconds).isEqualTo(9);
    }

    @Test
    void a720pClipIsNeverUpscaled() throws Exception {
        long id = upload(VideoClips.clip(clips, "lecture-720.mov", 1280, 720, 3));

        job.transcode(id);

        VideoUpload upload = uploads.findById(id).orElseThrow();
        assertThat(upload.status()).isEqualTo(VideoUploadStatus.READY);
        assertThat(upload.renditions()).containsExactly("360p", "720p");
        assertThat(HlsProbe.probe(url(upload.outputPrefix(), "master.m3u8")).resolutions())
                .containsExactly("1280x720", "640x360");
    }

    @Test
    void filesThatAreNoVideoFailWithAReasonAndAreNotRetried() throws Exception {
        long text = upload(VideoClips.textAsVideo(clips, "notes.mp4"));
        long truncated = upload(VideoClips.truncated(clips, "cut-short.mp4"));
        long audio = upload(VideoClips.audioOnly(clips, "podcast.mp4", 3));

        // each returns normally: JobRunr sees success and does not retry a file that cannot work
        job.transcode(text);
        job.transcode(truncated);
        job.transcode(audio);

        assertThat(uploads.findById(text).orElseThrow()).satisfies(u -> {
            assertThat(u.status()).isEqualTo(VideoUploadStatus.FAILED);
            assertThat(u.failureReason()).contains("not a video we can read");
        });
        assertThat(uploads.findById(truncated).orElseThrow()).satisfies(u -> {
            assertThat(u.status()).isEqualTo(VideoUploadStatus.FAILED);
            assertThat(u.failureReason()).contains("incomplete");
        });
        assertThat(uploads.findById(audio).orElseThrow()).satisfies(u -> {
            assertThat(u.status()).isEqualTo(VideoUploadStatus.FAILED);
            assertThat(u.failureReason()).contains("no picture");
        });
        for (long id : List.of(text, truncated, audio)) {
            assertThat(lessonPrefix(id)).isNull();
            assertThat(uploads.findById(id).orElseThrow().run()).isEqualTo(1);
        }
        // a second delivery of the job changes nothing
        job.transcode(text);
        assertThat(uploads.findById(text).orElseThrow().run()).isEqualTo(1);
    }

    @Test
    void aRunStartedByADeadWorkerIsReplacedByACleanOneAndItsLateWorkIsIgnored() throws Exception {
        long id = upload(VideoClips.clip(clips, "retried.mp4", 640, 360, 3));
        assertThat(uploads.startRun(id)).contains(1); // a worker took the job, then died

        job.transcode(id); // JobRunr's retry on another worker

        VideoUpload upload = uploads.findById(id).orElseThrow();
        assertThat(upload.status()).isEqualTo(VideoUploadStatus.READY);
        assertThat(upload.run()).isEqualTo(2);
        assertThat(upload.outputPrefix()).endsWith(id + "-r2");
        // late work of run 1 finds its run superseded and touches nothing
        assertThat(uploads.progress(id, 1, VideoUploadStatus.TRANSCODING, 50, null)).isZero();
        job.chunk(id, 1, 0);
        job.stitch(id, 1);
        assertThat(uploads.findById(id).orElseThrow()).satisfies(u -> {
            assertThat(u.status()).isEqualTo(VideoUploadStatus.READY);
            assertThat(u.outputPrefix()).isEqualTo(upload.outputPrefix());
        });
    }

    @Test
    void aLongVideoFansOutIntoChunksAndIsStitchedWithoutGapsOrDrift() throws Exception {
        Path source = VideoClips.clip(clips, "long-lecture.mp4", 1280, 720, 20);
        long id = upload(source);

        job.transcode(id); // probes and splits: above the fan-out threshold

        VideoUpload split = uploads.findById(id).orElseThrow();
        assertThat(split.status()).isEqualTo(VideoUploadStatus.TRANSCODING);
        List<VideoUploadDao.Chunk> chunks = uploads.chunks(id, split.run());
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        assertThat(chunks.stream().mapToDouble(VideoUploadDao.Chunk::durationSeconds).sum())
                .isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.1));
        long queued = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM jobrunr_jobs WHERE jobsignature LIKE '%TranscodeChunkRequestHandler%'")
                .mapTo(Long.class).one());
        assertThat(queued).isEqualTo(chunks.size());

        // as JobRunr would run them, on any workers, in any order
        for (int idx = chunks.size() - 1; idx >= 0; idx--) {
            job.chunk(id, split.run(), idx);
        }
        long stitches = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM jobrunr_jobs WHERE jobsignature LIKE '%StitchRequestHandler%'")
                .mapTo(Long.class).one());
        assertThat(stitches).isEqualTo(1);
        job.chunk(id, split.run(), 0); // a duplicate delivery of a chunk changes nothing
        job.stitch(id, split.run());

        VideoUpload upload = uploads.findById(id).orElseThrow();
        assertThat(upload.status()).isEqualTo(VideoUploadStatus.READY);
        assertThat(upload.renditions()).containsExactly("360p", "720p");
        assertThat(upload.cpuSeconds()).isPositive();
        String rendition = url(upload.outputPrefix(), "720p/index.m3u8");
        assertThat(HlsProbe.probe(url(upload.outputPrefix(), "master.m3u8")).seconds())
                .isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(extinf(get(rendition))).isEqualTo(extinf(get(url(upload.outputPrefix(), "360p/index.m3u8"))));

        // every source frame once, evenly spaced across the seams
        List<double[]> frames = HlsProbe.packets(rendition, "v:0");
        assertThat(frames).hasSize(600);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i)[0] - frames.get(i - 1)[0]).as("frame gap before frame " + i)
                    .isCloseTo(1.0 / 30, org.assertj.core.data.Offset.offset(0.002));
        }
        // the sound runs on without a break and ends with the picture
        List<double[]> audio = HlsProbe.packets(rendition, "a:0");
        for (int i = 1; i < audio.size(); i++) {
            assertThat(audio.get(i)[0] - audio.get(i - 1)[0]).as("audio gap before packet " + i)
                    .isLessThan(audio.get(i - 1)[1] + 0.002);
        }
        double videoEnd = frames.getLast()[0] + 1.0 / 30;
        double audioEnd = audio.getLast()[0] + audio.getLast()[1];
        double videoStart = frames.getFirst()[0];
        double audioStart = audio.getFirst()[0];
        assertThat(Math.abs(audioStart - videoStart)).isLessThan(0.05);
        assertThat(Math.abs(audioEnd - videoEnd)).isLessThan(0.1);
    }
}
