package org.openlearning.search;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.springframework.stereotype.Component;

/**
 * The catalog search while OpenSearch is away: PostgreSQL full text ({@code websearch_to_tsquery}
 * against the {@code course_search_document} expression of the partial GIN index from V8, ranked with
 * {@code ts_rank}) with the same filters, sorts, paging and facets (GROUP BY over the same filter) as
 * {@link CourseSearch}. No typo tolerance; published courses only. The SQL is assembled from the
 * fixed fragments below; request values are only ever bound.
 */
@Component
class DatabaseSearch {

    /** Exactly the indexed expression, so that PostgreSQL uses courses_search_document_idx. */
    private static final String DOCUMENT = "course_search_document(c.title, c.skills, c.summary, c.description)";
    private static final String TSQUERY = "websearch_to_tsquery('english', :text)";
    private static final String FROM = " FROM courses c LEFT JOIN partners p ON p.id = c.partner_id WHERE ";

    private final Jdbi jdbi;

    DatabaseSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    SearchAnswer search(CourseQuery q) {
        return jdbi.withHandle(h -> {
            // a query of stop words only ("the") matches everything, as it does in OpenSearch
            boolean fullText = q.text() != null && h.createQuery("SELECT numnode(" + TSQUERY + ")")
                    .bind("text", q.text()).mapTo(Integer.class).one() > 0;
            String where = where(q, fullText);
            String rank = fullText ? "ts_rank(" + DOCUMENT + ", " + TSQUERY + ")" : null;
            Highlighter highlighter = new Highlighter(q.text());
            List<SearchAnswer.Item> items = bind(h.createQuery("""
                    SELECT c.id, c.slug, c.title, c.summary, c.description, p.name AS partner, p.slug AS partner_slug,
                           c.category, c.level, c.language, c.skills, c.rating, c.enrollment_count, c.published_at
                    """ + FROM + where + " ORDER BY " + order(q.sort(), rank) + " LIMIT :limit OFFSET :offset"),
                    q, fullText)
                    .bind("limit", q.size())
                    .bind("offset", q.from())
                    .map((rs, ctx) -> item(rs, q.text() == null ? Map.of()
                            : highlighter.highlights(rs.getString("title"), rs.getString("description"))))
                    .list();
            Map<String, List<CourseSearch.Facet>> facets = new LinkedHashMap<>();
            CourseSearch.FACETS.keySet().forEach(name -> facets.put(name, new ArrayList<>()));
            long[] total = {0};
            bind(h.createQuery("WITH matched AS MATERIALIZED (SELECT c.category, c.level, c.language,"
                    + " p.slug AS partner_slug, p.name AS partner_name" + FROM + where + """
                    )
                    SELECT 'total' AS facet, NULL AS value, NULL AS label, count(*) AS n FROM matched
                    UNION ALL SELECT 'category', category, category, count(*) FROM matched
                              WHERE category IS NOT NULL GROUP BY category
                    UNION ALL SELECT 'level', level, level, count(*) FROM matched
                              WHERE level IS NOT NULL GROUP BY level
                    UNION ALL SELECT 'language', language, language, count(*) FROM matched
                              WHERE language IS NOT NULL GROUP BY language
                    UNION ALL SELECT 'partner', partner_slug, min(partner_name), count(*) FROM matched
                              WHERE partner_slug IS NOT NULL GROUP BY partner_slug
                    """), q, fullText)
                    .map((rs, ctx) -> new Object[] {rs.getString("facet"), rs.getString("value"), rs.getString("label"),
                            rs.getLong("n")})
                    .forEach(row -> {
                        if (row[0].equals("total")) {
                            total[0] = (long) row[3];
                        } else {
                            facets.get((String) row[0]).add(new CourseSearch.Facet((String) row[1],
                                    (String) row[2], (long) row[3]));
                        }
                    });
            // OpenSearch's terms aggregation order and sizes: most courses first, then by value
            facets.replaceAll((name, values) -> values.stream()
                    .sorted(Comparator.comparingLong(CourseSearch.Facet::count).reversed()
                            .thenComparing(CourseSearch.Facet::value))
                    .limit(name.equals("level") ? 4 : 25)
                    .toList());
            return new SearchAnswer(items, q.page(), q.size(), total[0], SearchAnswer.pages(total[0], q.size()),
                    facets, SearchAnswer.DATABASE, SearchAnswer.LIMITED);
        });
    }

    /** Published titles containing what is being typed, those starting with it first. */
    List<CourseSearch.Suggestion> suggest(String prefix, int limit) {
        String like = prefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.id, c.slug, c.title, p.name AS partner
                        FROM courses c LEFT JOIN partners p ON p.id = c.partner_id
                        WHERE c.status = 'PUBLISHED' AND c.title ILIKE :anywhere
                        ORDER BY c.title ILIKE :start DESC, c.enrollment_count DESC, c.id
                        LIMIT :limit
                        """)
                .bind("anywhere", "%" + like + "%")
                .bind("start", like + "%")
                .bind("limit", limit)
                .map((rs, ctx) -> new CourseSearch.Suggestion(rs.getLong("id"), rs.getString("slug"),
                        rs.getString("title"), rs.getString("partner")))
                .list());
    }

    private static String where(CourseQuery q, boolean fullText) {
        StringBuilder where = new StringBuilder("c.status = 'PUBLISHED'");
        if (fullText) {
            where.append(" AND ").append(DOCUMENT).append(" @@ ").append(TSQUERY);
        }
        if (q.category() != null) {
            where.append(" AND c.category = :category");
        }
        if (q.level() != null) {
            where.append(" AND c.level = :level");
        }
        if (q.language() != null) {
            where.append(" AND c.language = :language");
        }
        if (q.partner() != null) {
            where.append(" AND p.slug = :partner");
        }
        if (q.minRating() != null) {
            where.append(" AND c.rating >= :minRating");
        }
        return where.toString();
    }

    private static Query bind(Query query, CourseQuery q, boolean fullText) {
        if (fullText) {
            query.bind("text", q.text());
        }
        if (q.category() != null) {
            query.bind("category", q.category());
        }
        if (q.level() != null) {
            query.bind("level", q.level());
        }
        if (q.language() != null) {
            query.bind("language", q.language());
        }
        if (q.partner() != null) {
            query.bind("partner", q.partner());
        }
        if (q.minRating() != null) {
            query.bind("minRating", BigDecimal.valueOf(q.minRating()));
        }
        return query;
    }

    /**
     * The orderings of {@link CourseSearch}, ties broken the same way (most enrolled, then id);
     * {@code rank} is null when there is no full-text condition to rank by.
     */
    private static String order(CourseQuery.Sort sort, String rank) {
        String ties = "c.enrollment_count DESC, c.id";
        return switch (sort) {
            case RELEVANCE -> rank == null ? ties : rank + " DESC, " + ties;
            case RATING -> "c.rating DESC NULLS LAST, " + ties;
            case ENROLLMENTS -> ties;
            case NEWEST -> "c.published_at DESC NULLS LAST, " + ties;
            case TITLE -> "lower(c.title), " + ties;
        };
    }

    private static SearchAnswer.Item item(ResultSet rs, Map<String, String> highlights) throws SQLException {
        BigDecimal rating = rs.getBigDecimal("rating");
        Timestamp published = rs.getTimestamp("published_at");
        String partner = rs.getString("partner");
        return new SearchAnswer.Item(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                rs.getString("summary"), partner, partner, rs.getString("partner_slug"), rs.getString("category"),
                rs.getString("level"), rs.getString("language"), strings(rs.getArray("skills")),
                rating == null ? null : rating.doubleValue(), rs.getLong("enrollment_count"),
                published == null ? null : published.toInstant().toString(), highlights);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
        } finally {
            array.free();
        }
    }
}
