package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressProperties;
import org.openlearning.redis.RedisKeys;
import org.openlearning.testing.RedisProcess;
import org.openlearning.testing.TestStack;

import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Redis outage under load: the packaged web app and a worker share a private Redis; learners'
 * players keep reporting while Redis is shut down for a few seconds and started again (its AOF
 * replayed). No report is refused (200 APPLIED straight to PostgreSQL while Redis is away, 202
 * BUFFERED otherwise), none is lost (every lesson ends at the highest value the API accepted for it),
 * the streams drain, the worker rides it out, and the API buffers in Redis again as soon as it is back.
 */
class ProgressRedisOutageIT {

    private static final int LEARNERS = 4;
    private static final int LESSONS = 2;
    private static final int DURATION = 3600;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final Duration OUTAGE_AT = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    /** Concurrent requests that open connections in the web app's Redis pool before the outage. */
    private static final int BURST = 24;
    /** The shared PostgreSQL serves many test processes at once: each app here keeps a few connections. */
    private static final String SMALL_POOL = "--spring.datasource.hikari.maximum-pool-size=6";
    private static final String PASSWORD = "correct horse battery";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One answer of the API: when it came (ms after the clients started), its status and {@code stored}. */
    private record Answer(long atMillis, int status, String stored) {
    }

    /** What one player (one enrollment, one lesson) sent and got. */
    private record Outcome(long enrollment, long lesson, int highestAccepted, List<Answer> answers,
            List<String> failures) {
    }

    @Test
    void aRedisOutageRefusesNoReportLosesNoneAndEndsWhenRedisReturns() throws Exception {
        TestStack.Env env = TestStack.create("progress_outage");
        try (RedisProcess redis = RedisProcess.create();
                OwnRedisApp web = OwnRedisApp.web(env, redis.url(), "outage-web", SMALL_POOL)) {
            web.awaitStarted(Duration.ofSeconds(120)); // it migrates the database: the worker starts after it
            try (OwnRedisApp worker = OwnRedisApp.worker(env, redis.url(), "outage-worker", SMALL_POOL,
                    "--platform.progress.compaction.reclaim-after=2s",
                    "--platform.progress.compaction.reclaim-every=1s")) {
                long[] course = course(env); // [course id, lesson ids...]
                List<long[]> keys = new ArrayList<>(); // [enrollment, lesson]
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < LEARNERS; i++) {
                    String token = learner(web);
                    long enrollment = call(web, "POST", "/api/enrollments", Map.of("course_id", course[0]),
                            token).path("id").asLong();
                    for (int j = 1; j <= LESSONS; j++) {
                        keys.add(new long[] {enrollment, course[j]});
                        tokens.add(token);
                    }
                }
                worker.awaitStarted(Duration.ofSeconds(120));
                String marker = env.redisPrefix() + "outage:marker";
                try (RedisClient before = RedisClient.create(URI.create(redis.url()))) {
                    before.set(marker, "kept");
                    fillConnectionPool(web, before, keys.get(0)[0], tokens.get(0));
                    System.out.println("redis outage: " + clients(before) + " before the outage");
                }

                long started = System.nanoTime();
                long stoppedAt;
                long restartedAt;
                List<Outcome> outcomes = new ArrayList<>();
                try (ExecutorService players = Executors.newFixedThreadPool(keys.size())) {
                    List<Future<Outcome>> running = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        long[] key = keys.get(i);
                        String token = tokens.get(i);
                        running.add(players.submit(() -> play(web, key[0], key[1], token, started)));
                    }
                    sleepUntil(started, OUTAGE_AT);
                    redis.stop();
                    stoppedAt = millisSince(started);
                    sleepUntil(started, OUTAGE_AT.plus(OUTAGE));
                    redis.start();
                    restartedAt = millisSince(started);
                    for (Future<Outcome> player : running) {
                        outcomes.add(player.get(RUN.toSeconds() + 30, TimeUnit.SECONDS));
                    }
                }
                report(outcomes, stoppedAt, restartedAt);

                for (Outcome o : outcomes) {
                    assertThat(o.failures()).as("refused reports of enrollment %d, lesson %d", o.enrollment(),
                            o.lesson()).isEmpty();
                    assertThat(o.answers()).allSatisfy(a -> assertThat(a.stored())
                            .isEqualTo(a.status() == 202 ? "BUFFERED" : "APPLIED"));
                    assertThat(o.highestAccepted()).isPositive();
                }
                List<Answer> all = outcomes.stream().flatMap(o -> o.answers().stream()).toList();
                assertThat(all).as("buffered before the outage")
                        .anySatisfy(a -> assertThat(a.atMillis() < stoppedAt && a.status() == 202).isTrue());
                assertThat(all).as("applied straight to PostgreSQL during the outage").anySatisfy(a -> assertThat(
                        a.atMillis() > stoppedAt && a.atMillis() < restartedAt && a.status() == 200).isTrue());

                ProgressKeys streams = new ProgressKeys(new RedisKeys(env.redisPrefix()),
                        new ProgressProperties(8, Duration.ofDays(7)));
                try (RedisClient after = RedisClient.create(URI.create(redis.url()))) {
                    assertThat(after.get(marker)).as("the AOF was replayed on restart").isEqualTo("kept");
                    awaitApplied(env, outcomes, after, streams, worker);
                }
                assertThat(worker.isAlive()).as("the worker kept running; log:%n%s", worker.tail()).isTrue();
                assertThat(web.isAlive()).isTrue();
                // the API stays away from a failing Redis for a second at a time, no longer
                assertThat(all).as("buffered again within 2 s of Redis's return (at %d ms); the web app's "
                        + "attempts:%n%s", restartedAt, redisWarnings(web)).anySatisfy(a -> assertThat(a.atMillis() > restartedAt
                                && a.atMillis() < restartedAt + 2000 && a.status() == 202).isTrue());
            }
        }
    }

    /**
     * Makes the web app open many Redis connections, as a busy moment does: Redis is paused for a
     * second while concurrent requests each wait on a connection of their own. They stay in its pool.
     */
    private void fillConnectionPool(OwnRedisApp web, RedisClient redis, long enrollment, String token)
            throws Exception {
        redis.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1000");
        List<Future<JsonNode>> reads = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(BURST)) {
            for (int i = 0; i < BURST; i++) {
                reads.add(burst.submit(() -> call(web, "GET", "/api/progress/" + enrollment, null, token)));
            }
            for (Future<JsonNode> read : reads) {
                read.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String redisWarnings(OwnRedisApp web) throws IOException {
        return String.join("\n", web.logText().lines().filter(l -> l.contains("Redis unreachable")).toList());
    }

    private static String clients(RedisClient redis) {
        return redis.info("clients").lines().filter(l -> l.startsWith("connected_clients:")).findFirst()
                .orElse("connected_clients: ?");
    }

    /** One player: reports one more second every 20 ms until the run is over. */
    private Outcome play(OwnRedisApp web, long enrollment, long lesson, String token, long started) {
        List<Answer> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int highest = 0;
        String path = "/api/progress/" + enrollment + "/lessons/" + lesson;
        for (int watched = 1; millisSince(started) < RUN.toMillis(); watched++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(web.url(path)))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"watched_seconds\": " + watched + "}"))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long at = millisSince(started);
                if (response.statusCode() / 100 == 2) {
                    JsonNode receipt = JSON.readTree(response.body());
                    answers.add(new Answer(at, response.statusCode(), receipt.path("stored").asString()));
                    highest = watched;
                } else {
                    failures.add(at + " ms: " + response.statusCode() + " " + response.body());
                }
                Thread.sleep(20);
            } catch (IOException e) {
                failures.add(millisSince(started) + " ms: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted");
                break;
            }
        }
        return new Outcome(enrollment, lesson, highest, answers, failures);
    }

    /**
     * Waits up to 30 s until every lesson's stored progress is the highest value accepted for it and
     * nothing is left in (or pending on) the streams.
     */
    private static void awaitApplied(TestStack.Env env, List<Outcome> outcomes, RedisClient redis, ProgressKeys keys,
            OwnRedisApp worker) throws SQLException, InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<List<Long>, Integer> stored = stored(env);
            List<String> behind = new ArrayList<>();
            for (Outcome o : outcomes) {
                Integer watched = stored.get(List.of(o.enrollment(), o.lesson()));
                if (watched == null || watched != o.highestAccepted()) {
                    behind.add("enrollment " + o.enrollment() + ", lesson " + o.lesson() + ": stored " + watched
                            + ", accepted up to " + o.highestAccepted());
                }
            }
            long backlog = 0;
            long pending = 0;
            for (String stream : keys.streams()) {
                backlog += redis.xlen(stream);
                pending += redis.xpending(stream, ProgressKeys.GROUP).getTotal();
            }
            if (behind.isEmpty() && backlog == 0 && pending == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after 30 s: " + behind + "; " + backlog + " event(s) in the streams, "
                        + pending + " pending; worker log:\n" + worker.tail());
            }
            Thread.sleep(250);
        }
    }

    private static Map<List<Long>, Integer> stored(TestStack.Env env) throws SQLException {
        Map<List<Long>, Integer> stored = new HashMap<>();
        try (Connection c = env.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT enrollment_id, lesson_id, watched_seconds FROM progress");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                stored.put(List.of(rs.getLong(1), rs.getLong(2)), rs.getInt(3));
            }
        }
        return stored;
    }

    private static void report(List<Outcome> outcomes, long stoppedAt, long restartedAt) {
        List<Answer> all = outcomes.stream().flatMap(o -> o.answers().stream()).toList();
        long buffered = all.stream().filter(a -> a.status() == 202).count();
        long backInRedis = all.stream().filter(a -> a.atMillis() > restartedAt && a.status() == 202)
                .mapToLong(Answer::atMillis).min().orElse(-1);
        System.out.printf("redis outage: stopped at %d ms, back at %d ms, first report buffered again at %d ms; "
                + "%d reports buffered, %d applied directly%n", stoppedAt, restartedAt, backInRedis, buffered,
                all.size() - buffered);
    }

    /** A published course with {@link #LESSONS} video lessons: [course id, lesson ids...]. */
    private static long[] course(TestStack.Env env) throws SQLException {
        long[] ids = new long[LESSONS + 1];
        try (Connection c = env.connect()) {
            ids[0] = one(c, "INSERT INTO courses (slug, title, status, published_at) VALUES ('outage', 'Outage', "
                    + "'PUBLISHED', now()) RETURNING id");
            long module = one(c, "INSERT INTO course_modules (course_id, position, title) VALUES (" + ids[0]
                    + ", 1, 'Week 1') RETURNING id");
            for (int i = 1; i <= LESSONS; i++) {
                ids[i] = one(c, "INSERT INTO lessons (module_id, course_id, position, title, kind, duration_seconds) "
                        + "VALUES (" + module + ", " + ids[0] + ", " + i + ", 'Lecture " + i + "', 'VIDEO', "
                        + DURATION + ") RETURNING id");
            }
        }
        return ids;
    }

    /** A new learner's personal access token. */
    private String learner(OwnRedisApp web) throws IOException, InterruptedException {
        String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        call(web, "POST", "/api/auth/signup", Map.of("email", email, "display_name", "Learner " + email, "password",
                PASSWORD), null);
        return call(web, "POST", "/api/auth/tokens", Map.of("email", email, "password", PASSWORD, "name", "outage"),
                null).path("token").asString();
    }

    private JsonNode call(OwnRedisApp web, String method, String path, Object body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void sleepUntil(long startedNanos, Duration offset) throws InterruptedException {
        long left = offset.toMillis() - millisSince(startedNanos);
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
