package org.openlearning.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.openlearning.testing.TestStack;

/**
 * Relevance, filters, facets and suggestions of catalog search against a real OpenSearch, on a
 * fixture catalog written for this test (with drafts and archived courses that must never show).
 */
class CourseSearchRelevanceTest {

    private static TestStack.Env env;
    private static Jdbi jdbi;
    private static OpenSearchClient client;
    private static CourseIndex index;
    private static CourseSearch search;

    @BeforeAll
    static void catalog() {
        env = TestStack.create("search_relevance");
        Flyway.configure().dataSource(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD).load().migrate();
        jdbi = Jdbi.create(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD).installPlugin(new PostgresPlugin());
        SearchProperties properties = new SearchProperties(TestStack.OPENSEARCH_URL, env.searchAlias(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
        client = SearchConfiguration.client(properties);
        index = new CourseIndex(client, properties);
        search = new CourseSearch(client, properties);
        jdbi.useHandle(CourseSearchRelevanceTest::fixtures);

        String name = env.searchAlias() + "-1";
        index.create(name, true);
        jdbi.useHandle(h -> index.load(h, name, 20));
        index.finishBulk(name);
        index.swapAlias(name);
    }

    @AfterAll
    static void dropIndices() throws Exception {
        if (index != null) {
            index.allIndices().forEach(index::deleteIndex);
            client._transport().close();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            machine learning          | machine-learning
            Machine Learning          | machine-learning
            machin lerning            | machine-learning
            python                    | python-for-everybody
            SQL                       | google-data-analytics
            andrew ng                 | machine-learning
            stanford cryptography     | cryptography-i
            cryptografy               | cryptography-i
            algorithm                 | algorithms-part-i
            learns                    | learning-how-to-learn
            CÁLCULO diferencial       | calculo-diferencial
            calculo                   | calculo-diferencial
            cafe                      | cafe-business-basics
            psychology introduction   | introduction-to-psychology
            well being science        | the-science-of-well-being
            yale finance              | financial-markets
            """)
    void theExpectedCourseIsInTheTopThree(String query, String slug) {
        List<String> top = slugs(search.search(CourseQuery.parse(query, null, null, null, null, null, null, 1, 3)));
        assertThat(top).as("top 3 for '%s'", query).contains(slug);
    }

    @Test
    void draftsAndArchivedCoursesNeverAppear() {
        CourseSearch.Page page = search.search(CourseQuery.parse("machine learning", null, null, null, null, null, null, 1, 50));
        assertThat(slugs(page)).doesNotContain("machine-learning-secrets", "machine-learning-legacy");
        CourseSearch.Page all = search.search(CourseQuery.parse(null, null, null, null, null, null, null, 1, 100));
        assertThat(all.total()).isEqualTo(count("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'"));
        assertThat(search.suggest("machine learning s", 10)).extracting(CourseSearch.Suggestion::slug)
                .doesNotContain("machine-learning-secrets");
    }

    @Test
    void stopWordsNeitherWidenNorNarrowAQuery() {
        long psychology = search.search(CourseQuery.parse("psychology", null, null, null, null, null, null, 1, 50)).total();
        assertThat(psychology).isPositive();
        assertThat(search.search(CourseQuery.parse("the psychology of it", null, null, null, null, null, null, 1, 50))
                .total()).isEqualTo(psychology);
        // only stop words: nothing to ask for, so everything published matches
        assertThat(search.search(CourseQuery.parse("the of", null, null, null, null, null, null, 1, 50)).total())
                .isEqualTo(count("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'"));
        assertThat(CourseSearch.contentWords("The Science of Well-Being")).containsExactly("Science", "Well-Being");
        assertThat(CourseSearch.contentWords("to be or not")).containsExactly("to", "be", "or", "not");
    }

    @Test
    void aWordOfSeveralTokensNeedsThemAllInOneField() {
        // "well-being" is "well" and "being": "Being Human", with only "being", does not match it
        List<String> found = slugs(search.search(CourseQuery.parse("well-being", null, null, null, null, null, null, 1, 50)));
        assertThat(found).contains("the-science-of-well-being");
        assertThat(found).doesNotContain("being-human");
        assertThat(slugs(search.search(CourseQuery.parse("being", null, null, null, null, null, null, 1, 50))))
                .contains("being-human", "the-science-of-well-being");
    }

    @Test
    void aWordTheCatalogHoldsIsMatchedAsTypedAndOnlyAnUnknownOneWithTypos() {
        // "learning" and "data" are in the catalog: "leasing" and "date" are not what was meant by them
        assertThat(slugs(search.search(CourseQuery.parse("learning", null, null, null, null, null, null, 1, 50))))
                .contains("machine-learning", "learning-how-to-learn").doesNotContain("equipment-leasing");
        assertThat(slugs(search.search(CourseQuery.parse("data", null, null, null, null, null, null, 1, 50))))
                .contains("google-data-analytics").doesNotContain("date-night-cooking");
        // "leaning" is not in the catalog: it may be "learning" with one typo
        assertThat(slugs(search.search(CourseQuery.parse("leaning", null, null, null, null, null, null, 1, 50))))
                .contains("machine-learning", "learning-how-to-learn");
        // a long word the catalog does not hold may have two: "equpmnet" is "equipment"
        assertThat(slugs(search.search(CourseQuery.parse("equpmnet leasing", null, null, null, null, null, null, 1, 3))))
                .containsExactly("equipment-leasing");
    }

    @Test
    void whenTheWordsAsTypedFindNothingEveryWordMayHaveTypos() {
        // "date" is a catalog word, but no course holds both words: it was "data"
        assertThat(slugs(search.search(CourseQuery.parse("date analytics", null, null, null, null, null, null, 1, 3))))
                .contains("google-data-analytics");
    }

    @Test
    void aPartnerNameFindsItsCourses() {
        List<String> top = slugs(search.search(CourseQuery.parse("yale", null, null, null, null, null, null, 1, 3)));
        assertThat(top).contains("financial-markets", "the-science-of-well-being");
    }

    @Test
    void facetCountsMatchPostgresForTheSameFilter() {
        CourseSearch.Page page = search.search(CourseQuery.parse(null, null, "beginner", null, null, "4", null, 1, 5));
        assertThat(page.total()).isEqualTo(count(
                "SELECT count(*) FROM courses WHERE status = 'PUBLISHED' AND level = 'BEGINNER' AND rating >= 4"));
        Map<String, Long> categories = page.facets().get("category").stream()
                .collect(Collectors.toMap(CourseSearch.Facet::value, CourseSearch.Facet::count));
        Map<String, Long> expected = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT category, count(*) FROM courses
                        WHERE status = 'PUBLISHED' AND level = 'BEGINNER' AND rating >= 4 AND category IS NOT NULL
                        GROUP BY category""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> expected.put(e.getKey(), e.getValue())));
        assertThat(categories).isEqualTo(expected);
        Map<String, String> partners = page.facets().get("partner").stream()
                .collect(Collectors.toMap(CourseSearch.Facet::value, CourseSearch.Facet::label));
        assertThat(partners).containsEntry("stanford", "Stanford University");
    }

    @Test
    void filtersAndSortsNarrowAndOrder() {
        CourseSearch.Page spanish = search.search(CourseQuery.parse(null, null, null, "es", null, null, null, 1, 50));
        assertThat(slugs(spanish)).containsExactly("calculo-diferencial");
        CourseSearch.Page stanford = search.search(CourseQuery.parse(null, null, null, null, "stanford", null, "rating", 1, 50));
        List<Double> ratings = stanford.items().stream().map(r -> r.course().rating()).toList();
        assertThat(ratings).isNotEmpty().isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(stanford.items()).allMatch(r -> "stanford".equals(r.course().partnerSlug()));
        CourseSearch.Page newest = search.search(CourseQuery.parse(null, null, null, null, null, null, "newest", 1, 2));
        assertThat(slugs(newest).get(0)).isEqualTo("cafe-business-basics");
    }

    @Test
    void matchesAreHighlightedAndEscaped() {
        CourseSearch.Result first = search.search(CourseQuery.parse("python", null, null, null, null, null, null, 1, 1))
                .items().get(0);
        assertThat(first.highlights().get("title")).isEqualTo("<mark>Python</mark> for Everybody");
        CourseSearch.Result art = search.search(CourseQuery.parse("modern art", null, null, null, null, null, null, 1, 1))
                .items().get(0);
        assertThat(art.highlights().get("title")).isEqualTo("<mark>Modern</mark> <mark>Art</mark> &amp; Ideas");
    }

    @Test
    void suggestionsCompleteWhatIsBeingTyped() {
        assertThat(search.suggest("mach", 5)).extracting(CourseSearch.Suggestion::slug).first()
                .isEqualTo("machine-learning");
        assertThat(search.suggest("python for ev", 5)).extracting(CourseSearch.Suggestion::slug)
                .containsExactly("python-for-everybody");
        assertThat(search.suggest("cryptogr", 5)).extracting(CourseSearch.Suggestion::slug).contains("cryptography-i");
    }

    @Test
    void anIndexBuiltWithAnOlderMappingIsToldApart() throws Exception {
        assertThat(index.aliasedIndexOutdated()).isFalse();
        SearchProperties older = new SearchProperties(TestStack.OPENSEARCH_URL, env.searchAlias() + "_old",
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
        CourseIndex old = new CourseIndex(client, older);
        String name = older.alias() + "-v1";
        try {
            client.indices().create(c -> c.index(name).aliases(older.alias(), a -> a)); // no _meta.mapping_version
            assertThat(old.aliasedIndexOutdated()).isTrue();
        } finally {
            old.deleteIndex(name);
        }
    }

    private static List<String> slugs(CourseSearch.Page page) {
        return page.items().stream().map(r -> r.course().slug()).toList();
    }

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void fixtures(Handle h) {
        Map<String, Long> partners = new HashMap<>();
        for (String[] p : new String[][] {{"stanford", "Stanford University"}, {"yale", "Yale University"},
                {"umich", "University of Michigan"}, {"google", "Google"}, {"princeton", "Princeton University"},
                {"unam", "Universidad Nacional Autónoma de México"}, {"moma", "The Museum of Modern Art"}}) {
            partners.put(p[0], h.createQuery("INSERT INTO partners (slug, name) VALUES (?, ?) RETURNING id")
                    .bind(0, p[0]).bind(1, p[1]).mapTo(Long.class).one());
        }
        long ng = h.createQuery("INSERT INTO users (email, display_name, password_hash) VALUES ('ng@example.org', 'Andrew Ng', 'x') RETURNING id")
                .mapTo(Long.class).one();
        List<Object[]> courses = new ArrayList<>();
        // slug, title, partner, category, level, language, rating, enrollments, status, days ago, skills, description
        courses.add(new Object[] {"machine-learning", "Machine Learning", "stanford", "Data Science", "BEGINNER", "en", 4.9, 4_800_000, "PUBLISHED", 900,
                new String[] {"Machine Learning", "Logistic Regression", "Neural Networks"}, "Supervised and unsupervised learning, best practices."});
        courses.add(new Object[] {"machine-learning-secrets", "Machine Learning Secrets", "stanford", "Data Science", "BEGINNER", "en", 5.0, 0, "DRAFT", 1,
                new String[] {"Machine Learning"}, "Not yet published."});
        courses.add(new Object[] {"machine-learning-legacy", "Machine Learning Legacy", "stanford", "Data Science", "BEGINNER", "en", 4.0, 10, "ARCHIVED", 2000,
                new String[] {"Machine Learning"}, "Retired."});
        courses.add(new Object[] {"python-for-everybody", "Python for Everybody", "umich", "Computer Science", "BEGINNER", "en", 4.8, 2_000_000, "PUBLISHED", 800,
                new String[] {"Python Programming", "Data Structures"}, "Learn to program and analyze data with Python."});
        courses.add(new Object[] {"google-data-analytics", "Google Data Analytics", "google", "Data Science", "BEGINNER", "en", 4.8, 1_500_000, "PUBLISHED", 500,
                new String[] {"SQL", "Spreadsheet", "Data Visualization"}, "Prepare for a career in data analytics."});
        courses.add(new Object[] {"learning-how-to-learn", "Learning How to Learn", null, "Personal Development", "BEGINNER", "en", 4.8, 3_000_000, "PUBLISHED", 1000,
                new String[] {"Memory", "Study Skills"}, "Powerful mental tools to help you master tough subjects."});
        courses.add(new Object[] {"cryptography-i", "Cryptography I", "stanford", "Computer Science", "ADVANCED", "en", 4.8, 300_000, "PUBLISHED", 1200,
                new String[] {"Encryption", "Cryptographic Protocols"}, "The inner workings of cryptographic systems."});
        courses.add(new Object[] {"algorithms-part-i", "Algorithms, Part I", "princeton", "Computer Science", "INTERMEDIATE", "en", 4.9, 900_000, "PUBLISHED", 1100,
                new String[] {"Sorting", "Graphs"}, "Essential information that every serious programmer needs to know."});
        courses.add(new Object[] {"financial-markets", "Financial Markets", "yale", "Business", "BEGINNER", "en", 4.8, 1_000_000, "PUBLISHED", 700,
                new String[] {"Finance", "Risk Management"}, "An overview of the ideas, methods, and institutions of finance."});
        courses.add(new Object[] {"the-science-of-well-being", "The Science of Well-Being", "yale", "Health", "BEGINNER", "en", 4.9, 4_000_000, "PUBLISHED", 600,
                new String[] {"Happiness", "Gratitude"}, "Increase your own happiness and build more productive habits."});
        courses.add(new Object[] {"being-human", "Being Human", "unam", "Social Sciences", "BEGINNER", "en", 4.2, 20_000, "PUBLISHED", 300,
                new String[] {"Anthropology"}, "What being a person has meant across cultures and centuries."});
        courses.add(new Object[] {"introduction-to-psychology", "Introduction to Psychology", "yale", "Social Sciences", "BEGINNER", "en", 4.7, 500_000, "PUBLISHED", 650,
                new String[] {"Psychology"}, "What are people most afraid of? What do our dreams mean?"});
        courses.add(new Object[] {"calculo-diferencial", "Cálculo Diferencial", "unam", "Math and Logic", "INTERMEDIATE", "es", 4.6, 80_000, "PUBLISHED", 400,
                new String[] {"Cálculo", "Derivadas"}, "Límites, derivadas y sus aplicaciones."});
        courses.add(new Object[] {"modern-art-ideas", "Modern Art & Ideas", "moma", "Arts and Humanities", "BEGINNER", "en", 4.7, 200_000, "PUBLISHED", 300,
                new String[] {"Art History"}, "Explore modern and contemporary art through themes."});
        courses.add(new Object[] {"cafe-business-basics", "Café Business Basics", null, "Business", "BEGINNER", "en", 4.1, 1_000, "PUBLISHED", 1,
                new String[] {"Small Business"}, "Open and run a small coffee shop."});
        courses.add(new Object[] {"date-night-cooking", "Date Night Cooking", null, "Personal Development", "BEGINNER", "en", 4.3, 7_000, "PUBLISHED", 90,
                new String[] {"Cooking"}, "Dinners for two, from the market to the table."});
        courses.add(new Object[] {"equipment-leasing", "Equipment Leasing", null, "Business", "ADVANCED", "en", 4.0, 5_000, "PUBLISHED", 200,
                new String[] {"Contracts"}, "Rent machines and vehicles instead of buying them."});
        String[] topics = {"Data", "Business", "Health", "Art", "Physics", "History", "Music", "Writing"};
        for (int i = 0; i < 48; i++) {
            String topic = topics[i % topics.length];
            courses.add(new Object[] {"filler-" + i, topic + " Essentials " + (i + 1), i % 3 == 0 ? "stanford" : null,
                    topic.equals("Data") ? "Data Science" : "Business", i % 2 == 0 ? "BEGINNER" : "ADVANCED", "en",
                    3.0 + (i % 20) / 10.0, 100 * i, "PUBLISHED", 10 + i, new String[] {topic},
                    "A course on " + topic.toLowerCase() + " for everyone, with practice and projects."});
        }
        for (Object[] c : courses) {
            long id = h.createQuery("""
                            INSERT INTO courses (slug, title, partner_id, category, level, language, rating, enrollment_count,
                                                 status, published_at, skills, summary, description)
                            VALUES (:slug, :title, :partner, :category, :level, :language, :rating, :enrollments, :status,
                                    CASE WHEN :status = 'PUBLISHED' THEN now() - make_interval(days => :days) END,
                                    :skills, :description, :description)
                            RETURNING id""")
                    .bind("slug", (String) c[0]).bind("title", (String) c[1])
                    .bind("partner", c[2] == null ? null : partners.get((String) c[2]))
                    .bind("category", (String) c[3]).bind("level", (String) c[4]).bind("language", (String) c[5])
                    .bind("rating", (Double) c[6]).bind("enrollments", ((Number) c[7]).longValue())
                    .bind("status", (String) c[8]).bind("days", (Integer) c[9])
                    .bind("skills", (String[]) c[10]).bind("description", (String) c[11])
                    .mapTo(Long.class).one();
            if (c[0].equals("machine-learning")) {
                h.execute("INSERT INTO course_instructors (course_id, user_id) VALUES (?, ?)", id, ng);
            }
        }
    }
}
