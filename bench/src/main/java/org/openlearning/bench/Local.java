package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local stack the benchmarks talk to (127.0.0.1 only), and the clients they share. */
final class Local {

    static final String WEB = System.getProperty("bench.web.url", "http://127.0.0.1:8080");
    static final String EDGE = env("PLATFORM_EDGE_URL", "http://127.0.0.1:8088");
    static final String S3 = "http://127.0.0.1:9000";
    static final String S3_BUCKET = "platform";
    static final String S3_IDENTITY = "platform";
    static final String S3_CREDENTIAL = "platform-secret";
    static final String JDBC_URL = System.getProperty("bench.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/platform");
    static final String ADMIN_EMAIL = "admin@demo.example";
    static final String ADMIN_PASSWORD = "demo-password";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One client for every request of a run; HTTP/1.1 keeps one connection per concurrent request. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final Duration HEALTH_WAIT = Duration.ofMinutes(3);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Local() {
    }

    static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "platform");
        props.setProperty("password", "platform");
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "bench");
        return DriverManager.getConnection(JDBC_URL, props);
    }

    /** Work on one connection that must commit whole or not at all. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code db}: commit, or roll back and rethrow. */
    static <T> T inTransaction(Connection db, SqlWork<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * VACUUM (ANALYZE) of the tables a benchmark filled and emptied: where the machine's PostgreSQL
     * runs without autovacuum, each run would otherwise leave its rows dead in the tables and their
     * indexes, and the next run would measure the bloat (the quiz attempts grew to 800 MB over a few
     * runs and the quiz bench graded 20 % less).
     */
    static void vacuum(Connection db, String... tables) throws SQLException {
        try (var st = db.createStatement()) {
            st.execute("VACUUM (ANALYZE) " + String.join(", ", tables));
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(WEB + path)).timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a response that must have one of the given statuses. */
    static JsonNode body(HttpResponse<String> response, int... expected) {
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            }
        }
        String body = response.body();
        throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                + " answered " + response.statusCode() + ": " + (body.length() > 500 ? body.substring(0, 500) : body));
    }

    /** Waits until the web app reports UP (the stack may still be starting). */
    static void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
        String last = "";
        while (true) {
            try {
                HttpResponse<String> r = send(request("/actuator/health").timeout(Duration.ofSeconds(5)).build());
                if (r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asString(""))) {
                    return;
                }
                last = "status " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the web app at " + WEB + " is not healthy: " + last);
            }
            log("waiting for " + WEB + " (" + last + ")");
            Thread.sleep(3000);
        }
    }

    /** The secret the running edge checks signatures with (./platform exports it, and keeps it in a file). */
    static String edgeSecret() throws IOException {
        String secret = env("PLATFORM_EDGE_SECRET", "");
        if (!secret.isEmpty()) {
            return secret;
        }
        Path file = Path.of(".platform", "conf", "edge.secret");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("no edge secret: set PLATFORM_EDGE_SECRET or run from the checkout "
                    + "after ./platform services (" + file.toAbsolutePath() + " is missing)");
        }
        return Files.readString(file).strip();
    }

    /** The environment variable, or {@code fallback} when it is unset or blank. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void log(String message) {
        System.err.println("[bench " + CLOCK.format(LocalTime.now()) + "] " + message);
    }
}
