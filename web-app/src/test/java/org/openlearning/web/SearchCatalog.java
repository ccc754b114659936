package org.openlearning.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;

import tools.jackson.databind.JsonNode;

/**
 * A small catalog for the search tests, written straight into the test's database (drafts and an
 * archived course included, which must never show), and the test's OpenSearch index built from it
 * the way a full rebuild does: a new index, filled page by page, then the alias swapped onto it.
 */
final class SearchCatalog {

    private SearchCatalog() {
    }

    static void write(Jdbi jdbi) {
        jdbi.useHandle(SearchCatalog::write);
    }

    /** Indexes every published course and points the test's alias at the new index. */
    static void index(Jdbi jdbi, CourseIndex index) {
        String name = index.alias() + "-" + System.nanoTime();
        index.create(name, true);
        jdbi.useHandle(h -> index.load(h, name, 50));
        index.finishBulk(name);
        index.swapAlias(name);
    }

    /** Writes the current state of these courses into the index and makes it searchable now. */
    static void reindex(Jdbi jdbi, CourseIndex index, Collection<Long> ids) {
        jdbi.useHandle(h -> index.write(index.alias(), CourseDocuments.byIds(h, ids)));
        index.refresh();
    }

    /** Deletes every index of the test's alias. */
    static void drop(CourseIndex index) {
        index.allIndices().forEach(index::deleteIndex);
    }

    private static void write(Handle h) {
        Map<String, Long> partners = new HashMap<>();
        for (String[] p : new String[][] {{"stanford", "Stanford University"}, {"yale", "Yale University"},
                {"umich", "University of Michigan"}, {"moma", "The Museum of Modern Art"}}) {
            partners.put(p[0], h.createQuery("INSERT INTO partners (slug, name) VALUES (?, ?) RETURNING id")
                    .bind(0, p[0]).bind(1, p[1]).mapTo(Long.class).one());
        }
        List<Object[]> courses = new ArrayList<>();
        // slug, title, partner, category, level, language, rating, enrollments, status, days ago, skills, description
        courses.add(new Object[] {"machine-learning", "Machine Learning", "stanford", "Data Science", "BEGINNER", "en", 4.9, 4_800_000, "PUBLISHED", 900,
                new String[] {"Machine Learning", "Neural Networks"}, "Supervised and unsupervised learning, best practices."});
        courses.add(new Object[] {"machine-learning-secrets", "Machine Learning Secrets", "stanford", "Data Science", "BEGINNER", "en", 5.0, 9_000_000, "DRAFT", 1,
                new String[] {"Machine Learning"}, "Not yet published."});
        courses.add(new Object[] {"machine-learning-legacy", "Machine Learning Legacy", "stanford", "Data Science", "BEGINNER", "en", 4.0, 10, "ARCHIVED", 2000,
                new String[] {"Machine Learning"}, "Retired."});
        courses.add(new Object[] {"machine-vision", "Machine Vision Basics", "umich", "Computer Science", "INTERMEDIATE", "en", 4.3, 70_000, "PUBLISHED", 120,
                new String[] {"Computer Vision"}, "Cameras, images and the algorithms that read them."});
        courses.add(new Object[] {"python-for-everybody", "Python for Everybody", "umich", "Computer Science", "BEGINNER", "en", 4.8, 2_000_000, "PUBLISHED", 800,
                new String[] {"Python Programming", "Data Structures"}, "Learn to program and analyze data with Python."});
        courses.add(new Object[] {"financial-markets", "Financial Markets", "yale", "Business", "BEGINNER", "en", 4.8, 1_000_000, "PUBLISHED", 700,
                new String[] {"Finance", "Risk Management"}, "An overview of the ideas, methods, and institutions of finance."});
        courses.add(new Object[] {"the-science-of-well-being", "The Science of Well-Being", "yale", "Health", "BEGINNER", "en", 4.9, 4_000_000, "PUBLISHED", 600,
                new String[] {"Happiness", "Gratitude"}, "Increase your own happiness and build more productive habits."});
        courses.add(new Object[] {"modern-art-ideas", "Modern Art & Ideas", "moma", "Arts and Humanities", "BEGINNER", "en", 4.7, 200_000, "PUBLISHED", 300,
                new String[] {"Art History"}, "Explore modern <and> contemporary art through themes."});
        courses.add(new Object[] {"calculo-diferencial", "Cálculo Diferencial", null, "Math and Logic", "ADVANCED", "es", 4.6, 80_000, "PUBLISHED", 400,
                new String[] {"Cálculo", "Derivadas"}, "Límites, derivadas y sus aplicaciones."});
        String[] topics = {"Data", "Business", "Health", "Art"};
        for (int i = 0; i < 20; i++) {
            String topic = topics[i % topics.length];
            courses.add(new Object[] {"essentials-" + i, topic + " Essentials " + (i + 1), i % 3 == 0 ? "stanford" : null,
                    topic.equals("Data") ? "Data Science" : "Business", i % 2 == 0 ? "BEGINNER" : "ADVANCED",
                    i % 5 == 0 ? "es" : "en", 3.0 + (i % 20) / 10.0, 100 * i, "PUBLISHED", 10 + i, new String[] {topic},
                    "A course on " + topic.toLowerCase() + " for everyone, with practice and projects."});
        }
        for (Object[] c : courses) {
            h.createUpdate("""
                            INSERT INTO courses (slug, title, partner_id, category, level, language, rating, enrollment_count,
                                                 status, published_at, skills, summary, description)
                            VALUES (:slug, :title, :partner, :category, :level, :language, :rating, :enrollments, :status,
                                    CASE WHEN :status = 'PUBLISHED' THEN now() - make_interval(days => :days) END,
                                    :skills, :summary, :description)""")
                    .bind("slug", (String) c[0]).bind("title", (String) c[1])
                    .bind("partner", c[2] == null ? null : partners.get((String) c[2]))
                    .bind("category", (String) c[3]).bind("level", (String) c[4]).bind("language", (String) c[5])
                    .bind("rating", (Double) c[6]).bind("enrollments", ((Number) c[7]).longValue())
                    .bind("status", (String) c[8]).bind("days", (Integer) c[9])
                    .bind("skills", (String[]) c[10]).bind("summary", "About " + c[1])
                    .bind("description", (String) c[11])
                    .execute();
        }
    }

    /** The titles of a search answer's items, in order. */
    static List<String> titles(JsonNode page) {
        return page.get("items").valueStream().map(i -> i.get("title").asString()).toList();
    }

    /** One facet of a search answer: value → count. */
    static Map<String, Long> facet(JsonNode page, String name) {
        Map<String, Long> counts = new HashMap<>();
        page.get("facets").get(name).forEach(f -> counts.put(f.get("value").asString(), f.get("count").asLong()));
        return counts;
    }

    /** The same counts straight from PostgreSQL: courses matching {@code filter}, by {@code column}. */
    static Map<String, Long> groupBy(Jdbi jdbi, String column, String filter) {
        Map<String, Long> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + column + ", count(*) FROM courses WHERE " + filter
                        + " AND " + column + " IS NOT NULL GROUP BY 1")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
