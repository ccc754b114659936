package org.openlearning.search.reindex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.jdbi.v3.core.Jdbi;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.GetResponse;
import org.openlearning.search.CourseDocument;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.CourseSearch;

/** Courses written straight into PostgreSQL (as any writer would) and what the search index says of them. */
final class SearchFixtures {

    private SearchFixtures() {
    }

    static long insertCourse(Jdbi jdbi, String slug, String title, String status) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO courses (slug, title, summary, category, status, published_at)
                        VALUES (:slug, :title, :title, 'Science', :status, CASE WHEN :status = 'PUBLISHED' THEN now() END)
                        RETURNING id""")
                .bind("slug", slug).bind("title", title).bind("status", status)
                .mapTo(Long.class).one());
    }

    /** {@code count} published courses titled "{@code prefix} n" and a few drafts, in one statement. */
    static void insertCatalog(Jdbi jdbi, String prefix, int count, int drafts) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO courses (slug, title, summary, category, level, status, published_at, rating)
                        SELECT lower(:prefix) || '-' || n, :prefix || ' ' || n, 'About ' || :prefix || ' number ' || n,
                               CASE n % 3 WHEN 0 THEN 'Science' WHEN 1 THEN 'Business' ELSE 'Arts' END,
                               CASE n % 2 WHEN 0 THEN 'BEGINNER' ELSE 'ADVANCED' END,
                               CASE WHEN n > :count THEN 'DRAFT' ELSE 'PUBLISHED' END,
                               CASE WHEN n > :count THEN NULL ELSE now() - make_interval(mins => n) END,
                               (n % 50) / 10.0
                        FROM generate_series(1, :count + :drafts) n""")
                .bind("prefix", prefix).bind("count", count).bind("drafts", drafts).execute());
    }

    static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static List<String> slugs(CourseSearch search, String text, int size) {
        return search.search(CourseQuery.parse(text, null, null, null, null, null, null, 1, size)).items().stream()
                .map(r -> r.course().slug()).toList();
    }

    /** How many published courses a free-text search finds. */
    static long total(CourseSearch search, String text) {
        return search.search(CourseQuery.parse(text, null, null, null, null, null, null, 1, 1)).total();
    }

    /** The document the alias holds for a course, or null. */
    static GetResponse<CourseDocument> document(OpenSearchClient client, String alias, long id) {
        try {
            GetResponse<CourseDocument> r = client.get(g -> g.index(alias).id(Long.toString(id)), CourseDocument.class);
            return r.found() ? r : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds; returns how long it took, or fails after {@code timeout}. */
    static Duration await(String what, Duration timeout, BooleanSupplier condition) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        return Duration.between(start, Instant.now());
    }
}
