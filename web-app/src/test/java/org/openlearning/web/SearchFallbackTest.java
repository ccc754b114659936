package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.SearchAnswer;
import org.openlearning.search.SearchCacheKeys;
import org.springframework.beans.factory.annotation.Autowired;

import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * The catalog while OpenSearch cannot answer (subclasses say how it fails): the API and the page
 * answer from PostgreSQL with the same filters, facets, sorts and paging, say so in a notice, and
 * never fail with a 5xx.
 */
abstract class SearchFallbackTest extends WebTest {

    private static final Map<Class<?>, Boolean> WRITTEN = new HashMap<>();

    @Autowired
    Jdbi jdbi;
    @Autowired
    RedisClient redis;
    @Autowired
    SearchCacheKeys cacheKeys;

    @BeforeEach
    void catalog() {
        synchronized (WRITTEN) {
            if (WRITTEN.putIfAbsent(getClass(), true) == null) {
                SearchCatalog.write(jdbi);
            }
        }
    }

    @Test
    void theApiAnswersFromPostgresWithFiltersFacetsAndANotice() {
        JsonNode page = ok("/api/courses?level=beginner&min_rating=4&size=50");
        assertThat(page.get("source").asString()).isEqualTo("database");
        assertThat(page.get("notice").asString()).isEqualTo(SearchAnswer.LIMITED);
        String filter = "status = 'PUBLISHED' AND level = 'BEGINNER' AND rating >= 4";
        assertThat(page.get("total").asLong()).isEqualTo(count("SELECT count(*) FROM courses WHERE " + filter));
        assertThat(SearchCatalog.facet(page, "category")).isEqualTo(SearchCatalog.groupBy(jdbi, "category", filter)).isNotEmpty();
        assertThat(SearchCatalog.facet(page, "language")).isEqualTo(SearchCatalog.groupBy(jdbi, "language", filter));
        assertThat(page.get("facets").get("level").get(0).get("label").asString()).isEqualTo("Beginner");
        JsonNode partner = ok("/api/courses?partner=yale").get("facets").get("partner").get(0);
        assertThat(partner.get("label").asString()).isEqualTo("Yale University");
        assertThat(partner.get("count").asLong()).isEqualTo(2);

        List<String> all = SearchCatalog.titles(ok("/api/courses?sort=title&size=50"));
        assertThat(all).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER)
                .doesNotContain("Machine Learning Secrets", "Machine Learning Legacy");
        assertThat(SearchCatalog.titles(ok("/api/courses?sort=title&size=5&page=2"))).isEqualTo(all.subList(5, 10));
        List<Double> ratings = ok("/api/courses?sort=rating&size=50").get("items").valueStream()
                .map(i -> i.get("rating").asDouble()).toList();
        assertThat(ratings).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void fullTextFindsPublishedCoursesAndHighlightsEscaped() {
        JsonNode page = ok("/api/courses?query=machine%20learning&size=50");
        List<String> slugs = page.get("items").valueStream().map(i -> i.get("slug").asString()).toList();
        assertThat(slugs).first().isEqualTo("machine-learning");
        assertThat(slugs).doesNotContain("machine-learning-secrets", "machine-learning-legacy");
        JsonNode art = ok("/api/courses?query=modern%20art").get("items").get(0);
        assertThat(art.get("highlights").get("title").asString())
                .isEqualTo("<mark>Modern</mark> <mark>Art</mark> &amp; Ideas");
        assertThat(art.get("highlights").get("description").asString()).contains("&lt;and&gt;").doesNotContain("<and>");
        // stop words only: everything, as in OpenSearch
        assertThat(ok("/api/courses?query=the").get("total").asLong())
                .isEqualTo(count("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'"));
    }

    @Test
    void suggestionsAndBadParametersStillWork() {
        JsonNode suggestions = ok("/api/courses/suggest?q=mach");
        assertThat(suggestions.valueStream().map(s -> s.get("slug").asString()))
                .containsExactly("machine-learning", "machine-vision");
        assertThat(ok("/api/courses/suggest?q=100%25").size()).isZero();
        Response bad = get("/api/courses?level=guru", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("level");
    }

    @Test
    void fallbackAnswersAreNeverCached() {
        ok("/api/courses?query=python&size=3");
        CourseQuery query = CourseQuery.parse("python", null, null, null, null, null, null, 1, 3);
        String g = redis.get(cacheKeys.generation());
        assertThat(redis.exists(cacheKeys.answer(g == null ? 0 : Long.parseLong(g), "search", query.canonical())))
                .isFalse();
    }

    @Test
    void theCatalogPageShowsResultsFacetsAndTheNotice() {
        Response page = send("GET", "/courses?level=beginner&query=finance", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Financial Markets", "id=\"search-notice\"", "Search is limited right now",
                "id=\"facet-category\"", "Business");
        Response rated = send("GET", "/courses?min_rating=4.5&sort=rating&partner=yale", null, null);
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.body()).contains("★ 4.5 &amp; up", "The Science of Well-Being")
                .doesNotContain("Python for Everybody");
        Response odd = send("GET", "/courses?query=%3Cscript%3Ealert(1)%3C/script%3E&min_rating=x&sort=nope&page=-3",
                null, null);
        assertThat(odd.status()).isEqualTo(200);
        assertThat(odd.body()).doesNotContain("<script>alert(1)</script>").contains("No course matches");
    }

    protected JsonNode ok(String path) {
        Response r = get(path, null);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }
}
