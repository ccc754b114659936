package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.openlearning.testing.EdgeProcess;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the web app's tests: the real app on a random port, against the real PostgreSQL (a fresh
 * database per test class), Redis (a key prefix per class) and S3 store (a bucket per class).
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class WebTest {

    protected static final String PASSWORD = "correct horse battery";


    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        // one database, bucket and key prefix for each application context the tests start
        TestStack.Env env = TestStack.create("web");
        env.register(registry);
        // the smallest part S3 takes, so that a few MB make an upload of several parts
        registry.add("platform.video.part-size", () -> "5MB");
        registry.add("test.database", env::database);
        // a private edge (nginx from deploy/edge) in front of the shared S3 store, for the player
        EdgeProcess edge = startEdge(env.bucket());
        registry.add("platform.edge.base-url", edge::baseUrl);
        registry.add("platform.edge.secret", () -> EDGE_SECRET);
    }

    protected static final String EDGE_SECRET = "WebTestEdgeSecret0123456789";

    private static EdgeProcess startEdge(String bucket) {
        try {
            EdgeProcess edge = EdgeProcess.start(EdgeProcess.Settings.of(
                    URI.create(TestStack.S3_ENDPOINT).getAuthority(), bucket, EDGE_SECRET));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    edge.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected javax.sql.DataSource dataSource;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected Response send(String method, String path, Object body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", path.startsWith("/api") ? "application/json" : "text/html");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : json.writeValueAsString(body);
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return exchange(b.build());
    }

    /**
     * Sends a JSON body of unknown length (chunked) with a token: the hot API paths that clients with
     * a token reach ahead of the general filter chain leave such a request to the chain and the
     * controllers, so this is how a test reaches those on the same paths.
     */
    protected Response sendChunked(String method, String path, String jsonBody, String token) {
        byte[] bytes = jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return exchange(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build());
    }

    /** Sends a request and reads the answer, parsing JSON bodies. */
    protected Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            if (r.body() != null && !r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                node = json.readTree(r.body());
            }
            return new Response(r.statusCode(), r.body(), node, r.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    protected Response post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    /** The API's error shape: {error, message, field}, field only where one field is at fault; no stack trace. */
    protected static void assertApiError(Response r, int status, String error, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json()).as(r.body()).isNotNull();
        assertThat(Set.copyOf(r.json().propertyNames())).as(r.body()).isSubsetOf("error", "message", "field");
        assertThat(r.json().path("error").asString()).as(r.body()).isEqualTo(error);
        assertThat(r.json().path("message").asString()).as(r.body()).isNotBlank();
        if (field == null) {
            assertThat(r.json().has("field")).as(r.body()).isFalse();
        } else {
            assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field);
        }
        assertThat(r.body()).doesNotContain("Exception", "at org.");
    }

    /** Raw bytes, as the browser sends a part of a video. */
    protected Response putBytes(String path, byte[] body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return exchange(b.build());
    }

    /** A new account with the given extra roles, and a personal access token of it. */
    protected Account account(String... roles) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Response signup = post("/api/auth/signup", Map.of("email", email, "display_name", "Test " + email,
                "password", PASSWORD), null);
        if (signup.status() != 201) {
            throw new IllegalStateException("sign-up failed: " + signup.body());
        }
        long id = signup.json().get("id").asLong();
        for (String role : roles) {
            sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING", id, role);
        }
        Response token = post("/api/auth/tokens", Map.of("email", email, "password", PASSWORD, "name", "test"), null);
        if (token.status() != 201) {
            throw new IllegalStateException("token failed: " + token.body());
        }
        return new Account(id, email, token.json().get("token").asString());
    }

    public record Account(long id, String email, String token) {
    }

    /** A published course with one module and one lesson, taught by {@code instructor}. */
    protected long publishedCourse(Account instructor, String title) {
        Response created = post("/api/courses", Map.of("title", title, "summary", "A course about " + title,
                "category", "Data Science", "level", "BEGINNER", "language", "en", "skills", java.util.List.of("SQL")),
                instructor.token());
        if (created.status() != 201) {
            throw new IllegalStateException("course failed: " + created.body());
        }
        long courseId = created.json().get("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Welcome", "kind", "VIDEO",
                "duration_seconds", 300), instructor.token());
        Response published = post("/api/courses/" + courseId + "/status", Map.of("status", "PUBLISHED"),
                instructor.token());
        if (published.status() != 200) {
            throw new IllegalStateException("publish failed: " + published.body());
        }
        return courseId;
    }

    /** A draft course of {@code instructor} with one module holding a VIDEO and a READING lesson; the VIDEO lesson's id. */
    protected long videoLesson(Account instructor, String title) {
        Response created = post("/api/courses", Map.of("title", title), instructor.token());
        if (created.status() != 201) {
            throw new IllegalStateException("course failed: " + created.body());
        }
        long courseId = created.json().get("id").asLong();
        long moduleId = post("/api/courses/" + courseId + "/modules", Map.of("title", "Week 1"), instructor.token())
                .json().get("id").asLong();
        long lesson = post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Lecture: " + title, "kind",
                "VIDEO", "duration_seconds", 600), instructor.token()).json().get("id").asLong();
        post("/api/modules/" + moduleId + "/lessons", Map.of("title", "Notes: " + title, "kind", "READING"),
                instructor.token());
        return lesson;
    }

    protected void sql(String statement, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected long count(String query, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    protected String text(String query, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser-like client: signs in through the form and keeps the session cookie. */
    protected BrowserSession signIn(int appPort, String email, String password) {
        BrowserSession session = new BrowserSession(appPort);
        String csrf = session.csrfTokenOf("/login");
        Response login = session.form("/login", Map.of("email", email, "password", password, "_csrf", csrf));
        if (login.status() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + login.status() + " " + login.headers().map());
        }
        return session;
    }

    protected final class BrowserSession {
        private final int appPort;
        private String cookie = "";

        BrowserSession(int appPort) {
            this.appPort = appPort;
        }

        public String cookie() {
            return cookie;
        }

        public void useCookie(String sessionCookie) {
            this.cookie = sessionCookie;
        }

        public Response send(String method, String path, String jsonBody, String csrf) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                    .timeout(Duration.ofSeconds(30));
            if (!cookie.isEmpty()) {
                b.header("Cookie", cookie);
            }
            if (csrf != null) {
                b.header("X-CSRF-TOKEN", csrf);
            }
            if (jsonBody != null) {
                b.header("Content-Type", "application/json").header("Accept", "application/json");
            }
            b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
            return exchange(b.build());
        }

        Response form(String path, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .collect(java.util.stream.Collectors.joining("&"));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (!cookie.isEmpty()) {
                b.header("Cookie", cookie);
            }
            return exchange(b.build());
        }

        /** The CSRF token a page carries (hidden form field or meta tag). */
        public String csrfTokenOf(String path) {
            String html = send("GET", path, null, null).body();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("name=\"_csrf\"[^>]*(?:value|content)=\"([^\"]+)\"").matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on " + path);
            }
            return m.group(1);
        }

        private Response exchange(HttpRequest request) {
            Response r = WebTest.this.exchange(request);
            r.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("SESSION="))
                    .findFirst()
                    .ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
            return r;
        }
    }
}
