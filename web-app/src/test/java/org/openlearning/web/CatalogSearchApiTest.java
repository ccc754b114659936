package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.SearchCacheKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/courses} and {@code /api/courses/suggest} answered by OpenSearch (the test's own
 * alias, built from the test's database), with the Redis hot-query cache in front.
 */
class CatalogSearchApiTest extends WebTest {

    @DynamicPropertySource
    static void ownContext(DynamicPropertyRegistry registry) {
        // a context of its own (its own database and alias), with a small pool
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("platform.search.cache-ttl", () -> "60s");
    }

    private static CourseIndex built;

    @Autowired
    Jdbi jdbi;
    @Autowired
    CourseIndex index;
    @Autowired
    RedisClient redis;
    @Autowired
    SearchCacheKeys cacheKeys;

    @BeforeEach
    void catalog() {
        if (built == null) {
            SearchCatalog.write(jdbi);
            SearchCatalog.index(jdbi, index);
            built = index;
        }
    }

    @AfterAll
    static void dropIndices() {
        if (built != null) {
            SearchCatalog.drop(built);
        }
    }

    @Test
    void filtersAndFacetsMatchPostgresForTheSameFilter() {
        JsonNode page = ok("/api/courses?level=beginner&min_rating=4&size=50");
        assertThat(page.get("source").asString()).isEqualTo("search");
        assertThat(page.get("notice").isNull()).isTrue();
        String filter = "status = 'PUBLISHED' AND level = 'BEGINNER' AND rating >= 4";
        assertThat(page.get("total").asLong()).isEqualTo(count("SELECT count(*) FROM courses WHERE " + filter));
        assertThat(SearchCatalog.facet(page, "category")).isEqualTo(SearchCatalog.groupBy(jdbi, "category", filter)).isNotEmpty();
        assertThat(SearchCatalog.facet(page, "language")).isEqualTo(SearchCatalog.groupBy(jdbi, "language", filter));
        assertThat(page.get("items").valueStream()).allMatch(i -> i.get("level").asString().equals("BEGINNER")
                && i.get("rating").asDouble() >= 4);

        JsonNode stanford = ok("/api/courses?partner=stanford&category=Data%20Science&size=50");
        assertThat(stanford.get("total").asLong()).isEqualTo(count("""
                SELECT count(*) FROM courses c JOIN partners p ON p.id = c.partner_id
                WHERE c.status = 'PUBLISHED' AND p.slug = 'stanford' AND c.category = 'Data Science'"""));
        JsonNode partner = stanford.get("facets").get("partner").get(0);
        assertThat(partner.get("value").asString()).isEqualTo("stanford");
        assertThat(partner.get("label").asString()).isEqualTo("Stanford University");
        assertThat(stanford.get("items").get(0).get("partner_slug").asString()).isEqualTo("stanford");
        JsonNode level = ok("/api/courses").get("facets").get("level").get(0);
        assertThat(level.get("label").asString()).isEqualTo("Beginner");

        JsonNode spanish = ok("/api/courses?language=es");
        assertThat(spanish.get("items").valueStream()).allMatch(i -> i.get("language").asString().equals("es"));
        assertThat(spanish.get("facets").get("language").get(0).get("label").asString()).isEqualTo("Spanish");
    }

    @Test
    void sortsAndPagingOrderTheWholeResult() {
        List<Double> ratings = ok("/api/courses?sort=rating&size=50").get("items").valueStream()
                .map(i -> i.get("rating").asDouble()).toList();
        assertThat(ratings).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<Long> enrollments = ok("/api/courses?sort=popular&size=50").get("items").valueStream()
                .map(i -> i.get("enrollment_count").asLong()).toList();
        assertThat(enrollments).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ok("/api/courses?sort=newest&size=1").get("items").get(0).get("slug").asString())
                .isEqualTo("essentials-0");

        List<String> all = SearchCatalog.titles(ok("/api/courses?sort=title&size=50"));
        assertThat(all).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        JsonNode second = ok("/api/courses?sort=title&size=5&page=2");
        assertThat(SearchCatalog.titles(second)).isEqualTo(all.subList(5, 10));
        long total = count("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'");
        assertThat(second.get("total").asLong()).isEqualTo(total);
        assertThat(second.get("pages").asLong()).isEqualTo((total + 4) / 5);
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(second.get("size").asInt()).isEqualTo(5);
    }

    @Test
    void freeTextIsRelevantTypoTolerantAndHighlighted() {
        JsonNode page = ok("/api/courses?query=machin%20lerning");
        assertThat(page.get("items").get(0).get("slug").asString()).isEqualTo("machine-learning");
        JsonNode art = ok("/api/courses?query=modern%20art").get("items").get(0);
        assertThat(art.get("slug").asString()).isEqualTo("modern-art-ideas");
        assertThat(art.get("highlights").get("title").asString())
                .isEqualTo("<mark>Modern</mark> <mark>Art</mark> &amp; Ideas");
        assertThat(art.get("highlights").get("description").asString()).contains("&lt;and&gt;").doesNotContain("<and>");
    }

    @Test
    void onlyPublishedCoursesAreEverFound() {
        List<String> slugs = ok("/api/courses?query=machine%20learning%20secrets&size=50").get("items").valueStream()
                .map(i -> i.get("slug").asString()).toList();
        assertThat(slugs).doesNotContain("machine-learning-secrets", "machine-learning-legacy");
        assertThat(ok("/api/courses?size=100").get("total").asLong())
                .isEqualTo(count("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'"));
        assertThat(ok("/api/courses/suggest?q=machine%20learning%20s").valueStream()
                .map(s -> s.get("slug").asString())).doesNotContain("machine-learning-secrets");
    }

    @Test
    void badParametersAreA400NamingTheParameter() {
        for (String[] bad : new String[][] {{"level=guru", "level"}, {"sort=random", "sort"}, {"page=0", "page"},
                {"size=500", "size"}, {"min_rating=9", "min_rating"}, {"min_rating=lots", "min_rating"},
                {"language=english", "language"}, {"page=9999", "page"}}) {
            Response r = get("/api/courses?" + bad[0], null);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("field").asString()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(r.json().get("error").asString()).isEqualTo("bad_request");
            assertThat(r.json().get("message").asString()).isNotBlank();
        }
    }

    @Test
    void suggestionsCompleteWhatIsTyped() {
        JsonNode suggestions = ok("/api/courses/suggest?q=mach");
        assertThat(suggestions.size()).isBetween(1, 8);
        assertThat(suggestions.get(0).get("slug").asString()).isEqualTo("machine-learning");
        assertThat(suggestions.get(0).get("title").asString()).isEqualTo("Machine Learning");
        assertThat(suggestions.get(0).get("partner").asString()).isEqualTo("Stanford University");
        assertThat(suggestions.get(0).get("id").asLong()).isPositive();
        assertThat(ok("/api/courses/suggest?q=essentials").size()).isEqualTo(8);
        assertThat(ok("/api/courses/suggest?q=%20").size()).isZero();
    }

    @Test
    void cachedAnswersAreServedUntilTheGenerationChanges() {
        String path = "/api/courses?query=python&size=3";
        assertThat(SearchCatalog.titles(ok(path))).contains("Python for Everybody");
        CourseQuery query = CourseQuery.parse("python", null, null, null, null, null, null, 1, 3);
        String key = cacheKeys.answer(generation(), "search", query.canonical());
        assertThat(redis.get(key)).contains("Python for Everybody");
        // a cached answer is sent as it was cached, with the API's content type
        Response cached = get(path, null);
        assertThat(cached.body()).isEqualTo(redis.get(key));
        assertThat(cached.headers().firstValue("Content-Type")).hasValue("application/json");

        // the index changes, but nobody bumped the generation: the cached answer is still served
        sql("UPDATE courses SET title = 'Python for Everyone' WHERE slug = 'python-for-everybody'");
        long id = count("SELECT id FROM courses WHERE slug = 'python-for-everybody'");
        SearchCatalog.reindex(jdbi, index, List.of(id));
        assertThat(SearchCatalog.titles(ok(path))).contains("Python for Everybody");

        redis.incr(cacheKeys.generation());
        assertThat(SearchCatalog.titles(ok(path))).contains("Python for Everyone").doesNotContain("Python for Everybody");

        String suggestKey = cacheKeys.answer(generation(), "suggest", "pyth");
        assertThat(ok("/api/courses/suggest?q=Pyth").get(0).get("title").asString()).isEqualTo("Python for Everyone");
        assertThat(redis.get(suggestKey)).contains("Python for Everyone");
        assertThat(redis.pttl(suggestKey)).isBetween(1L, 60_000L);
    }

    private long generation() {
        String g = redis.get(cacheKeys.generation());
        return g == null ? 0 : Long.parseLong(g);
    }

    private JsonNode ok(String path) {
        Response r = get(path, null);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }
}
