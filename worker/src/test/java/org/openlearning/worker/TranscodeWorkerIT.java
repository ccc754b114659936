package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.StorageProperties;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;
import org.openlearning.testing.VideoClips;
import org.openlearning.testing.VideoUploadFixture;

/**
 * Two real workers; the one transcoding is killed with -9 mid-way. The other takes the job over,
 * starts clean and publishes; meanwhile the lesson never points at anything half-made.
 */
class TranscodeWorkerIT {

    record Upload(String status, int run, String lessonPrefix, String outputPrefix, float percent) {
    }

    @Test
    void aWorkerKilledWhileTranscodingLeavesTheVideoToTheOtherWorker() throws Exception {
        TestStack.Env env = TestStack.create("transcode_kill_it");
        Path clips = Files.createTempDirectory("transcode-it");
        Path clip = VideoClips.clip(clips, "lecture.mp4", 1920, 1080, 16);
        String[] fast = {"--platform.intents.sweep-interval=1s", "--platform.intents.stale-after=1s",
            "--platform.transcode.progress-interval=200ms",
            "--platform.transcode.work-dir=" + Files.createTempDirectory("transcode-work")};
        ObjectStore store = new ObjectStore(new StorageProperties(TestStack.S3_ENDPOINT, "platform", "platform-secret",
                env.bucket(), null));
        try (AppProcess a = WorkerProcess.start(env, "video-a", fast);
                AppProcess b = WorkerProcess.start(env, "video-b", fast)) {
            long id;
            try (Connection c = env.connect()) {
                id = VideoUploadFixture.uploaded(c, store, VideoUploadFixture.videoLesson(c, "kill"), clip);
            }
            // the sweeper enqueues the UPLOADED record; one worker starts transcoding it
            Upload transcoding = await(env, id, u -> u.status().equals("TRANSCODING") && u.percent() > 5,
                    Duration.ofSeconds(90));
            assertThat(transcoding.run()).isEqualTo(1);
            AppProcess busy = a.runsChild("ffmpeg") ? a : b;
            AppProcess other = busy == a ? b : a;
            assertThat(busy.runsChild("ffmpeg")).as("the transcoding worker runs ffmpeg").isTrue();
            busy.kill();

            List<Upload> seen = new ArrayList<>();
            Upload ready = await(env, id, u -> {
                seen.add(u);
                return u.status().equals("READY") || u.status().equals("FAILED");
            }, Duration.ofSeconds(240));
            assertThat(ready.status()).as(other.tail()).isEqualTo("READY");
            assertThat(ready.run()).isEqualTo(2);
            assertThat(ready.outputPrefix()).endsWith(id + "-r2");
            assertThat(ready.lessonPrefix()).isEqualTo(ready.outputPrefix());
            // until READY, learners were never pointed at a version (neither the dead run's nor a partial one)
            assertThat(seen.stream().filter(u -> !u.status().equals("READY")))
                    .allSatisfy(u -> assertThat(u.lessonPrefix()).isNull());

            // everything the master playlist links to is there
            HttpClient http = HttpClient.newHttpClient();
            String base = TestStack.S3_ENDPOINT + "/" + env.bucket() + "/" + ready.outputPrefix() + "/";
            String master = get(http, base + "master.m3u8");
            for (String line : master.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String playlist = get(http, base + line.strip());
                    String dir = line.strip().substring(0, line.strip().lastIndexOf('/') + 1);
                    for (String segment : playlist.split("\n")) {
                        if (!segment.isBlank() && !segment.startsWith("#")) {
                            assertThat(status(http, base + dir + segment.strip())).isEqualTo(200);
                        }
                    }
                }
            }
            // the dead worker's ffmpeg was ended by the run that replaced it
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                    .map(args -> String.join(" ", args).contains("/" + id + "-r1/")).orElse(false)).count()).isZero();
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private interface Check {
        boolean test(Upload upload);
    }

    private static Upload await(TestStack.Env env, long id, Check check, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Upload last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read(env, id);
            if (check.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("upload " + id + " did not get there in time; last seen " + last);
    }

    private static Upload read(TestStack.Env env, long id) throws SQLException {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement("""
                SELECT u.status, u.run, l.video_prefix, u.output_prefix, u.progress_percent
                FROM video_uploads u JOIN lessons l ON l.id = u.lesson_id WHERE u.id = ?
                """)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Upload(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getFloat(5));
            }
        }
    }
}
