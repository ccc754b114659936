package org.openlearning.search.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openlearning.search.reindex.SearchFixtures.await;
import static org.openlearning.search.reindex.SearchFixtures.count;
import static org.openlearning.search.reindex.SearchFixtures.document;
import static org.openlearning.search.reindex.SearchFixtures.insertCourse;
import static org.openlearning.search.reindex.SearchFixtures.slugs;
import static org.openlearning.search.reindex.SearchFixtures.total;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;
import org.openlearning.search.CourseDocument;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.CourseSearch;
import org.openlearning.search.SearchProperties;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexes;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The outbox relay against real PostgreSQL, OpenSearch and Redis: changes written straight into
 * PostgreSQL (the triggers fill the outbox) must show in search within 5 seconds, in their newest
 * state, with one relay or two.
 */
@SpringBootTest(classes = ReindexTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class OutboxRelayTest {

    private static TestStack.Env env;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        env = TestStack.create("search_relay");
        env.register(registry);
        // the upkeep runs here only in rounds the tests call themselves
        registry.add("platform.search.relay.reclaim-every", () -> "0s");
    }

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    @Autowired
    Jdbi jdbi;
    @Autowired
    OpenSearchClient client;
    @Autowired
    SearchProperties properties;
    @Autowired
    CourseIndex index;
    @Autowired
    OutboxRelay relay;
    @Autowired
    OutboxDrain drain;
    @Autowired
    SearchReindexes reindexes;
    @Autowired
    SearchReindexDao reindexDao;
    @Autowired
    RelaySettings relaySettings;

    @BeforeAll
    void relayReady() {
        // on start the relay creates the empty index behind the alias; changes are measured from then on
        await("relay created the search index", Duration.ofSeconds(60), () -> !index.aliasedIndices().isEmpty());
    }

    @AfterAll
    void dropIndices() {
        relay.stop();
        index.allIndices().forEach(index::deleteIndex);
    }

    private CourseSearch search() {
        return new CourseSearch(client, properties);
    }

    @Test
    void aCourseCreatedEditedUnpublishedAndDeletedShowsInSearchWithinFiveSeconds() {
        CourseSearch search = search();
        long id = insertCourse(jdbi, "quokka-astronomy", "Quokka Astronomy", "PUBLISHED");
        Duration created = await("new course searchable", VISIBLE_WITHIN,
                () -> slugs(search, "quokka", 10).contains("quokka-astronomy"));

        jdbi.useHandle(h -> h.execute("UPDATE courses SET title = 'Wombat Astronomy', summary = 'Wombat Astronomy' WHERE id = ?", id));
        Duration edited = await("edited title searchable", VISIBLE_WITHIN,
                () -> slugs(search, "wombat", 10).contains("quokka-astronomy")
                        && !slugs(search, "quokka", 10).contains("quokka-astronomy"));

        jdbi.useHandle(h -> h.execute("UPDATE courses SET status = 'ARCHIVED' WHERE id = ?", id));
        Duration unpublished = await("unpublished course gone", VISIBLE_WITHIN,
                () -> !slugs(search, "wombat", 10).contains("quokka-astronomy"));

        jdbi.useHandle(h -> h.execute("UPDATE courses SET status = 'PUBLISHED' WHERE id = ?", id));
        await("republished course back", VISIBLE_WITHIN, () -> slugs(search, "wombat", 10).contains("quokka-astronomy"));
        jdbi.useHandle(h -> h.execute("DELETE FROM courses WHERE id = ?", id));
        Duration deleted = await("deleted course gone", VISIBLE_WITHIN,
                () -> !slugs(search, "wombat", 10).contains("quokka-astronomy"));

        assertThat(List.of(created, edited, unpublished, deleted)).allMatch(d -> d.compareTo(VISIBLE_WITHIN) < 0);
        assertThat(document(client, index.alias(), id).source().status()).isEqualTo("DELETED");
    }

    @Test
    void twoHundredChangesToTheSameCoursesEndInTheNewestState() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(insertCourse(jdbi, "coalesce-" + i, "Coalesce " + i, "PUBLISHED"));
        }
        for (int change = 0; change < 200; change++) {
            long id = ids.get(change % ids.size());
            int n = change;
            jdbi.useHandle(h -> h.execute("UPDATE courses SET title = ?, enrollment_count = ? WHERE id = ?",
                    "Coalesce change " + n, n, id));
        }
        awaitIndexMatchesDatabase(ids);
        for (long id : ids) {
            long last = jdbi.withHandle(h -> h.createQuery("SELECT enrollment_count FROM courses WHERE id = ?")
                    .bind(0, id).mapTo(Long.class).one());
            assertThat(document(client, index.alias(), id).source().title()).isEqualTo("Coalesce change " + last);
            assertThat(last).isGreaterThanOrEqualTo(195);
        }
    }

    @Test
    void twoRelaysAtOnceLoseNothingAndNeverLeaveAnOlderState() throws Exception {
        OutboxRelay second = new OutboxRelay(drain, jdbi, index, reindexes, reindexDao, relaySettings,
                new SimpleMeterRegistry(), env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD);
        second.start();
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(insertCourse(jdbi, "race-" + i, "Race " + i, "PUBLISHED"));
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int change = 0; change < 150; change++) {
                            long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                            String status = change % 10 == 9 ? "ARCHIVED" : "PUBLISHED";
                            jdbi.useHandle(h -> h.execute("UPDATE courses SET title = ?, status = ? WHERE id = ?",
                                    "Race w" + writer + " " + Thread.currentThread().threadId(), status, id));
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            assertThat(failure.get()).isNull();
            jdbi.useHandle(h -> h.execute("DELETE FROM courses WHERE id = ?", ids.get(0)));
            awaitIndexMatchesDatabase(ids);
            assertThat(document(client, index.alias(), ids.get(0)).source().status()).isEqualTo("DELETED");
        } finally {
            second.stop();
        }
    }

    @Test
    void deletedCopiesLeftByAnImportThatTouchedEveryCourseAreMergedAwayWhileSearchesGoOn() {
        SearchFixtures.insertCatalog(jdbi, "Reclaim", 400, 0);
        await("catalog indexed", Duration.ofSeconds(30), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0
                && total(search(), "reclaim") == 400);
        // a second import of the same courses: every document is replaced, its old copy stays deleted
        jdbi.useHandle(h -> h.execute("UPDATE courses SET summary = summary || ', revised' WHERE slug LIKE 'reclaim-%'"));
        await("revisions indexed", Duration.ofSeconds(30), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0
                && index.shape().deleted() >= 400);
        index.refresh();
        CourseIndex.Shape before = index.shape();

        IndexUpkeep strict = new IndexUpkeep(index, new RelaySettings(true, 500,
                Duration.ofSeconds(1), Duration.ZERO, 0.2, 100L, 0));
        IndexUpkeep lenient = new IndexUpkeep(index, new RelaySettings(true, 500,
                Duration.ofSeconds(1), Duration.ZERO, 0.2, before.deleted() + 1, 0));
        assertThat(lenient.round()).as("fewer deleted documents than the minimum").isEqualTo(IndexUpkeep.Done.NOTHING);
        // the copies just replaced are kept until the retention lease passes them: a later round drops them
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (index.shape().deleted() >= 100) {
            assertThat(System.nanoTime()).as("deleted copies merged away within 120 s").isLessThan(deadline);
            strict.round();
            index.refresh();
            assertThat(slugs(search(), "reclaim 17", 1)).isEqualTo(List.of("reclaim-17"));
            assertThat(total(search(), "reclaim")).isEqualTo(400);
            sleep(2000);
        }
        assertThat(index.shape().live()).isEqualTo(before.live());
        assertThat(strict.round()).as("nothing left to merge").isEqualTo(IndexUpkeep.Done.NOTHING);
    }

    @Test
    void aQuietIndexInManySegmentsIsMergedIntoOneWhileSearchesGoOn() {
        // five imports, each indexed and made searchable on its own: a segment each
        for (int i = 1; i <= 5; i++) {
            String prefix = "Quiet" + "ABCDE".charAt(i - 1);
            SearchFixtures.insertCatalog(jdbi, prefix, 40, 0);
            await(prefix + " indexed", Duration.ofSeconds(30), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0
                    && total(search(), prefix) == 40);
            index.refresh();
        }
        // (OpenSearch's own policy may have merged some of them meanwhile, never all into one)
        CourseIndex.Shape before = index.shape();
        assertThat(before.segments()).isGreaterThan(1);
        long published = total(search(), null);

        IndexUpkeep upkeep = new IndexUpkeep(index, new RelaySettings(true, 500, Duration.ofSeconds(1), Duration.ZERO,
                0.2, 1_000_000L, 1));
        assertThat(upkeep.round()).as("the first round has no earlier write count: it cannot tell quiet").isEqualTo(
                IndexUpkeep.Done.NOTHING);
        // a write between two rounds: not quiet
        jdbi.useHandle(h -> h.execute("UPDATE courses SET summary = summary || ', revised' WHERE slug = 'quieta-1'"));
        await("revision indexed", Duration.ofSeconds(30), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0
                && index.shape().writes() > before.writes());
        assertThat(upkeep.round()).as("written since the last round").isEqualTo(IndexUpkeep.Done.NOTHING);

        assertThat(upkeep.round()).as("quiet for a round, more than 1 segment").isEqualTo(IndexUpkeep.Done.MERGED);
        index.refresh();
        assertThat(index.shape().segments()).isEqualTo(1);
        assertThat(total(search(), null)).isEqualTo(published);
        assertThat(total(search(), "quietc")).isEqualTo(40);
        assertThat(slugs(search(), "quietd 17", 1)).isEqualTo(List.of("quietd-17"));
        assertThat(upkeep.round()).as("one segment: nothing to merge").isEqualTo(IndexUpkeep.Done.NOTHING);

        IndexUpkeep never = new IndexUpkeep(index, new RelaySettings(true, 500, Duration.ofSeconds(1), Duration.ZERO,
                0.2, 1_000_000L, 0));
        SearchFixtures.insertCatalog(jdbi, "QuietF", 40, 0);
        await("QuietF indexed", Duration.ofSeconds(30), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0
                && total(search(), "QuietF") == 40);
        index.refresh();
        never.round();
        assertThat(never.round()).as("merge-quiet-above 0: never").isEqualTo(IndexUpkeep.Done.NOTHING);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every course's document in the alias is at the course's current version, with its current title and status. */
    private void awaitIndexMatchesDatabase(List<Long> ids) {
        await("outbox drained and index at the newest versions", Duration.ofSeconds(30), () -> {
            if (count(jdbi, "SELECT count(*) FROM catalog_outbox") > 0) {
                return false;
            }
            for (long id : ids) {
                Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                                "SELECT title, status, search_version FROM courses WHERE id = ?")
                        .bind(0, id).mapToMap().findOne().orElse(null));
                GetResponse<CourseDocument> doc = document(client, index.alias(), id);
                if (doc == null) {
                    return false;
                }
                if (row == null) {
                    if (!"DELETED".equals(doc.source().status())) {
                        return false;
                    }
                    continue;
                }
                if (doc.version() == null || doc.version() != ((Number) row.get("search_version")).longValue()
                        || !row.get("title").equals(doc.source().title())
                        || !row.get("status").equals(doc.source().status())) {
                    return false;
                }
            }
            return true;
        });
    }
}
