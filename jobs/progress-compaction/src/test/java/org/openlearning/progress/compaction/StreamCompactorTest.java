package org.openlearning.progress.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openlearning.progress.ProgressEvent;
import org.openlearning.progress.ProgressKeys;
import org.openlearning.progress.ProgressWriter;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * The compaction path against the real Redis and PostgreSQL: events go into the streams as the API
 * appends them, compactors of the group apply them.
 */
@SpringBootTest(classes = CompactionTestApplication.class)
class StreamCompactorTest {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.create("compaction").register(registry);
    }

    @Autowired
    RedisClient redis;
    @Autowired
    Jdbi jdbi;
    @Autowired
    ProgressWriter writer;
    @Autowired
    ProgressKeys keys;

    private final long now = System.currentTimeMillis();

    private StreamCompactor compactor(String name, Duration reclaimAfter) {
        StreamCompactor.createGroups(redis, keys);
        return new StreamCompactor(redis, jdbi, writer, keys,
                new CompactionSettings(true, 1, 500, Duration.ofMillis(50), Duration.ZERO, reclaimAfter,
                        Duration.ofSeconds(1), ""),
                name);
    }

    private void append(List<ProgressEvent> events) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (ProgressEvent e : events) {
                pipeline.xadd(keys.stream(keys.shard(e.enrollmentId())), XAddParams.xAddParams(),
                        Map.of("e", e.encode()));
            }
            pipeline.sync();
        }
    }

    private static int drain(StreamCompactor compactor) {
        int total = 0;
        for (int empty = 0; empty < 2;) {
            int n = compactor.poll().events();
            total += n;
            empty = n == 0 ? empty + 1 : 0;
        }
        return total;
    }

    private Integer watched(long enrollment, long lesson) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT watched_seconds FROM progress WHERE enrollment_id = :e AND lesson_id = :l")
                .bind("e", enrollment).bind("l", lesson).mapTo(Integer.class).findOne().orElse(null));
    }

    private long count(String sql, long courseId) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("c", courseId).mapTo(Long.class).one());
    }

    private long pending() {
        long total = 0;
        for (String stream : keys.streams()) {
            total += redis.xpending(stream, ProgressKeys.GROUP).getTotal();
        }
        return total;
    }

    @Test
    void readsLingerBetweenPartialBatchesAndNotWhileABacklogIsRead() {
        CourseFixture course = CourseFixture.create(jdbi, 1, 1);
        long e = course.enrollments().get(0);
        long lesson = course.lessons().get(0);
        Duration linger = Duration.ofMillis(400);
        int batchSize = 50;
        StreamCompactor compactor = new StreamCompactor(redis, jdbi, writer, keys,
                new CompactionSettings(true, 1, batchSize, Duration.ofMillis(50), linger, Duration.ofSeconds(30),
                        Duration.ofSeconds(1), ""), "lingering");
        StreamCompactor.createGroups(redis, keys);

        append(List.of(new ProgressEvent(e, lesson, 1, false, now)));
        // the linger counts from the start of the first read, inside poll(): measure from before it
        long firstReadBefore = System.nanoTime();
        assertThat(compactor.poll().events()).isEqualTo(1);
        append(List.of(new ProgressEvent(e, lesson, 2, false, now + 1)));
        assertThat(compactor.poll().events()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - firstReadBefore)).as("the read after a partial batch waited")
                .isGreaterThanOrEqualTo(linger);

        // a backlog: one enrollment is one shard, so its reads come back full until the rest
        List<ProgressEvent> backlog = new ArrayList<>();
        for (int i = 0; i < 2 * batchSize + 1; i++) {
            backlog.add(new ProgressEvent(e, lesson, 10 + i, false, now + 10 + i));
        }
        append(backlog);
        Thread.yield();
        long started = System.nanoTime();
        assertThat(compactor.poll().events()).as("first read, after the linger").isEqualTo(batchSize);
        long fullAt = System.nanoTime();
        assertThat(compactor.poll().events()).isEqualTo(batchSize);
        assertThat(Duration.ofNanos(System.nanoTime() - fullAt)).as("no linger after a full batch")
                .isLessThan(linger);
        assertThat(compactor.poll().events()).isEqualTo(1);
        assertThat(watched(e, lesson)).isEqualTo(10 + 2 * batchSize);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(linger.multipliedBy(3));
    }

    @Test
    void outOfOrderLowerAndReplayedEventsNeverReduceProgress() {
        CourseFixture course = CourseFixture.create(jdbi, 2, 1);
        long e = course.enrollments().get(0);
        long lesson = course.lessons().get(0);
        StreamCompactor compactor = compactor("a", Duration.ofSeconds(30));

        List<ProgressEvent> batch = List.of(new ProgressEvent(e, lesson, 120, false, now + 2000),
                new ProgressEvent(e, lesson, 40, false, now + 3000), // a late, lower report
                new ProgressEvent(e, lesson, 90, false, now + 1000));
        append(batch);
        assertThat(drain(compactor)).isEqualTo(3);
        assertThat(watched(e, lesson)).isEqualTo(120);

        append(List.of(new ProgressEvent(e, lesson, 10, false, now + 4000)));
        drain(compactor);
        assertThat(watched(e, lesson)).isEqualTo(120);

        String before = jdbi.withHandle(h -> h.createQuery(
                "SELECT updated_at::text FROM progress WHERE enrollment_id = :e").bind("e", e).mapTo(String.class).one());
        append(batch); // the same batch once more: nothing changes, not even updated_at
        drain(compactor);
        assertThat(watched(e, lesson)).isEqualTo(120);
        String after = jdbi.withHandle(h -> h.createQuery("SELECT updated_at::text FROM progress WHERE enrollment_id = :e")
                .bind("e", e).mapTo(String.class).one());
        assertThat(after).isEqualTo(before);
        assertThat(pending()).isZero();
    }

    @Test
    void completedOnlyTurnsTrueAndMilestonesCertificateRequestsFireOnce() {
        CourseFixture course = CourseFixture.create(jdbi, 4, 1);
        long e = course.enrollments().get(0);
        StreamCompactor compactor = compactor("a", Duration.ofSeconds(30));
        List<Long> reached = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProgressEvent done = new ProgressEvent(e, course.lessons().get(i), 600, true, now + i);
            append(List.of(done, done));
            drain(compactor);
            reached = jdbi.withHandle(h -> h.createQuery(
                    "SELECT percent FROM progress_milestones WHERE enrollment_id = :e ORDER BY percent")
                    .bind("e", e).mapTo(Long.class).list());
            assertThat(reached).hasSize(i + 1);
        }
        assertThat(reached).containsExactly(25L, 50L, 75L, 100L);
        // a later report that says "not completed" does not undo anything
        append(List.of(new ProgressEvent(e, course.lessons().get(0), 5, false, now + 10)));
        // and replaying every completion changes nothing either
        for (long lesson : course.lessons()) {
            append(List.of(new ProgressEvent(e, lesson, 600, true, now + 20)));
        }
        drain(compactor);
        long c = course.courseId();
        assertThat(count("SELECT count(*) FROM progress p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.course_id = :c AND p.completed", c)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM progress_milestones m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.course_id = :c", c)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM notifications n JOIN enrollments e ON e.id = n.milestone_enrollment WHERE e.course_id = :c", c)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM certificate_requests r JOIN enrollments e ON e.id = r.enrollment_id WHERE e.course_id = :c", c)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM enrollments WHERE course_id = :c AND status = 'COMPLETED' AND completion_percent = 100 AND completed_at IS NOT NULL", c)).isEqualTo(1);
        // enqueued by the compactor once its batch committed, not left for the intent sweeper
        assertThat(count("SELECT count(*) FROM certificate_requests r JOIN enrollments e ON e.id = r.enrollment_id WHERE e.course_id = :c AND r.status = 'QUEUED'", c))
                .isEqualTo(1);
    }

    @Test
    void severalCompactorsInParallelApplyEveryEventOnceWithoutLosingAny() throws Exception {
        CourseFixture course = CourseFixture.create(jdbi, 4, 60);
        Random random = new Random(7);
        Map<List<Long>, Integer> highest = new HashMap<>();
        List<ProgressEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long e = course.enrollments().get(random.nextInt(course.enrollments().size()));
            long lesson = course.lessons().get(random.nextInt(4));
            int w = random.nextInt(601);
            boolean done = w == 600;
            events.add(new ProgressEvent(e, lesson, w, done, now + i));
            highest.merge(List.of(e, lesson), w, Math::max);
        }
        Collections.shuffle(events, random);
        AtomicBoolean appending = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> applied = new ArrayList<>();
            for (String name : List.of("p1", "p2")) {
                StreamCompactor compactor = compactor(name, Duration.ofSeconds(30));
                applied.add(pool.submit(() -> {
                    int total = 0;
                    while (appending.get() || pending() > 0 || backlog() > 0) {
                        total += compactor.pollAhead().events(); // as the job does: reads the next batch meanwhile
                    }
                    compactor.close();
                    return total;
                }));
            }
            for (int from = 0; from < events.size(); from += 1000) {
                append(events.subList(from, from + 1000));
            }
            appending.set(false);
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get();
            }
            assertThat(total).isEqualTo(events.size());
        } finally {
            pool.shutdownNow();
        }
        highest.forEach((key, w) -> assertThat(watched(key.get(0), key.get(1))).as("%s", key).isEqualTo(w));
        long c = course.courseId();
        long fullyDone = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM enrollments e WHERE e.course_id = :c
                AND (SELECT count(*) FROM progress p WHERE p.enrollment_id = e.id AND p.completed) = 4""")
                .bind("c", c).mapTo(Long.class).one());
        assertThat(count("SELECT count(*) FROM certificate_requests r JOIN enrollments e ON e.id = r.enrollment_id WHERE e.course_id = :c", c))
                .isEqualTo(fullyDone);
        // every milestone an enrollment's percent entitles it to, exactly once
        assertThat(count("""
                SELECT count(*) FROM enrollments e CROSS JOIN (VALUES (25), (50), (75), (100)) m (p)
                WHERE e.course_id = :c AND e.completion_percent >= m.p""", c))
                .isEqualTo(count("SELECT count(*) FROM progress_milestones m JOIN enrollments e ON e.id = m.enrollment_id WHERE e.course_id = :c", c));
    }

    private long backlog() {
        long total = 0;
        for (String stream : keys.streams()) {
            total += redis.xlen(stream);
        }
        return total;
    }

    @Test
    void entriesLeftPendingByADeadConsumerAreTakenOverAndApplied() throws Exception {
        CourseFixture course = CourseFixture.create(jdbi, 2, 3);
        StreamCompactor.createGroups(redis, keys);
        List<ProgressEvent> events = new ArrayList<>();
        for (long e : course.enrollments()) {
            events.add(new ProgressEvent(e, course.lessons().get(1), 300, false, now));
        }
        append(events);
        // a consumer reads them and dies before applying anything
        Map<String, StreamEntryID> undelivered = new HashMap<>();
        keys.streams().forEach(s -> undelivered.put(s, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        redis.xreadGroup(ProgressKeys.GROUP, "dead", XReadGroupParams.xReadGroupParams().count(100), undelivered);
        assertThat(pending()).isEqualTo(3);

        StreamCompactor survivor = compactor("survivor", Duration.ofMillis(300));
        assertThat(survivor.poll().events()).isZero(); // nothing new for it
        assertThat(survivor.reclaim().stream().mapToInt(StreamCompactor.Batch::events).sum()).isZero(); // not idle long enough yet
        Thread.sleep(400);
        assertThat(survivor.reclaim().stream().mapToInt(StreamCompactor.Batch::events).sum()).isEqualTo(3);
        for (long e : course.enrollments()) {
            assertThat(watched(e, course.lessons().get(1))).isEqualTo(300);
        }
        assertThat(pending()).isZero();
    }

    @Test
    void aBatchReadAheadByAConsumerThatDiesIsTakenOverAndApplied() throws Exception {
        CourseFixture course = CourseFixture.create(jdbi, 1, 1);
        long e = course.enrollments().get(0);
        long lesson = course.lessons().get(0);
        List<ProgressEvent> events = new ArrayList<>();
        for (int w = 1; w <= 600; w++) {
            events.add(new ProgressEvent(e, lesson, w, false, now + w));
        }
        append(events); // one enrollment: one stream; batches of 500

        StreamCompactor doomed = compactor("doomed", Duration.ofSeconds(30));
        assertThat(doomed.pollAhead().events()).isEqualTo(500);
        doomed.close(); // dies with the next 100 read ahead and not applied
        long deadline = System.currentTimeMillis() + 5000;
        while (pending() < 100 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pending()).isEqualTo(100);
        assertThat(watched(e, lesson)).isEqualTo(500);

        StreamCompactor survivor = compactor("survivor", Duration.ofMillis(300));
        assertThat(survivor.pollAhead().events()).isZero(); // they belong to the dead consumer
        Thread.sleep(400);
        assertThat(survivor.reclaim().stream().mapToInt(StreamCompactor.Batch::events).sum()).isEqualTo(100);
        survivor.close();
        assertThat(watched(e, lesson)).isEqualTo(600);
        assertThat(pending()).isZero();
    }

    @Test
    void eventsOfALessonOutsideTheCourseAreDroppedNotFatal() {
        CourseFixture course = CourseFixture.create(jdbi, 1, 1);
        CourseFixture other = CourseFixture.create(jdbi, 1, 1);
        long e = course.enrollments().get(0);
        StreamCompactor compactor = compactor("a", Duration.ofSeconds(30));
        append(List.of(new ProgressEvent(e, other.lessons().get(0), 5, false, now),
                new ProgressEvent(e, course.lessons().get(0), 7, false, now)));
        assertThat(drain(compactor)).isEqualTo(2);
        assertThat(watched(e, other.lessons().get(0))).isNull();
        assertThat(watched(e, course.lessons().get(0))).isEqualTo(7);
        assertThat(pending()).isZero();
    }
}
