package org.openlearning.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Isolates a test class on the real local stack: a fresh PostgreSQL database, its own S3 bucket and
 * its own Redis key prefix. The services themselves are those {@code ./platform services} starts.
 */
public final class TestStack {

    public static final String PG_HOST = env("PLATFORM_PG_HOST", "127.0.0.1");
    public static final String PG_PORT = env("PLATFORM_PG_PORT", "5432");
    public static final String PG_USER = env("PLATFORM_PG_USER", "platform");
    public static final String PG_PASSWORD = env("PLATFORM_PG_PASSWORD", "platform");
    public static final String REDIS_URL = env("PLATFORM_REDIS_URL", "redis://127.0.0.1:6380");
    public static final String S3_ENDPOINT = env("PLATFORM_S3_ENDPOINT", "http://127.0.0.1:9000");
    public static final String OPENSEARCH_URL = env("PLATFORM_OPENSEARCH_URL", "http://127.0.0.1:9200");

    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    /** One idle connection per database this JVM made: marks it in use, so no other test run drops it. */
    private static final List<Connection> HOLDS = new ArrayList<>();

    private TestStack() {
    }

    /** One isolated environment: database, bucket, key prefix and search alias (with its indices). */
    public record Env(String database, String jdbcUrl, String bucket, String redisPrefix, String searchAlias) {

        public void register(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", this::jdbcUrl);
            registry.add("spring.datasource.username", () -> PG_USER);
            registry.add("spring.datasource.password", () -> PG_PASSWORD);
            registry.add("platform.s3.bucket", this::bucket);
            registry.add("platform.s3.endpoint", () -> S3_ENDPOINT);
            registry.add("platform.redis.url", () -> REDIS_URL);
            registry.add("platform.redis.key-prefix", this::redisPrefix);
            registry.add("platform.search.url", () -> OPENSEARCH_URL);
            registry.add("platform.search.alias", this::searchAlias);
        }

        /** The same settings as command-line arguments, for a process the test starts. */
        public List<String> asArguments() {
            return List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + PG_USER,
                    "--spring.datasource.password=" + PG_PASSWORD, "--platform.s3.bucket=" + bucket,
                    "--platform.s3.endpoint=" + S3_ENDPOINT, "--platform.redis.url=" + REDIS_URL,
                    "--platform.redis.key-prefix=" + redisPrefix, "--platform.search.url=" + OPENSEARCH_URL,
                    "--platform.search.alias=" + searchAlias);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, PG_USER, PG_PASSWORD);
        }
    }

    /** Creates a new, empty database (the application's Flyway migrates it on start). */
    public static Env create(String name) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (clean.length() > 30) {
            clean = clean.substring(0, 30);
        }
        String database = "platform_test_" + clean + "_" + suffix;
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (!CLEANED.get()) {
                dropLeftoverIndices();
            }
            dropLeftovers(c);
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database
                    + " (is PostgreSQL up? run ./platform services): " + e.getMessage(), e);
        }
        String url = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database + "?reWriteBatchedInserts=true&options=-c%20jit=off";
        try {
            synchronized (HOLDS) {
                HOLDS.add(DriverManager.getConnection(url, PG_USER, PG_PASSWORD));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to test database " + database + ": " + e.getMessage(), e);
        }
        String bucket = ("test-" + clean.replace('_', '-') + "-" + suffix).replaceAll("-+", "-");
        return new Env(database, url, bucket, "test:" + suffix + ":", "test_" + suffix + "_courses");
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", PG_USER,
                PG_PASSWORD);
    }

    /** Drops test databases of earlier runs, once per JVM; databases still in use are left alone. */
    private static void dropLeftovers(Connection c) throws SQLException {
        if (!CLEANED.compareAndSet(false, true)) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT datname FROM pg_database d WHERE datname LIKE 'platform\\_test\\_%'
                        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
                        """)) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String db : old) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            } catch (SQLException ignored) {
                // someone connected meanwhile: leave it for the next run
            }
        }
    }

    /**
     * Deletes the search indices test environments of earlier runs left in OpenSearch (their names
     * start with {@code test_}) once they are a few hours old, so they never pile up; a run going on
     * now is younger. Quietly does nothing when OpenSearch is not there (tests that need it say so).
     */
    private static void dropLeftoverIndices() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                            URI.create(OPENSEARCH_URL + "/_cat/indices/test_*?h=index,creation.date&expand_wildcards=all"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() != 200) {
                return;
            }
            long cutoff = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
            List<String> old = new ArrayList<>();
            for (String line : list.body().split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length == 2 && cols[0].startsWith("test_") && Long.parseLong(cols[1]) < cutoff) {
                    old.add(cols[0]);
                }
            }
            for (int i = 0; i < old.size(); i += 50) {
                String names = String.join(",", old.subList(i, Math.min(old.size(), i + 50)));
                http.send(HttpRequest.newBuilder(URI.create(OPENSEARCH_URL + "/" + names))
                        .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException | RuntimeException e) {
            // OpenSearch is not up: nothing to clean
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
