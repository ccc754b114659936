package org.openlearning.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class EdgeUrlsTest {

    private static final String SECRET = "unit-test-secret-0123456789";
    private static final Instant NOW = Instant.ofEpochSecond(1_794_985_600L);

    private final EdgeUrls urls = new EdgeUrls(new EdgeProperties("http://edge.test:8088/", SECRET,
            Duration.ofHours(4)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokenIsTheUnpaddedBase64UrlMd5OfExpiresPrefixAndSecret() {
        String url = urls.sign("videos/42/7-r3", "720p/seg_00001.ts", Instant.ofEpochSecond(1_795_000_000L));

        // printf '%s' "1795000000/videos/42/7-r3 unit-test-secret-0123456789" | openssl md5 -binary \
        //   | base64 | tr '+/' '-_' | tr -d '='
        assertThat(url).isEqualTo(
                "http://edge.test:8088/v/H8rw6tP7xGbJ40yxb4xzpQ/1795000000/videos/42/7-r3/720p/seg_00001.ts");
        // ... and md5sum of the same string
        assertThat(Base64.getUrlDecoder().decode("H8rw6tP7xGbJ40yxb4xzpQ"))
                .isEqualTo(HexFormat.of().parseHex("1fcaf0ead3fbc466c9e34cb16f8c73a5"));
    }

    @Test
    void urlsExpireAfterTheConfiguredTimeAndShareOneTokenPerVersion() {
        String master = urls.sign("videos/42/7-r3", "master.m3u8");
        String segment = urls.sign("videos/42/7-r3", "1080p/seg_00002.ts");

        long expires = NOW.plus(Duration.ofHours(4)).getEpochSecond();
        assertThat(master).matches("http://edge\\.test:8088/v/[A-Za-z0-9_-]{22}/" + expires
                + "/videos/42/7-r3/master\\.m3u8");
        assertThat(token(segment)).isEqualTo(token(master));
        assertThat(token(urls.sign("videos/42/7-r4", "master.m3u8"))).isNotEqualTo(token(master));
        assertThat(token(urls.sign("videos/42/7-r3", "master.m3u8", NOW.plusSeconds(60)))).isNotEqualTo(token(master));
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new EdgeUrls(new EdgeProperties("http://edge.test", "too-short", null),
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String token(String url) {
        return url.split("/")[4];
    }
}
