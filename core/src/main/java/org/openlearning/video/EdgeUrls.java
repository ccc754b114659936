package org.openlearning.video;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs playback URLs the way the edge checks them (nginx {@code secure_link}): the token is the
 * unpadded base64url MD5 of {@code "<expires>/<prefix> <secret>"}, where the prefix is a published
 * video version. Signing the prefix, not one file, lets the playlists keep relative segment URLs.
 * <pre>{base}/v/{token}/{expires}/{prefix}/{file}</pre>
 */
@Component
public class EdgeUrls {

    private final EdgeProperties properties;
    private final Clock clock;

    @Autowired
    EdgeUrls(EdgeProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public EdgeUrls(EdgeProperties properties, Clock clock) {
        if (properties.secret() == null || properties.secret().length() < 16) {
            throw new IllegalArgumentException("platform.edge.secret must have at least 16 characters");
        }
        this.properties = properties;
        this.clock = clock;
    }

    /** A URL of {@code file} under the published {@code prefix}, valid for the configured time. */
    public String sign(String prefix, String file) {
        return sign(prefix, file, clock.instant().plus(properties.urlTtl()));
    }

    public String sign(String prefix, String file, Instant expires) {
        long epoch = expires.getEpochSecond();
        return stripSlash(properties.baseUrl()) + "/v/" + token(prefix, epoch) + "/" + epoch + "/" + prefix + "/" + file;
    }

    String token(String prefix, long expires) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((expires + "/" + prefix + " " + properties.secret()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
