package org.openlearning.search;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads courses out of PostgreSQL as search documents, each with its {@code search_version}. */
public final class CourseDocuments {

    /** A document and the version it is indexed with. */
    public record Versioned(CourseDocument document, long version) {
    }

    private static final String SELECT = """
            SELECT c.id, c.slug, c.title, c.summary, c.description, p.name AS partner, p.slug AS partner_slug,
                   c.category, c.level, c.language, c.skills, c.rating, c.enrollment_count, c.published_at, c.status,
                   c.search_version,
                   ARRAY(SELECT u.display_name FROM course_instructors ci JOIN users u ON u.id = ci.user_id
                         WHERE ci.course_id = c.id ORDER BY ci.position, u.display_name) AS instructors
            FROM courses c LEFT JOIN partners p ON p.id = c.partner_id
            """;

    private CourseDocuments() {
    }

    /**
     * The documents of these courses, in the order asked; a course that no longer exists comes back
     * as {@link CourseDocument#deleted} with the highest version there is, so it replaces whatever the
     * index has.
     */
    public static List<Versioned> byIds(Handle handle, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        long[] array = ids.stream().mapToLong(Long::longValue).distinct().toArray();
        Map<Long, Versioned> found = handle.createQuery(SELECT + " WHERE c.id = ANY(:ids)")
                .bind("ids", array)
                .map(CourseDocuments::map)
                .stream()
                .collect(Collectors.toMap(v -> v.document().id(), Function.identity()));
        List<Versioned> result = new ArrayList<>(array.length);
        long gone = -1;
        for (long id : array) {
            Versioned v = found.get(id);
            if (v == null) {
                if (gone < 0) {
                    gone = handle.createQuery("SELECT nextval('course_search_version_seq')").mapTo(Long.class).one();
                }
                v = new Versioned(CourseDocument.deleted(id), gone);
            }
            result.add(v);
        }
        return result;
    }

    /** Published courses with an id above {@code afterId}, by id: one page of a full rebuild. */
    public static List<Versioned> publishedAfter(Handle handle, long afterId, int limit) {
        return handle.createQuery(SELECT + " WHERE c.status = 'PUBLISHED' AND c.id > :after ORDER BY c.id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(CourseDocuments::map)
                .list();
    }

    /**
     * Refreshes the planner's statistics of the tables a full rebuild reads. Where autovacuum is off
     * (as on some machines' PostgreSQL) or has not caught up with a bulk load, stale statistics made
     * the instructors' sub-select a hash join over every user: a page of the rebuild took 25 times
     * as long. Cheap (sampled), and run once per rebuild.
     */
    public static void analyze(Handle handle) {
        handle.execute("ANALYZE courses, course_instructors, users, partners");
    }

    public static long countPublished(Handle handle) {
        return handle.createQuery("SELECT count(*) FROM courses WHERE status = 'PUBLISHED'").mapTo(Long.class).one();
    }

    static Versioned map(ResultSet rs, StatementContext ctx) throws SQLException {
        BigDecimal rating = rs.getBigDecimal("rating");
        Timestamp published = rs.getTimestamp("published_at");
        CourseDocument doc = new CourseDocument(rs.getLong("id"), rs.getString("slug"), rs.getString("title"),
                rs.getString("summary"), rs.getString("description"), rs.getString("partner"),
                rs.getString("partner_slug"), rs.getString("category"), rs.getString("level"),
                rs.getString("language"), strings(rs.getArray("skills")), strings(rs.getArray("instructors")),
                rating == null ? null : rating.doubleValue(), rs.getLong("enrollment_count"),
                published == null ? null : published.toInstant().toString(), rs.getString("status"));
        return new Versioned(doc, rs.getLong("search_version"));
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
