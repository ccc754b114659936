package org.openlearning.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the runner's API, as a worker would call it. */
final class RunnerClient {

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        JsonNode test(int i) {
            return body.get("tests").get(i);
        }

        String verdict(int i) {
            return test(i).get("verdict").asString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String secret;

    RunnerClient(int port, String secret) {
        this.base = "http://127.0.0.1:" + port;
        this.secret = secret;
    }

    Answer post(Object body) throws IOException, InterruptedException {
        return post(json.writeValueAsString(body), "Bearer " + secret);
    }

    Answer post(String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/runs"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Answer get(String path) throws IOException, InterruptedException {
        return answer(http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer answer(HttpResponse<String> response) {
        JsonNode body = response.body().isBlank() ? null
                : response.headers().firstValue("Content-Type").orElse("").contains("json")
                ? json.readTree(response.body()) : null;
        return new Answer(response.statusCode(), body, response);
    }

    /** A request body of one program and its tests, each {@code {id, stdin, expected_stdout}}. */
    static Map<String, Object> run(String language, String source, Map<String, Object> limits,
                                   List<Map<String, Object>> tests) {
        return Map.of("language", language, "source", source, "limits", limits, "tests", tests);
    }

    static Map<String, Object> test(String id, String stdin, String expected) {
        return expected == null ? Map.of("id", id, "stdin", stdin) : Map.of("id", id, "stdin", stdin,
                "expected_stdout", expected, "compare", "trimmed");
    }
}
