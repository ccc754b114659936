package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.StorageProperties;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 1 GiB video through a web app process limited to 256 MB of heap, three parts in flight, with an
 * interruption in the middle: the app holds one part per request, never the file, and the stored
 * object is byte for byte what was sent. The bytes are generated on the fly, part by part.
 */
class VideoUploadMemoryIT {

    static final long SIZE = 1L << 30;
    static final int PART = 8 * 1024 * 1024; // the default platform.video.part-size
    static final int PARTS = (int) (SIZE / PART);
    static final int IN_FLIGHT = 3;
    static final int BEFORE_INTERRUPTION = 40;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();
    int port;
    String token;

    @Test
    void aGigabyteUploadPassesThroughA256MegabyteHeapAndResumesAfterAnInterruption() throws Exception {
        TestStack.Env env = TestStack.create("video_memory_it");
        ObjectStore store = new ObjectStore(new StorageProperties(TestStack.S3_ENDPOINT, "platform",
                "platform-secret", env.bucket(), null));
        try (AppProcess app = AppProcess.start(Path.of("target", "web-app.jar"), "video-memory",
                "Started WebApplication", env, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), List.of())) {
            port = app.port();
            long lesson = instructorWithAVideoLesson(env);
            String start = "{\"file_name\": \"full-lecture.mp4\", \"size_bytes\": " + SIZE
                    + ", \"fingerprint\": \"full-lecture.mp4:" + SIZE + ":1700000000000\"}";
            JsonNode created = call("POST", "/api/lessons/" + lesson + "/video-uploads", start, 201);
            long id = created.get("id").asLong();
            assertThat(created.get("part_size").asInt()).isEqualTo(PART);
            assertThat(created.get("part_count").asInt()).isEqualTo(PARTS);

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            sendInOrder(id, 1, BEFORE_INTERRUPTION, sent);
            // the network drops in the middle of the next three parts
            for (int n = BEFORE_INTERRUPTION + 1; n <= BEFORE_INTERRUPTION + IN_FLIGHT; n++) {
                sendHalfAndHangUp(id, n);
            }

            // the page is reloaded and the same file chosen again: the upload resumes
            JsonNode resumed = call("POST", "/api/lessons/" + lesson + "/video-uploads", start, 200);
            assertThat(resumed.get("id").asLong()).isEqualTo(id);
            assertThat(resumed.get("parts_received").valueStream().map(JsonNode::asInt).toList())
                    .isEqualTo(IntStream.rangeClosed(1, BEFORE_INTERRUPTION).boxed().toList());
            sendInOrder(id, BEFORE_INTERRUPTION + 1, PARTS, sent);

            JsonNode completed = call("POST", "/api/video-uploads/" + id + "/complete", null, 202);
            assertThat(completed.get("status").asString()).isEqualTo("QUEUED");
            assertThat(app.isAlive()).isTrue();
            assertThat(app.logText()).doesNotContain("OutOfMemoryError");

            String key = query(env, "SELECT object_key FROM video_uploads WHERE id = " + id);
            try (InputStream stored = store.open(key)) {
                MessageDigest read = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 20];
                long total = 0;
                for (int r; (r = stored.read(buffer)) > 0; total += r) {
                    read.update(buffer, 0, r);
                }
                assertThat(total).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            } finally {
                store.delete(key);
            }
        }
    }

    /** The deterministic bytes of part {@code n}. */
    static byte[] part(int n) {
        byte[] bytes = new byte[PART];
        new SplittableRandom(n).nextBytes(bytes);
        return bytes;
    }

    /** Parts {@code from..to} generated in order (and digested as they are sent), {@value #IN_FLIGHT} at a time. */
    void sendInOrder(long id, int from, int to, MessageDigest digest) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT)) {
            for (int n = from; n <= to; n++) {
                byte[] bytes = part(n);
                digest.update(bytes);
                slots.acquire();
                int number = n;
                answers.add(pool.submit(() -> {
                    try {
                        return http.send(HttpRequest.newBuilder(uri("/api/video-uploads/" + id + "/parts/" + number))
                                .timeout(Duration.ofSeconds(120))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
    }

    /** Headers and half of part {@code n}, then the connection closes: what a dropped network leaves. */
    void sendHalfAndHangUp(long id, int n) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
            out.write(("PUT /api/video-uploads/" + id + "/parts/" + n + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + PART + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part(n), 0, PART / 2);
            out.flush();
        }
    }

    long instructorWithAVideoLesson(TestStack.Env env) throws Exception {
        String email = "video-it-" + System.nanoTime() + "@example.org";
        JsonNode user = call("POST", "/api/auth/signup", "{\"email\": \"" + email
                + "\", \"display_name\": \"Video Instructor\", \"password\": \"correct horse battery\"}", 201);
        try (Connection c = env.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, 'INSTRUCTOR')")) {
            ps.setLong(1, user.get("id").asLong());
            ps.execute();
        }
        token = call("POST", "/api/auth/tokens", "{\"email\": \"" + email
                + "\", \"password\": \"correct horse battery\", \"name\": \"it\"}", 201).get("token").asString();
        long course = call("POST", "/api/courses", "{\"title\": \"Big Lectures\"}", 201).get("id").asLong();
        long module = call("POST", "/api/courses/" + course + "/modules", "{\"title\": \"Week 1\"}", 201)
                .get("id").asLong();
        return call("POST", "/api/modules/" + module + "/lessons", "{\"title\": \"The full lecture\", \"kind\": \"VIDEO\"}",
                201).get("id").asLong();
    }

    JsonNode call(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(300))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return json.readTree(r.body());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String query(TestStack.Env env, String sql) throws Exception {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
