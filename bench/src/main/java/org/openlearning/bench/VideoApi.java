package org.openlearning.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.openlearning.video.transcode.Ffmpeg;

import tools.jackson.databind.JsonNode;

/** What the video benchmarks do as users: make a clip, sign in for a token, upload through the API. */
final class VideoApi {

    static final String INSTRUCTOR = "instructor@demo.example";
    static final String LEARNER = "learner@demo.example";

    private VideoApi() {
    }

    /** A {@code seconds}-long 1080p30 H.264 + AAC clip of FFmpeg's test picture and a sine tone. */
    static Path clip(Path dir, String name, int seconds) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        long t0 = System.nanoTime();
        Ffmpeg.Result r = Ffmpeg.capture(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-t", String.valueOf(seconds), "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-t", String.valueOf(seconds), "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p", "-g", "60",
                "-c:a", "aac", "-b:a", "128k", file.toString()));
        if (!r.ok()) {
            throw new IllegalStateException("could not make the clip: " + r.lastError());
        }
        Local.log(String.format(Locale.ROOT, "made %s (%d s 1080p30, %.1f MB) in %.1f s", name, seconds,
                Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9));
        return file;
    }

    /** A personal access token of a demo account. */
    static String token(String email, String name) throws IOException, InterruptedException {
        return call("POST", "/api/auth/tokens", Map.of("email", email, "password", Local.ADMIN_PASSWORD, "name",
                name), null).path("token").asString();
    }

    /** Uploads {@code clip} to the lesson in parts and completes it; returns the upload's id once accepted. */
    static long upload(String token, long lesson, Path clip) throws IOException, InterruptedException {
        JsonNode created = call("POST", "/api/lessons/" + lesson + "/video-uploads", Map.of("file_name",
                clip.getFileName().toString(), "size_bytes", Files.size(clip), "fingerprint",
                UUID.randomUUID().toString()), token);
        long id = created.path("id").asLong();
        int partSize = created.path("part_size").asInt();
        int parts = created.path("part_count").asInt();
        try (InputStream in = Files.newInputStream(clip)) {
            for (int n = 1; n <= parts; n++) {
                Local.body(Local.send(Local.request("/api/video-uploads/" + id + "/parts/" + n)
                        .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(in.readNBytes(partSize))).build()), 200);
            }
        }
        call("POST", "/api/video-uploads/" + id + "/complete", null, token);
        Local.log("upload " + id + " accepted (" + parts + " parts)");
        return id;
    }

    /** A JSON API call that must answer 2xx. */
    static JsonNode call(String method, String path, Object body, String token) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = Local.request(path).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Local.JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Local.send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return Local.JSON.readTree(response.body());
    }
}
