package org.openlearning.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlearning.testing.EdgeProcess;
import org.openlearning.testing.EdgeProcess.Access;
import org.openlearning.testing.TestStack;

/**
 * A private nginx edge from {@code deploy/edge/nginx.conf} in front of the platform's S3 store (this
 * class's own bucket), with URLs signed by {@link EdgeUrls}: who gets in, what is cached, and how
 * often the origin is asked.
 */
class VideoEdgeIT {

    static final String SECRET = "edgeItSecret0123456789abcdef";
    static final String BUCKET = "test-edge-" + UUID.randomUUID().toString().substring(0, 8);

    static EdgeProcess edge;
    static HlsFixture media;
    static EdgeUrls urls;
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @BeforeAll
    static void start() throws Exception {
        URI s3 = URI.create(TestStack.S3_ENDPOINT);
        edge = EdgeProcess.start(EdgeProcess.Settings.of(s3.getHost() + ":" + s3.getPort(), BUCKET, SECRET));
        media = new HlsFixture(TestStack.S3_ENDPOINT, BUCKET);
        urls = new EdgeUrls(new EdgeProperties(edge.baseUrl(), SECRET, Duration.ofHours(4)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void signedUrlsServeThePlaylistAndTheSegmentWithPlayerHeaders() throws Exception {
        String prefix = HlsFixture.newPrefix();
        byte[] playlist = HlsFixture.playlist("seg_00001.ts");
        media.putPublic(prefix + "/360p/index.m3u8", playlist);
        media.putPublic(prefix + "/360p/seg_00001.ts", HlsFixture.segment());

        HttpResponse<byte[]> m3u8 = get(urls.sign(prefix, "360p/index.m3u8"));
        assertThat(m3u8.statusCode()).isEqualTo(200);
        assertThat(m3u8.body()).isEqualTo(playlist);
        assertThat(header(m3u8, "Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(header(m3u8, "Cache-Control")).isEqualTo("public, max-age=10");

        HttpResponse<byte[]> ts = get(urls.sign(prefix, "360p/seg_00001.ts"));
        assertThat(ts.statusCode()).isEqualTo(200);
        assertThat(ts.body()).isEqualTo(HlsFixture.segment());
        assertThat(header(ts, "Content-Type")).isEqualTo("video/mp2t");
        assertThat(header(ts, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(ts, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(ts.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-amz-"));
    }

    @Test
    void theSecondRequestIsACacheHitWhoeverSignedIt() throws Exception {
        String prefix = HlsFixture.newPrefix();
        media.putPublic(prefix + "/poster.jpg", HlsFixture.segment());

        HttpResponse<byte[]> first = get(urls.sign(prefix, "poster.jpg"));
        // another learner's URL: other expiry, other token, same file
        HttpResponse<byte[]> second = get(urls.sign(prefix, "poster.jpg", Instant.now().plusSeconds(600)));

        assertThat(header(first, "X-Cache-Status")).isEqualTo("MISS");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(header(second, "X-Cache-Status")).isEqualTo("HIT");
        assertThat(header(second, "Content-Type")).isEqualTo("image/jpeg");
        assertThat(second.body()).isEqualTo(HlsFixture.segment());
    }

    @Test
    void rangeRequestsAreAnsweredFromTheWholeCachedFile() throws Exception {
        String prefix = HlsFixture.newPrefix();
        media.putPublic(prefix + "/360p/seg_00003.ts", HlsFixture.segment());
        String url = urls.sign(prefix, "360p/seg_00003.ts");

        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=188-375").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> whole = get(url);

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(HlsFixture.segment(), 188, 376));
        assertThat(header(whole, "X-Cache-Status")).isEqualTo("HIT");
        assertThat(whole.body()).isEqualTo(HlsFixture.segment());
    }

    @Test
    void unsignedTamperedExpiredAndBorrowedSignaturesAreRefused() throws Exception {
        String prefix = HlsFixture.newPrefix();
        String other = HlsFixture.newPrefix();
        media.putPublic(prefix + "/master.m3u8", HlsFixture.playlist("360p/index.m3u8"));
        media.putPublic(other + "/master.m3u8", HlsFixture.playlist("360p/index.m3u8"));
        String good = urls.sign(prefix, "master.m3u8");
        String token = good.split("/")[4];
        String tampered = good.replace("/v/" + token, "/v/" + (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1));

        assertThat(get(good).statusCode()).isEqualTo(200);
        assertThat(get(edge.baseUrl() + "/v/" + prefix + "/master.m3u8").statusCode()).isEqualTo(403);
        assertThat(get(tampered).statusCode()).isEqualTo(403);
        assertThat(get(good.replace(prefix, other)).statusCode()).isEqualTo(403);
        assertThat(get(urls.sign(prefix, "master.m3u8", Instant.now().minusSeconds(5))).statusCode()).isEqualTo(403);
        // the bucket path itself and anything else are not served at all
        assertThat(get(edge.baseUrl() + "/" + BUCKET + "/" + prefix + "/master.m3u8").statusCode())
                .isEqualTo(404);
        assertThat(get(urls.sign(prefix, "../../master.m3u8")).statusCode()).isIn(400, 403);
        assertThat(get(edge.baseUrl() + "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfFirstRequestsForOneFileMakesOneOriginFetch() throws Exception {
        String prefix = HlsFixture.newPrefix();
        media.putPublic(prefix + "/720p/seg_00007.ts", HlsFixture.segment());
        String url = urls.sign(prefix, "720p/seg_00007.ts");

        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return get(url);
                }));
            }
            go.countDown();
        }
        for (Future<HttpResponse<byte[]>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
            assertThat(answer.get().body()).isEqualTo(HlsFixture.segment());
        }
        List<Access> logged = edge.awaitRequests(prefix + "/720p/seg_00007.ts", 20, Duration.ofSeconds(5));
        assertThat(logged).filteredOn(Access::wentToOrigin).hasSize(1);
    }

    @Test
    void privateObjectsAreNotServedEvenWithAValidSignature() throws Exception {
        String prefix = HlsFixture.newPrefix();
        byte[] secret = "raw upload, not published".getBytes();
        media.putPrivate(prefix + "/360p/seg_00001.ts", secret);

        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> answer = get(urls.sign(prefix, "360p/seg_00001.ts"));
            assertThat(answer.statusCode()).isIn(403, 404);
            assertThat(new String(answer.body())).doesNotContain("raw upload").doesNotContain("AccessDenied");
        }
    }

    @Test
    void queryStringsAndClientCredentialsNeverReachTheOrigin() throws Exception {
        String prefix = HlsFixture.newPrefix();
        byte[] playlist = HlsFixture.playlist("seg_00001.ts");
        media.putPublic(prefix + "/1080p/index.m3u8", playlist);

        // Forwarded, "?acl" would ask S3 for the object's ACL instead of the object.
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create(urls.sign(prefix, "1080p/index.m3u8") + "?acl"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=nobody/20260101/us-east-1/s3/aws4_request")
                .header("Cookie", "SESSION=learner")
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(playlist);
    }

    @Test
    void preflightRequestsAreAnsweredForThePlayerPage() throws Exception {
        String prefix = HlsFixture.newPrefix();
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(urls.sign(prefix, "master.m3u8")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:8080")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range")
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(header(answer, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(answer, "Access-Control-Allow-Headers")).containsIgnoringCase("range");
    }

    @Test
    void aPurgedFileIsFetchedAgain() throws Exception {
        String prefix = HlsFixture.newPrefix();
        media.putPublic(prefix + "/master.m3u8", HlsFixture.playlist("360p/index.m3u8"));
        String url = urls.sign(prefix, "master.m3u8");
        assertThat(header(get(url), "X-Cache-Status")).isEqualTo("MISS");
        assertThat(header(get(url), "X-Cache-Status")).isEqualTo("HIT");

        assertThat(get(edge.baseUrl() + "/purge/" + prefix + "/master.m3u8").statusCode()).isEqualTo(200);

        assertThat(header(get(url), "X-Cache-Status")).isEqualTo("MISS");
        assertThat(get(edge.baseUrl() + "/purge/uploads/1/raw").statusCode()).isEqualTo(404);
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
