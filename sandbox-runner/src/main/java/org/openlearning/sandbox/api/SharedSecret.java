package org.openlearning.sandbox.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import org.openlearning.sandbox.SandboxProperties;
import org.springframework.stereotype.Component;

/** The secret every /v1 caller must present; the runner refuses to start without one. */
@Component
class SharedSecret {

    private static final int MIN_LENGTH = 16;

    private final byte[] secret;

    SharedSecret(SandboxProperties properties) throws IOException {
        String value = properties.secret();
        if (properties.secretFile() != null) {
            if (!Files.isReadable(properties.secretFile())) {
                throw new IllegalStateException("sandbox.secret-file " + properties.secretFile() + " cannot be read");
            }
            value = Files.readString(properties.secretFile()).trim();
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("no shared secret: set sandbox.secret-file (or sandbox.secret)");
        }
        if (value.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("the shared secret must have at least " + MIN_LENGTH + " characters");
        }
        this.secret = value.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of an {@code Authorization} header. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] presented = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(secret, presented);
    }
}
