package org.openlearning.video;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The caching edge in front of the object store.
 *
 * @param baseUrl where browsers reach the edge
 * @param secret  shared with the edge's {@code secure_link_md5}; signs every playback URL
 * @param urlTtl  how long a signed URL plays
 */
@ConfigurationProperties("platform.edge")
public record EdgeProperties(String baseUrl, String secret, Duration urlTtl) {

    public EdgeProperties {
        if (urlTtl == null) {
            urlTtl = Duration.ofHours(4);
        }
    }
}
