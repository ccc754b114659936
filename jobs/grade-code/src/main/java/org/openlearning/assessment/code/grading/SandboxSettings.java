package org.openlearning.assessment.code.grading;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sandbox runner is and how the grade-code job talks to it ({@code platform.sandbox.*}).
 *
 * @param url            the runner's base URL
 * @param secret         the shared secret, if not in {@code secretFile}
 * @param secretFile     a file whose trimmed content is the shared secret (wins over {@code secret})
 * @param connectTimeout to open a connection to the runner
 * @param requestTimeout for one run, on top of the tests' own time limits
 * @param busyWait       how long one job run keeps asking a busy or unreachable runner before it hands the
 *                       submission back to JobRunr, which runs it again later with back-off
 * @param maxRuns        job runs (retries and restarts after a crash included) before a submission is FAILED
 */
@ConfigurationProperties("platform.sandbox")
public record SandboxSettings(URI url, String secret, Path secretFile, Duration connectTimeout,
        Duration requestTimeout, Duration busyWait, int maxRuns) {

    public SandboxSettings {
        url = url == null ? URI.create("http://127.0.0.1:8090") : url;
        secret = secret == null || secret.isBlank() ? null : secret.strip();
        secretFile = secretFile == null || secretFile.toString().isBlank() ? null : secretFile;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        busyWait = busyWait == null ? Duration.ofSeconds(20) : busyWait;
        maxRuns = maxRuns <= 0 ? 8 : maxRuns;
    }

    /** The shared secret, read now (the file may be rotated); IllegalStateException when there is none. */
    String resolveSecret() {
        if (secretFile != null) {
            try {
                String text = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the sandbox secret file " + secretFile + ": " + e, e);
            }
            throw new IllegalStateException("the sandbox secret file " + secretFile + " is empty");
        }
        if (secret == null) {
            throw new IllegalStateException("no sandbox secret: set platform.sandbox.secret-file or platform.sandbox.secret");
        }
        return secret;
    }
}
