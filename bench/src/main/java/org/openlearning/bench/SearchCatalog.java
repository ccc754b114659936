package org.openlearning.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The search benchmarks' catalog in PostgreSQL: {@link #ensure} COPYs the generated partners,
 * instructors and courses in one transaction unless they are there already (the courses' triggers
 * write the outbox rows the workers index from); {@link #remove} deletes them all.
 */
final class SearchCatalog {

    static final String COURSES = "courses WHERE slug LIKE '" + CourseGenerator.SLUG_PREFIX + "%'";
    private static final String PARTNERS = "partners WHERE slug LIKE '" + CourseGenerator.SLUG_PREFIX + "partner-%'";
    private static final String INSTRUCTOR_EMAILS = CourseGenerator.SLUG_PREFIX + "instructor-%@bench.example";

    /** What is in the database: all bench courses, and the published ones. */
    record Counts(long courses, long published) {
    }

    private SearchCatalog() {
    }

    static Counts counts(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'PUBLISHED') FROM " + COURSES)) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Loads the catalog unless all of it is there; a partial one (an interrupted run) is replaced. */
    static Counts ensure(Connection db, CourseGenerator generator) throws SQLException, IOException {
        Counts counts = counts(db);
        if (counts.courses() == generator.courses()) {
            Local.log("the " + counts.courses() + " bench courses are in the database already");
            return counts;
        }
        if (counts.courses() > 0) {
            Local.log("replacing an incomplete bench catalog of " + counts.courses() + " courses");
            remove(db);
        }
        long t0 = System.nanoTime();
        Local.inTransaction(db, () -> {
            long[] partners = partners(db);
            long[] instructors = instructors(db);
            try {
                copyCourses(db, generator, partners);
                copyInstructors(db, generator, instructors);
            } catch (IOException e) {
                throw new SQLException("COPY of the bench catalog failed", e);
            }
            return null;
        });
        counts = counts(db);
        Local.log("loaded " + counts.courses() + " bench courses (" + counts.published() + " published) in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return counts;
    }

    /** Deletes the bench courses, partners and instructors; returns the courses deleted. */
    static int remove(Connection db) throws SQLException {
        return Local.inTransaction(db, () -> {
            int courses;
            try (Statement st = db.createStatement()) {
                courses = st.executeUpdate("DELETE FROM " + COURSES); // their course_instructors go with them
                st.executeUpdate("DELETE FROM " + PARTNERS);
                st.executeUpdate("DELETE FROM users WHERE email LIKE '" + INSTRUCTOR_EMAILS + "'");
            }
            return courses;
        });
    }

    private static long[] partners(Connection db) throws SQLException {
        List<CourseGenerator.Partner> partners = CourseGenerator.partners();
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO partners (slug, name, kind, description) VALUES (?, ?, ?, 'Written by the search benchmarks.') "
                        + "ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name")) {
            for (CourseGenerator.Partner p : partners) {
                insert.setString(1, p.slug());
                insert.setString(2, p.name());
                insert.setString(3, p.kind());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> ids = idsBy(db, "SELECT slug, id FROM " + PARTNERS);
        return partners.stream().mapToLong(p -> ids.get(p.slug())).toArray();
    }

    private static long[] instructors(Connection db) throws SQLException {
        List<String> names = CourseGenerator.instructors();
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, '{noop}x')
                ON CONFLICT (email) DO NOTHING
                """)) {
            for (int i = 0; i < names.size(); i++) {
                insert.setString(1, email(i));
                insert.setString(2, names.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO user_roles (user_id, role) SELECT id, 'INSTRUCTOR' FROM users WHERE email LIKE '"
                    + INSTRUCTOR_EMAILS + "' ON CONFLICT DO NOTHING");
        }
        Map<String, Long> ids = idsBy(db, "SELECT email, id FROM users WHERE email LIKE '" + INSTRUCTOR_EMAILS + "'");
        long[] result = new long[names.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ids.get(email(i));
        }
        return result;
    }

    private static void copyCourses(Connection db, CourseGenerator generator, long[] partners)
            throws SQLException, IOException {
        String sql = """
                COPY courses (slug, title, summary, description, partner_id, category, level, language, skills, status,
                              rating, enrollment_count, created_at, updated_at, published_at)
                FROM STDIN (FORMAT csv)""";
        try (Writer out = copy(db, sql)) {
            StringBuilder line = new StringBuilder(1024);
            IOException[] failed = new IOException[1];
            generator.forEach(c -> {
                line.setLength(0);
                csv(line, c.slug()).append(',');
                csv(line, c.title()).append(',');
                csv(line, c.summary()).append(',');
                csv(line, c.description()).append(',');
                line.append(partners[c.partner()]).append(',');
                csv(line, c.category()).append(',').append(c.level()).append(',').append(c.language()).append(',');
                csv(line, array(c.skills())).append(',').append(c.status()).append(',');
                line.append(c.rating() == null ? "" : c.rating().toString()).append(',').append(c.enrollments()).append(',');
                line.append(c.createdAt()).append(',').append(c.createdAt()).append(',');
                line.append(c.publishedAt() == null ? "" : c.publishedAt().toString()).append('\n');
                try {
                    out.append(line);
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
    }

    private static void copyInstructors(Connection db, CourseGenerator generator, long[] instructors)
            throws SQLException, IOException {
        Map<String, Long> courses = idsBy(db, "SELECT slug, id FROM " + COURSES);
        try (Writer out = copy(db, "COPY course_instructors (course_id, user_id, position) FROM STDIN (FORMAT csv)")) {
            StringBuilder lines = new StringBuilder();
            generator.forEach(c -> {
                for (int i = 0; i < c.instructors().length; i++) {
                    lines.append(courses.get(c.slug())).append(',').append(instructors[c.instructors()[i]]).append(',')
                            .append(i).append('\n');
                }
            });
            out.append(lines);
        }
    }

    private static Writer copy(Connection db, String sql) throws SQLException {
        PGConnection pg = db.unwrap(PGConnection.class);
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg, sql, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static StringBuilder csv(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            out.append(ch);
            if (ch == '"') {
                out.append('"');
            }
        }
        return out.append('"');
    }

    /** A PostgreSQL array literal of texts. */
    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (String v : values) {
            out.append(out.length() > 1 ? "," : "").append('"')
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    private static String email(int instructor) {
        return CourseGenerator.SLUG_PREFIX + "instructor-" + (instructor + 1) + "@bench.example";
    }

    private static Map<String, Long> idsBy(Connection db, String sql) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return ids;
    }
}
