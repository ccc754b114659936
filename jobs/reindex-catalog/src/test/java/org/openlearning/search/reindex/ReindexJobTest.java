package org.openlearning.search.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openlearning.search.reindex.SearchFixtures.await;
import static org.openlearning.search.reindex.SearchFixtures.count;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.CourseSearch;
import org.openlearning.search.SearchCacheKeys;
import org.openlearning.search.SearchProperties;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexDao.Reindex;
import org.openlearning.search.SearchReindexHandler;
import org.openlearning.search.SearchReindexes;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import redis.clients.jedis.RedisClient;

/**
 * Full rebuilds through the Spring Batch job, called as JobRunr would call the handler, against real
 * PostgreSQL, OpenSearch and Redis: the new index is built and swapped in while searches keep
 * answering the same, and a rebuild that cannot succeed fails with a reason and leaves no index behind.
 */
@SpringBootTest(classes = ReindexTestApplication.class, properties = {
        "platform.search.reindex.chunk-size=250", "platform.search.reindex.chunk-pause=150ms",
        "platform.search.reindex.max-attempts=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class ReindexJobTest {

    private static final int PUBLISHED = 1200;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.create("search_reindex").register(registry);
    }

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
    SearchReindexHandler handler;
    @Autowired
    SearchReindexes reindexes;
    @Autowired
    SearchReindexDao reindexDao;
    @Autowired
    RedisClient redis;
    @Autowired
    SearchCacheKeys cacheKeys;

    @BeforeAll
    void catalogAndInitialIndex() throws Exception {
        // the relay created the empty index on start; with no course yet there was nothing to rebuild
        await("relay created the search index", Duration.ofSeconds(60), () -> !index.aliasedIndices().isEmpty());
        assertThat(reindexDao.active()).isEmpty();

        // a platform whose courses exist before its search index: the relay asks for the initial rebuild
        relay.stop();
        SearchFixtures.insertCatalog(jdbi, "Astronomy", PUBLISHED, 40);
        index.allIndices().forEach(index::deleteIndex);
        relay.start();
        await("initial rebuild requested", Duration.ofSeconds(60), () -> reindexDao.active().isPresent());
        Reindex initial = reindexDao.active().orElseThrow();
        assertThat(initial.kind()).isEqualTo("INITIAL");
        handler.reindex(initial.id());
        assertThat(reindexDao.findById(initial.id()).orElseThrow().status()).isEqualTo("SUCCEEDED");
        await("outbox drained", Duration.ofSeconds(60), () -> count(jdbi, "SELECT count(*) FROM catalog_outbox") == 0);
    }

    @AfterAll
    void dropIndices() {
        relay.stop();
        index.allIndices().forEach(index::deleteIndex);
    }

    @Test
    void aRebuildSwapsTheAliasOntoANewCompleteIndexWhileSearchesKeepAnsweringTheSame() throws Exception {
        Set<String> before = index.aliasedIndices();
        assertThat(before).hasSize(1);
        CourseSearch search = new CourseSearch(client, properties);
        Answer expected = Answer.of(search);
        assertThat(expected.total()).isEqualTo(PUBLISHED);
        String generation = redis.get(cacheKeys.generation());

        long id = reindexes.request(SearchReindexes.Kind.MANUAL, null).orElseThrow();
        assertThat(reindexes.request(SearchReindexes.Kind.NIGHTLY, null)).as("one rebuild at a time").isEmpty();

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger queries = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Answer> different = new AtomicReference<>();
        Thread loop = Thread.ofPlatform().start(() -> {
            while (rebuilding.get()) {
                try {
                    Answer answer = Answer.of(search);
                    if (!answer.equals(expected)) {
                        different.compareAndSet(null, answer);
                    }
                    queries.incrementAndGet();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        try {
            handler.reindex(id);
        } finally {
            rebuilding.set(false);
            loop.join();
        }

        Reindex done = reindexDao.findById(id).orElseThrow();
        assertThat(done.status()).isEqualTo("SUCCEEDED");
        assertThat(done.indexName()).isEqualTo(index.alias() + "-r" + id);
        assertThat(done.totalCourses()).isEqualTo(PUBLISHED);
        assertThat(done.indexed()).isEqualTo(PUBLISHED);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(index.aliasedIndices()).containsExactly(done.indexName());
        assertThat(index.allIndices()).containsExactly(done.indexName()).doesNotContainAnyElementsOf(before);
        assertThat(failure.get()).as("a search failed during the rebuild").isNull();
        assertThat(different.get()).as("a search answered differently during the rebuild").isNull();
        assertThat(queries.get()).isGreaterThan(5);
        assertThat(Answer.of(search)).isEqualTo(expected);
        assertThat(redis.get(cacheKeys.generation())).isNotEqualTo(generation);

        handler.reindex(id); // run again, as a retried JobRunr job would: nothing changes
        assertThat(reindexDao.findById(id).orElseThrow()).isEqualTo(done);
        assertThat(index.aliasedIndices()).containsExactly(done.indexName());
    }

    @Test
    void aRebuildThatCannotSucceedFailsWithAReasonAndDeletesItsIndex() throws Exception {
        Set<String> serving = index.aliasedIndices();
        long id = reindexes.request(SearchReindexes.Kind.MANUAL, null).orElseThrow();
        String name = index.alias() + "-r" + id;
        // an index of that name with a mapping no course document fits: every bulk write is rejected
        putIndex(name, """
                {"mappings": {"dynamic": "strict", "properties": {"title": {"type": "long"}}}}""");

        assertThatThrownBy(() -> handler.reindex(id)).hasMessageContaining("indexing into " + name + " failed");
        assertThat(reindexDao.findById(id).orElseThrow().status()).isEqualTo("RUNNING");
        handler.reindex(id); // the last attempt gives up

        Reindex failed = reindexDao.findById(id).orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).startsWith("gave up after 2 attempts").contains("indexing into " + name);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(index.allIndices()).doesNotContain(name);
        assertThat(index.aliasedIndices()).isEqualTo(serving);
        assertThat(count(jdbi, "SELECT count(*) FROM search_reindexes WHERE status IN ('REQUESTED', 'QUEUED', 'RUNNING')"))
                .isZero();
    }

    private void putIndex(String name, String body) {
        try (Response r = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name)
                .body(Bodies.json(body)).build())) {
            assertThat(r.getStatus()).as(r.getBody().map(b -> new String(b.bodyAsBytes(), StandardCharsets.UTF_8))
                    .orElse("")).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a few searches answer: totals, facet counts and the newest courses in order. */
    record Answer(long total, Map<String, Map<String, Long>> facets, List<String> found, long advanced) {

        static Answer of(CourseSearch search) {
            CourseSearch.Page all = search.search(CourseQuery.parse(null, null, null, null, null, null, null, 1, 10));
            CourseSearch.Page newest = search.search(CourseQuery.parse(null, null, null, null, null, null, "newest", 1, 20));
            CourseSearch.Page advanced = search.search(CourseQuery.parse(null, null, "advanced", null, null, null, null, 1, 1));
            Map<String, Map<String, Long>> facets = all.facets().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().stream().collect(Collectors.toMap(CourseSearch.Facet::value,
                            CourseSearch.Facet::count))));
            List<String> found = newest.items().stream().map(r -> r.course().slug()).toList();
            return new Answer(all.total(), facets, found, advanced.total());
        }
    }

}
