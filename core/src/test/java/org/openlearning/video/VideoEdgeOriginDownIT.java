package org.openlearning.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.video.VideoEdgeIT.get;
import static org.openlearning.video.VideoEdgeIT.header;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openlearning.testing.EdgeProcess;
import org.openlearning.testing.S3ProxyProcess;

/**
 * The object store (a private S3Proxy) dies, kill -9, after learners have watched a version: what the
 * edge holds keeps playing, even a playlist past its freshness, and what it does not hold fails fast.
 */
class VideoEdgeOriginDownIT {

    static final String SECRET = "edgeDownSecret0123456789abcdef";
    static final String BUCKET = "edge-down";

    static S3ProxyProcess origin;
    static EdgeProcess edge;
    static EdgeUrls urls;
    static String prefix;
    static byte[] playlist;

    @BeforeAll
    static void watchThenKillTheOrigin() throws Exception {
        origin = S3ProxyProcess.start();
        // Playlists fresh for 1 s only, so the test sees one served stale.
        edge = EdgeProcess.start(EdgeProcess.Settings.of(origin.hostPort(), BUCKET, SECRET)
                .withPlaylistTtl("1s"));
        urls = new EdgeUrls(new EdgeProperties(edge.baseUrl(), SECRET, Duration.ofHours(4)), Clock.systemUTC());
        HlsFixture media = new HlsFixture(origin.endpoint(), BUCKET);
        prefix = HlsFixture.newPrefix();
        playlist = HlsFixture.playlist("seg_00001.ts", "seg_00002.ts");
        media.putPublic(prefix + "/360p/index.m3u8", playlist);
        media.putPublic(prefix + "/360p/seg_00001.ts", HlsFixture.segment());
        media.putPublic(prefix + "/360p/seg_00002.ts", HlsFixture.segment());

        long cached = System.nanoTime();
        assertThat(get(urls.sign(prefix, "360p/index.m3u8")).statusCode()).isEqualTo(200);
        assertThat(get(urls.sign(prefix, "360p/seg_00001.ts")).statusCode()).isEqualTo(200);

        origin.kill();
        // nginx counts validity in whole seconds: a 1 s entry is expired at most 2 s after it was stored.
        Thread.sleep(Math.max(0, Duration.ofMillis(2500).minusNanos(System.nanoTime() - cached).toMillis()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void anExpiredPlaylistIsServedStale() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> answer = get(urls.sign(prefix, "360p/index.m3u8"));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(playlist);
            assertThat(header(answer, "X-Cache-Status")).isIn("STALE", "UPDATING");
        }
    }

    @Test
    void aCachedSegmentIsServed() throws Exception {
        HttpResponse<byte[]> answer = get(urls.sign(prefix, "360p/seg_00001.ts"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(HlsFixture.segment());
        assertThat(header(answer, "X-Cache-Status")).isEqualTo("HIT");
    }

    @Test
    void aSegmentNeverCachedFailsFast() throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = get(urls.sign(prefix, "360p/seg_00002.ts"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.statusCode()).isBetween(500, 504);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
}
