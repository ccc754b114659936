package org.openlearning.certificate;

import java.security.SecureRandom;
import java.util.Base64;

/** Certificate ids: 128 random bits, URL-safe base64 without padding (22 characters), unguessable. */
public final class CertificateIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CertificateIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether the text has the shape of a certificate id (says nothing of whether it exists). */
    public static boolean looksValid(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{22}");
    }
}
