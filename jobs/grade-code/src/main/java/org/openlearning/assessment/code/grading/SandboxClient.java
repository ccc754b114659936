package org.openlearning.assessment.code.grading;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.openlearning.assessment.code.grading.RunnerProtocol.RunRequest;
import org.openlearning.assessment.code.grading.RunnerProtocol.RunResult;
import org.openlearning.assessment.code.grading.SandboxException.Kind;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Calls the sandbox runner's {@code POST /v1/runs} with the shared secret, with connect and request timeouts. */
@Component
class SandboxClient {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final SandboxSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    SandboxClient(SandboxSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /**
     * Runs one request and returns the runner's answer.
     *
     * @param timeout the whole exchange, the runner's queueing and the tests' run time included
     */
    RunResult run(RunRequest request, Duration timeout) throws SandboxException, InterruptedException {
        String secret;
        try {
            secret = settings.resolveSecret();
        } catch (IllegalStateException e) {
            throw new SandboxException(Kind.UNAVAILABLE, e.getMessage(), null, e);
        }
        HttpRequest http = HttpRequest.newBuilder(endpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SandboxException(Kind.UNAVAILABLE, "the sandbox runner at " + settings.url()
                    + " did not answer: " + e, null, e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                RunResult result = json.readValue(response.body(), RunResult.class);
                if (result.tests() == null) {
                    throw new SandboxException(Kind.UNAVAILABLE, "the sandbox runner answered without tests", null,
                            null);
                }
                return result;
            } catch (JacksonException e) {
                throw new SandboxException(Kind.UNAVAILABLE, "the sandbox runner's answer is not readable: " + e
                        .getOriginalMessage(), null, e);
            }
        }
        String detail = errorMessage(response.body());
        throw switch (status) {
            case 429, 503 -> new SandboxException(Kind.BUSY, "the sandbox runner is busy (" + status + "): " + detail,
                    retryAfter(response), null);
            case 400, 413, 422 -> new SandboxException(Kind.REJECTED, detail, null, null);
            default -> new SandboxException(Kind.UNAVAILABLE, "the sandbox runner answered " + status + ": " + detail,
                    null, null);
        };
    }

    private URI endpoint() {
        String base = settings.url().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/runs");
    }

    private String errorMessage(String body) {
        try {
            RunnerProtocol.Error error = json.readValue(body, RunnerProtocol.Error.class);
            if (error.message() != null) {
                return error.field() == null ? error.message() : error.message() + " (" + error.field() + ")";
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // not the runner's JSON error: show what came
        }
        return body == null ? "" : body.substring(0, Math.min(300, body.length()));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long seconds = Long.parseLong(v.strip());
                return seconds <= 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.min(seconds, 60));
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY_AFTER;
            }
        }).orElse(DEFAULT_RETRY_AFTER);
    }
}
