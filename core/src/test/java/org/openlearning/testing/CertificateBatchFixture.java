package org.openlearning.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registrar's CSV for tests and benchmarks, with what it refers to written to PostgreSQL: one
 * learner per row who completed course A, a course B nobody completed, and one bad row in every
 * {@code badEvery} (unknown learner, unknown course, not completed, duplicate, not an e-mail, in
 * turn). One row issues course B with a force_reason, and one prints a name override.
 *
 * @param csv      the file's text (header on line 1)
 * @param good     rows that must issue a certificate
 * @param badLines line of each bad row and the field it is rejected for
 */
public record CertificateBatchFixture(String csv, int good, Map<Integer, String> badLines, String courseA,
        String courseB) {

    public static CertificateBatchFixture create(Connection c, int rows, int badEvery, String tag) throws SQLException {
        String courseA = "cert-a-" + tag;
        String courseB = "cert-b-" + tag;
        long partner;
        long a;
        long b;
        try (Statement s = c.createStatement()) {
            partner = id(s, "INSERT INTO partners (slug, name) VALUES ('p-" + tag + "', 'Universidad de Señales')"
                    + " RETURNING id");
            a = id(s, "INSERT INTO courses (slug, title, partner_id, status, published_at) VALUES ('" + courseA
                    + "', 'Signals and Systems', " + partner + ", 'PUBLISHED', now()) RETURNING id");
            b = id(s, "INSERT INTO courses (slug, title, partner_id, status, published_at) VALUES ('" + courseB
                    + "', 'Control Theory', " + partner + ", 'PUBLISHED', now()) RETURNING id");
            s.execute("INSERT INTO users (email, display_name, password_hash) SELECT 'learner' || i || '-" + tag
                    + "@example.org', 'Learner Número ' || i, 'x' FROM generate_series(1, " + rows + ") i");
            s.execute("INSERT INTO enrollments (user_id, course_id, status, completed_at, completion_percent)"
                    + " SELECT id, " + a + ", 'COMPLETED', now() - interval '1 day', 100 FROM users WHERE email LIKE '%-"
                    + tag + "@example.org'");
            s.execute("INSERT INTO enrollments (user_id, course_id) SELECT id, " + b
                    + " FROM users WHERE email LIKE '%-" + tag + "@example.org'");
        }
        StringBuilder csv = new StringBuilder("email,course,name,force_reason\n");
        Map<Integer, String> bad = new LinkedHashMap<>();
        int good = 0;
        int kind = 0;
        for (int i = 1; i <= rows; i++) {
            int line = i + 1;
            String email = "learner" + i + "-" + tag + "@example.org";
            if (i % badEvery == 0 && i > 1) {
                switch (kind++ % 5) {
                    case 0 -> row(csv, "nobody" + i + "-" + tag + "@example.org", courseA, "", "", bad, line, "email");
                    case 1 -> row(csv, email, "no-such-course-" + tag, "", "", bad, line, "course");
                    case 2 -> row(csv, email, courseB, "", "", bad, line, "course");
                    case 3 -> row(csv, "learner" + (i - 1) + "-" + tag + "@example.org", courseA, "", "", bad, line,
                            "email");
                    default -> row(csv, "not-an-email-" + i, courseA, "", "", bad, line, "email");
                }
            } else if (i == 3) {
                csv.append(email).append(',').append(courseB).append(",,\"registrar decision, 2026-11\"\n");
                good++;
            } else if (i == 5) {
                csv.append(email).append(',').append(a).append(",\"Ελένη Παπαδοπούλου\",\n");
                good++;
            } else {
                csv.append(email).append(',').append(courseA).append(",,\n");
                good++;
            }
        }
        return new CertificateBatchFixture(csv.toString(), good, bad, courseA, courseB);
    }

    private static void row(StringBuilder csv, String email, String course, String name, String force,
            Map<Integer, String> bad, int line, String field) {
        csv.append(email).append(',').append(course).append(',').append(name).append(',').append(force).append('\n');
        bad.put(line, field);
    }

    private static long id(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many certificates of the batch are issued (with a PDF), and how many rows exist at all. */
    public static long[] counts(Connection c, long batchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE sha256 IS NOT NULL), count(*),
                       (SELECT count(*) FROM (SELECT user_id, course_id FROM certificates GROUP BY 1, 2 HAVING count(*) > 1) d)
                FROM certificates WHERE batch_id = ?""")) {
            s.setLong(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
