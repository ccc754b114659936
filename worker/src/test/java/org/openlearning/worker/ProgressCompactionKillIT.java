package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressProperties;
import org.openlearning.redis.RedisKeys;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;

/**
 * A worker killed with -9 in the middle of a compaction batch, at the two points that matter: after
 * the COPY and before the commit (nothing applied, everything pending), and after the commit before
 * the acknowledgement (everything applied, everything still pending). Another worker takes the batch
 * over: no event is lost, and nothing that is counted (milestones, notifications, certificate
 * requests) is counted twice.
 */
class ProgressCompactionKillIT {

    private static final int LEARNERS = 50;
    private static final int LESSONS = 4;

    @ParameterizedTest
    @ValueSource(strings = {"after-copy", "after-commit"})
    void aWorkerKilledMidBatchLosesNoEventAndCountsNothingTwice(String point) throws Exception {
        TestStack.Env env = TestStack.create("progress_kill");
        Flyway.configure().dataSource(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD)
                .locations("classpath:db/migration").load().migrate();
        List<long[]> learners = fixture(env); // [enrollment id, lessons it completes]
        ProgressKeys keys = new ProgressKeys(new RedisKeys(env.redisPrefix()),
                new ProgressProperties(8, Duration.ofDays(1)));
        long now = System.currentTimeMillis();
        Map<List<Long>, Integer> highest = new HashMap<>();
        long expectedMilestones = 0;
        long expectedCertificates = 0;
        try (RedisClient redis = RedisClient.create(java.net.URI.create(TestStack.REDIS_URL));
                AbstractPipeline pipeline = redis.pipelined()) {
            for (long[] learner : learners) {
                long enrollment = learner[0];
                int completes = (int) learner[1];
                for (int i = 0; i < LESSONS; i++) {
                    long lesson = lessonId(env, i);
                    for (int w : new int[] {30, 10, 200}) { // out of order on purpose
                        pipeline.xadd(keys.stream(keys.shard(enrollment)), XAddParams.xAddParams(),
                                Map.of("e", new ProgressEvent(enrollment, lesson, w, false, now).encode()));
                    }
                    highest.put(List.of(enrollment, lesson), 200);
                    if (i < completes) {
                        pipeline.xadd(keys.stream(keys.shard(enrollment)), XAddParams.xAddParams(),
                                Map.of("e", new ProgressEvent(enrollment, lesson, 600, true, now + 1).encode()));
                        highest.put(List.of(enrollment, lesson), 600);
                    }
                }
                expectedMilestones += completes; // one lesson of four = 25 %, each a milestone
                expectedCertificates += completes == LESSONS ? 1 : 0;
            }
            pipeline.sync();
        }

        AppProcess held = WorkerProcess.start(env, "held", "--platform.progress.compaction.hold-at=" + point);
        try {
            held.awaitLog("compaction holding " + point, Duration.ofSeconds(90));
            long applied = count(env, "SELECT count(*) FROM progress");
            assertThat(applied).isEqualTo(point.equals("after-copy") ? 0 : highest.size());
            held.kill();
        } finally {
            held.close();
        }
        try (RedisClient redis = RedisClient.create(java.net.URI.create(TestStack.REDIS_URL))) {
            assertThat(pending(redis, keys)).as("the killed worker's batch is pending").isPositive();
            try (AppProcess survivor = WorkerProcess.start(env, "survivor",
                    "--platform.progress.compaction.reclaim-after=2s",
                    "--platform.progress.compaction.reclaim-every=1s")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (pending(redis, keys) > 0 || backlog(redis, keys) > 0) {
                    assertThat(System.nanoTime()).as("survivor drains the streams; log:%n%s", survivor.tail())
                            .isLessThan(deadline);
                    AppProcess.sleep(200);
                }
                assertThat(survivor.logText()).contains("took over");
            }
        }
        for (Map.Entry<List<Long>, Integer> key : highest.entrySet()) {
            assertThat(count(env, "SELECT watched_seconds FROM progress WHERE enrollment_id = " + key.getKey().get(0)
                    + " AND lesson_id = " + key.getKey().get(1))).as("%s", key.getKey()).isEqualTo(key.getValue().longValue());
        }
        long completions = learners.stream().mapToLong(l -> l[1]).sum();
        assertThat(count(env, "SELECT count(*) FROM progress WHERE completed")).isEqualTo(completions);
        assertThat(count(env, "SELECT count(*) FROM progress_milestones")).isEqualTo(expectedMilestones);
        assertThat(count(env, "SELECT count(*) FROM notifications")).isEqualTo(expectedMilestones);
        assertThat(count(env, "SELECT count(*) FROM certificate_requests")).isEqualTo(expectedCertificates);
        assertThat(count(env, "SELECT count(*) FROM enrollments WHERE status = 'COMPLETED'")).isEqualTo(expectedCertificates);
    }

    /** 50 learners in a course of 4 lessons; learner i completes i % 5 of them. */
    private static List<long[]> fixture(TestStack.Env env) throws SQLException {
        List<long[]> learners = new ArrayList<>();
        try (Connection c = env.connect()) {
            long course = one(c, "INSERT INTO courses (slug, title, status, published_at) VALUES ('kill', 'Kill', 'PUBLISHED', now()) RETURNING id");
            long module = one(c, "INSERT INTO course_modules (course_id, position, title) VALUES (" + course + ", 1, 'M') RETURNING id");
            for (int i = 0; i < LESSONS; i++) {
                one(c, "INSERT INTO lessons (module_id, course_id, position, title, kind, duration_seconds) VALUES ("
                        + module + ", " + course + ", " + (i + 1) + ", 'L" + i + "', 'VIDEO', 600) RETURNING id");
            }
            for (int i = 0; i < LEARNERS; i++) {
                long user = one(c, "INSERT INTO users (email, display_name, password_hash) VALUES ('k" + i
                        + "@example.org', 'K', 'x') RETURNING id");
                long enrollment = one(c, "INSERT INTO enrollments (user_id, course_id) VALUES (" + user + ", " + course
                        + ") RETURNING id");
                learners.add(new long[] {enrollment, i % 5});
            }
        }
        return learners;
    }

    private static long lessonId(TestStack.Env env, int index) throws SQLException {
        return count(env, "SELECT id FROM lessons ORDER BY position OFFSET " + index + " LIMIT 1");
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(TestStack.Env env, String sql) throws SQLException {
        try (Connection c = env.connect()) {
            return one(c, sql);
        }
    }

    private static long pending(RedisClient redis, ProgressKeys keys) {
        long total = 0;
        for (String stream : keys.streams()) {
            total += redis.xpending(stream, ProgressKeys.GROUP).getTotal();
        }
        return total;
    }

    private static long backlog(RedisClient redis, ProgressKeys keys) {
        long total = 0;
        for (String stream : keys.streams()) {
            total += redis.xlen(stream);
        }
        return total;
    }
}
